import type { AxisValue, Choice, ModelOption, ModelSpec, SizeCell } from './modelSpec';

/**
 * The models the seed documents describe. Pixel sizes are copied from the seeds' tables; wire values are
 * exactly what the seeds send. Where a seed is silent, the comment says what we chose and why.
 */

/** Parses a pixel table: one line per ratio, one `WxH` column per resolution, in `resolutions` order. */
function pixelTable(resolutions: readonly string[], rows: string): SizeCell[] {
  const cells: SizeCell[] = [];
  for (const line of rows.trim().split('\n')) {
    const [ratio, ...sizes] = line.trim().split(/\s+/);
    sizes.forEach((size, i) => {
      const [width, height] = size.split('x').map(Number);
      cells.push({ ratio: ratio!, resolution: resolutions[i]!, width: width!, height: height! });
    });
  }
  return cells;
}

const same = (...ids: string[]): AxisValue[] => ids.map((id) => ({ id, wire: id }));
const choices = (...ids: string[]): Choice[] => ids.map((id) => ({ id, wire: id }));

const NANO_BANANA_2_RESOLUTIONS = ['1K', '2K', '4K'] as const;
const NANO_BANANA_2_TABLE = `
  1:1  1024x1024 2048x2048 4096x4096
  2:3  848x1264  1696x2528 3392x5056
  3:2  1264x848  2528x1696 5056x3392
  3:4  896x1200  1792x2400 3584x4800
  4:3  1200x896  2400x1792 4800x3584
  4:5  928x1152  1856x2304 3712x4608
  5:4  1152x928  2304x1856 4608x3712
  9:16 768x1376  1536x2752 3072x5504
  16:9 1376x768  2752x1536 5504x3072
  21:9 1584x672  3168x1344 6336x2688`;

const GEMINI_31_RESOLUTIONS = ['0.5K', '1K', '2K', '4K'] as const;
const GEMINI_31_TABLE = `
  1:1  512x512   1024x1024 2048x2048 4096x4096
  1:4  256x1024  512x2048  1024x4096 2048x8192
  1:8  192x1536  384x3072  768x6144  1536x12288
  2:3  424x632   848x1264  1696x2528 3392x5056
  3:2  632x424   1264x848  2528x1696 5056x3392
  3:4  448x600   896x1200  1792x2400 3584x4800
  4:1  1024x256  2048x512  4096x1024 8192x2048
  4:3  600x448   1200x896  2400x1792 4800x3584
  4:5  464x576   928x1152  1856x2304 3712x4608
  5:4  576x464   1152x928  2304x1856 4608x3712
  8:1  1536x192  3072x384  6144x768  12288x1536
  9:16 384x688   768x1376  1536x2752 3072x5504
  16:9 688x384   1376x768  2752x1536 5504x3072
  21:9 792x336   1584x672  3168x1344 6336x2688`;

const ratiosOf = (table: string): string[] => table.trim().split('\n').map((line) => line.trim().split(/\s+/)[0]!);

/** `response_format` for the models that accept it; the URL variant expires after 60 minutes, so we download at once. */
const responseFormat = (defaultChoice: 'url' | 'b64_json'): ModelOption => ({
  kind: 'enum',
  id: 'responseFormat',
  label: 'Response format',
  field: 'response_format',
  choices: [
    { id: 'b64_json', label: 'Base64 in the answer', wire: 'b64_json' },
    { id: 'url', label: 'URL (downloaded at once)', wire: 'url' },
  ],
  default: defaultChoice,
});

/** Options shared by gpt-image-1 and gpt-image-1-mini (the seed's example sends them to the mini model). */
const gptImageOptions: ModelOption[] = [
  {
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
  },
  {
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
  },
  {
    kind: 'integer',
    id: 'outputCompression',
    label: 'Compression (0–100)',
    field: 'output_compression',
    min: 0,
    max: 100,
    default: 100,
    when: { outputFormat: ['jpeg', 'webp'] },
  },
  {
    kind: 'enum',
    id: 'background',
    label: 'Background',
    field: 'background',
    choices: [
      { id: 'auto', label: 'Auto', wire: 'auto' },
      // OpenAI: a transparent background needs an output format with alpha.
      { id: 'transparent', label: 'Transparent', wire: 'transparent', when: { outputFormat: ['png', 'webp'] } },
      { id: 'opaque', label: 'Opaque', wire: 'opaque' },
    ],
    default: 'auto',
  },
  {
    kind: 'enum',
    id: 'moderation',
    label: 'Moderation',
    field: 'moderation',
    choices: [
      { id: 'auto', label: 'Auto', wire: 'auto' },
      { id: 'low', label: 'Low (less filtering)', wire: 'low' },
    ],
    default: 'auto',
  },
];

const gptImageSizes: SizeCell[] = [
  { ratio: '1:1', resolution: '1K', width: 1024, height: 1024, wire: '1024x1024' },
  { ratio: '3:2', resolution: '1K', width: 1536, height: 1024, wire: '1536x1024' },
  { ratio: '2:3', resolution: '1K', width: 1024, height: 1536, wire: '1024x1536' },
  { ratio: 'auto', resolution: '1K', width: null, height: null, wire: 'auto' },
];

const gptImage = (id: string, label: string, summary: string): ModelSpec => ({
  id,
  label,
  aliases: [],
  protocol: 'openai-images',
  summary,
  promptMaxLength: 32000,
  n: { max: 10, field: 'n' },
  aspectRatios: same('1:1', '3:2', '2:3', 'auto'),
  resolutions: same('1K'),
  sizes: gptImageSizes,
  sizeFields: { size: '{size}' },
  defaults: { ratio: '1:1', resolution: '1K' },
  references: { max: 0, maxBytes: 1 },
  options: gptImageOptions,
});

export const BUILTIN_MODELS: readonly ModelSpec[] = [
  {
    id: 'gemini-3.1-flash-image-preview',
    label: 'Gemini 3.1 Flash Image (Preview)',
    aliases: [],
    protocol: 'gemini-native',
    summary: '14 aspect ratios, 0.5K to 4K, Google search grounding, text beside the image',
    // The seed gives no prompt limit for Gemini; 32000 characters matches the other models of the family.
    promptMaxLength: 32000,
    n: { max: 1 },
    aspectRatios: same(...ratiosOf(GEMINI_31_TABLE)),
    // The seed's sample sends "0.5K" while Google's API names the same size "512": change the wire value here.
    resolutions: same(...GEMINI_31_RESOLUTIONS),
    sizes: pixelTable(GEMINI_31_RESOLUTIONS, GEMINI_31_TABLE),
    sizeFields: {
      'generationConfig.imageConfig.aspectRatio': '{ratio}',
      'generationConfig.imageConfig.imageSize': '{resolution}',
    },
    defaults: { ratio: '1:1', resolution: '1K' },
    // Google documents up to 14 reference images for this model, sent as inlineData parts.
    references: { max: 14, maxBytes: 7 * 1024 * 1024 },
    options: [
      {
        kind: 'enum',
        id: 'responseModalities',
        label: 'Response',
        field: 'generationConfig.responseModalities',
        choices: [
          { id: 'textAndImage', label: 'Text and image', wire: ['TEXT', 'IMAGE'] },
          { id: 'image', label: 'Image only', wire: ['IMAGE'] },
        ],
        default: 'textAndImage',
      },
      {
        kind: 'enum',
        id: 'search',
        label: 'Google search',
        field: 'tools',
        choices: [
          { id: 'off', label: 'Off' },
          { id: 'web', label: 'Web search', wire: [{ google_search: {} }] },
          {
            id: 'webAndImage',
            label: 'Web and image search',
            wire: [{ google_search: { search_types: { web_search: {}, image_search: {} } } }],
          },
        ],
        default: 'off',
      },
    ],
  },
  {
    id: 'nano-banana-2',
    label: 'Nano Banana 2',
    aliases: [],
    protocol: 'openai-images',
    summary: '10 aspect ratios at 1K, 2K or 4K through the OpenAI-style endpoint',
    promptMaxLength: 32000,
    // The seed: "n" is required and can only be 1.
    n: { max: 1, field: 'n' },
    aspectRatios: same(...ratiosOf(NANO_BANANA_2_TABLE)),
    resolutions: same(...NANO_BANANA_2_RESOLUTIONS),
    sizes: pixelTable(NANO_BANANA_2_RESOLUTIONS, NANO_BANANA_2_TABLE),
    sizeFields: { aspect_ratio: '{ratio}', size: '{resolution}' },
    defaults: { ratio: '1:1', resolution: '1K' },
    references: { max: 0, maxBytes: 1 },
    // The seed's answer handling names base64 as nano-banana-2's format; it also saves a second request and
    // the 60-minute expiry of URL results. URL stays a choice (the seed's example sends it).
    options: [responseFormat('b64_json')],
  },
  {
    id: 'gemini-2.5-flash-image',
    label: 'Gemini 2.5 Flash Image (Nano Banana)',
    aliases: ['nano-banana'],
    protocol: 'openai-images',
    summary: 'Multi-image fusion: combine up to 3 reference images with a prompt',
    promptMaxLength: 32000,
    // The seed documents no `n`; the field is not sent and one image comes back.
    n: { max: 1 },
    // The seed lists these five `size` values and warns that only 1:1 seems to take effect.
    aspectRatios: [
      { id: '1:1', wire: '1x1' },
      { id: '3:4', wire: '3x4' },
      { id: '4:3', wire: '4x3' },
      { id: '9:16', wire: '9x16' },
      { id: '16:9', wire: '16x9' },
    ],
    resolutions: same('1K'),
    // Google's published output sizes for gemini-2.5-flash-image at these ratios.
    sizes: pixelTable(['1K'], `
      1:1  1024x1024
      3:4  864x1184
      4:3  1184x864
      9:16 768x1344
      16:9 1344x768`),
    sizeFields: { size: '{ratio}' },
    defaults: { ratio: '1:1', resolution: '1K' },
    references: { max: 3, maxBytes: 7 * 1024 * 1024, field: 'image' },
    options: [
      {
        kind: 'integer',
        id: 'seed',
        label: 'Seed (-1 random)',
        field: 'seed',
        min: -1,
        max: 2147483647,
      },
    ],
  },
  gptImage('gpt-image-1', 'GPT Image 1', 'Strong text rendering, transparent backgrounds, PNG/JPEG/WebP output'),
  gptImage('gpt-image-1-mini', 'GPT Image 1 Mini', 'Cheaper GPT Image with the same options'),
  {
    id: 'dall-e-3',
    label: 'DALL·E 3',
    aliases: [],
    protocol: 'openai-images',
    summary: 'HD quality and vivid or natural style, one image per request',
    promptMaxLength: 4000,
    n: { max: 1, field: 'n' },
    aspectRatios: same('1:1', '7:4', '4:7'),
    resolutions: same('1K'),
    sizes: [
      { ratio: '1:1', resolution: '1K', width: 1024, height: 1024, wire: '1024x1024' },
      { ratio: '7:4', resolution: '1K', width: 1792, height: 1024, wire: '1792x1024' },
      { ratio: '4:7', resolution: '1K', width: 1024, height: 1792, wire: '1024x1792' },
    ],
    sizeFields: { size: '{size}' },
    defaults: { ratio: '1:1', resolution: '1K' },
    references: { max: 0, maxBytes: 1 },
    options: [
      {
        kind: 'enum',
        id: 'quality',
        label: 'Quality',
        field: 'quality',
        choices: [
          { id: 'standard', label: 'Standard', wire: 'standard' },
          { id: 'hd', label: 'HD', wire: 'hd' },
        ],
        default: 'standard',
      },
      {
        kind: 'enum',
        id: 'style',
        label: 'Style',
        field: 'style',
        choices: [
          { id: 'vivid', label: 'Vivid', wire: 'vivid' },
          { id: 'natural', label: 'Natural', wire: 'natural' },
        ],
        default: 'vivid',
      },
      responseFormat('b64_json'),
    ],
  },
  {
    id: 'dall-e-2',
    label: 'DALL·E 2',
    aliases: [],
    protocol: 'openai-images',
    summary: 'Square images at 256, 512 or 1024 pixels, up to 10 per request',
    promptMaxLength: 1000,
    n: { max: 10, field: 'n' },
    aspectRatios: same('1:1'),
    resolutions: same('0.25K', '0.5K', '1K'),
    sizes: [
      { ratio: '1:1', resolution: '0.25K', width: 256, height: 256, wire: '256x256' },
      { ratio: '1:1', resolution: '0.5K', width: 512, height: 512, wire: '512x512' },
      { ratio: '1:1', resolution: '1K', width: 1024, height: 1024, wire: '1024x1024' },
    ],
    sizeFields: { size: '{size}' },
    defaults: { ratio: '1:1', resolution: '1K' },
    references: { max: 0, maxBytes: 1 },
    options: [
      { kind: 'enum', id: 'quality', label: 'Quality', field: 'quality', choices: choices('standard'), default: 'standard' },
      responseFormat('b64_json'),
    ],
  },
];
