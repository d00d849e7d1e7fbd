import type { ModelOption, ModelSpec } from './modelSpec';
import { geminiEdits, pixelTable, ratiosOf, same } from './catalogData';

/**
 * Gemini image models on the native `generateContent` endpoint. The seed documents gemini-3.1-flash-image-preview;
 * DMXAPI's current pages document gemini-3.1-flash-image (the same model renamed, without 0.5K),
 * gemini-3-pro-image, gemini-3.1-flash-lite-image and gemini-2.5-flash-image. Pixel sizes are the pages' tables.
 */

const GEMINI_31_PREVIEW_RESOLUTIONS = ['0.5K', '1K', '2K', '4K'];
/** Seed 001's table. */
const GEMINI_31_PREVIEW_TABLE = `
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

const ONE_TO_FOUR_K = ['1K', '2K', '4K'];
/** gemini-3.1-flash-image-preview.md: 14 ratios at 1K, 2K and 4K. */
const GEMINI_31_TABLE = `
  1:1  1024x1024 2048x2048 4096x4096
  1:4  512x2048  1024x4096 2048x8192
  1:8  384x3072  768x6144  1536x12288
  2:3  848x1264  1696x2528 3392x5056
  3:2  1264x848  2528x1696 5056x3392
  3:4  896x1200  1792x2400 3584x4800
  4:1  2048x512  4096x1024 8192x2048
  4:3  1200x896  2400x1792 4800x3584
  4:5  928x1152  1856x2304 3712x4608
  5:4  1152x928  2304x1856 4608x3712
  8:1  3072x384  6144x768  12288x1536
  9:16 768x1376  1536x2752 3072x5504
  16:9 1376x768  2752x1536 5504x3072
  21:9 1584x672  3168x1344 6336x2688`;

/** img-3pro-t2i.md: 10 ratios at 1K, 2K and 4K. */
const GEMINI_3_PRO_TABLE = `
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

/** gemini-3.1-flash-lite-image.md: the same 10 ratios, 1K only. */
const GEMINI_31_LITE_TABLE = `
  1:1  1024x1024
  2:3  848x1264
  3:2  1264x848
  3:4  896x1200
  4:3  1200x896
  4:5  928x1152
  5:4  1152x928
  9:16 768x1376
  16:9 1376x768
  21:9 1584x672`;

/** img-25flash-t2i.md: 10 ratios at its one (1K) size. */
const GEMINI_25_TABLE = `
  1:1  1024x1024
  2:3  832x1248
  3:2  1248x832
  3:4  864x1184
  4:3  1184x864
  4:5  896x1152
  5:4  1152x896
  9:16 768x1344
  16:9 1344x768
  21:9 1536x672`;

const responseModalities: ModelOption = {
  kind: 'enum',
  id: 'responseModalities',
  label: 'Response',
  field: 'generationConfig.responseModalities',
  choices: [
    { id: 'textAndImage', label: 'Text and image', wire: ['TEXT', 'IMAGE'] },
    { id: 'image', label: 'Image only', wire: ['IMAGE'] },
  ],
  default: 'textAndImage',
};

/** Google search grounding; gemini-3.1-flash-image also takes image search (its pages' `search_types`). */
const search = (withImageSearch: boolean): ModelOption => ({
  kind: 'enum',
  id: 'search',
  label: 'Google search',
  field: 'tools',
  choices: [
    { id: 'off', label: 'Off' },
    { id: 'web', label: 'Web search', wire: [{ google_search: {} }] },
    ...(withImageSearch
      ? [{ id: 'webAndImage', label: 'Web and image search', wire: [{ google_search: { search_types: { web_search: {}, image_search: {} } } }] }]
      : []),
  ],
  default: 'off',
});

const RATIO_AND_SIZE = {
  'generationConfig.imageConfig.aspectRatio': '{ratio}',
  'generationConfig.imageConfig.imageSize': '{resolution}',
};

/** Google documents up to 14 reference images for the Gemini 3 family, sent as inlineData parts. */
const FOURTEEN_REFERENCES = { max: 14, maxBytes: 7 * 1024 * 1024 };

export const GEMINI_NATIVE_MODELS: readonly ModelSpec[] = [
  {
    id: 'gemini-3.1-flash-image',
    label: 'Gemini 3.1 Flash Image (Nano Banana 2)',
    aliases: [],
    protocol: 'gemini-native',
    summary: '14 aspect ratios at 1K, 2K or 4K, Google web and image search, text beside the image',
    promptMaxLength: 32000,
    n: { max: 1 },
    aspectRatios: same(...ratiosOf(GEMINI_31_TABLE)),
    resolutions: same(...ONE_TO_FOUR_K),
    sizes: pixelTable(ONE_TO_FOUR_K, GEMINI_31_TABLE),
    sizeFields: RATIO_AND_SIZE,
    defaults: { ratio: '1:1', resolution: '1K' },
    // gemini-3.1-flash-image-preview-images.md: up to 10 object images and 4 character images.
    references: FOURTEEN_REFERENCES,
    options: [responseModalities, search(true)],
    // gemini-3.1-flash-image-preview-edit.md (editing), -duolun.md (multi-turn with thoughtSignature).
    edit: geminiEdits(14, true),
  },
  {
    id: 'gemini-3.1-flash-image-preview',
    label: 'Gemini 3.1 Flash Image (Preview)',
    aliases: [],
    replacedBy: 'gemini-3.1-flash-image',
    protocol: 'gemini-native',
    summary: '14 aspect ratios, 0.5K to 4K, Google search grounding, text beside the image',
    // The seed gives no prompt limit for Gemini; 32000 characters matches the other models of the family.
    promptMaxLength: 32000,
    n: { max: 1 },
    aspectRatios: same(...ratiosOf(GEMINI_31_PREVIEW_TABLE)),
    // The seed's sample sends "0.5K" while Google's API names the same size "512": change the wire value here.
    resolutions: same(...GEMINI_31_PREVIEW_RESOLUTIONS),
    sizes: pixelTable(GEMINI_31_PREVIEW_RESOLUTIONS, GEMINI_31_PREVIEW_TABLE),
    sizeFields: RATIO_AND_SIZE,
    defaults: { ratio: '1:1', resolution: '1K' },
    references: FOURTEEN_REFERENCES,
    options: [responseModalities, search(true)],
  },
  {
    id: 'gemini-3-pro-image',
    label: 'Gemini 3 Pro Image (Nano Banana Pro)',
    aliases: [],
    protocol: 'gemini-native',
    summary: '10 aspect ratios at 1K, 2K or 4K, Google search grounding, text beside the image',
    promptMaxLength: 32000,
    n: { max: 1 },
    aspectRatios: same(...ratiosOf(GEMINI_3_PRO_TABLE)),
    resolutions: same(...ONE_TO_FOUR_K),
    sizes: pixelTable(ONE_TO_FOUR_K, GEMINI_3_PRO_TABLE),
    sizeFields: RATIO_AND_SIZE,
    defaults: { ratio: '1:1', resolution: '1K' },
    references: FOURTEEN_REFERENCES,
    // img-3pro-t2i.md: `tools: [{"google_search": {}}]`; image search is documented for 3.1 Flash only.
    options: [responseModalities, search(false)],
    // img-3pro-edit.md (editing), img-3pro-duolun.md (multi-turn with thoughtSignature).
    edit: geminiEdits(14, true),
  },
  {
    id: 'gemini-3.1-flash-lite-image',
    label: 'Gemini 3.1 Flash Lite Image (Nano Banana 2 Lite)',
    aliases: [],
    protocol: 'gemini-native',
    summary: 'Fastest and cheapest: 10 aspect ratios at 1K',
    promptMaxLength: 32000,
    n: { max: 1 },
    aspectRatios: same(...ratiosOf(GEMINI_31_LITE_TABLE)),
    resolutions: same('1K'),
    sizes: pixelTable(['1K'], GEMINI_31_LITE_TABLE),
    sizeFields: RATIO_AND_SIZE,
    defaults: { ratio: '1:1', resolution: '1K' },
    // The page: "not suited to several reference inputs"; one reference image stays possible.
    references: { max: 1, maxBytes: 7 * 1024 * 1024 },
    options: [responseModalities],
  },
];

/** gemini-2.5-flash-image through generateContent, beside the seed's OpenAI-style entry of the same DMXAPI model. */
export const GEMINI_25_NATIVE: ModelSpec = {
  id: 'gemini-2.5-flash-image:generateContent',
  apiModel: 'gemini-2.5-flash-image',
  label: 'Gemini 2.5 Flash Image (native generateContent)',
  aliases: [],
  protocol: 'gemini-native',
  summary: '10 aspect ratios at 1K through the native Gemini endpoint; combine up to 3 reference images',
  promptMaxLength: 32000,
  n: { max: 1 },
  aspectRatios: same(...ratiosOf(GEMINI_25_TABLE)),
  resolutions: same('1K'),
  sizes: pixelTable(['1K'], GEMINI_25_TABLE),
  // The pages: no `image_size`, `response_modalities` or `tools` for this model; only the ratio is sent.
  sizeFields: { 'generationConfig.imageConfig.aspectRatio': '{ratio}' },
  defaults: { ratio: '1:1', resolution: '1K' },
  // The same model's fusion through the OpenAI-style endpoint takes 3 (seed 002); the native page names no limit.
  references: { max: 3, maxBytes: 7 * 1024 * 1024 },
  options: [],
  // img-25flash-edit.md: editing with the aspect ratio only; no multi-turn page for this model.
  edit: geminiEdits(3, false),
};
