import type { Catalog } from './catalog/catalog';
import type { Protocol } from './catalog/modelSpec';
import { DmxApiError, scrubError, scrubSecret } from './errors';
import type { Sleep } from './http/abortableSleep';
import { sendWithRetries, type HttpAnswer, type HttpOptions, type HttpRequest } from './http/httpClient';
import { imageAnswerReader, type StreamedAnswer } from './http/imageAnswerReader';
import { imageOfPlaceholder } from './http/imageAnswerScanner';
import { formatBytes, urlForLog } from './http/logFormat';
import { errorInAnswer, looksLikeHtml } from './http/responseErrors';
import { decodeBase64, imageSize, isComplete, sniffImageMime } from './imageBytes';
import { geminiNativeProtocol } from './protocols/geminiNative';
import { openAiImagesProtocol } from './protocols/openaiImages';
import type { AnswerImage, ParsedAnswer, ProtocolAdapter } from './protocols/protocol';
import type { ClientConfig, GeneratedImage, GenerationRequest, GenerationResult, ImageFailure } from './types';
import { resolveRequest } from './validation';

/** The client config plus the clock hooks tests use to run retries without waiting. */
export interface EngineConfig extends ClientConfig {
  readonly sleep?: Sleep;
  readonly random?: () => number;
}

const PROTOCOLS: Readonly<Record<Protocol, ProtocolAdapter>> = {
  'openai-images': openAiImagesProtocol,
  'gemini-native': geminiNativeProtocol,
};

function httpOptionsOf(config: EngineConfig, log: (line: string) => void): HttpOptions {
  const { timeoutMs, maxRetries, signal, fetch, onRetry, sleep, random } = config;
  return { timeoutMs, maxRetries, signal, fetch, onRetry, sleep, random, secret: config.apiKey, log };
}

/** The JSON of a 2xx answer; a web page or broken JSON here means something other than the API answered. */
function answerJson(answer: HttpAnswer<StreamedAnswer>, secret: string): unknown {
  const text = answer.body.json;
  if (looksLikeHtml(answer.headers.get('content-type'), text)) {
    throw new DmxApiError({ kind: 'htmlPage', status: answer.status }, { retryable: false });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const detail = text.trim() === '' ? 'the body is empty' : `the body is not JSON (${answer.body.bytes} bytes, cut off?)`;
    throw new DmxApiError({ kind: 'malformedResponse', status: answer.status, detail });
  }
  const inBody = errorInAnswer(json, secret);
  if (inBody) {
    throw inBody;
  }
  return json;
}

/** Image links expire after an hour, so they are fetched now; the key is not sent to the image host. */
async function download(url: string, http: HttpOptions): Promise<Uint8Array> {
  try {
    const answer = await sendWithRetries({ method: 'GET', url, logName: urlForLog(url), redirects: 'noDowngrade' }, http);
    return answer.body;
  } catch (error) {
    if (error instanceof DmxApiError && error.kind !== 'cancelled') {
      const status = error.status;
      const gone = status === 403 || status === 404 || status === 410;
      const detail = gone ? 'the link has expired or is gone' : error.message;
      throw new DmxApiError({ kind: 'download', detail, ...(status === undefined ? {} : { status }) }, { retryable: false, cause: error });
    }
    throw error;
  }
}

function notAnImage(image: AnswerImage, index: number): DmxApiError {
  const detail = `image ${index + 1} is not a PNG, JPEG, WebP or GIF image`;
  return image.kind === 'url'
    ? new DmxApiError({ kind: 'download', detail })
    : new DmxApiError({ kind: 'malformedResponse', detail });
}

function cutShort(image: AnswerImage, index: number, bytes: Uint8Array, mimeType: string): DmxApiError {
  const detail = `image ${index + 1} (${mimeType}, ${formatBytes(bytes.byteLength)}) ends before its format says it ends: it was cut off`;
  return image.kind === 'url'
    ? new DmxApiError({ kind: 'download', detail })
    : new DmxApiError({ kind: 'malformedResponse', detail });
}

async function materialize(image: AnswerImage, index: number, decoded: readonly Buffer[], http: HttpOptions): Promise<GeneratedImage> {
  const bytes =
    image.kind === 'base64' ? (imageOfPlaceholder(image.data, decoded) ?? decodeBase64(image.data)) : await download(image.url, http);
  const mimeType = sniffImageMime(bytes);
  if (!mimeType) {
    throw notAnImage(image, index);
  }
  if (!isComplete(bytes, mimeType)) {
    throw cutShort(image, index, bytes, mimeType);
  }
  const size = imageSize(bytes, mimeType);
  http.log?.(`image ${index + 1}: ${mimeType} ${size ? `${size.width}x${size.height}` : '?'} ${formatBytes(bytes.byteLength)} (${image.kind})`);
  return {
    bytes,
    mimeType,
    source: image.kind,
    ...(size ?? {}),
    ...(image.revisedPrompt ? { revisedPrompt: image.revisedPrompt } : {}),
  };
}

/**
 * Every image of the answer, each on its own: one link that fails does not take the others with it. All failing
 * is the first failure; otherwise the failures travel beside the images, which are paid for and must be saved.
 */
async function materializeAll(images: readonly AnswerImage[], decoded: readonly Buffer[], http: HttpOptions): Promise<{ images: GeneratedImage[]; failures: ImageFailure[] }> {
  const settled = await Promise.allSettled(images.map((image, index) => materialize(image, index, decoded, http)));
  const arrived: GeneratedImage[] = [];
  const failures: ImageFailure[] = [];
  for (const [index, outcome] of settled.entries()) {
    if (outcome.status === 'fulfilled') {
      arrived.push(outcome.value);
    } else if (outcome.reason instanceof DmxApiError && outcome.reason.kind !== 'cancelled') {
      failures.push({ index, error: outcome.reason });
    } else {
      throw outcome.reason; // a cancel, or a bug: not a partial result
    }
  }
  if (arrived.length === 0) {
    throw failures[0]!.error;
  }
  return { images: arrived, failures };
}

/** A model's words and revised prompts reach the user; a key a server echoed in them does not. */
export function scrubResult<R extends GenerationResult>(result: R, secret: string): R {
  const scrub = (text: string): string => scrubSecret(text, secret);
  return {
    ...result,
    texts: result.texts.map(scrub),
    images: result.images.map((image) => (image.revisedPrompt ? { ...image, revisedPrompt: scrub(image.revisedPrompt) } : image)),
    failures: result.failures.map((failure) => ({ ...failure, error: scrubError(failure.error, secret) })),
  };
}

/**
 * Validates, sends, reads and downloads: everything between "Generate" and image bytes in memory. Any failure
 * is a `DmxApiError`; a request with validation issues is never sent. No field of the result or of an error
 * holds the key.
 */
/** What one request through the answer path gave: the parsed answer and the images that arrived. */
export interface AnswerRead<P extends ParsedAnswer> {
  readonly parsed: P;
  readonly images: readonly GeneratedImage[];
  readonly failures: readonly ImageFailure[];
  /** For each arrived image, its place in `parsed.images`. */
  readonly arrivedIndexes: readonly number[];
  readonly elapsedMs: number;
}

/**
 * Sends one request and reads its answer the way every image request is read: streamed, image strings decoded
 * on the way, errors in the body, links downloaded at once, types sniffed, cut-off images refused. Generation
 * and editing both come through here; `parse` is the protocol's reading of the JSON.
 */
export async function sendAndRead<P extends ParsedAnswer>(post: HttpRequest, parse: (json: unknown) => P, config: EngineConfig): Promise<AnswerRead<P>> {
  const http = httpOptionsOf(config, (line) => config.log?.(scrubSecret(line, config.apiKey)));
  const started = performance.now();
  // Only the decoded images outlive the answer: its text is never held whole (imageAnswerReader).
  const answer = await sendWithRetries(post, http, imageAnswerReader);
  const parsed = parse(answerJson(answer, config.apiKey));
  const { images, failures } = await materializeAll(parsed.images, answer.body.images, http);
  const lost = new Set(failures.map((failure) => failure.index));
  const arrivedIndexes = parsed.images.map((_, index) => index).filter((index) => !lost.has(index));
  for (const failure of failures) {
    http.log?.(`image ${failure.index + 1} of ${parsed.images.length} is lost: ${failure.error.message}`);
  }
  return { parsed, images, failures, arrivedIndexes, elapsedMs: Math.round(performance.now() - started) };
}

/** Runs `work` so that neither its result nor its error holds the key. */
export async function withKeyScrubbed<R extends GenerationResult>(config: EngineConfig, work: () => Promise<R>): Promise<R> {
  try {
    return scrubResult(await work(), config.apiKey);
  } catch (error) {
    throw error instanceof DmxApiError ? scrubError(error, config.apiKey) : error;
  }
}

export async function generateImages(catalog: Catalog, request: GenerationRequest, config: EngineConfig): Promise<GenerationResult> {
  return withKeyScrubbed(config, () => validateAndSend(catalog, request, config));
}

/** Validates the request (nothing is sent for one with issues), sends it in its model's protocol and reads the answer. */
async function validateAndSend(catalog: Catalog, request: GenerationRequest, config: EngineConfig): Promise<GenerationResult> {
  const log = (line: string): void => config.log?.(scrubSecret(line, config.apiKey));
  const resolved = resolveRequest(catalog, request);
  const { model } = resolved;
  const wire = PROTOCOLS[model.protocol].buildRequest(resolved, config.baseUrl, config.apiKey);
  log(`generate ${model.id} ${resolved.ratio.id} ${resolved.resolution.id} ×${resolved.count} (${model.protocol})`);
  const post = { method: 'POST', url: wire.url, logName: wire.path, headers: wire.headers, body: wire.body } as const;
  const { parsed, images, failures, elapsedMs } = await sendAndRead(post, PROTOCOLS[model.protocol].parseAnswer, config);
  log(`generated ${images.length} image(s) with ${model.id} in ${elapsedMs} ms`);
  return { model: model.id, images, texts: parsed.texts, elapsedMs, failures };
}
