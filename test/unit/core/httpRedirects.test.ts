import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, describe, test } from 'node:test';
import { isDmxApiError } from '../../../src/core/errors';
import { sendWithRetries, wholeBody, type HttpOptions, type HttpRequest } from '../../../src/core/http/httpClient';
import { imageAnswerReader } from '../../../src/core/http/imageAnswerReader';
import { readWhole } from '../../../src/core/http/limitedBody';
import { redirectTarget } from '../../../src/core/http/redirects';
import { API_KEY } from './support/fakeFetch';
import { startTestServer, type TestServer } from './support/testServer';

/** Redirects and size limits, against throwaway loopback servers: the second one must never hear from us. */

const options: HttpOptions = { timeoutMs: 5000, maxRetries: 0, secret: API_KEY, sleep: async () => undefined };

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

/** A server that records what reached it and answers every request with a small JSON body. */
async function witness(): Promise<{ server: TestServer; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = await startTestServer((req, res) => {
    seen.push(req);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  servers.push(server);
  return { server, seen };
}

async function redirecting(status: number, location: (req: IncomingMessage) => string | undefined): Promise<TestServer> {
  const server = await startTestServer((req, res) => {
    const to = location(req);
    if (to === undefined) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"path":"${req.url}","key":${JSON.stringify(req.headers['x-goog-api-key'] ?? null)}}`);
      return;
    }
    res.writeHead(status, { location: to });
    res.end();
  });
  servers.push(server);
  return server;
}

const post = (url: string): HttpRequest => ({
  method: 'POST',
  url,
  logName: '/v1beta/models/m:generateContent',
  headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
  body: '{"prompt":"a secret plan"}',
});

describe('redirects of API requests', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    test(`a ${status} to another origin is not followed: the key and the prompt stay home, the error names both ends`, async () => {
      const other = await witness();
      const first = await redirecting(status, () => `${other.server.url}/steal?token=abc`);
      const error = await sendWithRetries(post(`${first.url}/v1beta/models/m:generateContent`), options).then(
        () => assert.fail('the redirect was followed'),
        (caught: unknown) => caught,
      );
      assert.ok(isDmxApiError(error, 'redirect'), String(error));
      assert.equal(other.seen.length, 0, 'the other server heard from us');
      assert.equal(error.info.kind === 'redirect' && error.info.reason, 'otherOrigin');
      assert.match(error.message, new RegExp(`from ${first.url}/v1beta/models/m:generateContent to ${other.server.url}/steal; not followed`));
      assert.doesNotMatch(error.message, /token=abc/);
      assert.equal(error.retryable, false);
    });
  }

  test('a 307 or 308 on the same origin is followed with the key and the body', async () => {
    const server = await redirecting(308, (req) => (req.url === '/old' ? '/new' : undefined));
    const answer = await sendWithRetries(post(`${server.url}/old`), options);
    assert.deepEqual(JSON.parse(answer.body.toString()), { path: '/new', key: API_KEY });
  });

  test('a 303 on the same origin is not followed for a POST: it would drop the body', async () => {
    const server = await redirecting(303, (req) => (req.url === '/old' ? '/new' : undefined));
    const error = await sendWithRetries(post(`${server.url}/old`), options).catch((caught: unknown) => caught);
    assert.ok(isDmxApiError(error, 'redirect') && error.info.kind === 'redirect' && error.info.reason === 'changesMethod', String(error));
  });

  test('a loop of redirects ends with an error', async () => {
    const server = await redirecting(307, () => '/again');
    const error = await sendWithRetries(post(`${server.url}/start`), options).catch((caught: unknown) => caught);
    assert.ok(isDmxApiError(error, 'redirect') && error.info.kind === 'redirect' && error.info.reason === 'tooMany', String(error));
  });
});

describe('redirects of image downloads (no key)', () => {
  test('a redirect to another host is followed', async () => {
    const cdn = await witness();
    const first = await redirecting(302, () => `${cdn.server.url}/image.png`);
    const answer = await sendWithRetries({ method: 'GET', url: `${first.url}/a.png`, logName: 'a.png', redirects: 'noDowngrade' }, options);
    assert.equal(answer.status, 200);
    assert.equal(cdn.seen.length, 1);
  });

  test('https to http is refused, for downloads and API calls alike', () => {
    const response = new Response(null, { status: 302, headers: { location: 'http://cdn.example/a.png?sig=1' } });
    for (const policy of ['noDowngrade', 'sameOrigin'] as const) {
      const verdict = redirectTarget('GET', 'https://cdn.example/a.png', response, policy, 0);
      assert.ok(isDmxApiError(verdict, 'redirect') && verdict.info.kind === 'redirect' && verdict.info.reason === 'downgrade', policy);
      assert.equal(verdict.info.to, 'http://cdn.example/a.png');
    }
    assert.equal(redirectTarget('GET', 'https://a.example/x', new Response(null, { status: 302, headers: { location: 'https://b.example/y' } }), 'noDowngrade', 0), 'https://b.example/y');
  });
});

describe('size limits', () => {
  test('a Content-Length above the limit is refused before the body is read', async () => {
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '4000000000' });
      res.write(Buffer.alloc(1024));
      // …and nothing more: reading on would wait forever.
    });
    servers.push(server);
    const error = await sendWithRetries({ method: 'GET', url: `${server.url}/big.png`, logName: 'big.png' }, options).catch((caught: unknown) => caught);
    assert.ok(isDmxApiError(error, 'tooLarge'), String(error));
    assert.deepEqual(error.info, { kind: 'tooLarge', what: 'download', limitBytes: wholeBody.maxBytes, announcedBytes: 4_000_000_000 });
  });

  test('an answer announced above its limit is refused the same way', async () => {
    const server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(imageAnswerReader.maxBytes + 1) });
      res.write('{"data":[');
    });
    servers.push(server);
    const error = await sendWithRetries(post(`${server.url}/v1/images/generations`), options, imageAnswerReader).catch((caught: unknown) => caught);
    assert.ok(isDmxApiError(error, 'tooLarge') && error.info.kind === 'tooLarge' && error.info.what === 'answer', String(error));
  });

  test('a body without Content-Length stops at the limit; the buffer is sized from the bytes that came, not the header', async () => {
    const chunks = [Buffer.alloc(600), Buffer.alloc(600)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const limit = { what: 'download', maxBytes: 1000 } as const;
    const error = await readWhole(new Response(stream), limit).catch((caught: unknown) => caught);
    assert.ok(isDmxApiError(error, 'tooLarge'), String(error));
    const small = await readWhole(new Response(Buffer.alloc(10), { headers: { 'content-length': '4000000000' } }), limit);
    assert.equal(small.length, 10);
    assert.ok(small.buffer.byteLength <= 1000, `reserved ${small.buffer.byteLength} bytes`);
  });
});
