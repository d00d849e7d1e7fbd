import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readMetadata } from '../../src/core/metadata/imageMetadata';
import { StudioMessageHandler, type StudioView } from '../../src/panel/studioMessageHandler';
import type { HostMessage, WebviewMessage } from '../../src/shared/studioProtocol';
import { solidPng } from '../unit/editing/support';
import { listFolder, openWritten, removeIfPresent, setSetting, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';
import { MemoryMemento, StudioUnderTest, waitFor } from './support/studioUnderTest';

/**
 * The studio's edit mode, host side: messages as the page sends them (open an image, edit with a mask, refine,
 * ask for the versions, Use This Version), the files they make next to the source, and the messages back.
 * The real edit service, generator and runner against the fake DMXAPI.
 */

const SOURCE = solidPng(64, 48);

type Edit = Extract<WebviewMessage, { type: 'edit' }>['request'];

suite('Image Studio edit mode (host side)', () => {
  const fake = useFakeDmxApi();
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'studio-edits');
  const at = (name: string) => vscode.Uri.joinPath(folder(), name);
  const cat = () => at('cat.png');
  let state: MemoryMemento;
  let studio: StudioUnderTest;
  let runs = 0;
  const editRequests = () => fake.requests.filter((r) => r.path === '/v1/images/edits' || r.path.includes(':generateContent'));

  setup(async () => {
    await removeIfPresent(folder());
    await vscode.workspace.fs.writeFile(cat(), SOURCE);
    state = new MemoryMemento();
    studio = new StudioUnderTest(state, vscode.Uri.joinPath(workspaceFolder(), '.refs-studio-edit'));
  });

  teardown(async () => {
    studio.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeIfPresent(folder());
  });

  /** Sends an edit or refine and waits for its end; returns the messages of that run. */
  async function run(message: Omit<Extract<WebviewMessage, { type: 'edit' | 'refine' }>, 'runId'>): Promise<HostMessage[]> {
    const runId = `run-${++runs}`;
    const from = studio.messages.length;
    await studio.send({ ...message, runId } as WebviewMessage);
    await waitFor(() => studio.of('runFinished').some((m) => m.runId === runId), `the end of ${runId}`);
    return studio.messages.slice(from).filter((m) => !('runId' in m) || m.runId === runId);
  }

  /** The images of a run that must have succeeded (its error, if any, is the assertion's message). */
  const images = (messages: HostMessage[]) => {
    const failure = messages.find((m) => m.type === 'runError');
    assert.ok(!failure, failure?.type === 'runError' ? failure.error.message : '');
    return messages.flatMap((m) => (m.type === 'runImage' ? [m.image] : []));
  };
  const outcome = (messages: HostMessage[]) => messages.flatMap((m) => (m.type === 'runFinished' ? [m.outcome] : []))[0];

  test('openEdit shows the source with its pixel size and the models that edit it; a reload comes back in edit mode', async () => {
    await studio.send({ type: 'openEdit', uri: cat().toString() });
    const { source } = studio.last('editSource');
    assert.ok(source);
    assert.equal(source.fileName, 'cat.png');
    assert.deepEqual([source.width, source.height], [64, 48]);
    const editors = studio.services.catalog().models.filter((m) => m.edit).map((m) => m.id);
    assert.deepEqual(source.models.map((m) => m.id), editors);
    assert.ok(source.models.some((m) => m.id === 'gpt-image-2' && !m.problem));

    const reloaded = new StudioUnderTest(state, vscode.Uri.joinPath(workspaceFolder(), '.refs-studio-edit'), undefined, true);
    try {
      await reloaded.send({ type: 'ready' });
      assert.equal(reloaded.last('init').edit?.uri, cat().toString());
    } finally {
      reloaded.dispose();
    }
    await studio.send({ type: 'leaveEdit' });
    assert.equal(studio.last('editSource').source, undefined);
  });

  test('a file that is not an image, or outside the workspace, is refused with a message and no edit mode', async () => {
    await vscode.workspace.fs.writeFile(at('notes.png'), new TextEncoder().encode('just text'));
    await studio.send({ type: 'openEdit', uri: at('notes.png').toString() });
    assert.match(studio.last('notice').message, /notes\.png is not a PNG, JPEG, WebP or GIF image/);
    await studio.send({ type: 'openEdit', uri: 'file:///etc/passwd' });
    assert.match(studio.last('notice').message, /only works with files inside the workspace/);
    assert.equal(studio.of('editSource').length, 0);
  });

  test('the studio closed while Edit Image… is still opening it: the opening ends quietly; a failure while it is open is a notice', async () => {
    const posted: HostMessage[] = [];
    let closed = false;
    const webview: StudioView = {
      post: (message) => posted.push(message),
      // A disposed webview throws on every use, as VS Code's does.
      asWebviewUri: (uri) => {
        if (closed) {
          throw new Error('Webview is disposed');
        }
        return uri;
      },
    };
    const closing = new StudioMessageHandler(studio.services, webview);
    const opening = closing.openEdit({ source: cat().toString() });
    closing.dispose();
    closed = true;
    await opening; // rejected before, and nothing handled the rejection
    assert.deepEqual([...posted], []);

    const open = new StudioMessageHandler(studio.services, {
      post: (message) => posted.push(message),
      asWebviewUri: () => {
        throw new Error('the webview cannot show this file');
      },
    });
    try {
      await open.openEdit({ source: cat().toString() });
    } finally {
      open.dispose();
    }
    assert.deepEqual(posted, [{ type: 'notice', level: 'error', message: 'the webview cannot show this file' }]);
  });

  test('an image too large for a model: that model is offered with the limit as its reason', async () => {
    const catalog = studio.services.catalog();
    const smallest = catalog.models.filter((m) => m.edit).sort((a, b) => a.edit!.maxBytes - b.edit!.maxBytes)[0]!;
    const largest = Math.max(...catalog.models.flatMap((m) => (m.edit ? [m.edit.maxBytes] : [])));
    assert.ok(smallest.edit!.maxBytes < largest, 'the catalog has models with different limits');
    // A PNG just at the smallest limit: valid bytes for a PNG reader, too large for that model only.
    const big = new Uint8Array(smallest.edit!.maxBytes);
    big.set(SOURCE);
    await vscode.workspace.fs.writeFile(at('big.png'), big);
    await studio.send({ type: 'openEdit', uri: at('big.png').toString() });
    const { source } = studio.last('editSource');
    const verdict = source?.models.find((m) => m.id === smallest.id);
    assert.match(verdict?.problem ?? '', /big\.png is 7\.0 MB; this model takes images under 7\.0 MB/);
    assert.ok(source?.models.some((m) => !m.problem), 'other models still edit it');
  });

  test('Edit with a mask on gpt-image-2 → cat-v2.png next to the source, the mask sent, the card names its parent', async () => {
    await studio.send({ type: 'openEdit', uri: cat().toString() });
    const mask = solidPng(64, 48, { alpha: true, pixel: 0 });
    const request: Edit = { source: cat().toString(), model: 'gpt-image-2', instruction: 'Add a red hat', maskBase64: Buffer.from(mask).toString('base64'), options: {} };
    const messages = await run({ type: 'edit', request });
    assert.equal(outcome(messages), 'done');
    const [card] = images(messages);
    assert.equal(card?.fileName, 'cat-v2.png');
    assert.equal(card?.parent, cat().toString());
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat.png']);
    const form = editRequests()[0]!.form;
    assert.deepEqual(form?.files.map((f) => f.field), ['image', 'mask']);
    assert.deepEqual(new Uint8Array(form!.files[1]!.bytes), new Uint8Array(mask));
    assert.equal(readMetadata(await vscode.workspace.fs.readFile(at('cat-v2.png')))?.instruction, 'Add a red hat');
    // The history lists the version, though it is outside the assets folders.
    await waitFor(() => studio.history.entries().some((e) => e.uri === at('cat-v2.png').toString()), 'the version in the history');
  });

  test('a mask of the wrong size is an error card with the sizes, and nothing is saved', async () => {
    const request: Edit = {
      source: cat().toString(),
      model: 'gpt-image-2',
      instruction: 'Only here',
      maskBase64: Buffer.from(solidPng(32, 32, { alpha: true })).toString('base64'),
      options: {},
    };
    const messages = await run({ type: 'edit', request });
    assert.equal(outcome(messages), 'failed');
    const error = messages.find((m) => m.type === 'runError');
    assert.ok(error?.type === 'runError');
    assert.match(error.error.message, /mask/i);
    assert.match(error.error.message, /64×48|64x48/);
    assert.deepEqual(await listFolder(folder()), ['cat.png']);
    assert.equal(editRequests().length, 0, 'nothing was sent');
  });

  test('Cancel stops an edit: nothing is written, the run ends as cancelled, and the next edit runs', async () => {
    fake.setDelay(30_000);
    const request: Edit = { source: cat().toString(), model: 'gpt-image-2', instruction: 'Slow hat', options: {} };
    const running = run({ type: 'edit', request });
    await waitFor(() => editRequests().length === 1, 'the edit request');
    // With the answer 30 s away, only the cancel can end the run before the test's time limit.
    await studio.send({ type: 'cancel', runId: `run-${runs}` });
    const messages = await running;
    assert.equal(outcome(messages), 'cancelled');
    assert.equal(messages.filter((m) => m.type === 'runError').length, 0);
    assert.deepEqual(await listFolder(folder()), ['cat.png']);
    // The run is over on the host too: the next edit is not refused as "already running".
    fake.setDelay(0);
    const next = await run({ type: 'edit', request: { ...request, instruction: 'Quick hat' } });
    assert.equal(outcome(next), 'done');
    assert.deepEqual(images(next).map((card) => card.fileName), ['cat-v2.png']);
  });

  test('a failed edit offers Retry; sent again once the server recovers, it writes exactly one version', async () => {
    await setSetting('maxRetries', 0);
    fake.setFault({ kind: 'status', status: 500, times: 1 });
    const request: Edit = { source: cat().toString(), model: 'gpt-image-2', instruction: 'Red hat', options: {} };
    const failed = await run({ type: 'edit', request });
    assert.equal(outcome(failed), 'failed');
    const error = failed.find((m) => m.type === 'runError');
    assert.ok(error?.type === 'runError');
    assert.equal(error.error.retryable, true, 'a 500 is worth trying again');
    assert.deepEqual(await listFolder(folder()), ['cat.png']);
    // Retry on the error card sends the same request under a new run id.
    const retried = await run({ type: 'edit', request });
    assert.equal(outcome(retried), 'done');
    assert.deepEqual(images(retried).map((card) => card.fileName), ['cat-v2.png']);
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat.png']);
    assert.equal(editRequests().length, 2);
  });

  test('refine twice with Gemini continues the conversation; the versions strip reads the lineage from the files, also after a reload', async () => {
    const model = 'gemini-3.1-flash-image';
    const first = images(await run({ type: 'edit', request: { source: cat().toString(), model, instruction: 'Make it a watercolor', options: {} } }))[0]!;
    const second = images(await run({ type: 'refine', request: { version: first.uri, model, instruction: 'Now add a blue hat', options: {} } }))[0]!;
    const third = images(await run({ type: 'refine', request: { version: second.uri, model, instruction: 'Make the hat larger', options: {} } }))[0]!;
    assert.deepEqual([first.fileName, second.fileName, third.fileName], ['cat-v2.png', 'cat-v3.png', 'cat-v4.png']);
    assert.equal(third.parent, second.uri);
    // The fake refuses a model turn without the signature it gave out; the third request carries two earlier turns.
    const contents = (editRequests()[2]!.body as { contents: Array<{ role: string }> }).contents;
    assert.deepEqual(contents.map((c) => c.role), ['user', 'model', 'user', 'model', 'user']);

    const reloaded = new StudioUnderTest(state, vscode.Uri.joinPath(workspaceFolder(), '.refs-studio-edit'));
    try {
      await reloaded.send({ type: 'lineage', uri: third.uri });
      const lineage = reloaded.last('lineage');
      assert.deepEqual(lineage.versions.map((v) => v.label), ['v1', 'v2', 'v3', 'v4']);
      assert.deepEqual(lineage.versions.map((v) => v.instruction), ['', 'Make it a watercolor', 'Now add a blue hat', 'Make the hat larger']);
      // Selecting an earlier version shows the versions made from it too, not only its ancestors.
      await reloaded.send({ type: 'lineage', uri: first.uri });
      assert.equal(reloaded.last('lineage').uri, first.uri);
      assert.deepEqual(reloaded.last('lineage').versions.map((v) => v.label), ['v1', 'v2', 'v3', 'v4']);
      // And a refine from the reloaded studio still continues the conversation from the files.
      const runId = 'after-reload';
      await reloaded.send({ type: 'refine', runId, request: { version: third.uri, model, instruction: 'Add a scarf', options: {} } });
      await waitFor(() => reloaded.of('runFinished').some((m) => m.runId === runId), 'the refine after the reload');
      assert.equal(reloaded.last('runFinished').outcome, 'done');
      assert.equal((editRequests()[3]!.body as { contents: unknown[] }).contents.length, 7);
    } finally {
      reloaded.dispose();
    }
  });

  test('a refine whose parent file was deleted edits the image alone and says so', async () => {
    const model = 'gemini-3.1-flash-image';
    const first = images(await run({ type: 'edit', request: { source: cat().toString(), model, instruction: 'Watercolor', options: {} } }))[0]!;
    const second = images(await run({ type: 'refine', request: { version: first.uri, model, instruction: 'Blue hat', options: {} } }))[0]!;
    await vscode.workspace.fs.delete(vscode.Uri.parse(first.uri));
    const messages = await run({ type: 'refine', request: { version: second.uri, model, instruction: 'Bigger hat', options: {} } });
    assert.equal(outcome(messages), 'done');
    const notice = messages.find((m) => m.type === 'notice' && m.level === 'warning');
    assert.ok(notice?.type === 'notice');
    assert.match(notice.message, /cat-v2\.png/);
    await studio.send({ type: 'lineage', uri: images(messages)[0]!.uri });
    const versions = studio.last('lineage').versions;
    assert.deepEqual(versions.map((v) => [v.label, v.missing]), [['v2', true], ['v3', false], ['v4', false]]);
  });

  test('Use This Version: the document that links v1 now links the newest version, and the strip marks it in use', async () => {
    const page = at('page.md');
    const editor = await vscode.window.showTextDocument(await openWritten(page, '# Cat\n\n![A cat](cat.png)\n'));
    await waitFor(() => studio.services.tracker.editor === editor, 'the tracker on page.md');
    const v2 = images(await run({ type: 'edit', request: { source: cat().toString(), model: 'gpt-image-2', instruction: 'Hat', options: {} } }))[0]!;
    await studio.send({ type: 'lineage', uri: v2.uri });
    assert.equal(studio.last('lineage').inUse, cat().toString());
    await studio.send({ type: 'useVersion', uri: v2.uri });
    assert.equal(editor.document.getText(), '# Cat\n\n![A cat](cat-v2.png)\n');
    assert.equal(studio.last('lineage').inUse, v2.uri);
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat.png', 'page.md'], 'the old file stays');
  });
});
