import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFakeDmxApi, type FakeDmxApi, type FakeOptions } from '../../fake-dmxapi/server';
import type { DmxApiImageStudioApi } from '../../../src/extension';
import type { GenerateOutcome } from '../../../src/commands/generateImage';
import { waitFor } from '../../support/waitFor';

/** Helpers the integration suites share: the extension, a fake DMXAPI, settings, documents, PNG headers. */

export const EXTENSION_ID = 'dmxapi-image-studio.dmxapi-image-studio';
export const TEST_KEY = 'sk-integration-test-key-0123456789';

export async function activateExtension(): Promise<DmxApiImageStudioApi> {
  const extension = vscode.extensions.getExtension<DmxApiImageStudioApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/**
 * Registers the hooks every suite against the fake DMXAPI needs: start it and point the extension at it before
 * the suite, reset it, the settings and the key before each test, stop it after the suite. The returned object
 * stands for the server of the running suite.
 */
export function useFakeDmxApi(options?: FakeOptions): FakeDmxApi {
  let server: FakeDmxApi | undefined;
  const current = (): FakeDmxApi => {
    assert.ok(server, 'the fake DMXAPI starts in suiteSetup');
    return server;
  };
  suiteSetup(async () => {
    await activateExtension();
    server = await startFakeForSuite(options);
  });
  suiteTeardown(async () => {
    await resetSettings();
    await server?.close();
  });
  setup(async () => {
    current().reset();
    await resetSettings();
    await useBaseUrl(current().url);
    process.env.DMXAPI_API_KEY = TEST_KEY;
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    setFault: (fault) => current().setFault(fault),
    get chat() {
      return current().chat;
    },
    get maxInFlight() {
      return current().maxInFlight;
    },
    holdAnswers: () => current().holdAnswers(),
    setDelay: (ms) => current().setDelay(ms),
    setSizeReduction: (divisor) => current().setSizeReduction(divisor),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}

/** Starts the fake server and points `dmxapi.baseUrl` at it, with the key in the environment. */
export async function startFakeForSuite(options: FakeOptions = { sizeReduction: 16 }): Promise<FakeDmxApi> {
  const fake = await startFakeDmxApi(options);
  process.env.DMXAPI_API_KEY = TEST_KEY;
  await useBaseUrl(fake.url);
  return fake;
}

/**
 * Points the extension at `url` as the user would: in the user settings, where no confirmation is asked. A base
 * URL in the workspace settings must be confirmed once (see baseUrlTrust.test.ts), which a suite cannot click.
 */
export async function useBaseUrl(url: string): Promise<void> {
  await setSetting('baseUrl', undefined);
  await setSetting('baseUrl', url, vscode.ConfigurationTarget.Global);
}

export async function setSetting(key: string, value: unknown, target = vscode.ConfigurationTarget.Workspace): Promise<void> {
  await vscode.workspace.getConfiguration('dmxapi').update(key, value, target);
}

const TOUCHED = ['model', 'aspectRatio', 'resolution', 'assetsFolder', 'requestTimeoutSeconds', 'maxRetries', 'modelOptions', 'embedMetadata'];

/** Puts every setting a test may change back to its default (baseUrl stays on the fake server). */
export async function resetSettings(): Promise<void> {
  for (const key of TOUCHED) {
    await setSetting(key, undefined);
  }
  // A test may set a workspace base URL (a malformed one, one with /v1): the user's points at the fake server.
  await setSetting('baseUrl', undefined);
  // Application-scoped: it can live in the user settings only.
  await setSetting('customModels', undefined, vscode.ConfigurationTarget.Global);
}

export function workspaceFolder(index = 0): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[index];
  assert.ok(folder, `workspace folder ${index} is not open`);
  return folder.uri;
}

/** Opens a Markdown file, appends a prompt line and selects it. */
export async function selectPromptIn(uri: vscode.Uri, prompt: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const line = document.lineCount;
  await editor.edit((edit) => edit.insert(document.lineAt(document.lineCount - 1).range.end, `\n${prompt}`));
  const target = document.lineAt(Math.min(line, document.lineCount - 1));
  editor.selection = new vscode.Selection(target.range.start, target.range.end);
  assert.equal(document.getText(editor.selection), prompt);
  return editor;
}

export async function generate(args?: { prompt?: string }): Promise<GenerateOutcome> {
  const outcome = await vscode.commands.executeCommand<GenerateOutcome>('dmxapi.generateImage', args);
  assert.ok(outcome, 'the command returned nothing');
  return outcome;
}

export function assertDone(outcome: GenerateOutcome): Extract<GenerateOutcome, { status: 'done' }> {
  assert.equal(outcome.status, 'done', JSON.stringify(outcome));
  return outcome as Extract<GenerateOutcome, { status: 'done' }>;
}

/** Width and height from a PNG's IHDR, after checking the signature. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  assert.deepEqual([...bytes.subarray(0, 8)], signature, 'not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export async function listFolder(uri: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(uri)).map(([name]) => name).sort();
  } catch {
    return [];
  }
}

/**
 * Writes `text` to `uri` and returns its document once the document holds that text. A document an earlier test
 * opened at the same path stays loaded after its editor closes, and takes the new text from disk only when the
 * workbench sees the change.
 */
export async function openWritten(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return waitFor(async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    return document.getText() === text && document;
  }, `${uri.path} to hold what was written`);
}

export async function removeIfPresent(uri: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
}
