import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog, parseCustomModels } from '../../../src/core/catalog/catalog';
import { setByPath } from '../../../src/core/protocols/wireFields';

/** A minimal valid entry as a user would write it in settings.json (defaults left out). */
const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'my-flux',
  label: 'My Flux',
  protocol: 'openai-images',
  promptMaxLength: 2000,
  n: { max: 4, field: 'n' },
  aspectRatios: [{ id: '1:1', wire: '1:1' }],
  resolutions: [{ id: '1K', wire: '1K' }],
  sizes: [{ ratio: '1:1', resolution: '1K', width: 1024, height: 1024, wire: '1024x1024' }],
  sizeFields: { size: '{size}' },
  defaults: { ratio: '1:1', resolution: '1K' },
  ...overrides,
});

describe('parseCustomModels', () => {
  test('accepts a valid entry and fills schema defaults', () => {
    const { models, errors } = parseCustomModels([entry()]);
    assert.deepEqual(errors, []);
    assert.equal(models.length, 1);
    assert.deepEqual(models[0]!.aliases, []);
    assert.deepEqual(models[0]!.options, []);
    assert.deepEqual(models[0]!.references, { max: 0, maxBytes: 1 });
    assert.equal(createCatalog(models).find('my-flux')?.label, 'My Flux');
  });

  test('nothing set is no models and no errors; a non-list is one clear error', () => {
    assert.deepEqual(parseCustomModels(undefined), { models: [], errors: [] });
    assert.deepEqual(parseCustomModels(null), { models: [], errors: [] });
    const { models, errors } = parseCustomModels({ id: 'x' });
    assert.deepEqual(models, []);
    assert.match(errors[0]!, /expected a list/);
  });

  test('a bad entry is skipped with a message naming the entry and the field; good ones stay', () => {
    const { models, errors } = parseCustomModels([entry(), entry({ id: 'broken', promptMaxLength: 'long' })]);
    assert.deepEqual(models.map((m) => m.id), ['my-flux']);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /custom model #2 \("broken"\): promptMaxLength: /);
  });

  test('an entry without a usable id is named by its position', () => {
    const { errors } = parseCustomModels([entry({ id: 'has spaces' }), 42]);
    assert.ok(errors.some((e) => e.startsWith('custom model #1 ("has spaces"): id: a model id is letters')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('custom model #2: ')), errors.join('\n'));
  });

  test('nested field paths and the cross-field rules of the schema are reported', () => {
    const { errors } = parseCustomModels([
      entry({
        defaults: { ratio: '16:9', resolution: '1K' },
        options: [{ kind: 'enum', id: 'q', label: 'Q', field: 'quality', choices: [{ id: 'a' }], default: 'b' }],
        sizes: [{ ratio: '1:1', resolution: '2K', width: 1, height: 1, wire: '1x1' }],
      }),
    ]);
    const text = errors.join('\n');
    assert.match(text, /defaults\.ratio: default ratio 16:9 is not one of the model's ratios/);
    assert.match(text, /options: option q: default b is not one of its choices/);
    assert.match(text, /sizes: size cell 1:1 × 2K names an unknown ratio or resolution/);
  });

  test('wiring a builder would trip over is refused: reference field, {size} without wire values', () => {
    const { models, errors } = parseCustomModels([
      entry({ id: 'refs', references: { max: 2, maxBytes: 1000 } }),
      entry({ id: 'nowire', sizes: [{ ratio: '1:1', resolution: '1K', width: 1024, height: 1024 }] }),
    ]);
    assert.deepEqual(models, []);
    assert.match(errors[0]!, /"refs"\): references\.field: /);
    assert.match(errors[1]!, /"nowire"\): sizes: cell 1:1 × 1K needs a wire value/);
  });

  test('a duplicate id among custom models is refused, the first one kept', () => {
    const { models, errors } = parseCustomModels([entry(), entry({ label: 'Again' })]);
    assert.deepEqual(models.map((m) => m.label), ['My Flux']);
    assert.match(errors[0]!, /custom model #2 \("my-flux"\): id: another custom model already uses "my-flux"/);
  });

  test('a gemini-native entry needs no reference field', () => {
    const { errors } = parseCustomModels([
      entry({ protocol: 'gemini-native', references: { max: 3, maxBytes: 1000 }, sizeFields: { 'generationConfig.imageConfig.aspectRatio': '{ratio}' } }),
    ]);
    assert.deepEqual(errors, []);
  });
});

describe('field paths that reach a prototype', () => {
  const option = (field: string) => ({ kind: 'enum', id: 'q', label: 'Q', field, choices: [{ id: 'a', wire: 'yes' }], default: 'a' });

  for (const field of ['__proto__.polluted', 'constructor.prototype.polluted', 'generationConfig.prototype']) {
    test(`an option field "${field}" is refused, naming the entry and the field`, () => {
      const { models, errors } = parseCustomModels([entry({ options: [option(field)] }), entry({ id: 'fine' })]);
      assert.deepEqual(models.map((m) => m.id), ['fine']);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0]!, new RegExp(`^custom model #1 \\("my-flux"\\): options\\.q\\.field: "${field.replace(/\./g, '\\.')}" has a "(__proto__|constructor|prototype)" segment`));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  test('n.field and references.field are checked too', () => {
    const { errors } = parseCustomModels([
      entry({ n: { max: 2, field: '__proto__' } }),
      entry({ id: 'refs', references: { max: 1, maxBytes: 10, field: 'a.constructor' } }),
    ]);
    assert.match(errors.join('\n'), /custom model #1 \("my-flux"\): n\.field: "__proto__" has a "__proto__" segment/);
    assert.match(errors.join('\n'), /custom model #2 \("refs"\): references\.field: "a\.constructor" has a "constructor" segment/);
  });

  test('setByPath refuses such a path and leaves Object.prototype alone', () => {
    const body: Record<string, unknown> = {};
    assert.throws(() => setByPath(body, '__proto__.polluted', 'yes'), /"__proto__" segment/);
    assert.throws(() => setByPath(body, 'constructor.prototype.polluted', 'yes'), /"constructor" segment/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    setByPath(body, 'generationConfig.imageConfig.aspectRatio', '1:1');
    assert.deepEqual(body, { generationConfig: { imageConfig: { aspectRatio: '1:1' } } });
  });
});
