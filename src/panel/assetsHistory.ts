import * as path from 'node:path';
import * as vscode from 'vscode';
import { AssetsIndex } from '../core/history/assetsIndex';
import { imageParametersOf } from '../core/imageParameters';
import type { MetadataRecord } from '../core/metadata/imageMetadata';
import { Disposable } from '../util/dispose';
import { isImageFileName } from '../core/history/localImageFiles';
import { assetsFolderSource } from './assetsFolderSources';
import type { HistoryEntry } from './historyEntry';
import { assetsRoots } from './workspaceFiles';

/**
 * The history the images carry themselves: each workspace folder's assets folder is scanned for images with our
 * parameters inside (or in a sidecar), so a clone on another machine shows its generations. Only the bytes that
 * hold the parameters are read, newest files first, a page at a time as the user scrolls; what was read is kept
 * by size and modification time in the workspace's storage, so after a reload an unchanged folder costs a
 * listing. The folders are watched, so opening the studio again lists nothing until a file changes.
 */

/** Image files looked at for the first page; each `more` adds as many. */
export const ASSETS_PAGE = 100;
const INDEX_FILE = 'assets-history-index.json';

export interface AssetsEntries {
  readonly entries: HistoryEntry[];
  /** More image files wait beyond this page. */
  readonly more: boolean;
}

/** A converter, not a copy: the record's time is an ISO string, its parent a digest named relative to the image. */
export function entryOfRecord(uri: string, record: MetadataRecord): HistoryEntry {
  return {
    uri,
    ...imageParametersOf(record),
    ...(record.width === undefined ? {} : { width: record.width }),
    ...(record.height === undefined ? {} : { height: record.height }),
    texts: [...(record.texts ?? [])],
    createdAt: Date.parse(record.createdAt),
    ...(record.parent ? { parent: parentUriOf(uri, record.parent.name) } : {}),
  };
}

/** The parent a record names relative to its image's folder, as a URI string. */
function parentUriOf(uri: string, relativeName: string): string {
  const image = vscode.Uri.parse(uri);
  return image.with({ path: path.posix.join(path.posix.dirname(image.path), relativeName) }).toString();
}

export class AssetsHistory extends Disposable {
  private readonly index = new AssetsIndex(assetsFolderSource());
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when an image file in an assets folder was added, changed or deleted. */
  readonly onDidChange = this.changed.event;
  private restored: Promise<void> | undefined;
  private watchers: vscode.Disposable[] = [];
  private watched = '';
  private saving: Promise<void> = Promise.resolve();

  /** `storage`: the workspace's storage folder, where what was read survives a reload; none: memory only. */
  constructor(private readonly storage: vscode.Uri | undefined) {
    super();
    this._register({ dispose: () => this.watchers.forEach((watcher) => watcher.dispose()) });
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('dmxapi.assetsFolder')) {
          this.index.invalidate();
          this.changed.fire();
        }
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.index.invalidate()));
  }

  /** The images of the newest `limit` files of the assets folders that carry parameters, newest first. */
  async entries(limit: number = ASSETS_PAGE): Promise<AssetsEntries> {
    await (this.restored ??= this.restore());
    const folders = assetsRoots();
    this.watch(folders);
    const page = await this.index.page(
      folders.map((folder) => folder.toString()),
      limit,
    );
    if (this.index.needsSave) {
      this.save();
    }
    const entries = page.records.map(({ key, record }) => entryOfRecord(key, record)).sort((a, b) => b.createdAt - a.createdAt);
    return { entries, more: page.more };
  }

  /**
   * The studio deleted this file: its folder is listed again next time, so the image does not come back from an
   * earlier listing before the watcher reports the deletion.
   */
  forgetFile(uri: string): void {
    const file = vscode.Uri.parse(uri);
    this.index.invalidate(file.with({ path: path.posix.dirname(file.path) }).toString());
  }

  /** An entry found by an earlier scan. */
  cached(uri: string): HistoryEntry | undefined {
    const record = this.index.cached(uri);
    return record && entryOfRecord(uri, record);
  }

  /** One watcher per assets folder, renewed when the folders change; an event drops that folder's listing. */
  private watch(folders: readonly vscode.Uri[]): void {
    const key = folders.map((folder) => folder.toString()).join('\n');
    if (key === this.watched || this.isDisposed) {
      return;
    }
    this.watchers.forEach((watcher) => watcher.dispose());
    this.watched = key;
    this.watchers = folders.map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*'));
      const onEvent = (uri: vscode.Uri): void => {
        if (isImageFileName(uri.path) || uri.path.endsWith('.json')) {
          this.index.invalidate(folder.toString());
          this.changed.fire();
        }
      };
      watcher.onDidCreate(onEvent);
      watcher.onDidChange(onEvent);
      watcher.onDidDelete(onEvent);
      return watcher;
    });
  }

  private async restore(): Promise<void> {
    if (!this.storage) {
      return;
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.storage, INDEX_FILE)));
      this.index.restore(JSON.parse(text));
    } catch {
      // No index yet, or a damaged one: the files are read again.
    }
  }

  /** Writes the index after the current write, so two pages read at once do not interleave their files. */
  private save(): void {
    const storage = this.storage;
    if (!storage) {
      return;
    }
    const text = JSON.stringify(this.index.toJSON());
    this.saving = this.saving
      .then(async () => {
        await vscode.workspace.fs.createDirectory(storage);
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(storage, INDEX_FILE), new TextEncoder().encode(text));
      })
      .catch(() => undefined); // the index is a cache: a failed write costs a re-read after the next reload
  }
}
