import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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

/** Saves the page as `test-results/<name>.png` (git-ignored: screenshots for diagnosis) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(resultsDir, `${name}.png`);
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}
