import { integer, oneOf, text, type Check, type Problem } from './checks';
import type { GenerateContext } from './generateContext';
import { reduce } from './imageFactory';
import { sniffImage } from './inputImages';
import type { FormData, FormFile, FormParse } from './multipart';
import { openAiError, type Reply } from './replies';
import { gptImage2SizeProblem, NANO_BANANA_2, parsePixelSize, type Pixels } from './sizeTables';

/**
 * `POST /v1/images/edits`, after auth: a multipart/form-data body checked per model as the pages describe it
 * (nano-banana-2-02.md and -03.md, gpt-image-edit.md, gpt-image-2-image-edit.md), answered in the generations
 * shape. Every text field a page does not name is refused; images and the mask are checked from their bytes.
 */

const MB = 1024 * 1024;
/** Every edit page: "文件大小：< 50MB", png, webp, jpg. */
const MAX_FILE_BYTES = 50 * MB;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

interface EditRule {
  readonly required: readonly string[];
  /** Text fields with their checks; integer fields arrive as text and are read as numbers first. */
  readonly fields: Readonly<Record<string, Check>>;
  readonly integers: readonly string[];
  readonly maxImages: number;
  readonly mask: boolean;
  readonly delivery: 'b64_json' | 'per-request';
  readonly pixels: (fields: Record<string, unknown>, first: Pixels | undefined) => Pixels;
}

const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const GPT_SIZES = oneOf(['1024x1024', '1536x1024', '1024x1536', 'auto']);
const gptImage2Size: Check = (value, param) => {
  if (typeof value !== 'string') return { param, message: `Invalid type for '${param}': expected a string.`, code: 'invalid_type' };
  const problem = gptImage2SizeProblem(value);
  return problem ? { param, message: problem, code: 'invalid_value' } : undefined;
};
/** `auto` keeps the source's size, as an edit does. */
const gptPixels = (fields: Record<string, unknown>, first: Pixels | undefined): Pixels => {
  const size = str(fields['size'], 'auto');
  return size === 'auto' ? (first ?? [1024, 1024]) : parsePixelSize(size);
};

const EDIT_RULES: Readonly<Record<string, EditRule>> = {
  // nano-banana-2-02.md: prompt, n (only 1) and model required; aspect_ratio, size (its sample sends "4k"), response_format.
  // "最多 16 张" there; the fusion page (-03) says 1 to 14: the larger is what the service takes.
  'nano-banana-2': {
    required: ['prompt', 'n'],
    fields: {
      prompt: text(32000),
      n: integer(1, 1),
      aspect_ratio: oneOf([...NANO_BANANA_2.keys()]),
      size: oneOf(['1K', '2K', '4K'], { ignoreCase: true }),
      response_format: oneOf(['url', 'b64_json']),
    },
    integers: ['n'],
    maxImages: 16,
    mask: false,
    delivery: 'per-request',
    pixels: (fields) => NANO_BANANA_2.get(str(fields['aspect_ratio'], '1:1'))!.get(str(fields['size'], '1K').toUpperCase())!,
  },
  // gpt-image-edit.md: model and prompt required; size, background (with transparent), output_compression,
  // output_format, quality. No n, no moderation, no mask. Up to 16 images.
  'gpt-image-1.5': {
    required: ['prompt'],
    fields: {
      prompt: text(32000),
      size: GPT_SIZES,
      background: oneOf(['transparent', 'opaque', 'auto']),
      output_compression: integer(0, 100),
      output_format: oneOf(['png', 'jpeg', 'webp']),
      quality: oneOf(['high', 'medium', 'low', 'auto']),
    },
    integers: ['output_compression'],
    maxImages: 16,
    mask: false,
    delivery: 'b64_json',
    pixels: gptPixels,
  },
};

/**
 * gpt-image-2-image-edit.md (model `gpt-image-2-ssvip`; its sample sends `gpt-image-2`): size within the
 * text-to-image page's constraints, background auto/opaque, output_compression, output_format, quality, n, and
 * an optional mask. The page names no image maximum; 16 is the GPT Image edit page's.
 */
const gptImage2: EditRule = {
  required: ['prompt'],
  fields: {
    prompt: text(32000),
    size: gptImage2Size,
    background: oneOf(['auto', 'opaque']),
    output_compression: integer(0, 100),
    output_format: oneOf(['png', 'jpeg', 'webp']),
    quality: oneOf(['low', 'medium', 'high', 'auto']),
    n: integer(1, 10),
  },
  integers: ['output_compression', 'n'],
  maxImages: 16,
  mask: true,
  delivery: 'b64_json',
  pixels: gptPixels,
};

function ruleOf(model: string): EditRule | undefined {
  if (model === 'gpt-image-2' || model === 'gpt-image-2-ssvip') return gptImage2;
  return Object.hasOwn(EDIT_RULES, model) ? EDIT_RULES[model] : undefined;
}

/** Width, height and colour type of a PNG, from IHDR. */
function pngHeader(bytes: Buffer): { width: number; height: number; colourType: number } | undefined {
  if (sniffImage(bytes) !== 'image/png' || bytes.length < 26 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25]! };
}

const invalid = (param: string, message: string, code = 'invalid_value'): Problem => ({ param, message, code });

function imageProblem(file: FormFile, param: string): Problem | undefined {
  const actual = sniffImage(file.bytes);
  if (!actual || !IMAGE_TYPES.includes(actual)) {
    return invalid(param, `Invalid image file or mode for image ${file.fileName}: supported formats are png, webp and jpg.`, 'invalid_image_format');
  }
  if (file.bytes.length >= MAX_FILE_BYTES) return invalid(param, `Image ${file.fileName} is too large: each file must be under 50 MB.`, 'image_too_large');
  return undefined;
}

/** The mask: a PNG with an alpha channel (colour type 4 or 6), the first image's format and size, under 50 MB. */
function maskProblem(mask: FormFile, first: FormFile): Problem | undefined {
  const header = pngHeader(mask.bytes);
  if (!header || (header.colourType !== 4 && header.colourType !== 6)) return invalid('mask', 'Invalid mask: the mask must be a PNG with an alpha channel.', 'invalid_mask');
  if (mask.bytes.length >= MAX_FILE_BYTES) return invalid('mask', 'Invalid mask: the file must be under 50 MB.', 'invalid_mask');
  const image = pngHeader(first.bytes);
  if (!image) return invalid('mask', 'Invalid mask: the image and the mask must have the same format.', 'invalid_mask');
  if (image.width !== header.width || image.height !== header.height) {
    return invalid('mask', `Invalid mask: the mask is ${header.width}x${header.height} but the image is ${image.width}x${image.height}; they must have the same size.`, 'invalid_mask');
  }
  return undefined;
}

type Checked = { readonly ok: true; readonly rule: EditRule; readonly fields: Record<string, unknown>; readonly images: readonly FormFile[] } | { readonly ok: false; readonly problem: Problem };

function checkForm(form: FormData): Checked {
  const values = new Map<string, string>();
  for (const [name, value] of form.fields) {
    if (values.has(name)) return { ok: false, problem: invalid(name, `Duplicate parameter: '${name}'.`) };
    values.set(name, value);
  }
  const model = values.get('model');
  if (model === undefined) return { ok: false, problem: invalid('model', "Missing required parameter: 'model'.", 'missing_required_parameter') };
  const rule = ruleOf(model);
  if (!rule) return { ok: false, problem: invalid('model', `Invalid value: '${model}'. This model does not support image edits.`) };
  const fields: Record<string, unknown> = {};
  for (const [name, value] of values) {
    if (name === 'model') continue;
    const check = rule.fields[name];
    if (!check) return { ok: false, problem: invalid(name, `Unknown parameter: '${name}'.`, 'unknown_parameter') };
    const typed = rule.integers.includes(name) && /^-?\d+$/.test(value) ? Number(value) : value;
    const problem = check(typed, name);
    if (problem) return { ok: false, problem };
    fields[name] = typed;
  }
  const missingField = rule.required.find((name) => fields[name] === undefined);
  if (missingField) return { ok: false, problem: invalid(missingField, `Missing required parameter: '${missingField}'.`, 'missing_required_parameter') };
  const unknownFile = form.files.find((file) => file.field !== 'image' && !(rule.mask && file.field === 'mask'));
  if (unknownFile) return { ok: false, problem: invalid(unknownFile.field, `Unknown parameter: '${unknownFile.field}'.`, 'unknown_parameter') };
  const images = form.files.filter((file) => file.field === 'image');
  if (images.length === 0) return { ok: false, problem: invalid('image', "Missing required parameter: 'image'.", 'missing_required_parameter') };
  if (images.length > rule.maxImages) return { ok: false, problem: invalid('image', `Too many images: at most ${rule.maxImages}, got ${images.length}.`) };
  for (const image of images) {
    const problem = imageProblem(image, 'image');
    if (problem) return { ok: false, problem };
  }
  const masks = form.files.filter((file) => file.field === 'mask');
  if (masks.length > 1) return { ok: false, problem: invalid('mask', 'Only one mask may be given.') };
  const maskIssue = masks[0] ? maskProblem(masks[0], images[0]!) : undefined;
  if (maskIssue) return { ok: false, problem: maskIssue };
  return { ok: true, rule, fields, images };
}

export function answerEdits(parsed: FormParse, ctx: GenerateContext): Reply {
  if (!parsed.ok) return openAiError(400, { message: parsed.message, code: 'invalid_multipart' });
  const checked = checkForm(parsed.form);
  if (!checked.ok) return openAiError(400, checked.problem);
  const { rule, fields, images } = checked;
  const first = pngHeader(images[0]!.bytes);
  const [width, height] = rule.pixels(fields, first ? [first.width, first.height] : undefined);
  const format = (rule.delivery === 'b64_json' ? str(fields['output_format'], 'png') : 'png') as 'png' | 'jpeg' | 'webp';
  const delivery = rule.delivery === 'b64_json' ? 'b64_json' : str(fields['response_format'], 'b64_json');
  const count = typeof fields['n'] === 'number' ? fields['n'] : 1;
  // An `auto` size keeps the source's pixels, which are already the reduced ones of an earlier answer.
  const shrink = first && str(fields['size'], 'auto') === 'auto' && rule.delivery === 'b64_json' ? 1 : ctx.reduction;
  const data = Array.from({ length: count }, () => {
    const image = ctx.images.make(reduce(width, shrink), reduce(height, shrink), format);
    return delivery === 'url' ? { url: `${ctx.baseUrl}/files/${ctx.files.add(image, { kind: 'image' })}` } : { b64_json: ctx.images.base64(image) };
  });
  return { status: 200, body: { created: Math.floor(Date.now() / 1000), data } };
}
