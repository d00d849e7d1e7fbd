import * as path from 'node:path';
import { sha256Hex } from '../sha256';
import type { FileDigest, TurnPartRecord } from '../metadata/lineage';
import type { StoredImage } from './rebuildConversation';

/**
 * The files a version's record leads to, read from disk once, so the pure `refineInput` (which looks files up
 * synchronously) and Use This Version (which needs the ancestors) work from what is really there. Paths are
 * relative to the folder of the version the walk starts from, `/`-separated, as the records name them.
 */

/** Reads a file by its path relative to the starting version's folder; undefined when it is not there. */
export type ReadStoredImage = (relativePath: string) => Promise<StoredImage | undefined>;

/** A chain longer than this is a loop (a record naming itself, a copied file), not a history. */
const MAX_FILES = 1000;

function namedImages(records: readonly TurnPartRecord[]): FileDigest[] {
  return records.flatMap((part) => ('image' in part && part.image !== 'self' ? [part.image] : []));
}

/** The files a record names: its parent, and the images of its conversation turn. */
function filesNamedBy(stored: StoredImage): FileDigest[] {
  const record = stored.record;
  if (!record) {
    return [];
  }
  const turn = record.turn;
  return [...(record.parent ? [record.parent] : []), ...(turn ? [...namedImages(turn.user), ...namedImages(turn.model)] : [])];
}

/**
 * Every file the lineage of `headName` names, transitively, keyed by path relative to the head's folder (the head
 * included). A file that is absent is simply not in the map: `refineInput` then reports it as missing.
 */
export async function gatherLineage(headName: string, head: StoredImage, read: ReadStoredImage): Promise<Map<string, StoredImage>> {
  const found = new Map<string, StoredImage>([[headName, head]]);
  const tried = new Set<string>([headName]);
  const queue: Array<[string, StoredImage]> = [[headName, head]];
  while (queue.length > 0 && tried.size < MAX_FILES) {
    const [name, stored] = queue.shift()!;
    for (const file of filesNamedBy(stored)) {
      const next = path.posix.join(path.posix.dirname(name), file.name);
      if (tried.has(next)) {
        continue;
      }
      tried.add(next);
      const nextStored = await read(next);
      if (nextStored) {
        found.set(next, nextStored);
        queue.push([next, nextStored]);
      }
    }
  }
  return found;
}

/**
 * The ancestors of a version, nearest first: each `parent` its record names, as long as the file is there with
 * the SHA-256 the child recorded (a file changed since is no longer the one the version was made from).
 */
export async function ancestorsOf(headName: string, head: StoredImage, read: ReadStoredImage): Promise<string[]> {
  const ancestors: string[] = [];
  const seen = new Set<string>([headName]);
  let current = { name: headName, stored: head };
  while (ancestors.length < MAX_FILES) {
    const parent = current.stored.record?.parent;
    if (!parent) {
      break;
    }
    const name = path.posix.join(path.posix.dirname(current.name), parent.name);
    if (seen.has(name)) {
      break;
    }
    seen.add(name);
    const stored = await read(name);
    if (!stored || sha256Hex(stored.bytes) !== parent.sha256) {
      break;
    }
    ancestors.push(name);
    current = { name, stored };
  }
  return ancestors;
}
