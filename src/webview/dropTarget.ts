import type { WebviewMessage } from '../shared/studioProtocol';

/**
 * Where files dropped from the Explorer go: while generating they become reference images; in edit mode, where
 * there are no references, the first one becomes the image edited (the host checks it is an image in the
 * workspace, as for any other way of choosing the source).
 */
export function droppedFilesMessage(editing: boolean, uris: readonly string[]): WebviewMessage | undefined {
  if (uris.length === 0) {
    return undefined;
  }
  return editing ? { type: 'openEdit', uri: uris[0]! } : { type: 'dropReferences', uris: [...uris] };
}
