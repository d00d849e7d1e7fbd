import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { isInside, workspaceAssetsFolder } from '../core/paths/assetsFolder';

/**
 * Which files the studio may touch and show. A URI from the webview is only a request: it is parsed, refused if
 * it has `..` segments or backslashes, and must fall inside a workspace folder (or the studio's storage) on the same scheme
 * and authority.
 */

/** True when `uri` is `root` or inside it, on the same file system. */
export function isUnder(root: vscode.Uri, uri: vscode.Uri): boolean {
  return root.scheme === uri.scheme && root.authority === uri.authority && isInside(root.path, uri.path);
}

/** The URI a webview message names, if it lies inside one of `roots`; undefined for anything else. */
export function confineUri(raw: string, roots: readonly vscode.Uri[]): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(raw, true);
  } catch {
    return undefined;
  }
  // A backslash is a name character here but a separator on Windows: `%5C..%5C` would climb out there.
  if (uri.path.includes('\\') || uri.path.split('/').includes('..') || !path.posix.isAbsolute(uri.path)) {
    return undefined;
  }
  const normalized = uri.with({ path: path.posix.normalize(uri.path), query: '', fragment: '' });
  return roots.some((root) => isUnder(root, normalized)) ? normalized : undefined;
}

export function workspaceRoots(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
}

/**
 * The assets folder of each workspace folder (see `workspaceAssetsFolder`): the studio's history scans these and
 * its previews load from them; `imageFolders` covers images elsewhere.
 */
export function assetsRoots(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const assets = workspaceAssetsFolder(readSettings(folder.uri).settings.assetsFolder, folder.uri.path);
    return assets === undefined ? [] : [folder.uri.with({ path: assets })];
  });
}

/** The folders holding these images (history entries), once each: the page may show images from there. */
export function imageFolders(uris: readonly string[]): vscode.Uri[] {
  const folders = new Map<string, vscode.Uri>();
  for (const raw of uris) {
    const uri = vscode.Uri.parse(raw);
    const folder = uri.with({ path: path.posix.dirname(uri.path) });
    folders.set(folder.toString(), folder);
  }
  return [...folders.values()];
}
