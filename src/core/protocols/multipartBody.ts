import { randomBytes } from 'node:crypto';
import { asBuffer } from '../imageBytes';

/**
 * A `multipart/form-data` body (RFC 7578) for `/v1/images/edits`: text fields, then file parts whose bytes are
 * copied in as they are (no base64). The body is one buffer of its final length, written once, so a retry sends
 * the same bytes again without rebuilding them.
 */

export type MultipartPart =
  | { readonly kind: 'field'; readonly name: string; readonly value: string }
  | { readonly kind: 'file'; readonly name: string; readonly fileName: string; readonly contentType: string; readonly bytes: Uint8Array };

export interface MultipartBody {
  /** `multipart/form-data; boundary=…`, the request's Content-Type. */
  readonly contentType: string;
  readonly boundary: string;
  readonly body: Uint8Array<ArrayBuffer>;
}

const CRLF = '\r\n';

/** As browsers write names in Content-Disposition (WHATWG): a quote or a line break would end the header. */
const quoted = (text: string): string => `"${text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/** 32 random hex digits: the chance that image bytes hold them is nil, and `buildMultipart` checks anyway. */
export const randomBoundary = (): string => `----dmxapi-${randomBytes(16).toString('hex')}`;

function headOf(part: MultipartPart, boundary: string): string {
  const disposition = `--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(part.name)}`;
  return part.kind === 'field'
    ? `${disposition}${CRLF}${CRLF}`
    : `${disposition}; filename=${quoted(part.fileName)}${CRLF}Content-Type: ${part.contentType}${CRLF}${CRLF}`;
}

function contentOf(part: MultipartPart): Uint8Array {
  return part.kind === 'field' ? Buffer.from(part.value, 'utf8') : part.bytes;
}

/** Whether the delimiter line occurs inside a part, where it would end the part early. */
function clashes(parts: readonly MultipartPart[], boundary: string): boolean {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  return parts.some((part) => asBuffer(contentOf(part)).includes(delimiter));
}

/**
 * The body for `parts`, in their order. `boundary` is for tests; by default a random one is drawn, again if the
 * content happens to hold it. A given boundary that occurs in the content is refused (a programming error).
 */
export function buildMultipart(parts: readonly MultipartPart[], boundary?: string): MultipartBody {
  let chosen = boundary ?? randomBoundary();
  while (clashes(parts, chosen)) {
    if (boundary !== undefined) {
      throw new Error('the multipart boundary occurs inside a part');
    }
    chosen = randomBoundary();
  }
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(headOf(part, chosen), 'utf8'), contentOf(part), Buffer.from(CRLF, 'latin1'));
  }
  pieces.push(Buffer.from(`--${chosen}--${CRLF}`, 'latin1'));
  const body = new Uint8Array(new ArrayBuffer(pieces.reduce((total, piece) => total + piece.byteLength, 0)));
  let at = 0;
  for (const piece of pieces) {
    body.set(piece, at);
    at += piece.byteLength;
  }
  return { contentType: `multipart/form-data; boundary=${chosen}`, boundary: chosen, body };
}
