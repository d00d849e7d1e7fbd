import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startFakeDmxApi } from '../../fake-dmxapi/server';
import { download, gemini, openai, prompt, send, started } from './http';
import { parsePng } from './pngReader';

const dalle2 = { model: 'dall-e-2', prompt: 'a lighthouse', n: 1, size: '256x256' };

describe('starting, keys and recording', () => {
  test('listens on 127.0.0.1 at a free port, or the port asked for', async () => {
    const first = await startFakeDmxApi();
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(first.url).port);
    await first.close();
    const second = await startFakeDmxApi({ port });
    try {
      assert.equal(second.url, `http://127.0.0.1:${port}`);
    } finally {
      await second.close();
    }
  });

  test('any non-empty key passes; a missing or empty one is 401 in OpenAI shape', async () => {
    const server = await started();
    try {
      assert.equal((await openai(server, dalle2, 'anything')).status, 200);
      const missing = await send(`${server.url}/v1/images/generations`, { method: 'POST', body: JSON.stringify(dalle2) });
      assert.equal(missing.status, 401);
      assert.deepEqual(Object.keys(missing.json.error).sort(), ['code', 'message', 'param', 'type']);
      assert.equal((await openai(server, dalle2, '')).status, 401);
      const basic = await send(`${server.url}/v1/images/generations`, { method: 'POST', headers: { authorization: 'Basic abc' }, body: '{}' });
      assert.equal(basic.status, 401);
    } finally {
      await server.close();
    }
  });

  test('validKey: only that key passes, on both routes', async () => {
    const server = await started({ validKey: 'sk-right' });
    try {
      const wrong = await openai(server, dalle2, 'sk-wrong');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.json.error.code, 'invalid_api_key');
      assert.equal((await openai(server, dalle2, 'sk-right')).status, 200);
      assert.equal((await gemini(server, prompt('x'), 'sk-wrong')).status, 401);
      assert.equal((await gemini(server, prompt('x'), 'sk-right')).status, 200);
    } finally {
      await server.close();
    }
  });

  test('records method, path, query, headers with the key, parsed body; downloads too', async () => {
    const server = await started();
    try {
      const answer = await openai(server, { ...dalle2, response_format: 'url' }, 'sk-abc');
      await gemini(server, prompt('hello'), 'goog-key', '/v1beta/models/gemini-3.1-flash-image-preview:generateContent?alt=json');
      await download(answer.json.data[0].url);
      const [first, second, third] = server.requests;
      assert.equal(first!.method, 'POST');
      assert.equal(first!.path, '/v1/images/generations');
      assert.equal(first!.headers['authorization'], 'Bearer sk-abc');
      assert.deepEqual(first!.body, { ...dalle2, response_format: 'url' });
      assert.equal(second!.headers['x-goog-api-key'], 'goog-key');
      assert.deepEqual(second!.query, { alt: 'json' });
      assert.equal(third!.method, 'GET');
      assert.match(third!.path, /^\/files\//);
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  test('unknown routes are 404 in the dialect of their prefix', async () => {
    const server = await started();
    try {
      const openaiStyle = await send(`${server.url}/v1/images/variations`, { method: 'POST', body: '{}' });
      assert.equal(openaiStyle.status, 404);
      assert.equal(typeof openaiStyle.json.error.type, 'string');
      const googleStyle = await send(`${server.url}/v1beta/models/x:streamGenerateContent`, { method: 'POST', body: '{}' });
      assert.equal(googleStyle.json.error.status, 'NOT_FOUND');
      assert.equal((await download(`${server.url}/files/00000000-0000-0000-0000-000000000000.png`)).status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('delay, size reduction and reset', () => {
  test('setDelay holds every generation answer; reset restores the start options', async () => {
    const server = await started({ delayMs: 0 });
    try {
      server.setDelay(800);
      const before = Date.now();
      assert.equal((await openai(server, dalle2)).status, 200);
      assert.ok(Date.now() - before >= 790);
      server.setFault({ kind: 'status', status: 500 });
      server.reset();
      assert.equal(server.requests.length, 0);
      const after = Date.now();
      assert.equal((await openai(server, dalle2)).status, 200, 'fault cleared');
      assert.ok(Date.now() - after < 790, 'delay back to the start value');
      assert.throws(() => server.setDelay(-1));
    } finally {
      await server.close();
    }
  });

  test('setSizeReduction changes pixel sizes; reset clears stored files', async () => {
    const server = await startFakeDmxApi({ sizeReduction: 4 });
    try {
      const png = async (): Promise<number> => {
        const answer = await openai(server, { ...dalle2, response_format: 'b64_json' });
        return parsePng(Buffer.from(answer.json.data[0].b64_json, 'base64')).width;
      };
      assert.equal(await png(), 64);
      server.setSizeReduction(3);
      assert.equal(await png(), 86);
      assert.throws(() => server.setSizeReduction(0));
      const url = (await openai(server, { ...dalle2, response_format: 'url' })).json.data[0].url;
      assert.equal((await download(url)).status, 200);
      server.reset();
      assert.equal((await download(url)).status, 404);
      assert.equal(await png(), 64);
    } finally {
      await server.close();
    }
  });

  test('HEAD on a file answers its type and length without a body', async () => {
    const server = await started();
    try {
      const url = (await openai(server, { ...dalle2, response_format: 'url' })).json.data[0].url;
      const head = await fetch(url, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-type'), 'image/png');
      assert.equal(Number(head.headers.get('content-length')), (await download(url)).bytes.length);
    } finally {
      await server.close();
    }
  });

  test('close() returns while a request hangs', async () => {
    const server = await started();
    server.setFault({ kind: 'hang' });
    const pending = openai(server, dalle2).catch((error: unknown) => error);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.close();
    assert.ok((await pending) instanceof Error, 'the hung client sees the connection drop');
  });
});
