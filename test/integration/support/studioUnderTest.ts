import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../../src/auth/apiKeyStore';
import { BaseUrlTrust, type BaseUrlQuestion } from '../../../src/config/baseUrlTrust';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { EditService } from '../../../src/editing/editService';
import { ImageGenerator } from '../../../src/generation/imageGenerator';
import { GenerationRunner } from '../../../src/generation/generationRunner';
import { PromptImprover } from '../../../src/prompts/promptImprover';
import { EditorTracker } from '../../../src/panel/editorTracker';
import { StudioHistory } from '../../../src/panel/studioHistory';
import { StudioMessageHandler, type StudioServices } from '../../../src/panel/studioMessageHandler';
import type { GenerateRequest, HostMessage, StudioChoices, WebviewMessage } from '../../../src/shared/studioProtocol';
import { MemoryMemento, MemorySecretStorage, silentLogger } from './fakes';

/** The studio's host side wired as the panel wires it, posting into an array instead of a webview. */

export { MemoryMemento } from './fakes';
export { tinyPng } from '../../support/images';
export { waitFor } from '../../support/waitFor';

/** The fake server's URL is the user's own (useFakeDmxApi), so suites that do not test the question never see it. */
const unexpectedQuestion: BaseUrlQuestion = (host) => Promise.reject(new Error(`unexpected base URL question for ${host}`));

/** A handler wired like the panel's, posting into an array instead of a webview. */
export class StudioUnderTest implements vscode.Disposable {
  readonly messages: HostMessage[] = [];
  readonly handler: StudioMessageHandler;
  readonly history: StudioHistory;
  readonly generator: ImageGenerator;
  readonly runner: GenerationRunner;
  readonly baseUrlTrust: BaseUrlTrust;
  readonly services: StudioServices;
  private readonly disposables: vscode.Disposable[] = [];

  /** `askBaseUrl` answers the "send my key to this host?" question; by default, being asked fails the test. */
  /** `restored`: the handler of a panel VS Code restored after a reload (it takes the stored results and edit mode back). */
  constructor(readonly state: MemoryMemento, referenceFolder: vscode.Uri, askBaseUrl: BaseUrlQuestion = unexpectedQuestion, restored = false) {
    const keys = new ApiKeyStore(new MemorySecretStorage());
    // A second channel named like the extension's would share its log file and close it on dispose.
    const logger = silentLogger;
    const catalog = createCatalog();
    this.generator = new ImageGenerator({ catalog: () => catalog, logger, rescueFolder: vscode.Uri.joinPath(referenceFolder, '..', 'kept') });
    this.baseUrlTrust = new BaseUrlTrust(state, askBaseUrl);
    this.runner = new GenerationRunner(this.generator, keys, logger, this.baseUrlTrust);
    this.history = new StudioHistory(state, this.generator.onDidSaveImage);
    const tracker = new EditorTracker();
    const improver = new PromptImprover({ catalog: () => catalog, runner: this.runner, logger, globalState: new MemoryMemento() });
    const editing = new EditService({ catalog: () => catalog, runner: this.runner, generator: this.generator, logger });
    const services: StudioServices = { catalog: () => catalog, runner: this.runner, logger, history: this.history, tracker, workspaceState: state, referenceFolder, improver, editing };
    this.services = services;
    this.handler = new StudioMessageHandler(services, { post: (message) => this.messages.push(message), asWebviewUri: (uri) => uri }, undefined, restored);
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
