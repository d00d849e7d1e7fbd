import * as vscode from 'vscode';
import type { Catalog, NearestSize } from '../core/catalog/catalog';
import type { ModelSpec } from '../core/catalog/modelSpec';
import type { Settings } from '../config/settings';

/** The model the settings name, and the ratio and resolution it will make: the nearest it has to the settings'. */
export interface ModelAtNearestSize {
  readonly model: ModelSpec;
  readonly size: NearestSize;
  /** Set when the settings asked for a size the model lacks: says what is made instead, for the result message. */
  readonly adjustment?: string;
}

/** `16:9`, `4K` or `16:9 at 4K`: the parts of a size that changed. */
function sizeWords(ratio: string, resolution: string, changed: { ratio: boolean; resolution: boolean }): string {
  if (changed.ratio && changed.resolution) {
    return vscode.l10n.t('{0} at {1}', ratio, resolution);
  }
  return changed.ratio ? ratio : resolution;
}

/** "DALL·E 3 has no 16:9; made 7:4, 1792×1024": what was asked, what was made instead, its pixel size where known. */
export function adjustmentMessage(model: ModelSpec, asked: { ratio: string; resolution: string }, made: NearestSize): string {
  const changed = { ratio: asked.ratio !== made.ratio, resolution: asked.resolution !== made.resolution };
  const askedWords = sizeWords(asked.ratio, asked.resolution, changed);
  const madeWords = sizeWords(made.ratio, made.resolution, changed);
  const { width, height } = made.size;
  return width !== null && height !== null
    ? vscode.l10n.t('{0} has no {1}; made {2}, {3}×{4}', model.label, askedWords, madeWords, width, height)
    : vscode.l10n.t('{0} has no {1}; made {2}', model.label, askedWords, madeWords);
}

/**
 * The configured model at the nearest size it has to the configured one. A ratio or resolution it lacks is not an
 * error: the nearest is made and the result says so. An unknown model is the core's `invalidRequest` error, the
 * one message for it whoever asks.
 */
export function modelAtNearestSize(catalog: Catalog, settings: Settings): ModelAtNearestSize {
  const model = catalog.require(settings.model);
  const asked = { ratio: settings.aspectRatio, resolution: settings.resolution };
  const size = catalog.nearestSize(model, asked.ratio, asked.resolution);
  return size.changed ? { model, size, adjustment: adjustmentMessage(model, asked, size) } : { model, size };
}
