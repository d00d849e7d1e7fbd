import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inOneRow, leftToRight } from '../../harness/layout';
import { waitFor } from '../../support/waitFor';

describe('layout checks compare ranges, not coordinates', () => {
  // Three comparison cards as a fresh machine laid them out: one row, y a pixel apart.
  const cards = [
    { x: 20, y: 688.4, width: 400, height: 300 },
    { x: 440, y: 689.4, width: 400, height: 300 },
    { x: 860, y: 688.4, width: 400, height: 300 },
  ];

  test('cards whose y differs by a pixel are one row, side by side', () => {
    assert.ok(inOneRow(cards));
    assert.ok(leftToRight(cards));
  });

  test('a card wrapped below the others is not in their row', () => {
    assert.equal(inOneRow([cards[0]!, cards[1]!, { ...cards[2]!, x: 20, y: 1000 }]), false);
  });

  test('overlapping or reversed cards are not left to right', () => {
    assert.equal(leftToRight([cards[1]!, cards[0]!]), false);
    assert.equal(leftToRight([cards[0]!, { ...cards[1]!, x: 300 }]), false);
  });
});

describe('waitFor', () => {
  test('returns the first value the probe gives, after polling', async () => {
    let calls = 0;
    assert.equal(await waitFor(() => (++calls === 3 ? 'ready' : undefined), 'the third call', 5_000, 1), 'ready');
    assert.equal(calls, 3);
  });

  test('treats false like undefined, so a condition can be polled', async () => {
    let calls = 0;
    assert.equal(await waitFor(async () => ++calls > 1, 'the second call', 5_000, 1), true);
  });

  test('fails naming what it waited for', async () => {
    await assert.rejects(waitFor(() => undefined, 'a file that never comes', 20, 5), /timed out after 20 ms waiting for a file that never comes/);
  });
});
