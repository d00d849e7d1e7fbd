/**
 * Output tokens one image costs, as the API documents state them, by model id and resolution. Only models whose
 * documents give a figure are here; anything else is "not documented", never a guess.
 *
 * - nano-banana-2: seed 000 and dmxapi-docs/nano-banana-2-01.md, "1K令牌 1210", "2K/4K 分辨率令牌分别为 1210/2000".
 * - gemini-3.1-flash-image-preview: seed 003, "0.5K令牌为747, 1K/2K令牌为1120, 4K令牌为2000".
 * - gemini-3.1-flash-image (the renamed model): dmxapi-docs/gemini-3.1-flash-image-preview.md,
 *   "1K/2K令牌为1120, 4K令牌为2000" (that page has no 0.5K).
 * - gemini-3-pro-image: dmxapi-docs/img-3pro-t2i.md, "1K令牌 1210", "2K/4K 分辨率令牌分别为 1210/2000".
 */
const TOKENS_PER_IMAGE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'nano-banana-2': { '1K': 1210, '2K': 1210, '4K': 2000 },
  'gemini-3.1-flash-image-preview': { '0.5K': 747, '1K': 1120, '2K': 1120, '4K': 2000 },
  'gemini-3.1-flash-image': { '1K': 1120, '2K': 1120, '4K': 2000 },
  'gemini-3-pro-image': { '1K': 1210, '2K': 1210, '4K': 2000 },
};

/** The documented output tokens per image for this model and resolution, or undefined where no document says. */
export function documentedTokensPerImage(modelId: string, resolution: string): number | undefined {
  return TOKENS_PER_IMAGE[modelId]?.[resolution];
}
