import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assertDone, generate, pngSize, removeIfPresent, setSetting, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';
import { closeAllEditors } from './support/failures';

/**
 * A size the model lacks is made at its nearest size and the result says so; links are written in the syntax of
 * the document they go into, and a document without one gets the path on the clipboard.
 */

suite('Generate Image: the nearest size the model has', () => {
  const fake = useFakeDmxApi();
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  setup(async () => {
    await removeIfPresent(assets());
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('dall-e-3 with 16:9 makes 7:4 at 1792 × 1024 and says so', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('aspectRatio', '16:9');
    const outcome = assertDone(await generate({ prompt: 'a wide harbour' }));
    assert.equal(outcome.message, 'DALL·E 3 has no 16:9; made 7:4, 1792×1024');
    assert.equal(fake.requests.length, 1);
    assert.equal((fake.requests[0]!.body as { size: string }).size, '1792x1024');
    assert.deepEqual(pngSize(await vscode.workspace.fs.readFile(outcome.uris[0]!)), { width: 1792 / 16, height: 1024 / 16 });
    assert.equal(outcome.inserted, true);
  });

  test('a resolution the model lacks: dall-e-3 at 4K makes 1K', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('resolution', '4K');
    const outcome = assertDone(await generate({ prompt: 'too big' }));
    assert.equal(outcome.message, 'DALL·E 3 has no 4K; made 1K, 1024×1024');
    assert.equal((fake.requests[0]!.body as { size: string }).size, '1024x1024');
  });

  test('a size the model has gives no message', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('aspectRatio', '7:4');
    const outcome = assertDone(await generate({ prompt: 'wide' }));
    assert.equal(outcome.message, undefined);
  });

  test('an older model name in settings still generates under that name', async () => {
    await setSetting('model', 'gpt-image-1-mini');
    assertDone(await generate({ prompt: 'old name' }));
    assert.equal((fake.requests[0]!.body as { model: string }).model, 'gpt-image-1-mini');
  });
});

suite('Generate Image: links in the document\u2019s language', () => {
  useFakeDmxApi();

  teardown(async () => {
    await closeAllEditors();
  });

  const generateIn = async (language: string) => {
    const document = await vscode.workspace.openTextDocument({ language, content: '' });
    await vscode.window.showTextDocument(document);
    const outcome = assertDone(await generate({ prompt: 'A fox' }));
    return { document, outcome, name: outcome.uris[0]!.path.split('/').pop()! };
  };

  test('HTML gets <img src alt>', async () => {
    const { document, name } = await generateIn('html');
    assert.equal(document.getText(), `<img src="/assets/${name}" alt="A fox">`);
  });

  test('LaTeX gets \\includegraphics', async () => {
    const { document, name } = await generateIn('latex');
    assert.equal(document.getText(), `\\includegraphics{/assets/${name}}`);
  });

  test('reStructuredText gets an image directive with :alt:', async () => {
    const { document, name } = await generateIn('restructuredtext');
    assert.equal(document.getText(), `.. image:: /assets/${name}\n   :alt: A fox`);
  });

  test('a language without image syntax gets the path on the clipboard and a message', async () => {
    const { document, outcome, name } = await generateIn('python');
    assert.equal(document.getText(), '', 'nothing is written into the code');
    assert.equal(outcome.inserted, false);
    assert.equal(await vscode.env.clipboard.readText(), `/assets/${name}`);
    assert.match(outcome.message ?? '', /\(python\) has no image syntax, so the image path is on the clipboard\./);
  });
});
