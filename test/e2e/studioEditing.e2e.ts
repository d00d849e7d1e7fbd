// Editing in a real VS Code (code-server) with the packaged .vsix against the fake DMXAPI: Edit Image… on a PNG in
// the Explorer opens the studio in edit mode; a mask painted for gpt-image-2 is sent with the edit; the result is
// saved as cat-v2.png next to its source; two refines with Gemini continue the conversation (the fake refuses a
// dropped signature); v1 and v3 are compared with the slider; Use This Version makes the document link the newest;
// after a window reload the studio is still in edit mode and a refine continues the conversation from the files;
// a failed edit keeps its instruction for Retry, which writes one version and empties the box; a file dropped
// from the Explorer becomes the image edited.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { readMetadata } from '../../src/core/metadata/imageMetadata';
import { useInstalledWorkbench } from '../harness/installedWorkbench';
import { contextMenuItem, explorerRow, findFrame, quickOpen } from '../harness/ui';
import { storedWorkspaceState } from '../harness/workbenchStorage';
import { gradientPng } from '../support/images';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-editing-key-0123456789';
const GEMINI = 'gemini-3.1-flash-image';

const session = useInstalledWorkbench('editing', {
  userSettings: { 'workbench.colorTheme': 'Default Light Modern' },
  env: { DMXAPI_API_KEY: KEY },
  viewport: { width: 1440, height: 900 },
  prepare: async (workspace) => {
    const pictures = path.join(workspace.folders[0]!, 'pictures');
    await mkdir(pictures, { recursive: true });
    // Wider than the painter, so the image is shown scaled down (as a photo would be).
    await writeFile(path.join(pictures, 'cat.png'), gradientPng(640, 400));
    await writeFile(path.join(pictures, 'dog.png'), gradientPng(320, 240));
    await writeFile(path.join(pictures, 'cats.md'), '# Cats\n\n![A cat](cat.png)\n');
  },
});
const page = () => session.page();
const pictures = () => path.join(session.site(), 'pictures');
const edits = () => session.fake.requests.filter((r) => r.method === 'POST' && (r.path === '/v1/images/edits' || r.path.endsWith(':generateContent')));
let studio: Frame;

/** Waits until the result card of `fileName` shows its preview, loaded from the saved file. */
async function resultShown(fileName: string): Promise<string> {
  const card = studio.locator('#results .image-card', { has: studio.locator(`.thumb[aria-label$="${fileName}"]`) });
  await card.locator('.thumb img').waitFor({ state: 'visible', timeout: 30_000 });
  await studio.waitForFunction(
    (name) => {
      const button = document.querySelector(`#results .image-card .thumb[aria-label$="${name}"]`);
      const img = button?.querySelector('img');
      return !!img && img.complete && img.naturalWidth > 0;
    },
    fileName,
    { timeout: 30_000 },
  );
  const uri = await card.getAttribute('data-uri');
  assert.ok(uri);
  return uri;
}

/** Waits until the instruction box holds `text` (emptied after a success, kept after a failure). */
async function instructionLeft(box: ReturnType<Frame['locator']>, text: string): Promise<void> {
  await waitFor(async () => (await box.inputValue()) === text || undefined, `the instruction box to hold "${text}"`, 15_000);
}

const refineBox = (fileName: string) =>
  studio.locator('#results .image-card', { has: studio.locator(`.thumb[aria-label$="${fileName}"]`) }).locator('.refine-input');

/** Refines the result `fileName` with the next instruction, through its Refine box. */
async function refine(fileName: string, instruction: string): Promise<void> {
  const card = studio.locator('#results .image-card', { has: studio.locator(`.thumb[aria-label$="${fileName}"]`) });
  await card.locator('.refine-input').fill(instruction);
  await card.getByRole('button', { name: 'Refine', exact: true }).click();
}

session.test('Explorer → Edit Image… on cat.png opens the studio in edit mode with the models that edit it', async () => {
  await quickOpen(page(), 'cats.md');
  const row = await explorerRow(page(), 'pictures', 'cat.png');
  await contextMenuItem(page(), row, 'Edit Image…');
  studio = await findFrame(page(), '#edit-model', 30_000);
  assert.match(await studio.locator('.edit-file').innerText(), /cat\.png · 640×400/);
  const offered = await studio.locator('#edit-model option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  assert.ok(offered.includes('gpt-image-2') && offered.includes(GEMINI), offered.join(', '));
  assert.ok(!offered.includes('dall-e-3'), 'a model that cannot edit is not offered');
  assert.equal((await studio.locator('#generate').innerText()).trim(), 'Edit');
});

session.test('a mask painted for gpt-image-2 goes with the edit; the result is cat-v2.png next to the source', async () => {
  await studio.locator('#edit-model').selectOption('gpt-image-2');
  const viewport = studio.locator('.mask-viewport');
  await viewport.waitFor({ state: 'visible' });
  await studio.locator('.mask-viewport .mask-source').evaluate((img: HTMLImageElement) => (img.complete ? undefined : img.decode()));
  const box = await viewport.boundingBox();
  assert.ok(box);
  // The image and the paint layer over it share one box of the source's shape, at whatever zoom.
  const shown = await studio.locator('.mask-source').boundingBox();
  const layer = await studio.locator('.mask-overlay').boundingBox();
  assert.ok(shown && layer);
  assert.ok(Math.abs(shown.width / shown.height - 640 / 400) < 0.02, `the image is shown ${shown.width}×${shown.height}`);
  assert.deepEqual([Math.round(layer.width), Math.round(layer.height)], [Math.round(shown.width), Math.round(shown.height)]);
  await page().mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await page().mouse.down();
  await page().mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
  await page().mouse.up();
  await studio.getByRole('button', { name: 'Undo' }).waitFor({ state: 'visible' });
  await waitFor(async () => !(await studio.getByRole('button', { name: 'Undo' }).isDisabled()) || undefined, 'the stroke to count');

  await studio.locator('#prompt').fill('Put a red hat on the cat');
  await studio.locator('#generate').click();
  await resultShown('cat-v2.png');
  await instructionLeft(studio.locator('#prompt'), '');
  assert.ok(readFileSync(path.join(pictures(), 'cat-v2.png')).length > 0);
  const [edit] = edits();
  assert.equal(edit?.path, '/v1/images/edits');
  const files = edit?.form?.files ?? [];
  assert.deepEqual(files.map((f) => f.field), ['image', 'mask']);
  const mask = Buffer.from(files[1]!.bytes);
  assert.deepEqual([mask.readUInt32BE(16), mask.readUInt32BE(20)], [640, 400], 'the mask is at the source size');
  assert.equal(readMetadata(readFileSync(path.join(pictures(), 'cat-v2.png')))?.parent?.name, 'cat.png');
});

session.test('two refines with Gemini continue the conversation; the versions strip shows v1 → v2 → v3 → v4', async () => {
  await studio.locator('#edit-model').selectOption(GEMINI);
  await refine('cat-v2.png', 'Make it a watercolor');
  await resultShown('cat-v3.png');
  await instructionLeft(refineBox('cat-v2.png'), '');
  await refine('cat-v3.png', 'Now make the hat blue');
  await resultShown('cat-v4.png');
  const [, first, second] = edits();
  assert.ok(first?.path.endsWith(`${GEMINI}:generateContent`));
  const roles = (second?.body as { contents: Array<{ role: string }> }).contents.map((c) => c.role);
  assert.deepEqual(roles, ['user', 'model', 'user'], 'the second refine resends the first turn with its signature');
  const labels = studio.locator('.lineage .version-badge');
  await studio.waitForFunction(() => document.querySelectorAll('.lineage .lineage-item').length === 4, undefined, { timeout: 15_000 });
  assert.deepEqual(await labels.allInnerTexts(), ['v1', 'v2', 'v3', 'v4']);
  assert.equal(readMetadata(readFileSync(path.join(pictures(), 'cat-v4.png')))?.instruction, 'Now make the hat blue');
});

session.test('v1 and v3 compared with the slider; Use This Version makes cats.md link the newest version', async () => {
  const item = (label: string) => studio.locator('.lineage .lineage-item', { has: studio.locator('.version-badge', { hasText: label }) });
  await item('v1').getByRole('button', { name: 'Compare v1' }).click();
  await item('v3').getByRole('button', { name: 'Compare v3' }).click();
  const divider = studio.getByRole('slider', { name: 'Divider between v1 and v3' });
  await divider.waitFor({ state: 'visible' });
  await divider.focus();
  await page().keyboard.press('End');
  await waitFor(async () => (await divider.getAttribute('aria-valuenow')) === '100' || undefined, 'the divider at the right end');

  await item('v4').getByRole('button', { name: 'Use This Version' }).click();
  await item('v4').locator('.lineage-in-use').waitFor({ state: 'visible', timeout: 15_000 });
  await page().locator('.editor-instance .monaco-editor .view-lines', { hasText: '![A cat](cat-v4.png)' }).first().waitFor({ timeout: 15_000 });
  assert.ok(readFileSync(path.join(pictures(), 'cat.png')).length > 0, 'the old file stays');
});

session.test('a window reload brings back edit mode, the versions and a refine that continues from the files', async () => {
  await waitFor(async () => {
    const stored = await storedWorkspaceState(page(), 'dmxapi-image-studio.dmxapi-image-studio');
    const results = stored?.['dmxapi.studio.results'];
    return Array.isArray(results) && results.length === 3 && !!stored?.['dmxapi.studio.edit'];
  }, 'the results and edit mode to be stored', 15_000);
  await page().reload();
  await page().locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  studio = await findFrame(page(), '#edit-model', 90_000);
  await resultShown('cat-v4.png');
  await studio.waitForFunction(() => document.querySelectorAll('.lineage .lineage-item').length === 4, undefined, { timeout: 15_000 });
  await studio.locator('#edit-model').selectOption(GEMINI);
  const before = edits().length;
  await refine('cat-v4.png', 'Add a green scarf');
  await resultShown('cat-v5.png');
  const roles = (edits()[before]?.body as { contents: Array<{ role: string }> }).contents.map((c) => c.role);
  assert.deepEqual(roles, ['user', 'model', 'user', 'model', 'user'], 'the conversation continues from the files after the reload');
});

session.test('a failed edit keeps its instruction and offers Retry; Retry writes one version and empties the box', async () => {
  session.fake.setFault({ kind: 'status', status: 500 });
  await studio.locator('#prompt').fill('Add a yellow bow');
  await studio.locator('#generate').click();
  const retry = studio.locator('#results .error-card').getByRole('button', { name: 'Retry' });
  await retry.waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal((await studio.locator('#generate').innerText()).trim(), 'Edit', 'the run is over');
  await instructionLeft(studio.locator('#prompt'), 'Add a yellow bow');
  const before = readdirSync(pictures()).filter((name) => name.endsWith('.png')).sort();
  session.fake.setFault(null);
  await retry.click();
  await resultShown('cat-v6.png');
  await instructionLeft(studio.locator('#prompt'), '');
  const after = readdirSync(pictures()).filter((name) => name.endsWith('.png')).sort();
  assert.deepEqual(after, [...before, 'cat-v6.png'].sort(), 'exactly one new version');
  assert.equal(readMetadata(readFileSync(path.join(pictures(), 'cat-v6.png')))?.instruction, 'Add a yellow bow');
});

session.test('a file dropped from the Explorer in edit mode becomes the image edited', async () => {
  const catUri = await resultShown('cat-v6.png');
  const dogUri = catUri.replace(/cat-v6\.png$/, 'dog.png');
  // What the Explorer's drag hands the page: a uri-list (a real drag from the workbench into the frame cannot be scripted).
  await studio.evaluate((uri) => {
    const transfer = new DataTransfer();
    transfer.setData('text/uri-list', uri);
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, dogUri);
  await waitFor(async () => /dog\.png · 320×240/.test(await studio.locator('.edit-file').innerText()) || undefined, 'dog.png as the source', 15_000);
});
