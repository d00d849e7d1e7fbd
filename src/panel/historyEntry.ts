import * as z from '../core/zod';
import type { SavedImage } from '../generation/generationJob';

/** One image of the studio's history, as stored in `workspaceState` and as found in the assets folders. */

export const historyEntrySchema = z.object({
  uri: z.string(),
  prompt: z.string(),
  model: z.string(),
  aspectRatio: z.string(),
  resolution: z.string(),
  options: z.record(z.string(), z.union([z.string(), z.number()])),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  texts: z.array(z.string()),
  createdAt: z.number(),
  /** For an edited image: the URI of the file it was made from. */
  parent: z.optional(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export function historyEntryOf(image: SavedImage): HistoryEntry {
  return {
    uri: image.uri.toString(),
    prompt: image.job.prompt,
    model: image.job.model,
    aspectRatio: image.job.aspectRatio,
    resolution: image.job.resolution,
    options: { ...image.job.options },
    ...(image.width === undefined ? {} : { width: image.width }),
    ...(image.height === undefined ? {} : { height: image.height }),
    texts: [...image.texts],
    createdAt: image.createdAt,
    ...(image.parent ? { parent: image.parent.toString() } : {}),
  };
}

