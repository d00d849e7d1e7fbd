import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompareRequest } from '../../src/shared/studioProtocol';
import type { RecordedRequest } from '../fake-dmxapi/server';
import { listFolder, removeIfPresent, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';
import { choices, MemoryMemento, request, StudioUnderTest, tinyPng, waitFor } from './support/studioUnderTest';

/**
 * Compare models and batches for one-image models, on the studio's host side: the messages the webview sends, the
 * requests the fake DMXAPI receives, the files written and the messages the page gets back.
 */

const GEMINI = 'gemini-3.1-flash-image-preview';

const compare = (models: string[], partial: Parameters<typeof choices>[0] = {}, referenceIds: string[] = []): CompareRequest => ({
  prompt: 'A red bicycle against a white wall',
  models,
  choices: choices(partial),
  referenceIds,
});

const modelOf = (r: RecordedRequest): string => (r.path.endsWith(':generateContent') ? GEMINI : String((r.body as { model?: unknown }).model));

suite('Image Studio: compare models and batches', () => {
  const fake = useFakeDmxApi();
  let studio: StudioUnderTest;
  let storage: string;
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');
  const generations = () => fake.requests.filter((r) => r.method === 'POST');

  setup(async () => {
    await removeIfPresent(assets());
    storage = await mkdtemp(path.join(os.tmpdir(), 'compare-test-'));
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.file(path.join(storage, 'references')));
  });

  teardown(async () => {
    studio.dispose();
    await rm(storage, { recursive: true, force: true });
  });

  test('three models at once, each with its own valid size, each image reported with its model and time', async () => {
    fake.setDelay(500);
    const running = studio.send({ type: 'compare', runId: 'cmp-1', request: compare([GEMINI, 'nano-banana-2', 'dall-e-3'], { aspectRatio: '16:9', resolution: '2K', count: 3 }) });
    await waitFor(() => generations().length === 3, 'three requests in flight together', 400);
    await running;

    const byModel = new Map(generations().map((r) => [modelOf(r), r.body as Record<string, unknown>]));
    assert.deepEqual((byModel.get(GEMINI) as { generationConfig: { imageConfig: unknown } }).generationConfig.imageConfig, { aspectRatio: '16:9', imageSize: '2K' });
    assert.equal(byModel.get('nano-banana-2')!['aspect_ratio'], '16:9');
    assert.equal(byModel.get('nano-banana-2')!['size'], '2K');
    assert.equal(byModel.get('nano-banana-2')!['n'], 1);
    // DALL·E 3 has no 16:9 and no 2K: the nearest shape, 7:4, at 1K; one image, not the count of a normal run.
    assert.equal(byModel.get('dall-e-3')!['size'], '1792x1024');
    assert.equal(byModel.get('dall-e-3')!['n'], 1);
    for (const body of byModel.values()) {
      assert.ok(JSON.stringify(body).includes('A red bicycle against a white wall'));
    }

    const images = studio.of('compareImage');
    assert.deepEqual(images.map((m) => m.model).sort(), ['dall-e-3', GEMINI, 'nano-banana-2'].sort());
    for (const message of images) {
      assert.equal(message.runId, 'cmp-1');
      assert.equal(message.image.model, message.model);
      assert.ok(message.elapsedMs >= 400, `${message.model} took ${message.elapsedMs} ms behind a 500 ms delay`);
    }
    assert.equal(images.find((m) => m.model === 'dall-e-3')!.image.aspectRatio, '7:4');
    assert.equal(studio.last('runFinished').outcome, 'done');
    assert.equal(studio.of('runImage').length, 0, 'compare results are not mixed with a normal run');
    assert.equal((await listFolder(assets())).length, 3);
  });

  test('one model failing is shown for that model only; the others still arrive', async () => {
    fake.setFault({ kind: 'status', status: 403, message: 'this model is not in your plan', times: 1 });
    await studio.send({ type: 'compare', runId: 'cmp-2', request: compare([GEMINI, 'nano-banana-2', 'dall-e-3']) });
    const errors = studio.of('compareError');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    const failedModel = errors[0]!.model;
    assert.ok(errors[0]!.error.message.length > 0);
    const arrived = studio.of('compareImage').map((m) => m.model);
    assert.equal(arrived.length, 2);
    assert.ok(!arrived.includes(failedModel));
    assert.equal(studio.last('runFinished').outcome, 'done');
    assert.equal((await listFolder(assets())).length, 2);
  });

  test('references go only to the models that take them', async () => {
    const png = tinyPng();
    await studio.send({ type: 'pasteReference', name: 'sketch.png', base64: png.toString('base64') });
    const [reference] = studio.last('references').references;
    assert.ok(reference);
    await studio.send({ type: 'compare', runId: 'cmp-3', request: compare([GEMINI, 'dall-e-3'], {}, [reference.id]) });
    assert.equal(studio.of('compareImage').length, 2, JSON.stringify(studio.of('compareError')));
    const gemini = generations().find((r) => modelOf(r) === GEMINI)!;
    assert.match(JSON.stringify(gemini.body), /inline_?[dD]ata/);
    const dalle = generations().find((r) => modelOf(r) === 'dall-e-3')!;
    assert.doesNotMatch(JSON.stringify(dalle.body), /data:image|"image"/);
  });

  test('Cancel stops every model of the comparison: no files, no errors', async () => {
    fake.setDelay(30_000);
    const running = studio.send({ type: 'compare', runId: 'cmp-4', request: compare([GEMINI, 'nano-banana-2']) });
    await waitFor(() => generations().length === 2, 'both requests');
    await studio.send({ type: 'cancel', runId: 'cmp-4' });
    await running;
    assert.equal(studio.last('runFinished').outcome, 'cancelled');
    assert.equal(studio.of('compareError').length, 0);
    assert.deepEqual(await listFolder(assets()), []);
  });

  test('five models, or none, are not a comparison: the message is dropped, nothing is sent', async () => {
    const five = [GEMINI, 'nano-banana-2', 'dall-e-3', 'dall-e-2', 'gpt-image-1'];
    await studio.send({ type: 'compare', runId: 'cmp-5', request: compare(five) });
    await studio.send({ type: 'compare', runId: 'cmp-6', request: compare([]) });
    assert.equal(studio.messages.length, 0);
    assert.equal(generations().length, 0);
  });

  test('batches: dall-e-3 with a count of 3 is three requests of n=1, three files, each image reported as it arrives', async () => {
    await studio.send({ type: 'generate', runId: 'batch', request: request('three lamps', { model: 'dall-e-3', count: 3 }) });
    assert.equal(studio.last('runStarted').requests, 3);
    const bodies = generations().map((r) => r.body as { model: string; n: number });
    assert.deepEqual(bodies.map((b) => [b.model, b.n]), [['dall-e-3', 1], ['dall-e-3', 1], ['dall-e-3', 1]]);
    const runMessages = studio.messages.filter((m) => m.type.startsWith('run')).map((m) => m.type);
    assert.deepEqual(runMessages, ['runStarted', 'runImage', 'runImage', 'runImage', 'runFinished']);
    assert.equal(new Set(studio.of('runImage').map((m) => m.image.uri)).size, 3);
    assert.equal((await listFolder(assets())).length, 3);
  });
});
