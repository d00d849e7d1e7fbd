import * as vscode from 'vscode';
import type { Logger } from '../../../src/logging';
import { waitFor } from '../../support/waitFor';
import { STUDIO_VIEW_TYPE } from '../../../src/panel/studioViewType';

/** Stand-ins for what VS Code hands an extension, for wiring parts of it by hand inside the extension host. */

/** `workspaceState`/`globalState` in memory. */
export class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
  }
}

/**
 * `context.secrets` in memory, empty unless given entries. It has every member newer `@types/vscode` add to
 * `SecretStorage` (`keys()`), so it compiles against them as well as against ours.
 */
export class MemorySecretStorage implements vscode.SecretStorage {
  private readonly values: Map<string, string>;
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  constructor(entries: Readonly<Record<string, string>> = {}) {
    this.values = new Map(Object.entries(entries));
  }
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    if (this.values.delete(key)) this.changed.fire({ key });
  }
}

/** A logger that writes nothing: not a second output channel, which would share the extension's log file. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };

/** The Image Studio's tabs in every editor group. */
export function studioTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(STUDIO_VIEW_TYPE));
}

/**
 * Resolves once every editor the extension host asked for before the call has reached the tab model: the
 * workbench handles the host's requests in order, so when a document opened now has its tab, an earlier panel
 * would have had its tab too. Lets a test check that something did *not* open without waiting for a time.
 */
export async function tabsSettled(): Promise<void> {
  const marker = await vscode.workspace.openTextDocument({ content: '', language: 'plaintext' });
  await vscode.window.showTextDocument(marker, { preview: false, preserveFocus: true });
  const opened = () =>
    vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === marker.uri.toString()));
  while (!opened()) {
    await new Promise<void>((resolve) => {
      const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
        listener.dispose();
        resolve();
      });
    });
  }
}

/**
 * Dismisses the quick input a running command shows (an input box asking for a prompt or a key), retrying the
 * dismissal until the command has finished: the box may not be on screen yet when the first Escape is sent.
 */
export async function dismissQuickInput<T>(running: Promise<T>): Promise<T> {
  let settled = false;
  running.then(
    () => (settled = true),
    () => (settled = true),
  );
  await waitFor(async () => settled || void (await vscode.commands.executeCommand('workbench.action.closeQuickOpen')), 'the command to end once its input box is dismissed', 30_000);
  return running;
}
