import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { DmxApiError } from '../../../src/core/errors';
import type { GenerationRequest, ReferenceImage } from '../../../src/core/types';
import { resolveRequest, validateRequest } from '../../../src/core/validation';
import type { ValidationIssueCode } from '../../../src/core/validationIssues';
import { jpeg, png } from './support/images';

const catalog = createCatalog();

const request = (overrides: Partial<GenerationRequest> = {}): GenerationRequest => ({
  model: 'gpt-image-1',
  prompt: 'a red fox in snow',
  aspectRatio: '1:1',
  resolution: '1K',
  ...overrides,
});

function codes(overrides: Partial<GenerationRequest>): ValidationIssueCode[] {
  const result = validateRequest(catalog, request(overrides));
  return result.ok ? [] : result.issues.map((i) => i.code);
}

const reference = (bytes: Uint8Array, name?: string): ReferenceImage => ({ bytes, mimeType: 'image/png', ...(name ? { name } : {}) });

describe('validateRequest: accepted requests', () => {
  test('resolves model, size, count and the options that apply, with wire values', () => {
    const result = validateRequest(catalog, request({ options: { outputFormat: 'jpeg', quality: 'high' } }));
    assert.ok(result.ok);
    const { model, size, count, options, prompt } = result.request;
    assert.equal(model.id, 'gpt-image-1');
    assert.equal(size.wire, '1024x1024');
    assert.equal(count, 1);
    assert.equal(prompt, 'a red fox in snow');
    const values = Object.fromEntries(options.map((o) => [o.option.id, o.wire]));
    assert.deepEqual(values, { quality: 'high', outputFormat: 'jpeg', outputCompression: 100, background: 'auto', moderation: 'auto' });
  });

  test('an alias resolves to the model, and the prompt is sent trimmed', () => {
    const result = validateRequest(catalog, request({ model: 'nano-banana', prompt: '  fox  ', aspectRatio: '16:9' }));
    assert.ok(result.ok);
    assert.equal(result.request.model.id, 'gemini-2.5-flash-image');
    assert.equal(result.request.prompt, 'fox');
  });

  test('a choice without a wire value is resolved but carries no wire', () => {
    const result = validateRequest(catalog, request({ model: 'gemini-3.1-flash-image-preview' }));
    assert.ok(result.ok);
    const search = result.request.options.find((o) => o.option.id === 'search');
    assert.equal(search?.value, 'off');
    assert.ok(!('wire' in search!));
  });

  test('values of options whose `when` fails are dropped, not refused', () => {
    const result = validateRequest(catalog, request({ options: { outputFormat: 'png', outputCompression: 5000 } }));
    assert.ok(result.ok);
    assert.ok(!result.request.options.some((o) => o.option.id === 'outputCompression'));
  });

  test('prompt length counts code points, so 4000 emoji fit DALL·E 3\u2019s 4000 limit', () => {
    assert.deepEqual(codes({ model: 'dall-e-3', prompt: '🦊'.repeat(4000) }), []);
    assert.deepEqual(codes({ model: 'dall-e-3', prompt: '🦊'.repeat(4001) }), ['promptTooLong']);
  });
});

describe('validateRequest: refused requests', () => {
  test('empty or whitespace prompt', () => {
    assert.deepEqual(codes({ prompt: '' }), ['emptyPrompt']);
    assert.deepEqual(codes({ prompt: ' \n\t ' }), ['emptyPrompt']);
  });

  test('prompt longer than the model allows', () => {
    const result = validateRequest(catalog, request({ model: 'dall-e-2', prompt: 'x'.repeat(1001) }));
    assert.ok(!result.ok);
    assert.deepEqual(result.issues[0], {
      code: 'promptTooLong',
      length: 1001,
      max: 1000,
      message: 'the prompt has 1001 characters; the model takes at most 1000',
    });
  });

  test('unknown model stops there', () => {
    assert.deepEqual(codes({ model: 'midjourney', prompt: '' }), ['unknownModel']);
  });

  test('ratio or resolution the model lacks', () => {
    assert.deepEqual(codes({ aspectRatio: '16:9' }), ['unknownRatio']);
    assert.deepEqual(codes({ resolution: '4K' }), ['unknownResolution']);
    assert.deepEqual(codes({ model: 'dall-e-3', aspectRatio: '21:9', resolution: '2K' }), ['unknownRatio', 'unknownResolution']);
  });

  test('a ratio and resolution that exist but have no size cell together', () => {
    const spec = catalog.require('dall-e-2');
    const sparse = createCatalog([{ ...spec, id: 'sparse', aspectRatios: [...spec.aspectRatios, { id: '2:1', wire: '2:1' }] }]);
    const result = validateRequest(sparse, request({ model: 'sparse', aspectRatio: '2:1' }));
    assert.ok(!result.ok);
    assert.equal(result.issues[0]?.code, 'noSize');
  });

  test('unknown option', () => {
    assert.deepEqual(codes({ options: { style: 'vivid' } }), ['unknownOption']);
  });

  test('enum choice that does not exist, and one whose `when` fails', () => {
    assert.deepEqual(codes({ options: { quality: 'ultra' } }), ['choiceNotAllowed']);
    const result = validateRequest(catalog, request({ options: { outputFormat: 'jpeg', background: 'transparent' } }));
    assert.ok(!result.ok);
    assert.deepEqual(result.issues[0], {
      code: 'choiceNotAllowed',
      option: 'background',
      choice: 'transparent',
      allowed: ['auto', 'opaque'],
      message: 'option background: "transparent" is not allowed here (auto, opaque)',
    });
  });

  test('integer option out of range or not an integer', () => {
    assert.deepEqual(codes({ options: { outputFormat: 'webp', outputCompression: 101 } }), ['outOfRange']);
    assert.deepEqual(codes({ options: { outputFormat: 'webp', outputCompression: -1 } }), ['outOfRange']);
    assert.deepEqual(codes({ options: { outputFormat: 'webp', outputCompression: 2.5 } }), ['notInteger']);
    assert.deepEqual(codes({ options: { outputFormat: 'webp', outputCompression: '50' } }), ['notInteger']);
    assert.deepEqual(codes({ model: 'gemini-2.5-flash-image', options: { seed: -2 } }), ['outOfRange']);
    assert.deepEqual(codes({ model: 'gemini-2.5-flash-image', options: { seed: -1 } }), []);
  });

  test('count below 1, above n.max, or fractional', () => {
    assert.deepEqual(codes({ count: 0 }), ['countOutOfRange']);
    assert.deepEqual(codes({ count: 11 }), ['countOutOfRange']);
    assert.deepEqual(codes({ count: 1.5 }), ['countOutOfRange']);
    assert.deepEqual(codes({ count: 10 }), []);
    assert.deepEqual(codes({ model: 'dall-e-3', count: 2 }), ['countOutOfRange']);
  });

  test('references on a model that takes none', () => {
    assert.deepEqual(codes({ references: [reference(png(1, 1))] }), ['referencesNotAccepted']);
  });

  test('more references than the model takes', () => {
    const four = [1, 2, 3, 4].map(() => reference(png(1, 1)));
    assert.deepEqual(codes({ model: 'gemini-2.5-flash-image', references: four }), ['tooManyReferences']);
  });

  test('a reference over the byte limit, and one that is not an image, named in the message', () => {
    const big = Buffer.concat([jpeg(10, 10), Buffer.alloc(7 * 1024 * 1024)]);
    const result = validateRequest(
      catalog,
      request({ model: 'gemini-2.5-flash-image', references: [reference(big, 'huge.jpg'), reference(Buffer.from('%PDF-1.7'), 'doc.pdf')] }),
    );
    assert.ok(!result.ok);
    assert.deepEqual(result.issues.map((i) => i.code), ['referenceTooLarge', 'referenceNotImage']);
    assert.match(result.issues[0]!.message, /huge\.jpg \(#1\)/);
    assert.match(result.issues[1]!.message, /doc\.pdf \(#2\) is not a PNG, JPEG, WebP or GIF image/);
  });

  test('all issues are reported at once', () => {
    assert.deepEqual(codes({ prompt: '', aspectRatio: '9:16', count: 30, options: { nope: 1 } }).sort(), [
      'countOutOfRange',
      'emptyPrompt',
      'unknownOption',
      'unknownRatio',
    ]);
  });
});

describe('resolveRequest', () => {
  test('throws one invalidRequest error carrying every issue', () => {
    assert.throws(
      () => resolveRequest(catalog, request({ prompt: '', count: 99 })),
      (error: unknown) =>
        error instanceof DmxApiError &&
        error.info.kind === 'invalidRequest' &&
        error.info.issues.length === 2 &&
        error.message === 'Invalid request: the prompt is empty; 99 images asked for; the model makes 1 to 10 per request',
    );
  });

  test('returns the resolved request when valid', () => {
    assert.equal(resolveRequest(catalog, request()).size.width, 1024);
  });
});
