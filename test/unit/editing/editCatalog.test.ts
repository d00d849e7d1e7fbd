import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';

/** Which models edit, and how, as the pages give it: one row per editing model. */
test('the catalog\'s editing models, protocols, image limits, masks and multi-turn', () => {
  const MB = 1024 * 1024;
  const rows = createCatalog()
    .models.filter((model) => model.edit)
    .map((model) => [model.id, model.edit!.protocol, model.edit!.maxImages, model.edit!.maxBytes / MB, model.edit!.mask ? 'mask' : '-', model.edit!.conversation]);
  assert.deepEqual(rows, [
    ['gemini-3.1-flash-image', 'gemini-native', 14, 7, '-', true],
    ['gemini-3-pro-image', 'gemini-native', 14, 7, '-', true],
    ['nano-banana-2', 'openai-edits', 14, 50, '-', false],
    ['gemini-2.5-flash-image:generateContent', 'gemini-native', 3, 7, '-', false],
    ['gpt-image-2', 'openai-edits', 16, 50, 'mask', false],
    ['gpt-image-2-ssvip', 'openai-edits', 16, 50, 'mask', false],
    ['gpt-image-1.5', 'openai-edits', 16, 50, '-', false],
  ]);
});

test('gpt-image edit options are the edit pages\' own: no moderation; gpt-image-2 without a transparent background', () => {
  const catalog = createCatalog();
  const ids = (model: string) => catalog.require(model).edit!.options!.map((option) => option.id);
  assert.deepEqual(ids('gpt-image-1.5'), ['quality', 'outputFormat', 'outputCompression', 'background']);
  assert.deepEqual(ids('gpt-image-2'), ['quality', 'outputFormat', 'outputCompression', 'background']);
  const background = catalog.require('gpt-image-2').edit!.options!.find((option) => option.id === 'background')!;
  assert.ok(background.kind === 'enum');
  assert.deepEqual(background.choices.map((choice) => choice.id), ['auto', 'opaque']);
  assert.deepEqual(catalog.require('gpt-image-1.5').edit!.n, { max: 1 });
});
