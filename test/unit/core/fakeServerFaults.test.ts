import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { generateImages, type EngineConfig } from '../../../src/core/engine';
import { DmxApiError, type DmxApiErrorKind } from '../../../src/core/errors';
import type { GenerationRequest } from '../../../src/core/types';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { rejectsWithKind } from './support/assertions';
import { API_KEY } from './support/fakeFetch';
import { waitFor } from '../../support/waitFor';

/** Every failure kind end to end: real sockets, the engine's real fetch, the fake DMXAPI breaking on demand. */

const catalog = createCatalog();
const OPENAI: GenerationRequest = { model: 'nano-banana-2', prompt: 'a kite', aspectRatio: '1:1', resolution: '1K', options: { responseFormat: 'b64_json' } };
const OPENAI_URL: GenerationRequest = { ...OPENAI, options: { responseFormat: 'url' } };
const GEMINI: GenerationRequest = { model: 'gemini-3.1-flash-image-preview', prompt: 'a kite', aspectRatio: '1:1', resolution: '1K' };

let server: FakeDmxApi;
const logs: string[] = [];
const retries: string[] = [];
const sleeps: number[] = [];

before(async () => {
  server = await startFakeDmxApi({ sizeReduction: 32, validKey: API_KEY });
});
after(() => server.close());
beforeEach(() => {
  server.reset();
  logs.length = 0;
  retries.length = 0;
  sleeps.length = 0;
});

const config = (overrides: Partial<EngineConfig> = {}): EngineConfig => ({
  baseUrl: server.url,
  apiKey: API_KEY,
  timeoutMs: 10_000,
  maxRetries: 2,
  log: (line) => logs.push(line),
  onRetry: (_attempt, _delay, reason) => retries.push(reason),
  sleep: async (ms) => void sleeps.push(ms),
  ...overrides,
});

async function fails(request: GenerationRequest, kind: DmxApiErrorKind, overrides: Partial<EngineConfig> = {}): Promise<DmxApiError> {
  const error = await rejectsWithKind(generateImages(catalog, request, config(overrides)), kind);
  for (const text of [error.message, ...logs, ...retries]) {
    assert.ok(!text.includes(API_KEY), `the key leaked: ${text}`);
  }
  return error;
}

const generations = () => server.requests.filter((r) => r.method === 'POST').length;

describe('status faults', () => {
  test('a wrong key is auth (401) on both protocols, never retried, key not echoed', async () => {
    for (const request of [OPENAI, GEMINI]) {
      server.reset();
      const error = await fails(request, 'auth', { apiKey: 'sk-wrong-key-0000000000' });
      assert.equal(error.status, 401);
      assert.equal(generations(), 1);
    }
  });

  test('403 is forbidden with the server\u2019s message', async () => {
    server.setFault({ kind: 'status', status: 403 });
    const error = await fails(OPENAI, 'forbidden');
    assert.equal(error.serverMessage, 'Your account does not have access to this model.');
  });

  test('429 with Retry-After is waited out, then the image arrives', async () => {
    server.setFault({ kind: 'status', status: 429, retryAfter: '3', times: 1 });
    const result = await generateImages(catalog, OPENAI, config());
    assert.equal(result.images.length, 1);
    assert.deepEqual(sleeps, [3000]);
    assert.equal(generations(), 2);
  });

  test('429 that persists is rateLimited with the wait the server asked', async () => {
    server.setFault({ kind: 'status', status: 429, retryAfter: '20' });
    const error = await fails(GEMINI, 'rateLimited', { maxRetries: 1 });
    assert.equal(error.retryAfterMs, 20_000);
    assert.equal(generations(), 2);
  });

  test('5xx is retried with backoff, then reported as server', async () => {
    server.setFault({ kind: 'status', status: 503 });
    const error = await fails(GEMINI, 'server', { random: () => 0 });
    assert.equal(error.status, 503);
    assert.deepEqual(sleeps, [500, 1000]);
    assert.equal(generations(), 3);
  });

  test('400 and 404 are badRequest at once', async () => {
    server.setFault({ kind: 'status', status: 400, message: 'Invalid value for aspect_ratio.' });
    assert.equal((await fails(OPENAI, 'badRequest')).serverMessage, 'Invalid value for aspect_ratio.');
    assert.equal(generations(), 1);
    server.reset();
    server.setFault({ kind: 'status', status: 404 });
    await fails(GEMINI, 'badRequest');
    assert.equal(generations(), 1);
  });

  test('an nginx page is htmlPage, retried like its status', async () => {
    server.setFault({ kind: 'htmlStatus' });
    const error = await fails(OPENAI, 'htmlPage');
    assert.equal(error.status, 502);
    assert.equal(generations(), 3);
  });
});

describe('transport faults', () => {
  test('broken JSON in a 200 is malformed and not retried', async () => {
    server.setFault({ kind: 'malformedJson' });
    await fails(OPENAI, 'malformedResponse');
    assert.equal(generations(), 1);
  });

  test('a body cut off mid-way is malformed and not retried', async () => {
    server.setFault({ kind: 'truncatedBody' });
    await fails(GEMINI, 'malformedResponse');
    assert.equal(generations(), 1);
  });

  test('a reset before any byte is retried and recovers', async () => {
    server.setFault({ kind: 'resetConnection', times: 1 });
    const result = await generateImages(catalog, GEMINI, config());
    assert.equal(result.images.length, 1);
    assert.equal(generations(), 2);
    assert.match(retries[0]!, /Network error/);
  });

  test('resets that persist are a network error', async () => {
    server.setFault({ kind: 'resetConnection' });
    await fails(OPENAI, 'network', { maxRetries: 1 });
  });

  test('a server that hangs times out per attempt', async () => {
    server.setFault({ kind: 'hang' });
    const error = await fails(OPENAI, 'timeout', { timeoutMs: 150, maxRetries: 1 });
    assert.equal(error.info.kind === 'timeout' && error.info.timeoutMs, 150);
    // Counted on our side: on a busy machine the limit can pass before a request has reached the server.
    assert.equal(retries.length, 1, 'one retry, two attempts');
  });

  // The server would answer in ten minutes, far beyond the test's own limit: only the Cancel can end the run.
  test('cancel while the server works is cancelled promptly and sends nothing more', { timeout: 20_000 }, async () => {
    server.setFault({ kind: 'slow', ms: 600_000 });
    const controller = new AbortController();
    const failing = fails(GEMINI, 'cancelled', { signal: controller.signal, timeoutMs: 600_000 });
    await waitFor(() => generations() === 1, 'the request to reach the server');
    controller.abort();
    await failing;
    assert.equal(generations(), 1);
  });
});

describe('answers without an image', () => {
  test('safety: a Gemini finish reason, a blocked prompt, an OpenAI policy refusal', async () => {
    server.setFault({ kind: 'safetyFinish' });
    assert.equal((await fails(GEMINI, 'safetyBlocked')).reason, 'IMAGE_SAFETY');
    server.reset();
    server.setFault({ kind: 'promptBlocked' });
    assert.equal((await fails(GEMINI, 'safetyBlocked')).reason, 'SAFETY');
    server.reset();
    server.setFault({ kind: 'safetyFinish' });
    assert.equal((await fails(OPENAI, 'safetyBlocked')).reason, 'content_policy_violation');
  });

  test('text only is noImage carrying the words, on both protocols', async () => {
    server.setFault({ kind: 'textOnly' });
    assert.match((await fails(GEMINI, 'noImage')).texts[0]!, /could not draw/);
    server.reset();
    server.setFault({ kind: 'textOnly' });
    assert.equal((await fails(OPENAI, 'noImage')).texts.length, 1);
  });
});

describe('URL results', () => {
  test('an expired link (404 or 403) is a download error, and the generation is not repeated', async () => {
    for (const status of [404, 403] as const) {
      server.reset();
      server.setFault({ kind: 'expiredUrl', status });
      const error = await fails(OPENAI_URL, 'download');
      assert.equal(error.status, status);
      assert.equal(generations(), 1);
    }
  });

  test('a link serving a web page is a download error', async () => {
    server.setFault({ kind: 'urlNotImage' });
    await fails(OPENAI_URL, 'download');
  });

  test('a download that fails once is fetched again, without generating again', async () => {
    server.setFault({ kind: 'status', status: 503, times: 1, target: 'files' });
    const result = await generateImages(catalog, OPENAI_URL, config());
    assert.equal(result.images[0]!.source, 'url');
    assert.equal(generations(), 1);
    assert.equal(server.requests.filter((r) => r.method === 'GET').length, 2);
  });
});

describe('answers only some models give', () => {
  test('a Gemini image as a data URI in a text part is the image, decoded while it streams', async () => {
    server.setSizeReduction(4); // big enough that the scanner takes it out of the text on the way
    server.setFault({ kind: 'imageInTextPart' });
    const result = await generateImages(catalog, { ...GEMINI, resolution: '1K' }, config());
    assert.equal(server.requests[0]!.fault, 'imageInTextPart');
    assert.equal(result.images.length, 1);
    assert.equal(result.images[0]!.mimeType, 'image/png');
    assert.deepEqual(result.texts.filter((text) => text.startsWith('data:')), []);
    assert.ok(result.images[0]!.bytes.byteLength > 4096, `a ${result.images[0]!.bytes.byteLength}-byte image is too small to be streamed`);
  });
});

describe('partial results', () => {
  test('one of two links expired: one image arrives and the other is reported, nothing is generated again', async () => {
    server.setFault({ kind: 'expiredUrl', target: 'files', times: 1 });
    const result = await generateImages(catalog, { model: 'dall-e-2', prompt: 'a kite', aspectRatio: '1:1', resolution: '0.25K', count: 2, options: { responseFormat: 'url' } }, config());
    assert.equal(result.images.length, 1);
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0]!.error.kind, 'download');
    assert.equal(generations(), 1);
  });
});
