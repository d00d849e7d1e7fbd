import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReadStoredImage } from '../core/editing/lineageFiles';
import type { StoredImage } from '../core/editing/rebuildConversation';
import { parseSidecar, readMetadata, sidecarFileName } from '../core/metadata/imageMetadata';

/**
 * Image files as the editing core needs them: bytes and record, the record from inside the file or from its
 * sidecar (a format without room for it). Read through `workspace.fs`, so remote workspaces work; only from disk,
 * so a refine after a reload or a clone finds what a refine right after the edit finds.
 */

async function readOrUndefined(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  return Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
}

/** The file and its record; undefined when it cannot be read (gone, a folder). */
export async function readStoredImage(uri: vscode.Uri): Promise<StoredImage | undefined> {
  const bytes = await readOrUndefined(uri);
  if (!bytes) {
    return undefined;
  }
  const embedded = readMetadata(bytes);
  if (embedded) {
    return { bytes, record: embedded };
  }
  const sidecar = await readOrUndefined(vscode.Uri.joinPath(uri, '..', sidecarFileName(path.posix.basename(uri.path))));
  const record = sidecar && parseSidecar(new TextDecoder().decode(sidecar));
  return record ? { bytes, record } : { bytes };
}

/** Reads files by their path relative to `folder`, as records name them. */
export function storedImagesIn(folder: vscode.Uri): ReadStoredImage {
  return (relativePath) => readStoredImage(vscode.Uri.joinPath(folder, relativePath));
}

/** The folder a file is in. */
export function folderOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: path.posix.dirname(uri.path) });
}

export function fileNameOf(uri: vscode.Uri): string {
  return path.posix.basename(uri.path);
}
