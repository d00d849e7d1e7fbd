import { DmxApiError } from '../errors';
import type { ClientConfig } from '../types';
import { abortableSleep, type Sleep } from './abortableSleep';
import { announcedLength, readWhole, tooLarge, type BodyLimit } from './limitedBody';
import { formatBytes } from './logFormat';
import { redirectTarget, type RedirectPolicy } from './redirects';
import { errorForStatus } from './responseErrors';
import { isRetryableStatus, retryDelayMs, serverRetryVerdict } from './retryPolicy';
import { MAX_DOWNLOAD_BYTES } from './sizeLimits';

/**
 * `fetch` with a time limit per attempt, cancellation, and retries for failures that happen before a
 * successful answer is read. A 2xx body is read once, as bytes; nothing after that point is retried, because
 * sending again would generate (and bill) the images again.
 */

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** What log lines call this request: a path, never a URL with a token in it. */
  readonly logName: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON text, or bytes (a multipart/form-data body); sent again as they are on a retry. */
  readonly body?: string | Uint8Array<ArrayBuffer>;
  /** Which redirects are followed; by default only those that stay on the same origin (the key goes along). */
  readonly redirects?: RedirectPolicy;
}

/** The client config's transport settings, plus the key to scrub and the clock hooks tests inject. */
export interface HttpOptions extends Pick<ClientConfig, 'timeoutMs' | 'maxRetries' | 'signal' | 'fetch' | 'onRetry' | 'log'> {
  /** Scrubbed from every server message that is quoted in an error. */
  readonly secret: string;
  /** Injectable so tests run retries without waiting. */
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

export interface HttpAnswer<Body = Buffer> {
  readonly status: number;
  readonly headers: Headers;
  /** What the body reader made of the body; by default the whole body as one Buffer. */
  readonly body: Body;
}

/**
 * Reads a 2xx body of at most `maxBytes`. The default keeps it whole; the engine passes one that decodes image
 * strings while the body streams in. `announced`: the Content-Length, already checked against the limit.
 * `size` is what the log line reports.
 */
export interface BodyReader<Body> extends BodyLimit {
  read(response: Response, announced: number | undefined): Promise<Body>;
  size(body: Body): number;
}

/** The whole body in one buffer: an image downloaded from a URL result. */
export const wholeBody: BodyReader<Buffer> = {
  what: 'download',
  maxBytes: MAX_DOWNLOAD_BYTES,
  read: (response) => readWhole(response, wholeBody),
  size: (body) => body.byteLength,
};

/**
 * `fetch` with redirects in our hands: `fetch` itself would take `x-goog-api-key` to another host and post the
 * prompt again after a 307. A redirect the policy refuses is a `redirect` error naming both ends.
 */
async function fetchFollowing(request: HttpRequest, signal: AbortSignal, options: HttpOptions): Promise<Response> {
  const send = options.fetch ?? fetch;
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const response = await send(url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'manual' });
    const next = redirectTarget(request.method, url, response, request.redirects ?? 'sameOrigin', hop);
    if (next === undefined) {
      return response;
    }
    await response.body?.cancel().catch(() => undefined);
    if (next instanceof DmxApiError) {
      throw next;
    }
    options.log?.(`${request.method} ${request.logName}: HTTP ${response.status}, following the redirect`);
    url = next;
  }
}

type Attempt<Body> =
  | { readonly answer: HttpAnswer<Body> }
  | { readonly error: DmxApiError; readonly retry: boolean; readonly headers?: Headers };

function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = cause?.code ?? code;
  return typeof found === 'string' ? found : undefined;
}

/** Why an attempt stopped: the caller's Cancel wins over our own time limit, which wins over the network. */
function failureOf(error: unknown, options: HttpOptions, timeout: AbortSignal): DmxApiError {
  if (options.signal?.aborted) {
    return new DmxApiError({ kind: 'cancelled' });
  }
  if (timeout.aborted) {
    return new DmxApiError({ kind: 'timeout', timeoutMs: options.timeoutMs });
  }
  const code = errorCode(error);
  return new DmxApiError({ kind: 'network', ...(code ? { code } : {}) }, { cause: error });
}

async function readErrorBody(response: Response): Promise<string> {
  try {
    return Buffer.from(await response.arrayBuffer()).toString('utf8');
  } catch {
    return '';
  }
}

async function readSuccessBody<Body>(response: Response, reader: BodyReader<Body>, options: HttpOptions, timeout: AbortSignal): Promise<Body> {
  const announced = announcedLength(response.headers);
  if (announced !== undefined && announced > reader.maxBytes) {
    // Refused before a byte is read; the connection is dropped rather than drained.
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(reader, announced);
  }
  try {
    return await reader.read(response, announced);
  } catch (error) {
    if (error instanceof DmxApiError && !options.signal?.aborted && !timeout.aborted) {
      throw error; // the reader's own verdict: too large, too many strings
    }
    const failure = failureOf(error, options, timeout);
    if (failure.kind === 'network') {
      throw new DmxApiError({ kind: 'malformedResponse', status: response.status, detail: 'the answer was cut off' }, { cause: error });
    }
    // Not retryable even for a timeout: the images behind this answer were already made.
    throw new DmxApiError(failure.info, { retryable: false });
  }
}

async function attemptOnce<Body>(request: HttpRequest, reader: BodyReader<Body>, options: HttpOptions): Promise<Attempt<Body>> {
  if (options.signal?.aborted) {
    throw new DmxApiError({ kind: 'cancelled' });
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = performance.now();
  const elapsed = (): string => `${Math.round(performance.now() - started)} ms`;
  let response: Response;
  try {
    response = await fetchFollowing(request, signal, options);
  } catch (error) {
    if (error instanceof DmxApiError) {
      options.log?.(`${request.method} ${request.logName}: ${error.message}`);
      return { error, retry: false };
    }
    const failure = failureOf(error, options, timeout);
    options.log?.(`${request.method} ${request.logName}: ${failure.message} after ${elapsed()}`);
    if (failure.kind === 'cancelled') {
      throw failure;
    }
    return { error: failure, retry: failure.retryable };
  }
  if (!response.ok) {
    const text = await readErrorBody(response);
    if (options.signal?.aborted) {
      throw new DmxApiError({ kind: 'cancelled' });
    }
    options.log?.(`${request.method} ${request.logName}: HTTP ${response.status} in ${elapsed()}`);
    const error = errorForStatus(response.status, response.headers, text, options.secret);
    const retry = serverRetryVerdict(response.headers) ?? isRetryableStatus(response.status);
    return { error, retry, headers: response.headers };
  }
  const body = await readSuccessBody(response, reader, options, timeout);
  options.log?.(`${request.method} ${request.logName}: HTTP ${response.status}, ${formatBytes(reader.size(body))} in ${elapsed()}`);
  return { answer: { status: response.status, headers: response.headers, body } };
}

export async function sendWithRetries(request: HttpRequest, options: HttpOptions): Promise<HttpAnswer>;
export async function sendWithRetries<Body>(request: HttpRequest, options: HttpOptions, reader: BodyReader<Body>): Promise<HttpAnswer<Body>>;
export async function sendWithRetries<Body>(
  request: HttpRequest,
  options: HttpOptions,
  reader: BodyReader<Body | Buffer> = wholeBody,
): Promise<HttpAnswer<Body | Buffer>> {
  if (request.body !== undefined) {
    options.log?.(`${request.method} ${request.logName}: sending ${formatBytes(Buffer.byteLength(request.body))}`);
  }
  for (let retryIndex = 0; ; retryIndex++) {
    const attempt = await attemptOnce(request, reader, options);
    if ('answer' in attempt) {
      return attempt.answer;
    }
    if (!attempt.retry || retryIndex >= options.maxRetries) {
      throw attempt.error;
    }
    const delayMs = retryDelayMs(retryIndex, attempt.headers, options.random);
    options.onRetry?.(retryIndex + 1, delayMs, attempt.error.message);
    options.log?.(`${request.method} ${request.logName}: retry ${retryIndex + 1} of ${options.maxRetries} in ${delayMs} ms`);
    await (options.sleep ?? abortableSleep)(delayMs, options.signal);
  }
}
