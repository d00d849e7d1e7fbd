import { DmxApiError } from '../errors';
import type { ClientConfig } from '../types';
import { abortableSleep, type Sleep } from './abortableSleep';
import { formatBytes } from './logFormat';
import { errorForStatus } from './responseErrors';
import { isRetryableStatus, retryDelayMs, serverRetryVerdict } from './retryPolicy';

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
  readonly body?: string;
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
 * Reads a 2xx body. The default keeps it whole; the engine passes one that decodes image strings while the
 * body streams in. `size` is what the log line reports.
 */
export interface BodyReader<Body> {
  read(response: Response): Promise<Body>;
  size(body: Body): number;
}

/** The whole body; a Buffer over the one ArrayBuffer `fetch` filled, not a copy. */
export const wholeBody: BodyReader<Buffer> = {
  read: async (response) => Buffer.from(await response.arrayBuffer()),
  size: (body) => body.byteLength,
};

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
  try {
    return await reader.read(response);
  } catch (error) {
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
    response = await (options.fetch ?? fetch)(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
  } catch (error) {
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
