import { DmxApiError, scrubSecret, type ServerMessage } from '../errors';
import { isRetryableStatus, retryAfterMs } from './retryPolicy';

/**
 * Turns a failed answer into a `DmxApiError`. Both protocols report errors as `{error:{message,…}}`
 * (OpenAI: `type`/`code` strings; Gemini: numeric `code` and a `status` string), so one reader serves both.
 */

/** Error codes OpenAI-style servers use when a moderation filter refused the prompt. */
const SAFETY_CODES: ReadonlySet<string> = new Set(['content_policy_violation', 'moderation_blocked', 'content_filter']);

/** Enough of a plain-text body to say what went wrong without flooding a notification. */
const MAX_TEXT_MESSAGE = 500;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;

/** The server's own words from an error body, with the key scrubbed out; undefined when it gave none. */
export function serverMessageOf(json: unknown, secret: string): ServerMessage | undefined {
  if (typeof json !== 'object' || json === null) {
    return undefined;
  }
  const { error, message } = json as { error?: unknown; message?: unknown };
  if (typeof error === 'string') {
    return { message: scrubSecret(error, secret) };
  }
  if (typeof error === 'object' && error !== null) {
    const fields = error as { message?: unknown; type?: unknown; code?: unknown; status?: unknown };
    const text = asString(fields.message) ?? asString(fields.status) ?? asString(fields.code) ?? 'unknown error';
    const type = asString(fields.type) ?? asString(fields.status);
    const code = asString(fields.code);
    return { message: scrubSecret(text, secret), ...(type ? { type } : {}), ...(code ? { code } : {}) };
  }
  return typeof message === 'string' ? { message: scrubSecret(message, secret) } : undefined;
}

export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType?.toLowerCase().includes('text/html')) {
    return true;
  }
  const start = text.trimStart().slice(0, 15).toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function serverMessageFromText(text: string, secret: string): ServerMessage | undefined {
  const fromJson = serverMessageOf(parseJson(text), secret);
  if (fromJson) {
    return fromJson;
  }
  const trimmed = text.trim();
  return trimmed ? { message: scrubSecret(trimmed.slice(0, MAX_TEXT_MESSAGE), secret) } : undefined;
}

const isSafetyCode = (server: ServerMessage | undefined): boolean =>
  server !== undefined && (SAFETY_CODES.has(server.code ?? '') || SAFETY_CODES.has(server.type ?? ''));

/** The error for a status and what the server said; the status decides, a safety code refines a 4xx. */
function classify(status: number, headers: Headers, server: ServerMessage | undefined): DmxApiError {
  const withServer = server ? { server } : {};
  switch (status) {
    case 401:
      return new DmxApiError({ kind: 'auth', status, ...withServer });
    case 403:
      return new DmxApiError({ kind: 'forbidden', status, ...withServer });
    case 408:
      return new DmxApiError({ kind: 'timeout', status });
    case 429: {
      const wait = retryAfterMs(headers);
      return new DmxApiError({ kind: 'rateLimited', status, ...(wait === undefined ? {} : { retryAfterMs: wait }), ...withServer });
    }
  }
  if (status >= 500) {
    return new DmxApiError({ kind: 'server', status, ...withServer });
  }
  if (server && isSafetyCode(server)) {
    return new DmxApiError({ kind: 'safetyBlocked', status, reason: server.code ?? server.type ?? 'moderation', texts: [server.message] });
  }
  return new DmxApiError({ kind: 'badRequest', status, ...withServer }, { retryable: isRetryableStatus(status) });
}

/** The error for a non-2xx answer. `text` is its body decoded; `secret` is scrubbed from anything quoted. */
export function errorForStatus(status: number, headers: Headers, text: string, secret: string): DmxApiError {
  if (looksLikeHtml(headers.get('content-type'), text)) {
    return new DmxApiError({ kind: 'htmlPage', status }, { retryable: isRetryableStatus(status) });
  }
  return classify(status, headers, serverMessageFromText(text, secret));
}

/**
 * Some gateways answer 200 with an error body instead of a status. Such a body is an error in the shape the
 * status inside it implies (a Gemini `code`), else a bad request.
 */
export function errorInAnswer(json: unknown, secret: string): DmxApiError | undefined {
  if (typeof json !== 'object' || json === null || !('error' in json) || 'data' in json || 'candidates' in json) {
    return undefined;
  }
  const code = (json as { error?: { code?: unknown } }).error?.code;
  const status = typeof code === 'number' && code >= 400 && code < 600 ? code : 400;
  return classify(status, new Headers(), serverMessageOf(json, secret));
}
