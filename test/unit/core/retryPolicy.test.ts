import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  backoffMs,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  retryDelayMs,
  serverRetryVerdict,
} from '../../../src/core/http/retryPolicy';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retry policy', () => {
  test('retryable statuses are those the OpenAI SDK retries', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) {
      assert.ok(isRetryableStatus(status), String(status));
    }
    for (const status of [400, 401, 403, 404, 413, 422]) {
      assert.ok(!isRetryableStatus(status), String(status));
    }
  });

  test('Retry-After in seconds, as an HTTP date, and retry-after-ms first', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after': '3' })), 3000);
    assert.equal(retryAfterMs(headers({ 'retry-after': '0.5' })), 500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), now), 7000);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now), 0);
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  });

  test('missing or nonsense Retry-After is ignored', () => {
    assert.equal(retryAfterMs(headers({})), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': '-4' })), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': ' ' })), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': 'x' })), undefined);
  });

  test('exponential backoff from 0.5 s, capped at 8 s, jitter takes off at most a quarter', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, () => 0)), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    assert.equal(backoffMs(0, () => 1), 375);
    assert.equal(backoffMs(4, () => 0.5), 7000);
    const sampled = backoffMs(1);
    assert.ok(sampled >= 750 && sampled <= 1000, String(sampled));
  });

  test('the delay honours the server, capped at a minute, else backs off', () => {
    assert.equal(retryDelayMs(0, headers({ 'retry-after': '2' }), () => 0), 2000);
    assert.equal(retryDelayMs(0, headers({ 'retry-after': '3600' }), () => 0), MAX_RETRY_AFTER_MS);
    assert.equal(retryDelayMs(2, headers({}), () => 0), 2000);
    assert.equal(retryDelayMs(1, undefined, () => 0), 1000);
  });

  test('x-should-retry overrules the status either way', () => {
    assert.equal(serverRetryVerdict(headers({ 'x-should-retry': 'true' })), true);
    assert.equal(serverRetryVerdict(headers({ 'x-should-retry': 'false' })), false);
    assert.equal(serverRetryVerdict(headers({})), undefined);
  });
});
