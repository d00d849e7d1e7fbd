import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createCatalog } from '../../src/core/catalog/catalog';
import { ImageStudioPanel } from '../../src/panel/imageStudioPanel';
import { studioHtml } from '../../src/panel/studioHtml';
import { StudioMessageHandler } from '../../src/panel/studioMessageHandler';
import type { HostMessage } from '../../src/shared/studioProtocol';
import {
  listFolder,
  pngSize,
  removeIfPresent,
  setSetting,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';
import { studioTabs, tabsSettled } from './support/fakes';
import { choices, MemoryMemento, request, StudioUnderTest, tinyPng, waitFor } from './support/studioUnderTest';

/**
 * The Image Studio's host side: messages in (as the webview sends them), files, edits, history and messages out.
 * The handler is driven directly, with the real generator, runner and workspace, against the fake DMXAPI.
 */

suite('Image Studio panel (host side)', () => {
  const fake = useFakeDmxApi();
  let studio: StudioUnderTest;
  let storage: string;
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');
  const page = () => vscode.Uri.joinPath(workspaceFolder(), 'docs/guide/page.md');

  setup(async () => {
    await removeIfPresent(assets());
    storage = await mkdtemp(path.join(os.tmpdir(), 'studio-test-'));
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.file(path.join(storage, 'references')));
  });

  teardown(async () => {
    studio.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(storage, { recursive: true, force: true });
  });

  test('dmxapi.openStudio opens one panel and reveals it when run again', async () => {
    await vscode.commands.executeCommand('dmxapi.openStudio');
    await waitFor(() => studioTabs().length === 1, 'the studio tab');
    await vscode.commands.executeCommand('dmxapi.openStudio');
    await tabsSettled();
    assert.equal(studioTabs().length, 1);
  });

  test('the page: a strict CSP with a nonce, and only our files', () => {
    const webview = { cspSource: 'https://webview.test', asWebviewUri: (uri: vscode.Uri) => uri } as unknown as vscode.Webview;
    const html = studioHtml(webview, vscode.Uri.file('/ext'));
    const csp = /content="(default-src[^"]+)"/.exec(html)?.[1] ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, csp);
    assert.match(csp, /^default-src 'none'; img-src https:\/\/webview\.test; style-src https:\/\/webview\.test; font-src https:\/\/webview\.test; script-src 'nonce-/);
    assert.equal(html.split('<script ').length, html.split(`<script nonce="${nonce}"`).length, 'every script carries the nonce');
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  test('ready is answered by init: the whole catalog, settings as the defaults of a fresh workspace, strings', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('aspectRatio', '7:4');
    await studio.send({ type: 'ready' });
    const init = studio.last('init');
    assert.deepEqual(
      init.models.map((m) => m.id),
      createCatalog().models.map((m) => m.id),
    );
    assert.equal(init.choices.model, 'dall-e-3');
    assert.equal(init.choices.aspectRatio, '7:4');
    assert.equal(init.strings.generate, 'Generate');
    assert.deepEqual(init.history, []);
  });

  test('last choices are remembered per workspace and win over the settings', async () => {
    await studio.send({ type: 'choicesChanged', choices: choices({ model: 'gpt-image-1', aspectRatio: '3:2', options: { 'gpt-image-1': { quality: 'high' } } }) });
    const again = new StudioUnderTest(studio.state, vscode.Uri.file(path.join(storage, 'references-2')));
    try {
      await again.send({ type: 'ready' });
      const init = again.last('init');
      assert.equal(init.choices.model, 'gpt-image-1');
      assert.equal(init.choices.aspectRatio, '3:2');
      assert.deepEqual(init.choices.options['gpt-image-1'], { quality: 'high' });
    } finally {
      again.dispose();
    }
  });

  test('generate: gemini-3.1 at 16:9 and 2K saves the image, reports it, and records it in the history', async () => {
    await studio.send({ type: 'generate', runId: 'run-1', request: request('A lighthouse at dusk', { aspectRatio: '16:9', resolution: '2K' }) });
    assert.deepEqual(
      studio.messages.filter((m) => m.type.startsWith('run')).map((m) => m.type),
      ['runStarted', 'runImage', 'runFinished'],
    );
    assert.equal(studio.last('runFinished').outcome, 'done');
    const image = studio.last('runImage').image;
    const file = vscode.Uri.parse(image.uri);
    assert.equal(path.posix.dirname(file.path), assets().path);
    assert.deepEqual(pngSize(await vscode.workspace.fs.readFile(file)), { width: Math.ceil(2752 / 16), height: Math.ceil(1536 / 16) });
    assert.equal(image.src, image.uri, 'the preview is the saved file, through asWebviewUri');

    const body = fake.requests[0]!.body as { generationConfig: { imageConfig: unknown } };
    assert.deepEqual(body.generationConfig.imageConfig, { aspectRatio: '16:9', imageSize: '2K' });

    await waitFor(() => studio.history.entries().length === 1, 'the history entry');
    const [entry] = studio.history.entries();
    assert.equal(entry!.uri, image.uri);
    assert.equal(entry!.prompt, 'A lighthouse at dusk');
    assert.equal(entry!.model, 'gemini-3.1-flash-image-preview');
    assert.equal(entry!.aspectRatio, '16:9');
    assert.equal(entry!.resolution, '2K');
    await waitFor(() => studio.of('history').length > 0, 'a history message');
  });

  test('a window reload gives the restored panel its results back, though the page lost its own state', async () => {
    await studio.send({ type: 'generate', runId: 'run-r', request: request('Two kites', { count: 2 }) });
    const made = studio.of('runImage').map((m) => m.image.uri);
    assert.equal(made.length, 2);
    await waitFor(() => studio.history.entries().length === 2, 'the history entries');
    const reopen = (restored: boolean): HostMessage[] => {
      const posted: HostMessage[] = [];
      const handler = new StudioMessageHandler(studio.services, { post: (message) => posted.push(message), asWebviewUri: (uri) => uri }, undefined, restored);
      void handler.receive({ type: 'ready' }).finally(() => handler.dispose());
      return posted;
    };
    const restored = reopen(true);
    await waitFor(() => restored.find((m) => m.type === 'init'), 'init of the restored panel');
    const init = restored.find((m): m is Extract<HostMessage, { type: 'init' }> => m.type === 'init')!;
    assert.deepEqual(init.results.map((card) => card.uri).sort(), [...made].sort());
    // A panel opened afresh starts with an empty results column, and so does the next restore.
    const fresh = reopen(false);
    await waitFor(() => fresh.find((m) => m.type === 'init'), 'init of a new panel');
    assert.deepEqual(fresh.find((m): m is Extract<HostMessage, { type: 'init' }> => m.type === 'init')!.results, []);
    const again = reopen(true);
    await waitFor(() => again.find((m) => m.type === 'init'), 'init of the next restored panel');
    assert.deepEqual(again.find((m): m is Extract<HostMessage, { type: 'init' }> => m.type === 'init')!.results, []);
  });

  test('a count above n.max becomes parallel requests, at most four at a time, each image reported', async () => {
    const release = fake.holdAnswers();
    const running = studio.send({ type: 'generate', runId: 'run-4', request: request('five foxes', { count: 5 }) });
    await waitFor(() => fake.requests.length >= 4, 'four requests');
    release();
    await running;
    assert.equal(fake.maxInFlight, 4, 'the fifth waits for a free slot');
    assert.equal(fake.requests.length, 5);
    assert.equal(studio.last('runStarted').requests, 5);
    assert.equal(studio.of('runImage').length, 5, JSON.stringify(studio.of('runError')));
    assert.equal((await listFolder(assets())).length, 5);
  });

  test('closing the panel during a generation keeps the result: saved and in history', async () => {
    fake.setDelay(1500);
    const running = studio.send({ type: 'generate', runId: 'run-close', request: request('kept after closing', {}) });
    await waitFor(() => fake.requests.length >= 1, 'the request');
    studio.handler.dispose();
    await running;
    const files = await listFolder(assets());
    assert.equal(files.filter((name) => name.startsWith('kept-after-closing-')).length, 1, files.join(', '));
    assert.ok(studio.history.entries().some((entry) => entry.prompt === 'kept after closing'));
  });

  test('Insert puts a link relative to the last active editor at its cursor', async () => {
    const document = await vscode.workspace.openTextDocument(page());
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    await studio.send({ type: 'generate', runId: 'run-i', request: request('harbour at night', {}) });
    const image = studio.last('runImage').image;
    await studio.send({ type: 'imageAction', action: 'insert', uri: image.uri });
    assert.ok(document.getText().endsWith(`![harbour at night](../../assets/${image.fileName})`), document.getText());
    assert.match(studio.last('notice').message, /page\.md/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('paths are confined: ../ and files outside the workspace are refused, nothing is touched', async () => {
    const outside = path.join(storage, 'outside.png');
    await writeFile(outside, tinyPng());
    const escapes = [
      `${workspaceFolder().toString()}/../outside.png`,
      `${workspaceFolder().toString()}/assets/../../outside.png`,
      vscode.Uri.file(outside).toString(),
    ];
    for (const uri of escapes) {
      studio.messages.length = 0;
      await studio.send({ type: 'imageAction', action: 'delete', uri });
      assert.equal(studio.last('notice').level, 'error', uri);
      assert.equal(studio.of('imageDeleted').length, 0);
    }
    await vscode.workspace.fs.stat(vscode.Uri.file(outside));
    await studio.send({ type: 'dropReferences', uris: escapes });
    assert.deepEqual(studio.last('references').references, []);
  });

  test('Open and Delete act only on images in the studio history; a backslash path is refused', async () => {
    const notes = vscode.Uri.joinPath(workspaceFolder(), 'notes.txt');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('not an image of the studio'));
    try {
      for (const action of ['delete', 'open'] as const) {
        studio.messages.length = 0;
        await studio.send({ type: 'imageAction', action, uri: notes.toString() });
        assert.equal(studio.last('notice').level, 'error', action);
        assert.match(studio.last('notice').message, /from its history/);
      }
      assert.equal(studio.of('imageDeleted').length, 0);
      await vscode.workspace.fs.stat(notes);
      assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === notes.toString()), 'notes.txt was opened');

      // On Windows %5C is a separator: inside the workspace by its text, two folders up on disk.
      studio.messages.length = 0;
      await studio.send({ type: 'imageAction', action: 'insert', uri: `${workspaceFolder().toString()}/assets%5C..%5C..%5Coutside.png` });
      assert.match(studio.last('notice').message, /only works with files inside the workspace/);

      // An image of the history passes the check (whether the trash then takes it depends on the machine).
      await studio.send({ type: 'generate', runId: 'run-known', request: request('a known image', {}) });
      const image = studio.last('runImage').image;
      studio.messages.length = 0;
      await studio.send({ type: 'imageAction', action: 'open', uri: image.uri });
      await studio.send({ type: 'imageAction', action: 'delete', uri: image.uri });
      assert.deepEqual(studio.of('notice').filter((n) => /from its history/.test(n.message)), []);
    } finally {
      await removeIfPresent(notes);
    }
  });

  test('the page may read only what it shows: an assets folder that starts with a variable does not open the workspace', async () => {
    const extension = vscode.Uri.file('/ext');
    const roots = () => (ImageStudioPanel.webviewOptions(extension, studio.services).localResourceRoots ?? []).map((uri) => uri.toString());
    await setSetting('assetsFolder', '${documentDirName}/images');
    assert.ok(!roots().includes(workspaceFolder().toString()), roots().join('\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(page()));
    await studio.send({ type: 'generate', runId: 'run-roots', request: request('beside the page', {}) });
    const image = vscode.Uri.parse(studio.last('runImage').image.uri);
    const folder = image.with({ path: path.posix.dirname(image.path) }).toString();
    assert.equal(folder, vscode.Uri.joinPath(workspaceFolder(), 'docs/guide/images').toString());
    await waitFor(() => roots().includes(folder), 'the new image folder among the roots');
    assert.ok(!roots().includes(workspaceFolder().toString()));
    await removeIfPresent(vscode.Uri.joinPath(workspaceFolder(), 'docs/guide/images'));
  });

  test('a pasted image is checked, kept in storage, and sent as a data URI to gemini-2.5-flash-image', async () => {
    await studio.send({ type: 'pasteReference', name: 'not-an-image.png', base64: Buffer.from('hello').toString('base64') });
    assert.equal(studio.last('notice').level, 'warning');
    const png = tinyPng();
    await studio.send({ type: 'pasteReference', name: 'sketch.png', base64: png.toString('base64') });
    const [reference] = studio.last('references').references;
    assert.ok(reference);
    assert.equal(reference.mimeType, 'image/png');
    assert.ok(reference.src.startsWith(vscode.Uri.file(storage).toString()), 'the thumbnail is a copy in the storage folder');

    await studio.send({ type: 'generate', runId: 'run-r', request: request('fuse these', { model: 'gemini-2.5-flash-image' }, [reference.id]) });
    assert.equal(studio.last('runFinished').outcome, 'done', JSON.stringify(studio.of('runError')));
    const body = fake.requests[0]!.body as { image?: string[] };
    assert.deepEqual(body.image, [`data:image/png;base64,${png.toString('base64')}`]);
  });

  test('a reference dropped from the workspace is attached; a too large one is refused', async () => {
    const folder = vscode.Uri.joinPath(workspaceFolder(), 'pictures');
    const small = vscode.Uri.joinPath(folder, 'small.png');
    const big = vscode.Uri.joinPath(folder, 'big.png');
    await vscode.workspace.fs.writeFile(small, tinyPng());
    await vscode.workspace.fs.writeFile(big, Buffer.concat([tinyPng(), Buffer.alloc(8 * 1024 * 1024)]));
    try {
      await studio.send({ type: 'dropReferences', uris: [small.toString(), big.toString()] });
      assert.deepEqual(studio.last('references').references.map((r) => r.name), ['small.png']);
      // The words of the one reference reader, which the extension API's readReferences uses too.
      assert.match(studio.last('notice').message, /^The reference image big\.png is 8\.0 MB; this model takes at most /);
    } finally {
      await removeIfPresent(folder);
    }
  });

  test('Cancel stops a slow request: no file, the run ends as cancelled', async () => {
    fake.setDelay(30_000);
    const running = studio.send({ type: 'generate', runId: 'run-c', request: request('slow one', {}) });
    await waitFor(() => fake.requests.length === 1, 'the request');
    // With the answer 30 s away, only the cancel can end the run before the test's time limit.
    await studio.send({ type: 'cancel', runId: 'run-c' });
    await running;
    assert.equal(studio.last('runFinished').outcome, 'cancelled');
    assert.equal(studio.of('runError').length, 0);
    assert.deepEqual(await listFolder(assets()), []);
  });

  test('a failure is shown in the panel with the translated message and its actions', async () => {
    fake.setFault({ kind: 'status', status: 401, message: 'bad key' });
    await studio.send({ type: 'generate', runId: 'run-e', request: request('will fail', {}) });
    const { error } = studio.last('runError');
    assert.match(error.message, /API key \(401\)/);
    assert.equal(error.retryable, true);
    assert.deepEqual(error.actions.map((a) => a.title), ['Set API Key', 'Show Log']);
    assert.equal(studio.last('runFinished').outcome, 'failed');
  });

  test('the panel follows the failure policy of the notifications: no Retry for a refused request or prompt', async () => {
    fake.setFault({ kind: 'status', status: 400, message: 'bad size' });
    await studio.send({ type: 'generate', runId: 'run-400', request: request('refused', {}) });
    assert.equal(studio.last('runError').error.retryable, false, 'a 400 fails the same way again');
    assert.deepEqual(studio.last('runError').error.actions.map((a) => a.title), ['Show Log']);
    fake.setFault({ kind: 'promptBlocked' });
    await studio.send({ type: 'generate', runId: 'run-safety', request: request('blocked', {}) });
    assert.equal(studio.last('runError').error.retryable, false, 'a refused prompt is refused again');
    fake.setFault({ kind: 'resetConnection' });
    await studio.send({ type: 'generate', runId: 'run-network', request: request('unreachable', {}) });
    const { error } = studio.last('runError');
    assert.equal(error.retryable, true);
    assert.deepEqual(error.actions.map((a) => a.title), ['Open Settings', 'Show Log']);
  });

  test('the history takes generations from anywhere, survives a new panel, and marks deleted files', async () => {
    const job = { prompt: 'from the command', model: 'gemini-3.1-flash-image-preview', aspectRatio: '1:1', resolution: '1K', count: 1, options: {}, references: [] };
    const { images } = await studio.runner.prepareAndRun(job, undefined, new AbortController().signal);
    await waitFor(() => studio.history.entries().length === 1, 'the history entry');
    const again = new StudioUnderTest(studio.state, vscode.Uri.file(path.join(storage, 'references-3')));
    try {
      await again.send({ type: 'ready' });
      assert.deepEqual(again.last('init').history.map((card) => [card.prompt, card.missing]), [['from the command', false]]);
      await vscode.workspace.fs.delete(images[0]!.uri);
      again.messages.length = 0;
      await again.send({ type: 'ready' });
      assert.equal(again.last('init').history[0]!.missing, true);
      await again.send({ type: 'imageAction', action: 'forget', uri: images[0]!.uri.toString() });
      assert.deepEqual(again.history.entries(), []);
    } finally {
      again.dispose();
    }
  });

  test('settings handed to the studio (Reuse Settings from elsewhere) follow init, with aliases resolved', async () => {
    studio.handler.applySettings({ prompt: 'again', model: 'nano-banana', aspectRatio: '16:9', resolution: '1K', options: {} });
    assert.equal(studio.messages.length, 0, 'nothing is posted before the page is ready');
    await studio.send({ type: 'ready' });
    assert.deepEqual(studio.messages.map((m) => m.type), ['init', 'applySettings']);
    assert.equal(studio.last('applySettings').settings.model, 'gemini-2.5-flash-image');
  });

  test('malformed messages are dropped', async () => {
    await studio.handler.receive({ type: 'generate', runId: '', request: { prompt: 1 } });
    await studio.handler.receive({ type: 'nonsense' });
    await studio.handler.receive('ready');
    assert.deepEqual(studio.messages, []);
    assert.equal(fake.requests.length, 0);
  });
});
