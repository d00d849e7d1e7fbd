// The editing components in a real Chromium, under the studio's CSP and stylesheets: paint a mask, erase part of it,
// undo and redo, invert, paint at another zoom, export the mask and read its pixels; drag the before/after divider
// and switch modes; select, use and compare versions in the strip. Screenshots in the light and dark themes go to
// test-results/. No VS Code is needed: the page is the components' bundle served from memory on a made-up origin.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, type BrowserSession } from '../harness/browser';
import { projectRoot } from '../harness/paths';
import { gradientPng } from '../support/images';
import { alphaAt, decodePng, type RgbaImage } from '../support/pngPixels';

const ORIGIN = 'http://editing.test';
/** The studio's policy (studioHtml.ts), with its webview origin being this page's own. */
const CSP = "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; script-src 'self'";
const W = 300;
const H = 200;
const BRUSH = 20;

const html = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <link rel="stylesheet" href="codicon.css" id="vscode-codicon-stylesheet">
  <link rel="stylesheet" href="studio.css">
  <link rel="stylesheet" href="editing.css">
  <link rel="stylesheet" href="theme.css">
  <title>Editing components</title>
</head>
<body class="vscode-light">
  <main><section id="painter"></section><section id="compare"></section><section id="lineage"></section></main>
  <script src="editing.js"></script>
</body>
</html>`;

type Asset = { readonly type: string; readonly body: Buffer | string };

async function assets(): Promise<Map<string, Asset>> {
  const bundle = await build({
    entryPoints: [path.join(projectRoot, 'test/e2e/pages/editingPage.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const file = (...parts: string[]) => readFileSync(path.join(projectRoot, ...parts));
  const codicons = path.join('node_modules', '@vscode', 'codicons', 'dist');
  return new Map<string, Asset>([
    ['/', { type: 'text/html', body: html }],
    ['/editing.js', { type: 'text/javascript', body: bundle.outputFiles[0]!.text }],
    ['/studio.css', { type: 'text/css', body: file('media', 'studio.css') }],
    ['/editing.css', { type: 'text/css', body: file('media', 'editing.css') }],
    ['/theme.css', { type: 'text/css', body: file('test', 'e2e', 'pages', 'theme.css') }],
    ['/codicon.css', { type: 'text/css', body: file(codicons, 'codicon.css') }],
    ['/codicon.ttf', { type: 'font/ttf', body: file(codicons, 'codicon.ttf') }],
    ['/images/source.png', { type: 'image/png', body: gradientPng(W, H) }],
    ['/images/v1.png', { type: 'image/png', body: gradientPng(240, 240) }],
    ['/images/v2.png', { type: 'image/png', body: gradientPng(320, 200) }],
    ['/images/v3.png', { type: 'image/png', body: gradientPng(200, 300) }],
  ]);
}

let session: BrowserSession;
let page: Page;

before(async () => {
  const served = await assets();
  session = await launchBrowser();
  page = session.page;
  // Everything is answered from memory; any other request (there should be none) is refused, not sent.
  await session.context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const asset = url.origin === ORIGIN ? served.get(url.pathname) : undefined;
    if (!asset) {
      await route.abort('blockedbyclient');
      return;
    }
    await route.fulfill({ status: 200, contentType: asset.type, body: asset.body, headers: { 'Content-Security-Policy': CSP } });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll('img')];
    return 'editingHarness' in window && images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
  });
});

after(async () => {
  await session?.close();
});

/** The harness the page exposes (see pages/editingPage.ts). */
const events = () => page.evaluate(() => (window as unknown as { editingHarness: { events: string[] } }).editingHarness.events.slice());

async function exportedMask(): Promise<RgbaImage> {
  const base64 = await page.evaluate(() => (window as unknown as { editingHarness: { exportMask(): Promise<string> } }).editingHarness.exportMask());
  return decodePng(Buffer.from(base64, 'base64'));
}

/** Where an image pixel of the painter is on the page now. */
async function at(x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([px, py]) => (window as unknown as { editingHarness: { painter: { clientPoint(p: { x: number; y: number }): { x: number; y: number } } } }).editingHarness.painter.clientPoint({ x: px!, y: py! }), [x, y]);
}

async function drag(from: [number, number], to: [number, number]): Promise<void> {
  const start = await at(...from);
  const end = await at(...to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

const strokeCount = () => page.evaluate(() => (window as unknown as { editingHarness: { painter: { operations: readonly unknown[] } } }).editingHarness.painter.operations.length);

async function themed(name: string, inView = '.mask-painter'): Promise<void> {
  await page.locator(inView).scrollIntoViewIfNeeded();
  for (const theme of ['vscode-light', 'vscode-dark'] as const) {
    await page.evaluate((t) => (window as unknown as { editingHarness: { setTheme(t: string): void } }).editingHarness.setTheme(t), theme);
    await page.waitForFunction((t) => document.body.classList.contains(t), theme);
    await screenshot(page, `editing-${name}-${theme.replace('vscode-', '')}`);
  }
  await page.evaluate(() => (window as unknown as { editingHarness: { setTheme(t: string): void } }).editingHarness.setTheme('vscode-light'));
}

function assertMask(mask: RgbaImage, transparent: Array<[number, number]>, opaque: Array<[number, number]>, what: string): void {
  for (const [x, y] of transparent) assert.equal(alphaAt(mask, x, y), 0, `${what}: (${x}, ${y}) should be transparent (to change)`);
  for (const [x, y] of opaque) assert.equal(alphaAt(mask, x, y), 255, `${what}: (${x}, ${y}) should be opaque (kept)`);
}

/** How many pixels are transparent; every pixel must be either fully transparent or fully opaque. */
function transparentCount(mask: RgbaImage): number {
  let count = 0;
  for (let i = 3; i < mask.rgba.length; i += 4) {
    const alpha = mask.rgba[i]!;
    assert.ok(alpha === 0 || alpha === 255, `a pixel with alpha ${alpha}: the mask is not binary`);
    if (alpha === 0) count++;
  }
  return count;
}

test('mask painter: paint, erase, undo, redo, invert, paint zoomed in, export at the image size with alpha', async () => {
  const painter = page.locator('.mask-painter');
  assert.equal(await page.evaluate(() => (window as unknown as { editingHarness: { painter: { isEmpty(): boolean } } }).editingHarness.painter.isEmpty()), true);
  assert.equal(await painter.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'nothing to undo yet');

  // A horizontal stroke through the middle, 20 image pixels wide.
  await drag([50, 100], [250, 100]);
  await page.waitForFunction(() => (window as unknown as { editingHarness: { painter: { canUndo: boolean } } }).editingHarness.painter.canUndo);
  let mask = await exportedMask();
  assert.equal(mask.width, W);
  assert.equal(mask.height, H);
  assert.ok(mask.hasAlpha, 'the PNG has an alpha channel');
  assertMask(mask, [[50, 100], [150, 100], [250, 100], [150, 92], [150, 108]], [[0, 0], [150, 80], [150, 120], [30, 100], [270, 100]], 'painted');
  const painted = transparentCount(mask);
  const expected = 200 * BRUSH + Math.PI * (BRUSH / 2) ** 2;
  assert.ok(Math.abs(painted - expected) / expected < 0.06, `painted ${painted} pixels, expected about ${Math.round(expected)}`);

  // The cursor circle is the brush at this zoom.
  const scale = await page.evaluate(() => (window as unknown as { editingHarness: { painter: { scale: number } } }).editingHarness.painter.scale);
  const cursor = await page.locator('.mask-cursor').boundingBox();
  assert.ok(cursor && Math.abs(cursor.width - BRUSH * scale) < 1.5, `cursor ${cursor?.width} px wide at scale ${scale}, brush ${BRUSH}`);
  await themed('mask-painted');

  // The eraser cuts the stroke in two at x = 150.
  await painter.getByRole('radio', { name: 'Eraser' }).click();
  assert.equal(await painter.getByRole('radio', { name: 'Eraser' }).getAttribute('aria-checked'), 'true');
  await drag([150, 60], [150, 140]);
  await page.waitForFunction(() => (window as unknown as { editingHarness: { painter: { operations: readonly unknown[] } } }).editingHarness.painter.operations.length === 2);
  mask = await exportedMask();
  assertMask(mask, [[60, 100], [240, 100]], [[150, 100], [150, 95]], 'erased');
  const afterErase = transparentCount(mask);
  const erased = mask.rgba;
  assert.ok(painted - afterErase > 15 * BRUSH, `the eraser removed ${painted - afterErase} pixels`);
  await themed('mask-erased');

  // Ctrl+Z takes the erasing back, Ctrl+Shift+Z redoes it, the Undo button and Ctrl+Y do the same.
  await page.locator('.mask-viewport').focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => (window as unknown as { editingHarness: { painter: { operations: readonly unknown[] } } }).editingHarness.painter.operations.length === 1);
  assertMask(await exportedMask(), [[150, 100]], [], 'undone');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => (window as unknown as { editingHarness: { painter: { operations: readonly unknown[] } } }).editingHarness.painter.operations.length === 2);
  assertMask(await exportedMask(), [], [[150, 100]], 'redone');
  await painter.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await strokeCount(), 1);
  await page.keyboard.press('Control+y');
  assert.equal(await strokeCount(), 2);
  const redone = await exportedMask();
  assertMask(redone, [[60, 100]], [[150, 100]], 'redone by Ctrl+Y');
  assert.ok(Buffer.from(redone.rgba).equals(Buffer.from(erased)), 'replayed strokes give the same pixels as painted ones');

  // Invert: what was kept is now to change, and the other way round.
  await painter.getByRole('button', { name: 'Invert Mask' }).click();
  mask = await exportedMask();
  assertMask(mask, [[0, 0], [150, 100], [150, 150]], [[60, 100], [240, 100]], 'inverted');
  assert.equal(transparentCount(mask), W * H - afterErase);
  await themed('mask-inverted');
  await painter.getByRole('button', { name: 'Undo' }).click();

  // Zoomed in to 400 %, a short stroke lands on the same image pixels the view shows, at the image's resolution.
  for (let i = 0; i < 8 && (await page.evaluate(() => (window as unknown as { editingHarness: { painter: { scale: number } } }).editingHarness.painter.scale)) < 4; i++) {
    await painter.getByRole('button', { name: 'Zoom In' }).click();
  }
  assert.equal(await page.evaluate(() => (window as unknown as { editingHarness: { painter: { scale: number } } }).editingHarness.painter.scale), 4);
  await painter.getByRole('radio', { name: 'Brush' }).click();
  await painter.getByRole('slider', { name: 'Brush size' }).fill('6');
  assert.equal(await painter.locator('.mask-size-value').innerText(), '6 px');
  await drag([140, 40], [160, 40]);
  await page.waitForFunction(() => (window as unknown as { editingHarness: { painter: { operations: readonly unknown[] } } }).editingHarness.painter.operations.length === 3);
  mask = await exportedMask();
  assert.equal(mask.width, W, 'the export does not depend on the zoom');
  assertMask(mask, [[140, 40], [150, 40], [160, 40], [150, 42]], [[150, 45], [150, 35], [135, 40], [165, 40]], 'painted at 400 %');
  await themed('mask-zoomed');

  // Fit again; Ctrl+wheel zooms in one step around the pointer, which keeps the image pixel under it (at mid-height, where the
  // image, taller than the view now, is not pushed back to cover it).
  await painter.getByRole('button', { name: 'Fit to View' }).click();
  const scaleNow = () => page.evaluate(() => (window as unknown as { editingHarness: { painter: { scale: number } } }).editingHarness.painter.scale);
  const fitted = await scaleNow();
  const pointer = await at(100, 100);
  await page.mouse.move(pointer.x, pointer.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.waitForFunction((s) => (window as unknown as { editingHarness: { painter: { scale: number } } }).editingHarness.painter.scale > s, fitted);
  const still = await at(100, 100);
  assert.ok(Math.abs(still.x - pointer.x) < 1 && Math.abs(still.y - pointer.y) < 1, `the pixel under the pointer moved from ${JSON.stringify(pointer)} to ${JSON.stringify(still)}`);
  await painter.getByRole('button', { name: 'Fit to View' }).click();
  assert.equal(await scaleNow(), fitted);

  // Clear: the mask is empty, all opaque; Clear can be undone.
  await painter.getByRole('button', { name: 'Clear Mask' }).click();
  assert.equal(await page.evaluate(() => (window as unknown as { editingHarness: { painter: { isEmpty(): boolean } } }).editingHarness.painter.isEmpty()), true);
  assert.equal(transparentCount(await exportedMask()), 0);
  await painter.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.evaluate(() => (window as unknown as { editingHarness: { painter: { isEmpty(): boolean } } }).editingHarness.painter.isEmpty()), false);
  assert.ok((await events()).some((e) => e.startsWith('change:')), 'onChange was called');
});

test('before/after: drag the divider, move it with keys, switch to side by side', async () => {
  const divider = page.getByRole('slider', { name: 'Divider between v2 and v3' });
  assert.equal(await divider.getAttribute('aria-valuenow'), '50');
  const box = (await page.locator('.before-after-box').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  assert.equal(await divider.getAttribute('aria-valuenow'), '25');
  const clip = await page.locator('.before-after-layer.after').evaluate((el) => getComputedStyle(el).clipPath);
  assert.match(clip, /inset\(0(px)? 0(px)? 0(px)? 25%\)/);
  const line = (await divider.boundingBox())!;
  assert.ok(Math.abs(line.x + line.width / 2 - (box.x + box.width * 0.25)) < 2, 'the divider sits where it was dropped');

  await divider.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await divider.getAttribute('aria-valuenow'), '26');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await divider.getAttribute('aria-valuenow'), '36');
  await page.keyboard.press('End');
  assert.equal(await divider.getAttribute('aria-valuenow'), '100');
  await page.keyboard.press('Home');
  assert.equal(await divider.getAttribute('aria-valuenow'), '0');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  assert.equal(await divider.getAttribute('aria-valuenow'), '30');
  await themed('compare-slider', '.before-after');

  await page.getByRole('radio', { name: 'Side by Side' }).click();
  await page.locator('.before-after-side').waitFor();
  assert.deepEqual(await page.locator('.before-after-figure figcaption').allInnerTexts(), ['v2', 'v3']);
  const [left, right] = await Promise.all([page.locator('.before-after-figure.before .before-after-frame').boundingBox(), page.locator('.before-after-figure.after .before-after-frame').boundingBox()]);
  assert.ok(left && right && left.x + left.width <= right.x && Math.abs(left.y - right.y) < 1 && Math.abs(left.height - right.height) < 1, 'side by side, same size boxes');
  assert.ok((await events()).includes('mode:sideBySide'));
  await themed('compare-side', '.before-after');
  await page.getByRole('radio', { name: 'Slider' }).click();
  await divider.waitFor();
});

test('version strip: select by click and Enter, Use This Version, pick two to compare', async () => {
  const strip = page.locator('.lineage');
  const thumb = (label: string) => strip.getByRole('button', { name: new RegExp(`^${label}: `) });
  assert.equal(await thumb('v3').getAttribute('aria-current'), 'true', 'the selected version starts highlighted');
  await thumb('v2').click();
  await page.waitForFunction(() => (window as unknown as { editingHarness: { events: string[] } }).editingHarness.events.includes('select:v2'));
  assert.equal(await thumb('v2').getAttribute('aria-current'), 'true');
  assert.equal(await thumb('v3').getAttribute('aria-current'), null);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.startsWith('v2: ')), true, 'focus stays on the thumbnail after the redraw');

  await page.keyboard.press('Tab'); // Use This Version of v2
  await page.keyboard.press('Tab'); // Compare v2
  await page.keyboard.press('Tab'); // v3's thumbnail
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window as unknown as { editingHarness: { events: string[] } }).editingHarness.events.includes('select:v3'));
  assert.equal(await thumb('v3').getAttribute('aria-current'), 'true');

  await strip.locator('[data-uri="file:///w/cat-v2.png"]').getByRole('button', { name: 'Use This Version' }).click();
  assert.ok((await events()).includes('use:v2'));
  assert.equal(await strip.locator('[data-uri="file:///w/cat.png"] .lineage-in-use').innerText(), 'In use');
  assert.equal(await strip.locator('[data-uri="file:///w/cat-v4.png"]').getByRole('button', { name: 'Use This Version' }).isDisabled(), true, 'a missing file cannot be used');
  assert.equal(await strip.getByRole('button', { name: 'Compare v4' }).isDisabled(), true);

  await strip.getByRole('button', { name: 'Compare v3' }).click();
  assert.equal(await strip.getByRole('button', { name: 'Compare v3' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await strip.locator('.lineage-hint').innerText(), 'Pick another version to compare with v3.');
  await themed('lineage-one-picked', '.lineage');
  await strip.getByRole('button', { name: 'Compare v1' }).click();
  await page.waitForFunction(() => (window as unknown as { editingHarness: { events: string[] } }).editingHarness.events.includes('compare:v1,v3'));
  await page.getByRole('slider', { name: 'Divider between v1 and v3' }).waitFor();
  assert.equal(await strip.locator('.lineage-hint').isHidden(), true);
  await themed('lineage-compared', '.lineage');

  const violations = await page.evaluate(() => (window as unknown as { editingHarness: { violations: string[] } }).editingHarness.violations);
  assert.deepEqual(violations, [], 'the components break no rule of the studio\'s CSP');
});
