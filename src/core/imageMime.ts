import type { ImageMime } from './types';

/**
 * The image type from the bytes themselves: servers label images wrongly often enough (a `.png` URL serving JPEG,
 * `mimeType` missing) that headers and names are never trusted. Pure byte work, so both the extension and the
 * webview (which has no `Buffer`) use it.
 */

export const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);

export const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

export const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');

/** The image type from magic bytes, or undefined when the bytes are none of the four formats we save. */
export function sniffImageMime(bytes: Uint8Array): ImageMime | undefined {
  if (startsWith(bytes, PNG)) {
    return 'image/png';
  }
  if (startsWith(bytes, JPEG)) {
    return 'image/jpeg';
  }
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) {
    return 'image/webp';
  }
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) {
    return 'image/gif';
  }
  return undefined;
}
