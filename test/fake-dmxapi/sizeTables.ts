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

/** gemini-3.1-flash-image (gemini-3.1-flash-image-preview.md, the renamed model): 14 ratios, no 0.5K column. */
export const GEMINI_31_CURRENT = table(
  ['1K', '2K', '4K'],
  `
  1:1   1024x1024  2048x2048  4096x4096
  1:4   512x2048   1024x4096  2048x8192
  1:8   384x3072   768x6144   1536x12288
  2:3   848x1264   1696x2528  3392x5056
  3:2   1264x848   2528x1696  5056x3392
  3:4   896x1200   1792x2400  3584x4800
  4:1   2048x512   4096x1024  8192x2048
  4:3   1200x896   2400x1792  4800x3584
  4:5   928x1152   1856x2304  3712x4608
  5:4   1152x928   2304x1856  4608x3712
  8:1   3072x384   6144x768   12288x1536
  9:16  768x1376   1536x2752  3072x5504
  16:9  1376x768   2752x1536  5504x3072
  21:9  1584x672   3168x1344  6336x2688`,
);

/** gemini-3-pro-image (img-3pro-t2i.md): 10 ratios at 1K, 2K, 4K. */
export const GEMINI_3_PRO = table(
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

/** gemini-3.1-flash-lite-image (gemini-3.1-flash-lite-image.md): 10 ratios, 1K only. */
export const GEMINI_31_LITE = table(
  ['1K'],
  `
  1:1   1024x1024
  2:3   848x1264
  3:2   1264x848
  3:4   896x1200
  4:3   1200x896
  4:5   928x1152
  5:4   1152x928
  9:16  768x1376
  16:9  1376x768
  21:9  1584x672`,
);

/** gemini-2.5-flash-image on generateContent (img-25flash-t2i.md): 10 ratios at one fixed 1K size. */
export const GEMINI_25_NATIVE = table(
  ['1K'],
  `
  1:1   1024x1024
  2:3   832x1248
  3:2   1248x832
  3:4   864x1184
  4:3   1184x864
  4:5   896x1152
  5:4   1152x896
  9:16  768x1344
  16:9  1344x768
  21:9  1536x672`,
);

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

/**
 * gpt-image-2's size rule (gpt-image-2-text-to-image.md): besides `auto`, any `WxH` with both edges multiples of
 * 16, the longer edge at most 3840 px, at most 3:1, and 655,360 to 8,294,400 pixels in all. Returns what is wrong.
 */
export function gptImage2SizeProblem(size: string): string | undefined {
  if (size === 'auto') return undefined;
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return `size must be 'auto' or WIDTHxHEIGHT, got '${size}'.`;
  const [w, h] = [Number(match[1]), Number(match[2])];
  if (w % 16 !== 0 || h % 16 !== 0) return `Both edges must be multiples of 16, got ${size}.`;
  if (Math.max(w, h) > 3840) return `The longest edge may be at most 3840px, got ${size}.`;
  if (Math.max(w, h) / Math.min(w, h) > 3) return `The aspect ratio may be at most 3:1, got ${size}.`;
  if (w * h < 655_360 || w * h > 8_294_400) return `The image must have 655360 to 8294400 pixels, got ${w * h}.`;
  return undefined;
}

/** Sizes named in pixels (`1024x1536`) for gpt-image and DALL·E; `auto` is answered as a square. */
export function parsePixelSize(size: string): Pixels {
  if (size === 'auto') return [1024, 1024];
  const [w, h] = size.split('x').map(Number);
  return [w!, h!];
}
