import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertDone, generate, pngSize, setSetting, useFakeDmxApi } from './support/extensionUnderTest';

/**
 * `dmxapi.customModels`: a model DMXAPI adds tomorrow works today from settings. The fake DMXAPI knows the model
 * name `nano-banana`; the entry below describes it afresh (its own prompt limit and size wiring), so the test
 * proves the entry — not the built-in alias — is what the extension uses.
 */
const customEntry = {
  id: 'nano-banana',
  label: 'Nano Banana (custom entry)',
  protocol: 'openai-images',
  promptMaxLength: 1000,
  n: { max: 1 },
  aspectRatios: [
    { id: '1:1', wire: '1x1' },
    { id: '16:9', wire: '16x9' },
  ],
  resolutions: [{ id: '1K', wire: '1K' }],
  sizes: [
    { ratio: '1:1', resolution: '1K', width: 1024, height: 1024 },
    { ratio: '16:9', resolution: '1K', width: 1344, height: 768 },
  ],
  sizeFields: { size: '{ratio}' },
  defaults: { ratio: '1:1', resolution: '1K' },
};

suite('Custom models from settings', () => {
  const fake = useFakeDmxApi();

  setup(async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a custom entry is used for the request, with its own size wiring', async () => {
    await setSetting('customModels', [customEntry], vscode.ConfigurationTarget.Global);
    await setSetting('model', 'nano-banana');
    await setSetting('aspectRatio', '16:9');
    const outcome = assertDone(await generate({ prompt: 'custom model at work' }));
    const body = fake.requests[0]!.body as Record<string, unknown>;
    assert.deepEqual(body, { model: 'nano-banana', prompt: 'custom model at work', size: '16x9' });
    assert.deepEqual(pngSize(await vscode.workspace.fs.readFile(outcome.uris[0]!)), { width: 1344 / 16, height: 768 / 16 });
  });

  test("the entry's own limits apply: a prompt over its 1000 characters is refused before sending", async () => {
    await setSetting('customModels', [customEntry], vscode.ConfigurationTarget.Global);
    await setSetting('model', 'nano-banana');
    const outcome = await generate({ prompt: 'x'.repeat(1001) });
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.status === 'failed' ? outcome.message : '', /1000/);
    assert.equal(fake.requests.length, 0);
  });

  test('a bad entry is left out with the good ones kept; choosing it says the model is unknown', async () => {
    await setSetting('customModels', [{ id: 'broken', protocol: 'carrier-pigeon' }, customEntry], vscode.ConfigurationTarget.Global);
    await setSetting('model', 'broken');
    const refused = await generate({ prompt: 'x' });
    assert.equal(refused.status === 'failed' && refused.setting, 'dmxapi.model');
    await setSetting('model', 'nano-banana');
    assertDone(await generate({ prompt: 'still works' }));
    assert.equal((fake.requests[0]!.body as Record<string, unknown>).size, '1x1');
  });
});
