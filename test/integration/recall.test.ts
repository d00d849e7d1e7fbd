import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { embedMetadata, type MetadataRecord } from '../../src/core/metadata/imageMetadata';
import { METADATA_APP, METADATA_VERSION } from '../../src/core/metadata/record';
import { removeIfPresent, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';
import { studioTabs, tabsSettled } from './support/fakes';
import { MemoryMemento, request, StudioUnderTest, tinyPng, waitFor } from './support/studioUnderTest';

/**
 * Recall: the parameters saved inside an image bring back its settings (Explorer → Reuse Settings from Image) and
 * its place in the history, on a machine whose workspace state never saw it generated.
 */


const record = (partial: Partial<MetadataRecord>): MetadataRecord => ({
  v: METADATA_VERSION,
  app: METADATA_APP,
  prompt: 'A paper boat on a puddle',
  model: 'nano-banana-2',
  aspectRatio: '3:2',
  resolution: '2K',
  options: { responseFormat: 'b64_json' },
  createdAt: '2025-06-01T10:00:00.000Z',
  ...partial,
});

suite('Image Studio: recall from the parameters inside images', () => {
  useFakeDmxApi();
  let studio: StudioUnderTest;
  let storage: string;
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  setup(async () => {
    await removeIfPresent(assets());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    storage = await mkdtemp(path.join(os.tmpdir(), 'recall-test-'));
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.file(path.join(storage, 'references')));
  });

  teardown(async () => {
    studio.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rm(storage, { recursive: true, force: true });
  });

  test('Reuse Settings from Image on a generated image opens the studio with its prompt, model, size and options', async () => {
    const options = { 'dall-e-3': { quality: 'hd', style: 'natural' } };
    await studio.send({ type: 'generate', runId: 'gen', request: request('An owl reading by candlelight', { model: 'dall-e-3', aspectRatio: '4:7', options }) });
    const image = vscode.Uri.parse(studio.last('runImage').image.uri);

    const recalled = (await vscode.commands.executeCommand('dmxapi.reuseSettings', image)) as MetadataRecord | undefined;
    assert.ok(recalled, 'the command found the parameters');
    assert.equal(recalled.prompt, 'An owl reading by candlelight');
    assert.equal(recalled.model, 'dall-e-3');
    assert.equal(recalled.aspectRatio, '4:7');
    assert.equal(recalled.resolution, '1K');
    assert.equal(recalled.options['quality'], 'hd');
    assert.equal(recalled.options['style'], 'natural');
    await waitFor(() => studioTabs().length === 1, 'the studio panel');

    // The same settings handed to a studio reach the page as applySettings once it is ready.
    studio.handler.applySettings({ prompt: recalled.prompt, model: recalled.model, aspectRatio: recalled.aspectRatio, resolution: recalled.resolution, options: recalled.options });
    await studio.send({ type: 'ready' });
    const applied = studio.last('applySettings').settings;
    assert.deepEqual(applied, { prompt: 'An owl reading by candlelight', model: 'dall-e-3', aspectRatio: '4:7', resolution: '1K', options: recalled.options });
  });

  test('an image without parameters: a warning, no studio', async () => {
    const plain = vscode.Uri.joinPath(assets(), 'plain.png');
    await vscode.workspace.fs.writeFile(plain, tinyPng());
    const recalled = await vscode.commands.executeCommand('dmxapi.reuseSettings', plain);
    assert.equal(recalled, undefined);
    await tabsSettled();
    assert.equal(studioTabs().length, 0);
  });

  test('the history lists images in assets/ that carry parameters, though the workspace state never saw them', async () => {
    const carried = embedMetadata(tinyPng(), 'image/png', record({}));
    assert.ok(carried.embedded);
    const cloned = vscode.Uri.joinPath(assets(), 'paper-boat-20250601-100000.png');
    await vscode.workspace.fs.writeFile(cloned, carried.bytes);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(assets(), 'no-parameters.png'), tinyPng());

    await studio.send({ type: 'ready' });
    const { history } = studio.last('init');
    assert.equal(history.length, 1, JSON.stringify(history.map((card) => card.fileName)));
    const [card] = history;
    assert.equal(card!.uri, cloned.toString());
    assert.equal(card!.prompt, 'A paper boat on a puddle');
    assert.equal(card!.model, 'nano-banana-2');
    assert.equal(card!.aspectRatio, '3:2');
    assert.equal(card!.resolution, '2K');
    assert.equal(card!.createdAt, Date.parse('2025-06-01T10:00:00.000Z'));
    assert.ok(!card!.missing);
  });

  test('an image both in the workspace state and in assets/ is listed once, and newest first', async () => {
    const older = embedMetadata(tinyPng(), 'image/png', record({ prompt: 'from another machine' }));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(assets(), 'older.png'), older.bytes);
    await studio.send({ type: 'generate', runId: 'gen', request: request('made here', {}) });
    const made = studio.last('runImage').image.uri;
    await waitFor(() => studio.history.entries().length === 1, 'the stored entry');

    await studio.send({ type: 'ready' });
    const { history } = studio.last('init');
    assert.deepEqual(
      history.map((card) => card.prompt),
      ['made here', 'from another machine'],
    );
    assert.equal(history[0]!.uri, made);
  });
});
