import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ErrorActionId } from '../../src/failures/failurePolicy';
import type { Fault } from '../fake-dmxapi/server';
import {
  activateExtension,
  assertDone,
  generate,
  listFolder,
  removeIfPresent,
  setSetting,
  TEST_KEY,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';
import { assertFailed, assertMessage, closeAllEditors, generationRequests, jobFor, untitledMarkdown, waitFor } from './support/failures';

/**
 * Every fault the fake DMXAPI can inject, through `dmxapi.generateImage` in the real extension host: one
 * translated message saying what happened and what to do, the buttons that help, nothing written, the number of
 * requests sent, and a Retry that runs the same job again.
 */

interface FaultCase {
  readonly name: string;
  readonly fault: Fault;
  readonly kind: string;
  /** Phrases of the message the user sees. */
  readonly says: readonly (string | RegExp)[];
  readonly actions: readonly ErrorActionId[];
  /** Generation requests sent (downloads of URL results not counted). */
  readonly requests: number;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly setting?: string;
}

const NANO_BANANA_URL = { model: 'nano-banana-2', modelOptions: { 'nano-banana-2': { responseFormat: 'url' } } };

const CASES: readonly FaultCase[] = [
  {
    name: '401 bad key',
    fault: { kind: 'status', status: 401 },
    kind: 'auth',
    says: ['DMXAPI rejected the API key (401)', 'Set a valid key'],
    actions: ['setApiKey', 'retry', 'showLog'],
    requests: 1,
  },
  {
    name: '403 no access',
    fault: { kind: 'status', status: 403 },
    kind: 'forbidden',
    says: ['DMXAPI refused access (403)', 'balance may be empty', 'Your account does not have access to this model.'],
    actions: ['setApiKey', 'retry', 'showLog'],
    requests: 1,
  },
  {
    name: '429 with Retry-After, retries off',
    fault: { kind: 'status', status: 429, retryAfter: '7' },
    kind: 'rateLimited',
    says: ['rate limiting requests (429)', 'Try again in 7 s'],
    actions: ['retry', 'showLog'],
    requests: 1,
  },
  {
    name: '500 server error',
    fault: { kind: 'status', status: 500 },
    kind: 'server',
    says: ['server error (500)', 'usually temporary'],
    actions: ['retry', 'showLog'],
    requests: 1,
  },
  {
    name: '502 HTML page from a proxy',
    fault: { kind: 'htmlStatus', status: 502 },
    kind: 'htmlPage',
    says: ['HTML page instead of DMXAPI (502)', 'Check dmxapi.baseUrl'],
    actions: ['openSettings', 'retry', 'showLog'],
    requests: 1,
    setting: 'dmxapi.baseUrl',
  },
  {
    name: '503 overloaded',
    fault: { kind: 'status', status: 503 },
    kind: 'server',
    says: ['server error (503)', 'try again shortly'],
    actions: ['retry', 'showLog'],
    requests: 1,
  },
  {
    name: 'malformed JSON, never retried even with retries on',
    fault: { kind: 'malformedJson' },
    kind: 'malformedResponse',
    says: ['could not be read (cut off or not JSON)', 'Retry'],
    actions: ['retry', 'showLog'],
    requests: 1,
    settings: { maxRetries: 2 },
  },
  {
    name: 'a body cut off mid-way, never retried even with retries on',
    fault: { kind: 'truncatedBody' },
    kind: 'malformedResponse',
    says: ['could not be read (cut off or not JSON)'],
    actions: ['retry', 'showLog'],
    requests: 1,
    settings: { maxRetries: 2 },
  },
  {
    name: 'connection reset',
    fault: { kind: 'resetConnection' },
    kind: 'network',
    says: ['Could not reach DMXAPI (ECONNRESET). Check your connection and dmxapi.baseUrl.'],
    actions: ['openSettings', 'retry', 'showLog'],
    requests: 1,
    setting: 'dmxapi.baseUrl',
  },
  {
    name: 'a server that never answers',
    fault: { kind: 'hang' },
    kind: 'timeout',
    says: ['No answer from DMXAPI in time', 'raise dmxapi.requestTimeoutSeconds'],
    actions: ['openSettings', 'retry', 'showLog'],
    requests: 1,
    settings: { requestTimeoutSeconds: 10 },
    setting: 'dmxapi.requestTimeoutSeconds',
  },
  {
    name: 'Gemini safety block: finishReason IMAGE_SAFETY',
    fault: { kind: 'safetyFinish' },
    kind: 'safetyBlocked',
    says: ['refused this prompt for safety reasons (IMAGE_SAFETY)', 'Rephrase the prompt'],
    actions: ['showLog'],
    requests: 1,
  },
  {
    name: 'Gemini safety block: promptFeedback.blockReason SAFETY',
    fault: { kind: 'promptBlocked' },
    kind: 'safetyBlocked',
    says: ['refused this prompt for safety reasons (SAFETY)', 'Rephrase the prompt'],
    actions: ['showLog'],
    requests: 1,
  },
  {
    name: 'OpenAI moderation: 400 content_policy_violation',
    fault: { kind: 'safetyFinish' },
    kind: 'safetyBlocked',
    says: ['safety reasons (content_policy_violation)', 'Rephrase the prompt'],
    actions: ['showLog'],
    requests: 1,
    settings: { model: 'gpt-image-1' },
  },
  {
    name: 'an answer with text but no image',
    fault: { kind: 'textOnly' },
    kind: 'noImage',
    says: ['answered without an image', 'I can describe it, but I could not draw'],
    actions: ['retry', 'showLog'],
    requests: 1,
  },
  {
    name: 'a URL result that has already expired',
    fault: { kind: 'expiredUrl' },
    kind: 'download',
    says: ['could not be downloaded', 'expired', 'Generate again'],
    actions: ['retry', 'showLog'],
    requests: 1,
    settings: NANO_BANANA_URL,
  },
  {
    name: 'a URL result that is not an image',
    fault: { kind: 'urlNotImage' },
    kind: 'download',
    says: ['could not be downloaded', 'not a PNG, JPEG, WebP or GIF image'],
    actions: ['retry', 'showLog'],
    requests: 1,
    settings: NANO_BANANA_URL,
  },
];

suite('Faults from DMXAPI, through Generate Image', () => {
  const fake = useFakeDmxApi();
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  setup(async () => {
    await setSetting('maxRetries', 0);
    await removeIfPresent(assets());
  });

  teardown(async () => {
    await closeAllEditors();
  });

  for (const c of CASES) {
    const retry = c.actions.includes('retry') ? 'Retry sends the same request again' : 'no Retry: the same request would be refused again';
    test(`${c.name}: ${c.kind}, a message that says what to do, ${c.actions.join('/')}; ${retry}`, async () => {
      for (const [key, value] of Object.entries(c.settings ?? {})) {
        await setSetting(key, value);
      }
      const editor = await untitledMarkdown();
      fake.setFault(c.fault);

      const failure = assertFailed(await generate({ prompt: `fault ${c.name}` }));
      assert.equal(failure.kind, c.kind);
      assertMessage(failure, ...c.says);
      assert.ok(!failure.message.includes(TEST_KEY), 'the key is in the message');
      assert.deepEqual(failure.actions, c.actions);
      assert.equal(failure.setting, c.setting);
      assert.equal(generationRequests(fake).length, c.requests, 'generation requests sent');
      assert.deepEqual(await listFolder(assets()), [], 'something was written into assets/');
      assert.equal(editor.document.getText(), '', 'the document was edited');

      if (!c.actions.includes('retry')) {
        await assert.rejects(failure.runAction('retry'), /no retry/);
        return;
      }
      // The fault is fixed; Retry is one click and sends exactly the request that failed.
      fake.setFault(null);
      const first = generationRequests(fake)[0]!;
      const done = assertDone((await failure.runAction('retry')) as never);
      const again = generationRequests(fake).at(-1)!;
      assert.equal(generationRequests(fake).length, c.requests + 1);
      assert.equal(again.path, first.path);
      assert.deepEqual(again.body, first.body, 'Retry changed the request');
      assert.equal(done.uris.length, 1);
      assert.equal(done.inserted, true);
      assert.equal(editor.document.getText(), done.markdown);
    }).timeout(60_000);
  }
});

suite('Retries follow the SDK rules, through Generate Image', () => {
  const fake = useFakeDmxApi();
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  setup(async () => {
    await setSetting('maxRetries', 2);
    await removeIfPresent(assets());
    await untitledMarkdown();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('429 with Retry-After: 2 waits the two seconds, then the second request gives the image', async () => {
    fake.setFault({ kind: 'status', status: 429, retryAfter: '2', times: 1 });
    const started = Date.now();
    const done = assertDone(await generate({ prompt: 'rate limited once' }));
    const elapsed = Date.now() - started;
    assert.equal(generationRequests(fake).length, 2);
    assert.ok(elapsed >= 1_900, `Retry-After was not honoured: ${elapsed} ms`);
    assert.equal((await listFolder(assets())).length, 1);
    assert.equal(done.uris.length, 1);
  });

  test('503 then success: one image after two requests', async () => {
    fake.setFault({ kind: 'status', status: 503, times: 1 });
    assertDone(await generate({ prompt: 'overloaded once' }));
    assert.equal(generationRequests(fake).length, 2);
    assert.deepEqual(generationRequests(fake).map((r) => r.fault), ['status', undefined]);
  });

  test('a connection reset before any byte, then success: one image after two requests', async () => {
    fake.setFault({ kind: 'resetConnection', times: 1 });
    assertDone(await generate({ prompt: 'reset once' }));
    assert.equal(generationRequests(fake).length, 2);
  });

  test('dmxapi.maxRetries is the limit: three 500s with maxRetries 2 fail after three requests', async () => {
    fake.setFault({ kind: 'status', status: 500, times: 3 });
    const failure = assertFailed(await generate({ prompt: 'always failing' }));
    assert.equal(failure.kind, 'server');
    assert.equal(generationRequests(fake).length, 3);
  });

  test('400 is not retried: the same request would be refused again', async () => {
    await setSetting('model', 'gpt-image-1');
    fake.setFault({ kind: 'status', status: 400, message: 'Invalid size.' });
    const failure = assertFailed(await generate({ prompt: 'bad request' }));
    assert.equal(failure.kind, 'badRequest');
    assertMessage(failure, 'DMXAPI rejected the request (Invalid size.)', 'Check the model, size and options');
    assert.deepEqual(failure.actions, ['showLog']);
    assert.equal(generationRequests(fake).length, 1);
  });

  test('an image that arrived is never paid twice: an expired URL download is not answered by a new generation', async () => {
    await setSetting('model', 'nano-banana-2');
    await setSetting('modelOptions', { 'nano-banana-2': { responseFormat: 'url' } });
    fake.setFault({ kind: 'expiredUrl', target: 'files' });
    const failure = assertFailed(await generate({ prompt: 'expired' }));
    assert.equal(failure.kind, 'download');
    assert.equal(generationRequests(fake).length, 1, 'the generation was sent again');
  });

  test('Cancel stops retries: cancelling during a Retry-After wait ends at once, with no second request', async function () {
    // The server asks for a minute's wait, three times this test's limit: only a Cancel that cuts the wait short
    // lets the run end in time.
    this.timeout(20_000);
    const api = await activateExtension();
    fake.setFault({ kind: 'status', status: 503, retryAfter: '60' });
    const controller = new AbortController();
    const running = api.generate(jobFor('cancel while waiting'), undefined, controller.signal);
    await waitFor(() => fake.requests[0]?.answered, 'the first request to be answered with 503');
    controller.abort();
    await assert.rejects(running, (error: Error & { kind?: string }) => error.kind === 'cancelled');
    assert.equal(fake.requests.length, 1, 'a retry was sent after Cancel');
    assert.deepEqual(await listFolder(assets()), []);
  });
});
