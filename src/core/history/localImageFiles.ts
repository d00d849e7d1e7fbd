import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readHeadMetadata, type HeadRead } from './headMetadata';
import { mapLimited } from './mapLimited';

/**
 * Image files on a local disk, through Node: the listing with sizes and times, and ranged reads of one file's
 * head. The extension uses these for `file:` URIs and the benchmark measures the same code.
 */

const IMAGE = /\.(png|jpe?g|webp)$/i;
const STATS_AT_ONCE = 32;
/** Head reads are small; this many keep the disk busy without flooding libuv's thread pool (4 threads). */
export const LOCAL_HEAD_READS_AT_ONCE = 8;

export const isImageFileName = (name: string): boolean => IMAGE.test(name);

export interface LocalImageFile {
  readonly name: string;
  readonly size: number;
  readonly mtime: number;
}

/** The image files directly in `folder`; one deleted between the listing and its stat is left out. */
export async function listLocalImages(folder: string): Promise<LocalImageFile[]> {
  const names = (await fs.readdir(folder, { withFileTypes: true })).filter((entry) => entry.isFile() && isImageFileName(entry.name));
  const stats = await mapLimited(names, STATS_AT_ONCE, async ({ name }) => {
    try {
      const stat = await fs.stat(path.join(folder, name));
      return [{ name, size: stat.size, mtime: stat.mtimeMs }];
    } catch {
      return [];
    }
  });
  return stats.flat();
}

/** The record inside a local image, reading its head (and a WebP's chunk table) through one file handle. */
export async function readLocalHead(file: string, size: number): Promise<HeadRead> {
  const handle = await fs.open(file, 'r');
  try {
    return await readHeadMetadata({
      size,
      read: async (offset, length) => {
        const buffer = Buffer.allocUnsafe(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}
