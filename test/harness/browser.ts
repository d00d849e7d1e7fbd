import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { makeTempDir, removeTempDir } from './cleanup';
import { chromiumPath, resultsDir } from './paths';

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

// Without the networking flags Chromium keeps dialling Google's hosts, which this network refuses.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium headless with a fresh profile, and one page at 1280×800. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = await makeTempDir('dmxapi-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      await removeTempDir(profile);
    },
  };
}

/** The workbench URL that opens a folder, or a multi-root workspace when `openPath` is a `.code-workspace` file. */
export function workbenchUrl(serverUrl: string, openPath: string): string {
  const key = openPath.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `${serverUrl}/?${key}=${encodeURIComponent(openPath)}`;
}

/** Navigates to the workbench and waits until its layout is on screen. */
export async function openWorkbench(page: Page, serverUrl: string, openPath: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(workbenchUrl(serverUrl, openPath));
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
}

const labels = '.quick-input-widget .monaco-list-row .label-name';

/** Opens the command palette (F1) with `>query` typed. */
async function openPalette(page: Page, query: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  await input.fill(`>${query}`);
}

/**
 * Opens the palette on `title` until its row shows up, then hands the row to `use`. Contributed commands appear
 * only once the extension host has scanned extensions, so a missing row means "retry", not "fail", until timeout.
 */
async function withPaletteRow(page: Page, title: string, timeoutMs: number, use: (row: Locator) => Promise<void>): Promise<void> {
  const row = page
    .locator('.quick-input-widget .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openPalette(page, title);
    try {
      await row.waitFor({ state: 'visible', timeout: 2_000 });
      return await use(row);
    } catch (error) {
      const seen = await page.locator(labels).allInnerTexts().catch(() => []);
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw new Error(`No palette entry "${title}" within ${timeoutMs} ms (listed: ${seen.join(' | ') || 'nothing'}): ${String(error)}`);
      }
    }
  }
}

/** Runs a command by its palette title, e.g. `DMXAPI: Generate Image`. */
export async function runCommand(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  await withPaletteRow(page, title, timeoutMs, (row) => row.click());
}

/** Waits until the palette lists `title` (e.g. until an installed extension's commands are known). */
export async function waitForPaletteEntry(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  await withPaletteRow(page, title, timeoutMs, () => page.keyboard.press('Escape'));
}

/** The titles the palette lists for `query`, for assertions about contributed commands. */
export async function paletteEntries(page: Page, query: string): Promise<string[]> {
  await openPalette(page, query);
  const rows = page.locator(labels);
  await rows.first().waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
  const titles = await rows.allInnerTexts();
  await page.keyboard.press('Escape');
  return titles.map((t) => t.trim());
}

/** Finds the frame (e.g. a webview's `#active-frame`) holding `selector`, waiting for it to appear. */
export async function findFrame(page: Page, selector: string, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No frame holds "${selector}" after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/** Saves the page as `test-results/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
