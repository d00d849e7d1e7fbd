import type { AxisValue, Choice, EditSpec, ModelOption, SizeCell } from './modelSpec';

/** Small builders the catalog's data files share, so each model entry reads like its document's table. */

/** Parses a pixel table: one line per ratio, one `WxH` column per resolution, in `resolutions` order. */
export function pixelTable(resolutions: readonly string[], rows: string): SizeCell[] {
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

/** The ratios of a pixel table, in its order. */
export const ratiosOf = (table: string): string[] => table.trim().split('\n').map((line) => line.trim().split(/\s+/)[0]!);

/** Axis values whose wire value is their id. */
export const same = (...ids: string[]): AxisValue[] => ids.map((id) => ({ id, wire: id }));
export const choices = (...ids: string[]): Choice[] => ids.map((id) => ({ id, wire: id }));

/** `response_format` for the models that accept it; the URL variant expires after 60 minutes, so we download at once. */
export const responseFormat = (defaultChoice: 'url' | 'b64_json'): ModelOption => ({
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

const MB = 1024 * 1024;

/**
 * `/v1/images/edits` as nano-banana-2-02.md, gpt-image-edit.md and gpt-image-2-image-edit.md describe it: each
 * image "< 50MB", png, webp or jpg, sent as repeated `image` file fields.
 */
export const openAiEdits = (maxImages: number, more: Partial<EditSpec> = {}): EditSpec => ({
  protocol: 'openai-edits',
  maxImages,
  maxBytes: 50 * MB,
  formats: ['image/png', 'image/jpeg', 'image/webp'],
  imageField: 'image',
  conversation: false,
  ...more,
});

/** gpt-image-2-image-edit.md: the mask applies to the first image, has an alpha channel, its size and format, "< 50MB". */
export const GPT_IMAGE_2_MASK = { maxBytes: 50 * MB, field: 'mask' } as const;

/**
 * Gemini editing on `generateContent`: the instruction and the images as `inlineData` parts. Google reads PNG,
 * JPEG and WebP; 7 MB per inline image is Google's limit, as for reference images.
 */
export const geminiEdits = (maxImages: number, conversation: boolean): EditSpec => ({
  protocol: 'gemini-native',
  maxImages,
  maxBytes: 7 * MB,
  formats: ['image/png', 'image/jpeg', 'image/webp'],
  imageField: 'image',
  conversation,
});
