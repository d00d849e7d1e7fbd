// A person's path through the Image Studio in a real VS Code (code-server) with the packaged .vsix: open it from
// the palette, pick a model, ratio and resolution, type a prompt, Generate, see the preview, insert the link into
// a Markdown file; attach a reference from the Explorer menu; cancel a slow request. Screenshots of the studio in a
// light and a dark theme go to docs/images/.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { encodePng, rowBytes } from '../fake-dmxapi/png';
import { type FakeDmxApi, type RecordedRequest } from '../fake-dmxapi/server';
import { findFrame, runCommand, screenshot } from '../harness/browser';
import { projectRoot } from '../harness/paths';
import { type WorkspaceFixture } from '../harness/workspace';
import { filesIn, quickOpen, testWithScreenshot, waitFor } from '../harness/workbench';
import { openInstalledWorkbench, type InstalledWorkbench } from '../harness/installedWorkbench';

const KEY = 'sk-e2e-studio-key-0123456789';
const LIGHT = 'Default Light Modern';
const DARK = 'Default Dark Modern';
const HIGH_CONTRAST = 'Default High Contrast';

let fake: FakeDmxApi;
let session: InstalledWorkbench | undefined;
let fixture: WorkspaceFixture;
let studio: Frame;

const page = (): Page => {
  assert.ok(session);
  return session.page;
};
const site = () => fixture.folders[0]!;
const assetsDir = () => path.join(site(), 'assets');
const assetFiles = () => filesIn(assetsDir());

/** A small gradient PNG a browser can decode: each scanline starts with filter byte 0. */
function gradientPng(width: number, height: number): Buffer {
  const stride = rowBytes(width);
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw.set([Math.round((255 * x) / width), Math.round((255 * y) / height), 180], y * stride + 1 + x * 3);
    }
  }
  return encodePng(width, height, raw, 6);
}
const referencePng = gradientPng(96, 64);



/** The generation requests the fake server received since `from`. */
const generations = (from = 0): RecordedRequest[] =>
  fake.requests.slice(from).filter((r) => r.method === 'POST' && (r.path.endsWith(':generateContent') || r.path === '/v1/images/generations'));

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

/** Picks a theme in "Preferences: Color Theme", which writes `workbench.colorTheme`, and saves a screenshot. */
async function takeScreenshot(theme: string, name: string, publish = true): Promise<void> {
  await runCommand(page(), 'Preferences: Color Theme');
  const input = page().locator('.quick-input-widget .quick-input-box input');
  const label = theme === HIGH_CONTRAST ? 'Dark High Contrast' : theme.replace(/^Default /, '');
  await input.fill(label);
  await page().locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor();
  await page().keyboard.press('Enter');
  const kind = theme === DARK ? 'vs-dark' : theme === HIGH_CONTRAST ? 'hc-black' : 'vs';
  await page().waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, kind, { timeout: 15_000 });
  await page().waitForTimeout(800);
  const shot = await screenshot(page(), name);
  if (publish) {
    await mkdir(path.join(projectRoot, 'docs/images'), { recursive: true });
    await copyFile(shot, path.join(projectRoot, 'docs/images', `${name}.png`));
  }
}

const studioTest = testWithScreenshot('studio', () => session?.page);

before(async () => {
  session = await openInstalledWorkbench({
    userSettings: { 'workbench.colorTheme': LIGHT },
    env: { DMXAPI_API_KEY: KEY },
    viewport: { width: 1440, height: 900 },
    prepare: async (workspace) => {
      await mkdir(path.join(workspace.folders[0]!, 'pictures'), { recursive: true });
      await writeFile(path.join(workspace.folders[0]!, 'pictures', 'sketch.png'), referencePng);
    },
  });
  ({ fake, fixture } = session);
});

after(async () => {
  await session?.close();
});

studioTest('palette → studio: gemini-3.1 at 16:9 and 2K → preview → Insert into page.md', async () => {
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
  const [file] = assetFiles();
  assert.match(file!, /^a-lighthouse-at-dusk-watercolor-\d{8}-\d{6}\.png$/);
  const bytes = readFileSync(path.join(assetsDir(), file!));
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [2752 / 4, 1536 / 4]);
  const [request] = generations();
  assert.ok(request);
  assert.equal(request.path, '/v1beta/models/gemini-3.1-flash-image-preview:generateContent');
  const body = request.body as { generationConfig: { imageConfig: Record<string, string> } };
  assert.deepEqual(body.generationConfig.imageConfig, { aspectRatio: '16:9', imageSize: '2K' });
  const src = await studio.locator('#results .image-card .thumb img').first().getAttribute('src');
  assert.ok(src && !src.startsWith('data:'), 'the preview loads from the saved file');

  await studio.getByRole('button', { name: 'Insert Link' }).first().click();
  await studio.locator('.notice', { hasText: 'Inserted the link into page.md' }).waitFor({ timeout: 15_000 });
  await page().locator('.editor-instance .monaco-editor .view-lines', { hasText: '![A lighthouse at dusk, watercolor]' }).first().waitFor({ timeout: 15_000 });
  await page().locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page().keyboard.press('Control+S');
  const markdown = await waitFor(() => {
    const text = readFileSync(path.join(site(), 'docs/guide/page.md'), 'utf8');
    return text.includes('![') ? text : undefined;
  }, 'page.md to hold the link');
  assert.ok(markdown.endsWith(`![A lighthouse at dusk, watercolor](../../assets/${file})`), markdown);
  await screenshot(page(), 'e2e-studio-beside-editor');
});

studioTest('Explorer → Use as Reference Image → gemini-2.5-flash-image sends the image as a data URI', async () => {
  const from = fake.requests.length;
  await page().locator('.explorer-folders-view .monaco-list-row', { hasText: 'pictures' }).first().click();
  const row = page().locator('.explorer-folders-view .monaco-list-row', { hasText: 'sketch.png' }).first();
  await row.waitFor({ state: 'visible' });
  await row.click({ button: 'right' });
  // A click that lands while the menu is still opening can be lost; the highlighted item then takes Enter.
  const item = page().locator('.monaco-menu .action-item', { hasText: 'Use as Reference Image' }).first();
  await item.hover();
  await item.click();
  if (await item.isVisible().catch(() => false)) await page().keyboard.press('Enter');

  studio = await findFrame(page(), '#generate');
  await studio.locator('.references .reference img').first().waitFor({ state: 'visible', timeout: 15_000 });
  await studio.locator('#model').selectOption('gemini-2.5-flash-image');
  await studio.locator('.references .reference img[alt="sketch.png"]').waitFor({ state: 'visible' });
  await studio.locator('#prompt').fill('The sketch as an oil painting');
  await studio.locator('#prompt').press('Control+Enter');
  await waitForPreview(2);

  const [request] = generations(from);
  assert.ok(request);
  assert.equal(request.path, '/v1/images/generations');
  const body = request.body as { model: string; image?: string[] };
  assert.equal(body.model, 'gemini-2.5-flash-image');
  assert.deepEqual(body.image, [`data:image/png;base64,${referencePng.toString('base64')}`]);
});

studioTest('Cancel on a slow request: nothing written, the button returns to Generate', async () => {
  fake.setDelay(60_000);
  const files = assetFiles();
  const from = fake.requests.length;
  await studio.locator('#prompt').fill('This one never finishes');
  await studio.locator('#generate').click();
  await waitFor(() => (generations(from).length ? true : undefined), 'the slow request to arrive');
  assert.equal(await generateButtonText(), 'Cancel');
  await studio.locator('#generate').click();
  await studio.locator('#generate', { hasText: 'Generate' }).waitFor({ timeout: 10_000 });
  await studio.locator('.notice', { hasText: 'Cancelled.' }).waitFor({ timeout: 10_000 });
  fake.setDelay(0);
  await page().waitForTimeout(500);
  assert.deepEqual(assetFiles(), files);
  assert.equal(generations(from).length, 1, 'a cancelled request is not retried');
});

studioTest('a server error shows in the panel with Retry, which works once the server recovers', async () => {
  fake.setFault({ kind: 'status', status: 400, message: 'temporarily confused', times: 1 });
  const cards = await studio.locator('#results .image-card').count();
  await studio.locator('#prompt').fill('A second try');
  await studio.locator('#generate').click();
  const card = studio.locator('#results .error-card');
  await card.waitFor({ timeout: 15_000 });
  assert.match(await card.innerText(), /DMXAPI rejected the request \(temporarily confused\)/);
  await card.getByRole('button', { name: 'Retry' }).click();
  await waitForPreview(cards + 1);
  assert.equal(await studio.locator('#results .error-card').count(), 0);
});

studioTest('a pasted image becomes a reference; Reuse Settings brings back a history entry', async () => {
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

studioTest('screenshots of the studio with a preview, light and dark', async () => {
  await studio.locator('.notice .icon-button').click().catch(() => undefined);
  await studio.locator('#model').selectOption('gemini-3.1-flash-image-preview');
  await studio.locator('#prompt').fill('A lighthouse at dusk, watercolor');
  await studio.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: /^16:9,/ }).click();
  await studio.getByRole('radiogroup', { name: 'Resolution' }).getByRole('radio', { name: '2K', exact: true }).click();
  // The studio alone, as wide as the window: the layout with controls beside the results.
  await studio.locator('#prompt').click();
  await runCommand(page(), 'View: Maximize Editor Group and Hide Side Bars');
  await studio.evaluate(() => window.scrollTo(0, 0));
  await takeScreenshot(LIGHT, 'studio-light');
  await takeScreenshot(DARK, 'studio-dark');
  await takeScreenshot(HIGH_CONTRAST, 'studio-high-contrast', false);
});

studioTest('Delete moves the image out of assets/ and its cards go', async () => {
  const files = assetFiles();
  const cards = await studio.locator('#results .image-card').count();
  const uri = await studio.locator('#results .image-card').first().getAttribute('data-uri');
  await studio.locator('#results .image-card').first().getByRole('button', { name: 'Delete' }).click();
  // Where the file system has no trash (a remote), VS Code asks before deleting for good.
  const forGood = page().getByRole('button', { name: 'Delete Permanently' });
  await forGood.waitFor({ timeout: 3000 }).then(() => forGood.click(), () => undefined);
  await studio.waitForFunction((n) => document.querySelectorAll('#results .image-card').length === n - 1, cards, { timeout: 10_000 });
  assert.equal(await studio.locator(`#history .image-card[data-uri="${uri}"]`).count(), 0);
  assert.equal(assetFiles().length, files.length - 1);
});

studioTest('a window reload restores the studio with its results and history', async () => {
  const results = await studio.locator('#results .image-card').count();
  const history = await studio.locator('#history .image-card:not(.missing)').count();
  // The web workbench may drop storage writes still in flight at unload; give the last ones a moment.
  await page().waitForTimeout(2000);
  await page().reload();
  await page().locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  // The webview comes back once the new extension host has activated the extension for it.
  studio = await findFrame(page(), '#results .image-card', 90_000);
  const counts = () =>
    studio.evaluate(() => [document.querySelectorAll('#results .image-card').length, document.querySelectorAll('#history .image-card:not(.missing)').length]);
  await studio
    .waitForFunction(([r, h]) => document.querySelectorAll('#results .image-card').length === r && document.querySelectorAll('#history .image-card:not(.missing)').length === h, [results, history], { timeout: 15_000 })
    .catch(() => undefined);
  assert.deepEqual(await counts(), [results, history]);
});

studioTest('opened again with a selection, the selection becomes the prompt', async () => {
  await quickOpen(page(), 'README.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.type('A cat asleep on a windowsill');
  await page().keyboard.press('Shift+Home');
  await runCommand(page(), 'DMXAPI: Open Image Studio');
  studio = await findFrame(page(), '#generate');
  await studio.waitForFunction(() => (document.getElementById('prompt') as HTMLTextAreaElement | null)?.value === 'A cat asleep on a windowsill', undefined, { timeout: 10_000 });
});
