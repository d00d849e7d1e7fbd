/**
 * Pixel sizes copied by hand from the API documents, kept apart from the extension's catalog on purpose: this
 * server plays the real API, so a test comparing the two compares two independent readings of the documents.
 */

export type Pixels = readonly [width: number, height: number];

function table(resolutions: readonly string[], rows: string): ReadonlyMap<string, ReadonlyMap<string, Pixels>> {
  const byRatio = new Map<string, Map<string, Pixels>>();
  for (const line of rows.trim().split('\n')) {
    const [ratio, ...cells] = line.trim().split(/\s+/);
    const byResolution = new Map<string, Pixels>();
    cells.forEach((cell, i) => {
      const [w, h] = cell.split('x').map(Number);
      byResolution.set(resolutions[i]!, [w!, h!]);
    });
    byRatio.set(ratio!, byResolution);
  }
  return byRatio;
}

/** nano-banana-2 over the OpenAI-style endpoint: ratio × `size`. */
export const NANO_BANANA_2 = table(
  ['1K', '2K', '4K'],
  `
  1:1   1024x1024  2048x2048  4096x4096
  2:3   848x1264   1696x2528  3392x5056
  3:2   1264x848   2528x1696  5056x3392
  3:4   896x1200   1792x2400  3584x4800
  4:3   1200x896   2400x1792  4800x3584
  4:5   928x1152   1856x2304  3712x4608
  5:4   1152x928   2304x1856  4608x3712
  9:16  768x1376   1536x2752  3072x5504
  16:9  1376x768   2752x1536  5504x3072
  21:9  1584x672   3168x1344  6336x2688`,
);

/** gemini-3.1-flash-image-preview over generateContent: `aspectRatio` × `imageSize`. */
export const GEMINI_31 = table(
  ['0.5K', '1K', '2K', '4K'],
  `
  1:1   512x512    1024x1024  2048x2048  4096x4096
  1:4   256x1024   512x2048   1024x4096  2048x8192
  1:8   192x1536   384x3072   768x6144   1536x12288
  2:3   424x632    848x1264   1696x2528  3392x5056
  3:2   632x424    1264x848   2528x1696  5056x3392
  3:4   448x600    896x1200   1792x2400  3584x4800
  4:1   1024x256   2048x512   4096x1024  8192x2048
  4:3   600x448    1200x896   2400x1792  4800x3584
  4:5   464x576    928x1152   1856x2304  3712x4608
  5:4   576x464    1152x928   2304x1856  4608x3712
  8:1   1536x192   3072x384   6144x768   12288x1536
  9:16  384x688    768x1376   1536x2752  3072x5504
  16:9  688x384    1376x768   2752x1536  5504x3072
  21:9  792x336    1584x672   3168x1344  6336x2688`,
);

/** Output tokens per image the gemini-3.1 document states for each size (reported in usageMetadata). */
export const GEMINI_31_TOKENS: Readonly<Record<string, number>> = { '0.5K': 747, '1K': 1120, '2K': 1120, '4K': 2000 };

/**
 * gemini-2.5-flash-image's five `size` values. Its document names only the ratios; these are Google's published
 * output sizes for them. (The document warns that only 1x1 seems to take effect upstream; we honour all five.)
 */
export const GEMINI_25: ReadonlyMap<string, Pixels> = new Map<string, Pixels>([
  ['1x1', [1024, 1024]],
  ['3x4', [864, 1184]],
  ['4x3', [1184, 864]],
  ['9x16', [768, 1344]],
  ['16x9', [1344, 768]],
]);

/** Sizes named in pixels (`1024x1536`) for gpt-image and DALL·E; `auto` is answered as a square. */
export function parsePixelSize(size: string): Pixels {
  if (size === 'auto') return [1024, 1024];
  const [w, h] = size.split('x').map(Number);
  return [w!, h!];
}
