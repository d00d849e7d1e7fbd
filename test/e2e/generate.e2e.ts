// A person's main path in a real VS Code (code-server) with the packaged .vsix: select a prompt in a Markdown file,
// run "DMXAPI: Generate Image" from the palette, give the key when asked, and find the image in assets/ and its
// link under the prompt. Then the input-box path, and Cancel on the progress notification.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { useInstalledWorkbench } from '../harness/installedWorkbench';
import { answerInputBox, closeAllEditors, quickOpen, runCommand } from '../harness/ui';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-typed-key-9876543210';
// No DMXAPI_API_KEY in the environment: the first generation has to ask for the key.
const session = useInstalledWorkbench('generate');
const page = () => session.page();

/** Waits until the visible editor shows `text` (the link is inserted just after the file is written). */
async function waitForEditorText(text: string): Promise<void> {
  await page()
    .locator('.editor-instance .monaco-editor .view-lines', { hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** The saved file once it contains `text`. */
function savedText(relative: string, text: string): Promise<string> {
  return waitFor(() => {
    const content = readFileSync(path.join(session.site(), relative), 'utf8');
    return content.includes(text) ? content : undefined;
  }, `${relative} to hold "${text}"`, 15_000);
}

session.test('selected prompt → palette → key asked → image in assets/ and link under the prompt', async () => {
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.type('A watercolor fox reading a book');
  await page().keyboard.press('Shift+Home');
  await runCommand(page(), 'DMXAPI: Generate Image');
  await answerInputBox(page(), 'DMXAPI API Key', KEY);

  const [file] = await waitFor(() => (session.assetFiles().length ? session.assetFiles() : undefined), 'an image in assets/', 30_000);
  assert.match(file!, /^a-watercolor-fox-reading-a-book-\d{8}-\d{6}\.png$/);
  const bytes = readFileSync(path.join(session.site(), 'assets', file!));
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1024 / 4, 1024 / 4]);

  const request = session.generations().find((r) => r.path.includes(':generateContent'));
  assert.ok(request, 'no generation request reached the fake DMXAPI');
  assert.equal(request.headers['x-goog-api-key'], KEY);

  await waitForEditorText('![A watercolor fox');
  await page().keyboard.press('Control+S');
  const markdown = await savedText('docs/guide/page.md', '![');
  assert.ok(markdown.includes(`A watercolor fox reading a book\n![A watercolor fox reading a book](../../assets/${file})`), markdown);
});

session.test('no selection → input box → link at the cursor', async () => {
  await closeAllEditors(page());
  await quickOpen(page(), 'README.md');
  await page().keyboard.press('Control+End');
  await page().keyboard.press('Enter');
  const before = session.assetFiles().length;
  await runCommand(page(), 'DMXAPI: Generate Image');
  await answerInputBox(page(), 'Describe the image to generate', 'lighthouse at dusk');
  await waitFor(() => session.assetFiles().length > before, 'a second image', 30_000);
  await waitForEditorText('![lighthouse at dusk]');
  await page().keyboard.press('Control+S');
  const readme = await savedText('README.md', '![lighthouse at dusk](assets/lighthouse-at-dusk-');
  assert.match(readme, /\n!\[lighthouse at dusk\]\(assets\/lighthouse-at-dusk-\d{8}-\d{6}\.png\)$/);
});

session.test('Cancel on the progress notification aborts the request and writes nothing', async () => {
  session.fake.setDelay(60_000);
  const before = session.assetFiles();
  const from = session.fake.requests.length;
  await runCommand(page(), 'DMXAPI: Generate Image');
  await answerInputBox(page(), 'Describe the image to generate', 'never finishes');
  const toast = page().locator('.notification-toast', { hasText: 'Generating image with' });
  await toast.waitFor({ state: 'visible', timeout: 15_000 });
  await waitFor(() => session.generations(from).length > 0, 'the slow request to arrive');
  await toast.hover();
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await page().locator('.notification-toast', { hasText: 'Image generation was cancelled.' }).waitFor({ state: 'visible', timeout: 10_000 });
  session.fake.setDelay(0);
  assert.deepEqual(session.assetFiles(), before);
  assert.equal(session.generations(from).length, 1, 'a cancelled request must not be retried');
});
