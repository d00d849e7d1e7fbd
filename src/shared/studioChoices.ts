import { nearestSize, resolutionsAt, sizeOf } from '../core/catalog/modelSizes';
import type { AxisValue, ModelSpec } from '../core/catalog/modelSpec';
import { applicableOptions, type ApplicableOption, type OptionValues } from '../core/catalog/optionRules';
import { MAX_COUNT, type StudioChoices } from './studioProtocol';

/**
 * What the studio's controls may hold for a model, read from the catalog's own rules, so the panel never
 * offers what the model would refuse. Used by the webview (what to show) and the host (what to accept).
 */

/** At most four requests run at once when one model call cannot give all the images asked for (a batch of 4 then takes one round). */
export const PARALLEL_REQUESTS = 4;

/** How many images one Generate may ask for: what one request gives, and at least a few parallel requests. */
export function maxCount(model: ModelSpec): number {
  return Math.min(MAX_COUNT, Math.max(model.n.max, 2 * PARALLEL_REQUESTS));
}

/** Images per request: `count` split into chunks of at most `n.max`. */
export function requestSizes(model: ModelSpec, count: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= model.n.max) {
    sizes.push(Math.min(left, model.n.max));
  }
  return sizes;
}

/** The resolutions offered at the chosen ratio (0.5K only where the model has a size for it). */
export function offeredResolutions(model: ModelSpec, ratio: string): AxisValue[] {
  return resolutionsAt(model, ratio);
}

/** Pixel size of a ratio at a resolution, or undefined where the model decides (`auto`) or has none. */
export function pixelSize(model: ModelSpec, ratio: string, resolution: string): { width: number; height: number } | undefined {
  const cell = sizeOf(model, ratio, resolution);
  return cell && cell.width !== null && cell.height !== null ? { width: cell.width, height: cell.height } : undefined;
}

/** The options that apply now, each with the choices allowed now. */
export function offeredOptions(model: ModelSpec, values: OptionValues): ApplicableOption[] {
  return applicableOptions(model, values);
}

/**
 * Option values the model accepts: unknown ids dropped, an enum value whose choice is not allowed now replaced
 * by the default (or the first allowed choice), integers clamped. Repeats because one change can move another
 * option's `when`.
 */
export function settleOptions(model: ModelSpec, values: OptionValues): Record<string, string | number> {
  const settled: Record<string, string | number> = {};
  for (const option of model.options) {
    const value = values[option.id];
    if (value === undefined) {
      continue;
    }
    if (option.kind === 'integer') {
      if (typeof value === 'number' && Number.isInteger(value)) {
        settled[option.id] = Math.min(option.max, Math.max(option.min, value));
      }
    } else {
      settled[option.id] = String(value);
    }
  }
  for (let round = 0; round <= model.options.length; round++) {
    let changed = false;
    for (const { option, choices, value } of applicableOptions(model, settled)) {
      if (option.kind !== 'enum' || choices.some((choice) => choice.id === value)) {
        continue;
      }
      const fallback = choices.find((choice) => choice.id === option.default) ?? choices[0];
      if (fallback && settled[option.id] !== fallback.id) {
        settled[option.id] = fallback.id;
        changed = true;
      }
    }
    if (!changed) {
      break;
    }
  }
  return settled;
}

/** The option values sent with a request: only those that apply now. */
export function requestOptions(model: ModelSpec, values: OptionValues): Record<string, string | number> {
  const sent: Record<string, string | number> = {};
  for (const { option } of applicableOptions(model, values)) {
    const value = values[option.id];
    if (value !== undefined) {
      sent[option.id] = value;
    }
  }
  return sent;
}

/** Choices made valid for `model`: the nearest ratio in shape, the nearest resolution that exists at it. */
export function settleChoices(model: ModelSpec, choices: StudioChoices): StudioChoices {
  const { ratio, resolution } = nearestSize(model, choices.aspectRatio, choices.resolution);
  return {
    model: model.id,
    aspectRatio: ratio,
    resolution,
    count: Math.min(maxCount(model), Math.max(1, Math.round(choices.count))),
    options: { ...choices.options, [model.id]: settleOptions(model, choices.options[model.id] ?? {}) },
  };
}

/** A compared model's choices, and which of the current values it does not offer and had moved. */
export interface ComparedChoices {
  readonly choices: StudioChoices;
  readonly adjusted: readonly ('aspectRatio' | 'resolution')[];
}

/**
 * The current choices made valid for one model of a comparison: the same ratio and resolution where it offers
 * them, else the nearest; its own remembered options, else its defaults; one image.
 */
export function comparedChoices(model: ModelSpec, choices: StudioChoices): ComparedChoices {
  const settled = settleChoices(model, { ...choices, model: model.id, count: 1 });
  return {
    choices: settled,
    adjusted: (['aspectRatio', 'resolution'] as const).filter((axis) => settled[axis] !== choices[axis]),
  };
}

/** Prompt length as the model counts it: code points of the trimmed text. */
export function promptLength(prompt: string): number {
  let length = 0;
  for (const _ of prompt.trim()) {
    length += 1;
  }
  return length;
}

/** `{0}`, `{1}` … replaced by the values, as `vscode.l10n.t` does; the webview formats the host's templates with it. */
export function format(template: string, ...values: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = values[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/**
 * A model's name in a picker: its label, and for a model DMXAPI renamed or replaced, `olderName` (a template with
 * `{0}` for the current name) so the user sees which one is current. The catalog lists the current one first.
 */
export function pickerLabel(model: ModelSpec, models: readonly ModelSpec[], olderName: string): string {
  const current = model.replacedBy === undefined ? undefined : models.find((m) => m.id === model.replacedBy);
  return current ? `${model.label} (${format(olderName, current.id)})` : model.label;
}
