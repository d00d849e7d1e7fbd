// A person meets a failure in a real VS Code (code-server) with the packaged .vsix: a 500 with retries off shows
// the error notification with Retry, and one click on Retry generates the same image and links it; a 401 offers
// Set API Key, which asks which site the key is from, then for the key.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { useInstalledWorkbench } from '../harness/installedWorkbench';
import { answerInputBox, closeQuickInput, quickOpen, runCommand } from '../harness/ui';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-faults-key-0123456789';
const session = useInstalledWorkbench('faults', { workspaceSettings: { 'dmxapi.maxRetries': 0 }, env: { DMXAPI_API_KEY: KEY } });
const page = () => session.page();

/** Types a prompt on a new last line of page.md and selects it. */
async function selectNewPrompt(prompt: string): Promise<void> {
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.press('Enter');
  await page().keyboard.type(prompt);
  await page().keyboard.press('Shift+Home');
}

/** The error notification holding `text`, once visible, with its buttons shown. */
async function errorToast(text: string): Promise<Locator> {
  const toast = page().locator('.notification-toast', { hasText: text });
  await toast.waitFor({ state: 'visible', timeout: 20_000 });
  await toast.hover();
  return toast;
}

session.test('a 500 shows one message with Retry; Retry generates the same image and links it under the prompt', async () => {
  await selectNewPrompt('A lighthouse in a storm');
  session.fake.setFault({ kind: 'status', status: 500, times: 1 });
  await runCommand(page(), 'DMXAPI: Generate Image');

  const toast = await errorToast('DMXAPI had a server error (500)');
  const retry = toast.getByRole('button', { name: 'Retry' });
  await retry.waitFor({ state: 'visible' });
  assert.ok(await toast.getByRole('button', { name: 'Show Log' }).isVisible(), 'no Show Log button');
  assert.equal(session.generations().length, 1, 'retries are off: one request');
  assert.deepEqual(session.assetFiles(), [], 'a failed generation wrote a file');

  await retry.click();
  const [file] = await waitFor(() => (session.assetFiles().length ? session.assetFiles() : undefined), 'the image from Retry', 30_000);
  assert.match(file!, /^a-lighthouse-in-a-storm-\d{8}-\d{6}\.png$/);
  assert.equal(session.generations().length, 2);
  assert.deepEqual(session.generations()[1]!.body, session.generations()[0]!.body, 'Retry sent a different request');

  await page()
    .locator('.editor-instance .monaco-editor .view-lines', { hasText: '![A lighthouse in a storm]' })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+S');
  const markdown = await waitFor(() => {
    const text = readFileSync(path.join(session.site(), 'docs/guide/page.md'), 'utf8');
    return text.includes('![A lighthouse') ? text : undefined;
  }, 'the saved document to hold the link');
  assert.ok(markdown.includes(`A lighthouse in a storm\n![A lighthouse in a storm](../../assets/${file})`), markdown);
});

session.test('a 401 offers Set API Key, which asks which site the key is from, then for the key', async () => {
  await selectNewPrompt('A key that is refused');
  session.fake.setFault({ kind: 'status', status: 401, times: 1 });
  const before = session.assetFiles();
  await runCommand(page(), 'DMXAPI: Generate Image');

  const toast = await errorToast('DMXAPI rejected the API key (401)');
  const setKey = toast.getByRole('button', { name: 'Set API Key' });
  await setKey.waitFor({ state: 'visible' });
  assert.ok(await toast.getByRole('button', { name: 'Retry' }).isVisible(), 'no Retry button');
  assert.deepEqual(session.assetFiles(), before);

  await setKey.click();
  const sitePick = page().locator('.quick-input-widget', { hasText: 'Which site is the key from?' });
  await sitePick.waitFor({ state: 'visible', timeout: 15_000 });
  for (const site of ['https://www.dmxapi.cn', 'https://www.dmxapi.com', 'https://ssvip.dmxapi.com', 'Other…']) {
    await sitePick.locator('.monaco-list-row', { hasText: site }).waitFor({ state: 'visible' });
  }
  // "Other…" with the fake's URL (the user's own base URL here): the three real sites are not to be reached.
  await sitePick.locator('.monaco-list-row', { hasText: 'Other…' }).click();
  await answerInputBox(page(), 'DMXAPI base URL', session.fake.url);
  const keyBox = page().locator('.quick-input-widget', { hasText: 'DMXAPI API Key' });
  await keyBox.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await keyBox.locator('.quick-input-box input').getAttribute('type'), 'password', 'the key box is not a password box');
  await closeQuickInput(page());
});
