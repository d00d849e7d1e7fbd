import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planGeneration } from '../../../src/core/agents/generationPlan';
import { parseGenerateToolInput } from '../../../src/core/agents/generateToolInput';
import { documentedTokensPerImage } from '../../../src/core/agents/tokenCosts';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { DmxApiError } from '../../../src/core/errors';

const catalog = createCatalog();
const defaults = { model: 'gemini-3.1-flash-image-preview', aspectRatio: '1:1', resolution: '1K' };

test('token costs are the documents\' figures: nano-banana-2 1210 at 1K/2K, 2000 at 4K', () => {
  assert.equal(documentedTokensPerImage('nano-banana-2', '1K'), 1210);
  assert.equal(documentedTokensPerImage('nano-banana-2', '2K'), 1210);
  assert.equal(documentedTokensPerImage('nano-banana-2', '4K'), 2000);
});

test('token costs: Gemini 3.1 Flash Image 747 at 0.5K, 1120 at 1K/2K, 2000 at 4K', () => {
  const id = 'gemini-3.1-flash-image-preview';
  assert.deepEqual(['0.5K', '1K', '2K', '4K'].map((r) => documentedTokensPerImage(id, r)), [747, 1120, 1120, 2000]);
});

test('a model whose documents give no token figure has none, not a guess', () => {
  assert.equal(documentedTokensPerImage('dall-e-3', '1K'), undefined);
});

test('the plan fills gaps from the defaults and gives pixel size and tokens', () => {
  const plan = planGeneration(catalog, { prompt: 'fox' }, defaults);
  assert.equal(plan.model.id, 'gemini-3.1-flash-image-preview');
  assert.equal(plan.aspectRatio, '1:1');
  assert.equal(plan.resolution, '1K');
  assert.equal(plan.count, 1);
  assert.equal(plan.width, 1024);
  assert.equal(plan.height, 1024);
  assert.equal(plan.tokensPerImage, 1120);
  assert.deepEqual(plan.adjustments, []);
});

test('a ratio the model lacks becomes its nearest one, and the plan says so', () => {
  const plan = planGeneration(catalog, { prompt: 'banner', model: 'nano-banana-2', aspectRatio: '8:1', resolution: '2K' }, defaults);
  assert.equal(plan.aspectRatio, '21:9');
  assert.deepEqual(plan.adjustments, [{ field: 'aspectRatio', asked: '8:1', used: '21:9' }]);
  assert.deepEqual([plan.width, plan.height, plan.tokensPerImage], [3168, 1344, 1210]);
});

test('a resolution the model lacks becomes its nearest one', () => {
  const plan = planGeneration(catalog, { prompt: 'x', model: 'nano-banana-2', resolution: '0.5K' }, defaults);
  assert.equal(plan.resolution, '1K');
  assert.deepEqual(plan.adjustments, [{ field: 'resolution', asked: '0.5K', used: '1K' }]);
});

test('without defaults for ratio and resolution, the chosen model\'s own defaults are used', () => {
  const plan = planGeneration(catalog, { prompt: 'x', model: 'dall-e-3' }, { model: 'nano-banana-2' });
  const dalle = catalog.require('dall-e-3');
  assert.equal(plan.aspectRatio, dalle.defaults.ratio);
  assert.equal(plan.resolution, dalle.defaults.resolution);
});

test('an unknown model is the catalog\'s invalidRequest error', () => {
  assert.throws(() => planGeneration(catalog, { prompt: 'x', model: 'no-such-model' }, defaults), (e: unknown) => e instanceof DmxApiError && e.kind === 'invalidRequest');
});

test('tool input: an empty prompt or a count above the limit is refused with the field named', () => {
  const empty = parseGenerateToolInput({ prompt: '  ' });
  assert.equal(empty.ok, false);
  assert.match(!empty.ok ? empty.problem : '', /^prompt: /);
  const many = parseGenerateToolInput({ prompt: 'x', count: 9 });
  assert.equal(many.ok, false);
  assert.match(!many.ok ? many.problem : '', /^count: /);
  assert.deepEqual(parseGenerateToolInput({ prompt: ' fox ', count: 2 }), { ok: true, input: { prompt: 'fox', count: 2 } });
});
