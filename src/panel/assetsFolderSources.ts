import * as vscode from 'vscode';
import type { ImageFileStat, ImageFolderSource } from '../core/history/assetsIndex';
import type { HeadRead } from '../core/history/headMetadata';
import { isImageFileName, listLocalImages, LOCAL_HEAD_READS_AT_ONCE, readLocalHead } from '../core/history/localImageFiles';
import { limiter, mapLimited } from '../core/history/mapLimited';
import { readImageParameters, readSidecarParameters } from '../storage/imageParameters';

/**
 * How the history reads the assets folders. `workspace.fs` has no ranged read, so for `file:` URIs Node's file
 * handles read the head of each image. That holds in a remote window too: the extension runs in the remote's
 * extension host, beside the files, where `file:` URIs are its local paths. Other schemes (virtual workspaces)
 * only offer whole reads through `workspace.fs`: those run two at a time and skip files over `WHOLE_READ_MAX_BYTES`.
 */

const STATS_AT_ONCE = 32;
/** Whole reads hold a full image each: two at a time bound the memory to two images. */
const WHOLE_READS_AT_ONCE = 2;
/** Larger files are not read whole: no generated image comes near this. */
export const WHOLE_READ_MAX_BYTES = 64 * 1024 * 1024;

/** Reads through Node for `file:` URIs and through `workspace.fs` for the rest, each with its own limits. */
export function assetsFolderSource(): ImageFolderSource {
  const wholeReads = limiter(WHOLE_READS_AT_ONCE);
  return {
    concurrency: LOCAL_HEAD_READS_AT_ONCE,
    list: (folder) => {
      const uri = vscode.Uri.parse(folder);
      return uri.scheme === 'file' ? listLocal(uri) : listWorkspaceFs(uri);
    },
    readRecord: (file) => {
      const uri = vscode.Uri.parse(file.key);
      return uri.scheme === 'file' ? readLocal(uri, file.size) : wholeReads(() => readWhole(uri, file.size));
    },
  };
}

async function listLocal(folder: vscode.Uri): Promise<ImageFileStat[]> {
  const files = await listLocalImages(folder.fsPath);
  return files.map(({ name, size, mtime }) => ({ key: vscode.Uri.joinPath(folder, name).toString(), size, mtime }));
}

async function listWorkspaceFs(folder: vscode.Uri): Promise<ImageFileStat[]> {
  const children = await vscode.workspace.fs.readDirectory(folder);
  const files = children.filter(([name, type]) => type === vscode.FileType.File && isImageFileName(name));
  const stats = await mapLimited(files, STATS_AT_ONCE, async ([name]) => {
    const uri = vscode.Uri.joinPath(folder, name);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return [{ key: uri.toString(), size: stat.size, mtime: stat.mtime }];
    } catch {
      return [];
    }
  });
  return stats.flat();
}

async function readLocal(uri: vscode.Uri, size: number): Promise<HeadRead> {
  const read = await readLocalHead(uri.fsPath, size);
  return read.record ? read : { ...read, record: await readSidecarParameters(uri) };
}

async function readWhole(uri: vscode.Uri, size: number): Promise<HeadRead> {
  return size > WHOLE_READ_MAX_BYTES ? { record: undefined, bytesRead: 0 } : { record: await readImageParameters(uri), bytesRead: size };
}
