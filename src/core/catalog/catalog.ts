import { DmxApiError } from '../errors';
import { issue } from '../validationIssues';
import { BUILTIN_MODELS } from './builtinModels';
import { nearestRatio, nearestResolution, nearestSize, sizeOf, type NearestSize } from './modelSizes';
import type { ModelSpec, SizeCell } from './modelSpec';
import { applicableOptions, type ApplicableOption, type OptionValues } from './optionRules';

export { parseCustomModels, type CustomModelsResult } from './customModels';
export { nearestRatio, nearestResolution, nearestSize, ratioIds, resolutionIds, resolutionsAt, sizeOf, type NearestSize } from './modelSizes';
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
