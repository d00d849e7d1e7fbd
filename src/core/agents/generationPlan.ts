import type { Catalog } from '../catalog/catalog';
import type { ModelSpec } from '../catalog/modelSpec';
import type { GenerateToolInput } from './generateToolInput';
import { documentedTokensPerImage } from './tokenCosts';

/** What the caller falls back to for what the input leaves out: the user's settings, or the server's arguments. */
export interface PlanDefaults {
  readonly model: string;
  /** Absent: the chosen model's own default. */
  readonly aspectRatio?: string;
  readonly resolution?: string;
}

/** A value the model does not offer, replaced by its nearest one. */
export interface Adjustment {
  readonly field: 'aspectRatio' | 'resolution';
  readonly asked: string;
  readonly used: string;
}

/** What a tool call will ask for and spend, known before anything is sent. */
export interface GenerationPlan {
  readonly model: ModelSpec;
  readonly prompt: string;
  readonly aspectRatio: string;
  readonly resolution: string;
  readonly count: number;
  /** Pixel size from the catalog's tables; null where the server decides (`auto`). */
  readonly width: number | null | undefined;
  readonly height: number | null | undefined;
  /** Output tokens per image where the documents give them. */
  readonly tokensPerImage: number | undefined;
  readonly adjustments: readonly Adjustment[];
}

/**
 * Fills the input's gaps from `defaults` and moves a ratio or resolution the model lacks to its nearest one, so
 * an agent's "16:10" still gives an image. An unknown model is the catalog's `invalidRequest` error.
 */
export function planGeneration(catalog: Catalog, input: GenerateToolInput, defaults: PlanDefaults): GenerationPlan {
  const model = catalog.require(input.model ?? defaults.model);
  const askedRatio = input.aspectRatio ?? defaults.aspectRatio ?? model.defaults.ratio;
  const aspectRatio = catalog.nearestRatio(model, askedRatio);
  const askedResolution = input.resolution ?? defaults.resolution ?? model.defaults.resolution;
  const resolution = catalog.nearestResolution(model, askedResolution, aspectRatio);
  const adjustments: Adjustment[] = [];
  if (input.aspectRatio && aspectRatio !== input.aspectRatio) {
    adjustments.push({ field: 'aspectRatio', asked: input.aspectRatio, used: aspectRatio });
  }
  if (input.resolution && resolution !== input.resolution) {
    adjustments.push({ field: 'resolution', asked: input.resolution, used: resolution });
  }
  const size = catalog.sizeOf(model, aspectRatio, resolution);
  return {
    model,
    prompt: input.prompt,
    aspectRatio,
    resolution,
    count: input.count ?? 1,
    width: size?.width,
    height: size?.height,
    tokensPerImage: documentedTokensPerImage(model.id, resolution),
    adjustments,
  };
}
