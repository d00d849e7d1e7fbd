import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from './checks';

/** The two error dialects: OpenAI's `{error:{message,type,param,code}}` and Google's `{error:{code,message,status}}`. */
export type Dialect = 'openai' | 'google';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const OPENAI_TYPES: Readonly<Record<number, string>> = { 429: 'requests', 500: 'server_error', 502: 'server_error', 503: 'server_error' };
const OPENAI_CODES: Readonly<Record<number, string>> = { 401: 'invalid_api_key', 403: 'unsupported_country_region_territory', 429: 'rate_limit_exceeded' };

export function openAiError(status: number, problem: Partial<Problem> & { message: string }, type?: string): Reply {
  const error = {
    message: problem.message,
    type: type ?? OPENAI_TYPES[status] ?? 'invalid_request_error',
    param: problem.param || null,
    code: problem.code ?? OPENAI_CODES[status] ?? null,
  };
  return { status, body: { error } };
}

const GOOGLE_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleError(status: number, message: string): Reply {
  return { status, body: { error: { code: status, message, status: GOOGLE_STATUS[status] ?? 'UNKNOWN' } } };
}

export function errorReply(dialect: Dialect, status: number, message: string): Reply {
  return dialect === 'openai' ? openAiError(status, { message }) : googleError(status, message);
}

/** Strings this long (the images' base64) are written from a cached encoding instead of being serialized again. */
const LARGE_STRING = 1 << 20;
/** Encoded large strings by value; the image factory hands out the same few base64 strings again and again. */
const encodedStrings = new Map<string, Buffer>();
const MAX_ENCODED_STRINGS = 4;
/** Stands for a large string in the skeleton; the nonce keeps any string a client sent from looking like one. */
const PIECE_MARK = `piece-${randomUUID()}:`;

function encodedString(text: string): Buffer {
  let encoded = encodedStrings.get(text);
  if (!encoded) {
    encoded = Buffer.from(JSON.stringify(text));
    encodedStrings.set(text, encoded);
    while (encodedStrings.size > MAX_ENCODED_STRINGS) encodedStrings.delete(encodedStrings.keys().next().value!);
  }
  return encoded;
}

/**
 * The body as JSON in pieces: the small JSON around the images serialized per answer, each image string the same
 * bytes from a cache. A real service builds its answers on many machines at once; this server has one thread,
 * and serializing a 2K answer (16 MB of JSON) cost it 140 ms of CPU, so four answers asked for at once came out
 * one after the other and the benchmark's batch measured the fake server instead of the client.
 */
export function jsonPieces(body: unknown): Buffer[] {
  const large: string[] = [];
  const skeleton = JSON.stringify(body, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length >= LARGE_STRING) {
      large.push(value);
      return `${PIECE_MARK}${large.length - 1}`;
    }
    return value;
  });
  if (large.length === 0) return [Buffer.from(skeleton)];
  const pieces: Buffer[] = [];
  let from = 0;
  for (const [index, text] of large.entries()) {
    const quoted = `"${PIECE_MARK}${index}"`;
    const at = skeleton.indexOf(quoted, from);
    pieces.push(Buffer.from(skeleton.slice(from, at)), encodedString(text));
    from = at + quoted.length;
  }
  pieces.push(Buffer.from(skeleton.slice(from)));
  return pieces;
}

export function writeJson(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const pieces = jsonPieces(reply.body);
  const length = pieces.reduce((total, piece) => total + piece.length, 0);
  res.writeHead(reply.status, { ...reply.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(length) });
  for (const piece of pieces.slice(0, -1)) res.write(piece);
  res.end(pieces[pieces.length - 1]);
}

export function writeBytes(
  res: ServerResponse,
  status: number,
  contentType: string,
  bytes: Buffer,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(bytes.length) });
  res.end(bytes);
}

/** Announces the whole length, sends half, then kills the socket: the client sees a premature close. */
export function writeTruncated(res: ServerResponse, status: number, contentType: string, bytes: Buffer): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length) });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

/** A successful status and a JSON content type over a body that is not JSON (a proxy cut in on the answer). */
export function writeMalformedJson(res: ServerResponse, validJson: Buffer): void {
  const broken = Buffer.concat([validJson.subarray(0, Math.max(1, Math.floor(validJson.length / 3))), Buffer.from('<!-- upstream -->')]);
  writeBytes(res, 200, 'application/json; charset=utf-8', broken);
}

/** Resets the TCP connection without a byte of HTTP, as a dropped upstream does. */
export function resetConnection(req: IncomingMessage): void {
  const socket = req.socket as IncomingMessage['socket'] & { resetAndDestroy?: () => void };
  if (socket.resetAndDestroy) socket.resetAndDestroy();
  else socket.destroy();
}

/** Waits, unless the client goes away first; resolves whether the answer is still wanted. */
export function waitUnlessClosed(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}
