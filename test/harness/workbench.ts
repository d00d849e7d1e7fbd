import { existsSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

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

/**
 * `test` from node:test, except that a failing test leaves a screenshot of the window in test-results/
 * (`e2e-<prefix>-failed-<name>.png`) for whoever reads the log.
 */
export function testWithScreenshot(prefix: string, page: () => Page | undefined) {
  return (name: string, body: () => Promise<void>): void => {
    test(name, async () => {
      try {
        await body();
      } catch (error) {
        const current = page();
        if (current) await screenshot(current, `e2e-${prefix}-failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => undefined);
        throw error;
      }
    });
  };
}
