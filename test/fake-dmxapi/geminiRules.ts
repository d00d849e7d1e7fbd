import { firstUnknown, invalidType, isObject, oneOf, type Problem } from './checks';
import { imageProblem } from './inputImages';
import { GEMINI_25_NATIVE, GEMINI_31, GEMINI_31_CURRENT, GEMINI_31_LITE, GEMINI_3_PRO, type Pixels } from './sizeTables';

/**
 * What `POST /v1beta/models/{model}:generateContent` accepts per model, from each model's API document.
 * Google's JSON parser takes snake_case and camelCase names alike (`google_search` = `googleSearch`), so keys
 * are brought to camelCase first and checked once.
 */

export interface GeminiModelRule {
  /** ratio → `imageSize` resolution → pixels. */
  readonly table: ReadonlyMap<string, ReadonlyMap<string, Pixels>>;
  /** `imageSize` wire values → the table's resolutions; absent: the model refuses `imageSize`. */
  readonly imageSizes?: Readonly<Record<string, string>>;
  /** Whether `responseModalities` is accepted; without it the model answers with its image alone. */
  readonly modalities: boolean;
  readonly tools: 'none' | 'webSearch' | 'webAndImageSearch';
  readonly thinking: boolean;
  /** Multi-turn editing with thoughtSignatures (…-duolun.md, img-3pro-duolun.md). */
  readonly signatures: boolean;
  readonly maxImages: number;
  /** Output tokens per image by resolution, as the documents state them (reported in usageMetadata). */
  readonly tokens: Readonly<Record<string, number>>;
}

/** Google requires an upper-case K, so "1k" is refused. */
const ONE_TO_FOUR_K: Readonly<Record<string, string>> = { '1K': '1K', '2K': '2K', '4K': '4K' };

export const GEMINI_MODELS: Readonly<Record<string, GeminiModelRule>> = {
  // Seed 001. "512" is Google's own name for 0.5K and the document also calls it "512px".
  'gemini-3.1-flash-image-preview': {
    table: GEMINI_31,
    imageSizes: { '0.5K': '0.5K', '512': '0.5K', '512px': '0.5K', ...ONE_TO_FOUR_K },
    modalities: true,
    tools: 'webAndImageSearch',
    thinking: true,
    signatures: true,
    maxImages: 14,
    tokens: { '0.5K': 747, '1K': 1120, '2K': 1120, '4K': 2000 },
  },
  // gemini-3.1-flash-image-preview.md and its -edit/-images pages: 1K/2K/4K, image search, thinking; 10 object + 4 character images.
  'gemini-3.1-flash-image': {
    table: GEMINI_31_CURRENT,
    imageSizes: ONE_TO_FOUR_K,
    modalities: true,
    tools: 'webAndImageSearch',
    thinking: true,
    signatures: true,
    maxImages: 14,
    tokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
  },
  // img-3pro-*.md: google_search only.
  'gemini-3-pro-image': {
    table: GEMINI_3_PRO,
    imageSizes: ONE_TO_FOUR_K,
    modalities: true,
    tools: 'webSearch',
    thinking: false,
    signatures: true,
    maxImages: 14,
    tokens: { '1K': 1210, '2K': 1210, '4K': 2000 },
  },
  // gemini-3.1-flash-lite-image.md: "1K only"; no tools in its samples. It names no token count or image limit.
  'gemini-3.1-flash-lite-image': {
    table: GEMINI_31_LITE,
    imageSizes: { '1K': '1K' },
    modalities: true,
    tools: 'none',
    thinking: false,
    signatures: false,
    maxImages: 14,
    tokens: { '1K': 1120 },
  },
  // img-25flash-*.md: "response_modalities, image_size and tools are not available"; Google takes up to 3 images.
  'gemini-2.5-flash-image': {
    table: GEMINI_25_NATIVE,
    modalities: false,
    tools: 'none',
    thinking: false,
    signatures: false,
    maxImages: 3,
    tokens: { '1K': 1290 },
  },
};

/** The document's REST sample sends upper case, its Python sample title case; both reach the service. */
const MODALITIES = ['TEXT', 'IMAGE', 'Text', 'Image'];
/** Reference image types Gemini reads. */
const INLINE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];

export interface GeminiRequest {
  readonly prompt: string;
  readonly wantsText: boolean;
  readonly ratio: string;
  /** A key of the pixel table: 0.5K, 1K, 2K or 4K. */
  readonly resolution: string;
  readonly referenceImages: number;
  readonly modelParts: readonly ModelPartSent[];
  readonly lastImage?: Buffer;
  /** Whether the request named an aspect ratio; an edit without one keeps its image's shape. */
  readonly ratioGiven: boolean;
}

export type GeminiCheck = { readonly ok: true; readonly request: GeminiRequest } | { readonly ok: false; readonly problem: Problem };

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
}

const invalid = (param: string, message: string): Problem => ({ param, message, code: 'invalid_value' });

/** Checks that `value` is an object with only `known` keys. */
function objectProblem(value: unknown, param: string, known: readonly string[]): Problem | undefined {
  if (!isObject(value)) return invalidType(param, 'an object', value);
  return firstUnknown(value, known, `${param}.`);
}

/** A part of a model turn sent back, with the signature it carries; `content` is the text or the base64 data. */
export interface ModelPartSent {
  readonly kind: 'image' | 'text';
  readonly content: string;
  readonly signature?: string;
  /** 1-based content and part positions, as Google's messages count them. */
  readonly content_at: number;
  readonly part_at: number;
}

interface Contents {
  readonly prompt: string;
  readonly images: number;
  /** The model turns of a multi-turn request (…-duolun.md), part by part. */
  readonly modelParts: readonly ModelPartSent[];
  /** The last image anywhere in the conversation: an edit without aspectRatio keeps its shape. */
  readonly lastImage?: Buffer;
}

/**
 * `contents`: user turns (text and inlineData parts) and, in multi-turn editing, model turns whose parts carry the
 * `thoughtSignature` they came with. The conversation starts and ends with the user's turn.
 */
function checkContents(contents: unknown, maxImages: number): Contents | Problem {
  if (!Array.isArray(contents) || contents.length === 0) return invalid('contents', 'contents must be a non-empty array.');
  const texts: string[] = [];
  const modelParts: ModelPartSent[] = [];
  let images = 0;
  let lastImage: Buffer | undefined;
  for (const [i, content] of contents.entries()) {
    const at = `contents[${i}]`;
    const shape = objectProblem(content, at, ['role', 'parts']);
    if (shape) return shape;
    const { role, parts } = content as Record<string, unknown>;
    if (role !== undefined && role !== 'user' && role !== 'model') return invalid(`${at}.role`, `Please use a valid role: user, model.`);
    const fromModel = role === 'model';
    if (fromModel && (i === 0 || i === contents.length - 1)) return invalid(`${at}.role`, 'A conversation must start and end with a user turn.');
    if (!Array.isArray(parts) || parts.length === 0) return invalid(`${at}.parts`, 'parts must be a non-empty array.');
    for (const [j, part] of parts.entries()) {
      const pat = `${at}.parts[${j}]`;
      const partShape = objectProblem(part, pat, fromModel ? ['text', 'inlineData', 'thoughtSignature'] : ['text', 'inlineData']);
      if (partShape) return partShape;
      const { text, inlineData, thoughtSignature } = part as Record<string, unknown>;
      if ((text === undefined) === (inlineData === undefined)) return invalid(pat, 'A part must hold exactly one of text or inlineData.');
      if (thoughtSignature !== undefined && typeof thoughtSignature !== 'string') return invalidType(`${pat}.thoughtSignature`, 'a string', thoughtSignature);
      const signature = thoughtSignature === undefined ? {} : { signature: thoughtSignature as string };
      const place = { content_at: i + 1, part_at: j + 1 };
      if (text !== undefined) {
        if (typeof text !== 'string') return invalidType(`${pat}.text`, 'a string', text);
        if (fromModel) modelParts.push({ kind: 'text', content: text, ...signature, ...place });
        else texts.push(text);
        continue;
      }
      const dataShape = objectProblem(inlineData, `${pat}.inlineData`, ['mimeType', 'data']);
      if (dataShape) return dataShape;
      const { mimeType, data } = inlineData as Record<string, unknown>;
      if (typeof mimeType !== 'string' || typeof data !== 'string') return invalid(`${pat}.inlineData`, 'inlineData needs string mimeType and data.');
      const bad = imageProblem(mimeType, data, INLINE_TYPES);
      if (bad) return invalid(`${pat}.inlineData`, bad);
      lastImage = Buffer.from(data, 'base64');
      if (fromModel) modelParts.push({ kind: 'image', content: data, ...signature, ...place });
      else images += 1;
    }
  }
  const prompt = texts.join('\n').trim();
  if (prompt === '') return invalid('contents', 'A text part with the prompt is required.');
  if (images > maxImages) return invalid('contents', `At most ${maxImages} images are supported, got ${images}.`);
  return { prompt, images, modelParts, ...(lastImage ? { lastImage } : {}) };
}

function checkModalities(value: unknown): boolean | Problem {
  const param = 'generationConfig.responseModalities';
  if (!Array.isArray(value) || value.length === 0) return invalid(param, 'responseModalities must be a non-empty array.');
  for (const item of value) {
    const problem = oneOf(MODALITIES)(item, param);
    if (problem) return problem;
  }
  const upper = value.map((m: string) => m.toUpperCase());
  if (new Set(upper).size !== upper.length) return invalid(param, 'responseModalities lists a modality twice.');
  if (!upper.includes('IMAGE')) return invalid(param, 'This model only supports ["IMAGE"] or ["TEXT", "IMAGE"].');
  return upper.includes('TEXT');
}

function checkTools(value: unknown, allowed: GeminiModelRule['tools']): Problem | undefined {
  if (allowed === 'none') return invalid('tools', 'This model does not support tools.');
  if (!Array.isArray(value)) return invalidType('tools', 'an array', value);
  for (const [i, tool] of value.entries()) {
    const at = `tools[${i}]`;
    const toolShape = objectProblem(tool, at, ['googleSearch']);
    if (toolShape) return toolShape;
    const search = (tool as Record<string, unknown>)['googleSearch'];
    if (search === undefined) return invalid(at, 'The only tool this model takes is googleSearch.');
    const searchShape = objectProblem(search, `${at}.googleSearch`, ['searchTypes']);
    if (searchShape) return searchShape;
    const searchTypes = (search as Record<string, unknown>)['searchTypes'];
    if (searchTypes === undefined) continue;
    if (allowed !== 'webAndImageSearch') return invalid(`${at}.googleSearch.searchTypes`, 'Search types are not supported by this model.');
    const typesShape = objectProblem(searchTypes, `${at}.googleSearch.searchTypes`, ['webSearch', 'imageSearch']);
    if (typesShape) return typesShape;
    for (const [name, option] of Object.entries(searchTypes as Record<string, unknown>)) {
      const optionShape = objectProblem(option, `${at}.googleSearch.searchTypes.${name}`, []);
      if (optionShape) return optionShape;
    }
  }
  return undefined;
}

function checkGenerationConfig(config: unknown, rule: GeminiModelRule): { wantsText: boolean; ratio: string; resolution: string; ratioGiven: boolean } | Problem {
  // A model without responseModalities answers with its image alone.
  const defaults = { wantsText: rule.modalities, ratio: '1:1', resolution: '1K', ratioGiven: false };
  if (config === undefined) return defaults;
  const known = ['imageConfig', ...(rule.modalities ? ['responseModalities'] : []), ...(rule.thinking ? ['thinkingConfig'] : [])];
  const shape = objectProblem(config, 'generationConfig', known);
  if (shape) return shape;
  const { responseModalities, imageConfig, thinkingConfig } = config as Record<string, unknown>;
  const wantsText = responseModalities === undefined ? defaults.wantsText : checkModalities(responseModalities);
  if (typeof wantsText !== 'boolean') return wantsText;
  let ratio = defaults.ratio;
  let resolution = defaults.resolution;
  let ratioGiven = false;
  if (imageConfig !== undefined) {
    const param = 'generationConfig.imageConfig';
    const imageShape = objectProblem(imageConfig, param, rule.imageSizes ? ['aspectRatio', 'imageSize'] : ['aspectRatio']);
    if (imageShape) return imageShape;
    const { aspectRatio, imageSize } = imageConfig as Record<string, unknown>;
    const sizes = rule.imageSizes ?? {};
    const problem =
      (aspectRatio === undefined ? undefined : oneOf([...rule.table.keys()])(aspectRatio, `${param}.aspectRatio`)) ??
      (imageSize === undefined ? undefined : oneOf(Object.keys(sizes))(imageSize, `${param}.imageSize`));
    if (problem) return problem;
    ratio = (aspectRatio as string | undefined) ?? ratio;
    ratioGiven = aspectRatio !== undefined;
    resolution = imageSize === undefined ? resolution : sizes[imageSize as string]!;
  }
  if (thinkingConfig !== undefined) {
    const param = 'generationConfig.thinkingConfig';
    const { thinkingLevel, includeThoughts } = (isObject(thinkingConfig) ? thinkingConfig : {}) as Record<string, unknown>;
    const problem =
      objectProblem(thinkingConfig, param, ['thinkingLevel', 'includeThoughts']) ??
      (thinkingLevel === undefined ? undefined : oneOf(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'], { ignoreCase: true })(thinkingLevel, `${param}.thinkingLevel`)) ??
      (includeThoughts === undefined || typeof includeThoughts === 'boolean' ? undefined : invalidType(`${param}.includeThoughts`, 'a boolean', includeThoughts));
    if (problem) return problem;
  }
  return { wantsText, ratio, resolution, ratioGiven };
}

const isProblem = (value: object): value is Problem => 'code' in value && 'param' in value;

export function checkGeminiBody(raw: unknown, rule: GeminiModelRule): GeminiCheck {
  const body = camelKeys(raw);
  const shape = objectProblem(body, '', ['contents', 'generationConfig', 'tools']);
  if (shape) return { ok: false, problem: shape.param.startsWith('.') ? { ...shape, param: shape.param.slice(1) } : shape };
  const { contents, generationConfig, tools } = body as Record<string, unknown>;
  const content = checkContents(contents, rule.maxImages);
  if (isProblem(content)) return { ok: false, problem: content };
  const config = checkGenerationConfig(generationConfig, rule);
  if (isProblem(config)) return { ok: false, problem: config };
  const toolProblem = tools === undefined ? undefined : checkTools(tools, rule.tools);
  if (toolProblem) return { ok: false, problem: toolProblem };
  const { prompt, images, modelParts, lastImage } = content;
  return { ok: true, request: { prompt, referenceImages: images, modelParts, ...(lastImage ? { lastImage } : {}), ...config } };
}
