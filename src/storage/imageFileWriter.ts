import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { withCollisionSuffix } from '../core/paths/fileNames';

/**
 * Writes new image files through `workspace.fs` (so remote workspaces work): whole or not at all (a temporary
 * name, then a rename that refuses to overwrite), never over an existing file (`-1`, `-2`, … instead), and never
 * twice to one name when several generations finish at once.
 */

const MAX_ATTEMPTS = 1000;
/** Names handed out but maybe not yet on disk, per folder, across concurrent writes in this window. */
const reserved = new Set<string>();

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return false;
    }
    throw error;
  }
}

/** Writes `bytes` as a new file in `folder` named `fileName` or its first free `-N` variant; returns its URI. */
export async function writeNewImageFile(folder: vscode.Uri, fileName: string, bytes: Uint8Array): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(folder);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const candidate = withCollisionSuffix(fileName, attempt);
    const target = vscode.Uri.joinPath(folder, candidate);
    const key = target.toString();
    // Reserve before the first await, so a concurrent write cannot pick the same name meanwhile.
    if (reserved.has(key)) {
      continue;
    }
    reserved.add(key);
    try {
      if (await exists(target)) {
        continue;
      }
      const temp = vscode.Uri.joinPath(folder, `.${candidate}.${randomUUID()}.partial`);
      try {
        // A write that fails half-way (a full disk) leaves part of a file: it goes, whatever the step that failed.
        await vscode.workspace.fs.writeFile(temp, bytes);
        await vscode.workspace.fs.rename(temp, target, { overwrite: false });
      } catch (error) {
        await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
        if (error instanceof vscode.FileSystemError && error.code === 'FileExists') {
          continue;
        }
        throw error;
      }
      return target;
    } finally {
      reserved.delete(key);
    }
  }
  throw new Error(`no free file name for ${fileName} in ${folder.toString()}`);
}
