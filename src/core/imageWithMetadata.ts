import { embedMetadata, type SidecarReason } from './metadata/imageMetadata';
import { assertNoSecret, metadataRecordFor, sidecarFor } from './metadata/record';
import type { GeneratedImage, GenerationRequest } from './types';

/** An image ready to write: its parameters inside, or a sidecar text where the format has no place for them. */
export type ImageReadyToSave =
  | { readonly image: GeneratedImage; readonly sidecar?: undefined }
  | { readonly image: GeneratedImage; readonly sidecar: string; readonly reason: SidecarReason };

export interface GenerationFacts {
  readonly request: GenerationRequest;
  /** The model id that answered. */
  readonly model: string;
  readonly texts: readonly string[];
  readonly createdAt: number;
  /** Checked absent from the record before anything is written. */
  readonly apiKey: string;
}

/** Puts the generation's parameters into the image (or a sidecar); every writer of generated images uses this. */
export function imageWithMetadata(image: GeneratedImage, facts: GenerationFacts): ImageReadyToSave {
  const seed = facts.request.options?.seed;
  const record = metadataRecordFor({
    request: facts.request,
    model: facts.model,
    createdAt: new Date(facts.createdAt),
    width: image.width,
    height: image.height,
    texts: facts.texts,
    seed: typeof seed === 'number' ? seed : undefined,
  });
  assertNoSecret(record, facts.apiKey);
  const embedded = embedMetadata(image.bytes, image.mimeType, record);
  if (!embedded.embedded) {
    return { image, sidecar: sidecarFor(record), reason: embedded.reason };
  }
  return { image: { ...image, bytes: embedded.bytes } };
}
