// A person's path through the Image Studio in a real VS Code (code-server) with the packaged .vsix: open it from
// the palette, pick a model, ratio and resolution, type a prompt, Generate, see the preview, insert the link into
// a Markdown file; attach a reference from the Explorer menu; cancel a slow request; reload the window.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { useInstalledWorkbench } from '../harness/installedWorkbench';
import { contextMenuItem, explorerRow, findFrame, quickOpen, runCommand } from '../harness/ui';
import { storedWorkspaceState } from '../harness/workbenchStorage';
import { gradientPng } from '../support/images';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-studio-key-0123456789';
const referencePng = gradientPng(96, 64);

const session = useInstalledWorkbench('studio', {
  userSettings: { 'workbench.colorTheme': 'Default Light Modern' },
  env: { DMXAPI_API_KEY: KEY },
  viewport: { width: 1440, height: 900 },
  prepare: async (workspace) => {
    await mkdir(path.join(workspace.folders[0]!, 'pictures'), { recursive: true });
    await writeFile(path.join(workspace.folders[0]!, 'pictures', 'sketch.png'), referencePng);
  },
});
const page = () => session.page();
const assetsDir = () => path.join(session.site(), 'assets');
let studio: Frame;
/** Files a cancelled request must never produce start with this. */
let cancelledName = '\0';

/** Waits until the newest result card's preview has really loaded from the saved file. */
async function waitForPreview(count: number): Promise<void> {
  const images = studio.locator('#results .image-card .thumb img');
  await images.nth(count - 1).waitFor({ state: 'visible', timeout: 30_000 });
  await studio.waitForFunction(
    (n) => {
      const shown = [...document.querySelectorAll<HTMLImageElement>('#results .image-card .thumb img')];
      return shown.length >= n && shown.every((img) => img.complete && img.naturalWidth > 0);
    },
    count,
    { timeout: 30_000 },
  );
}

async function generateButtonText(): Promise<string> {
  return (await studio.locator('#generate').innerText()).trim();
}

session.test('palette → studio: gemini-3.1 at 16:9 and 2K → preview → Insert into page.md', async () => {
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+End');
  await runCommand(page(), 'DMXAPI: Open Image Studio');
  studio = await findFrame(page(), '#generate', 30_000);

  await studio.locator('#model').selectOption('gemini-3.1-flash-image-preview');
  await studio.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: /^16:9,/ }).click();
  await studio.getByRole('radiogroup', { name: 'Resolution' }).getByRole('radio', { name: '2K', exact: true }).click();
  assert.match(await studio.locator('#output-size').innerText(), /2752 × 1536/);
  await studio.locator('#prompt').fill('A lighthouse at dusk, watercolor');
  assert.equal(await generateButtonText(), 'Generate');
  await studio.locator('#generate').click();

  await waitForPreview(1);
  const [file] = session.assetFiles();
  assert.match(file!, /^a-lighthouse-at-dusk-watercolor-\d{8}-\d{6}\.png$/);
  const bytes = readFileSync(path.join(assetsDir(), file!));
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [2752 / 4, 1536 / 4]);
  const [request] = session.generations();
  assert.ok(request);
  assert.equal(request.path, '/v1beta/models/gemini-3.1-flash-image-preview:generateContent');
  const body = request.body as { generationConfig: { imageConfig: Record<string, string> } };
  assert.deepEqual(body.generationConfig.imageConfig, { aspectRatio: '16:9', imageSize: '2K' });
  const src = await studio.locator('#results .image-card .thumb img').first().getAttribute('src');
  assert.ok(src && !src.startsWith('data:'), 'the preview loads from the saved file');

  await studio.getByRole('button', { name: 'Insert Link' }).first().click();
  await studio.locator('.notice', { hasText: 'Inserted the link into page.md' }).waitFor({ timeout: 15_000 });
  await page().locator('.editor-instance .monaco-editor .view-lines', { hasText: '![A lighthouse at dusk, watercolor]' }).first().waitFor({ timeout: 15_000 });
  await runCommand(page(), 'File: Save All Files');
  const markdown = await waitFor(() => {
    const text = readFileSync(path.join(session.site(), 'docs/guide/page.md'), 'utf8');
    return text.includes('![') ? text : undefined;
  }, 'page.md to hold the link');
  assert.ok(markdown.endsWith(`![A lighthouse at dusk, watercolor](../../assets/${file})`), markdown);
});

session.test('Explorer → Use as Reference Image → gemini-2.5-flash-image sends the image as a data URI', async () => {
  const from = session.fake.requests.length;
  const row = await explorerRow(page(), 'pictures', 'sketch.png');
  await contextMenuItem(page(), row, 'Use as Reference Image');

  studio = await findFrame(page(), '#generate');
  await studio.locator('.references .reference img').first().waitFor({ state: 'visible', timeout: 15_000 });
  await studio.locator('#model').selectOption('gemini-2.5-flash-image');
  await studio.locator('.references .reference img[alt="sketch.png"]').waitFor({ state: 'visible' });
  await studio.locator('#prompt').fill('The sketch as an oil painting');
  await studio.locator('#prompt').press('Control+Enter');
  await waitForPreview(2);

  const [request] = session.generations(from);
  assert.ok(request);
  assert.equal(request.path, '/v1/images/generations');
  const body = request.body as { model: string; image?: string[] };
  assert.equal(body.model, 'gemini-2.5-flash-image');
  assert.deepEqual(body.image, [`data:image/png;base64,${referencePng.toString('base64')}`]);
});

session.test('Cancel on a slow request: nothing written, the button returns to Generate', async () => {
  session.fake.setDelay(60_000);
  const files = session.assetFiles();
  const from = session.fake.requests.length;
  await studio.locator('#prompt').fill('This one never finishes');
  await studio.locator('#generate').click();
  await waitFor(() => (session.generations(from).length ? true : undefined), 'the slow request to arrive');
  assert.equal(await generateButtonText(), 'Cancel');
  await studio.locator('#generate').click();
  await studio.locator('#generate', { hasText: 'Generate' }).waitFor({ timeout: 10_000 });
  await studio.locator('.notice', { hasText: 'Cancelled.' }).waitFor({ timeout: 10_000 });
  session.fake.setDelay(0);
  assert.deepEqual(session.assetFiles(), files);
  assert.equal(session.generations(from).length, 1, 'a cancelled request is not retried');
  // A late answer cannot write the file either: the next test's generation completes after this request was dropped.
  cancelledName = 'this-one-never-finishes';
});

session.test('a server error shows in the panel with Retry, which works once the server recovers', async () => {
  // A 500 on the first try and on both automatic retries (maxRetries is 2): the run fails with a server error, which
  // Retry helps with; a refused request (400) gets no Retry by the failure policy.
  session.fake.setFault({ kind: 'status', status: 500, message: 'temporarily confused', times: 3 });
  const cards = await studio.locator('#results .image-card').count();
  await studio.locator('#prompt').fill('A second try');
  await studio.locator('#generate').click();
  const card = studio.locator('#results .error-card');
  await card.waitFor({ timeout: 15_000 });
  assert.match(await card.innerText(), /DMXAPI had a server error \(500\)/);
  await card.getByRole('button', { name: 'Retry' }).click();
  await waitForPreview(cards + 1);
  assert.equal(await studio.locator('#results .error-card').count(), 0);
  assert.deepEqual(session.assetFiles().filter((f) => f.startsWith(cancelledName)), [], 'the cancelled request wrote a file');
});

session.test('a pasted image becomes a reference; Reuse Settings brings back a history entry', async () => {
  const before = await studio.locator('.references .reference').count();
  await studio.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
    document.getElementById('prompt')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, referencePng.toString('base64'));
  await studio.locator('.references .reference').nth(before).waitFor({ timeout: 10_000 });

  await studio.locator('#model').selectOption('dall-e-3');
  const entry = studio.locator('#history .image-card', { hasText: 'The sketch as an oil painting' }).first();
  await entry.getByRole('button', { name: 'Reuse Settings' }).click();
  assert.equal(await studio.locator('#model').inputValue(), 'gemini-2.5-flash-image');
  assert.equal(await studio.locator('#prompt').inputValue(), 'The sketch as an oil painting');
  assert.equal(await studio.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { checked: true }).getAttribute('aria-label'), '16:9, 1344×768');
});

session.test('Delete moves the image out of assets/ and its cards go', async () => {
  const files = session.assetFiles();
  const cards = await studio.locator('#results .image-card').count();
  const uri = await studio.locator('#results .image-card').first().getAttribute('data-uri');
  await studio.locator('#results .image-card').first().getByRole('button', { name: 'Delete' }).click();
  // Where the file system has no trash (a remote), VS Code asks before deleting for good: whichever comes first,
  // that dialog or the card going, decides.
  const forGood = page().getByRole('button', { name: 'Delete Permanently' });
  const gone = async () => (await studio.locator('#results .image-card').count()) === cards - 1;
  const next = await waitFor(async () => ((await gone()) ? 'gone' : (await forGood.isVisible()) ? 'dialog' : undefined), 'the card to go or VS Code to ask', 15_000);
  if (next === 'dialog') await forGood.click();
  await waitFor(gone, 'the deleted card to go', 15_000);
  assert.equal(await studio.locator(`#history .image-card[data-uri="${uri}"]`).count(), 0);
  assert.equal(session.assetFiles().length, files.length - 1);
});

session.test('a window reload restores the studio with its results and history', async () => {
  const results = await studio.locator('#results .image-card').count();
  const history = await studio.locator('#history .image-card:not(.missing)').count();
  // The web workbench may drop storage writes still in flight at unload: reload once the history and the
  // results column are stored.
  await waitFor(async () => {
    const stored = await storedWorkspaceState(page(), 'dmxapi-image-studio.dmxapi-image-studio');
    const list = (key: string): unknown[] | undefined => (Array.isArray(stored?.[key]) ? (stored[key] as unknown[]) : undefined);
    return list('dmxapi.studio.history')?.length === history && list('dmxapi.studio.results')?.length === results;
  }, 'the studio history and results to be stored', 15_000);
  await page().reload();
  await page().locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  // The webview comes back once the new extension host has activated the extension for it.
  studio = await findFrame(page(), '#results .image-card', 90_000);
  const counts = () =>
    studio.evaluate(() => [document.querySelectorAll('#results .image-card').length, document.querySelectorAll('#history .image-card:not(.missing)').length]);
  await studio
    .waitForFunction(([r, h]) => document.querySelectorAll('#results .image-card').length === r && document.querySelectorAll('#history .image-card:not(.missing)').length === h, [results, history], { timeout: 15_000 })
    .catch(() => undefined); // the assertion below says what differs
  assert.deepEqual(await counts(), [results, history]);
});

session.test('opened again with a selection, the selection becomes the prompt', async () => {
  await quickOpen(page(), 'README.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.type('A cat asleep on a windowsill');
  await page().keyboard.press('Shift+Home');
  await runCommand(page(), 'DMXAPI: Open Image Studio');
  studio = await findFrame(page(), '#generate');
  await studio.waitForFunction(() => (document.getElementById('prompt') as HTMLTextAreaElement | null)?.value === 'A cat asleep on a windowsill', undefined, { timeout: 10_000 });
});
