import type { FormData } from './multipart';

/** The public shapes of the fake DMXAPI: what a test starts, inspects and breaks. */

export type ImageContent = 'pattern' | 'noise';

export interface FakeOptions {
  /** Port on 127.0.0.1; 0 (default) lets the OS pick a free one. */
  readonly port?: number;
  /** When set, only this key is accepted; any other gets 401. Unset: any non-empty key passes. */
  readonly validKey?: string;
  /** Divide every image's width and height by this (rounded up, at least 1 px) to keep tests fast. Default 1. */
  readonly sizeReduction?: number;
  /** 'pattern' (default): a cheap gradient unique to each request. 'noise': incompressible, real-sized files. */
  readonly content?: ImageContent;
  /** Milliseconds to wait before answering every generation request. Default 0. */
  readonly delayMs?: number;
}

/** Which requests a fault hits: the two generation endpoints (default) or the `/files/…` downloads. */
export type FaultTarget = 'generate' | 'files';

export type FaultKind =
  /** An error status in the endpoint's own JSON error shape; `retryAfter` becomes the Retry-After header. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly message?: string }
  /** An HTML error page as a proxy in front of the API sends it (nginx style); 502 unless told. */
  | { readonly kind: 'htmlStatus'; readonly status?: number }
  /** 200 with `application/json` whose body is not JSON. */
  | { readonly kind: 'malformedJson' }
  /** Headers announce the full Content-Length, half the body is sent, then the socket is destroyed. */
  | { readonly kind: 'truncatedBody' }
  /** The connection is reset before any byte of a response. */
  | { readonly kind: 'resetConnection' }
  /** The request is read and never answered, until the client gives up or the server closes. */
  | { readonly kind: 'hang' }
  /** Wait `ms` before answering normally (cancel tests). */
  | { readonly kind: 'slow'; readonly ms: number }
  /** Gemini: a candidate with `finishReason: 'IMAGE_SAFETY'` and no image. OpenAI: 400 `content_policy_violation`. */
  | { readonly kind: 'safetyFinish' }
  /** Gemini: `promptFeedback.blockReason: 'SAFETY'` and no candidates. OpenAI: 400 `content_policy_violation`. */
  | { readonly kind: 'promptBlocked' }
  /** A successful answer with text and no image (Gemini: a text part only; OpenAI: `data: []`). */
  | { readonly kind: 'textOnly' }
  /** URL results are issued, but downloading them answers `status` (404 unless told): the link has expired. */
  | { readonly kind: 'expiredUrl'; readonly status?: 403 | 404 }
  /** URL results are issued, but they serve an HTML page with status 200 instead of an image. */
  | { readonly kind: 'urlNotImage' }
  /**
   * Gemini: the image comes as a `data:image/png;base64,…` string in a text part instead of `inlineData`, as
   * gemini-3-pro-image-preview.md says that model sometimes answers. OpenAI route: no effect.
   */
  | { readonly kind: 'imageInTextPart' };

export type Fault = FaultKind & {
  /** How many matching requests the fault hits before it clears itself; unset: until replaced. */
  readonly times?: number;
  readonly target?: FaultTarget;
};

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; auth headers are kept verbatim so tests can check them. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when empty or not JSON. */
  readonly body: unknown;
  /** A multipart/form-data body (`/v1/images/edits`) as the fake read it; undefined for other bodies. */
  readonly form?: FormData;
  readonly bodyBytes: number;
  /** Which fault, if any, this request met. */
  readonly fault?: FaultKind['kind'];
  /** Set once the whole answer has been handed to the socket. */
  readonly answered?: boolean;
}

export interface FakeDmxApi {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** Every request in arrival order, faulted ones included. Cleared by `reset()`. */
  readonly requests: readonly RecordedRequest[];
  setFault(fault: Fault | null): void;
  /** Holds `/v1/chat/completions` streams part-way: `pauseAfter(n)` stops them after n chunks until `release()`. */
  readonly chat: { pauseAfter(chunks: number | undefined): void; release(): void };
  /** The most generation or chat requests that were being answered at the same time since the last reset. */
  readonly maxInFlight: number;
  /** Holds every answer until the returned function is called (or `reset()`). */
  holdAnswers(): () => void;
  setDelay(ms: number): void;
  setSizeReduction(divisor: number): void;
  /** Clears requests, fault and stored files; delay and size reduction go back to the start options. */
  reset(): void;
  /** Stops listening and drops open connections (hung requests included). */
  close(): Promise<void>;
}
