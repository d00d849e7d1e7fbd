import * as path from 'node:path';
import type { ImageSyntax } from './imageLinks';

/**
 * The image links already in a document, for Edit Image on the link under the cursor and for Use This Version,
 * which rewrites their targets. Each syntax's image construct is found by its own pattern (Markdown and MDX also
 * contain HTML `<img>`), and the target is given both as written (its exact span, to replace) and decoded (the
 * path it means). Pure, so every syntax is unit-tested without VS Code.
 */

export interface ImageLinkSpan {
  /** Offsets of the whole construct (`![alt](x.png "t")`), for the cursor and code actions. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the target as written (`x.png`, `<a b.png>`, `a%20b.png`): the only part Use This Version replaces. */
  readonly targetStart: number;
  readonly targetEnd: number;
  /** The path the target means: escapes and encodings undone, no URL query or fragment. */
  readonly target: string;
}

interface Pattern {
  readonly regex: RegExp;
  readonly decode: (written: string) => string;
}

/** A URL path: its query and fragment dropped (an encoded `%23` stays part of the name), then percent-decoded. */
function percentDecoded(text: string): string {
  const pathOnly = text.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(pathOnly);
  } catch {
    return pathOnly;
  }
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", '#39': "'", '#123': '{', '#125': '}' };

const backslashUnescaped = (text: string): string => text.replace(/\\(.)/g, '$1');
const htmlDecoded = (text: string): string => percentDecoded(text.replace(/&(#?\w+);/g, (whole, name: string) => HTML_ENTITIES[name] ?? whole));
const markdownDecoded = (text: string): string => percentDecoded(text.startsWith('<') && text.endsWith('>') ? text.slice(1, -1) : text);

/** Group 1 of each pattern is the target as written. */
const HTML: Pattern = { regex: /<img\b[^>]*?\bsrc\s*=\s*["']([^"']*)["'][^>]*>/gi, decode: htmlDecoded };
const MARKDOWN: Pattern = {
  regex: /!\[(?:\\.|[^\]\\\n])*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)/g,
  decode: markdownDecoded,
};

const PATTERNS: Readonly<Record<ImageSyntax, readonly Pattern[]>> = {
  markdown: [MARKDOWN, HTML],
  mdx: [MARKDOWN, HTML],
  html: [HTML],
  svelte: [HTML],
  asciidoc: [{ regex: /image::?([^\s[\]]+)\[[^\]\n]*\]/g, decode: percentDecoded }],
  restructuredtext: [{ regex: /^[ \t]*\.\. (?:image|figure):: ((?:\\.|\S)+)/gm, decode: backslashUnescaped }],
  latex: [{ regex: /\\includegraphics(?:\[[^\]]*\])?\{((?:\\.|[^}\\])*)\}/g, decode: backslashUnescaped }],
  typst: [{ regex: /#?image\(\s*"((?:\\.|[^"\\])*)"[^)]*\)/g, decode: backslashUnescaped }],
  org: [{ regex: /\[\[(?:file:)?((?:\\.|[^\]\\])+)\](?:\[[^\]]*\])?\]/g, decode: backslashUnescaped }],
};

/** Every image link in `text`, in document order. */
export function findImageLinks(text: string, syntax: ImageSyntax): ImageLinkSpan[] {
  const spans: ImageLinkSpan[] = [];
  for (const { regex, decode } of PATTERNS[syntax]) {
    // `d`: the offsets of the target group itself, which may occur earlier in the match as alt text.
    for (const match of text.matchAll(new RegExp(regex.source, `${regex.flags}d`))) {
      const written = match[1] ?? '';
      const start = match.index;
      const targetStart = match.indices?.[1]?.[0] ?? start;
      spans.push({
        start,
        end: start + match[0].length,
        targetStart,
        targetEnd: targetStart + written.length,
        target: decode(written),
      });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The link whose construct contains `offset` (the cursor), if any. */
export function imageLinkAt(text: string, syntax: ImageSyntax, offset: number): ImageLinkSpan | undefined {
  return findImageLinks(text, syntax).find((span) => span.start <= offset && offset <= span.end);
}

/** Where a link's target lives: relative to the document's folder; `/`-rooted in the workspace folder. */
export interface LinkContext {
  /** The document's folder path (a URI path). */
  readonly documentDir: string;
  readonly workspaceFolder?: string;
}

/** The absolute (URI) path a target means, or undefined for a URL elsewhere (`https:`, `data:`). */
export function resolveLinkTarget(target: string, context: LinkContext): string | undefined {
  if (target === '' || /^[a-z][\w+.-]*:/i.test(target.replace(/^file:/i, '')) || target.startsWith('//')) {
    return undefined;
  }
  const local = target.replace(/^file:/i, '');
  if (local.startsWith('/')) {
    return context.workspaceFolder ? path.posix.join(context.workspaceFolder, local) : path.posix.normalize(local);
  }
  return path.posix.join(context.documentDir, local);
}
