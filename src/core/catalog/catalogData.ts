import type { AxisValue, Choice, ModelOption, SizeCell } from './modelSpec';

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
