import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isInside } from '../core/paths/assetsFolder';
import { withCollisionSuffix } from '../core/paths/fileNames';

/**
 * The MCP server's file system, confined to one workspace root. Paths are handled as the core handles URI paths
 * (absolute, `/`-separated), so the core's assets-folder and link logic applies unchanged; on Windows a drive path
 * `C:\w` is `/C:/w` there.
 */

const MAX_ATTEMPTS = 1000;

export function toPosixPath(native: string): string {
  const slashed = native.replace(/\\/g, '/');
  return /^[A-Za-z]:\//.test(slashed) ? `/${slashed}` : slashed;
}

export function fromPosixPath(posix: string): string {
  return /^\/[A-Za-z]:\//.test(posix) ? posix.slice(1).replace(/\//g, path.sep) : posix;
}

/** Thrown when a path would leave the workspace root, even through a symbolic link. */
export class OutsideWorkspaceError extends Error {}

/** The real path of `posix` or of its nearest existing ancestor, so a link is followed before anything is created. */
async function realExisting(posix: string): Promise<string> {
  for (let current = posix; ; current = path.posix.dirname(current)) {
    try {
      return toPosixPath(await realpath(fromPosixPath(current)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.posix.dirname(current) === current) throw error;
    }
  }
}

/** Creates `folder` (posix) after checking that, links resolved, it stays inside `root`; checks again after. */
export async function ensureFolderInside(root: string, folder: string): Promise<void> {
  if (!isInside(root, folder)) {
    throw new OutsideWorkspaceError(`${folder} is outside the workspace root ${root}`);
  }
  const realRoot = await realExisting(root);
  const check = async (): Promise<void> => {
    if (!isInside(realRoot, await realExisting(folder))) {
      throw new OutsideWorkspaceError(`${folder} leads outside the workspace root ${root} through a link`);
    }
  };
  await check();
  await mkdir(fromPosixPath(folder), { recursive: true });
  await check();
}

/** Puts `temp` at `target` unless something is there already; false if it is. */
async function placeWithoutOverwriting(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
  }
  // File systems without hard links: an exclusive copy still refuses to overwrite.
  try {
    await copyFile(temp, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Writes `bytes` as a new file named `fileName` in `folder` (posix), or its first free `-1`, `-2`… variant, whole or
 * not at all; returns the posix path written. Never replaces an existing file.
 */
export async function writeNewFile(folder: string, fileName: string, bytes: Uint8Array): Promise<string> {
  return writeNewFileNamed(folder, (attempt) => withCollisionSuffix(fileName, attempt), bytes);
}

/** As `writeNewFile`, under the first free name `nameFor(attempt)` gives: versions take the next `-vN`, not `-1`. */
export async function writeNewFileNamed(folder: string, nameFor: (attempt: number) => string, bytes: Uint8Array): Promise<string> {
  const native = fromPosixPath(folder);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const candidate = nameFor(attempt);
    const temp = path.join(native, `.${candidate}.${randomUUID()}.partial`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      if (await placeWithoutOverwriting(temp, path.join(native, candidate))) {
        return `${folder.replace(/\/+$/, '')}/${candidate}`;
      }
    } finally {
      await rm(temp, { force: true });
    }
  }
  throw new Error(`no free file name for ${nameFor(0)} in ${folder}`);
}

/** Images that arrived but could not be written into the workspace go to the system's temporary folder, named. */
export async function keepElsewhere(images: readonly { bytes: Uint8Array; name: string }[]): Promise<string[]> {
  const folder = toPosixPath(path.join(tmpdir(), 'dmxapi-kept-images'));
  await mkdir(fromPosixPath(folder), { recursive: true });
  const kept: string[] = [];
  for (const image of images) {
    kept.push(fromPosixPath(await writeNewFile(folder, image.name, image.bytes)));
  }
  return kept;
}
