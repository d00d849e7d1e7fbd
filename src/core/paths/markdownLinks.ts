import * as path from 'node:path';

/**
 * Markdown image links the way VS Code's own Markdown paste writes them: relative to the document's folder,
 * `<…>` around targets with spaces or parentheses, alt text escaped.
 */

/** POSIX path of `target` relative to the folder `fromDir` (both absolute POSIX paths, e.g. URI paths). */
export function relativeLinkPath(fromDir: string, target: string): string {
  const relative = path.posix.relative(fromDir, target);
  return relative === '' ? path.posix.basename(target) : relative;
}

/**
 * A link target is a URL: a `#` or `?` in a folder or file name would start a fragment or a query, and `%41` would
 * be read as an escape. Each path segment gets those percent-encoded (as VS Code's own Markdown paste encodes its
 * paths), so `../c#/x.png` stays a link to the folder `c#`; everything else is kept as written.
 */
export function encodeUrlPath(target: string): string {
  // `/` is never among them, so the segments stay apart.
  return target.replace(/[%#?]/g, (c) => encodeURIComponent(c));
}

/** A link target that survives Markdown: URL characters encoded, `<…>` when it holds white space or parentheses, `<`/`>` encoded. */
export function formatLinkTarget(target: string): string {
  const encoded = encodeUrlPath(target).replace(/[<>]/g, (c) => encodeURIComponent(c));
  return /[\s()]/.test(encoded) ? `<${encoded}>` : encoded;
}

const MAX_ALT_LENGTH = 120;

/** Alt text for any syntax: one line, at most 120 characters (a long prompt ends in an ellipsis). */
export function oneLineAlt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return [...oneLine].length > MAX_ALT_LENGTH ? `${[...oneLine].slice(0, MAX_ALT_LENGTH - 1).join('')}…` : oneLine;
}

/** Markdown alt text on one line, with the characters that would end it (`[`, `]`, `\`) escaped. */
export function escapeAltText(text: string): string {
  return oneLineAlt(text).replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** `![alt](target)`. */
export function markdownImage(alt: string, target: string): string {
  return `![${escapeAltText(alt)}](${formatLinkTarget(target)})`;
}

/** Where the document that gets the link lives, as far as links care. */
export interface LinkBase {
  /** Path of the saved document: links are relative to its folder. */
  readonly documentPath?: string;
  /** Path of its workspace folder: for an untitled document the link is `/`-rooted there, as the preview resolves it. */
  readonly workspaceFolder?: string;
}

/** The link target for an image: document-relative, else workspace-rooted, else the absolute path. */
export function linkTargetFor(imagePath: string, base: LinkBase): string {
  if (base.documentPath) {
    return relativeLinkPath(path.posix.dirname(base.documentPath), imagePath);
  }
  if (base.workspaceFolder) {
    return `/${path.posix.relative(base.workspaceFolder, imagePath)}`;
  }
  return imagePath;
}
