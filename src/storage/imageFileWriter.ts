import * as vscode from 'vscode';
import { withCollisionSuffix } from '../core/paths/fileNames';
import { moveIntoPlaceExclusive } from './exclusiveMove';
import { fileExists } from './fileExists';
import { partialFileName, stalePartialFiles, type FolderEntry } from './partialFiles';

/**
 * Writes new image files through `workspace.fs` (so remote workspaces work): whole or not at all (a temporary
 * name, then a final step that refuses to overwrite), never over an existing file (`-1`, `-2`, … instead), and
 * never twice to one name, neither from concurrent generations in this window nor from another window.
 */

const MAX_ATTEMPTS = 1000;

/**
 * Gives the temporary file its final name unless that name exists. On a local disk the file system decides in
 * one step (another window may have taken the name since our check). Other file systems (remote, virtual) only
 * offer VS Code's rename without overwrite, which their provider checks before renaming: the best available.
 */
async function moveIntoPlace(temp: vscode.Uri, target: vscode.Uri): Promise<'moved' | 'exists'> {
  if (temp.scheme === 'file') {
    return moveIntoPlaceExclusive(temp.fsPath, target.fsPath);
  }
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: false });
    return 'moved';
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileExists') {
      return 'exists';
    }
    throw error;
  }
}

/** Deletes our partial files older than an hour in `folder` (left by a crash). */
async function sweepStalePartials(folder: vscode.Uri): Promise<void> {
  try {
    const entries: FolderEntry[] = [];
    for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
      if (type === vscode.FileType.File && name.endsWith('.partial')) {
        const { mtime } = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
        entries.push({ name, isFile: true, mtime });
      }
    }
    for (const name of stalePartialFiles(entries, Date.now())) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name), { useTrash: false });
    }
  } catch {
    // Tidying up is a courtesy: it never stands in the way of saving an image.
  }
}

/**
 * Hands out file names and writes the files. One instance serves every write of the extension, so the names it
 * has handed out (but maybe not yet written) are kept here, as VS Code's Markdown paste keeps its used paths.
 */
export class ImageFileWriter {
  /** Names handed out but maybe not yet on disk, across concurrent writes in this window (saves a failed attempt). */
  private readonly reserved = new Set<string>();
  /** Folders already swept of stale partial files. */
  private readonly swept = new Set<string>();

  /** Writes `bytes` as a new file in `folder` named `fileName` or its first free `-N` variant; returns its URI. */
  write(folder: vscode.Uri, fileName: string, bytes: Uint8Array): Promise<vscode.Uri> {
    return this.writeNamed(folder, (attempt) => withCollisionSuffix(fileName, attempt), bytes);
  }

  /**
   * Writes `bytes` as a new file in `folder` under the first name `nameFor(attempt)` gives (attempt 0, 1, …) that
   * is free: versions name themselves `cat-v3.png` when `cat-v2.png` is taken, not `cat-v2-1.png`.
   */
  async writeNamed(folder: vscode.Uri, nameFor: (attempt: number) => string, bytes: Uint8Array): Promise<vscode.Uri> {
    await vscode.workspace.fs.createDirectory(folder);
    if (!this.swept.has(folder.toString())) {
      this.swept.add(folder.toString());
      await sweepStalePartials(folder);
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const candidate = nameFor(attempt);
      const target = vscode.Uri.joinPath(folder, candidate);
      const key = target.toString();
      // Reserve before the first await, so a concurrent write cannot pick the same name meanwhile.
      if (this.reserved.has(key)) {
        continue;
      }
      this.reserved.add(key);
      try {
        if (await fileExists(target)) {
          continue;
        }
        const temp = vscode.Uri.joinPath(folder, partialFileName());
        let moved = false;
        try {
          await vscode.workspace.fs.writeFile(temp, bytes);
          moved = (await moveIntoPlace(temp, target)) === 'moved';
        } finally {
          // A write that fails half-way (a full disk) leaves part of a file, and a taken name leaves all of it.
          if (!moved) {
            await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
          }
        }
        if (moved) {
          return target;
        }
      } finally {
        this.reserved.delete(key);
      }
    }
    throw new Error(`no free file name for ${nameFor(0)} in ${folder.toString()}`);
  }
}
