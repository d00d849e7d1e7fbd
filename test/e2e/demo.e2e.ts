// `npm run demo` for a newcomer: the URL it prints opens the sample document with the prompt on screen, the cursor
// on it and a line saying which command to run; doing what that line says gives an image and its link.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { PROMPT_LINE, startDemo, type Demo } from '../../scripts/demo';
import { launchBrowser, screenshot, type BrowserSession } from '../harness/browser';
import { filesIn } from '../harness/installedWorkbench';
import { runCommand, uiStep, waitForPaletteEntry } from '../harness/ui';
import { waitFor } from '../support/waitFor';

let demo: Demo | undefined;
let browser: BrowserSession | undefined;

before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('the demo opens docs/welcome.md with the prompt on screen, the cursor on it, and the command to run', async () => {
  assert.ok(demo && browser);
  const page = browser.page;
  try {
    await page.goto(demo.url);
    const editor = page.locator('.editor-group-container.active .monaco-editor');
    const cursorOnPrompt = page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${PROMPT_LINE}, Col 1$`) });
    await editor.locator('.view-lines', { hasText: 'A cozy reading nook with a cat, watercolor' }).waitFor({ state: 'visible', timeout: 60_000 });
    await editor.locator('.view-lines', { hasText: 'run **DMXAPI: Generate Image**' }).waitFor({ state: 'visible' });
    await page.locator('.tab.active', { hasText: 'welcome.md' }).waitFor({ state: 'visible' });
    await cursorOnPrompt.waitFor({ state: 'visible' });

    // What the line says: select the prompt, run the command.
    await waitForPaletteEntry(page, 'DMXAPI: Generate Image', { timeoutMs: 60_000 });
    const focused = page.locator('.editor-group-container.active .monaco-editor.focused');
    await uiStep(page, 'the editor has focus', () => runCommand(page, 'View: Focus Active Editor Group'), focused);
    await cursorOnPrompt.waitFor({ state: 'visible' });
    await page.keyboard.press('Shift+End');
    await page.locator('.statusbar-item', { hasText: /\(42 selected\)/ }).waitFor({ state: 'visible' });
    await runCommand(page, 'DMXAPI: Generate Image');
    const assets = path.join(demo.workspace, 'assets');
    const [file] = await waitFor(() => (filesIn(assets).length ? filesIn(assets) : undefined), 'an image in assets/', 30_000);
    assert.match(file!, /^a-cozy-reading-nook-with-a-cat-watercolor-\d{8}-\d{6}\.png$/);
    await page.locator('.view-lines', { hasText: '![A cozy reading nook' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(readFileSync(path.join(demo.workspace, 'docs', 'welcome.md'), 'utf8').includes('A cozy reading nook'));
  } catch (error) {
    await screenshot(page, 'e2e/demo-failed').catch(() => undefined);
    throw error;
  }
});
