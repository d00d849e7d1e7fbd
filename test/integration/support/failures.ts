import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GenerateOutcome } from '../../../src/commands/generateImage';
import type { Failure } from '../../../src/failures/commandGuard';
import type { GenerationJob } from '../../../src/generation/generationJob';
import type { FakeDmxApi, RecordedRequest } from '../../fake-dmxapi/server';

/** Helpers for the suites about failures: outcomes, requests that reached the fake, waiting. */

export function assertFailed(outcome: GenerateOutcome | unknown): Failure {
  const value = outcome as GenerateOutcome | undefined;
  assert.equal(value?.status, 'failed', JSON.stringify(value));
  return value as Failure;
}

/** Every phrase must be in the message the user saw. */
export function assertMessage(failure: Failure, ...phrases: readonly (string | RegExp)[]): void {
  for (const phrase of phrases) {
    if (typeof phrase === 'string') {
      assert.ok(failure.message.includes(phrase), `"${phrase}" is not in: ${failure.message}`);
    } else {
      assert.match(failure.message, phrase);
    }
  }
}

/** Generation requests only, not the downloads of URL results. */
export function generationRequests(fake: FakeDmxApi): RecordedRequest[] {
  return fake.requests.filter((r) => !r.path.startsWith('/files/'));
}

/** A new untitled Markdown document in an editor: links go into it, images into the first folder's assets/. */
export async function untitledMarkdown(content = ''): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(document);
}

export async function closeAllEditors(): Promise<void> {
  // Untitled and edited documents are reverted first, so closing never asks to save.
  for (let i = 0; i < 10 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export { waitFor } from '../../support/waitFor';

/** The default job of a fresh workspace, for calls through the extension's API. */
export function jobFor(prompt: string, overrides: Partial<GenerationJob> = {}): GenerationJob {
  return {
    prompt,
    model: 'gemini-3.1-flash-image-preview',
    aspectRatio: '1:1',
    resolution: '1K',
    count: 1,
    options: {},
    references: [],
    ...overrides,
  };
}
