import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { DmxApiError } from '../../../src/core/errors';
import { streamChatCompletion } from '../../../src/core/protocols/chatCompletions';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { startTestServer } from './support/testServer';

const KEY = 'sk-chat-unit-test-key-0123456789';
let fake: FakeDmxApi;

const config = (overrides: Partial<{ signal: AbortSignal; maxRetries: number; baseUrl: string }> = {}) => ({
  baseUrl: fake.url,
  apiKey: KEY,
  timeoutMs: 10_000,
  maxRetries: 0,
  ...overrides,
});
const messages = [
  { role: 'system' as const, content: 'Improve the prompt.' },
  { role: 'user' as const, content: 'a fox in the snow' },
];

before(async () => {
  fake = await startFakeDmxApi();
});
after(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

test('the answer streams in several pieces and resolves to the whole text', async () => {
  const pieces: string[] = [];
  const text = await streamChatCompletion({ model: 'gpt-5-mini', messages }, config(), (piece) => pieces.push(piece));
  assert.equal(text, 'a fox in the snow, rich detail, soft natural light, sharp focus');
  assert.ok(pieces.length > 3, `only ${pieces.length} pieces`);
  assert.equal(pieces.join(''), text);
  const request = fake.requests[0]!;
  assert.equal(request.path, '/v1/chat/completions');
  assert.equal(request.headers['authorization'], `Bearer ${KEY}`);
  assert.deepEqual(request.body, { model: 'gpt-5-mini', messages, stream: true });
});

test('Cancel in the middle of the stream stops it as a cancellation', async () => {
  fake.chat.pauseAfter(2);
  const controller = new AbortController();
  const pieces: string[] = [];
  const done = streamChatCompletion({ model: 'gpt-5-mini', messages }, config({ signal: controller.signal }), (piece) => {
    pieces.push(piece);
    if (pieces.length === 2) controller.abort();
  });
  await assert.rejects(done, (error: unknown) => error instanceof DmxApiError && error.kind === 'cancelled');
  assert.equal(pieces.length, 2);
});

test('a rejected key is the engine\'s auth error, and the key is not in its message', async () => {
  fake.setFault({ kind: 'status', status: 401, message: `Incorrect API key provided: ${KEY}` });
  await assert.rejects(streamChatCompletion({ model: 'gpt-5-mini', messages }, config(), () => undefined), (error: unknown) => {
    assert.ok(error instanceof DmxApiError && error.kind === 'auth');
    assert.ok(!error.message.includes(KEY));
    return true;
  });
});

test('an error sent inside the stream is reported as the server\'s error, not as a cut-off answer', async () => {
  const server = await startTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"choices":[{"delta":{"content":"half"}}]}\n\n');
    res.end('data: {"error":{"message":"quota exceeded","type":"insufficient_quota","code":"insufficient_quota"}}\n\n');
  });
  try {
    const pieces: string[] = [];
    await assert.rejects(streamChatCompletion({ model: 'm', messages }, config({ baseUrl: server.url }), (p) => pieces.push(p)), (error: unknown) => {
      assert.ok(error instanceof DmxApiError, String(error));
      assert.notEqual(error.kind, 'malformedResponse');
      assert.match(error.message, /quota exceeded/);
      return true;
    });
    assert.deepEqual(pieces, ['half']);
  } finally {
    await server.close();
  }
});

test('a stream that ends with nothing is a malformed answer', async () => {
  const server = await startTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(': keep-alive\n\n');
  });
  try {
    await assert.rejects(streamChatCompletion({ model: 'm', messages }, config({ baseUrl: server.url }), () => undefined), (e: unknown) => e instanceof DmxApiError && e.kind === 'malformedResponse');
  } finally {
    await server.close();
  }
});
