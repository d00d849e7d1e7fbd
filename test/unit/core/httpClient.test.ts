import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { abortableSleep } from '../../../src/core/http/abortableSleep';
import { sendWithRetries, type HttpOptions, type HttpRequest } from '../../../src/core/http/httpClient';
import { rejectsWithKind } from './support/assertions';
import { API_KEY, json, networkError, scriptedFetch, type Reply } from './support/fakeFetch';
import { startTestServer, type TestServer } from './support/testServer';

const REQUEST: HttpRequest = { method: 'POST', url: 'https://api.example.test/v1/images/generations', logName: '/v1/images/generations', body: '{}' };

function setup(replies: Reply[], overrides: Partial<HttpOptions> = {}) {
  const scripted = scriptedFetch(...replies);
  const sleeps: number[] = [];
  const retries: [number, number, string][] = [];
  const logs: string[] = [];
  const options: HttpOptions = {
    timeoutMs: 5000,
    maxRetries: 2,
    secret: API_KEY,
    fetch: scripted.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    onRetry: (attempt, delayMs, reason) => retries.push([attempt, delayMs, reason]),
    log: (line) => logs.push(line),
    ...overrides,
  };
  return { options, calls: scripted.calls, sleeps, retries, logs };
}


describe('sendWithRetries: retry decisions', () => {
  test('a success on the first attempt is read once and logged', async () => {
    const { options, calls, retries, logs } = setup([json({ ok: true })]);
    const answer = await sendWithRetries(REQUEST, options);
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body.toString()), { ok: true });
    assert.equal(calls.length, 1);
    assert.deepEqual(retries, []);
    assert.match(logs[0]!, /^POST \/v1\/images\/generations: sending 2 B$/);
    assert.match(logs[1]!, /^POST \/v1\/images\/generations: HTTP 200, 11 B in \d+ ms$/);
  });

  test('503 then success: one retry after 0.5 s backoff', async () => {
    const { options, calls, sleeps, retries } = setup([json({ error: { message: 'overloaded' } }, 503), json({ ok: 1 })]);
    await sendWithRetries(REQUEST, options);
    assert.equal(calls.length, 2);
    assert.deepEqual(sleeps, [500]);
    assert.deepEqual(retries, [[1, 500, 'HTTP 503: server error: overloaded']]);
  });

  test('backoff doubles until retries run out, then the last error is thrown', async () => {
    const fail = () => json({}, 500);
    const { options, calls, sleeps } = setup([fail(), fail(), fail(), fail()], { maxRetries: 3 });
    const error = await rejectsWithKind(sendWithRetries(REQUEST, options), 'server');
    assert.equal(error.status, 500);
    assert.equal(calls.length, 4);
    assert.deepEqual(sleeps, [500, 1000, 2000]);
  });

  test('429 with Retry-After waits what the server asked, capped at a minute', async () => {
    const { options, sleeps } = setup([
      json({}, 429, { 'retry-after': '2' }),
      json({}, 429, { 'retry-after-ms': '1500' }),
      json({}, 429, { 'retry-after': '86400' }),
      json({ ok: 1 }),
    ], { maxRetries: 3 });
    await sendWithRetries(REQUEST, options);
    assert.deepEqual(sleeps, [2000, 1500, 60000]);
  });

  test('408 and 409 are retried', async () => {
    const { options, calls } = setup([json({}, 408), json({}, 409), json({ ok: 1 })]);
    await sendWithRetries(REQUEST, options);
    assert.equal(calls.length, 3);
  });

  for (const [status, kind] of [[400, 'badRequest'], [401, 'auth'], [403, 'forbidden'], [404, 'badRequest'], [422, 'badRequest']] as const) {
    test(`${status} is not retried`, async () => {
      const { options, calls, retries } = setup([json({ error: { message: 'no' } }, status)]);
      await rejectsWithKind(sendWithRetries(REQUEST, options), kind);
      assert.equal(calls.length, 1);
      assert.deepEqual(retries, []);
    });
  }

  test('x-should-retry overrules the status', async () => {
    const stop = setup([json({}, 503, { 'x-should-retry': 'false' })]);
    await rejectsWithKind(sendWithRetries(REQUEST, stop.options), 'server');
    assert.equal(stop.calls.length, 1);
    const go = setup([json({}, 400, { 'x-should-retry': 'true' }), json({ ok: 1 })]);
    await sendWithRetries(REQUEST, go.options);
    assert.equal(go.calls.length, 2);
  });

  test('network errors are retried; when they persist the code is reported', async () => {
    const recovered = setup([networkError('ECONNRESET'), json({ ok: 1 })]);
    await sendWithRetries(REQUEST, recovered.options);
    assert.equal(recovered.calls.length, 2);
    assert.match(recovered.retries[0]![2], /ECONNRESET/);
    const refused = setup([networkError('ECONNREFUSED'), networkError('ECONNREFUSED'), networkError('ECONNREFUSED')]);
    const error = await rejectsWithKind(sendWithRetries(REQUEST, refused.options), 'network');
    assert.deepEqual(error.info, { kind: 'network', code: 'ECONNREFUSED' });
    assert.ok(error.retryable);
    assert.equal(refused.calls.length, 3);
  });

  test('maxRetries 0 sends once', async () => {
    const { options, calls } = setup([json({}, 503)], { maxRetries: 0 });
    await rejectsWithKind(sendWithRetries(REQUEST, options), 'server');
    assert.equal(calls.length, 1);
  });

  test('a 2xx body that breaks while being read is not retried', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"data":[{"b64_json":"iVBO'));
        controller.error(Object.assign(new TypeError('terminated'), { cause: { code: 'UND_ERR_SOCKET' } }));
      },
    });
    const { options, calls } = setup([new Response(broken, { status: 200 }), json({ ok: 1 })]);
    const error = await rejectsWithKind(sendWithRetries(REQUEST, options), 'malformedResponse');
    assert.match(error.message, /cut off/);
    assert.ok(!error.retryable);
    assert.equal(calls.length, 1);
  });

  test('an error body that cannot be read still gives the status\u2019 error', async () => {
    const broken = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(new TypeError('terminated')) });
    const { options } = setup([new Response(broken, { status: 401 })]);
    const error = await rejectsWithKind(sendWithRetries(REQUEST, options), 'auth');
    assert.equal(error.serverMessage, undefined);
  });

  test('cancel while an error body is being read is a cancellation, not the error', async () => {
    const controller = new AbortController();
    const stalled = new ReadableStream<Uint8Array>({
      start: (stream) => controller.signal.addEventListener('abort', () => stream.error(new DOMException('aborted', 'AbortError'))),
    });
    const scripted = scriptedFetch(new Response(stalled, { status: 503 }));
    // Cancel as soon as the answer's head is in, that is while its error body is being waited for.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const answer = await scripted.fetch(input, init);
      queueMicrotask(() => controller.abort());
      return answer;
    };
    const { options } = setup([], { signal: controller.signal, fetch });
    const { calls } = scripted;
    await rejectsWithKind(sendWithRetries(REQUEST, options), 'cancelled');
    assert.equal(calls.length, 1);
  });

  test('each attempt gets a signal that combines the caller\u2019s and the time limit', async () => {
    const controller = new AbortController();
    const { options, calls } = setup([json({ ok: 1 })], { signal: controller.signal });
    await sendWithRetries(REQUEST, options);
    assert.ok(calls[0]!.signal);
    assert.ok(!calls[0]!.signal!.aborted);
    assert.equal(calls[0]!.headers['Authorization'], undefined);
  });
});

describe('sendWithRetries: cancellation and time limits on real sockets', () => {
  const servers: TestServer[] = [];
  after(async () => Promise.all(servers.map((s) => s.close())));
  const serve = async (handler: Parameters<typeof startTestServer>[0]) => {
    const server = await startTestServer(handler);
    servers.push(server);
    return server;
  };
  const at = (server: TestServer): HttpRequest => ({ ...REQUEST, url: `${server.url}/v1/images/generations` });

  test('an already cancelled signal sends nothing', async () => {
    const { options, calls } = setup([json({ ok: 1 })], { signal: AbortSignal.abort() });
    await rejectsWithKind(sendWithRetries(REQUEST, options), 'cancelled');
    assert.equal(calls.length, 0);
  });

  // The server never answers and the time limit is far beyond the test's own: only the Cancel can end the run.
  test('cancel while the server is still working: cancelled at once, no retry', { timeout: 20_000 }, async () => {
    const controller = new AbortController();
    const server = await serve(() => controller.abort());
    const { options } = setup([], { fetch: fetch, signal: controller.signal, maxRetries: 3, timeoutMs: 600_000 });
    await rejectsWithKind(sendWithRetries(at(server), options), 'cancelled');
    assert.equal(server.hits(), 1);
  });

  // The server asks for a 30 s wait, beyond the test's own limit: only a Cancel that cuts it short ends the run.
  test('cancel during a backoff wait ends the wait and sends nothing more', { timeout: 20_000 }, async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end('{"error":{"message":"busy"}}');
    });
    const controller = new AbortController();
    const { sleep: _unused, ...base } = setup([]).options;
    // onRetry is called as the wait begins.
    const options: HttpOptions = { ...base, fetch, signal: controller.signal, onRetry: () => queueMicrotask(() => controller.abort()) };
    await rejectsWithKind(sendWithRetries(at(server), options), 'cancelled');
    assert.equal(server.hits(), 1);
  });

  test('a server that never answers times out per attempt, and timeouts are retried', async () => {
    const server = await serve(() => undefined);
    const { options, retries } = setup([], { fetch, timeoutMs: 100, maxRetries: 1 });
    const error = await rejectsWithKind(sendWithRetries(at(server), options), 'timeout');
    assert.deepEqual(error.info, { kind: 'timeout', timeoutMs: 100 });
    assert.ok(error.retryable);
    // Counted on our side: on a busy machine the limit can pass before a request has reached the server.
    assert.equal(retries.length, 1, 'one retry, two attempts');
    assert.ok(server.hits() <= 2);
    assert.match(retries[0]![2], /No answer within 100 ms/);
  });

  test('a 200 that stalls mid-body times out without a retry', async () => {
    // The head arrives at once and the body stops, so the limit always runs out while the body is read (a real
    // server could, on a busy machine, be slower than the limit to send even the head).
    let calls = 0;
    const stalling: typeof fetch = async (_url, init) => {
      calls++;
      const body = new ReadableStream<Uint8Array>({
        start: (stream) => {
          stream.enqueue(new TextEncoder().encode('{"data":['));
          init?.signal?.addEventListener('abort', () => stream.error(init.signal?.reason));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': '1000' } });
    };
    const { options } = setup([], { fetch: stalling, timeoutMs: 150, maxRetries: 2 });
    const error = await rejectsWithKind(sendWithRetries(REQUEST, options), 'timeout');
    assert.ok(!error.retryable);
    assert.equal(calls, 1);
  });

  test('a 200 cut off by a closed socket is malformed and not retried', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"data":[', () => res.destroy());
    });
    const { options } = setup([], { fetch, maxRetries: 2 });
    await rejectsWithKind(sendWithRetries(at(server), options), 'malformedResponse');
    assert.equal(server.hits(), 1);
  });

  test('a reset before any answer is retried and can then succeed', async () => {
    const server = await serve((_req, res, hit) => {
      if (hit === 1) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    const { options, retries } = setup([], { fetch });
    const answer = await sendWithRetries(at(server), options);
    assert.equal(answer.body.toString(), '{"ok":true}');
    assert.equal(server.hits(), 2);
    assert.equal(retries.length, 1);
  });
});

describe('abortableSleep', () => {
  test('waits, and rejects as cancelled if already aborted', async () => {
    const started = Date.now();
    await abortableSleep(20);
    assert.ok(Date.now() - started >= 15);
    await rejectsWithKind(abortableSleep(10_000, AbortSignal.abort()), 'cancelled');
    const controller = new AbortController();
    const waiting = abortableSleep(10, controller.signal);
    await waiting;
    controller.abort();
  });
});
