import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { generateImages } from '../../../src/core/engine';
import type { GenerationRequest } from '../../../src/core/types';
import { rejectsWithKind } from './support/assertions';
import { API_KEY, bytes, json, scriptedFetch, testConfig, type Reply } from './support/fakeFetch';
import { gif, jpeg, png } from './support/images';

/** What the engine hands on when an answer is only partly good, cut short, or echoes the key. */

const catalog = createCatalog();
const OPENAI: GenerationRequest = { model: 'dall-e-3', prompt: 'a lighthouse', aspectRatio: '7:4', resolution: '1K' };
const GEMINI: GenerationRequest = { model: 'gemini-3.1-flash-image-preview', prompt: 'a sunset', aspectRatio: '1:1', resolution: '1K' };
const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

function run(replies: Reply[], request: GenerationRequest = OPENAI) {
  const scripted = scriptedFetch(...replies);
  const harness = testConfig(scripted.fetch);
  return { result: generateImages(catalog, request, harness.config), calls: scripted.calls, ...harness };
}

const urls = (count: number) => json({ data: Array.from({ length: count }, (_, i) => ({ url: `https://cdn.example/${i}.png` })) });

describe('generateImages: partial results', () => {
  test('one failed download keeps the images that arrived, and says which one is lost', async () => {
    const { result, calls } = run([urls(3), bytes(png(4, 4)), json({ error: 'NoSuchKey' }, 404), bytes(png(5, 5))]);
    const { images, failures } = await result;
    assert.deepEqual(images.map((image) => image.width), [4, 5]);
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.index, 1);
    assert.equal(failures[0]!.error.kind, 'download');
    assert.equal(calls.filter((call) => call.method === 'POST').length, 1, 'nothing was generated twice');
  });

  test('when every download fails, the first failure is the error', async () => {
    const { result } = run([urls(2), json({}, 404), json({}, 410)]);
    const error = await rejectsWithKind(result, 'download');
    assert.equal(error.status, 404);
  });
});

describe('generateImages: cut-off images are errors, not files', () => {
  test('a PNG without IEND, a JPEG without EOI, a GIF without its trailer', async () => {
    for (const image of [png(70, 70).subarray(0, 30), jpeg(8, 8).subarray(0, -2), gif(2, 2).subarray(0, -1)]) {
      const { result } = run([urls(1), bytes(image)]);
      const error = await rejectsWithKind(result, 'download');
      assert.match(error.message, /cut off/);
    }
  });

  test('a base64 image cut short is a malformed answer', async () => {
    const { result } = run([json({ data: [{ b64_json: b64(png(9, 9).subarray(0, 33)) }] })]);
    await rejectsWithKind(result, 'malformedResponse');
  });

  test('complete images, padded with zeros by a server, still pass', async () => {
    const padded = Buffer.concat([jpeg(8, 8), Buffer.alloc(16)]);
    const { result } = run([urls(1), bytes(padded)]);
    assert.equal((await result).images[0]!.mimeType, 'image/jpeg');
  });
});

describe('generateImages: a key echoed in a 200 answer reaches no user-facing field', () => {
  test('Gemini text parts beside the image', async () => {
    const parts = [{ text: `Your key ${API_KEY} works` }, { inlineData: { mimeType: 'image/png', data: b64(png(2, 2)) } }];
    const { result } = run([json({ candidates: [{ content: { parts }, finishReason: 'STOP' }] })], GEMINI);
    assert.deepEqual((await result).texts, ['Your key *** works']);
  });

  test('a text-only Gemini answer and its finish reason', async () => {
    const candidate = { content: { parts: [{ text: `echo ${API_KEY}` }] }, finishReason: `OTHER_${API_KEY}` };
    const { result } = run([json({ candidates: [candidate] })], GEMINI);
    const error = await rejectsWithKind(result, 'noImage');
    assert.doesNotMatch(error.message, new RegExp(API_KEY));
    assert.doesNotMatch(JSON.stringify(error.info), new RegExp(API_KEY));
  });

  test('a revised_prompt', async () => {
    const { result } = run([json({ data: [{ b64_json: b64(png(2, 2)), revised_prompt: `a lighthouse, ${API_KEY}` }] })]);
    assert.equal((await result).images[0]!.revisedPrompt, 'a lighthouse, ***');
  });
});

describe('generateImages: an image as a data URI in a Gemini text part', () => {
  test('is saved as an image, for any Gemini model', async () => {
    const image = png(3, 3);
    const parts = [{ text: 'Here:' }, { text: `data:image/png;base64,${b64(image)}` }];
    const { result } = run([json({ candidates: [{ content: { parts }, finishReason: 'STOP' }] })], GEMINI);
    const { images, texts } = await result;
    assert.deepEqual(Buffer.from(images[0]!.bytes), image);
    assert.deepEqual(texts, ['Here:']);
  });
});
