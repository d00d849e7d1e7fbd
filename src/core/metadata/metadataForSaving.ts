import type { ImageMime } from '../types';
import { embedMetadata } from './imageMetadata';
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
  let built: MetadataRecord;
  try {
    built = record();
    assertNoSecret(built, apiKey);
  } catch (error) {
    return { bytes, note: `metadata left out: ${describe(error)}` };
  }
  try {
    const embedded = embedMetadata(bytes, mimeType, built);
    return embedded.embedded
      ? { bytes: embedded.bytes }
      : { bytes, sidecar: sidecarFor(built), note: `metadata goes to a sidecar: ${embedded.reason}` };
  } catch (error) {
    return { bytes, note: `metadata left out: ${describe(error)}` };
  }
}

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
