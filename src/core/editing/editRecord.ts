import type { ImageParameters } from '../imageParameters';
import type { ImageReadyToSave } from '../imageWithMetadata';
import type { FileDigest, Lineage, TurnPartRecord, TurnRecord } from '../metadata/lineage';
import { metadataForSaving } from '../metadata/metadataForSaving';
import { metadataRecordFor } from '../metadata/record';
import { sha256Hex } from '../sha256';
import type { GeneratedImage } from '../types';
import type { ConversationPart } from './conversation';
import type { EditImage, EditRequest, EditTurn } from './editRequest';

/**
 * The record of an edited image: generation's record (prompt = the instruction, model, options) plus its lineage —
 * the parent file, the instruction and, for a Gemini conversation, the turn with its signatures. The record is
 * checked for the key before it is written, like every record.
 */

/** How a record names a file: its name relative to the edited image's folder, and the SHA-256 of its bytes on disk. */
export function fileDigest(name: string, bytes: Uint8Array): FileDigest {
  return { name, sha256: sha256Hex(bytes) };
}

/**
 * The turn as the record of `image` keeps it. User images are named by their files (`EditImage.file`; one without
 * a file cannot be named and is left out); the model's image part that is `image` becomes `self`, other images of
 * the same answer are left out (each is its own version, with its own record).
 */
export function turnRecordFor(turn: EditTurn, requestImages: readonly EditImage[], image: GeneratedImage): TurnRecord {
  let userImage = 0;
  const user = turn.user.flatMap((part): TurnPartRecord[] => {
    if (part.kind === 'text') {
      return [{ text: part.text }];
    }
    const file = requestImages[userImage++]?.file;
    return file ? [{ image: file }] : [];
  });
  const model = turn.model.flatMap((part: ConversationPart): TurnPartRecord[] => {
    const signature = part.signature === undefined ? {} : { signature: part.signature };
    if (part.kind === 'text') {
      return [{ text: part.text, ...signature }];
    }
    return part.bytes === image.bytes ? [{ image: 'self', ...signature }] : [];
  });
  return { continues: turn.continues, user, model };
}

export interface EditFacts {
  readonly request: EditRequest;
  /** The model id that answered. */
  readonly model: string;
  /** The model's words beside the images. */
  readonly texts: readonly string[];
  /** The file that was edited: its name relative to the folder the new image is saved in, and its bytes on disk. */
  readonly parent?: FileDigest;
  readonly turn?: EditTurn;
  readonly createdAt: number;
  /** Checked absent from the record before anything is written. */
  readonly apiKey: string;
}

export function lineageFor(facts: EditFacts, image: GeneratedImage): Lineage {
  return {
    ...(facts.parent ? { parent: facts.parent } : {}),
    instruction: facts.request.instruction,
    ...(facts.turn ? { turn: turnRecordFor(facts.turn, facts.request.images, image) } : {}),
  };
}

/**
 * An edit's parameters as an image's: a converter, because an edit differs — its instruction is the prompt, and a
 * size it leaves to the model is ''. Its record, history entry and Reuse Settings all see it this way.
 */
export function imageParametersOfEdit(request: EditRequest): ImageParameters {
  return {
    prompt: request.instruction,
    model: request.model,
    aspectRatio: request.aspectRatio ?? '',
    resolution: request.resolution ?? '',
    options: { ...request.options },
  };
}

/**
 * An edited image ready to write, its record inside (or in a sidecar where the format has no room, e.g. a JPEG
 * whose record with signatures passes 64 KB). Never throws: whatever goes wrong with the metadata, the image,
 * which is paid for, is saved without it.
 */
export function editedImageWithMetadata(image: GeneratedImage, facts: EditFacts): ImageReadyToSave {
  const { request } = facts;
  const record = () =>
    metadataRecordFor({
      request: { ...imageParametersOfEdit(request), ...(request.count === undefined ? {} : { count: request.count }) },
      model: facts.model,
      createdAt: new Date(facts.createdAt),
      width: image.width,
      height: image.height,
      texts: facts.texts,
      lineage: lineageFor(facts, image),
    });
  const { bytes, sidecar, note } = metadataForSaving(image.bytes, image.mimeType, record, facts.apiKey);
  return { image: { ...image, bytes }, ...(sidecar === undefined ? {} : { sidecar }), ...(note === undefined ? {} : { note }) };
}
