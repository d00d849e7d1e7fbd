import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FakeDmxApi } from '../../fake-dmxapi/server';
import { download, gemini, openai, prompt, started } from './http';

let server: FakeDmxApi;
before(async () => {
  server = await started();
});
after(() => server.close());
beforeEach(() => server.reset());

const dalle3 = { model: 'dall-e-3', prompt: 'a lighthouse', n: 1, size: '1024x1024' };
const dalle3Url = { ...dalle3, response_format: 'url' };

/** Resolves to the error a fetch (or reading its body) ended with. */
async function failure(run: () => Promise<unknown>): Promise<Error & { cause?: { code?: string } }> {
  try {
    await run();
  } catch (error) {
    return error as Error & { cause?: { code?: string } };
  }
  assert.fail('expected the request to fail');
}

describe('status faults', () => {
  for (const status of [401, 403, 429, 500, 503]) {
    test(`${status} in OpenAI and Google error shapes`, async () => {
      server.setFault({ kind: 'status', status });
      const a = await openai(server, dalle3);
      assert.equal(a.status, status);
      assert.deepEqual(Object.keys(a.json.error).sort(), ['code', 'message', 'param', 'type']);
      const g = await gemini(server, prompt('x'));
      assert.equal(g.status, status);
      assert.deepEqual(Object.keys(g.json.error).sort(), ['code', 'message', 'status']);
      assert.equal(g.json.error.code, status);
    });
  }

  test('429 once with Retry-After, then success', async () => {
    server.setFault({ kind: 'status', status: 429, retryAfter: '2', times: 1 });
    const first = await openai(server, dalle3);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '2');
    assert.equal(first.json.error.code, 'rate_limit_exceeded');
    assert.equal((await openai(server, dalle3)).status, 200);
    assert.deepEqual(server.requests.map((r) => r.fault), ['status', undefined]);
  });

  test('times: 2 hits two requests; the fault strikes before the key is checked', async () => {
    server.setFault({ kind: 'status', status: 500, times: 2 });
    assert.equal((await openai(server, dalle3, '')).status, 500);
    assert.equal((await gemini(server, prompt('x'))).status, 500);
    assert.equal((await gemini(server, prompt('x'))).status, 200);
  });

  test('setFault(null) clears; a non-positive times is refused', async () => {
    server.setFault({ kind: 'status', status: 503 });
    server.setFault(null);
    assert.equal((await openai(server, dalle3)).status, 200);
    assert.throws(() => server.setFault({ kind: 'hang', times: 0 }), /times/);
  });

  test('502 as an nginx HTML page', async () => {
    server.setFault({ kind: 'htmlStatus' });
    const answer = await openai(server, dalle3);
    assert.equal(answer.status, 502);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(answer.text, /<h1>502 Bad Gateway<\/h1>/);
    assert.equal(answer.json, undefined);
  });
});

describe('transport faults', () => {
  test('malformed JSON under 200 application/json', async () => {
    server.setFault({ kind: 'malformedJson', times: 1 });
    const answer = await openai(server, dalle3);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /application\/json/);
    assert.throws(() => JSON.parse(answer.text));
  });

  test('a body cut off mid-way: headers arrive, reading the body fails', async () => {
    server.setFault({ kind: 'truncatedBody', times: 1 });
    const response = await fetch(`${server.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ ...dalle3, response_format: 'b64_json' }),
    });
    assert.equal(response.status, 200);
    assert.ok(Number(response.headers.get('content-length')) > 1000);
    await failure(() => response.text());
    assert.equal(server.requests[0]!.fault, 'truncatedBody');
  });

  test('connection reset before any response', async () => {
    server.setFault({ kind: 'resetConnection', times: 1 });
    const error = await failure(() => gemini(server, prompt('x')));
    assert.match(String(error.cause?.code ?? error.message), /ECONNRESET|UND_ERR_SOCKET|other side closed/);
    assert.equal((await gemini(server, prompt('x'))).status, 200, 'the server lives on');
  });

  test('a request that is never answered, until the client gives up', async () => {
    server.setFault({ kind: 'hang' });
    const started = Date.now();
    const error = await failure(() => openai(server, dalle3, 'k', { signal: AbortSignal.timeout(300) }));
    assert.equal(error.name, 'TimeoutError');
    assert.ok(Date.now() - started >= 290);
    assert.equal(server.requests[0]!.fault, 'hang');
  });

  test('slow: answers after the delay, and a cancelled request does not break the server', async () => {
    server.setFault({ kind: 'slow', ms: 300, times: 2 });
    const started = Date.now();
    assert.equal((await openai(server, dalle3)).status, 200);
    assert.ok(Date.now() - started >= 290, 'waited');
    const error = await failure(() => openai(server, dalle3, 'k', { signal: AbortSignal.timeout(50) }));
    assert.equal(error.name, 'TimeoutError');
    assert.equal((await openai(server, dalle3)).status, 200);
  });
});

describe('answer faults', () => {
  test('Gemini IMAGE_SAFETY: a candidate without an image', async () => {
    server.setFault({ kind: 'safetyFinish' });
    const answer = await gemini(server, prompt('x'));
    assert.equal(answer.status, 200);
    assert.equal(answer.json.candidates[0].finishReason, 'IMAGE_SAFETY');
    assert.ok(!JSON.stringify(answer.json).includes('inlineData'));
  });

  test('Gemini promptFeedback SAFETY: no candidates at all', async () => {
    server.setFault({ kind: 'promptBlocked' });
    const answer = await gemini(server, prompt('x'));
    assert.equal(answer.status, 200);
    assert.equal(answer.json.promptFeedback.blockReason, 'SAFETY');
    assert.equal(answer.json.candidates, undefined);
  });

  test('Gemini text without an image', async () => {
    server.setFault({ kind: 'textOnly' });
    const answer = await gemini(server, prompt('x', { responseModalities: ['IMAGE'] }));
    const parts = answer.json.candidates[0].content.parts;
    assert.equal(parts.length, 1);
    assert.equal(typeof parts[0].text, 'string');
  });

  test('OpenAI-style: safety is 400 content_policy_violation; text-only has no image in data', async () => {
    server.setFault({ kind: 'safetyFinish', times: 1 });
    const blocked = await openai(server, dalle3);
    assert.equal(blocked.status, 400);
    assert.equal(blocked.json.error.code, 'content_policy_violation');
    server.setFault({ kind: 'textOnly', times: 1 });
    const text = await openai(server, dalle3);
    assert.equal(text.status, 200);
    assert.equal(text.json.data[0].url, undefined);
    assert.equal(text.json.data[0].b64_json, undefined);
  });

  test('a rejected body does not use up an answer fault', async () => {
    server.setFault({ kind: 'textOnly', times: 1 });
    assert.equal((await openai(server, { ...dalle3, n: 2 })).status, 400);
    assert.equal((await openai(server, dalle3)).json.data[0].url, undefined);
    assert.ok((await openai(server, dalle3)).json.data[0].url, 'cleared after one hit');
  });
});

describe('URL faults', () => {
  for (const status of [403, 404] as const) {
    test(`an expired URL answers ${status}`, async () => {
      server.setFault({ kind: 'expiredUrl', status, times: 1 });
      const answer = await openai(server, dalle3Url);
      assert.equal(answer.status, 200);
      assert.equal((await download(answer.json.data[0].url)).status, status);
    });
  }

  test('a URL that serves HTML instead of an image', async () => {
    server.setFault({ kind: 'urlNotImage', times: 1 });
    const answer = await openai(server, { model: 'nano-banana', prompt: 'x' });
    const file = await download(answer.json.data[0].url);
    assert.equal(file.status, 200);
    assert.match(file.type, /^text\/html/);
    assert.ok(!file.bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')));
  });

  test('URL faults wait for an answer that carries URLs (gpt-image is base64)', async () => {
    server.setFault({ kind: 'expiredUrl', times: 1 });
    assert.ok((await openai(server, { model: 'gpt-image-1', prompt: 'x', n: 1, size: 'auto' })).json.data[0].b64_json);
    const answer = await openai(server, dalle3Url);
    assert.equal((await download(answer.json.data[0].url)).status, 404);
  });

  test("target 'files': the download fails once, then works", async () => {
    const answer = await openai(server, dalle3Url);
    server.setFault({ kind: 'status', status: 500, target: 'files', times: 1 });
    assert.equal((await openai(server, dalle3Url)).status, 200, 'generation is not hit');
    assert.equal((await download(answer.json.data[0].url)).status, 500);
    assert.equal((await download(answer.json.data[0].url)).status, 200);
  });

  test("target 'files': a download cut off mid-way", async () => {
    const answer = await openai(server, dalle3Url);
    server.setFault({ kind: 'truncatedBody', target: 'files', times: 1 });
    await failure(() => download(answer.json.data[0].url));
    assert.equal((await download(answer.json.data[0].url)).status, 200);
  });
});
