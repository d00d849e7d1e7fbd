import type { ImageMime } from '../types';
import type { EmbedResult } from './embedResult';
import { embedMetadata, embedMetadataInSlices } from './imageMetadata';
import { assertNoSecret, sidecarFor, type MetadataRecord } from './record';

/** What to write: the image (with its metadata inside when it could go there), and a sidecar text when not. */
export interface ImageToSave {
  readonly bytes: Uint8Array;
  readonly sidecar?: string;
  /** Why the metadata is not inside the image, for the log; absent when it is. */
  readonly note?: string;
}

/**
 * The image with its metadata, by whatever way works, and never at the cost of the image: it is paid for. A
 * record that cannot be built (a JPEG whose frame height is 0 until a DNL marker says, a GIF of 0×0), a key
 * found in it, or a writer that throws all end the same way: the image unchanged, no metadata, and a note why.
 */
export function metadataForSaving(bytes: Uint8Array, mimeType: ImageMime, record: () => MetadataRecord, apiKey: string): ImageToSave {
  const built = checkedRecord(bytes, record, apiKey);
  if ('leftOut' in built) {
    return built.leftOut;
  }
  try {
    return toSave(bytes, built.record, embedMetadata(bytes, mimeType, built.record));
  } catch (error) {
    return leftOut(bytes, error);
  }
}

/**
 * `metadataForSaving` for the extension host: the same result, with the image copied in slices that let the
 * event loop in between (`embedMetadataInSlices`). `bytes` must stay unchanged until it resolves.
 */
export async function metadataForSavingInSlices(bytes: Uint8Array, mimeType: ImageMime, record: () => MetadataRecord, apiKey: string): Promise<ImageToSave> {
  const built = checkedRecord(bytes, record, apiKey);
  if ('leftOut' in built) {
    return built.leftOut;
  }
  try {
    return toSave(bytes, built.record, await embedMetadataInSlices(bytes, mimeType, built.record));
  } catch (error) {
    return leftOut(bytes, error);
  }
}

function checkedRecord(bytes: Uint8Array, record: () => MetadataRecord, apiKey: string): { record: MetadataRecord } | { leftOut: ImageToSave } {
  try {
    const built = record();
    assertNoSecret(built, apiKey);
    return { record: built };
  } catch (error) {
    return { leftOut: leftOut(bytes, error) };
  }
}

const toSave = (bytes: Uint8Array, record: MetadataRecord, embedded: EmbedResult): ImageToSave =>
  embedded.embedded ? { bytes: embedded.bytes } : { bytes, sidecar: sidecarFor(record), note: `metadata goes to a sidecar: ${embedded.reason}` };

const leftOut = (bytes: Uint8Array, error: unknown): ImageToSave => ({ bytes, note: `metadata left out: ${describe(error)}` });

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
