import { IMAGE_EXTENSIONS } from '../imageBytes';

/**
 * Readable, safe file names from prompts. Letters of every script survive (a Chinese prompt gives a Chinese
 * name); everything a file system or a Markdown link would choke on becomes a dash.
 */

const MAX_STEM_CODE_POINTS = 48;
/**
 * File systems count bytes, not letters: ext4 and most others allow 255 bytes per name. 48 four-byte letters
 * (CJK Ext-B, Adlam) are 192 bytes; with the timestamp, a `-N` suffix and the extension, 144 bytes of stem keep
 * every name we write under 180 bytes. 48 Chinese characters (3 bytes each) still fit.
 */
const MAX_STEM_BYTES = 144;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');
const fits = (text: string): boolean => [...text].length <= MAX_STEM_CODE_POINTS && utf8Length(text) <= MAX_STEM_BYTES;

/** The longest start of `word` that fits, cut between graphemes, so a letter and its marks stay together. */
function truncateToFit(word: string): string {
  let kept = '';
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(word)) {
    if (!fits(kept + segment)) {
      break;
    }
    kept += segment;
  }
  return kept;
}

/**
 * A file-name stem from a prompt: letters and digits of any script joined by dashes, at most 48 code points and
 * 144 UTF-8 bytes.
 */
export function stemFromPrompt(prompt: string): string {
  const words = prompt
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    // A mark on its own (the U+FE0F after many emoji) would give an invisible name.
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  let stem = '';
  for (const word of words) {
    const next = stem ? `${stem}-${word}` : word;
    if (!fits(next)) {
      if (!stem) {
        stem = truncateToFit(word);
      }
      break;
    }
    stem = next;
  }
  if (!stem || WINDOWS_RESERVED.test(stem)) {
    return stem ? `image-${stem}` : 'image';
  }
  return stem;
}

/** `20261121-153045`, in local time: sorts by creation and is readable. */
export function timestampForFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

/** The file extension for a sniffed image type. */
export function extensionForMime(mimeType: string): string {
  return (IMAGE_EXTENSIONS as Readonly<Record<string, string>>)[mimeType] ?? 'bin';
}

/** `stem-timestamp.ext`, the name a new image gets before collision suffixes. */
export function imageFileName(prompt: string, date: Date, mimeType: string): string {
  return `${stemFromPrompt(prompt)}-${timestampForFileName(date)}.${extensionForMime(mimeType)}`;
}

/**
 * The name an image kept after a failed save gets in the extension's storage: ASCII, short and fixed in length,
 * so no prompt and no file system can make it fail (the prompt stays in the history and the metadata).
 */
export function keptImageFileName(date: Date, mimeType: string): string {
  return `image-${timestampForFileName(date)}.${extensionForMime(mimeType)}`;
}

/** `name.png` → `name-1.png`, `name-2.png`, …: the candidates tried so nothing is overwritten. */
export function withCollisionSuffix(fileName: string, attempt: number): string {
  if (attempt === 0) {
    return fileName;
  }
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return `${stem}-${attempt}${ext}`;
}
