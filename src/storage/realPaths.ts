import { realpath } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Confinement by what the disk says, not by how a path is spelled: `assets` may be a symbolic link to a folder
 * outside the workspace, and then `<workspace>/assets/x.png` is written outside. Local paths only (`fsPath`).
 */

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** The real path of `target`: links resolved in the part that exists, the rest (to be created) appended as is. */
export async function realPathOf(target: string): Promise<string> {
  const missing: string[] = [];
  let existing = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(existing), ...missing);
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') {
        throw error;
      }
      const parent = path.dirname(existing);
      if (parent === existing) {
        return path.resolve(target);
      }
      missing.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether `target` is `root` or inside it once both are resolved, and where it really is. */
export async function realPathInside(root: string, target: string): Promise<{ inside: boolean; real: string }> {
  const [realRoot, real] = await Promise.all([realPathOf(root), realPathOf(target)]);
  const relative = path.relative(realRoot, real);
  return { inside: relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative)), real };
}
