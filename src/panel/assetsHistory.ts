import * as vscode from 'vscode';
import { readImageParameters } from '../commands/reuseSettings';
import { readSettings } from '../config/settings';
import type { MetadataRecord } from '../core/metadata/imageMetadata';
import { resolveAssetsFolder } from '../core/paths/assetsFolder';
import type { HistoryEntry } from './studioHistory';

/**
 * The history the images carry themselves: each workspace folder's assets folder is scanned for images with our
 * parameters inside (or in a sidecar), so a clone on another machine shows its generations. Files are read once
 * per size and modification time.
 */

/** Images looked at per scan, over all folders. */
export const SCAN_LIMIT = 500;
/** Larger files are not read: no generated image comes near this. */
export const SCAN_MAX_BYTES = 64 * 1024 * 1024;
const IMAGE = /\.(png|jpe?g|webp)$/i;

interface Seen {
  readonly mtime: number;
  readonly size: number;
  readonly entry: HistoryEntry | undefined;
}

export function entryOfRecord(uri: vscode.Uri, record: MetadataRecord): HistoryEntry {
  return {
    uri: uri.toString(),
    prompt: record.prompt,
    model: record.model,
    aspectRatio: record.aspectRatio,
    resolution: record.resolution,
    options: { ...record.options },
    ...(record.width === undefined ? {} : { width: record.width }),
    ...(record.height === undefined ? {} : { height: record.height }),
    texts: [...(record.texts ?? [])],
    createdAt: Date.parse(record.createdAt),
  };
}

/** The assets folder of each workspace folder, where the setting names one without document variables. */
function assetsFolders(): vscode.Uri[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const resolved = resolveAssetsFolder(readSettings(folder.uri).settings.assetsFolder, { workspaceFolder: folder.uri.path });
    return resolved.ok ? [folder.uri.with({ path: resolved.folder })] : [];
  });
}

async function imagesIn(folder: vscode.Uri): Promise<vscode.Uri[]> {
  try {
    const children = await vscode.workspace.fs.readDirectory(folder);
    return children.filter(([name, type]) => type === vscode.FileType.File && IMAGE.test(name)).map(([name]) => vscode.Uri.joinPath(folder, name));
  } catch {
    return [];
  }
}

export class AssetsHistory {
  private readonly seen = new Map<string, Seen>();

  /** The images of the assets folders that carry parameters, newest first. */
  async entries(): Promise<HistoryEntry[]> {
    const files = (await Promise.all(assetsFolders().map(imagesIn))).flat().slice(0, SCAN_LIMIT);
    const entries = await Promise.all(files.map((uri) => this.entryOf(uri)));
    return entries.filter((entry): entry is HistoryEntry => entry !== undefined).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** An entry found by an earlier scan. */
  cached(uri: string): HistoryEntry | undefined {
    return this.seen.get(uri)?.entry;
  }

  private async entryOf(uri: vscode.Uri): Promise<HistoryEntry | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const key = uri.toString();
      const known = this.seen.get(key);
      if (known && known.mtime === stat.mtime && known.size === stat.size) {
        return known.entry;
      }
      const record = stat.size <= SCAN_MAX_BYTES ? await readImageParameters(uri) : undefined;
      const entry = record && entryOfRecord(uri, record);
      this.seen.set(key, { mtime: stat.mtime, size: stat.size, entry });
      return entry;
    } catch {
      return undefined;
    }
  }
}
