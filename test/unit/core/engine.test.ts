import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { generateImages, type EngineConfig } from '../../../src/core/engine';
import type { DmxApiError } from '../../../src/core/errors';
import type { GenerationRequest } from '../../../src/core/types';
import { rejectsWithKind } from './support/assertions';
import { API_KEY, bytes, json, scriptedFetch, testConfig, type Reply } from './support/fakeFetch';
import { jpeg, png, webpLossless } from './support/images';

const catalog = createCatalog();
const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

const REQUEST: GenerationRequest = { model: 'dall-e-3', prompt: 'a lighthouse', aspectRatio: '7:4', resolution: '1K' };

function run(replies: Reply[], request: Partial<GenerationRequest> = {}, overrides: Partial<EngineConfig> = {}) {
  const scripted = scriptedFetch(...replies);
  const harness = testConfig(scripted.fetch, overrides);
  const result = generateImages(catalog, { ...REQUEST, ...request }, harness.config);
  return { result, calls: scripted.calls, ...harness };
}


describe('generateImages: answers', () => {
  test('b64_json: bytes decoded once, type and size sniffed, the request as the catalog says', async () => {
    const image = png(1792, 1024);
    const { result, calls, logs } = run([json({ created: 1, data: [{ b64_json: b64(image), revised_prompt: 'A lighthouse at dusk' }] })]);
    const { images, texts, model, elapsedMs } = await result;
    assert.equal(model, 'dall-e-3');
    assert.deepEqual(texts, []);
    assert.equal(images.length, 1);
    assert.deepEqual(Buffer.from(images[0]!.bytes), image);
    assert.equal(images[0]!.mimeType, 'image/png');
    assert.equal(images[0]!.width, 1792);
    assert.equal(images[0]!.height, 1024);
    assert.equal(images[0]!.source, 'base64');
    assert.equal(images[0]!.revisedPrompt, 'A lighthouse at dusk');
    assert.ok(elapsedMs >= 0);
    assert.equal(calls[0]!.url, 'https://api.example.test/v1/images/generations');
    assert.equal(calls[0]!.method, 'POST');
    assert.equal(calls[0]!.headers['Authorization'], `Bearer ${API_KEY}`);
    assert.equal(JSON.parse(calls[0]!.body!).size, '1792x1024');
    assert.ok(logs.some((l) => /^image 1: image\/png 1792x1024 \d+ B \(base64\)$/.test(l)), logs.join('\n'));
  });

  test('URL results are downloaded at once, without the key, and keep their order', async () => {
    const first = jpeg(1024, 1024);
    const second = webpLossless(1024, 1024);
    const { result, calls } = run(
      [
        json({ data: [{ url: 'https://cdn.example/a.jpg?token=abc' }, { url: 'https://cdn.example/b.webp' }] }),
        bytes(first, 200, 'image/png'),
        bytes(second),
      ],
      { model: 'dall-e-2', aspectRatio: '1:1', count: 2, options: { responseFormat: 'url' } },
    );
    const { images } = await result;
    assert.deepEqual(images.map((i) => [i.mimeType, i.source]), [
      ['image/jpeg', 'url'],
      ['image/webp', 'url'],
    ]);
    assert.equal(calls[1]!.method, 'GET');
    assert.equal(calls[1]!.url, 'https://cdn.example/a.jpg?token=abc');
    assert.deepEqual(calls[1]!.headers, {});
  });

  test('a data URI in place of a URL is decoded, not fetched', async () => {
    const image = png(10, 20);
    const { result, calls } = run([json({ data: [{ url: `data:image/png;base64,${b64(image)}` }] })]);
    const { images } = await result;
    assert.equal(images[0]!.height, 20);
    assert.equal(calls.length, 1);
  });

  test('Gemini: image and words come back together', async () => {
    const image = png(1024, 1024);
    const { result, calls } = run(
      [json({ candidates: [{ content: { parts: [{ text: 'Sunny all week.' }, { inlineData: { mimeType: 'image/png', data: b64(image) } }] } }] })],
      { model: 'gemini-3.1-flash-image-preview', aspectRatio: '1:1' },
    );
    const { images, texts } = await result;
    assert.deepEqual(texts, ['Sunny all week.']);
    assert.equal(images[0]!.width, 1024);
    assert.equal(calls[0]!.headers['x-goog-api-key'], API_KEY);
    assert.equal(calls[0]!.headers['Authorization'], undefined);
  });
});

describe('generateImages: failures', () => {
  test('an invalid request sends nothing', async () => {
    const { result, calls } = run([], { prompt: '   ' });
    const error = await rejectsWithKind(result, 'invalidRequest');
    assert.equal(error.info.kind === 'invalidRequest' && error.info.issues[0]?.code, 'emptyPrompt');
    assert.equal(calls.length, 0);
  });

  test('an expired link is a download error; the generation is not sent again', async () => {
    const { result, calls } = run([json({ data: [{ url: 'https://cdn.example/gone.png' }] }), json({ error: 'NoSuchKey' }, 404)]);
    const error = await rejectsWithKind(result, 'download');
    assert.equal(error.status, 404);
    assert.match(error.message, /expired/);
    assert.deepEqual(calls.map((c) => c.method), ['POST', 'GET']);
  });

  test('a download that fails transiently is fetched again, the generation is not', async () => {
    const image = png(1, 1);
    const { result, calls } = run([json({ data: [{ url: 'https://cdn.example/a.png' }] }), json({}, 502), bytes(image)]);
    assert.equal((await result).images.length, 1);
    assert.deepEqual(calls.map((c) => c.method), ['POST', 'GET', 'GET']);
  });

  test('a download that persistently fails is a download error quoting the cause', async () => {
    const { result } = run([json({ data: [{ url: 'https://cdn.example/a.png' }] }), json({}, 500), json({}, 500), json({}, 500)]);
    const error = await rejectsWithKind(result, 'download');
    assert.match(error.message, /HTTP 500/);
  });

  test('a link serving something other than an image is a download error', async () => {
    const page = new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const { result } = run([json({ data: [{ url: 'https://cdn.example/a.png' }] }), page]);
    const error = await rejectsWithKind(result, 'download');
    assert.match(error.message, /not a PNG, JPEG, WebP or GIF/);
  });

  test('cancel during a download stays a cancellation', async () => {
    const controller = new AbortController();
    const { result } = run(
      [
        json({ data: [{ url: 'https://cdn.example/a.png' }] }),
        () => {
          controller.abort();
          throw new DOMException('aborted', 'AbortError');
        },
      ],
      {},
      { signal: controller.signal },
    );
    await rejectsWithKind(result, 'cancelled');
  });

  test('base64 that is not an image is a malformed answer', async () => {
    const { result } = run([json({ data: [{ b64_json: Buffer.from('hello world').toString('base64') }] })]);
    await rejectsWithKind(result, 'malformedResponse');
  });

  test('an HTML page with status 200 is htmlPage, not a JSON error', async () => {
    const page = new Response('<!DOCTYPE html><html><body>Just a moment…</body></html>', { status: 200 });
    const { result } = run([page]);
    const error = await rejectsWithKind(result, 'htmlPage');
    assert.equal(error.status, 200);
  });

  test('broken or empty JSON is a malformed answer', async () => {
    await rejectsWithKind(run([new Response('{"created":1,"data":[{"b64_j', { status: 200 })]).result, 'malformedResponse');
    const empty = await rejectsWithKind(run([new Response('', { status: 200 })]).result, 'malformedResponse');
    assert.match(empty.message, /empty/);
  });

  test('a 200 with an error body is that error', async () => {
    const { result } = run([json({ error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } })]);
    await rejectsWithKind(result, 'rateLimited');
  });

  test('moderation refusals are safety errors for both protocols', async () => {
    const openAi = run([json({ error: { message: 'rejected', type: 'invalid_request_error', code: 'content_policy_violation' } }, 400)]);
    assert.equal((await rejectsWithKind(openAi.result, 'safetyBlocked')).reason, 'content_policy_violation');
    const gemini = run([json({ candidates: [{ finishReason: 'IMAGE_SAFETY' }] })], { model: 'gemini-3.1-flash-image-preview', aspectRatio: '1:1' });
    assert.equal((await rejectsWithKind(gemini.result, 'safetyBlocked')).reason, 'IMAGE_SAFETY');
  });

  test('no image is a noImage error with the model\u2019s words', async () => {
    const { result } = run([json({ candidates: [{ content: { parts: [{ text: 'Please describe the scene.' }] }, finishReason: 'STOP' }] })], {
      model: 'gemini-3.1-flash-image-preview',
      aspectRatio: '1:1',
    });
    assert.deepEqual((await rejectsWithKind(result, 'noImage')).texts, ['Please describe the scene.']);
  });
});

describe('the API key stays secret', () => {
  const echo = `invalid token ${API_KEY} (Bearer ${API_KEY})`;
  const scenarios: [string, Reply[], Partial<GenerationRequest>][] = [
    ['401 echo', [json({ error: { message: echo, type: 'invalid_request_error' } }, 401)], {}],
    ['403 echo', [json({ error: { code: 403, message: echo, status: 'PERMISSION_DENIED' } }, 403)], {}],
    ['500 text echo, retried', [new Response(echo, { status: 500 }), new Response(echo, { status: 500 }), new Response(echo, { status: 502 })], {}],
    ['429 echo', [json({ error: echo }, 429), json({ error: echo }, 429), json({ error: echo }, 429)], {}],
    ['200 error body echo', [json({ error: { message: echo } })], {}],
    ['safety echo', [json({ error: { message: echo, code: 'content_policy_violation' } }, 400)], {}],
    ['success', [json({ data: [{ b64_json: b64(png(1, 1)) }] })], {}],
  ];
  for (const [name, replies, request] of scenarios) {
    test(`never in an error, a retry reason or a log line: ${name}`, async () => {
      const { result, logs, retries } = run(replies, request);
      const error = await result.then(
        () => undefined,
        (e: unknown) => e as DmxApiError,
      );
      const seen = [...logs, ...retries.map((r) => r.reason), error?.message ?? '', JSON.stringify(error?.info ?? {}), String(error?.stack ?? '')];
      for (const text of seen) {
        assert.ok(!text.includes(API_KEY), `leaked in: ${text}`);
      }
      assert.ok(logs.length > 0);
    });
  }

  test('a log line that would hold the key is scrubbed on its way out', async () => {
    const sneaky = `https://cdn.example/${API_KEY}/a.png`;
    const { result, logs } = run([json({ data: [{ url: sneaky }] }), bytes(png(1, 1))]);
    await result;
    assert.ok(logs.some((l) => l.includes('cdn.example/***/a.png')), logs.join('\n'));
  });
});
