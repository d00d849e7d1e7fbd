import type { ModelOption, ModelSpec, SizeCell } from './modelSpec';
import { GPT_IMAGE_2_MASK, openAiEdits, same } from './catalogData';

/**
 * The GPT Image family on `/v1/images/generations`. The seed documents gpt-image-1 and -mini; DMXAPI's current
 * page (img-gpt-image-1.md) lists gpt-image-1.5 in their place with the same fields, and gpt-image-2 has its own
 * page (gpt-image-2-text-to-image.md) with larger sizes and no `background`.
 */

const quality: ModelOption = {
  kind: 'enum',
  id: 'quality',
  label: 'Quality',
  field: 'quality',
  choices: [
    { id: 'auto', label: 'Auto', wire: 'auto' },
    { id: 'high', label: 'High', wire: 'high' },
    { id: 'medium', label: 'Medium', wire: 'medium' },
    { id: 'low', label: 'Low', wire: 'low' },
  ],
  default: 'auto',
};

const outputFormat: ModelOption = {
  kind: 'enum',
  id: 'outputFormat',
  label: 'Output format',
  field: 'output_format',
  choices: [
    { id: 'png', label: 'PNG', wire: 'png' },
    { id: 'jpeg', label: 'JPEG', wire: 'jpeg' },
    { id: 'webp', label: 'WebP', wire: 'webp' },
  ],
  default: 'png',
};

/** `output_compression` applies to JPEG and WebP only; `defaultValue` absent leaves the field out unless set. */
const outputCompression = (defaultValue?: number): ModelOption => ({
  kind: 'integer',
  id: 'outputCompression',
  label: 'Compression (0–100)',
  field: 'output_compression',
  min: 0,
  max: 100,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
  when: { outputFormat: ['jpeg', 'webp'] },
});

const moderation: ModelOption = {
  kind: 'enum',
  id: 'moderation',
  label: 'Moderation',
  field: 'moderation',
  choices: [
    { id: 'auto', label: 'Auto', wire: 'auto' },
    { id: 'low', label: 'Low (less filtering)', wire: 'low' },
  ],
  default: 'auto',
};

const backgroundChoices = [
  { id: 'auto', label: 'Auto', wire: 'auto' },
  // OpenAI: a transparent background needs an output format with alpha.
  { id: 'transparent', label: 'Transparent', wire: 'transparent', when: { outputFormat: ['png', 'webp'] } },
  { id: 'opaque', label: 'Opaque', wire: 'opaque' },
];

const backgroundOf = (choices: typeof backgroundChoices): ModelOption => ({
  kind: 'enum',
  id: 'background',
  label: 'Background',
  field: 'background',
  choices,
  default: 'auto',
});

const background = backgroundOf(backgroundChoices);

/** gpt-image-2-image-edit.md: "opaque 或 auto"; the edit page offers no transparent background. */
const editBackground = backgroundOf(backgroundChoices.filter((choice) => choice.id !== 'transparent'));

/** The seed's and img-gpt-image-1.md's options for gpt-image-1, -mini and -1.5 ("默认：100" for compression). */
const gptImage1Options: ModelOption[] = [quality, outputFormat, outputCompression(100), background, moderation];

const gptImage1Sizes: SizeCell[] = [
  { ratio: '1:1', resolution: '1K', width: 1024, height: 1024, wire: '1024x1024' },
  { ratio: '3:2', resolution: '1K', width: 1536, height: 1024, wire: '1536x1024' },
  { ratio: '2:3', resolution: '1K', width: 1024, height: 1536, wire: '1024x1536' },
  { ratio: 'auto', resolution: '1K', width: null, height: null, wire: 'auto' },
];

const gptImage1 = (id: string, label: string, summary: string, replacedBy?: string): ModelSpec => ({
  id,
  label,
  aliases: [],
  ...(replacedBy ? { replacedBy } : {}),
  protocol: 'openai-images',
  summary,
  promptMaxLength: 32000,
  n: { max: 10, field: 'n' },
  aspectRatios: same('1:1', '3:2', '2:3', 'auto'),
  resolutions: same('1K'),
  sizes: gptImage1Sizes,
  sizeFields: { size: '{size}' },
  defaults: { ratio: '1:1', resolution: '1K' },
  references: { max: 0, maxBytes: 1 },
  options: gptImage1Options,
});

/**
 * gpt-image-2's documented sizes as ratio × resolution. Any size within its constraints (edges multiples of 16,
 * at most 3840 px, at most 3:1, 655,360 to 8,294,400 pixels) is accepted upstream; we offer the ones the page names.
 */
const gptImage2Sizes: SizeCell[] = [
  { ratio: '1:1', resolution: '1K', width: 1024, height: 1024, wire: '1024x1024' },
  { ratio: '3:2', resolution: '1K', width: 1536, height: 1024, wire: '1536x1024' },
  { ratio: '2:3', resolution: '1K', width: 1024, height: 1536, wire: '1024x1536' },
  { ratio: '1:1', resolution: '2K', width: 2048, height: 2048, wire: '2048x2048' },
  { ratio: '16:9', resolution: '2K', width: 2048, height: 1152, wire: '2048x1152' },
  { ratio: '16:9', resolution: '4K', width: 3840, height: 2160, wire: '3840x2160' },
  { ratio: '9:16', resolution: '4K', width: 2160, height: 3840, wire: '2160x3840' },
  { ratio: 'auto', resolution: '1K', width: null, height: null, wire: 'auto' },
];

const gptImage2 = (id: string, label: string, summary: string): ModelSpec => ({
  id,
  label,
  aliases: [],
  protocol: 'openai-images',
  summary,
  promptMaxLength: 32000,
  n: { max: 10, field: 'n' },
  aspectRatios: same('1:1', '3:2', '2:3', '16:9', '9:16', 'auto'),
  resolutions: same('1K', '2K', '4K'),
  sizes: gptImage2Sizes,
  sizeFields: { size: '{size}' },
  defaults: { ratio: '1:1', resolution: '1K' },
  references: { max: 0, maxBytes: 1 },
  // The page names no default compression (its sample leaves the field out) and no `background`.
  options: [quality, outputFormat, outputCompression(), moderation],
});

/**
 * gpt-image-2-image-edit.md: one or more images (the page names no maximum; 16 is the GPT Image edit page's),
 * an optional mask, and size, background (auto/opaque), output_compression, output_format, quality and n. It names
 * no moderation field.
 */
const gptImage2Edit = openAiEdits(16, { mask: GPT_IMAGE_2_MASK, options: [quality, outputFormat, outputCompression(), editBackground] });

/**
 * gpt-image-edit.md: gpt-image-1.5 only (dall-e-3 "本身不支持"), up to 16 images, no mask, no `n` and no
 * moderation field; size, background (with transparent), output_compression (its sample: 100), output_format, quality.
 */
const gptImage15Edit = openAiEdits(16, { n: { max: 1 }, options: [quality, outputFormat, outputCompression(100), background] });

export const GPT_IMAGE_MODELS: readonly ModelSpec[] = [
  { ...gptImage2('gpt-image-2', 'GPT Image 2', 'Up to 3840 px (4K 16:9 and 9:16), strong text rendering, PNG/JPEG/WebP output'), edit: gptImage2Edit },
  {
    ...gptImage2('gpt-image-2-ssvip', 'GPT Image 2 (SSVIP)', 'GPT Image 2 on the channel DMXAPI recommends for steadier, faster answers'),
    edit: gptImage2Edit,
  },
  { ...gptImage1('gpt-image-1.5', 'GPT Image 1.5', 'Strong text rendering, transparent backgrounds, PNG/JPEG/WebP output'), edit: gptImage15Edit },
  gptImage1('gpt-image-1', 'GPT Image 1', 'Strong text rendering, transparent backgrounds, PNG/JPEG/WebP output', 'gpt-image-1.5'),
  gptImage1('gpt-image-1-mini', 'GPT Image 1 Mini', 'Cheaper GPT Image with the same options', 'gpt-image-1.5'),
];
