import type { ValidationIssue } from './validationIssues';

/**
 * Every failure of the engine is one `DmxApiError`. `info` is a discriminated union on `kind`, so a caller
 * narrows with `switch (error.info.kind)`; the extension maps the kind to translated text and keeps `message`
 * (English) for its log. No message ever holds the API key: server text passes through `scrubSecret` first.
 */
export type DmxApiErrorInfo =
  | { readonly kind: 'invalidRequest'; readonly issues: readonly ValidationIssue[] }
  | { readonly kind: 'auth' | 'forbidden' | 'badRequest' | 'server' | 'htmlPage'; readonly status: number; readonly server?: ServerMessage }
  | { readonly kind: 'rateLimited'; readonly status: number; readonly retryAfterMs?: number; readonly server?: ServerMessage }
  | { readonly kind: 'malformedResponse'; readonly status?: number; readonly detail: string }
  /** `timeoutMs`: our own limit ran out; `status` 408: the server gave up waiting for us. */
  | { readonly kind: 'timeout'; readonly timeoutMs?: number; readonly status?: number }
  | { readonly kind: 'network'; readonly code?: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'safetyBlocked'; readonly reason: string; readonly status?: number; readonly texts?: readonly string[] }
  | { readonly kind: 'noImage'; readonly texts: readonly string[]; readonly finishReason?: string }
  | { readonly kind: 'download'; readonly status?: number; readonly detail: string }
  /** The answer (or a download) is larger than we read; `announcedBytes` when its Content-Length said so. */
  | { readonly kind: 'tooLarge'; readonly what: OversizedPart; readonly limitBytes: number; readonly announcedBytes?: number }
  /** A redirect we did not follow; `from` and `to` are origin and path only (no query: it may hold a token). */
  | { readonly kind: 'redirect'; readonly status: number; readonly from: string; readonly to: string; readonly reason: RedirectRefusal };

/** `answer`: the generation answer; `answerText`: the JSON around its images; `download`: one URL result. */
export type OversizedPart = 'answer' | 'answerText' | 'download';

/**
 * `otherOrigin`: another host, port or scheme; `downgrade`: https to http; `changesMethod`: a 301/302/303 that
 * would turn the POST into a GET without its body; `tooMany`: a chain of redirects.
 */
export type RedirectRefusal = 'otherOrigin' | 'downgrade' | 'changesMethod' | 'tooMany';

export type DmxApiErrorKind = DmxApiErrorInfo['kind'];

/** What the server said, from OpenAI's `{error:{message,type,code}}` or Gemini's `{error:{code,message,status}}`. */
export interface ServerMessage {
  readonly message: string;
  readonly type?: string;
  readonly code?: string;
}

/** Kinds where the same request may succeed if sent again. */
const RETRYABLE_KINDS: ReadonlySet<DmxApiErrorKind> = new Set(['rateLimited', 'server', 'timeout', 'network']);

export class DmxApiError extends Error {
  override readonly name = 'DmxApiError';
  readonly info: DmxApiErrorInfo;
  readonly retryable: boolean;

  /** `message` replaces the standard English line, e.g. to say who cancelled; it is never shown translated. */
  constructor(info: DmxApiErrorInfo & { readonly message?: string }, options?: { retryable?: boolean; cause?: unknown }) {
    super(info.message ?? englishMessage(info), options?.cause === undefined ? undefined : { cause: options.cause });
    this.info = info;
    this.retryable = options?.retryable ?? RETRYABLE_KINDS.has(info.kind);
  }

  get kind(): DmxApiErrorKind {
    return this.info.kind;
  }

  get status(): number | undefined {
    return 'status' in this.info ? this.info.status : undefined;
  }

  get serverMessage(): string | undefined {
    return 'server' in this.info ? this.info.server?.message : undefined;
  }

  /** How long a 429 asked us to wait, when it said. */
  get retryAfterMs(): number | undefined {
    return this.info.kind === 'rateLimited' ? this.info.retryAfterMs : undefined;
  }

  /** The safety filter's reason (`SAFETY`, `content_policy_violation`, …). */
  get reason(): string | undefined {
    return this.info.kind === 'safetyBlocked' ? this.info.reason : undefined;
  }

  /** What the model said instead of (or beside) an image. */
  get texts(): readonly string[] {
    return this.info.kind === 'noImage' || this.info.kind === 'safetyBlocked' ? (this.info.texts ?? []) : [];
  }
}

export function isDmxApiError(value: unknown, kind?: DmxApiErrorKind): value is DmxApiError {
  return value instanceof DmxApiError && (kind === undefined || value.kind === kind);
}

/** The one text a failure becomes in a log: its name and message, then its stack when it has one. */
export function errorLogText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error);
}

/** Replaces every occurrence of the key; servers sometimes echo the token they rejected. */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) {
    return text;
  }
  return text.split(secret).join('***');
}

function scrubDeep<T>(value: T, secret: string): T {
  if (typeof value === 'string') {
    return scrubSecret(value, secret) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown) => scrubDeep(item, secret)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, secret)])) as T;
  }
  return value;
}

/**
 * The error with the key scrubbed from every field that reaches a user: a 200 answer can echo it in a model's
 * text, a finish reason or a revised prompt, and those travel in `info` to notifications, cards and the log.
 */
export function scrubError(error: DmxApiError, secret: string | undefined): DmxApiError {
  if (!secret || secret.length < 4) {
    return error;
  }
  const info = scrubDeep(error.info, secret);
  return JSON.stringify(info) === JSON.stringify(error.info) ? error : new DmxApiError(info, { retryable: error.retryable, cause: error.cause });
}

function withServer(prefix: string, server: ServerMessage | undefined): string {
  return server ? `${prefix}: ${server.message}` : prefix;
}

const OVERSIZED_NAMES: Readonly<Record<OversizedPart, string>> = {
  answer: 'answer',
  answerText: 'text around the images in the answer',
  download: 'downloaded image',
};

const REDIRECT_REASONS: Readonly<Record<RedirectRefusal, string>> = {
  otherOrigin: 'it leads to another server, which must not receive the key or the prompt',
  downgrade: 'it leads from https to unencrypted http',
  changesMethod: 'it would resend the request without its body',
  tooMany: 'too many redirects',
};

const mebibytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The English line for the log; users read the extension's translated sentence instead. */
function englishMessage(info: DmxApiErrorInfo): string {
  switch (info.kind) {
    case 'invalidRequest':
      return `Invalid request: ${info.issues.map((issue) => issue.message).join('; ')}`;
    case 'auth':
      return withServer('HTTP 401: the API key was rejected', info.server);
    case 'forbidden':
      return withServer('HTTP 403: the API key may not use this model', info.server);
    case 'rateLimited':
      return withServer(`HTTP ${info.status}: rate limited`, info.server);
    case 'badRequest':
      return withServer(`HTTP ${info.status}: the server refused the request`, info.server);
    case 'server':
      return withServer(`HTTP ${info.status}: server error`, info.server);
    case 'htmlPage':
      return `HTTP ${info.status}: the answer was a web page, not the API (a proxy or CDN in between?)`;
    case 'malformedResponse':
      return `Malformed answer${info.status ? ` (HTTP ${info.status})` : ''}: ${info.detail}`;
    case 'timeout':
      return info.timeoutMs === undefined ? `HTTP ${info.status ?? 408}: the server timed out` : `No answer within ${info.timeoutMs} ms`;
    case 'network':
      return `Network error${info.code ? ` (${info.code})` : ''}: could not reach the server`;
    case 'cancelled':
      return 'Cancelled';
    case 'safetyBlocked':
      return `Blocked by the safety filter: ${info.reason}`;
    case 'noImage': {
      const why = info.finishReason ? ` (finish reason ${info.finishReason})` : '';
      return info.texts.length > 0 ? `No image in the answer${why}; the model said: ${info.texts.join(' ')}` : `No image in the answer${why}`;
    }
    case 'download':
      return `Downloading the image failed${info.status ? ` (HTTP ${info.status})` : ''}: ${info.detail}`;
    case 'tooLarge': {
      const announced = info.announcedBytes === undefined ? '' : ` (Content-Length ${info.announcedBytes})`;
      return `The ${OVERSIZED_NAMES[info.what]} is larger than the ${mebibytes(info.limitBytes)} limit${announced}; it was not read`;
    }
    case 'redirect':
      return `HTTP ${info.status}: redirected from ${info.from} to ${info.to}; not followed (${REDIRECT_REASONS[info.reason]})`;
  }
}
