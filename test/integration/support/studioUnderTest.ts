import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../../src/auth/apiKeyStore';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { ImageGenerator } from '../../../src/generation/imageGenerator';
import { GenerationRunner } from '../../../src/generation/runner';
import type { Logger } from '../../../src/logging';
import { PromptImprover } from '../../../src/prompts/promptImprover';
import { EditorTracker } from '../../../src/panel/editorTracker';
import { StudioHistory } from '../../../src/panel/studioHistory';
import { StudioMessageHandler, type StudioServices } from '../../../src/panel/studioMessageHandler';
import type { GenerateRequest, HostMessage, StudioChoices, WebviewMessage } from '../../../src/shared/studioProtocol';
import { encodePng, rowBytes } from '../../fake-dmxapi/png';

/** The studio's host side wired as the panel wires it, posting into an array instead of a webview. */

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

export class NoSecrets implements vscode.SecretStorage {
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  async get(): Promise<string | undefined> {
    return undefined;
  }
  async store(): Promise<void> {}
  async delete(): Promise<void> {}
}

/** A grey square; filter byte 0 then grey pixels on each scanline. */
export function tinyPng(size = 8): Buffer {
  const stride = rowBytes(size);
  const raw = new Uint8Array(stride * size).fill(0x80);
  for (let y = 0; y < size; y++) {
    raw[y * stride] = 0;
  }
  return encodePng(size, size, raw, 6);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A handler wired like the panel's, posting into an array instead of a webview. */
export class StudioUnderTest implements vscode.Disposable {
  readonly messages: HostMessage[] = [];
  readonly handler: StudioMessageHandler;
  readonly history: StudioHistory;
  readonly generator: ImageGenerator;
  readonly runner: GenerationRunner;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly state: MemoryMemento, referenceFolder: vscode.Uri) {
    const keys = new ApiKeyStore(new NoSecrets());
    // A second channel named like the extension's would share its log file and close it on dispose.
    const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
    const catalog = createCatalog();
    this.generator = new ImageGenerator({ catalog: () => catalog, keys, logger, rescueFolder: vscode.Uri.joinPath(referenceFolder, '..', 'kept') });
    this.runner = new GenerationRunner(this.generator, keys, logger);
    this.history = new StudioHistory(state, this.generator.onDidSaveImage);
    const tracker = new EditorTracker();
    const improver = new PromptImprover({ catalog: () => catalog, runner: this.runner, logger, globalState: new MemoryMemento() });
    const services: StudioServices = { catalog: () => catalog, runner: this.runner, logger, history: this.history, tracker, workspaceState: state, referenceFolder, improver };
    this.handler = new StudioMessageHandler(services, { post: (message) => this.messages.push(message), asWebviewUri: (uri) => uri });
    this.disposables.push(this.handler, tracker, this.history, this.generator);
  }

  send(message: WebviewMessage): Promise<void> {
    return this.handler.receive(message);
  }

  of<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type);
  }

  last<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> {
    const found = this.of(type).pop();
    assert.ok(found, `no ${type} message among ${this.messages.map((m) => m.type).join(', ')}`);
    return found;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

export const choices = (partial: Partial<StudioChoices>): StudioChoices => ({
  model: 'gemini-3.1-flash-image-preview',
  aspectRatio: '1:1',
  resolution: '1K',
  count: 1,
  options: {},
  ...partial,
});

export const request = (prompt: string, partial: Partial<StudioChoices>, referenceIds: string[] = []): GenerateRequest => ({
  prompt,
  choices: choices(partial),
  referenceIds,
});
