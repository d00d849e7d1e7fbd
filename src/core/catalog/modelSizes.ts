import type { AxisValue, ModelSpec, SizeCell } from './modelSpec';

/**
 * A model's sizes: which ratio and resolution pairs it has, and the nearest it has to what was asked. Apart from
 * the catalog so the webview, which receives its models in `init`, settles choices without bundling the
 * built-in catalog.
 */

export function sizeOf(model: ModelSpec, ratio: string, resolution: string): SizeCell | undefined {
  return model.sizes.find((cell) => cell.ratio === ratio && cell.resolution === resolution);
}

export const ratioIds = (model: ModelSpec): string[] => model.aspectRatios.map((ratio) => ratio.id);
export const resolutionIds = (model: ModelSpec): string[] => model.resolutions.map((resolution) => resolution.id);

/** The resolutions the model offers at this ratio (a model need not offer every pair). */
export function resolutionsAt(model: ModelSpec, ratio: string): AxisValue[] {
  return model.resolutions.filter((resolution) => sizeOf(model, ratio, resolution.id) !== undefined);
}

/** `16:9` → 16/9; anything else (`auto`) → undefined. */
function ratioValue(ratio: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)[:x](\d+(?:\.\d+)?)$/.exec(ratio);
  return match ? Number(match[1]) / Number(match[2]) : undefined;
}

/** `0.5K` → 0.5, `4K` → 4; anything else → undefined. */
function resolutionValue(resolution: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)K$/i.exec(resolution);
  return match ? Number(match[1]) : undefined;
}

function nearest(candidates: readonly string[], target: string, valueOf: (id: string) => number | undefined, fallback: string): string {
  if (candidates.includes(target)) {
    return target;
  }
  const wanted = valueOf(target);
  if (wanted === undefined) {
    return fallback;
  }
  let best = fallback;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const value = valueOf(candidate);
    // Distances in log space, so 2:1 is as far from 1:1 as 1:2 is.
    const distance = value === undefined ? Infinity : Math.abs(Math.log(value / wanted));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The model's ratio closest in shape to `ratio`, for keeping the user's choice when they switch models. */
export function nearestRatio(model: ModelSpec, ratio: string): string {
  return nearest(ratioIds(model), ratio, ratioValue, model.defaults.ratio);
}

/** The model's resolution closest to `resolution` that exists at `ratio`. */
export function nearestResolution(model: ModelSpec, resolution: string, ratio: string = model.defaults.ratio): string {
  const offered = resolutionsAt(model, ratio).map((r) => r.id);
  const fallback = offered.includes(model.defaults.resolution) ? model.defaults.resolution : (offered[0] ?? model.defaults.resolution);
  return nearest(offered, resolution, resolutionValue, fallback);
}

/** A ratio and resolution the model has together, and whether they differ from what was asked. */
export interface NearestSize {
  readonly ratio: string;
  readonly resolution: string;
  readonly size: SizeCell;
  readonly changed: boolean;
}

/**
 * What the model makes closest to `ratio` at `resolution`: the ratio nearest in shape, then the resolution
 * nearest to the one asked that exists at it. Compare, the studio and Generate Image all settle choices this way.
 */
export function nearestSize(model: ModelSpec, ratio: string, resolution: string): NearestSize {
  const nearRatio = nearestRatio(model, ratio);
  const nearResolution = nearestResolution(model, resolution, nearRatio);
  // Every model has a size at its defaults (the schema checks both exist), and a resolution offered at a ratio has one.
  const size = sizeOf(model, nearRatio, nearResolution) ?? sizeOf(model, model.defaults.ratio, model.defaults.resolution) ?? model.sizes[0]!;
  return { ratio: size.ratio, resolution: size.resolution, size, changed: size.ratio !== ratio || size.resolution !== resolution };
}
