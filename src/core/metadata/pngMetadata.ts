import { crc32, inflateSync } from 'node:zlib';
import { asBuffer } from '../imageBytes';
import { insertion, removal } from './byteEdits';
import { editsToEmbed, notEmbedded, type EmbedPlan } from './embedResult';
import { METADATA_APP } from './record';

/**
 * PNG: our JSON in one `iTXt` chunk (uncompressed UTF-8, so any prompt survives) right after IHDR. The other
 * chunks are copied byte for byte into one buffer of the final length; nothing is decoded or re-encoded.
 */

/** The iTXt keyword: 1–79 printable Latin-1 characters, no leading, trailing or doubled spaces. */
export const PNG_KEYWORD = METADATA_APP;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Length, type, CRC around the data. */
const CHUNK_OVERHEAD = 12;
/** A record is a few kilobytes; a compressed chunk that inflates beyond this is not ours. */
const MAX_INFLATED_BYTES = 4 << 20;

export interface PngChunk {
  readonly type: string;
  /** Offset of the length field. */
  readonly start: number;
  readonly dataStart: number;
  readonly dataLength: number;
  /** Offset just past the CRC. */
  readonly end: number;
}

export interface PngWalk {
  readonly chunks: readonly PngChunk[];
  /** IEND was reached with every chunk inside the bytes. */
  readonly complete: boolean;
}

export const isPng = (bytes: Uint8Array): boolean => bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);

/** The chunks in order, up to IEND or to the first one that does not fit; no CRC is checked here. */
export function walkPng(bytes: Uint8Array): PngWalk {
  const chunks: PngChunk[] = [];
  if (!isPng(bytes)) {
    return { chunks, complete: false };
  }
  const data = asBuffer(bytes);
  let at = SIGNATURE.length;
  while (at + CHUNK_OVERHEAD <= data.length) {
    const dataLength = data.readUInt32BE(at);
    const end = at + CHUNK_OVERHEAD + dataLength;
    if (dataLength > 0x7fffffff || end > data.length) {
      break;
    }
    const type = data.toString('latin1', at + 4, at + 8);
    chunks.push({ type, start: at, dataStart: at + 8, dataLength, end });
    if (type === 'IEND') {
      return { chunks, complete: true };
    }
    at = end;
  }
  return { chunks, complete: false };
}

export function chunkCrcIsValid(bytes: Uint8Array, chunk: PngChunk): boolean {
  const data = asBuffer(bytes);
  return crc32(data.subarray(chunk.start + 4, chunk.dataStart + chunk.dataLength)) === data.readUInt32BE(chunk.end - 4);
}

const KEYWORD_BYTES = Buffer.from(`${PNG_KEYWORD}\0`, 'latin1');

function isOurChunk(bytes: Uint8Array, chunk: PngChunk): boolean {
  return (
    chunk.type === 'iTXt' &&
    chunk.dataLength > KEYWORD_BYTES.length &&
    asBuffer(bytes).subarray(chunk.dataStart, chunk.dataStart + KEYWORD_BYTES.length).equals(KEYWORD_BYTES)
  );
}

/** Keyword and NUL, compression flag and method (0, 0), empty language tag and translated keyword (two NULs). */
const ITXT_HEADER_BYTES = KEYWORD_BYTES.length + 4;

/** Writes our iTXt chunk at `at` in `out`, which has room for it. */
function writeChunk(out: Buffer, at: number, json: string, textBytes: number): void {
  const dataLength = ITXT_HEADER_BYTES + textBytes;
  out.writeUInt32BE(dataLength, at);
  out.write('iTXt', at + 4, 'latin1');
  let p = at + 8 + KEYWORD_BYTES.copy(out, at + 8);
  out.fill(0, p, p + 4);
  p += 4;
  out.write(json, p, textBytes, 'utf8');
  const crcAt = at + 8 + dataLength;
  out.writeUInt32BE(crc32(out.subarray(at + 4, crcAt)), crcAt);
}

/** Inserts our chunk after IHDR, dropping any earlier one of ours; other chunks keep their order and bytes. */
export function pngEmbedPlan(bytes: Uint8Array, json: string): EmbedPlan {
  const { chunks, complete } = walkPng(bytes);
  const ihdr = chunks[0];
  if (!complete || ihdr?.type !== 'IHDR') {
    return notEmbedded(bytes, 'unreadableImage');
  }
  const textBytes = Buffer.byteLength(json, 'utf8');
  const ours = insertion(ihdr.end, CHUNK_OVERHEAD + ITXT_HEADER_BYTES + textBytes, (out, at) => writeChunk(out, at, json, textBytes));
  const stale = chunks.filter((chunk) => isOurChunk(bytes, chunk)).map(removal);
  return editsToEmbed([ours, ...stale]);
}

/** Text of our chunk when its CRC and layout hold, else undefined. */
function chunkText(bytes: Uint8Array, chunk: PngChunk): string | undefined {
  if (!chunkCrcIsValid(bytes, chunk)) {
    return undefined;
  }
  const data = asBuffer(bytes).subarray(chunk.dataStart + KEYWORD_BYTES.length, chunk.dataStart + chunk.dataLength);
  const [compressed, method] = [data[0], data[1]];
  const languageEnd = data.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0 || (compressed !== 0 && compressed !== 1) || method !== 0) {
    return undefined;
  }
  const text = data.subarray(translatedEnd + 1);
  try {
    const utf8 = compressed === 1 ? inflateSync(text, { maxOutputLength: MAX_INFLATED_BYTES }) : text;
    return new TextDecoder('utf-8', { fatal: true }).decode(utf8);
  } catch {
    return undefined;
  }
}

/** The texts of our intact chunks, wherever they sit; chunks after a truncation point are out of reach. */
export function pngTexts(bytes: Uint8Array): string[] {
  return walkPng(bytes)
    .chunks.filter((chunk) => isOurChunk(bytes, chunk))
    .map((chunk) => chunkText(bytes, chunk))
    .filter((text): text is string => text !== undefined);
}
