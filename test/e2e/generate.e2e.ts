// A person's main path in a real VS Code (code-server) with the packaged .vsix: select a prompt in a Markdown file,
// run "DMXAPI: Generate Image" from the palette, give the key when asked, and find the image in assets/ and its
// link under the prompt. Then the input-box path, and Cancel on the progress notification.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type FakeDmxApi } from '../fake-dmxapi/server';
import { runCommand, screenshot } from '../harness/browser';
import { projectRoot } from '../harness/paths';
import { type WorkspaceFixture } from '../harness/workspace';
import { filesIn, quickOpen, waitFor } from '../harness/workbench';
import { openInstalledWorkbench, type InstalledWorkbench } from '../harness/installedWorkbench';

const KEY = 'sk-e2e-typed-key-9876543210';
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



/** Waits until the visible editor shows `text` (the link is inserted just after the file is written). */
async function waitForEditorText(text: string): Promise<void> {
  await page()
    .locator('.editor-instance .monaco-editor .view-lines', { hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Answers the quick input whose title or prompt contains `text`. */
async function answerInputBox(text: string, value: string): Promise<void> {
  const widget = page().locator('.quick-input-widget', { hasText: text });
  await widget.waitFor({ state: 'visible', timeout: 15_000 });
  await widget.locator('.quick-input-box input').fill(value);
  await page().keyboard.press('Enter');
}

before(async () => {
  session = await openInstalledWorkbench();
  // No DMXAPI_API_KEY in the environment: the first generation has to ask for the key.
  ({ fake, fixture } = session);
});

after(async () => {
  await session?.close();
});

test('selected prompt → palette → key asked → image in assets/ and link under the prompt', async () => {
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.type('A watercolor fox reading a book');
  await page().keyboard.press('Shift+Home');
  await runCommand(page(), 'DMXAPI: Generate Image');
  await answerInputBox('DMXAPI API Key', KEY);

  const [file] = await waitFor(() => (assetFiles().length ? assetFiles() : undefined), 'an image in assets/');
  assert.match(file!, /^a-watercolor-fox-reading-a-book-\d{8}-\d{6}\.png$/);
  const bytes = readFileSync(path.join(assetsDir(), file!));
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1024 / 4, 1024 / 4]);

  const request = fake.requests.find((r) => r.path.includes(':generateContent'));
  assert.ok(request, 'no generation request reached the fake DMXAPI');
  assert.equal(request.headers['x-goog-api-key'], KEY);

  await waitForEditorText('![A watercolor fox');
  await page().keyboard.press('Control+S');
  const markdown = await waitFor(() => {
    const text = readFileSync(path.join(site(), 'docs/guide/page.md'), 'utf8');
    return text.includes('![') ? text : undefined;
  }, 'the saved document to hold the link');
  assert.ok(markdown.includes(`A watercolor fox reading a book\n![A watercolor fox reading a book](../../assets/${file})`), markdown);

  await runCommand(page(), 'Markdown: Open Preview to the Side');
  await page().locator('iframe.webview').first().waitFor({ state: 'visible' });
  await page().waitForTimeout(1500);
  const shot = await screenshot(page(), 'e2e-generate-from-selection');
  await mkdir(path.join(projectRoot, 'docs/images'), { recursive: true });
  await copyFile(shot, path.join(projectRoot, 'docs/images/generate-from-selection.png'));
  await page().keyboard.press('Control+W');
});

test('no selection → input box → link at the cursor', async () => {
  await quickOpen(page(), 'README.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.press('Enter');
  const before = assetFiles().length;
  await runCommand(page(), 'DMXAPI: Generate Image');
  await answerInputBox('Describe the image to generate', 'lighthouse at dusk');
  await waitFor(() => (assetFiles().length > before ? true : undefined), 'a second image');
  await waitForEditorText('![lighthouse at dusk]');
  await screenshot(page(), 'e2e-generate-input-box');
  await page().keyboard.press('Control+S');
  const readme = await waitFor(() => {
    const text = readFileSync(path.join(site(), 'README.md'), 'utf8');
    return text.includes('![lighthouse at dusk](assets/lighthouse-at-dusk-') ? text : undefined;
  }, 'README.md to hold the link');
  assert.match(readme, /\n!\[lighthouse at dusk\]\(assets\/lighthouse-at-dusk-\d{8}-\d{6}\.png\)$/);
});

test('Cancel on the progress notification aborts the request and writes nothing', async () => {
  fake.setDelay(60_000);
  const before = assetFiles();
  const requestsBefore = fake.requests.length;
  await runCommand(page(), 'DMXAPI: Generate Image');
  await answerInputBox('Describe the image to generate', 'never finishes');
  const toast = page().locator('.notification-toast', { hasText: 'Generating image with' });
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  await waitFor(() => (fake.requests.length > requestsBefore ? true : undefined), 'the slow request to arrive');
  await toast.hover();
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await page().locator('.notification-toast', { hasText: 'Image generation was cancelled.' }).waitFor({ state: 'visible', timeout: 10_000 });
  fake.setDelay(0);
  assert.deepEqual(assetFiles(), before);
  assert.equal(fake.requests.length, requestsBefore + 1, 'a cancelled request must not be retried');
});
