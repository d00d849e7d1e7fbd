import { asBuffer, imageSize } from '../imageBytes';
import { insertion, removal, type ByteEdit } from './byteEdits';
import { editsToEmbed, notEmbedded, type EmbedPlan } from './embedResult';
import { isOurXmp, xmpPacket } from './xmp';

/**
 * WebP: an `XMP ` chunk at the end of the RIFF container, announced by the XMP bit of VP8X. A simple file (one
 * VP8 or VP8L chunk) gets the VP8X header it needs first, its canvas size read from the bitstream header.
 */

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
const VP8X_DATA_BYTES = 10;
const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;
/** VP8 key frames carry this start code after the 3-byte frame tag. */
const VP8_START_CODE = [0x9d, 0x01, 0x2a];
const VP8L_SIGNATURE = 0x2f;

export interface RiffChunk {
  readonly fourcc: string;
  readonly start: number;
  readonly dataStart: number;
  readonly size: number;
  /** Past the data and its pad byte. */
  readonly end: number;
}

export interface RiffWalk {
  readonly chunks: readonly RiffChunk[];
  /** Offset the RIFF size field points past. */
  readonly riffEnd: number;
  /** Every chunk fits and the last one ends exactly where the RIFF size says. */
  readonly complete: boolean;
}

const isWebp = (data: Buffer): boolean =>
  data.length >= RIFF_HEADER_BYTES && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP';

export function walkWebp(bytes: Uint8Array): RiffWalk {
  const data = asBuffer(bytes);
  const chunks: RiffChunk[] = [];
  if (!isWebp(data)) {
    return { chunks, riffEnd: 0, complete: false };
  }
  const riffEnd = 8 + data.readUInt32LE(4);
  const limit = Math.min(riffEnd, data.length);
  let at = RIFF_HEADER_BYTES;
  while (at + CHUNK_HEADER_BYTES <= limit) {
    const size = data.readUInt32LE(at + 4);
    const dataStart = at + CHUNK_HEADER_BYTES;
    if (dataStart + size > limit) {
      break;
    }
    const end = dataStart + size + (size & 1);
    chunks.push({ fourcc: data.toString('latin1', at, at + 4), start: at, dataStart, size, end });
    at = end;
  }
  return { chunks, riffEnd, complete: at === riffEnd && riffEnd <= data.length };
}

const packetOf = (data: Buffer, chunk: RiffChunk): string => data.toString('utf8', chunk.dataStart, chunk.dataStart + chunk.size);

/** Adds our XMP chunk (replacing one we wrote before) and sets the XMP flag; converts a simple file to VP8X. */
export function webpEmbedPlan(bytes: Uint8Array, json: string): EmbedPlan {
  const data = asBuffer(bytes);
  const { chunks, riffEnd, complete } = walkWebp(data);
  const first = chunks[0];
  if (!complete || first === undefined) {
    return notEmbedded(bytes, 'unreadableImage');
  }
  const xmp = chunks.filter((chunk) => chunk.fourcc === 'XMP ');
  if (xmp.some((chunk) => !isOurXmp(packetOf(data, chunk)))) {
    return notEmbedded(bytes, 'foreignMetadata');
  }
  const header = first.fourcc === 'VP8X' ? setXmpFlag(data, first) : vp8xFor(data, first);
  if (header === undefined) {
    return notEmbedded(bytes, 'unreadableImage');
  }
  const edits = [header, xmpChunk(riffEnd, xmpPacket(json)), ...xmp.map(removal)];
  const riffSize = edits.reduce((size, edit) => size + edit.length - (edit.end - edit.start), riffEnd - 8);
  if (riffSize > 0xffffffff) {
    return notEmbedded(bytes, 'tooLarge');
  }
  const sizeField: ByteEdit = { start: 4, end: 8, length: 4, write: (out, at) => out.writeUInt32LE(riffSize, at) };
  return editsToEmbed([sizeField, ...edits]);
}

/** Rewrites the VP8X flags byte in place (as a 1-byte edit), keeping every other flag. */
function setXmpFlag(data: Buffer, vp8x: RiffChunk): ByteEdit | undefined {
  if (vp8x.size < VP8X_DATA_BYTES) {
    return undefined;
  }
  const flags = data[vp8x.dataStart]! | XMP_FLAG;
  return { start: vp8x.dataStart, end: vp8x.dataStart + 1, length: 1, write: (out, at) => void (out[at] = flags) };
}

/** A VP8X chunk to insert before the lone VP8/VP8L chunk of a simple file; undefined when the bitstream header is not one. */
function vp8xFor(data: Buffer, image: RiffChunk): ByteEdit | undefined {
  const stream = data.subarray(image.dataStart, image.dataStart + image.size);
  let alpha = false;
  if (image.fourcc === 'VP8 ') {
    const keyFrame = stream.length >= 10 && (stream[0]! & 1) === 0 && VP8_START_CODE.every((b, i) => stream[3 + i] === b);
    if (!keyFrame) return undefined;
  } else if (image.fourcc === 'VP8L') {
    if (stream.length < 5 || stream[0] !== VP8L_SIGNATURE) return undefined;
    alpha = ((stream.readUInt32LE(1) >>> 28) & 1) === 1;
  } else {
    return undefined;
  }
  const size = imageSize(data, 'image/webp');
  if (size === undefined || size.width < 1 || size.height < 1) {
    return undefined;
  }
  const flags = XMP_FLAG | (alpha ? ALPHA_FLAG : 0);
  return insertion(image.start, CHUNK_HEADER_BYTES + VP8X_DATA_BYTES, (out, at) => {
    out.write('VP8X', at, 'latin1');
    out.writeUInt32LE(VP8X_DATA_BYTES, at + 4);
    out.writeUInt32LE(flags, at + 8); // flags, then three reserved zero bytes
    out.writeUIntLE(size.width - 1, at + 12, 3);
    out.writeUIntLE(size.height - 1, at + 15, 3);
  });
}

function xmpChunk(at: number, packet: string): ByteEdit {
  const packetBytes = Buffer.byteLength(packet, 'utf8');
  const padded = packetBytes + (packetBytes & 1);
  return insertion(at, CHUNK_HEADER_BYTES + padded, (out, start) => {
    out.write('XMP ', start, 'latin1');
    out.writeUInt32LE(packetBytes, start + 4);
    out.write(packet, start + CHUNK_HEADER_BYTES, packetBytes, 'utf8');
    out.fill(0, start + CHUNK_HEADER_BYTES + packetBytes, start + CHUNK_HEADER_BYTES + padded);
  });
}

/** Every XMP packet in the file, ours or not. */
export function webpXmpPackets(bytes: Uint8Array): string[] {
  const data = asBuffer(bytes);
  return walkWebp(data)
    .chunks.filter((chunk) => chunk.fourcc === 'XMP ')
    .map((chunk) => packetOf(data, chunk));
}
