import { metadataForSaving, metadataForSavingInSlices, type ImageToSave } from './metadata/metadataForSaving';
import { metadataRecordFor, type MetadataRecord } from './metadata/record';
import type { GeneratedImage, GenerationRequest } from './types';

/** An image ready to write: its parameters inside, or a sidecar text where the format has no place for them. */
export interface ImageReadyToSave {
  readonly image: GeneratedImage;
  readonly sidecar?: string;
  /** Why the parameters are not inside the image (a sidecar, or left out), for the log. */
  readonly note?: string;
}

export interface GenerationFacts {
  readonly request: GenerationRequest;
  /** The model id that answered. */
  readonly model: string;
  readonly texts: readonly string[];
  readonly createdAt: number;
  /** Checked absent from the record before anything is written. */
  readonly apiKey: string;
}

/**
 * Puts the generation's parameters into the image (or a sidecar); every writer of generated images uses this.
 * Never throws: whatever goes wrong with the metadata, the image (which is paid for) is saved without it.
 */
export function imageWithMetadata(image: GeneratedImage, facts: GenerationFacts): ImageReadyToSave {
  return ready(image, metadataForSaving(image.bytes, image.mimeType, recordOf(image, facts), facts.apiKey));
}

/**
 * `imageWithMetadata` for the extension host: the image is copied in slices that let the event loop in, so a
 * 4K image does not hold every other extension. Never rejects; `image.bytes` must stay unchanged until it resolves.
 */
export async function imageWithMetadataInSlices(image: GeneratedImage, facts: GenerationFacts): Promise<ImageReadyToSave> {
  return ready(image, await metadataForSavingInSlices(image.bytes, image.mimeType, recordOf(image, facts), facts.apiKey));
}

function recordOf(image: GeneratedImage, facts: GenerationFacts): () => MetadataRecord {
  const seed = facts.request.options?.seed;
  return () =>
    metadataRecordFor({
      request: facts.request,
      model: facts.model,
      createdAt: new Date(facts.createdAt),
      width: image.width,
      height: image.height,
      texts: facts.texts,
      seed: typeof seed === 'number' ? seed : undefined,
    });
}

const ready = (image: GeneratedImage, { bytes, sidecar, note }: ImageToSave): ImageReadyToSave => ({
  image: { ...image, bytes },
  ...(sidecar === undefined ? {} : { sidecar }),
  ...(note === undefined ? {} : { note }),
});
