// `npm run screenshots`: the pictures in the README, taken from the packaged extension in a real VS Code
// (code-server) against the fake DMXAPI, written into docs/images/ (or `--out DIR`). Tests never write there.
//   generate-from-selection.png  a prompt in Markdown, its image linked under it, the preview beside it
//   error-retry.png              a server error with Retry
//   studio-light.png / studio-dark.png / studio-compare.png   the Image Studio
//   studio-zh-cn.png             the Image Studio in Simplified Chinese
//   studio-edit-mask.png         edit mode on a PNG from the Explorer, a mask painted for gpt-image-2
//   studio-versions.png          after an edit and two refines: the versions v1 → v4 and v1/v3 compared with the slider
//   studio-refine.png            the results of those edits, each with its Refine box
//   studio-edit-zh-cn.png        edit mode in Simplified Chinese
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { openInstalledWorkbench, filesIn, type InstalledWorkbench, type InstalledWorkbenchOptions } from '../test/harness/installedWorkbench';
import { projectRoot } from '../test/harness/paths';
import { contextMenuItem, explorerRow, findFrame, quickOpen, runCommand, uiStep } from '../test/harness/ui';
import { gradientPng } from '../test/support/images';
import { waitFor } from '../test/support/waitFor';

const { values } = parseArgs({ options: { out: { type: 'string' }, only: { type: 'string' } } });
const outDir = path.resolve(values.out ?? path.join(projectRoot, 'docs', 'images'));
const VIEWPORT = { width: 1440, height: 900 };

/** Waits until everything on screen has been drawn: fonts loaded, images decoded, two frames painted. */
async function settled(frame: Page | Frame): Promise<void> {
  await frame.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

async function shoot(page: Page, name: string, frames: ReadonlyArray<Page | Frame> = []): Promise<void> {
  for (const frame of [page, ...frames]) await settled(frame);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function withWorkbench(options: InstalledWorkbenchOptions, use: (session: InstalledWorkbench) => Promise<void>): Promise<void> {
  const session = await openInstalledWorkbench({ viewport: VIEWPORT, env: { DMXAPI_API_KEY: 'sk-screenshots-key-0123456789' }, ...options });
  try {
    await use(session);
  } finally {
    await session.close();
  }
}

async function selectNewPrompt(page: Page, prompt: string): Promise<void> {
  await quickOpen(page, 'page.md');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(prompt);
  await page.keyboard.press('Shift+Home');
}

/** The studio alone, as wide as the window: the layout with the controls beside the results. */
async function maximizeEditor(page: Page): Promise<void> {
  await uiStep(page, 'side bars hidden', () => runCommand(page, 'View: Maximize Editor Group and Hide Side Bars'), async () => !(await page.locator('.part.sidebar').isVisible()));
}

async function pickTheme(page: Page, label: string, kind: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await uiStep(page, `theme picker lists ${label}`, () => input.fill(label), row);
  await page.keyboard.press('Enter');
  await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, kind);
}

/** Opens the studio beside page.md and generates one gemini-3.1 image at 16:9, 2K from `prompt`. */
async function studioWithPreview(page: Page, prompt: string, generate: string): Promise<Frame> {
  await quickOpen(page, 'page.md');
  await runCommand(page, generate);
  const studio = await findFrame(page, '#generate');
  await studio.locator('#model').selectOption('gemini-3.1-flash-image');
  await studio.locator('[role="radiogroup"]').first().getByRole('radio', { name: /^16:9,/ }).click();
  await studio.locator('[role="radiogroup"]').nth(1).getByRole('radio', { name: '2K', exact: true }).click();
  await studio.locator('#prompt').fill(prompt);
  await studio.locator('#generate').click();
  await studio.waitForFunction(() => {
    const images = [...document.querySelectorAll<HTMLImageElement>('#results .image-card .thumb img')];
    return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
  }, undefined, { timeout: 30_000 });
  return studio;
}

/** A picture to edit and a document linking it, in `pictures/` of the first workspace folder. */
async function withPictureToEdit(fixture: { folders: readonly string[] }): Promise<void> {
  const folder = path.join(fixture.folders[0]!, 'pictures');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'cat.png'), gradientPng(768, 512));
  await writeFile(path.join(folder, 'cats.md'), '# Cats\n\n![A cat](cat.png)\n');
}

/** Explorer → Edit Image… on pictures/cat.png, with cats.md as the document; the studio in edit mode. */
async function editFromExplorer(page: Page, menuLabel: string): Promise<Frame> {
  await quickOpen(page, 'cats.md');
  const row = await explorerRow(page, 'pictures', 'cat.png');
  await contextMenuItem(page, row, menuLabel);
  return findFrame(page, '#edit-model');
}

/** A stroke across the middle of the mask painter. */
async function paintMask(page: Page, studio: Frame): Promise<void> {
  const viewport = studio.locator('.mask-viewport');
  await viewport.waitFor({ state: 'visible' });
  const box = await viewport.boundingBox();
  if (!box) throw new Error('the mask painter has no box');
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 12 });
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.6, { steps: 12 });
  await page.mouse.up();
}

/** Waits until the result card of `fileName` shows its preview. */
async function resultShown(studio: Frame, fileName: string): Promise<void> {
  await studio.waitForFunction(
    (name) => {
      const img = document.querySelector<HTMLImageElement>(`#results .image-card .thumb[aria-label$="${name}"] img`);
      return !!img && img.complete && img.naturalWidth > 0;
    },
    fileName,
    { timeout: 30_000 },
  );
}

async function refineCard(studio: Frame, fileName: string, instruction: string, button: string): Promise<void> {
  const card = studio.locator('#results .image-card', { has: studio.locator(`.thumb[aria-label$="${fileName}"]`) });
  await card.locator('.refine-input').fill(instruction);
  await card.getByRole('button', { name: button, exact: true }).click();
}

const shots: Record<string, () => Promise<void>> = {
  async editor() {
    await withWorkbench({ workspaceSettings: { 'dmxapi.maxRetries': 0 } }, async ({ page, fake, fixture }) => {
      const prompt = 'A watercolor fox reading a book';
      await selectNewPrompt(page, prompt);
      fake.setFault({ kind: 'status', status: 500, times: 1 });
      await runCommand(page, 'DMXAPI: Generate Image');
      const toast = page.locator('.notification-toast', { hasText: 'DMXAPI had a server error (500)' });
      await toast.waitFor({ state: 'visible', timeout: 20_000 });
      await page.locator('.notification-toast', { hasText: 'Generating image with' }).waitFor({ state: 'hidden', timeout: 15_000 });
      await toast.hover();
      await toast.getByRole('button', { name: 'Retry' }).waitFor({ state: 'visible' });
      await shoot(page, 'error-retry');

      await toast.getByRole('button', { name: 'Retry' }).click();
      const assets = path.join(fixture.folders[0]!, 'assets');
      await waitFor(() => filesIn(assets).length > 0, 'the image from Retry', 30_000);
      await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: `![${prompt}]` }).first().waitFor({ timeout: 30_000 });
      await quickOpen(page, 'page.md');
      await page.keyboard.press('Control+S');
      await runCommand(page, 'Markdown: Open Preview to the Side');
      const preview = await findFrame(page, `img[alt="${prompt}"]`);
      await preview.waitForFunction((alt) => {
        const img = document.querySelector<HTMLImageElement>(`img[alt="${alt}"]`);
        return !!img && img.complete && img.naturalWidth > 0;
      }, prompt, { timeout: 30_000 });
      await runCommand(page, 'Notifications: Clear All Notifications');
      await page.locator('.notification-toast').first().waitFor({ state: 'hidden' });
      await shoot(page, 'generate-from-selection', [preview]);
    });
  },

  async studio() {
    await withWorkbench({ userSettings: { 'workbench.colorTheme': 'Default Light Modern' } }, async ({ page }) => {
      let studio = await studioWithPreview(page, 'A lighthouse at dusk, watercolor', 'DMXAPI: Open Image Studio');
      await maximizeEditor(page);
      await studio.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'studio-light', [studio]);
      await pickTheme(page, 'Dark Modern', 'vs-dark');
      studio = await findFrame(page, '#generate');
      await studio.waitForFunction(() => document.body.classList.contains('vscode-dark'));
      await shoot(page, 'studio-dark', [studio]);

      await studio.getByRole('checkbox', { name: 'Compare models' }).check();
      await studio.locator('#compare-nano-banana-2').check();
      await studio.locator('#compare-dall-e-3').check();
      await studio.locator('#prompt').fill('A red bicycle against a white wall');
      await studio.locator('#generate').click();
      await studio.waitForFunction(() => {
        const images = [...document.querySelectorAll<HTMLImageElement>('.compare-row .compare-column .thumb img')];
        return images.length === 3 && images.every((img) => img.complete && img.naturalWidth > 0);
      }, undefined, { timeout: 30_000 });
      await studio.locator('.compare-row').scrollIntoViewIfNeeded();
      await shoot(page, 'studio-compare', [studio]);
    });
  },

  async editing() {
    await withWorkbench({ userSettings: { 'workbench.colorTheme': 'Default Light Modern' }, prepare: withPictureToEdit }, async ({ page }) => {
      const studio = await editFromExplorer(page, 'Edit Image…');
      await maximizeEditor(page);
      await studio.locator('#edit-model').selectOption('gpt-image-2');
      await paintMask(page, studio);
      await studio.locator('#prompt').fill('Put a red hat on the cat');
      await studio.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'studio-edit-mask', [studio]);

      await studio.locator('#generate').click();
      await resultShown(studio, 'cat-v2.png');
      await studio.locator('#edit-model').selectOption('gemini-3.1-flash-image');
      await refineCard(studio, 'cat-v2.png', 'Make it a watercolor', 'Refine');
      await resultShown(studio, 'cat-v3.png');
      await refineCard(studio, 'cat-v3.png', 'Now make the hat blue', 'Refine');
      await resultShown(studio, 'cat-v4.png');
      await studio.waitForFunction(() => document.querySelectorAll('.lineage .lineage-item').length === 4, undefined, { timeout: 15_000 });
      const item = (label: string) => studio.locator('.lineage .lineage-item', { has: studio.locator('.version-badge', { hasText: label }) });
      await item('v1').getByRole('button', { name: 'Compare v1' }).click();
      await item('v3').getByRole('button', { name: 'Compare v3' }).click();
      await studio.locator('.before-after').waitFor({ state: 'visible' });
      await studio.locator('.lineage-panel').scrollIntoViewIfNeeded();
      await shoot(page, 'studio-versions', [studio]);

      await studio.getByRole('button', { name: 'Close Comparison' }).click();
      const newest = studio.locator('#results .image-card').first();
      await newest.locator('.refine-input').fill('Add a green scarf');
      await studio.evaluate(() => window.scrollTo(0, 0));
      await studio.locator('#results').evaluate((results) => results.scrollIntoView({ block: 'start' }));
      await shoot(page, 'studio-refine', [studio]);
    });
  },

  async editingChinese() {
    await withWorkbench(
      { locale: 'zh-cn', readyCommand: 'DMXAPI: 生成图片', userSettings: { 'workbench.colorTheme': 'Default Light Modern' }, prepare: withPictureToEdit },
      async ({ page }) => {
        const studio = await editFromExplorer(page, '编辑图片…');
        await maximizeEditor(page);
        await studio.locator('#edit-model').selectOption('gpt-image-2');
        await paintMask(page, studio);
        await studio.locator('#prompt').fill('给猫戴上一顶红帽子');
        await studio.evaluate(() => window.scrollTo(0, 0));
        await shoot(page, 'studio-edit-zh-cn', [studio]);
      },
    );
  },

  async chinese() {
    await withWorkbench({ locale: 'zh-cn', readyCommand: 'DMXAPI: 生成图片', userSettings: { 'workbench.colorTheme': 'Default Light Modern' } }, async ({ page }) => {
      const studio = await studioWithPreview(page, '黄昏时的灯塔,水彩画', 'DMXAPI: 打开图片工作室');
      await maximizeEditor(page);
      await studio.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'studio-zh-cn', [studio]);
    });
  },
};

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const wanted = values.only ? values.only.split(',') : Object.keys(shots);
  for (const name of wanted) {
    const take = shots[name];
    if (!take) throw new Error(`--only: no set of screenshots named "${name}" (known: ${Object.keys(shots).join(', ')})`);
    await take();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
