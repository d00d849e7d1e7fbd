// A person meets a failure in a real VS Code (code-server) with the packaged .vsix: a 500 with retries off shows
// the error notification with Retry, and one click on Retry generates the same image and links it; a 401 offers
// Set API Key, which asks for the key. The notification with Retry is captured as docs/images/error-retry.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { type FakeDmxApi } from '../fake-dmxapi/server';
import { runCommand, screenshot } from '../harness/browser';
import { projectRoot } from '../harness/paths';
import { type WorkspaceFixture } from '../harness/workspace';
import { openInstalledWorkbench, type InstalledWorkbench } from '../harness/installedWorkbench';
import { filesIn, quickOpen, waitFor } from '../harness/workbench';

const KEY = 'sk-e2e-faults-key-0123456789';
let fake: FakeDmxApi;
let session: InstalledWorkbench | undefined;
let fixture: WorkspaceFixture;

const page = (): Page => {
  assert.ok(session);
  return session.page;
};
const site = () => fixture.folders[0]!;
const assetsDir = () => path.join(site(), 'assets');
const assetFiles = () => filesIn(assetsDir());
const generations = () => fake.requests.filter((r) => !r.path.startsWith('/files/'));



/** Types a prompt on a new last line of the open editor and selects it. */
async function selectNewPrompt(prompt: string): Promise<void> {
  await page().keyboard.press('Control+End');
  await page().keyboard.press('Enter');
  await page().keyboard.type(prompt);
  await page().keyboard.press('Shift+Home');
}

/** The error notification holding `text`, once visible. */
async function errorToast(text: string): Promise<Locator> {
  const toast = page().locator('.notification-toast', { hasText: text });
  await toast.waitFor({ state: 'visible', timeout: 20_000 });
  return toast;
}

async function dismissAllNotifications(): Promise<void> {
  await runCommand(page(), 'Notifications: Clear All Notifications').catch(() => undefined);
}

before(async () => {
  session = await openInstalledWorkbench({ workspaceSettings: { 'dmxapi.maxRetries': 0 }, env: { DMXAPI_API_KEY: KEY } });
  ({ fake, fixture } = session);
});

after(async () => {
  await session?.close();
});

test('a 500 shows one message with Retry; Retry generates the same image and links it under the prompt', async () => {
  await quickOpen(page(), 'page.md');
  await selectNewPrompt('A lighthouse in a storm');
  fake.setFault({ kind: 'status', status: 500, times: 1 });
  await runCommand(page(), 'DMXAPI: Generate Image');

  const toast = await errorToast('DMXAPI had a server error (500)');
  await toast.hover();
  const retry = toast.getByRole('button', { name: 'Retry' });
  await retry.waitFor({ state: 'visible' });
  assert.ok(await toast.getByRole('button', { name: 'Show Log' }).isVisible(), 'no Show Log button');
  assert.equal(generations().length, 1, 'retries are off: one request');
  assert.deepEqual(assetFiles(), [], 'a failed generation wrote a file');
  // The progress notification of the failed run closes a moment after the error appears.
  await page().locator('.notification-toast', { hasText: 'Generating image with' }).waitFor({ state: 'hidden', timeout: 10_000 });
  await toast.hover();
  const shot = await screenshot(page(), 'e2e-error-retry');
  await mkdir(path.join(projectRoot, 'docs/images'), { recursive: true });
  await copyFile(shot, path.join(projectRoot, 'docs/images/error-retry.png'));

  await retry.click();
  const [file] = await waitFor(() => (assetFiles().length ? assetFiles() : undefined), 'the image from Retry');
  assert.match(file!, /^a-lighthouse-in-a-storm-\d{8}-\d{6}\.png$/);
  assert.equal(generations().length, 2);
  assert.deepEqual(generations()[1]!.body, generations()[0]!.body, 'Retry sent a different request');

  await page()
    .locator('.editor-instance .monaco-editor .view-lines', { hasText: '![A lighthouse in a storm]' })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page().keyboard.press('Control+S');
  const markdown = await waitFor(() => {
    const text = readFileSync(path.join(site(), 'docs/guide/page.md'), 'utf8');
    return text.includes('![A lighthouse') ? text : undefined;
  }, 'the saved document to hold the link');
  assert.ok(markdown.includes(`A lighthouse in a storm\n![A lighthouse in a storm](../../assets/${file})`), markdown);
  await dismissAllNotifications();
});

test('a 401 offers Set API Key, which asks for the key', async () => {
  await selectNewPrompt('A key that is refused');
  fake.setFault({ kind: 'status', status: 401, times: 1 });
  const before = assetFiles();
  await runCommand(page(), 'DMXAPI: Generate Image');

  const toast = await errorToast('DMXAPI rejected the API key (401)');
  await toast.hover();
  const setKey = toast.getByRole('button', { name: 'Set API Key' });
  await setKey.waitFor({ state: 'visible' });
  assert.ok(await toast.getByRole('button', { name: 'Retry' }).isVisible(), 'no Retry button');
  await screenshot(page(), 'e2e-error-set-api-key');
  assert.deepEqual(assetFiles(), before);

  await setKey.click();
  const keyBox = page().locator('.quick-input-widget', { hasText: 'DMXAPI API Key' });
  await keyBox.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await keyBox.locator('.quick-input-box input').getAttribute('type'), 'password', 'the key box is not a password box');
  await page().keyboard.press('Escape');
  await dismissAllNotifications();
});
