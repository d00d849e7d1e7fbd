import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar, readMetadata, sidecarFileName, type MetadataRecord } from '../core/metadata/imageMetadata';
import { parseVersion } from '../core/paths/versionNames';
import type { VersionView } from '../shared/studioProtocol';

/**
 * The lineage of an image as the strip shows it: the file, its parent, the parent's parent…, read from the
 * records the versions carry (inside the file, or in its sidecar), so it is there after a reload or a clone.
 */

/** A chain longer than this is a record naming itself (a copied file), not a history. */
const MAX_VERSIONS = 200;

async function readOrUndefined(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  return Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
}

/** The record of an image file, from inside it or from its sidecar; undefined when it has none or is gone. */
export async function recordOf(uri: vscode.Uri): Promise<{ exists: boolean; record?: MetadataRecord }> {
  const bytes = await readOrUndefined(uri);
  if (!bytes) {
    return { exists: false };
  }
  const embedded = readMetadata(bytes);
  if (embedded) {
    return { exists: true, record: embedded };
  }
  const sidecar = await readOrUndefined(vscode.Uri.joinPath(uri, '..', sidecarFileName(path.posix.basename(uri.path))));
  const record = sidecar && parseSidecar(new TextDecoder().decode(sidecar));
  return record ? { exists: true, record } : { exists: true };
}

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
    const { exists, record } = await recordOf(current);
    chain.unshift({ uri: current, instruction: record?.parent ? (record.instruction ?? record.prompt) : '', missing: !exists });
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
