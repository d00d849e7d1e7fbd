import type { Catalog } from './catalog/catalog';
import type { Protocol } from './catalog/modelSpec';
import { DmxApiError, scrubSecret } from './errors';
import type { Sleep } from './http/abortableSleep';
import { sendWithRetries, type HttpAnswer, type HttpOptions } from './http/httpClient';
import { imageAnswerReader, type StreamedAnswer } from './http/imageAnswerReader';
import { imageOfPlaceholder } from './http/imageAnswerScanner';
import { formatBytes, urlForLog } from './http/logFormat';
import { errorInAnswer, looksLikeHtml } from './http/responseErrors';
import { decodeBase64, imageSize, sniffImageMime } from './imageBytes';
import { geminiNativeProtocol } from './protocols/geminiNative';
import { openAiImagesProtocol } from './protocols/openaiImages';
import type { AnswerImage, ProtocolAdapter } from './protocols/protocol';
import type { ClientConfig, GeneratedImage, GenerationRequest, GenerationResult } from './types';
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

async function materialize(image: AnswerImage, index: number, decoded: readonly Buffer[], http: HttpOptions): Promise<GeneratedImage> {
  const bytes =
    image.kind === 'base64' ? (imageOfPlaceholder(image.data, decoded) ?? decodeBase64(image.data)) : await download(image.url, http);
  const mimeType = sniffImageMime(bytes);
  if (!mimeType) {
    throw notAnImage(image, index);
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
 * Validates, sends, reads and downloads: everything between "Generate" and image bytes in memory. Any failure
 * is a `DmxApiError`; a request with validation issues is never sent.
 */
export async function generateImages(catalog: Catalog, request: GenerationRequest, config: EngineConfig): Promise<GenerationResult> {
  const log = (line: string): void => config.log?.(scrubSecret(line, config.apiKey));
  const resolved = resolveRequest(catalog, request);
  const { model } = resolved;
  const wire = PROTOCOLS[model.protocol].buildRequest(resolved, config.baseUrl, config.apiKey);
  const http = httpOptionsOf(config, log);
  log(`generate ${model.id} ${resolved.ratio.id} ${resolved.resolution.id} ×${resolved.count} (${model.protocol})`);
  const started = performance.now();
  // Only the decoded images outlive the answer: its text is never held whole (imageAnswerReader).
  const post = { method: 'POST', url: wire.url, logName: wire.path, headers: wire.headers, body: wire.body } as const;
  const answer = await sendWithRetries(post, http, imageAnswerReader);
  const parsed = PROTOCOLS[model.protocol].parseAnswer(answerJson(answer, config.apiKey));
  const images = await Promise.all(parsed.images.map((image, index) => materialize(image, index, answer.body.images, http)));
  const elapsedMs = Math.round(performance.now() - started);
  log(`generated ${images.length} image(s) with ${model.id} in ${elapsedMs} ms`);
  return { model: model.id, images, texts: parsed.texts, elapsedMs };
}
