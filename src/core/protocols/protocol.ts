import type { ResolvedRequest } from '../validation';

/** What one protocol module provides: a request for a resolved generation, and a reading of the answer. */
export interface ProtocolAdapter {
  buildRequest(request: ResolvedRequest, baseUrl: string, apiKey: string): WireRequest;
  /** `json` is the parsed body of a 2xx answer; throws `DmxApiError` for a safety block or an answer without images. */
  parseAnswer(json: unknown): ParsedAnswer;
}

export interface WireRequest {
  readonly url: string;
  /** The URL path alone, for log lines. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An image as the answer carried it, before decoding or downloading. */
export type AnswerImage =
  | { readonly kind: 'base64'; readonly data: string; readonly revisedPrompt?: string }
  | { readonly kind: 'url'; readonly url: string; readonly revisedPrompt?: string };

export interface ParsedAnswer {
  readonly images: readonly AnswerImage[];
  readonly texts: readonly string[];
}
