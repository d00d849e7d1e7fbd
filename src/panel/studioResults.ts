import type * as vscode from 'vscode';

const STATE_KEY = 'dmxapi.studio.results';

/**
 * The results column of the one studio panel, newest first, kept in `workspaceState` as well as in the page's own
 * state: the web workbench can drop a webview's state written just before a reload, while the extension's
 * workspace state is stored as soon as it changes. A panel opened afresh starts empty; a panel VS Code restores
 * takes the stored list back.
 */
export class StudioResults {
  private uris: string[];

  constructor(
    private readonly state: vscode.Memento,
    restored: boolean,
  ) {
    const stored = state.get<unknown>(STATE_KEY);
    this.uris = restored && Array.isArray(stored) ? stored.filter((uri): uri is string => typeof uri === 'string') : [];
    if (!restored) {
      void this.save();
    }
  }

  get list(): readonly string[] {
    return this.uris;
  }

  set(uris: readonly string[]): void {
    this.uris = [...uris];
    void this.save();
  }

  add(uri: string): void {
    this.set([uri, ...this.uris.filter((u) => u !== uri)]);
  }

  remove(uri: string): void {
    this.set(this.uris.filter((u) => u !== uri));
  }

  private save(): Thenable<void> {
    return this.state.update(STATE_KEY, this.uris);
  }
}
