import { ascii, PNG, sniffImageMime, startsWith } from './imageMime';
import type { ImageMime } from './types';

/**
 * Image type and pixel size from the bytes themselves: servers label images wrongly often enough
 * (a `.png` URL serving JPEG, `mimeType` missing) that headers and names are never trusted.
 */

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

// Sniffing lives apart, without `Buffer`, because the webview uses it too.
export { sniffImageMime };

export const IMAGE_EXTENSIONS: Readonly<Record<ImageMime, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function pngSize(bytes: Uint8Array): PixelSize | undefined {
  // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
  if (bytes.length < 24 || !startsWith(bytes, ascii('IHDR'), 12)) {
    return undefined;
  }
  const data = view(bytes);
  return { width: data.getUint32(16), height: data.getUint32(20) };
}

/** SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Uint8Array): PixelSize | undefined {
  const data = view(bytes);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) {
      return undefined;
    }
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    const length = data.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      return offset + 9 <= bytes.length ? { width: data.getUint16(offset + 7), height: data.getUint16(offset + 5) } : undefined;
    }
    offset += 2 + length;
  }
  return undefined;
}

/** The bytes each WebP variant needs before its size can be read. */
const WEBP_HEADER_BYTES: Readonly<Record<string, number>> = { 'VP8 ': 30, VP8L: 25, VP8X: 30 };

function webpSize(bytes: Uint8Array): PixelSize | undefined {
  const chunk = bytes.length >= 16 ? String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) : '';
  if (bytes.length < (WEBP_HEADER_BYTES[chunk] ?? Infinity)) {
    return undefined;
  }
  const data = view(bytes);
  if (chunk === 'VP8 ') {
    // Lossy: 14-bit sizes after the frame tag and start code, low bits first.
    return { width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    // Lossless: after the 0x2f signature, width-1 and height-1 packed as 14 bits each.
    const bits = data.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  // Extended (VP8X): 24-bit canvas width-1 and height-1 at offsets 24 and 27.
  const uint24 = (at: number): number => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
  return { width: uint24(24) + 1, height: uint24(27) + 1 };
}

function gifSize(bytes: Uint8Array): PixelSize | undefined {
  if (bytes.length < 10) {
    return undefined;
  }
  const data = view(bytes);
  return { width: data.getUint16(6, true), height: data.getUint16(8, true) };
}

/** Pixel size from the image header, or undefined when the header is cut short or unknown. */
export function imageSize(bytes: Uint8Array, mime: ImageMime | undefined = sniffImageMime(bytes)): PixelSize | undefined {
  switch (mime) {
    case 'image/png':
      return pngSize(bytes);
    case 'image/jpeg':
      return jpegSize(bytes);
    case 'image/webp':
      return webpSize(bytes);
    case 'image/gif':
      return gifSize(bytes);
    case undefined:
      return undefined;
  }
}

const PNG_IEND = [0, 0, 0, 0, ...ascii('IEND'), 0xae, 0x42, 0x60, 0x82];

/** The index after trailing zero bytes are dropped: some servers pad a file out to a block size. */
function endWithoutPadding(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) {
    end -= 1;
  }
  return end;
}

/**
 * Whether the image ends where its format says it ends: a PNG with its IEND chunk, a JPEG with its EOI marker,
 * a GIF with its trailer, a WebP with as many bytes as its RIFF header announces. A body cut short by the
 * network or a lying Content-Length fails this, and must not be saved as if it were the image.
 */
export function isComplete(bytes: Uint8Array, mime: ImageMime): boolean {
  switch (mime) {
    case 'image/png':
      return bytes.length >= PNG.length + PNG_IEND.length && startsWith(bytes, PNG_IEND, bytes.length - PNG_IEND.length);
    case 'image/jpeg': {
      const end = endWithoutPadding(bytes);
      return end >= 4 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
    }
    case 'image/gif': {
      const end = endWithoutPadding(bytes);
      return end > 13 && bytes[end - 1] === 0x3b;
    }
    case 'image/webp':
      return bytes.length >= 12 && bytes.length >= 8 + view(bytes).getUint32(4, true);
  }
}

/** Wraps the bytes without copying them, so a multi-megabyte reference image is encoded in place. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

const DATA_URI = /^data:([^;,]*)(;[^,]*)?,/;

/** Decodes base64, also when a server wrapped it in a data URI; Node's decoder skips whitespace and newlines. */
export function decodeBase64(text: string): Buffer {
  const prefix = DATA_URI.exec(text.length > 256 ? text.slice(0, 256) : text);
  return Buffer.from(prefix ? text.slice(prefix[0].length) : text, 'base64');
}

export function toDataUri(bytes: Uint8Array, mimeType: string): string {
  return `data:${mimeType};base64,${encodeBase64(bytes)}`;
}

export function isDataUri(text: string): boolean {
  return text.startsWith('data:');
}
