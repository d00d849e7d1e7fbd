import * as path from 'node:path';
import { parseVersion } from '../paths/versionNames';
import type { ReadStoredImage } from './lineageFiles';
import type { StoredImage } from './rebuildConversation';

/**
 * The whole lineage an image belongs to, as the versions strip shows it: its ancestors (each record's `parent`),
 * the image, and its descendants on disk (the files beside it whose records name a version of the line as their
 * parent), so selecting v2 still shows the v3 and v4 made from it. Read from the records the files carry, so it is
 * the same after a reload or a clone. Paths are relative to the selected image's folder, `/`-separated.
 */

/** More versions than this is a record naming itself (a copied file), not a history. */
const MAX_VERSIONS = 200;

export interface LineageEntry {
  /** Relative to the selected image's folder. */
  readonly name: string;
  /** The instruction that made this version; empty for the original. */
  readonly instruction: string;
  /** The file is gone: the walk up ends with it. */
  readonly missing: boolean;
}

function instructionOf(stored: StoredImage | undefined): string {
  const record = stored?.record;
  return record?.parent ? (record.instruction ?? record.prompt) : '';
}

/** The ancestors of `selected`, oldest first, then `selected`; a parent that is gone ends the walk, marked missing. */
async function upTo(selected: string, read: ReadStoredImage): Promise<LineageEntry[]> {
  const chain: LineageEntry[] = [];
  const seen = new Set<string>();
  let current: string | undefined = selected;
  while (current !== undefined && chain.length < MAX_VERSIONS && !seen.has(current)) {
    seen.add(current);
    const stored = await read(current);
    chain.unshift({ name: current, instruction: instructionOf(stored), missing: !stored });
    const parent: string | undefined = stored?.record?.parent?.name;
    current = parent === undefined ? undefined : path.posix.join(path.posix.dirname(current), parent);
  }
  return chain;
}

/**
 * The descendants of `selected` among `siblings` (the names in its folder), in version order: a version is saved
 * next to its source under the source's name with `-vN` (`versionNames.ts`), so only that family is read.
 */
async function descendantsOf(selected: string, siblings: readonly string[], known: ReadonlySet<string>, read: ReadStoredImage, room: number): Promise<LineageEntry[]> {
  const family = parseVersion(path.posix.basename(selected)).base.toLowerCase();
  const folder = path.posix.dirname(selected);
  const candidates = siblings
    .map((name) => path.posix.join(folder, name))
    .filter((name) => !known.has(name) && parseVersion(path.posix.basename(name)).base.toLowerCase() === family);
  const parents = new Map<string, { readonly parent: string; readonly instruction: string }>();
  for (const name of candidates) {
    const stored = await read(name);
    const parent = stored?.record?.parent?.name;
    if (parent !== undefined) {
      parents.set(name, { parent: path.posix.join(path.posix.dirname(name), parent), instruction: instructionOf(stored) });
    }
  }
  const line = new Set<string>([selected]);
  const found: LineageEntry[] = [];
  for (let grew = true; grew && found.length < room; ) {
    grew = false;
    for (const [name, { parent, instruction }] of parents) {
      if (!line.has(name) && line.has(parent) && found.length < room) {
        line.add(name);
        found.push({ name, instruction, missing: false });
        grew = true;
      }
    }
  }
  const number = (entry: LineageEntry) => parseVersion(path.posix.basename(entry.name)).version;
  return found.sort((a, b) => number(a) - number(b) || a.name.localeCompare(b.name));
}

/** The lineage of `selected`: ancestors oldest first, `selected`, then its descendants in version order. */
export async function lineageAround(selected: string, siblings: readonly string[], read: ReadStoredImage): Promise<LineageEntry[]> {
  const up = await upTo(selected, read);
  const down = await descendantsOf(selected, siblings, new Set(up.map((entry) => entry.name)), read, MAX_VERSIONS - up.length);
  return [...up, ...down];
}
