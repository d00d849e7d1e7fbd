import * as path from 'node:path';
import { sniffImageMime } from '../imageBytes';
import type { TurnPartRecord } from '../metadata/lineage';
import type { MetadataRecord } from '../metadata/record';
import { sha256Hex } from '../sha256';
import type { Conversation, ConversationPart, ConversationTurn } from './conversation';
import { fileDigest } from './editRecord';
import type { EditImage } from './editRequest';
import { withoutOurMetadata } from './withoutOurMetadata';

/**
 * How a refine continues a Gemini conversation from files alone, after a reload or a clone. Each version's
 * record keeps the turn that made it (texts and signatures; its own image is `self`, other images are named by
 * file and SHA-256) and, when that turn continued a conversation, the parent it continued from. Following the
 * parents back gives every earlier turn; the image bytes are the version files themselves.
 *
 * When a file the conversation names is gone or changed, or a record is missing, the refine edits the image
 * alone and `missing` says which file and why, for the user to read.
 */

/** A file as the extension found it: its bytes on disk and its record (embedded, or from its sidecar). */
export interface StoredImage {
  readonly bytes: Uint8Array;
  readonly record?: MetadataRecord;
}

/** Finds a file by its path relative to the folder of the image being refined (`/`-separated); undefined when absent. */
export type FindStoredImage = (relativePath: string) => StoredImage | undefined;

export interface MissingFile {
  /** Relative to the folder of the image being refined. */
  readonly name: string;
  /** `missing`: no such file; `changed`: its SHA-256 differs; `noRecord`: it holds no conversation turn. */
  readonly reason: 'missing' | 'changed' | 'noRecord';
}

/** What to send for a refine of an image: its conversation, or the image alone. */
export interface RefineInput {
  /** Earlier turns to send before the new instruction; empty when the image is edited alone. */
  readonly conversation: Conversation;
  /** The images of the new turn: none when the conversation carries the image, else the image alone. */
  readonly images: readonly EditImage[];
  /** Why a conversation that was there could not be continued; empty when it was, or when there was none. */
  readonly missing: readonly MissingFile[];
}

class Broken extends Error {
  constructor(readonly file: MissingFile) {
    super(`${file.name}: ${file.reason}`);
  }
}

/** The longest chain followed; a record pointing at itself (a copied file) must not loop. */
const MAX_TURNS = 1000;

function verified(find: FindStoredImage, name: string, sha256: string): StoredImage {
  const stored = find(name);
  if (!stored) {
    throw new Broken({ name, reason: 'missing' });
  }
  if (sha256Hex(stored.bytes) !== sha256) {
    throw new Broken({ name, reason: 'changed' });
  }
  return stored;
}

function imagePart(bytes: Uint8Array, name: string, signature: string | undefined): ConversationPart {
  const mimeType = sniffImageMime(bytes);
  if (!mimeType) {
    throw new Broken({ name, reason: 'changed' });
  }
  return { kind: 'image', bytes, mimeType, ...(signature === undefined ? {} : { signature }) };
}

/** One recorded part with its bytes, as they were sent: the file without our record in it (see `validateEdit`). */
function partOf(record: TurnPartRecord, self: { name: string; bytes: Uint8Array }, dir: string, find: FindStoredImage): ConversationPart {
  if ('text' in record) {
    return { kind: 'text', text: record.text, ...(record.signature === undefined ? {} : { signature: record.signature }) };
  }
  if (record.image === 'self') {
    return imagePart(withoutOurMetadata(self.bytes), self.name, record.signature);
  }
  const name = path.posix.join(dir, record.image.name);
  return imagePart(withoutOurMetadata(verified(find, name, record.image.sha256).bytes), name, record.signature);
}

function turnsOf(head: StoredImage, headName: string, find: FindStoredImage): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  let current = { name: headName, dir: path.posix.dirname(headName), stored: head };
  for (let depth = 0; depth < MAX_TURNS; depth++) {
    const turn = current.stored.record?.turn;
    if (!turn) {
      throw new Broken({ name: current.name, reason: 'noRecord' });
    }
    const self = { name: current.name, bytes: current.stored.bytes };
    const parts = (records: readonly TurnPartRecord[]) => records.map((record) => partOf(record, self, current.dir, find));
    turns.unshift({ role: 'user', parts: parts(turn.user) }, { role: 'model', parts: parts(turn.model) });
    if (!turn.continues) {
      return turns;
    }
    const parent = current.stored.record?.parent;
    if (!parent) {
      throw new Broken({ name: current.name, reason: 'noRecord' });
    }
    const name = path.posix.join(current.dir, parent.name);
    current = { name, dir: path.posix.dirname(name), stored: verified(find, name, parent.sha256) };
  }
  throw new Broken({ name: current.name, reason: 'noRecord' });
}

/**
 * What a refine of `head` sends. `headName` is the image's own path relative to its folder (its file name); `find`
 * reads other files relative to that folder. An image without a conversation turn is edited alone, with nothing
 * missing; one whose conversation cannot be rebuilt is edited alone, with `missing` saying why.
 */
export function refineInput(head: StoredImage, headName: string, find: FindStoredImage): RefineInput {
  const alone = (missing: readonly MissingFile[]): RefineInput => ({
    conversation: [],
    images: [{ bytes: head.bytes, name: headName, file: fileDigest(headName, head.bytes) }],
    missing,
  });
  if (!head.record?.turn) {
    return alone([]);
  }
  try {
    return { conversation: turnsOf(head, headName, find), images: [], missing: [] };
  } catch (error) {
    if (error instanceof Broken) {
      return alone([error.file]);
    }
    throw error;
  }
}
