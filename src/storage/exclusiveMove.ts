import { constants } from 'node:fs';
import { copyFile, link, unlink } from 'node:fs/promises';

/**
 * The last step of writing an image on a local disk: give the finished temporary file its final name only if
 * no file has that name, decided by the file system in one step. A check followed by rename(2) is not enough:
 * rename replaces whatever another window (another extension host) wrote between the check and the rename.
 */

/** Errors of file systems without hard links (FAT, some network shares): copy with O_EXCL instead. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Moves `tempPath` to `targetPath` unless `targetPath` exists. Returns `'exists'` (and leaves the temporary file
 * for the caller) when the name is taken, whoever took it.
 */
export async function moveIntoPlaceExclusive(tempPath: string, targetPath: string): Promise<'moved' | 'exists'> {
  try {
    // link(2) fails with EEXIST if the name exists, atomically; the file is whole before it has its name.
    await link(tempPath, targetPath);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') {
      return 'exists';
    }
    if (!NO_HARD_LINKS.has(codeOf(error) ?? '')) {
      throw error;
    }
    try {
      // Opens the target with O_EXCL: still never replaces a file, though a crash mid-copy leaves a cut file.
      await copyFile(tempPath, targetPath, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if (codeOf(copyError) === 'EEXIST') {
        return 'exists';
      }
      // O_EXCL succeeded, so the cut file under the final name is ours to remove.
      await unlink(targetPath).catch(() => undefined);
      throw copyError;
    }
  }
  await unlink(tempPath);
  return 'moved';
}
