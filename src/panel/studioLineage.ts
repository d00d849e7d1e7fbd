import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseVersion } from '../core/paths/versionNames';
import { readStoredImage } from '../editing/storedImages';
import type { VersionView } from '../shared/studioProtocol';

/**
 * The lineage of an image as the strip shows it: the file, its parent, the parent's parent…, read from the
 * records the versions carry (inside the file, or in its sidecar), so it is there after a reload or a clone.
 */

/** A chain longer than this is a record naming itself (a copied file), not a history. */
const MAX_VERSIONS = 200;

export interface LineageLink {
  readonly uri: vscode.Uri;
  readonly instruction: string;
  readonly missing: boolean;
}

/** The versions from the original to `uri`, oldest first; a parent that is gone ends the chain, marked missing. */
export async function lineageOf(uri: vscode.Uri): Promise<LineageLink[]> {
  const chain: LineageLink[] = [];
  const seen = new Set<string>();
  let current: vscode.Uri | undefined = uri;
  while (current && chain.length < MAX_VERSIONS && !seen.has(current.toString())) {
    seen.add(current.toString());
    const stored = await readStoredImage(current);
    const record = stored?.record;
    chain.unshift({ uri: current, instruction: record?.parent ? (record.instruction ?? record.prompt) : '', missing: !stored });
    const parent: string | undefined = record?.parent?.name;
    current = parent ? current.with({ path: path.posix.join(path.posix.dirname(current.path), parent) }) : undefined;
  }
  return chain;
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
