import { asBuffer, sniffImageMime } from '../imageBytes';
import { readMetadata, type MetadataRecord } from '../metadata/imageMetadata';
import { walkJpeg } from '../metadata/jpegMetadata';
import { walkPng } from '../metadata/pngMetadata';
import { parseRecordJson } from '../metadata/record';
import { parametersFromXmp } from '../metadata/xmp';

/**
 * The generation parameters of an image file found by reading only the bytes that can hold them, not the image:
 * the head of a PNG (our iTXt chunk sits right after IHDR) or of a JPEG (our XMP segment follows SOI, JFIF and
 * Exif), and the chunk table of a WebP, whose XMP chunk sits at the end of the file.
 */

/** A file that can be read in pieces. */
export interface RangedFile {
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface HeadRead {
  readonly record: MetadataRecord | undefined;
  /** Bytes read from the file, for the benchmark's budget. */
  readonly bytesRead: number;
}

/** One read covers a record of a few kilobytes and the chunks or segments before it. */
export const HEAD_BYTES = 16 * 1024;
/**
 * A chunk or segment larger than this is not read. Most records are a few kilobytes; a Gemini version keeps the
 * thought signatures its refine must send back, which measured 0.7–3.2 MB in real answers.
 */
export const MAX_METADATA_BYTES = 8 * 1024 * 1024;
const PNG_CHUNK_HEADER = 8;
const RIFF_HEADER = 12;
const RIFF_CHUNK_HEADER = 8;
/** A WebP has a handful of chunks; a table longer than this is not a WebP we wrote. */
const MAX_RIFF_CHUNKS = 64;

export async function readHeadMetadata(file: RangedFile): Promise<HeadRead> {
  const counted = countingReads(file);
  const head = await counted.read(0, Math.min(file.size, HEAD_BYTES));
  let record: MetadataRecord | undefined;
  switch (sniffImageMime(head)) {
    case 'image/png':
    case 'image/jpeg':
      record = readMetadata(await extendedHead(counted, head));
      break;
    case 'image/webp':
      record = await webpRecord(counted, head);
      break;
    case 'image/gif':
    case undefined:
      break;
  }
  return { record, bytesRead: counted.bytesRead };
}

function countingReads(file: RangedFile): RangedFile & { bytesRead: number } {
  const counted = {
    size: file.size,
    bytesRead: 0,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const bytes = await file.read(offset, length);
      counted.bytesRead += bytes.length;
      return bytes;
    },
  };
  return counted;
}

/**
 * The head, grown to the end of the chunk or segment it cuts through when that one can hold a record (a PNG
 * iTXt, a JPEG APP1) and the walk has not reached the image data yet: a large Exif segment can push our XMP
 * past the first read.
 */
async function extendedHead(file: RangedFile, head: Uint8Array): Promise<Uint8Array> {
  let bytes = head;
  for (;;) {
    const end = cutRecordHolderEnd(bytes);
    if (end === undefined || end > Math.min(file.size, MAX_METADATA_BYTES)) {
      return bytes;
    }
    const more = await file.read(bytes.length, end - bytes.length);
    if (more.length === 0) {
      return bytes;
    }
    bytes = Buffer.concat([bytes, more]);
  }
}

/** Where the record-holding chunk or segment that `bytes` cuts through ends, if one does. */
function cutRecordHolderEnd(bytes: Uint8Array): number | undefined {
  const data = asBuffer(bytes);
  if (sniffImageMime(data) === 'image/png') {
    const walk = walkPng(data);
    const last = walk.chunks.at(-1);
    if (walk.complete || last === undefined || last.type === 'IDAT') {
      return undefined;
    }
    const next = last.end;
    if (next + PNG_CHUNK_HEADER > data.length) {
      return next + PNG_CHUNK_HEADER; // the next chunk's header, to see what it is
    }
    if (data.toString('latin1', next + 4, next + 8) !== 'iTXt') {
      return undefined;
    }
    return next + PNG_CHUNK_HEADER + data.readUInt32BE(next) + 4;
  }
  const walk = walkJpeg(data);
  if (walk.complete) {
    return undefined;
  }
  const next = walk.segments.at(-1)?.end ?? 2;
  if (next + 4 > data.length) {
    return next + 4; // the next segment's marker and length, to see what it is
  }
  if (data[next] !== 0xff) {
    return undefined;
  }
  const marker = data[next + 1]!;
  // APP0–APP15 and COM precede the image data; only APP1 can hold XMP, but the others stand in its way.
  const beforeImage = (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
  return beforeImage ? next + 2 + data.readUInt16BE(next + 2) : undefined;
}

/** Walks the RIFF chunk table by its 8-byte headers and reads the XMP chunk, wherever it sits. */
async function webpRecord(file: RangedFile, head: Uint8Array): Promise<MetadataRecord | undefined> {
  const data = asBuffer(head);
  if (data.length < RIFF_HEADER) {
    return undefined;
  }
  const riffEnd = Math.min(file.size, 8 + data.readUInt32LE(4));
  let at = RIFF_HEADER;
  for (let chunks = 0; chunks < MAX_RIFF_CHUNKS && at + RIFF_CHUNK_HEADER <= riffEnd; chunks += 1) {
    const header = at + RIFF_CHUNK_HEADER <= data.length ? data.subarray(at, at + RIFF_CHUNK_HEADER) : asBuffer(await file.read(at, RIFF_CHUNK_HEADER));
    if (header.length < RIFF_CHUNK_HEADER) {
      return undefined;
    }
    const size = header.readUInt32LE(4);
    const dataStart = at + RIFF_CHUNK_HEADER;
    if (dataStart + size > riffEnd) {
      return undefined;
    }
    if (header.toString('latin1', 0, 4) === 'XMP ' && size <= MAX_METADATA_BYTES) {
      const packet = dataStart + size <= data.length ? data.subarray(dataStart, dataStart + size) : asBuffer(await file.read(dataStart, size));
      const json = parametersFromXmp(packet.toString('utf8'));
      const record = json === undefined ? undefined : parseRecordJson(json);
      if (record) {
        return record;
      }
    }
    at = dataStart + size + (size & 1);
  }
  return undefined;
}
