import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';

let server: FakeDmxApi;

const post = (body: unknown, key = 'sk-test') =>
  fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

before(async () => {
  server = await startFakeDmxApi({ validKey: 'sk-test' });
});
after(async () => {
  await server.close();
});
beforeEach(() => server.reset());

test('without stream the answer is one chat.completion, as kaishi.md shows', async () => {
  const response = await post({ model: 'gpt-5-mini', messages: [{ role: 'user', content: '你好' }] });
  assert.equal(response.status, 200);
  const json = (await response.json()) as { object: string; choices: { message: { role: string; content: string }; finish_reason: string }[] };
  assert.equal(json.object, 'chat.completion');
  assert.equal(json.choices[0]!.message.role, 'assistant');
  assert.match(json.choices[0]!.message.content, /^你好，/);
  assert.equal(json.choices[0]!.finish_reason, 'stop');
});

test('with stream: true the answer is server-sent chunks ending in [DONE]', async () => {
  const response = await post({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'a fox' }], stream: true });
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events = (await response.text()).split('\n\n').filter(Boolean);
  assert.equal(events.at(-1), 'data: [DONE]');
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')) as { object: string; choices: { delta: { content?: string } }[] });
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
  assert.equal(chunks.map((c) => c.choices[0]!.delta.content ?? '').join(''), 'a fox, rich detail, soft natural light, sharp focus');
});

test('missing messages is a 400 naming the parameter; a wrong key is a 401', async () => {
  const missing = await post({ model: 'gpt-5-mini' });
  assert.equal(missing.status, 400);
  assert.equal(((await missing.json()) as { error: { param: string } }).error.param, 'messages');
  const denied = await post({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'x' }] }, 'sk-wrong');
  assert.equal(denied.status, 401);
});
