import { firstUnknown, invalidType, isObject, oneOf, type Problem } from './checks';
import { imageProblem } from './inputImages';
import { GEMINI_31 } from './sizeTables';

/**
 * What `POST /v1beta/models/gemini-3.1-flash-image-preview:generateContent` accepts, from its API document.
 * Google's JSON parser takes snake_case and camelCase names alike (`google_search` = `googleSearch`), so keys
 * are brought to camelCase first and checked once.
 */

export const GEMINI_MODEL = 'gemini-3.1-flash-image-preview';

/** `imageSize` wire values → the document's resolution names. "512" is Google's own name for 0.5K and the
 * document also calls it "512px"; Google requires an upper-case K, so "1k" is refused. */
const IMAGE_SIZES: Readonly<Record<string, string>> = { '0.5K': '0.5K', '512': '0.5K', '512px': '0.5K', '1K': '1K', '2K': '2K', '4K': '4K' };
/** The document's REST sample sends upper case, its Python sample title case; both reach the service. */
const MODALITIES = ['TEXT', 'IMAGE', 'Text', 'Image'];
/** Reference image types Gemini reads. */
const INLINE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];
/** Google's limit on reference images for this model family. */
const MAX_INLINE_IMAGES = 14;

export interface GeminiRequest {
  readonly prompt: string;
  readonly wantsText: boolean;
  readonly ratio: string;
  /** A key of the pixel table: 0.5K, 1K, 2K or 4K. */
  readonly resolution: string;
  readonly referenceImages: number;
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

function checkContents(contents: unknown): { prompt: string; images: number } | Problem {
  if (!Array.isArray(contents) || contents.length === 0) return invalid('contents', 'contents must be a non-empty array.');
  const texts: string[] = [];
  let images = 0;
  for (const [i, content] of contents.entries()) {
    const at = `contents[${i}]`;
    const shape = objectProblem(content, at, ['role', 'parts']);
    if (shape) return shape;
    const { role, parts } = content as Record<string, unknown>;
    if (role !== undefined && role !== 'user') return invalid(`${at}.role`, `Please use a valid role: user.`);
    if (!Array.isArray(parts) || parts.length === 0) return invalid(`${at}.parts`, 'parts must be a non-empty array.');
    for (const [j, part] of parts.entries()) {
      const pat = `${at}.parts[${j}]`;
      const partShape = objectProblem(part, pat, ['text', 'inlineData']);
      if (partShape) return partShape;
      const { text, inlineData } = part as Record<string, unknown>;
      if ((text === undefined) === (inlineData === undefined)) return invalid(pat, 'A part must hold exactly one of text or inlineData.');
      if (text !== undefined) {
        if (typeof text !== 'string') return invalidType(`${pat}.text`, 'a string', text);
        texts.push(text);
        continue;
      }
      const dataShape = objectProblem(inlineData, `${pat}.inlineData`, ['mimeType', 'data']);
      if (dataShape) return dataShape;
      const { mimeType, data } = inlineData as Record<string, unknown>;
      if (typeof mimeType !== 'string' || typeof data !== 'string') return invalid(`${pat}.inlineData`, 'inlineData needs string mimeType and data.');
      const bad = imageProblem(mimeType, data, INLINE_TYPES);
      if (bad) return invalid(`${pat}.inlineData`, bad);
      images += 1;
    }
  }
  const prompt = texts.join('\n').trim();
  if (prompt === '') return invalid('contents', 'A text part with the prompt is required.');
  if (images > MAX_INLINE_IMAGES) return invalid('contents', `At most ${MAX_INLINE_IMAGES} images are supported, got ${images}.`);
  return { prompt, images };
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

function checkTools(value: unknown): Problem | undefined {
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
    const typesShape = objectProblem(searchTypes, `${at}.googleSearch.searchTypes`, ['webSearch', 'imageSearch']);
    if (typesShape) return typesShape;
    for (const [name, option] of Object.entries(searchTypes as Record<string, unknown>)) {
      const optionShape = objectProblem(option, `${at}.googleSearch.searchTypes.${name}`, []);
      if (optionShape) return optionShape;
    }
  }
  return undefined;
}

function checkGenerationConfig(config: unknown): { wantsText: boolean; ratio: string; resolution: string } | Problem {
  const defaults = { wantsText: true, ratio: '1:1', resolution: '1K' };
  if (config === undefined) return defaults;
  const shape = objectProblem(config, 'generationConfig', ['responseModalities', 'imageConfig', 'thinkingConfig']);
  if (shape) return shape;
  const { responseModalities, imageConfig, thinkingConfig } = config as Record<string, unknown>;
  const wantsText = responseModalities === undefined ? true : checkModalities(responseModalities);
  if (typeof wantsText !== 'boolean') return wantsText;
  let ratio = defaults.ratio;
  let resolution = defaults.resolution;
  if (imageConfig !== undefined) {
    const param = 'generationConfig.imageConfig';
    const imageShape = objectProblem(imageConfig, param, ['aspectRatio', 'imageSize']);
    if (imageShape) return imageShape;
    const { aspectRatio, imageSize } = imageConfig as Record<string, unknown>;
    const problem =
      (aspectRatio === undefined ? undefined : oneOf([...GEMINI_31.keys()])(aspectRatio, `${param}.aspectRatio`)) ??
      (imageSize === undefined ? undefined : oneOf(Object.keys(IMAGE_SIZES))(imageSize, `${param}.imageSize`));
    if (problem) return problem;
    ratio = (aspectRatio as string | undefined) ?? ratio;
    resolution = imageSize === undefined ? resolution : IMAGE_SIZES[imageSize as string]!;
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
  return { wantsText, ratio, resolution };
}

const isProblem = (value: object): value is Problem => 'code' in value && 'param' in value;

export function checkGeminiBody(raw: unknown): GeminiCheck {
  const body = camelKeys(raw);
  const shape = objectProblem(body, '', ['contents', 'generationConfig', 'tools']);
  if (shape) return { ok: false, problem: shape.param.startsWith('.') ? { ...shape, param: shape.param.slice(1) } : shape };
  const { contents, generationConfig, tools } = body as Record<string, unknown>;
  const content = checkContents(contents);
  if (isProblem(content)) return { ok: false, problem: content };
  const config = checkGenerationConfig(generationConfig);
  if (isProblem(config)) return { ok: false, problem: config };
  const toolProblem = tools === undefined ? undefined : checkTools(tools);
  if (toolProblem) return { ok: false, problem: toolProblem };
  return { ok: true, request: { prompt: content.prompt, referenceImages: content.images, ...config } };
}
