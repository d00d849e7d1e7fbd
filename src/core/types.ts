import type { DmxApiError } from './errors';
import type { ImageParameters, OptionValues } from './imageParameters';

/**
 * The public shapes of the core engine. `src/core` never imports `vscode`: the commands and the panel call it,
 * the unit tests call it against the fake DMXAPI.
 */

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** A reference image the user attached; bytes are sent as a data URI or an inlineData part. */
export interface ReferenceImage {
  readonly bytes: Uint8Array;
  readonly mimeType: ImageMime;
  /** File name, for messages only. */
  readonly name?: string;
}

/**
 * What to generate, in catalog ids (not wire values): an image's parameters (`imageParameters.ts`) with what only
 * a request has: how many images and the reference images' bytes.
 */
export interface GenerationRequest extends Readonly<Omit<ImageParameters, 'options'>> {
  /** Images to ask for in this one request; at most the model's `n.max`. Default 1. */
  readonly count?: number;
  /** Missing: every option's default. */
  readonly options?: Readonly<OptionValues>;
  readonly references?: readonly ReferenceImage[];
}

/** One image that came back, already downloaded if the answer held a URL. */
export interface GeneratedImage {
  readonly bytes: Uint8Array;
  /** Sniffed from the bytes, never taken from a header. */
  readonly mimeType: ImageMime;
  /** Pixel size read from the image header, where the format allows it. */
  readonly width?: number;
  readonly height?: number;
  /** How it arrived. */
  readonly source: 'base64' | 'url';
  /** The prompt as the model rewrote it (DALL·E 3), if it said. */
  readonly revisedPrompt?: string;
}

/** An image the answer promised that did not arrive (its link failed, its bytes were cut off). */
export interface ImageFailure {
  /** Its place in the answer, 0-based. */
  readonly index: number;
  readonly error: DmxApiError;
}

export interface GenerationResult {
  readonly model: string;
  /** The images that arrived; at least one. */
  readonly images: readonly GeneratedImage[];
  /** Images of the answer that did not arrive; empty when all did. */
  readonly failures: readonly ImageFailure[];
  /** Text parts the model returned beside its images (Gemini), in order. */
  readonly texts: readonly string[];
  /** Milliseconds from sending the request to the last image in memory. */
  readonly elapsedMs: number;
}

/** How to reach DMXAPI. `fetch` is injectable so tests and the benchmark can swap it. */
export interface ClientConfig {
  /** e.g. `https://www.dmxapi.cn`; the protocol paths are appended. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Per attempt; image generation at 4K can take minutes. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, for retryable failures before any answer arrived. */
  readonly maxRetries: number;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  /** Called before each retry with the attempt number (1-based) and the wait in milliseconds. */
  readonly onRetry?: (attempt: number, delayMs: number, reason: string) => void;
  /** Diagnostic lines for a log channel; never contains the key. */
  readonly log?: (line: string) => void;
}
