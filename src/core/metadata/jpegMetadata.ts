import { asBuffer } from '../imageBytes';
import { insertion, removal } from './byteEdits';
import { editsToEmbed, notEmbedded, type EmbedPlan } from './embedResult';
import { isOurXmp, xmpPacket } from './xmp';

/**
 * JPEG: the standard XMP APP1 segment, placed after SOI and the segments that must stay first (JFIF APP0,
 * Exif APP1). Only the marker segments before SOS are walked; the entropy-coded data is copied untouched.
 */

const XMP_SIGNATURE = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const EXIF_SIGNATURE = Buffer.from('Exif\0\0', 'latin1');
const APP0 = 0xe0;
const APP1 = 0xe1;
const SOS = 0xda;
/** A segment's length field counts itself and the payload and is 16 bits. */
const MAX_SEGMENT_LENGTH = 0xffff;

export interface JpegSegment {
  readonly marker: number;
  /** Offset of the 0xFF that opens the marker. */
  readonly start: number;
  readonly payloadStart: number;
  readonly end: number;
}

export interface JpegWalk {
  readonly segments: readonly JpegSegment[];
  /** SOS was reached with every segment before it inside the bytes. */
  readonly complete: boolean;
}

/** Markers that stand alone, without a length: TEM and the restart markers. */
const isStandalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** The marker segments from after SOI up to and including SOS, or up to the first that does not fit. */
export function walkJpeg(bytes: Uint8Array): JpegWalk {
  const data = asBuffer(bytes);
  const segments: JpegSegment[] = [];
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) {
    return { segments, complete: false };
  }
  let at = 2;
  while (at + 4 <= data.length && data[at] === 0xff) {
    const marker = data[at + 1]!;
    if (marker === 0xff || isStandalone(marker)) {
      at += marker === 0xff ? 1 : 2; // fill byte, or a marker with no length
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (marker === 0x00 || marker === 0xd8 || marker === 0xd9 || length < 2 || end > data.length) {
      break;
    }
    segments.push({ marker, start: at, payloadStart: at + 4, end });
    if (marker === SOS) {
      return { segments, complete: true };
    }
    at = end;
  }
  return { segments, complete: false };
}

const payloadStartsWith = (data: Buffer, segment: JpegSegment, signature: Buffer): boolean =>
  segment.end - segment.payloadStart >= signature.length &&
  data.subarray(segment.payloadStart, segment.payloadStart + signature.length).equals(signature);

const isXmpSegment = (data: Buffer, segment: JpegSegment): boolean => segment.marker === APP1 && payloadStartsWith(data, segment, XMP_SIGNATURE);

const packetOf = (data: Buffer, segment: JpegSegment): string => data.toString('utf8', segment.payloadStart + XMP_SIGNATURE.length, segment.end);

/** Writes our XMP packet as a new APP1 segment, replacing one we wrote before; leaves another tool's XMP alone. */
export function jpegEmbedPlan(bytes: Uint8Array, json: string): EmbedPlan {
  const data = asBuffer(bytes);
  const { segments, complete } = walkJpeg(data);
  if (!complete) {
    return notEmbedded(bytes, 'unreadableImage');
  }
  const xmp = segments.filter((segment) => isXmpSegment(data, segment));
  if (xmp.some((segment) => !isOurXmp(packetOf(data, segment)))) {
    return notEmbedded(bytes, 'foreignMetadata');
  }
  const packet = xmpPacket(json);
  const packetBytes = Buffer.byteLength(packet, 'utf8');
  const segmentLength = 2 + XMP_SIGNATURE.length + packetBytes;
  if (segmentLength > MAX_SEGMENT_LENGTH) {
    return notEmbedded(bytes, 'tooLarge');
  }
  const ours = insertion(insertionPoint(data, segments, xmp), 2 + segmentLength, (out, at) => {
    out[at] = 0xff;
    out[at + 1] = APP1;
    out.writeUInt16BE(segmentLength, at + 2);
    XMP_SIGNATURE.copy(out, at + 4);
    out.write(packet, at + 4 + XMP_SIGNATURE.length, packetBytes, 'utf8');
  });
  return editsToEmbed([ours, ...xmp.map(removal)]);
}

/** After the leading JFIF/JFXX APP0 and Exif APP1 segments, which readers expect straight after SOI. */
function insertionPoint(data: Buffer, segments: readonly JpegSegment[], stale: readonly JpegSegment[]): number {
  let at = 2;
  for (const segment of segments) {
    const staysFirst = segment.marker === APP0 || (segment.marker === APP1 && payloadStartsWith(data, segment, EXIF_SIGNATURE));
    if (!staysFirst && !stale.includes(segment)) {
      break;
    }
    at = segment.end;
  }
  return at;
}

/** Every XMP packet before SOS, ours or not; the caller picks the one that parses. */
export function jpegXmpPackets(bytes: Uint8Array): string[] {
  const data = asBuffer(bytes);
  return walkJpeg(data)
    .segments.filter((segment) => isXmpSegment(data, segment))
    .map((segment) => packetOf(data, segment));
}
