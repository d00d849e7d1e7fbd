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

export function writeJson(res: ServerResponse, reply: Reply): void {
  writeBytes(res, reply.status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(reply.body)), reply.headers);
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
