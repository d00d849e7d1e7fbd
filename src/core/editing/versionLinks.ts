import { findImageLinks, resolveLinkTarget, type ImageLinkSpan, type LinkContext } from '../paths/imageLinkSpans';
import { writtenTarget, type ImageSyntax } from '../paths/imageLinks';

/**
 * Use This Version: the document's links to earlier versions of an image become links to this one. Only the
 * target of each link changes (as the language writes targets), so alt text, titles and attributes stay.
 */

export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The replacements for the links in `text` whose target resolves to one of `earlier` (absolute URI paths);
 * `versionTarget` is the version's target relative to the document (`linkTargetFor`).
 */
export function versionLinkReplacements(
  text: string,
  syntax: ImageSyntax,
  context: LinkContext,
  earlier: ReadonlySet<string>,
  versionTarget: string,
): TextReplacement[] {
  const replacement = writtenTarget(syntax, versionTarget);
  const pointsEarlier = (span: ImageLinkSpan): boolean => {
    const resolved = resolveLinkTarget(span.target, context);
    return resolved !== undefined && earlier.has(resolved);
  };
  return findImageLinks(text, syntax)
    .filter(pointsEarlier)
    .map((span) => ({ start: span.targetStart, end: span.targetEnd, text: replacement }));
}
