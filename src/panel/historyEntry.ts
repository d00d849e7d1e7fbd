import { imageParametersOf } from '../core/imageParameters';
import type { SavedImage } from '../generation/generationJob';
import { historyEntrySchema, type HistoryEntry } from '../shared/studioProtocol';

/** One image of the studio's history, as stored in `workspaceState` and as found in the assets folders. */

export { historyEntrySchema, type HistoryEntry };

/** A converter, not a copy: the job's reference bytes stay behind, the URIs become strings. */
export function historyEntryOf(image: SavedImage): HistoryEntry {
  return {
    uri: image.uri.toString(),
    ...imageParametersOf(image.job),
    ...(image.width === undefined ? {} : { width: image.width }),
    ...(image.height === undefined ? {} : { height: image.height }),
    texts: [...image.texts],
    createdAt: image.createdAt,
    ...(image.parent ? { parent: image.parent.toString() } : {}),
  };
}
