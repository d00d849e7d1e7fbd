import { DmxApiError } from '../errors';
import { issue } from '../validationIssues';
import { BUILTIN_MODELS } from './builtinModels';
import type { AxisValue, ModelSpec, SizeCell } from './modelSpec';
import { applicableOptions, type ApplicableOption, type OptionValues } from './optionRules';

export { parseCustomModels, type CustomModelsResult } from './customModels';
export { applicableOptions, effectiveOptionValues, whenHolds, type ApplicableOption, type OptionValues } from './optionRules';

/** The models the extension offers: the built-in ones, then the user's own, which replace a built-in of the same id. */
export interface Catalog {
  readonly models: readonly ModelSpec[];
  /** By id or alias; exact spelling first, then ignoring case. */
  find(idOrAlias: string): ModelSpec | undefined;
  /** Like `find`, but an unknown name is a `DmxApiError` of kind `invalidRequest` with an `unknownModel` issue. */
  require(idOrAlias: string): ModelSpec;
  /** The same as the module functions below, for callers that hold only the catalog. */
  sizeOf(model: ModelSpec, ratio: string, resolution: string): SizeCell | undefined;
  nearestRatio(model: ModelSpec, ratio: string): string;
  nearestResolution(model: ModelSpec, resolution: string, ratio?: string): string;
  nearestSize(model: ModelSpec, ratio: string, resolution: string): NearestSize;
  applicableOptions(model: ModelSpec, values?: OptionValues): ApplicableOption[];
}

/**
 * Models in the order pickers show them: each model DMXAPI renamed or replaced right after its current name, so
 * the current name always comes first; otherwise the given order.
 */
export function inPickerOrder(models: readonly ModelSpec[]): ModelSpec[] {
  const ids = new Set(models.map((model) => model.id));
  const isOlder = (model: ModelSpec): boolean => model.replacedBy !== undefined && model.replacedBy !== model.id && ids.has(model.replacedBy);
  const ordered: ModelSpec[] = [];
  const place = (model: ModelSpec): void => {
    ordered.push(model);
    models.filter((older) => isOlder(older) && older.replacedBy === model.id && !ordered.includes(older)).forEach(place);
  };
  models.filter((model) => !isOlder(model)).forEach(place);
  // A cycle of replacements has no current name; such entries keep their place at the end.
  models.filter((model) => !ordered.includes(model)).forEach((model) => ordered.push(model));
  return ordered;
}

export function createCatalog(extra: readonly ModelSpec[] = []): Catalog {
  const overridden = new Set(extra.map((model) => model.id));
  const models = inPickerOrder([...BUILTIN_MODELS.filter((model) => !overridden.has(model.id)), ...extra]);
  const byName = new Map<string, ModelSpec>();
  const byFoldedName = new Map<string, ModelSpec>();
  // Ids are registered before aliases so an alias can never shadow another model's id.
  for (const name of ['id', 'aliases'] as const) {
    for (const model of models) {
      for (const key of name === 'id' ? [model.id] : model.aliases) {
        if (!byName.has(key)) {
          byName.set(key, model);
        }
        if (!byFoldedName.has(key.toLowerCase())) {
          byFoldedName.set(key.toLowerCase(), model);
        }
      }
    }
  }
  const find = (idOrAlias: string): ModelSpec | undefined =>
    byName.get(idOrAlias) ?? byFoldedName.get(idOrAlias.toLowerCase());
  return {
    models,
    find,
    require(idOrAlias) {
      const model = find(idOrAlias);
      if (!model) {
        throw new DmxApiError({ kind: 'invalidRequest', issues: [issue.unknownModel(idOrAlias)] });
      }
      return model;
    },
    sizeOf,
    nearestRatio,
    nearestResolution,
    nearestSize,
    applicableOptions,
  };
}

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
