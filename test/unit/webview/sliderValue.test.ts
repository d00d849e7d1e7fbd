import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clampPosition, positionFromKey, positionFromPointer, roundedPosition } from '../../../src/webview/sliderValue';

describe('before/after divider value', () => {
  test('from a pointer: the share of the width from the box\'s left, kept within 0–100', () => {
    assert.equal(positionFromPointer(150, 100, 200), 25);
    assert.equal(positionFromPointer(50, 100, 200), 0);
    assert.equal(positionFromPointer(900, 100, 200), 100);
    assert.equal(positionFromPointer(10, 0, 0), 50, 'a box not laid out yet');
  });

  test('from keys: arrows by 1, Shift+arrows and Page keys by 10, Home and End to the ends', () => {
    assert.equal(positionFromKey(50, 'ArrowRight', false), 51);
    assert.equal(positionFromKey(50, 'ArrowLeft', false), 49);
    assert.equal(positionFromKey(50, 'ArrowUp', true), 60);
    assert.equal(positionFromKey(50, 'ArrowDown', true), 40);
    assert.equal(positionFromKey(50, 'PageUp', false), 60);
    assert.equal(positionFromKey(50, 'PageDown', false), 40);
    assert.equal(positionFromKey(50, 'Home', false), 0);
    assert.equal(positionFromKey(50, 'End', false), 100);
    assert.equal(positionFromKey(99.5, 'ArrowRight', true), 100);
    assert.equal(positionFromKey(3, 'ArrowLeft', true), 0);
    assert.equal(positionFromKey(50, 'Enter', false), undefined);
  });

  test('clamped and rounded for display and aria-valuenow', () => {
    assert.equal(clampPosition(Number.NaN), 50);
    assert.equal(clampPosition(-3), 0);
    assert.equal(roundedPosition(33.5), 34);
    assert.equal(roundedPosition(140), 100);
  });
});
