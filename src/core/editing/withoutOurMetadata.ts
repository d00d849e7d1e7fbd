import { asBuffer, sniffImageMime } from '../imageBytes';
import { applyEdits, removal } from '../metadata/byteEdits';
import { walkJpeg } from '../metadata/jpegMetadata';
import { PNG_KEYWORD, walkPng } from '../metadata/pngMetadata';
import { isOurXmp } from '../metadata/xmp';

/**
 * An image file's bytes without the record we embedded: the image as the model made it, which is what a
 * conversation sends back (not our record, which holds the signatures a second time). PNG and JPEG come back
 * byte for byte, since the writers only inserted a chunk or a segment; WebP and GIF are returned as they are.
 */

const PNG_KEYWORD_BYTES = Buffer.from(`${PNG_KEYWORD}\0`, 'latin1');
const XMP_SIGNATURE = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const APP1 = 0xe1;

function pngWithout(bytes: Buffer): Uint8Array {
  const ours = walkPng(bytes).chunks.filter(
    (chunk) => chunk.type === 'iTXt' && bytes.subarray(chunk.dataStart, chunk.dataStart + PNG_KEYWORD_BYTES.length).equals(PNG_KEYWORD_BYTES),
  );
  return ours.length === 0 ? bytes : applyEdits(bytes, ours.map(removal));
}

function jpegWithout(bytes: Buffer): Uint8Array {
  const ours = walkJpeg(bytes).segments.filter((segment) => {
    const payload = bytes.subarray(segment.payloadStart, segment.end);
    return (
      segment.marker === APP1 &&
      payload.subarray(0, XMP_SIGNATURE.length).equals(XMP_SIGNATURE) &&
      isOurXmp(payload.toString('utf8', XMP_SIGNATURE.length))
    );
  });
  return ours.length === 0 ? bytes : applyEdits(bytes, ours.map(removal));
}

export function withoutOurMetadata(bytes: Uint8Array): Uint8Array {
  const data = asBuffer(bytes);
  switch (sniffImageMime(data)) {
    case 'image/png':
      return pngWithout(data);
    case 'image/jpeg':
      return jpegWithout(data);
    default:
      return bytes;
  }
}
