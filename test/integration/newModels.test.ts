import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createCatalog } from '../../src/core/catalog/catalog';
import { assertDone, generate, pngSize, removeIfPresent, setSetting, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';
import { closeAllEditors } from './support/failures';
import { MemoryMemento, request, StudioUnderTest } from './support/studioUnderTest';

/**
 * DMXAPI's current models (its newer documentation pages), every ratio × resolution each page lists, through the
 * editor path (Generate Image with the settings) and through the studio, against the fake DMXAPI, which reads
 * the same pages from its own tables.
 */

const NEW_MODELS = [
  'gemini-3.1-flash-image',
  'gemini-3-pro-image',
  'gemini-3.1-flash-lite-image',
  'gemini-2.5-flash-image:generateContent',
  'gpt-image-1.5',
  'gpt-image-2',
  'gpt-image-2-ssvip',
];
const REDUCTION = 16;
const catalog = createCatalog();
const reduced = (n: number) => Math.ceil(n / REDUCTION);

suite('DMXAPI current models: every documented size, editor and studio', () => {
  const fake = useFakeDmxApi({ sizeReduction: REDUCTION });
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');
  let storage: string;
  let studio: StudioUnderTest;

  setup(async () => {
    await removeIfPresent(assets());
    storage = await mkdtemp(path.join(os.tmpdir(), 'new-models-'));
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.file(path.join(storage, 'references')));
  });

  teardown(async () => {
    studio.dispose();
    await closeAllEditors();
    await rm(storage, { recursive: true, force: true });
  });

  const expectPixels = async (uri: vscode.Uri, width: number | null, height: number | null, what: string) => {
    const size = pngSize(await vscode.workspace.fs.readFile(uri));
    if (width === null || height === null) {
      assert.ok(size.width > 0 && size.height > 0, what);
    } else {
      assert.deepEqual(size, { width: reduced(width), height: reduced(height) }, what);
    }
  };

  for (const id of NEW_MODELS) {
    const model = catalog.require(id);

    test(`${id}: Generate Image at each of its ${model.sizes.length} sizes`, async function () {
      // Each size rewrites two settings and runs the command: a limit per size, not per model.
      this.timeout(15_000 * model.sizes.length);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
      await setSetting('model', id);
      for (const cell of model.sizes) {
        await setSetting('aspectRatio', cell.ratio);
        await setSetting('resolution', cell.resolution);
        const outcome = assertDone(await generate({ prompt: `${cell.ratio} ${cell.resolution}` }));
        assert.equal(outcome.message, undefined, `${cell.ratio} × ${cell.resolution} was adjusted`);
        await expectPixels(outcome.uris[0]!, cell.width, cell.height, `${id} ${cell.ratio} × ${cell.resolution}`);
      }
      assert.equal(fake.requests.filter((r) => r.method === 'POST').length, model.sizes.length);
    });

    test(`${id}: the studio at each of its ${model.sizes.length} sizes`, async () => {
      for (const [index, cell] of model.sizes.entries()) {
        const runId = `run-${index}`;
        await studio.send({ type: 'generate', runId, request: request(`${cell.ratio} ${cell.resolution}`, { model: id, aspectRatio: cell.ratio, resolution: cell.resolution }) });
        const finished = studio.last('runFinished');
        assert.equal(finished.outcome, 'done', `${id} ${cell.ratio} × ${cell.resolution}: ${JSON.stringify(studio.of('runError'))}`);
        await expectPixels(vscode.Uri.parse(studio.last('runImage').image.uri), cell.width, cell.height, `${id} ${cell.ratio} × ${cell.resolution}`);
      }
    });
  }
});
