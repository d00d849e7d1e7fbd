import type { Frame, Locator, Page } from 'playwright-core';
import { waitFor } from '../support/waitFor';

/**
 * Every step that can race the workbench (the palette, Quick Open, a context menu, focus, notifications) goes
 * through `uiStep`: it does the step, waits until the step's effect is on screen, and does the step again when it
 * is not. So a step may only open, type into, focus or close UI — never run a command or click a button that can
 * send a request: those happen once, after the step that leads to them has visibly succeeded.
 */

export interface StepOptions {
  /** How long one attempt waits for the effect before the step is done again. */
  readonly attemptMs?: number;
  /** How long all attempts together may take. */
  readonly timeoutMs?: number;
}

/** What the workbench looked like when a step had to be repeated, so a log says what was in the way. */
async function describeWorkbench(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const active = document.activeElement;
      const where = active
        ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''}${active.className && typeof active.className === 'string' ? `.${active.className.trim().split(/\s+/).slice(0, 3).join('.')}` : ''}`
        : 'nothing';
      const toasts = [...document.querySelectorAll<HTMLElement>('.notification-toast')].map((t) => t.innerText.split('\n')[0]);
      const quickInput = document.querySelector<HTMLElement>('.quick-input-widget');
      const quickOpen = quickInput && quickInput.style.display !== 'none' ? 'open' : 'closed';
      return `focus in ${where}; quick input ${quickOpen}; notifications: ${toasts.join(' | ') || 'none'}`;
    })
    .catch((error: unknown) => `(page not readable: ${String(error)})`);
}

/** Retries of UI steps seen in this process, for the run's log. */
export const retriedSteps: string[] = [];

/** Does `act` until `effect` holds (a locator visible, or a predicate true), at most for `timeoutMs`. */
export async function uiStep(
  page: Page,
  what: string,
  act: () => Promise<void>,
  effect: Locator | (() => Promise<boolean>),
  options: StepOptions = {},
): Promise<void> {
  const attemptMs = options.attemptMs ?? 5_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const visible = async (): Promise<boolean> => {
    if (typeof effect !== 'function') {
      return effect.waitFor({ state: 'visible', timeout: attemptMs }).then(
        () => true,
        () => false,
      );
    }
    return waitFor(async () => ((await effect()) ? true : undefined), what, attemptMs).then(
      () => true,
      () => false,
    );
  };
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      await act();
      if (await visible()) return;
    } catch (error) {
      failure = error;
    }
    const state = await describeWorkbench(page);
    if (Date.now() > deadline) {
      throw new Error(`${what}: not done after ${attempt} attempts (${state})${failure ? `: ${String(failure)}` : ''}`);
    }
    const note = `retrying "${what}" (attempt ${attempt + 1}): ${state}`;
    retriedSteps.push(note);
    console.log(`# ${note}`);
    await page.keyboard.press('Escape').catch(() => undefined);
  }
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');
const quickInputBox = (page: Page) => page.locator('.quick-input-widget .quick-input-box input');

function rowLabelled(page: Page, title: string): Locator {
  return page
    .locator('.quick-input-widget .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    })
    .first();
}

/** Opens the palette (F1 reaches the workbench even from a webview) with `text` typed, until `row` is listed. */
async function paletteShowing(page: Page, text: string, row: Locator, what: string, options: StepOptions): Promise<void> {
  await uiStep(
    page,
    what,
    async () => {
      if (!(await quickInputBox(page).isVisible())) await page.keyboard.press('F1');
      await quickInputBox(page).waitFor({ state: 'visible', timeout: 5_000 });
      await quickInputBox(page).fill(text);
    },
    row,
    options,
  );
}

/**
 * Runs a command by its palette title, e.g. `DMXAPI: Generate Image`. Contributed commands are listed only once
 * the extension host has scanned extensions, so opening the palette is repeated until the row is there; the row
 * is then chosen once, and the palette's closing is the sign that the command was started.
 */
export async function runCommand(page: Page, title: string, options: StepOptions = {}): Promise<void> {
  const row = rowLabelled(page, title);
  await paletteShowing(page, `>${title}`, row, `palette lists "${title}"`, { timeoutMs: 30_000, ...options });
  await row.click();
  await waitFor(async () => ((await quickInputBox(page).inputValue().catch(() => '')) !== `>${title}` || !(await quickInputBox(page).isVisible()) ? true : undefined), `"${title}" to start`, 10_000);
}

/** Waits until the palette lists `title` (e.g. until an installed extension's commands are known), then closes it. */
export async function waitForPaletteEntry(page: Page, title: string, options: StepOptions = {}): Promise<void> {
  await paletteShowing(page, `>${title}`, rowLabelled(page, title), `palette lists "${title}"`, { timeoutMs: 30_000, ...options });
  await closeQuickInput(page);
}

/** The titles the palette lists for `query`, once it lists at least one. */
export async function paletteEntries(page: Page, query: string): Promise<string[]> {
  const rows = page.locator('.quick-input-widget .monaco-list-row .label-name');
  await paletteShowing(page, `>${query}`, rows.first(), `palette lists "${query}"`, {});
  const titles = await rows.allInnerTexts();
  await closeQuickInput(page);
  return titles.map((t) => t.trim());
}

export async function closeQuickInput(page: Page): Promise<void> {
  await uiStep(page, 'quick input closed', () => page.keyboard.press('Escape'), async () => !(await quickInput(page).isVisible()));
}

/** The editor of the active group has keyboard focus and shows `name` (the window title names the active editor). */
async function editorFocused(page: Page, name: string): Promise<boolean> {
  const titled = await page.evaluate((file) => document.title.startsWith(file), name);
  return titled && (await page.locator('.editor-group-container.active .monaco-editor.focused').count()) > 0;
}

/** Opens a file through Quick Open until its editor has keyboard focus (opening a file twice is harmless). */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await uiStep(
    page,
    `"${name}" open with focus`,
    async () => {
      if (await editorFocused(page, name)) return;
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
      await paletteShowing(page, name, row, `Quick Open lists "${name}"`, { timeoutMs: 10_000 });
      await page.keyboard.press('Enter');
    },
    () => editorFocused(page, name),
  );
}

/**
 * Answers the quick input (an input box a command opened) whose title or prompt contains `text`: the box is
 * the command's effect, so it is waited for, not opened again; typing is repeated until the box holds `value`,
 * and Enter is pressed once.
 */
export async function answerInputBox(page: Page, text: string, value: string, timeoutMs = 15_000): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: text });
  await widget.waitFor({ state: 'visible', timeout: timeoutMs });
  const input = widget.locator('.quick-input-box input');
  await uiStep(page, `input box "${text}" holds the answer`, () => input.fill(value), async () => (await input.inputValue()) === value, { timeoutMs });
  await input.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Right-clicks `row` until the menu shows `label`, then clicks the item until the menu closes (which runs it). */
export async function contextMenuItem(page: Page, row: Locator, label: string): Promise<void> {
  const item = page.locator('.monaco-menu .action-item', { hasText: label }).first();
  await uiStep(page, `context menu shows "${label}"`, () => row.click({ button: 'right' }), item);
  // A click that lands while the menu is still opening is lost and leaves the menu open; one that runs the item
  // closes the menu. So the click is repeated only while the menu is still there.
  await uiStep(
    page,
    `"${label}" chosen`,
    async () => {
      if (!(await item.isVisible())) return;
      await item.hover();
      await item.click({ timeout: 2_000 });
    },
    async () => !(await item.isVisible()),
    { attemptMs: 2_000 },
  );
}

/** Shows the Explorer and expands `folder` (a top-level folder of the workspace) until `file` is listed in it. */
export async function explorerRow(page: Page, folder: string, file: string): Promise<Locator> {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  const folderRow = rows.filter({ hasText: new RegExp(`^${escapeRegExp(folder)}$`) }).first();
  const fileRow = rows.filter({ hasText: file }).first();
  await uiStep(
    page,
    `Explorer lists ${folder}/${file}`,
    async () => {
      if (!(await folderRow.isVisible())) await runCommand(page, 'View: Show Explorer');
      await folderRow.waitFor({ state: 'visible', timeout: 5_000 });
      if ((await folderRow.getAttribute('aria-expanded')) !== 'true') await folderRow.click();
    },
    fileRow,
  );
  return fileRow;
}

const toasts = (page: Page) => page.locator('.notifications-toasts .notification-toast');

/** Clears every notification (toasts and the center), until none is on screen. */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await toasts(page).count()) === 0) return;
  await uiStep(page, 'notifications cleared', () => runCommand(page, 'Notifications: Clear All Notifications'), async () => (await toasts(page).count()) === 0);
}

/**
 * The state each test starts from: no quick input or menu open, no notification, keyboard focus in the workbench
 * rather than inside a webview (a webview holding focus swallows the next keystrokes and closes quick inputs).
 */
export async function knownWorkbenchState(page: Page): Promise<void> {
  await closeQuickInput(page);
  await uiStep(page, 'no context menu', () => page.keyboard.press('Escape'), async () => !(await page.locator('.context-view .monaco-menu').isVisible()));
  await clearNotifications(page);
}

/** Closes every editor (webviews included) until none is left: a test that needs none starts here. */
export async function closeAllEditors(page: Page): Promise<void> {
  const tabs = page.locator('.editor-group-container .tabs-container .tab');
  if ((await tabs.count()) === 0) return;
  const dontSave = page.getByRole('button', { name: "Don't Save" });
  await uiStep(
    page,
    'all editors closed',
    async () => {
      if (await dontSave.isVisible()) await dontSave.click();
      else await runCommand(page, 'View: Close All Editors');
    },
    async () => (await tabs.count()) === 0,
  );
}

/** Finds the frame (e.g. a webview's `#active-frame`) holding `selector`, waiting for it to appear. */
export async function findFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  return waitFor(
    async () => {
      for (const frame of page.frames()) {
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      return undefined;
    },
    `a frame holding "${selector}"`,
    timeoutMs,
  );
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
