// Improve Prompt in the Image Studio, in a real VS Code (code-server) with the packaged .vsix and the fake DMXAPI:
// the rewritten prompt streams into the prompt box (a screenshot is taken while it is half-way), lands as one edit
// that one Undo takes back, and a failing improvement leaves the prompt and Generate as they were.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { type RecordedRequest } from '../fake-dmxapi/server';
import { screenshot } from '../harness/browser';
import { filesIn, useInstalledWorkbench } from '../harness/installedWorkbench';
import { findFrame, runCommand } from '../harness/ui';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-improve-key-0123456789';
const PROMPT = 'A red fox in the snow';
const IMPROVED = `${PROMPT}, rich detail, soft natural light, sharp focus`;

const session = useInstalledWorkbench('improve-prompt', { env: { DMXAPI_API_KEY: KEY }, viewport: { width: 1280, height: 800 } });
const page = () => session.page();
let studio: Frame;

const chatRequests = (): RecordedRequest[] => session.fake.requests.filter((r) => r.path === '/v1/chat/completions');
const promptValue = (): Promise<string> => studio.locator('#prompt').inputValue();
const improveTest = session.test;

/** The studio's frame, opened by the first test that needs it (the workbench opens in the session's own hook). */
let opening: Promise<Frame> | undefined;
const openStudio = async (): Promise<void> => {
  opening ??= runCommand(page(), 'DMXAPI: Open Image Studio').then(() => findFrame(page(), '#improve-prompt', 30_000));
  studio = await opening;
};

improveTest('Improve Prompt streams into the prompt box, then one Undo brings the original back', async () => {
  await openStudio();
  await studio.locator('#model').selectOption('nano-banana-2');
  await studio.locator('#prompt').fill(PROMPT);
  session.fake.chat.pauseAfter(3);
  await studio.locator('#improve-prompt').click();

  // Three chunks of eight characters have arrived and the stream is held: the box shows them, read-only.
  const partial = [...IMPROVED].slice(0, 24).join('');
  await studio.waitForFunction((text) => (document.querySelector('#prompt') as HTMLTextAreaElement).value === text, partial, { timeout: 15_000 });
  assert.equal(await studio.locator('#prompt').getAttribute('readonly'), '');
  assert.equal((await studio.locator('#improve-prompt').innerText()).trim(), 'Stop Improving');
  const shot = await screenshot(page(), 'e2e-improve-prompt-streaming');
  console.log(`screenshot: ${path.relative(process.cwd(), shot)}`);

  session.fake.chat.release();
  await studio.waitForFunction((text) => (document.querySelector('#prompt') as HTMLTextAreaElement).value === text, IMPROVED, { timeout: 15_000 });
  await studio.locator('.notice', { hasText: 'Prompt improved' }).waitFor({ timeout: 10_000 });
  assert.equal(await studio.locator('#prompt').getAttribute('readonly'), null);
  assert.equal((await studio.locator('#improve-prompt').innerText()).trim(), 'Improve Prompt');
  await screenshot(page(), 'e2e-improve-prompt-done');

  const [request] = chatRequests();
  assert.ok(request, 'no /v1/chat/completions request');
  assert.equal(request.headers['authorization'], `Bearer ${KEY}`);
  const body = request.body as { model: string; stream: boolean; messages: { role: string; content: string }[] };
  assert.equal(body.model, 'gpt-5-mini');
  assert.equal(body.stream, true);
  assert.match(body.messages[0]!.content, /nano-banana-2/);
  assert.deepEqual(body.messages[1], { role: 'user', content: PROMPT });

  await studio.locator('#prompt').focus();
  await studio.locator('#prompt').press('Control+Z');
  assert.equal(await promptValue(), PROMPT, 'one Undo should bring the original prompt back');
});

improveTest('Stop part-way puts the original prompt back', async () => {
  await openStudio();
  session.fake.chat.pauseAfter(1);
  await studio.locator('#improve-prompt').click();
  await studio.waitForFunction((original) => (document.querySelector('#prompt') as HTMLTextAreaElement).value !== original, PROMPT, { timeout: 15_000 });
  await studio.locator('#improve-prompt').click();
  await studio.locator('#improve-prompt', { hasText: 'Improve Prompt' }).waitFor({ timeout: 10_000 });
  assert.equal(await promptValue(), PROMPT);
  session.fake.chat.release();
});

improveTest('a failed improvement says so, leaves the prompt as it was, and Generate still works', async () => {
  await openStudio();
  session.fake.setFault({ kind: 'status', status: 401, times: 1 });
  await studio.locator('#improve-prompt').click();
  await studio.locator('.notice', { hasText: 'The prompt could not be improved' }).waitFor({ timeout: 15_000 });
  assert.equal(await promptValue(), PROMPT);
  await studio.locator('#generate').click();
  const assets = path.join(session.site(), 'assets');
  const files = await waitFor(() => (filesIn(assets).length ? filesIn(assets) : undefined), 'the generated image');
  assert.match(files[0]!, /^a-red-fox-in-the-snow-\d{8}-\d{6}\.png$/);
});
