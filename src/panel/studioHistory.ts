import * as vscode from 'vscode';
import type { SavedImage } from '../generation/generationJob';
import { fileExists } from '../storage/fileExists';
import { Disposable } from '../util/dispose';
import { ASSETS_PAGE, AssetsHistory } from './assetsHistory';
import { historyEntryOf, historyEntrySchema, type HistoryEntry } from './historyEntry';

export { historyEntryOf, type HistoryEntry };

/**
 * Every image generated in this workspace, newest first, kept in `workspaceState` so it survives a reload. Fed by
 * `ImageGenerator.onDidSaveImage`, so images from the Generate Image command appear too.
 */

const STATE_KEY = 'dmxapi.studio.history';
export const HISTORY_LIMIT = 200;

export class StudioHistory extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires after an entry was added or removed, and when files were deleted from the Explorer. */
  readonly onDidChange = this.changed.event;
  /** Writes one after another, so two images saved at once do not overwrite each other's entry. */
  private writes: Promise<void> = Promise.resolve();
  /** Images in the assets folders that carry their parameters, whether or not this workspace made them. */
  private readonly assets: AssetsHistory;

  /** `storage`: the workspace's storage folder, where what the assets folders hold is remembered across reloads; none: memory only. */
  constructor(
    private readonly state: vscode.Memento,
    onDidSaveImage: vscode.Event<SavedImage>,
    storage?: vscode.Uri,
  ) {
    super();
    this.assets = this._register(new AssetsHistory(storage));
    this._register(this.assets.onDidChange(() => this.changed.fire()));
    this._register(onDidSaveImage((image) => void this.add(historyEntryOf(image))));
    this._register(vscode.workspace.onDidDeleteFiles(() => this.changed.fire()));
  }

  /** The stored entries that still parse; one damaged entry does not hide the others. */
  entries(): HistoryEntry[] {
    const stored = this.state.get<unknown>(STATE_KEY);
    if (!Array.isArray(stored)) {
      return [];
    }
    return stored.flatMap((raw: unknown) => {
      const parsed = historyEntrySchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
  }

  find(uri: string): HistoryEntry | undefined {
    return this.entries().find((entry) => entry.uri === uri) ?? this.assets.cached(uri);
  }

  add(entry: HistoryEntry): Promise<void> {
    return this.write((entries) => [entry, ...entries.filter((e) => e.uri !== entry.uri)].slice(0, HISTORY_LIMIT));
  }

  remove(uri: string): Promise<void> {
    this.assets.forgetFile(uri);
    return this.write((entries) => entries.filter((e) => e.uri !== uri));
  }

  /**
   * The stored entries with whether their file is gone, checked now, and the images in the assets folders that
   * carry parameters and are not stored (another machine's generations), newest first. The assets folders are
   * looked at up to their newest `assetsLimit` files; `more` says whether files remain beyond them.
   */
  async withPresence(assetsLimit: number = ASSETS_PAGE): Promise<{ entries: (HistoryEntry & { missing: boolean })[]; more: boolean }> {
    const entries = this.entries();
    const [present, found] = await Promise.all([
      Promise.all(entries.map((entry) => fileExists(vscode.Uri.parse(entry.uri)).catch(() => false))),
      this.assets.entries(assetsLimit),
    ]);
    const stored = new Set(entries.map((entry) => entry.uri));
    const all = [
      ...entries.map((entry, i) => ({ ...entry, missing: !present[i] })),
      ...found.entries.filter((entry) => !stored.has(entry.uri)).map((entry) => ({ ...entry, missing: false })),
    ].sort((a, b) => b.createdAt - a.createdAt);
    return { entries: all, more: found.more };
  }

  private write(change: (entries: HistoryEntry[]) => HistoryEntry[]): Promise<void> {
    const next = this.writes.then(async () => {
      await this.state.update(STATE_KEY, change(this.entries()));
      if (!this.isDisposed) {
        this.changed.fire();
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }
}
