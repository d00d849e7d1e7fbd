import { firstUnknown, integer, isObject, missing, oneOf, text, type Check, type Problem } from './checks';
import { dataUriProblem } from './inputImages';
import { GEMINI_25, gptImage2SizeProblem, NANO_BANANA_2, parsePixelSize, type Pixels } from './sizeTables';

/**
 * What `POST /v1/images/generations` accepts per model, written from the API documents. Every field a model's
 * document does not name is refused, so a client sending `style` to gpt-image or `n` to gemini-2.5 fails here.
 */

export type AnswerStyle = 'gpt-image' | 'dall-e-3' | 'dall-e-2' | 'nano-banana-2' | 'gemini-2.5';

export interface OpenAiModelRule {
  readonly style: AnswerStyle;
  /** Fields that must be present besides `model`; the documents mark them 【必填】. */
  readonly required: readonly string[];
  /** Every accepted field except `model`, with its check. */
  readonly fields: Readonly<Record<string, Check>>;
  /** Checks across fields, run once each field is valid on its own. */
  readonly across?: (body: Record<string, unknown>) => Problem | undefined;
  /** `response_format` when the body leaves it out; undefined when the model always answers one way. */
  readonly defaultFormat?: 'url' | 'b64_json';
  readonly pixels: (body: Record<string, unknown>) => Pixels;
}

const RESPONSE_FORMAT = oneOf(['url', 'b64_json']);
const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

const NANO_BANANA_2_RATIOS = [...NANO_BANANA_2.keys()];

const nanoBanana2: OpenAiModelRule = {
  style: 'nano-banana-2',
  required: ['prompt', 'n'],
  fields: {
    prompt: text(32000),
    n: integer(1, 1),
    aspect_ratio: oneOf(NANO_BANANA_2_RATIOS),
    // The document lists "1K"/"2K"/"4K" yet its own example sends "4k".
    size: oneOf(['1K', '2K', '4K'], { ignoreCase: true }),
    response_format: RESPONSE_FORMAT,
  },
  // The document's answer handling names base64 as nano-banana-2's format; its example asks for a URL.
  defaultFormat: 'b64_json',
  pixels: (body) => NANO_BANANA_2.get(str(body['aspect_ratio'], '1:1'))!.get(str(body['size'], '1K').toUpperCase())!,
};

const gptImage: OpenAiModelRule = {
  style: 'gpt-image',
  required: ['prompt', 'n', 'size'],
  fields: {
    prompt: text(32000),
    n: integer(1, 10),
    size: oneOf(['1024x1024', '1536x1024', '1024x1536', 'auto']),
    quality: oneOf(['auto', 'high', 'medium', 'low']),
    background: oneOf(['transparent', 'opaque', 'auto']),
    moderation: oneOf(['low', 'auto']),
    output_format: oneOf(['png', 'jpeg', 'webp']),
    output_compression: integer(0, 100),
  },
  across: (body) => {
    const format = str(body['output_format'], 'png');
    if (body['output_compression'] != null && format === 'png') {
      return { param: 'output_compression', message: 'output_compression is only supported with output_format jpeg or webp.', code: 'invalid_value' };
    }
    if (body['background'] === 'transparent' && format === 'jpeg') {
      return { param: 'background', message: 'Transparent background is not supported for jpeg output format; use png or webp.', code: 'invalid_value' };
    }
    return undefined;
  },
  pixels: (body) => parsePixelSize(str(body['size'], 'auto')),
};

/** gpt-image-2-text-to-image.md: `size` within its constraints, no `background`, `n` and `size` optional. */
const gptImage2Size: Check = (value, param) => {
  if (typeof value !== 'string') return { param, message: `Invalid type for '${param}': expected a string.`, code: 'invalid_type' };
  const problem = gptImage2SizeProblem(value);
  return problem ? { param, message: problem, code: 'invalid_value' } : undefined;
};

const gptImage2: OpenAiModelRule = {
  style: 'gpt-image',
  required: ['prompt'],
  fields: {
    prompt: text(32000),
    n: integer(1, 10),
    size: gptImage2Size,
    quality: oneOf(['auto', 'high', 'medium', 'low']),
    moderation: oneOf(['low', 'auto']),
    output_format: oneOf(['png', 'jpeg', 'webp']),
    output_compression: integer(0, 100),
  },
  across: (body) =>
    body['output_compression'] != null && str(body['output_format'], 'png') === 'png'
      ? { param: 'output_compression', message: 'output_compression is only supported with output_format jpeg or webp.', code: 'invalid_value' }
      : undefined,
  pixels: (body) => parsePixelSize(str(body['size'], 'auto')),
};

const dallE3: OpenAiModelRule = {
  style: 'dall-e-3',
  required: ['prompt', 'n', 'size'],
  fields: {
    prompt: text(4000),
    n: integer(1, 1),
    size: oneOf(['1024x1024', '1792x1024', '1024x1792']),
    quality: oneOf(['standard', 'hd']),
    style: oneOf(['vivid', 'natural']),
    response_format: RESPONSE_FORMAT,
  },
  defaultFormat: 'url',
  pixels: (body) => parsePixelSize(str(body['size'], '1024x1024')),
};

const dallE2: OpenAiModelRule = {
  style: 'dall-e-2',
  required: ['prompt', 'n', 'size'],
  fields: {
    prompt: text(1000),
    n: integer(1, 10),
    size: oneOf(['256x256', '512x512', '1024x1024']),
    quality: oneOf(['standard']),
    response_format: RESPONSE_FORMAT,
  },
  defaultFormat: 'url',
  pixels: (body) => parsePixelSize(str(body['size'], '1024x1024')),
};

/** gemini-2.5-flash-image takes data URIs of these types; Gemini itself reads no other formats. */
const GEMINI_25_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];

const referenceImages: Check = (value, param) => {
  if (!Array.isArray(value)) return { param, message: `Invalid type for '${param}': expected an array of data URIs.`, code: 'invalid_type' };
  for (const [i, uri] of value.entries()) {
    const problem = dataUriProblem(uri, GEMINI_25_IMAGE_TYPES);
    if (problem) return { param: `${param}[${i}]`, message: problem, code: 'invalid_image' };
  }
  return undefined;
};

const gemini25: OpenAiModelRule = {
  style: 'gemini-2.5',
  required: ['prompt'],
  fields: {
    prompt: text(32000),
    size: oneOf([...GEMINI_25.keys()]),
    // -1 asks for a random seed, per the document.
    seed: integer(-1, 2147483647),
    image: referenceImages,
  },
  pixels: (body) => GEMINI_25.get(str(body['size'], '1x1'))!,
};

export const OPENAI_MODELS: Readonly<Record<string, OpenAiModelRule>> = {
  'nano-banana-2': nanoBanana2,
  'gpt-image-1': gptImage,
  'gpt-image-1-mini': gptImage,
  // img-gpt-image-1.md lists gpt-image-1.5 with the same fields as the seed's gpt-image-1.
  'gpt-image-1.5': gptImage,
  'gpt-image-2': gptImage2,
  'gpt-image-2-ssvip': gptImage2,
  'dall-e-3': dallE3,
  'dall-e-2': dallE2,
  'gemini-2.5-flash-image': gemini25,
  'nano-banana': gemini25,
};

export type OpenAiCheck =
  | { readonly ok: true; readonly model: string; readonly rule: OpenAiModelRule; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: 400 | 404; readonly problem: Problem };

/** Checks a parsed body in the order OpenAI reports problems: model, unknown fields, missing, values, combinations. */
export function checkOpenAiBody(body: unknown): OpenAiCheck {
  if (!isObject(body)) return { ok: false, status: 400, problem: { param: '', message: 'The request body must be a JSON object.', code: 'invalid_request_body' } };
  const model = body['model'];
  if (model === undefined) return { ok: false, status: 400, problem: missing('model') };
  const rule = typeof model === 'string' ? OPENAI_MODELS[model] : undefined;
  if (!rule) {
    const message = `The model \`${String(model)}\` does not exist or you do not have access to it.`;
    return { ok: false, status: 404, problem: { param: 'model', message, code: 'model_not_found' } };
  }
  const fail = (problem: Problem): OpenAiCheck => ({ ok: false, status: 400, problem });
  const unknown = firstUnknown(body, ['model', ...Object.keys(rule.fields)]);
  if (unknown) return fail(unknown);
  // OpenAI treats an explicit null like a field left out.
  const absent = rule.required.find((field) => body[field] === undefined || body[field] === null);
  if (absent) return fail(missing(absent));
  for (const [field, check] of Object.entries(rule.fields)) {
    const problem = body[field] === undefined || body[field] === null ? undefined : check(body[field], field);
    if (problem) return fail(problem);
  }
  const across = rule.across?.(body);
  if (across) return fail(across);
  return { ok: true, model: model as string, rule, body };
}
