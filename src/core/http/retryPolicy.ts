/**
 * When to send a request again and how long to wait first, as the official OpenAI SDK does: retry 408, 409,
 * 429, 5xx and connection failures; wait what the server asks (within reason), else back off exponentially.
 */

/** The longest wait we accept from a `Retry-After` header; a server asking for an hour gets a minute. */
export const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `x-should-retry: true|false` lets the server overrule the status code, as in the OpenAI SDK. */
export function serverRetryVerdict(headers: Headers): boolean | undefined {
  const value = headers.get('x-should-retry');
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** The wait the server asked for: `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) {
    return milliseconds;
  }
  const header = headers.get('retry-after');
  if (header === null || header.trim() === '') {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return seconds >= 0 ? seconds * 1000 : undefined;
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** 0.5 s · 2^retry, at most 8 s, minus up to 25 % jitter so clients that failed together do not retry together. */
export function backoffMs(retryIndex: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS);
  return Math.round(base * (1 - random() * 0.25));
}

/** The wait before retry number `retryIndex + 1`. */
export function retryDelayMs(retryIndex: number, headers: Headers | undefined, random?: () => number, now?: number): number {
  const asked = headers ? retryAfterMs(headers, now) : undefined;
  return asked === undefined ? backoffMs(retryIndex, random) : Math.min(Math.round(asked), MAX_RETRY_AFTER_MS);
}
