import * as vscode from 'vscode';
import * as z from '../shared/zod';
import type { SavedImage } from '../generation/imageGenerator';
import { Disposable } from '../util/dispose';
import { AssetsHistory } from './assetsHistory';

/**
 * Every image generated in this workspace, newest first, kept in `workspaceState` so it survives a reload. Fed by
 * `ImageGenerator.onDidSaveImage`, so images from the Generate Image command appear too.
 */

const STATE_KEY = 'dmxapi.studio.history';
export const HISTORY_LIMIT = 200;

const historyEntrySchema = z.object({
  uri: z.string(),
  prompt: z.string(),
  model: z.string(),
  aspectRatio: z.string(),
  resolution: z.string(),
  options: z.record(z.string(), z.union([z.string(), z.number()])),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  texts: z.array(z.string()),
  createdAt: z.number(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export function historyEntryOf(image: SavedImage): HistoryEntry {
  return {
    uri: image.uri.toString(),
    prompt: image.job.prompt,
    model: image.job.model,
    aspectRatio: image.job.aspectRatio,
    resolution: image.job.resolution,
    options: { ...image.job.options },
    ...(image.width === undefined ? {} : { width: image.width }),
    ...(image.height === undefined ? {} : { height: image.height }),
    texts: [...image.texts],
    createdAt: image.createdAt,
  };
}

async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export class StudioHistory extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires after an entry was added or removed, and when files were deleted from the Explorer. */
  readonly onDidChange = this.changed.event;
  /** Writes one after another, so two images saved at once do not overwrite each other's entry. */
  private writes: Promise<void> = Promise.resolve();
  /** Images in the assets folders that carry their parameters, whether or not this workspace made them. */
  private readonly assets = new AssetsHistory();

  constructor(
    private readonly state: vscode.Memento,
    onDidSaveImage: vscode.Event<SavedImage>,
  ) {
    super();
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
    return this.write((entries) => entries.filter((e) => e.uri !== uri));
  }

  /**
   * The stored entries with whether their file is gone, checked now, and the images in the assets folders that
   * carry parameters and are not stored (another machine's generations), newest first.
   */
  async withPresence(): Promise<(HistoryEntry & { missing: boolean })[]> {
    const entries = this.entries();
    const [present, found] = await Promise.all([
      Promise.all(entries.map((entry) => fileExists(vscode.Uri.parse(entry.uri)))),
      this.assets.entries(),
    ]);
    const stored = new Set(entries.map((entry) => entry.uri));
    return [
      ...entries.map((entry, i) => ({ ...entry, missing: !present[i] })),
      ...found.filter((entry) => !stored.has(entry.uri)).map((entry) => ({ ...entry, missing: false })),
    ].sort((a, b) => b.createdAt - a.createdAt);
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
