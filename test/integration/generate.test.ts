import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readMetadata } from '../../src/core/metadata/imageMetadata';
import { timestampForFileName } from '../../src/core/paths/fileNames';
import {
  activateExtension,
  assertDone,
  generate,
  listFolder,
  pngSize,
  removeIfPresent,
  selectPromptIn,
  setSetting,
  TEST_KEY,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';
import { waitFor } from '../support/waitFor';
import { dismissQuickInput } from './support/fakes';

/** The main path: a prompt in a Markdown file becomes an image in assets/ and a link under the prompt. */
suite('Generate Image from the editor', () => {
  const fake = useFakeDmxApi();
  const page = () => vscode.Uri.joinPath(workspaceFolder(), 'docs/guide/page.md');
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  setup(async () => {
    await removeIfPresent(assets());
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a selected prompt in docs/guide/page.md gives a file in assets/ and a relative link on the next line', async () => {
    const editor = await selectPromptIn(page(), 'A red fox in the snow');
    const promptLine = editor.selection.start.line;
    const outcome = assertDone(await generate());

    assert.equal(outcome.uris.length, 1);
    const file = outcome.uris[0]!;
    assert.equal(vscode.Uri.joinPath(file, '..').path, assets().path);
    assert.match(file.path, /\/a-red-fox-in-the-snow-\d{8}-\d{6}\.png$/);
    const bytes = await vscode.workspace.fs.readFile(file);
    assert.deepEqual(pngSize(bytes), { width: 1024 / 16, height: 1024 / 16 });

    const document = editor.document;
    assert.equal(document.lineAt(promptLine).text, 'A red fox in the snow', 'the prompt stays');
    const name = file.path.split('/').pop()!;
    assert.equal(document.lineAt(promptLine + 1).text, `![A red fox in the snow](../../assets/${name})`);
    assert.equal(editor.document.getText(editor.selection), 'A red fox in the snow', 'the selection must not grow over the link');
    assert.equal(outcome.inserted, true);

    assert.equal(fake.requests.length, 1);
    const request = fake.requests[0]!;
    assert.equal(request.path, '/v1beta/models/gemini-3.1-flash-image-preview:generateContent');
    assert.equal(request.headers['x-goog-api-key'], TEST_KEY);
    const body = request.body as { contents: { parts: { text?: string }[] }[]; generationConfig: { imageConfig: unknown } };
    assert.equal(body.contents[0]!.parts[0]!.text, 'A red fox in the snow');
    assert.deepEqual(body.generationConfig.imageConfig, { aspectRatio: '1:1', imageSize: '1K' });
  });

  test('a prompt given as an argument is inserted at the cursor', async () => {
    const document = await vscode.workspace.openTextDocument(page());
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const outcome = assertDone(await generate({ prompt: 'lighthouse at dusk' }));
    const name = outcome.uris[0]!.path.split('/').pop()!;
    assert.ok(document.getText().endsWith(`![lighthouse at dusk](../../assets/${name})`), document.getText());
  });

  test('an untitled document gets the image in the first folder and a workspace-rooted link', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    const outcome = assertDone(await generate({ prompt: 'untitled sketch' }));
    const file = outcome.uris[0]!;
    assert.equal(vscode.Uri.joinPath(file, '..').path, assets().path);
    assert.equal(document.getText(), `![untitled sketch](/assets/${file.path.split('/').pop()})`);
  });

  test('never overwrites: an existing file with the same name gets a -1 sibling', async () => {
    await vscode.workspace.fs.createDirectory(assets());
    const taken = new TextEncoder().encode('do not overwrite me');
    const now = Date.now();
    const occupied: vscode.Uri[] = [];
    for (let s = -1; s <= 10; s++) {
      const uri = vscode.Uri.joinPath(assets(), `same-name-${timestampForFileName(new Date(now + s * 1000))}.png`);
      await vscode.workspace.fs.writeFile(uri, taken);
      occupied.push(uri);
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    const outcome = assertDone(await generate({ prompt: 'same name' }));
    assert.match(outcome.uris[0]!.path, /\/same-name-\d{8}-\d{6}-1\.png$/);
    for (const uri of occupied) {
      const now = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(now, 'do not overwrite me', `${uri.path} was overwritten`);
    }
  });

  test('cancelling aborts the request and writes nothing', async () => {
    const api = await activateExtension();
    fake.setDelay(30_000);
    const controller = new AbortController();
    const running = api.generate(
      { prompt: 'slow one', model: 'gemini-3.1-flash-image-preview', aspectRatio: '1:1', resolution: '1K', count: 1, options: {}, references: [] },
      page(),
      controller.signal,
    );
    await waitFor(() => fake.requests.length === 1, 'the request to reach the fake DMXAPI');
    controller.abort();
    // With the answer 30 s away, only the abort can end the run with `cancelled`.
    await assert.rejects(running, (error: Error & { kind?: string }) => error.kind === 'cancelled');
    assert.equal(fake.requests.length, 1, 'a cancelled request is not retried');
    assert.deepEqual(await listFolder(assets()), []);
  });

  test('with no key anywhere it asks for one, and sends nothing when the user backs out', async () => {
    delete process.env.DMXAPI_API_KEY;
    await vscode.commands.executeCommand('dmxapi.clearApiKey');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    const outcome = await dismissQuickInput(generate({ prompt: 'no key' }));
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.status === 'failed' ? outcome.message : '', /DMXAPI key/);
    assert.equal(fake.requests.length, 0);
  });
});

/** Each setting the issue names changes what is sent or where files go, and a bad value is a message. */
suite('Generate Image settings', () => {
  const fake = useFakeDmxApi();
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  setup(async () => {
    await removeIfPresent(assets());
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), 'docs/guide/page.md'));
    await vscode.window.showTextDocument(document);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('dmxapi.baseUrl: a malformed URL is refused before sending', async () => {
    await setSetting('baseUrl', 'not a url');
    const outcome = await generate({ prompt: 'x' });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.status === 'failed' && outcome.setting, 'dmxapi.baseUrl');
    assert.equal(fake.requests.length, 0);
  });

  test('dmxapi.baseUrl: a trailing /v1/ is tolerated', async () => {
    await setSetting('baseUrl', `${fake.url}/v1/`);
    assertDone(await generate({ prompt: 'trailing slash' }));
    assert.equal(fake.requests[0]!.path, '/v1beta/models/gemini-3.1-flash-image-preview:generateContent');
  });

  test('dmxapi.model + dmxapi.aspectRatio: gpt-image-1 at 3:2 sends size 1536x1024 and no response_format', async () => {
    await setSetting('model', 'gpt-image-1');
    await setSetting('aspectRatio', '3:2');
    const outcome = assertDone(await generate({ prompt: 'wide gpt' }));
    const request = fake.requests[0]!;
    assert.equal(request.path, '/v1/images/generations');
    assert.equal(request.headers.authorization, `Bearer ${TEST_KEY}`);
    const body = request.body as Record<string, unknown>;
    assert.equal(body.model, 'gpt-image-1');
    assert.equal(body.size, '1536x1024');
    assert.equal('response_format' in body, false);
    assert.deepEqual(pngSize(await vscode.workspace.fs.readFile(outcome.uris[0]!)), { width: 1536 / 16, height: 1024 / 16 });
  });

  test('dmxapi.resolution: nano-banana-2 at 16:9 4K sends aspect_ratio/size and the URL result is downloaded', async () => {
    await setSetting('model', 'nano-banana-2');
    await setSetting('aspectRatio', '16:9');
    await setSetting('resolution', '4K');
    await setSetting('modelOptions', { 'nano-banana-2': { responseFormat: 'url' } });
    const outcome = assertDone(await generate({ prompt: 'big banana' }));
    const body = fake.requests[0]!.body as Record<string, unknown>;
    assert.deepEqual([body.aspect_ratio, body.size, body.n, body.response_format], ['16:9', '4K', 1, 'url']);
    assert.ok(fake.requests.some((r) => r.path.startsWith('/files/')), 'the URL result was not downloaded');
    assert.deepEqual(pngSize(await vscode.workspace.fs.readFile(outcome.uris[0]!)), { width: 5504 / 16, height: 3072 / 16 });
  });

  test('dmxapi.aspectRatio: a ratio the model lacks is made at its nearest, and the result says so', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('aspectRatio', '21:9');
    const outcome = assertDone(await generate({ prompt: 'x' }));
    assert.match(outcome.message ?? '', /21:9/);
    assert.equal((fake.requests[0]!.body as Record<string, unknown>).size, '1792x1024');
  });

  test('dmxapi.resolution: a resolution the model lacks is made at its nearest, and the result says so', async () => {
    await setSetting('model', 'nano-banana-2');
    await setSetting('resolution', '0.5K');
    const outcome = assertDone(await generate({ prompt: 'x' }));
    assert.match(outcome.message ?? '', /0\.5K/);
    assert.equal((fake.requests[0]!.body as Record<string, unknown>).size, '1K');
  });

  test("dmxapi.model: an unknown model is the core validation's one message, naming the setting, before the key", async () => {
    await setSetting('model', 'no-such-model');
    const outcome = await generate({ prompt: 'x' });
    assert.equal(outcome.status, 'failed');
    if (outcome.status === 'failed') {
      assert.equal(outcome.message, 'Nothing was sent. "no-such-model" is not a known model. Pick one with "DMXAPI: Select Model".');
      assert.equal(outcome.setting, 'dmxapi.model');
      assert.deepEqual(outcome.actions, ['openSettings', 'selectModel', 'showLog']);
    }
    assert.equal(fake.requests.length, 0);
  });

  test('dmxapi.modelOptions: dall-e-3 style and quality reach the request', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('modelOptions', { 'dall-e-3': { style: 'natural', quality: 'hd' } });
    assertDone(await generate({ prompt: 'natural hd' }));
    const body = fake.requests[0]!.body as Record<string, unknown>;
    assert.deepEqual([body.style, body.quality, body.n, body.size], ['natural', 'hd', 1, '1024x1024']);
  });

  test('dmxapi.assetsFolder: variables resolve against the document', async () => {
    await setSetting('assetsFolder', 'media/${documentBaseName}');
    const outcome = assertDone(await generate({ prompt: 'per page' }));
    assert.match(outcome.uris[0]!.path, /\/media\/page\/per-page-[^/]+\.png$/);
    assert.match(outcome.markdown, /^!\[per page\]\(\.\.\/\.\.\/media\/page\/per-page-/);
    await removeIfPresent(vscode.Uri.joinPath(workspaceFolder(), 'media'));
  });

  test('dmxapi.assetsFolder: a folder outside the workspace is refused before sending', async () => {
    await setSetting('assetsFolder', '../..');
    const outcome = await generate({ prompt: 'escape' });
    assert.equal(outcome.status === 'failed' && outcome.setting, 'dmxapi.assetsFolder');
    assert.equal(fake.requests.length, 0);
  });

  test('dmxapi.maxRetries: two 500s then success is one image after three requests', async () => {
    await setSetting('maxRetries', 2);
    fake.setFault({ kind: 'status', status: 500, times: 2 });
    assertDone(await generate({ prompt: 'retry me' }));
    assert.equal(fake.requests.length, 3);
  });

  test('dmxapi.maxRetries: 0 means one request and a server-error message', async () => {
    await setSetting('maxRetries', 0);
    fake.setFault({ kind: 'status', status: 500, times: 1 });
    const outcome = await generate({ prompt: 'no retry' });
    assert.equal(outcome.status === 'failed' && outcome.kind, 'server');
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(await listFolder(assets()), []);
  });

  test('dmxapi.embedMetadata: the saved PNG carries prompt, model and settings, never the key', async () => {
    await setSetting('model', 'nano-banana-2');
    await setSetting('aspectRatio', '9:16');
    await setSetting('resolution', '2K');
    const prompt = '生成一只可爱的小猫 🐱 in the rain';
    const outcome = assertDone(await generate({ prompt }));
    const bytes = await vscode.workspace.fs.readFile(outcome.uris[0]!);
    const record = readMetadata(bytes);
    assert.ok(record, 'no metadata in the saved image');
    assert.equal(record.prompt, prompt);
    assert.deepEqual([record.model, record.aspectRatio, record.resolution], ['nano-banana-2', '9:16', '2K']);
    assert.equal(Buffer.from(bytes).includes(Buffer.from(TEST_KEY)), false, 'the key is inside the image');
  });

  test('dmxapi.embedMetadata: false leaves the image as it came', async () => {
    await setSetting('embedMetadata', false);
    const outcome = assertDone(await generate({ prompt: 'plain' }));
    assert.equal(readMetadata(await vscode.workspace.fs.readFile(outcome.uris[0]!)), undefined);
  });

  test('dmxapi.requestTimeoutSeconds: a server that never answers times out', async () => {
    await setSetting('requestTimeoutSeconds', 10);
    await setSetting('maxRetries', 0);
    fake.setFault({ kind: 'hang' });
    const before = fake.requests.length;
    const outcome = await generate({ prompt: 'hang' });
    assert.equal(outcome.status === 'failed' && outcome.kind, 'timeout');
    // Retries are off: the request that timed out was the only attempt.
    const attempts = fake.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(attempts.length, 1, `${attempts.length} attempts`);
    assert.equal(attempts[0]!.fault, 'hang');
  }).timeout(40_000);
});

/** Concurrent generations into one folder never pick the same name, and never overwrite. */
suite('Image files are written safely', () => {
  test('ten concurrent writes of one name give ten files with distinct names and their own bytes', async () => {
    const { ImageFileWriter } = await import('../../src/storage/imageFileWriter');
    const writer = new ImageFileWriter();
    const folder = vscode.Uri.joinPath(workspaceFolder(), 'concurrent');
    await removeIfPresent(folder);
    const payloads = Array.from({ length: 10 }, (_, i) => new TextEncoder().encode(`payload ${i}`));
    const uris = await Promise.all(payloads.map((bytes) => writer.write(folder, 'same.png', bytes)));
    assert.equal(new Set(uris.map((u) => u.toString())).size, 10);
    for (const [i, uri] of uris.entries()) {
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), `payload ${i}`);
    }
    assert.deepEqual((await listFolder(folder)).filter((n) => n.endsWith('.partial')), [], 'temporary files left behind');
    await removeIfPresent(folder);
  });
});
