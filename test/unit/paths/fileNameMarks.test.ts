import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stemFromPrompt } from '../../../src/core/paths/fileNames';

/** Emoji often carry a variation selector (U+FE0F), a combining mark: alone it must not become a file name. */

test('emoji with variation selectors give "image", not an invisible name', () => {
  assert.equal(stemFromPrompt('🌧️'), 'image');
  assert.equal(stemFromPrompt('🦊🔥🌧️ ❤️'), 'image');
  assert.equal(stemFromPrompt('\u0301\u0301'), 'image');
});

test('marks that belong to letters are kept', () => {
  assert.equal(stemFromPrompt('e\u0301te\u0301 ☀️ rain'), 'été-rain');
  assert.equal(stemFromPrompt('नमस्ते दुनिया'), 'नमस्ते-दुनिया');
});
