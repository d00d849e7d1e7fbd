// Compare models and recall, as a person does them in a real VS Code (code-server) with the packaged .vsix: tick
// three models in the studio, Generate once, see the three images side by side with each model's time, insert the
// second into a Markdown file; then in the Explorer, "Reuse Settings from Image" on that file brings its prompt and
// model back.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-dmxapi/server';
import { useInstalledWorkbench } from '../harness/installedWorkbench';
import { inOneRow, leftToRight, type Box } from '../harness/layout';
import { contextMenuItem, explorerRow, findFrame, quickOpen, runCommand } from '../harness/ui';
import { waitFor } from '../support/waitFor';

const KEY = 'sk-e2e-compare-key-0123456789';
const GEMINI = 'gemini-3.1-flash-image-preview';
const PROMPT = 'A red bicycle against a white wall';
const COMPARED = [GEMINI, 'nano-banana-2', 'dall-e-3'];

const session = useInstalledWorkbench('compare', {
  userSettings: { 'workbench.colorTheme': 'Default Dark Modern' },
  env: { DMXAPI_API_KEY: KEY },
  viewport: { width: 1440, height: 900 },
});
const page = () => session.page();
let studio: Frame;
/** The file of the second column, inserted into page.md. */
let inserted = '';

const modelOf = (r: RecordedRequest): string => (r.path.endsWith(':generateContent') ? GEMINI : String((r.body as { model?: unknown }).model));

session.test('Compare: three models at once, side by side with their times; a fifth model is refused', async () => {
  await quickOpen(page(), 'page.md');
  await page().keyboard.press('Control+End');
  await runCommand(page(), 'DMXAPI: Open Image Studio');
  studio = await findFrame(page(), '#generate', 30_000);

  await studio.locator('#model').selectOption(GEMINI);
  await studio.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: /^16:9,/ }).click();
  await studio.getByRole('checkbox', { name: 'Compare models' }).check();
  assert.ok(await studio.locator(`[id="compare-${GEMINI}"]`).isChecked(), 'the current model starts ticked');
  await studio.locator('#compare-nano-banana-2').check();
  await studio.locator('#compare-dall-e-3').check();
  await studio.locator('#compare-gpt-image-1').check();
  // A fifth is refused, and the panel says why.
  await studio.locator('#compare-dall-e-2').click();
  await studio.locator('.notice', { hasText: 'At most 4 models can be compared at once' }).waitFor({ timeout: 5000 });
  assert.equal(await studio.locator('#compare-dall-e-2').isChecked(), false);
  await studio.locator('#compare-gpt-image-1').uncheck();
  // DALL·E 3 has no 16:9: the panel says what it gets instead.
  assert.match(await studio.locator('#compare-dall-e-3-values').innerText(), /7:4 · 1K — adjusted for this model/);

  await studio.locator('#prompt').fill(PROMPT);
  await studio.locator('#generate').click();

  const columns = studio.locator('.compare-row .compare-column');
  await studio.waitForFunction(
    () => {
      const images = [...document.querySelectorAll<HTMLImageElement>('.compare-row .compare-column .thumb img')];
      return images.length === 3 && images.every((img) => img.complete && img.naturalWidth > 0);
    },
    undefined,
    { timeout: 30_000 },
  );
  assert.equal(await columns.count(), 3);
  const boxes: Box[] = [];
  for (let i = 0; i < 3; i++) {
    const column = columns.nth(i);
    assert.equal(await column.getAttribute('data-model'), COMPARED[i]);
    assert.match(await column.locator('.compare-time').innerText(), /^\d+\.\d s$/);
    assert.ok((await column.locator('.compare-model-name').innerText()).length > 0);
    boxes.push((await column.boundingBox())!);
  }
  assert.ok(inOneRow(boxes), `one row: ${JSON.stringify(boxes)}`);
  assert.ok(leftToRight(boxes), `side by side, in the order ticked: ${JSON.stringify(boxes)}`);

  const requests = session.generations();
  assert.equal(requests.length, 3);
  const byModel = new Map(requests.map((r) => [modelOf(r), r.body as Record<string, unknown>]));
  assert.deepEqual([...byModel.keys()].sort(), [...COMPARED].sort());
  assert.deepEqual((byModel.get(GEMINI) as { generationConfig: { imageConfig: unknown } }).generationConfig.imageConfig, { aspectRatio: '16:9', imageSize: '1K' });
  assert.equal(byModel.get('nano-banana-2')!['aspect_ratio'], '16:9');
  assert.equal(byModel.get('nano-banana-2')!['n'], 1);
  assert.equal(byModel.get('dall-e-3')!['size'], '1792x1024');
  assert.equal(byModel.get('dall-e-3')!['n'], 1);
  for (const body of byModel.values()) assert.ok(JSON.stringify(body).includes(PROMPT));
});

session.test('Insert the second image into page.md', async () => {
  const second = studio.locator('.compare-row .compare-column').nth(1);
  const uri = await second.locator('.image-card').getAttribute('data-uri');
  assert.ok(uri);
  inserted = decodeURIComponent(uri.split('/').pop()!);
  await second.getByRole('button', { name: 'Insert Link' }).click();
  await studio.locator('.notice', { hasText: 'Inserted the link into page.md' }).waitFor({ timeout: 15_000 });
  await page().locator('.editor-instance .monaco-editor .view-lines', { hasText: `![${PROMPT}]` }).first().waitFor({ timeout: 15_000 });
  await runCommand(page(), 'File: Save All Files');
  const markdown = await waitFor(() => {
    const text = readFileSync(path.join(session.site(), 'docs/guide/page.md'), 'utf8');
    return text.includes('![') ? text : undefined;
  }, 'page.md to hold the link');
  assert.ok(markdown.endsWith(`![${PROMPT}](../../assets/${inserted})`), markdown);
});

session.test('Explorer → Reuse Settings from Image on the inserted file: its prompt and model come back', async () => {
  await studio.locator('#prompt').fill('something else entirely');
  await studio.getByRole('checkbox', { name: 'Compare models' }).uncheck();
  await studio.locator('#model').selectOption('gpt-image-1');

  const row = await explorerRow(page(), 'assets', inserted);
  await contextMenuItem(page(), row, 'Reuse Settings from Image');

  studio = await findFrame(page(), '#generate');
  await studio.waitForFunction((prompt) => (document.getElementById('prompt') as HTMLTextAreaElement | null)?.value === prompt, PROMPT, { timeout: 15_000 });
  assert.equal(await studio.locator('#model').inputValue(), COMPARED[1]);
});
