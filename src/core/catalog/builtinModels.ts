import { choices, openAiEdits, pixelTable, ratiosOf, responseFormat, same } from './catalogData';
import { GEMINI_25_NATIVE, GEMINI_NATIVE_MODELS } from './geminiModels';
import { GPT_IMAGE_MODELS } from './gptImageModels';
import type { ModelSpec } from './modelSpec';

/**
 * The built-in models, in the order pickers show them: a model DMXAPI renamed or replaced comes after its
 * current name. Pixel sizes are copied from the documents' tables; wire values are exactly what they send.
 * Where a document is silent, the comment says what we chose and why.
 */

const NANO_BANANA_2_RESOLUTIONS = ['1K', '2K', '4K'];
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

export const BUILTIN_MODELS: readonly ModelSpec[] = [
  ...GEMINI_NATIVE_MODELS,
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
    // nano-banana-2-02.md says "最多 16 张", its fusion page -03.md "1 ~ 14 张": the smaller holds on both pages.
    // The edit fields are generation's: prompt, n (1), aspect_ratio, size, response_format.
    edit: openAiEdits(14),
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
  GEMINI_25_NATIVE,
  ...GPT_IMAGE_MODELS,
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
