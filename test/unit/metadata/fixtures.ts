import { crc32, inflateSync } from 'node:zlib';
import { encodePng, rowBytes } from '../../fake-dmxapi/png';
import type { MetadataRecord } from '../../../src/core/metadata/record';

/**
 * Real images for the metadata tests, and walkers written apart from the ones under test, so a bug shared by
 * writer and reader cannot make a round trip pass.
 */

/** 16×8 gradient, libjpeg `cjpeg -quality 60`: SOI, JFIF APP0, DQT×2, SOF0, DHT×4, SOS, scan, EOI. */
export const JPEG_16x8 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAIABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDMtfDvT5P0rYtfDvT5P0oorKvi6vc5cqx1bTU//9k=',
  'base64',
);

/** The same gradient, `cwebp`: a simple lossy file (one `VP8 ` chunk). */
export const WEBP_LOSSY_16x8 = Buffer.from('UklGRk4AAABXRUJQVlA4IEIAAADQAQCdASoQAAgAAgA0JbACdAEOuyRFkAD++pPzNWhNVPrcdDMD9fMO/Cru34VuZ/j7P8/WVP+/mFff/5p35kAAAAA=', 'base64');

/** The same gradient, `cwebp -lossless`: a simple lossless file (one `VP8L` chunk, no alpha). */
export const WEBP_LOSSLESS_16x8 = Buffer.from('UklGRiwAAABXRUJQVlA4TB8AAAAvD8ABAJmM6H9sIgrf/4CQgDDF/6OSPhADGBOAVG0HAA==', 'base64');

/** 4×4 red with an alpha ramp, `cwebp -lossless`: VP8L with its alpha bit set. */
export const WEBP_LOSSLESS_ALPHA_4x4 = Buffer.from('UklGRjIAAABXRUJQVlA4TCUAAAAvA8AAEH8AEIT/cQvzHwORMAOCAIgFLVq0aNGiRYuOiP4HKKc7AA==', 'base64');

/** The same 4×4, lossy `cwebp`: extended file, VP8X (alpha flag) + ALPH + `VP8 `. */
export const WEBP_VP8X_4x4 = Buffer.from(
  'UklGRmgAAABXRUJQVlA4WAoAAAAQAAAAAwAAAwAAQUxQSBEAAAAAABAgMEBQYHCAkKCwwNDg8ABWUDggMAAAANABAJ0BKgQABAACADQloAJ0ugH4AAOwAP7wxAv/ILlhdcjX/yA/5Af8gP/48gAAAA==',
  'base64',
);

export const GIF_1x1 = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** A PNG with a gradient, split IDATs when large; `level` 0 makes the file as big as the pixels. */
export function gradientPng(width: number, height: number, level = 1): Buffer {
  const raw = Buffer.alloc(height * rowBytes(width));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw.fill(((x + y) * 7) & 0xff, y * rowBytes(width) + 1 + 3 * x, y * rowBytes(width) + 4 + 3 * x);
    }
  }
  return encodePng(width, height, raw, level);
}

export function sampleRecord(overrides: Partial<MetadataRecord> = {}): MetadataRecord {
  return {
    v: 1,
    app: 'dmxapi-image-studio',
    prompt: 'a lighthouse at dusk, oil painting',
    model: 'gemini-3.1-flash-image-preview',
    aspectRatio: '16:9',
    resolution: '2K',
    options: { quality: 'high', steps: 30 },
    seed: 42,
    count: 1,
    references: [{ name: 'sketch.png', sha256: 'a'.repeat(64) }],
    createdAt: '2025-05-01T12:34:56.789Z',
    width: 2048,
    height: 1152,
    texts: ['Here is your lighthouse.'],
    ...overrides,
  };
}

export interface TestChunk {
  readonly type: string;
  readonly data: Buffer;
  readonly crcOk: boolean;
}

/** Every PNG chunk with its CRC checked; throws when the structure is broken. */
export function pngChunks(png: Uint8Array): TestChunk[] {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('no PNG signature');
  const chunks: TestChunk[] = [];
  let at = 8;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    if (at + 12 + length > bytes.length) throw new Error(`chunk at ${at} runs past the end`);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    chunks.push({ type, data, crcOk: crc32(bytes.subarray(at + 4, at + 8 + length)) === bytes.readUInt32BE(at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (at !== bytes.length || chunks.at(-1)?.type !== 'IEND') throw new Error('PNG does not end with IEND');
  return chunks;
}

/** The raw scanlines, inflated from the concatenated IDATs. */
export function pngPixels(png: Uint8Array): Buffer {
  return inflateSync(Buffer.concat(pngChunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data)));
}

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Inserts whole chunks after IHDR (signature 8 + IHDR 25 bytes). */
export function withChunksAfterIhdr(png: Buffer, ...chunks: Buffer[]): Buffer {
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);
}

export interface TestSegment {
  readonly marker: number;
  readonly payload: Buffer;
}

/** JPEG marker segments from SOI to SOS; checks that the scan runs to an EOI at the very end. */
export function jpegSegments(jpeg: Uint8Array): TestSegment[] {
  const bytes = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('no SOI');
  const segments: TestSegment[] = [];
  let at = 2;
  for (;;) {
    if (bytes[at] !== 0xff) throw new Error(`no marker at ${at}`);
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (at + 2 + length > bytes.length) throw new Error(`segment ${marker.toString(16)} runs past the end`);
    segments.push({ marker, payload: bytes.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
    if (marker === 0xda) break;
  }
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) throw new Error('no EOI at the end');
  return segments;
}

export interface TestRiffChunk {
  readonly fourcc: string;
  readonly data: Buffer;
}

/** WebP chunks; throws unless the RIFF size matches the file and every chunk (with its pad) fits exactly. */
export function riffChunks(webp: Uint8Array): TestRiffChunk[] {
  const bytes = Buffer.from(webp.buffer, webp.byteOffset, webp.byteLength);
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') throw new Error('not RIFF WEBP');
  if (bytes.readUInt32LE(4) + 8 !== bytes.length) throw new Error(`RIFF size ${bytes.readUInt32LE(4)} for ${bytes.length} bytes`);
  const chunks: TestRiffChunk[] = [];
  let at = 12;
  while (at < bytes.length) {
    const size = bytes.readUInt32LE(at + 4);
    chunks.push({ fourcc: bytes.toString('latin1', at, at + 4), data: bytes.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  if (at !== bytes.length) throw new Error('chunks overrun the file');
  return chunks;
}
