import { existsSync, readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Steps the e2e tests share: waiting on the file system and opening files as a person does. */

/** Polls `probe` until it returns a value, or fails naming `what`. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Opens a file through Quick Open (F1 reaches the workbench even from a webview) and waits until its editor has focus. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  // The window title names the active editor; typing waits until its text area has focus.
  await page.waitForFunction((file) => document.title.startsWith(file), name, { timeout: 15_000 });
  await page.locator('.monaco-editor.focused .view-lines').first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Image files in a folder (temporary `.partial` files and other dot-files left out), sorted. */
export function filesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => !f.startsWith('.')).sort() : [];
}
