import { encodeUrlPath, escapeAltText, formatLinkTarget, linkTargetFor, markdownImage, oneLineAlt, type LinkBase } from './markdownLinks';

/**
 * An image reference in the syntax of the document it goes into, chosen by VS Code's language id. Each syntax
 * escapes what would end or change its own construct; a language without image syntax gets no link (the caller
 * puts the path on the clipboard and says so). Pure, so every syntax is unit-tested without VS Code.
 */

export type ImageSyntax = 'markdown' | 'mdx' | 'html' | 'svelte' | 'asciidoc' | 'restructuredtext' | 'latex' | 'typst' | 'org';

const SYNTAX_BY_LANGUAGE: Readonly<Record<string, ImageSyntax>> = {
  markdown: 'markdown',
  mdx: 'mdx',
  html: 'html',
  vue: 'html',
  'vue-html': 'html',
  svelte: 'svelte',
  asciidoc: 'asciidoc',
  restructuredtext: 'restructuredtext',
  latex: 'latex',
  tex: 'latex',
  typst: 'typst',
  org: 'org',
};

/** The language ids that have an image syntax, for the features that act on image links. */
export const IMAGE_LINK_LANGUAGES: readonly string[] = Object.keys(SYNTAX_BY_LANGUAGE);

/** The image syntax of a language id, or undefined for a language that has none (plain text, code). */
export function imageSyntaxFor(languageId: string): ImageSyntax | undefined {
  return Object.hasOwn(SYNTAX_BY_LANGUAGE, languageId) ? SYNTAX_BY_LANGUAGE[languageId] : undefined;
}

/** Syntaxes whose image construct is a block of its own: it must start a line, apart from the text around it. */
export function isBlockSyntax(syntax: ImageSyntax): boolean {
  return syntax === 'asciidoc' || syntax === 'restructuredtext';
}

/** Text in an HTML attribute value; braces too, which Svelte (and Vue's mustaches) would read as code. */
function htmlAttribute(text: string): string {
  const entities: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '{': '&#123;', '}': '&#125;' };
  return text.replace(/[&"<>{}]/g, (c) => entities[c]!);
}

/** A URL path for an attribute or macro: URL characters and white space percent-encoded. */
const urlPath = (target: string): string => encodeUrlPath(target).replace(/\s/g, (c) => encodeURIComponent(c));

/** MDX reads `{…}` as an expression and `<` as a tag even in alt text; a backslash keeps them text. */
function mdxImage(alt: string, target: string): string {
  return `![${escapeAltText(alt).replace(/[{}<]/g, (c) => `\\${c}`)}](${writtenTarget('mdx', target)})`;
}

/** `image::path[alt]`: `]` would end the attribute list; a comma, `=` or quote in the alt needs the quoted form. */
function asciidocImage(alt: string, target: string): string {
  const text = oneLineAlt(alt);
  const path = writtenTarget('asciidoc', target);
  const attribute = /[,="]/.test(text) ? `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"` : text.replace(/\]/g, '\\]');
  return `image::${path}[${attribute}]`;
}

/** `.. image:: path` with `:alt:`; docutils drops unescaped white space from the path, so it is escaped. */
function restructuredTextImage(alt: string, target: string): string {
  return `.. image:: ${writtenTarget('restructuredtext', target)}\n   :alt: ${oneLineAlt(alt)}`;
}

/** `\includegraphics{path}`: TeX would read `%` as a comment, `#`, `&`, `{`, `}` as syntax. */
function latexImage(target: string): string {
  return `\\includegraphics{${writtenTarget('latex', target)}}`;
}

/** `#image("path", alt: "…")`: both are Typst strings. */
function typstImage(alt: string, target: string): string {
  const str = (text: string): string => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `#image("${writtenTarget('typst', target)}", alt: ${str(oneLineAlt(alt))})`;
}

/** `[[file:path]]`: Org escapes brackets and backslashes in a link with a backslash. */
function orgImage(target: string): string {
  return `[[file:${writtenTarget('org', target)}]]`;
}

/**
 * `target` as the link in `syntax` writes it (the part between its delimiters): what Use This Version puts in
 * place of an old target, so the rest of the link (alt text, title, attributes) stays as the author wrote it.
 */
export function writtenTarget(syntax: ImageSyntax, target: string): string {
  switch (syntax) {
    case 'markdown':
    case 'mdx':
      return formatLinkTarget(target);
    case 'html':
    case 'svelte':
      return htmlAttribute(urlPath(target));
    case 'asciidoc':
      return urlPath(target).replace(/[[\]]/g, (c) => encodeURIComponent(c));
    case 'restructuredtext':
      return target.replace(/[\\\s]/g, (c) => `\\${c}`);
    case 'latex':
      return target.replace(/[%#&{}]/g, (c) => `\\${c}`);
    case 'typst':
      return target.replace(/["\\]/g, (c) => `\\${c}`);
    case 'org':
      return target.replace(/[[\]\\]/g, (c) => `\\${c}`);
  }
}

/** The image reference for `target` (already relative to the document) in `syntax`. */
export function imageReference(syntax: ImageSyntax, alt: string, target: string): string {
  switch (syntax) {
    case 'markdown':
      return markdownImage(alt, target);
    case 'mdx':
      return mdxImage(alt, target);
    case 'html':
    case 'svelte':
      return `<img src="${writtenTarget(syntax, target)}" alt="${htmlAttribute(oneLineAlt(alt))}">`;
    case 'asciidoc':
      return asciidocImage(alt, target);
    case 'restructuredtext':
      return restructuredTextImage(alt, target);
    case 'latex':
      return latexImage(target);
    case 'typst':
      return typstImage(alt, target);
    case 'org':
      return orgImage(target);
  }
}

/** Several images one after another: one per line, block constructs apart by an empty line. */
export function imageReferences(syntax: ImageSyntax, images: readonly { alt: string; target: string }[]): string {
  return images.map(({ alt, target }) => imageReference(syntax, alt, target)).join(isBlockSyntax(syntax) ? '\n\n' : '\n');
}

/** Where inserted text lands, as far as its line breaks care. */
export interface InsertionContext {
  /** The text goes on a new line after a selected prompt. */
  readonly afterSelection: boolean;
  /** Text stands before the insertion point on its line. */
  readonly textBefore: boolean;
  /** Text follows the insertion point on its line. */
  readonly textAfter: boolean;
}

/**
 * The text to insert with the line breaks it needs: after a selection it starts a new line; a block construct
 * (AsciiDoc, reStructuredText) is kept apart from the text around it by empty lines, or it would not be read as one.
 */
export function textToInsert(syntax: ImageSyntax | undefined, text: string, at: InsertionContext): string {
  if (syntax === undefined || !isBlockSyntax(syntax)) {
    return at.afterSelection ? `\n${text}` : text;
  }
  const before = at.afterSelection || at.textBefore ? '\n\n' : '';
  const after = at.textAfter ? '\n\n' : '';
  return `${before}${text}${after}`;
}

/** Images to link, by their absolute (URI) path. */
export interface ImageToLink {
  readonly path: string;
  readonly alt: string;
}

/** What goes into the document (or the clipboard): the references in its syntax, or the bare paths when it has none. */
export interface ImageLinkText {
  readonly text: string;
  /** Absent: the language has no image syntax and `text` holds the paths, one per line. */
  readonly syntax?: ImageSyntax;
}

/**
 * The images as the document of `languageId` links them, relative to `base`. Without a document (undefined) the
 * references are Markdown, the extension's default.
 */
export function imageLinkText(languageId: string | undefined, images: readonly ImageToLink[], base: LinkBase): ImageLinkText {
  const syntax = languageId === undefined ? 'markdown' : imageSyntaxFor(languageId);
  const targets = images.map((image) => ({ alt: image.alt, target: linkTargetFor(image.path, base) }));
  return syntax ? { text: imageReferences(syntax, targets), syntax } : { text: targets.map((t) => t.target).join('\n') };
}
