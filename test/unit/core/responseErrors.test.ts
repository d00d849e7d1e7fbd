import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DmxApiError, isDmxApiError, scrubSecret } from '../../../src/core/errors';
import { errorForStatus, errorInAnswer, looksLikeHtml, serverMessageOf } from '../../../src/core/http/responseErrors';
import { API_KEY } from './support/fakeFetch';

const openAiError = (message: string, type = 'invalid_request_error', code: string | null = null) =>
  JSON.stringify({ error: { message, type, code } });
const geminiError = (code: number, message: string, status: string) => JSON.stringify({ error: { code, message, status } });
const errorFor = (status: number, body: string, headers: Record<string, string> = {}) =>
  errorForStatus(status, new Headers(headers), body, API_KEY);

describe('server messages', () => {
  test('read from OpenAI, Gemini, plain-string and top-level-message error bodies', () => {
    assert.deepEqual(serverMessageOf(JSON.parse(openAiError('Bad size', 'invalid_request_error', 'invalid_size')), API_KEY), {
      message: 'Bad size',
      type: 'invalid_request_error',
      code: 'invalid_size',
    });
    assert.deepEqual(serverMessageOf(JSON.parse(geminiError(400, 'Invalid argument', 'INVALID_ARGUMENT')), API_KEY), {
      message: 'Invalid argument',
      type: 'INVALID_ARGUMENT',
      code: '400',
    });
    assert.deepEqual(serverMessageOf({ error: 'quota exhausted' }, API_KEY), { message: 'quota exhausted' });
    assert.deepEqual(serverMessageOf({ message: 'no route' }, API_KEY), { message: 'no route' });
    assert.deepEqual(serverMessageOf({ error: { status: 'UNAVAILABLE' } }, API_KEY), { message: 'UNAVAILABLE', type: 'UNAVAILABLE' });
    assert.deepEqual(serverMessageOf({ error: {} }, API_KEY), { message: 'unknown error' });
    assert.equal(serverMessageOf({ other: 1 }, API_KEY), undefined);
    assert.equal(serverMessageOf(null, API_KEY), undefined);
  });

  test('an echoed key is scrubbed', () => {
    const message = serverMessageOf({ error: { message: `Incorrect API key provided: ${API_KEY}.` } }, API_KEY)!.message;
    assert.equal(message, 'Incorrect API key provided: ***.');
    assert.equal(scrubSecret('abc', ''), 'abc');
    assert.equal(scrubSecret('abc', 'ab'), 'abc');
  });

  test('HTML is recognised by content type or by its first tag', () => {
    assert.ok(looksLikeHtml('text/html; charset=utf-8', '{}'));
    assert.ok(looksLikeHtml(null, '\r\n<!DOCTYPE html><html>'));
    assert.ok(looksLikeHtml('application/octet-stream', '<html>\r\n<head>'));
    assert.ok(!looksLikeHtml('application/json', '{"error":"<html>"}'));
  });
});

describe('errorForStatus', () => {
  const cases: [number, string, string, boolean][] = [
    [400, openAiError('Invalid size'), 'badRequest', false],
    [401, openAiError('Incorrect API key provided.'), 'auth', false],
    [403, geminiError(403, 'Permission denied', 'PERMISSION_DENIED'), 'forbidden', false],
    [404, openAiError('Model not found'), 'badRequest', false],
    [408, '', 'timeout', true],
    [409, openAiError('Conflict'), 'badRequest', true],
    [422, openAiError('Unprocessable'), 'badRequest', false],
    [429, openAiError('Rate limit reached'), 'rateLimited', true],
    [500, openAiError('Server error'), 'server', true],
    [503, geminiError(503, 'The model is overloaded.', 'UNAVAILABLE'), 'server', true],
  ];
  for (const [status, body, kind, retryable] of cases) {
    test(`${status} → ${kind}${retryable ? ' (retryable)' : ''}`, () => {
      const error = errorFor(status, body);
      assert.equal(error.kind, kind);
      assert.equal(error.retryable, retryable);
      assert.equal(error.status, status);
    });
  }

  test('the server message reaches the error and its English line', () => {
    const error = errorFor(400, openAiError('Invalid value for size: 999x999'));
    assert.equal(error.serverMessage, 'Invalid value for size: 999x999');
    assert.equal(error.message, 'HTTP 400: the server refused the request: Invalid value for size: 999x999');
  });

  test('429 keeps the Retry-After wait', () => {
    const error = errorFor(429, openAiError('slow down'), { 'retry-after': '7' });
    assert.equal(error.retryAfterMs, 7000);
    assert.equal(errorFor(429, '').retryAfterMs, undefined);
  });

  test('an HTML page is htmlPage whatever the status, retryable when the status is', () => {
    const page = '<html><head><title>502 Bad Gateway</title></head></html>';
    const gateway = errorFor(502, page, { 'content-type': 'text/html' });
    assert.equal(gateway.kind, 'htmlPage');
    assert.equal(gateway.status, 502);
    assert.ok(gateway.retryable);
    assert.ok(!errorFor(403, page).retryable);
  });

  test('plain-text bodies are quoted, cut to a readable length', () => {
    assert.equal(errorFor(500, 'upstream timed out').serverMessage, 'upstream timed out');
    assert.equal(errorFor(500, 'x'.repeat(5000)).serverMessage?.length, 500);
    assert.equal(errorFor(500, '').serverMessage, undefined);
  });

  test('OpenAI moderation refusals are safety errors with the code as reason', () => {
    const error = errorFor(400, openAiError('Your request was rejected by the safety system.', 'invalid_request_error', 'content_policy_violation'));
    assert.equal(error.kind, 'safetyBlocked');
    assert.equal(error.reason, 'content_policy_violation');
    assert.deepEqual(error.texts, ['Your request was rejected by the safety system.']);
    assert.equal(errorFor(400, JSON.stringify({ error: { message: 'blocked', type: 'moderation_blocked' } })).reason, 'moderation_blocked');
  });

  test('the key never appears in the message, even when the server echoes it', () => {
    for (const status of [400, 401, 403, 429, 500]) {
      const error = errorFor(status, openAiError(`bad key ${API_KEY}`));
      assert.ok(!error.message.includes(API_KEY), error.message);
      assert.ok(!JSON.stringify(error.info).includes(API_KEY));
    }
  });
});

describe('errorInAnswer', () => {
  test('a 200 carrying only an error body is an error of the status inside it', () => {
    assert.equal(errorInAnswer({ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }, API_KEY)?.kind, 'rateLimited');
    assert.equal(errorInAnswer({ error: { message: 'bad model', code: 'model_not_found' } }, API_KEY)?.kind, 'badRequest');
    assert.equal(errorInAnswer({ error: { code: 401, message: 'who?' } }, API_KEY)?.kind, 'auth');
  });

  test('real answers and non-objects are left alone', () => {
    assert.equal(errorInAnswer({ data: [], error: null }, API_KEY), undefined);
    assert.equal(errorInAnswer({ candidates: [] }, API_KEY), undefined);
    assert.equal(errorInAnswer('x', API_KEY), undefined);
  });
});

describe('DmxApiError', () => {
  test('every kind has an English message, and kind accessors narrow', () => {
    const infos = [
      { kind: 'invalidRequest', issues: [] },
      { kind: 'malformedResponse', status: 200, detail: 'cut off' },
      { kind: 'timeout', timeoutMs: 1000 },
      { kind: 'timeout', status: 408 },
      { kind: 'network', code: 'ECONNRESET' },
      { kind: 'network' },
      { kind: 'cancelled' },
      { kind: 'safetyBlocked', reason: 'SAFETY' },
      { kind: 'noImage', texts: [] },
      { kind: 'noImage', texts: ['hi'], finishReason: 'STOP' },
      { kind: 'download', status: 404, detail: 'gone' },
      { kind: 'download', detail: 'not an image' },
      { kind: 'htmlPage', status: 200 },
      { kind: 'auth', status: 401 },
      { kind: 'forbidden', status: 403 },
      { kind: 'server', status: 500 },
    ] as const;
    const messages = infos.map((info) => new DmxApiError(info).message);
    assert.equal(new Set(messages).size, messages.length, messages.join('\n'));
    assert.equal(messages[2], 'No answer within 1000 ms');
    assert.equal(messages[3], 'HTTP 408: the server timed out');
    assert.equal(messages[9], 'No image in the answer (finish reason STOP); the model said: hi');
  });

  test('a caller may word the message; accessors are empty for other kinds', () => {
    const error = new DmxApiError({ kind: 'cancelled', message: 'cancelled by the user' });
    assert.equal(error.message, 'cancelled by the user');
    assert.equal(error.name, 'DmxApiError');
    assert.equal(error.status, undefined);
    assert.equal(error.serverMessage, undefined);
    assert.equal(error.retryAfterMs, undefined);
    assert.equal(error.reason, undefined);
    assert.deepEqual(error.texts, []);
    assert.ok(!error.retryable);
    assert.ok(isDmxApiError(error));
    assert.ok(isDmxApiError(error, 'cancelled'));
    assert.ok(!isDmxApiError(error, 'auth'));
    assert.ok(!isDmxApiError(new Error('x')));
  });
});
