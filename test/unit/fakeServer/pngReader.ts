import { inflateSync } from 'node:zlib';

/**
 * An independent PNG reader for the fake server's tests: a bit-by-bit CRC (not the server's table) and a
 * strict chunk walk, so an encoder bug cannot hide behind the same bug in the check.
 */

export interface ParsedPng {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  readonly chunkTypes: readonly string[];
  /** The inflated IDAT stream. */
  readonly raw: Buffer;
}

function slowCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const SIGNATURE = '89504e470d0a1a0a';

export function parsePng(bytes: Buffer, options: { checkCrc?: boolean } = {}): ParsedPng {
  if (bytes.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('bad PNG signature');
  const types: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | undefined;
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new Error(`chunk header cut off at ${at}`);
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > bytes.length) throw new Error(`${type} chunk runs past the end`);
    if (options.checkCrc !== false) {
      const crc = bytes.readUInt32BE(end);
      if (slowCrc(bytes.subarray(at + 4, end)) !== crc) throw new Error(`${type} chunk has a bad CRC`);
    }
    types.push(type);
    if (type === 'IHDR') header = bytes.subarray(at + 8, end);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, end));
    at = end + 4;
    if (type === 'IEND') break;
  }
  if (at !== bytes.length) throw new Error('bytes after IEND');
  if (!header || types[0] !== 'IHDR' || types.at(-1) !== 'IEND') throw new Error('IHDR must come first and IEND last');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header[8]!,
    colourType: header[9]!,
    chunkTypes: types,
    raw: inflateSync(Buffer.concat(idat)),
  };
}

/** Reads width and height from a baseline JPEG's SOF0 segment. */
export function jpegSize(bytes: Buffer): { width: number; height: number } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`expected a marker at ${at}`);
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker === 0xc0) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no SOF0');
}

/** Reads width and height from a lossless WebP's VP8L header. */
export function webpSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 16) !== 'WEBPVP8L') throw new Error('not a VP8L WebP');
  if (bytes.readUInt32LE(4) !== bytes.length - 8) throw new Error('RIFF size does not match the file');
  if (bytes[20] !== 0x2f) throw new Error('bad VP8L signature');
  const bits = bytes.readUInt32LE(21);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}
