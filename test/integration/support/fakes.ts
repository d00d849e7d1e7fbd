import * as vscode from 'vscode';
import type { Logger } from '../../../src/logging';

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
