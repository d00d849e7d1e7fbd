import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keptPicks, pickVersion } from '../../../src/webview/lineagePicks';

const order = ['v1', 'v2', 'v3', 'v4'];

describe('picking two versions to compare', () => {
  test('the first pick waits; the second makes a pair, older first whatever the order picked', () => {
    const first = pickVersion([], 'v3', order);
    assert.deepEqual(first, { picked: ['v3'] });
    assert.deepEqual(pickVersion(first.picked, 'v1', order), { picked: ['v1', 'v3'], pair: ['v1', 'v3'] });
    assert.deepEqual(pickVersion(['v2'], 'v4', order), { picked: ['v2', 'v4'], pair: ['v2', 'v4'] });
  });

  test('picking a picked version takes it back; a pick after a pair starts again', () => {
    assert.deepEqual(pickVersion(['v2'], 'v2', order), { picked: [] });
    assert.deepEqual(pickVersion(['v1', 'v3'], 'v3', order), { picked: ['v1'] });
    assert.deepEqual(pickVersion(['v1', 'v3'], 'v4', order), { picked: ['v4'] });
  });

  test('picks of versions no longer in the lineage are dropped', () => {
    assert.deepEqual(keptPicks(['v2', 'gone'], order), ['v2']);
  });
});
