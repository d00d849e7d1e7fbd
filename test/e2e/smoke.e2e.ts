// A person's first steps: the packaged .vsix installs into a real VS Code (code-server), the workbench opens a
// folder in Chromium, the palette lists the DMXAPI commands and one of them runs. `npm run test:e2e` packages first.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openWorkbench, type BrowserSession } from '../harness/browser';
import { createSandbox, installExtension, listExtensions, startCodeServer, type CodeServer, type Sandbox } from '../harness/codeServer';
import { extensionId, paletteTitles } from '../harness/manifest';
import { projectRoot } from '../harness/paths';
import { closeQuickInput, paletteEntries, runCommand, waitForPaletteEntry } from '../harness/ui';
import { createWorkspaceFixture } from '../harness/workspace';

const vsix = path.join(projectRoot, 'dist-vsix', 'dmxapi-image-studio.vsix');
let sandbox: Sandbox;
let server: CodeServer | undefined;
let browser: BrowserSession | undefined;

before(async () => {
  assert.ok(existsSync(vsix), `${vsix} is missing: run \`npm run package\` first`);
  sandbox = await createSandbox();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sandbox?.dispose();
});

test('the .vsix installs into code-server', async () => {
  await installExtension(sandbox, vsix);
  const installed = await listExtensions(sandbox);
  assert.ok(installed.some((line) => line.startsWith(`${extensionId()}@`)), `installed: ${installed.join(', ')}`);
});

test('the workbench opens a folder', async () => {
  const fixture = await createWorkspaceFixture(sandbox.root, { kind: 'folder' });
  server = await startCodeServer(sandbox, { workspace: fixture.openPath });
  browser = await launchBrowser();
  await openWorkbench(browser.page, server.url, fixture.openPath);
  await browser.page.locator('.explorer-folders-view').getByText('docs', { exact: true }).waitFor();
});

test('the palette lists every DMXAPI command', async () => {
  assert.ok(browser);
  const expected = paletteTitles();
  assert.ok(expected.length > 0, 'package.json contributes no palette command');
  // Entries appear once the extension host has scanned the installed extension.
  await waitForPaletteEntry(browser.page, expected[0] ?? '');
  const listed = await paletteEntries(browser.page, 'DMXAPI:');
  assert.deepEqual(expected.filter((title) => !listed.includes(title)), [], `listed: ${listed.join(' | ')}`);
});

test('DMXAPI: Select Model runs from the palette and shows its picker', async () => {
  assert.ok(browser);
  await runCommand(browser.page, 'DMXAPI: Select Model');
  const picker = browser.page.locator('.quick-input-widget');
  await picker.locator('.quick-input-title', { hasText: 'DMXAPI: Select Model' }).waitFor({ state: 'visible' });
  await picker.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
  await closeQuickInput(browser.page);
});
