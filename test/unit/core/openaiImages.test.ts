import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { buildOpenAiImagesRequest, parseOpenAiImagesAnswer } from '../../../src/core/protocols/openaiImages';
import type { GenerationRequest } from '../../../src/core/types';
import { resolveRequest } from '../../../src/core/validation';
import { throwsWithKind } from './support/assertions';
import { API_KEY } from './support/fakeFetch';
import { jpeg, png } from './support/images';

const catalog = createCatalog();
const BASE = 'https://www.dmxapi.cn';

function built(request: Partial<GenerationRequest> & Pick<GenerationRequest, 'model'>, baseUrl = BASE) {
  const resolved = resolveRequest(catalog, { prompt: 'a cat', aspectRatio: '1:1', resolution: '1K', ...request });
  const wire = buildOpenAiImagesRequest(resolved, baseUrl, API_KEY);
  return { ...wire, json: JSON.parse(wire.body) as Record<string, unknown> };
}

describe('openai-images request bodies, per model, against the seeds', () => {
  test('nano-banana-2: n, aspect_ratio, size and response_format (base64 by default), nothing else', () => {
    const { json } = built({ model: 'nano-banana-2', aspectRatio: '9:16', resolution: '4K' });
    assert.deepEqual(json, { model: 'nano-banana-2', prompt: 'a cat', n: 1, aspect_ratio: '9:16', size: '4K', response_format: 'b64_json' });
  });

  test('nano-banana-2 can ask for a URL, as the seed example does', () => {
    const { json } = built({ model: 'nano-banana-2', options: { responseFormat: 'url' } });
    assert.equal(json.response_format, 'url');
  });

  test('gemini-2.5-flash-image: size as 16x9, no n, seed only when set', () => {
    assert.deepEqual(built({ model: 'gemini-2.5-flash-image', aspectRatio: '16:9' }).json, {
      model: 'gemini-2.5-flash-image',
      prompt: 'a cat',
      size: '16x9',
    });
    assert.equal(built({ model: 'gemini-2.5-flash-image', options: { seed: -1 } }).json.seed, -1);
  });

  test('gemini-2.5-flash-image: references as a data URI array in `image`, each with its own type', () => {
    const first = png(4, 4);
    const second = jpeg(2, 2);
    const { json } = built({
      model: 'nano-banana',
      references: [
        { bytes: first, mimeType: 'image/png' },
        { bytes: second, mimeType: 'image/jpeg' },
      ],
    });
    assert.deepEqual(json.image, [`data:image/png;base64,${first.toString('base64')}`, `data:image/jpeg;base64,${second.toString('base64')}`]);
    assert.deepEqual(Object.keys(json).sort(), ['image', 'model', 'prompt', 'size']);
  });

  for (const id of ['gpt-image-1', 'gpt-image-1-mini']) {
    test(`${id}: pixel size and its options, never response_format`, () => {
      const { json } = built({ model: id, aspectRatio: '2:3', count: 2 });
      assert.deepEqual(json, {
        model: id,
        prompt: 'a cat',
        n: 2,
        size: '1024x1536',
        quality: 'auto',
        output_format: 'png',
        background: 'auto',
        moderation: 'auto',
      });
    });
  }

  test('gpt-image-1: output_compression only for jpeg or webp; transparent background with png', () => {
    const jpegBody = built({ model: 'gpt-image-1', options: { outputFormat: 'jpeg', outputCompression: 80 } }).json;
    assert.equal(jpegBody.output_compression, 80);
    assert.equal(jpegBody.output_format, 'jpeg');
    assert.equal(built({ model: 'gpt-image-1', options: { outputFormat: 'webp' } }).json.output_compression, 100);
    const transparent = built({ model: 'gpt-image-1', aspectRatio: 'auto', options: { background: 'transparent' } }).json;
    assert.equal(transparent.background, 'transparent');
    assert.equal(transparent.size, 'auto');
    assert.ok(!('output_compression' in transparent));
  });

  test('dall-e-3: n=1 with size, quality, style and response_format', () => {
    const { json } = built({ model: 'dall-e-3', aspectRatio: '7:4', options: { quality: 'hd', style: 'natural' } });
    assert.deepEqual(json, {
      model: 'dall-e-3',
      prompt: 'a cat',
      n: 1,
      size: '1792x1024',
      quality: 'hd',
      style: 'natural',
      response_format: 'b64_json',
    });
  });

  test('dall-e-2: up to 10 images at 256/512/1024', () => {
    const { json } = built({ model: 'dall-e-2', resolution: '0.5K', count: 3, options: { responseFormat: 'url' } });
    assert.deepEqual(json, { model: 'dall-e-2', prompt: 'a cat', n: 3, size: '512x512', quality: 'standard', response_format: 'url' });
  });

  test('URL, path and headers: Bearer key and JSON; a base URL with /v1 or a trailing slash still works', () => {
    for (const base of [BASE, `${BASE}/`, `${BASE}/v1`, `${BASE}/v1/`]) {
      const wire = built({ model: 'dall-e-3' }, base);
      assert.equal(wire.url, 'https://www.dmxapi.cn/v1/images/generations');
    }
    const wire = built({ model: 'dall-e-3' });
    assert.equal(wire.path, '/v1/images/generations');
    assert.deepEqual(wire.headers, { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' });
  });

  test('a custom model with references but no body field cannot be built', () => {
    const spec = catalog.require('gemini-2.5-flash-image');
    const custom = createCatalog([{ ...spec, id: 'no-field', references: { max: 2, maxBytes: 1000 } }]);
    const resolved = resolveRequest(custom, {
      model: 'no-field',
      prompt: 'x',
      aspectRatio: '1:1',
      resolution: '1K',
      references: [{ bytes: png(1, 1), mimeType: 'image/png' }],
    });
    assert.throws(() => buildOpenAiImagesRequest(resolved, BASE, API_KEY), /names no body field/);
  });
});

describe('openai-images answers', () => {
  test('b64_json items, extra fields tolerated', () => {
    const answer = parseOpenAiImagesAnswer({
      created: 1756276430,
      data: [{ b64_json: 'AAAA', extra: true }, { b64_json: 'BBBB', revised_prompt: null, url: null }],
      usage: { total_tokens: 10 },
    });
    assert.deepEqual(answer, { images: [{ kind: 'base64', data: 'AAAA' }, { kind: 'base64', data: 'BBBB' }], texts: [] });
  });

  test('url items with revised_prompt, and a data URI where the URL goes', () => {
    const answer = parseOpenAiImagesAnswer({
      data: [{ url: 'https://cdn.example/a.png', revised_prompt: 'A cute cat' }, { url: 'data:image/png;base64,AAAA' }],
    });
    assert.deepEqual(answer.images, [
      { kind: 'url', url: 'https://cdn.example/a.png', revisedPrompt: 'A cute cat' },
      { kind: 'base64', data: 'data:image/png;base64,AAAA' },
    ]);
  });

  test('empty data is a noImage error; items with only revised_prompt are its words', () => {
    throwsWithKind(() => parseOpenAiImagesAnswer({ created: 1, data: [] }), 'noImage');
    const wordsOnly = throwsWithKind(() => parseOpenAiImagesAnswer({ data: [{ revised_prompt: 'I can only describe it.' }, {}] }), 'noImage');
    assert.equal(wordsOnly.texts[0], 'I can only describe it.');
  });

  test('items without an image beside ones with an image are skipped', () => {
    assert.deepEqual(parseOpenAiImagesAnswer({ data: [{ revised_prompt: 'x' }, { b64_json: 'AAAA' }] }).images, [{ kind: 'base64', data: 'AAAA' }]);
  });

  test('shape mismatches are malformedResponse errors', () => {
    throwsWithKind(() => parseOpenAiImagesAnswer({ created: 1 }), 'malformedResponse');
    throwsWithKind(() => parseOpenAiImagesAnswer([1, 2]), 'malformedResponse');
    throwsWithKind(() => parseOpenAiImagesAnswer({ data: [{ b64_json: 5 }] }), 'malformedResponse');
  });
});
