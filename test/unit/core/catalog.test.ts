import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILTIN_MODELS } from '../../../src/core/catalog/builtinModels';
import {
  applicableOptions,
  createCatalog,
  inPickerOrder,
  nearestRatio,
  nearestResolution,
  nearestSize,
  resolutionsAt,
  sizeOf,
} from '../../../src/core/catalog/catalog';
import { apiModelName, modelSpecSchema, type ModelSpec } from '../../../src/core/catalog/modelSpec';
import { pickerLabel, settleChoices } from '../../../src/shared/studioChoices';
import { gptImage2SizeProblem } from '../../fake-dmxapi/sizeTables';
import { DmxApiError } from '../../../src/core/errors';

const catalog = createCatalog();
const model = (id: string): ModelSpec => catalog.require(id);

describe('built-in models', () => {
  test('each one passes the schema that checks user models', () => {
    for (const spec of BUILTIN_MODELS) {
      const parsed = modelSpecSchema.safeParse(spec);
      assert.ok(parsed.success, `${spec.id}: ${parsed.success ? '' : parsed.error.message}`);
    }
  });

  test('every ratio × resolution pair has at most one size cell, and every ratio and resolution has one', () => {
    for (const spec of BUILTIN_MODELS) {
      for (const ratio of spec.aspectRatios) {
        assert.ok(spec.sizes.some((c) => c.ratio === ratio.id), `${spec.id} ${ratio.id}`);
        for (const resolution of spec.resolutions) {
          const cells = spec.sizes.filter((c) => c.ratio === ratio.id && c.resolution === resolution.id);
          assert.ok(cells.length <= 1, `${spec.id} ${ratio.id} ${resolution.id}`);
        }
      }
      for (const resolution of spec.resolutions) {
        assert.ok(spec.sizes.some((c) => c.resolution === resolution.id), `${spec.id} ${resolution.id}`);
      }
    }
  });

  test('models with a full table offer every ratio at every resolution; gpt-image-2 offers its documented sizes', () => {
    for (const spec of BUILTIN_MODELS.filter((m) => !m.id.startsWith('gpt-image-2'))) {
      const full = spec.aspectRatios.filter((r) => r.id !== 'auto').length * spec.resolutions.length;
      assert.equal(spec.sizes.filter((c) => c.ratio !== 'auto').length, full, spec.id);
    }
    assert.deepEqual(
      model('gpt-image-2').sizes.map((c) => c.wire),
      ['1024x1024', '1536x1024', '1024x1536', '2048x2048', '2048x1152', '3840x2160', '2160x3840', 'auto'],
    );
  });

  test('the seeds\u2019 pixel tables: spot checks', () => {
    assert.deepEqual(sizeOf(model('nano-banana-2'), '21:9', '4K'), { ratio: '21:9', resolution: '4K', width: 6336, height: 2688 });
    assert.equal(sizeOf(model('gemini-3.1-flash-image-preview'), '1:8', '4K')?.width, 1536);
    assert.equal(sizeOf(model('gemini-3.1-flash-image-preview'), '1:8', '4K')?.height, 12288);
    assert.equal(sizeOf(model('gemini-3.1-flash-image-preview'), '16:9', '0.5K')?.width, 688);
    assert.equal(sizeOf(model('dall-e-3'), '7:4', '1K')?.wire, '1792x1024');
    assert.equal(sizeOf(model('gpt-image-1'), 'auto', '1K')?.width, null);
    assert.equal(sizeOf(model('dall-e-2'), '1:1', '0.25K')?.wire, '256x256');
    assert.equal(sizeOf(model('dall-e-2'), '16:9', '1K'), undefined);
  });
});

describe('createCatalog lookups', () => {
  test('finds by id, by alias, and ignoring case', () => {
    assert.equal(catalog.find('dall-e-3')?.id, 'dall-e-3');
    assert.equal(catalog.find('nano-banana')?.id, 'gemini-2.5-flash-image');
    assert.equal(catalog.find('DALL-E-3')?.id, 'dall-e-3');
    assert.equal(catalog.find('no-such-model'), undefined);
  });

  test('require throws a typed invalidRequest error naming the model', () => {
    assert.throws(
      () => catalog.require('no-such-model'),
      (error: unknown) =>
        error instanceof DmxApiError &&
        error.info.kind === 'invalidRequest' &&
        error.info.issues[0]?.code === 'unknownModel' &&
        error.message.includes('no-such-model'),
    );
  });

  test('a custom model replaces the built-in with its id and keeps the order of the rest', () => {
    const custom: ModelSpec = { ...model('dall-e-2'), label: 'My DALL·E 2' };
    const extra: ModelSpec = { ...model('dall-e-2'), id: 'my-model', aliases: ['dall-e-3'] };
    const replaced = createCatalog([custom, extra]);
    assert.equal(replaced.find('dall-e-2')?.label, 'My DALL·E 2');
    assert.equal(replaced.models.filter((m) => m.id === 'dall-e-2').length, 1);
    assert.equal(replaced.models.length, BUILTIN_MODELS.length + 1);
    // An alias never shadows another model's id.
    assert.equal(replaced.find('dall-e-3')?.id, 'dall-e-3');
  });

  test('the catalog object offers the same helpers as the module', () => {
    const nb2 = model('nano-banana-2');
    assert.equal(catalog.sizeOf(nb2, '1:1', '2K')?.width, 2048);
    assert.equal(catalog.nearestRatio(nb2, '1:8'), '9:16');
    assert.equal(catalog.nearestResolution(nb2, '0.5K'), '1K');
    assert.equal(catalog.applicableOptions(nb2).length, 1);
  });
});

describe('ratio and resolution helpers', () => {
  test('nearestRatio keeps a ratio the model has and otherwise picks the closest shape', () => {
    assert.equal(nearestRatio(model('nano-banana-2'), '4:5'), '4:5');
    assert.equal(nearestRatio(model('nano-banana-2'), '8:1'), '21:9');
    assert.equal(nearestRatio(model('nano-banana-2'), '1:4'), '9:16');
    assert.equal(nearestRatio(model('dall-e-3'), '16:9'), '7:4');
    assert.equal(nearestRatio(model('dall-e-3'), '9:16'), '4:7');
    assert.equal(nearestRatio(model('gpt-image-1'), '16:9'), '3:2');
    assert.equal(nearestRatio(model('gpt-image-1'), '1:1'), '1:1');
    assert.equal(nearestRatio(model('dall-e-2'), '21:9'), '1:1');
  });

  test('nearestRatio falls back to the default for ratios without a shape', () => {
    assert.equal(nearestRatio(model('nano-banana-2'), 'auto'), '1:1');
    assert.equal(nearestRatio(model('gpt-image-1'), 'auto'), 'auto');
  });

  test('nearestResolution picks the closest the model offers at the ratio', () => {
    assert.equal(nearestResolution(model('nano-banana-2'), '0.5K'), '1K');
    assert.equal(nearestResolution(model('nano-banana-2'), '4K', '16:9'), '4K');
    assert.equal(nearestResolution(model('dall-e-3'), '4K'), '1K');
    assert.equal(nearestResolution(model('dall-e-2'), '0.5K'), '0.5K');
    assert.equal(nearestResolution(model('dall-e-2'), '0.3K'), '0.25K');
    assert.equal(nearestResolution(model('gemini-3.1-flash-image-preview'), 'huge'), '1K');
  });

  test('resolutionsAt lists only resolutions with a size at that ratio', () => {
    assert.deepEqual(resolutionsAt(model('gemini-3.1-flash-image-preview'), '8:1').map((r) => r.id), ['0.5K', '1K', '2K', '4K']);
    assert.deepEqual(resolutionsAt(model('dall-e-2'), '16:9'), []);
  });
});

describe('applicableOptions', () => {
  const ids = (values: Record<string, string | number>) => applicableOptions(model('gpt-image-1'), values).map((a) => a.option.id);

  test('an option with `when` appears only while its condition holds', () => {
    assert.ok(!ids({}).includes('outputCompression'));
    assert.ok(ids({ outputFormat: 'jpeg' }).includes('outputCompression'));
    assert.ok(ids({ outputFormat: 'webp' }).includes('outputCompression'));
  });

  test('a choice with `when` is offered only while its condition holds', () => {
    const background = (format: string) =>
      applicableOptions(model('gpt-image-1'), { outputFormat: format })
        .find((a) => a.option.id === 'background')!
        .choices.map((c) => c.id);
    assert.deepEqual(background('png'), ['auto', 'transparent', 'opaque']);
    assert.deepEqual(background('jpeg'), ['auto', 'opaque']);
  });

  test('reports the current value: the user\u2019s or the default', () => {
    const options = applicableOptions(model('dall-e-3'), { style: 'natural' });
    assert.equal(options.find((a) => a.option.id === 'style')?.value, 'natural');
    assert.equal(options.find((a) => a.option.id === 'quality')?.value, 'standard');
    const seed = applicableOptions(model('gemini-2.5-flash-image')).find((a) => a.option.id === 'seed');
    assert.equal(seed?.value, undefined);
    assert.deepEqual(seed?.choices, []);
  });
});

describe('DMXAPI renames and second endpoints', () => {
  test('every seed name still resolves to its own entry; the current names resolve too', () => {
    for (const id of ['gemini-3.1-flash-image-preview', 'nano-banana-2', 'gemini-2.5-flash-image', 'gpt-image-1', 'gpt-image-1-mini', 'dall-e-3', 'dall-e-2']) {
      assert.equal(catalog.find(id)?.id, id);
    }
    for (const id of ['gemini-3.1-flash-image', 'gemini-3-pro-image', 'gemini-3.1-flash-lite-image', 'gpt-image-1.5', 'gpt-image-2', 'gpt-image-2-ssvip']) {
      assert.equal(catalog.find(id)?.id, id);
    }
  });

  test('older names point at a current name the catalog has, and come right after it', () => {
    const ids = catalog.models.map((m) => m.id);
    const older = catalog.models.filter((m) => m.replacedBy);
    assert.deepEqual(
      older.map((m) => [m.id, m.replacedBy]),
      [
        ['gemini-3.1-flash-image-preview', 'gemini-3.1-flash-image'],
        ['gpt-image-1', 'gpt-image-1.5'],
        ['gpt-image-1-mini', 'gpt-image-1.5'],
      ],
    );
    for (const m of older) {
      assert.ok(ids.indexOf(m.replacedBy!) < ids.indexOf(m.id), `${m.replacedBy} before ${m.id}`);
    }
  });

  test('inPickerOrder moves an older custom entry after its current name, whatever order it came in', () => {
    const base = model('dall-e-2');
    const ordered = inPickerOrder([
      { ...base, id: 'old', replacedBy: 'new' },
      { ...base, id: 'other' },
      { ...base, id: 'new' },
      { ...base, id: 'orphan', replacedBy: 'missing' },
    ]);
    assert.deepEqual(ordered.map((m) => m.id), ['other', 'new', 'old', 'orphan']);
  });

  test('gemini-2.5-flash-image on generateContent is its own entry that sends the DMXAPI model name', () => {
    const openai = model('gemini-2.5-flash-image');
    const native = model('gemini-2.5-flash-image:generateContent');
    assert.equal(openai.protocol, 'openai-images');
    assert.equal(native.protocol, 'gemini-native');
    assert.equal(apiModelName(openai), 'gemini-2.5-flash-image');
    assert.equal(apiModelName(native), 'gemini-2.5-flash-image');
    assert.equal(sizeOf(native, '21:9', '1K')?.width, 1536);
  });
});

describe('nearestSize', () => {
  test('DALL·E 3 has no 16:9: 7:4 at 1792 × 1024', () => {
    const size = nearestSize(model('dall-e-3'), '16:9', '1K');
    assert.deepEqual([size.ratio, size.resolution, size.size.width, size.size.height, size.changed], ['7:4', '1K', 1792, 1024, true]);
  });

  test('a size the model has is kept', () => {
    const size = nearestSize(model('gpt-image-2'), '16:9', '4K');
    assert.deepEqual([size.ratio, size.resolution, size.size.wire, size.changed], ['16:9', '4K', '3840x2160', false]);
  });

  test('a resolution missing at the ratio moves to the nearest one it has there', () => {
    const size = nearestSize(model('gpt-image-2'), '3:2', '4K');
    assert.deepEqual([size.ratio, size.resolution, size.changed], ['3:2', '1K', true]);
    const lite = nearestSize(model('gemini-3.1-flash-lite-image'), '8:1', '4K');
    assert.deepEqual([lite.ratio, lite.resolution], ['21:9', '1K']);
  });

  test('Compare and the studio settle choices the same way', () => {
    const settled = settleChoices(model('dall-e-3'), { model: 'dall-e-3', aspectRatio: '16:9', resolution: '4K', count: 1, options: {} });
    const size = nearestSize(model('dall-e-3'), '16:9', '4K');
    assert.deepEqual([settled.aspectRatio, settled.resolution], [size.ratio, size.resolution]);
  });
});

describe('gpt-image-2 sizes', () => {
  test('every offered size meets the page\u2019s constraints as the fake server reads them', () => {
    for (const id of ['gpt-image-2', 'gpt-image-2-ssvip']) {
      for (const cell of model(id).sizes) {
        assert.equal(gptImage2SizeProblem(cell.wire!), undefined, `${id} ${cell.wire}`);
      }
    }
  });
});

describe('pickerLabel', () => {
  test('marks an older name with the current one; others keep their label', () => {
    assert.equal(pickerLabel(model('gpt-image-1'), catalog.models, 'older name, now {0}'), 'GPT Image 1 (older name, now gpt-image-1.5)');
    assert.equal(pickerLabel(model('gpt-image-1.5'), catalog.models, 'older name, now {0}'), 'GPT Image 1.5');
  });
});
