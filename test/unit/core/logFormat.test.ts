import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatBytes, urlForLog } from '../../../src/core/http/logFormat';

describe('log formatting', () => {
  test('byte sizes in B, KB and MB', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(31.25 * 1024 * 1024), '31.3 MB');
  });

  test('URLs lose their query, which may hold a signed token', () => {
    assert.equal(urlForLog('https://cdn.example/files/a.png?X-Amz-Signature=secret'), 'cdn.example/files/a.png');
    assert.equal(urlForLog('not a url'), '(invalid URL)');
  });
});
