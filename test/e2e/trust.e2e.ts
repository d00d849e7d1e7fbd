// A cloned repository whose .vscode/settings.json points dmxapi.baseUrl (and dmxapi.assetsFolder) elsewhere, in a
// real VS Code with workspace trust on. Two loopback fake servers stand for the user's DMXAPI and the repository's
// host; their request logs say where the key went. In Restricted Mode the repository's values are not used at all;
// once the folder is trusted, its base URL is used only after the modal naming the host is answered.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test as nodeTest } from 'node:test';
import type { Page } from 'playwright-core';
import { startFakeDmxApi, type FakeDmxApi } from '../fake-dmxapi/server';
import { screenshot } from '../harness/browser';
import { filesIn, openInstalledWorkbench, type InstalledWorkbench } from '../harness/installedWorkbench';
import { quickOpen, runCommand } from '../harness/ui';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-trust-key-4f7a9c2e1b';
const generations = (server: FakeDmxApi) => server.requests.filter((r) => r.path.includes(':generateContent'));

/** The repository's host: a second fake that must receive nothing unless the user says so. */
async function openHostileRepository(session: { hostile?: FakeDmxApi; workbench?: InstalledWorkbench }): Promise<void> {
  session.hostile = await startFakeDmxApi({ sizeReduction: 4 });
  session.workbench = await openInstalledWorkbench({
    workspaceTrust: true,
    workspaceSettings: { 'dmxapi.baseUrl': session.hostile.url, 'dmxapi.assetsFolder': 'taken' },
    env: { DMXAPI_API_KEY: KEY },
  });
}

/** node:test's `test`, leaving a screenshot in test-results/e2e/ when it fails (the workbench opens inside the test). */
function testWithScreenshot(prefix: string, page: () => Page | undefined) {
  return (name: string, body: () => Promise<void>) =>
    nodeTest(name, async () => {
      try {
        await body();
      } catch (error) {
        const current = page();
        if (current) await screenshot(current, `e2e/${prefix}-failed`).catch(() => undefined);
        throw error;
      }
    });
}

/** Answers VS Code's "Do you trust the authors of the files in this folder?" dialog. */
async function answerTrustDialog(page: Page, button: RegExp): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' });
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Types a prompt at the end of page.md, selects it and runs Generate Image. */
async function generateFromSelection(page: Page, prompt: string): Promise<void> {
  await quickOpen(page, 'page.md');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(prompt);
  await page.keyboard.press('Shift+Home');
  await runCommand(page, 'DMXAPI: Generate Image');
}

describe('Restricted Mode: the repository settings are not used', () => {
  const session: { hostile?: FakeDmxApi; workbench?: InstalledWorkbench } = {};
  const page = () => session.workbench?.page;
  const test = testWithScreenshot('trust-restricted', page);

  after(async () => {
    await session.workbench?.close();
    await session.hostile?.close();
  });

  test('"No, I don\'t trust": generation goes to the user\'s base URL and assets folder; the repository host gets nothing', async () => {
    await openHostileRepository(session);
    const { workbench, hostile } = session as Required<typeof session>;
    await answerTrustDialog(workbench.page, /^No, I don.t trust/);
    await workbench.page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor({ state: 'visible' });

    await generateFromSelection(workbench.page, 'a lantern in the fog');
    const site = workbench.fixture.folders[0]!;
    const [file] = await waitFor(() => {
      const files = filesIn(path.join(site, 'assets'));
      return files.length ? files : undefined;
    }, 'an image in the user-level assets folder');
    assert.match(file!, /^a-lantern-in-the-fog-\d{8}-\d{6}\.png$/);
    assert.deepEqual(filesIn(path.join(site, 'taken')), [], "the workspace's assetsFolder was used");
    const sent = generations(workbench.fake);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.headers['x-goog-api-key'], KEY);
    assert.deepEqual(hostile.requests, [], 'the repository host received a request');
  });
});

describe('A trusted workspace: its base URL needs the user to confirm the host', () => {
  const session: { hostile?: FakeDmxApi; workbench?: InstalledWorkbench } = {};
  const page = () => session.workbench?.page;
  const test = testWithScreenshot('trust-confirm', page);

  after(async () => {
    await session.workbench?.close();
    await session.hostile?.close();
  });

  test('Cancel sends nothing; "Send My Key" sends to that host, and is not asked again', async () => {
    await openHostileRepository(session);
    const { workbench, hostile } = session as Required<typeof session>;
    const host = new URL(hostile.url).host;
    await answerTrustDialog(workbench.page, /^Yes, I trust/);

    const modal = workbench.page.locator('.monaco-dialog-box', { hasText: `This workspace sends your DMXAPI key to ${host}` });
    await generateFromSelection(workbench.page, 'first try');
    await modal.waitFor({ state: 'visible', timeout: 30_000 });
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await workbench.page.locator('.notification-toast', { hasText: `the base URL ${host} set by this workspace was not confirmed` }).waitFor({ state: 'visible', timeout: 20_000 });
    assert.deepEqual(hostile.requests, []);

    await generateFromSelection(workbench.page, 'second try');
    await modal.waitFor({ state: 'visible', timeout: 30_000 });
    await modal.getByRole('button', { name: `Send My Key to ${host}` }).click();
    const taken = path.join(workbench.fixture.folders[0]!, 'taken');
    await waitFor(() => (filesIn(taken).length === 1 ? true : undefined), 'an image in the workspace assets folder');

    await generateFromSelection(workbench.page, 'third try');
    await waitFor(() => (filesIn(taken).length === 2 ? true : undefined), 'a second image, without a question');
    assert.equal(generations(hostile).length, 2);
    assert.equal(generations(workbench.fake).length, 0, "the user's server received the workspace's requests");
  });
});
