import * as path from 'node:path';
import * as vscode from 'vscode';
import { lineageAround } from '../core/editing/versionLineage';
import { parseVersion } from '../core/paths/versionNames';
import { fileNameOf, folderOf, storedImagesIn } from '../editing/storedImages';
import type { VersionView } from '../shared/studioProtocol';

/**
 * The lineage of an image as the strip shows it: its ancestors, the image and the versions made from it that are
 * beside it, read from the records the versions carry (inside the file, or in its sidecar), so it is there after
 * a reload or a clone.
 */

export interface LineageLink {
  readonly uri: vscode.Uri;
  readonly instruction: string;
  readonly missing: boolean;
}

/** The versions `uri` belongs to, oldest first; a parent that is gone ends the walk up, marked missing. */
export async function lineageOf(uri: vscode.Uri): Promise<LineageLink[]> {
  const folder = folderOf(uri);
  const siblings = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).then(
    (entries) => entries.flatMap(([name, type]) => (type & vscode.FileType.File ? [name] : [])),
    () => [],
  );
  const lineage = await lineageAround(fileNameOf(uri), siblings, storedImagesIn(folder));
  return lineage.map((entry) => ({ uri: vscode.Uri.joinPath(folder, entry.name), instruction: entry.instruction, missing: entry.missing }));
}

/** `cat-v3.png` → "v3"; the original → "v1". */
export function versionLabel(uri: vscode.Uri): string {
  return `v${parseVersion(path.posix.basename(uri.path)).version}`;
}

/** Which of the versions `text` (a document) links: the newest whose file name it names as a path's last part. */
export function versionInUse(text: string, versions: readonly VersionView[]): string | undefined {
  const linked = versions.filter((version) => {
    const name = path.posix.basename(vscode.Uri.parse(version.uri).path);
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[/(<"'\\s])${escaped}($|[)>"'\\s#?])`, 'm').test(text) || text.includes(encodeURI(name) + ')');
  });
  return linked.at(-1)?.uri;
}
