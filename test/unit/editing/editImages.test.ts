import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { editImages } from '../../../src/core/editing/editImages';
import type { EditRequest } from '../../../src/core/editing/editRequest';
import type { EngineConfig } from '../../../src/core/engine';
import type { ValidationIssueCode } from '../../../src/core/validationIssues';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { rejectsWithKind } from '../core/support/assertions';
import { API_KEY } from '../core/support/fakeFetch';
import { gif, jpeg } from '../core/support/images';
import { solidPng } from './support';

/** Every edit entry end to end: the engine's real fetch against the fake DMXAPI's `/v1/images/edits` and generateContent. */

const catalog = createCatalog();
let server: FakeDmxApi;

before(async () => {
  server = await startFakeDmxApi({ sizeReduction: 32, validKey: API_KEY });
});
after(() => server.close());
beforeEach(() => server.reset());

const config = (): EngineConfig => ({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 10_000, maxRetries: 0 });
const SOURCE = solidPng(40, 30);
const edit = (request: Partial<EditRequest>) =>
  editImages(catalog, { model: 'nano-banana-2', instruction: 'add a red hat', images: [{ bytes: SOURCE, name: 'cat.png' }], ...request }, config());

async function issuesOf(request: Partial<EditRequest>): Promise<ValidationIssueCode[]> {
  const error = await rejectsWithKind(edit(request), 'invalidRequest');
  assert.equal(server.requests.length, 0, 'nothing is sent for a request with issues');
  return error.info.kind === 'invalidRequest' ? error.info.issues.map((issue) => issue.code) : [];
}

describe('editImages over /v1/images/edits', () => {
  test('nano-banana-2: the page\'s fields and the image as a file part; the answer read like generation\'s', async () => {
    const result = await edit({ aspectRatio: '16:9', resolution: '2K', options: { responseFormat: 'url' } });
    const [request] = server.requests;
    assert.equal(request!.path, '/v1/images/edits');
    assert.match(request!.headers['content-type']!, /^multipart\/form-data; boundary=/);
    assert.equal(request!.headers['authorization'], `Bearer ${API_KEY}`);
    assert.deepEqual(request!.form!.fields, [
      ['model', 'nano-banana-2'],
      ['prompt', 'add a red hat'],
      ['n', '1'],
      ['aspect_ratio', '16:9'],
      ['size', '2K'],
      ['response_format', 'url'],
    ]);
    assert.deepEqual(
      request!.form!.files.map((file) => [file.field, file.fileName, file.contentType]),
      [['image', 'image-1.png', 'image/png']],
    );
    assert.deepEqual(request!.form!.files[0]!.bytes, SOURCE);
    // The URL result was downloaded at once, as for generation: 2752x1536 reduced by 32.
    assert.equal(server.requests[1]!.method, 'GET');
    assert.equal(result.images[0]!.source, 'url');
    assert.deepEqual([result.images[0]!.width, result.images[0]!.height], [86, 48]);
    assert.equal(result.turn, undefined);
  });

  test('without a ratio or resolution those fields are left out and the model keeps its own default', async () => {
    await edit({});
    assert.deepEqual(server.requests[0]!.form!.fields.map(([name]) => name), ['model', 'prompt', 'n', 'response_format']);
  });

  test('gpt-image-1.5: its edit page\'s fields only (no n, no moderation), JPEG with compression', async () => {
    const result = await edit({ model: 'gpt-image-1.5', aspectRatio: '3:2', resolution: '1K', options: { outputFormat: 'jpeg', quality: 'low' } });
    assert.deepEqual(server.requests[0]!.form!.fields, [
      ['model', 'gpt-image-1.5'],
      ['prompt', 'add a red hat'],
      ['size', '1536x1024'],
      ['quality', 'low'],
      ['output_format', 'jpeg'],
      ['output_compression', '100'],
      ['background', 'auto'],
    ]);
    assert.equal(result.images[0]!.mimeType, 'image/jpeg');
    await rejectsWithKind(edit({ model: 'gpt-image-1.5', options: { moderation: 'low' } }), 'invalidRequest');
  });

  test('gpt-image-2 with a mask: two images and the mask as file parts; the fake checks its alpha and size', async () => {
    const mask = solidPng(40, 30, { alpha: true, pixel: 0 });
    const other = jpeg(8, 8);
    const result = await edit({ model: 'gpt-image-2', images: [{ bytes: SOURCE }, { bytes: other }], mask: { bytes: mask, name: 'mask.png' }, options: { background: 'opaque' } });
    const form = server.requests[0]!.form!;
    assert.deepEqual(form.files.map((file) => [file.field, file.fileName, file.contentType]), [
      ['image', 'image-1.png', 'image/png'],
      ['image', 'image-2.jpg', 'image/jpeg'],
      ['mask', 'mask.png', 'image/png'],
    ]);
    assert.deepEqual(form.files[2]!.bytes, mask);
    assert.deepEqual(form.fields.find(([name]) => name === 'background'), ['background', 'opaque']);
    // size auto: the answer keeps the source's pixel size.
    assert.deepEqual([result.images[0]!.width, result.images[0]!.height], [40, 30]);
  });

  test('the fake refuses what the page forbids even when a client sends it: a mask of another size, a mask without alpha', async () => {
    const post = async (mask: Buffer) => {
      const form = new FormData();
      form.append('model', 'gpt-image-2');
      form.append('prompt', 'x');
      form.append('image', new Blob([new Uint8Array(SOURCE)], { type: 'image/png' }), 'a.png');
      form.append('mask', new Blob([new Uint8Array(mask)], { type: 'image/png' }), 'm.png');
      const response = await fetch(`${server.url}/v1/images/edits`, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}` }, body: form });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    };
    const wrongSize = await post(solidPng(41, 30, { alpha: true }));
    assert.equal(wrongSize.status, 400);
    assert.equal(wrongSize.body.error.code, 'invalid_mask');
    assert.match(wrongSize.body.error.message, /41x30 but the image is 40x30/);
    const noAlpha = await post(solidPng(40, 30));
    assert.match(noAlpha.body.error.message, /alpha channel/);
    assert.equal((await post(solidPng(40, 30, { alpha: true }))).status, 200);
  });
});

describe('editImages: refused before sending, with generation\'s issue style', () => {
  test('a model that cannot edit, and one that is unknown', async () => {
    assert.deepEqual(await issuesOf({ model: 'dall-e-3' }), ['cannotEdit']);
    assert.deepEqual(await issuesOf({ model: 'gemini-3.1-flash-lite-image' }), ['cannotEdit']);
    assert.deepEqual(await issuesOf({ model: 'no-such-model' }), ['unknownModel']);
  });

  test('no image, too many, not an image, a format the model does not read, too large (with the limit)', async () => {
    assert.deepEqual(await issuesOf({ images: [] }), ['noEditImage']);
    assert.deepEqual(await issuesOf({ images: Array.from({ length: 15 }, () => ({ bytes: SOURCE })) }), ['tooManyEditImages']);
    assert.deepEqual(await issuesOf({ images: [{ bytes: Buffer.from('not an image'), name: 'notes.txt' }] }), ['editImageNotImage']);
    assert.deepEqual(await issuesOf({ model: 'gemini-3-pro-image', images: [{ bytes: gif(4, 4) }] }), ['editImageFormat']);
    const large = Buffer.concat([SOURCE, Buffer.alloc(7 * 1024 * 1024)]);
    const error = await rejectsWithKind(edit({ model: 'gemini-3-pro-image', images: [{ bytes: large, name: 'big.png' }] }), 'invalidRequest');
    assert.match(error.message, /big\.png \(#1\) has 7\d+ bytes; the model takes images under 7340032 bytes/);
  });

  test('masks: for a model without one, without alpha, of another size, over a JPEG', async () => {
    const mask = (width: number, alpha = true) => ({ bytes: solidPng(width, 30, { alpha }) });
    assert.deepEqual(await issuesOf({ model: 'gpt-image-1.5', mask: mask(40) }), ['maskNotAccepted']);
    assert.deepEqual(await issuesOf({ model: 'gpt-image-2', mask: mask(40, false) }), ['maskWithoutAlpha']);
    assert.deepEqual(await issuesOf({ model: 'gpt-image-2', mask: mask(39) }), ['maskSizeMismatch']);
    assert.deepEqual(await issuesOf({ model: 'gpt-image-2', images: [{ bytes: jpeg(40, 30) }], mask: mask(40) }), ['maskFormatMismatch']);
  });

  test('a conversation for a model without multi-turn', async () => {
    const conversation = [{ role: 'user' as const, parts: [{ kind: 'text' as const, text: 'a cat' }] }];
    assert.deepEqual(await issuesOf({ model: 'gemini-2.5-flash-image:generateContent', conversation }), ['conversationNotAccepted']);
  });
});

describe('editImages over generateContent', () => {
  test('gemini-2.5-flash-image: the instruction then the image as inlineData, the ratio only; no turn kept', async () => {
    const result = await edit({ model: 'gemini-2.5-flash-image:generateContent', aspectRatio: '3:2' });
    const body = server.requests[0]!.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>; generationConfig: unknown };
    assert.equal(server.requests[0]!.path, '/v1beta/models/gemini-2.5-flash-image:generateContent');
    assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'add a red hat' }, { inlineData: { mimeType: 'image/png', data: SOURCE.toString('base64') } }] }]);
    assert.deepEqual(body.generationConfig, { imageConfig: { aspectRatio: '3:2' } });
    assert.equal(result.turn, undefined);
  });

  test('gemini-3.1-flash-image without a ratio keeps the source\'s shape; the turn keeps every model part\'s signature', async () => {
    const result = await edit({ model: 'gemini-3.1-flash-image' });
    assert.deepEqual([result.images[0]!.width, result.images[0]!.height], [40, 30]);
    const turn = result.turn!;
    assert.equal(turn.continues, false);
    assert.deepEqual(turn.user.map((part) => part.kind), ['text', 'image']);
    assert.deepEqual(turn.model.map((part) => part.kind), ['text', 'image']);
    for (const part of turn.model) assert.match(part.signature ?? '', /^[A-Za-z0-9+/]{64}$/);
    const image = turn.model[1]!;
    assert.ok(image.kind === 'image' && image.bytes === result.images[0]!.bytes);
  });
});
