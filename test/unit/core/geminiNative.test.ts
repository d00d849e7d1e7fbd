import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import type { DmxApiErrorInfo } from '../../../src/core/errors';
import { buildGeminiRequest, parseGeminiAnswer } from '../../../src/core/protocols/geminiNative';
import type { GenerationRequest } from '../../../src/core/types';
import { resolveRequest } from '../../../src/core/validation';
import { throwsWithKind } from './support/assertions';
import { API_KEY } from './support/fakeFetch';
import { png, webpLossy } from './support/images';

const catalog = createCatalog();
const MODEL = 'gemini-3.1-flash-image-preview';

function built(request: Partial<GenerationRequest> = {}) {
  const resolved = resolveRequest(catalog, { model: MODEL, prompt: 'a sunset', aspectRatio: '1:1', resolution: '1K', ...request });
  const wire = buildGeminiRequest(resolved, 'https://www.dmxapi.cn', API_KEY);
  return { ...wire, json: JSON.parse(wire.body) as Record<string, unknown> };
}

function errorInfo(fn: () => unknown): DmxApiErrorInfo {
  return throwsWithKind(fn).info;
}

describe('gemini-native requests', () => {
  test('URL carries the model; the key goes in x-goog-api-key, not Authorization', () => {
    const wire = built();
    assert.equal(wire.url, `https://www.dmxapi.cn/v1beta/models/${MODEL}:generateContent`);
    assert.equal(wire.path, `/v1beta/models/${MODEL}:generateContent`);
    assert.deepEqual(wire.headers, { 'x-goog-api-key': API_KEY, 'Content-Type': 'application/json' });
  });

  test('default body: user text part, both modalities, aspect ratio and size, no tools', () => {
    assert.deepEqual(built({ aspectRatio: '8:1', resolution: '0.5K' }).json, {
      contents: [{ role: 'user', parts: [{ text: 'a sunset' }] }],
      generationConfig: {
        imageConfig: { aspectRatio: '8:1', imageSize: '0.5K' },
        responseModalities: ['TEXT', 'IMAGE'],
      },
    });
  });

  test('image-only responses and the two search tools as the seed writes them', () => {
    const imageOnly = built({ options: { responseModalities: 'image', search: 'web' } }).json;
    assert.deepEqual((imageOnly.generationConfig as Record<string, unknown>).responseModalities, ['IMAGE']);
    assert.deepEqual(imageOnly.tools, [{ google_search: {} }]);
    const both = built({ options: { search: 'webAndImage' } }).json;
    assert.deepEqual(both.tools, [{ google_search: { search_types: { web_search: {}, image_search: {} } } }]);
  });

  test('references follow the text as inlineData parts', () => {
    const first = png(3, 3);
    const second = webpLossy(2, 2);
    const { json } = built({
      references: [
        { bytes: first, mimeType: 'image/png' },
        { bytes: second, mimeType: 'image/webp' },
      ],
    });
    const parts = (json.contents as { parts: unknown[] }[])[0]!.parts;
    assert.deepEqual(parts, [
      { text: 'a sunset' },
      { inlineData: { mimeType: 'image/png', data: first.toString('base64') } },
      { inlineData: { mimeType: 'image/webp', data: second.toString('base64') } },
    ]);
  });
});

describe('gemini-native answers', () => {
  test('images and text parts in order; thoughts skipped, text or image', () => {
    const answer = parseGeminiAnswer({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'drafting…', thought: true },
              { inlineData: { mimeType: 'image/png', data: 'DRAFT' }, thought: true },
              { text: 'Here is your chart.' },
              { inlineData: { mimeType: 'image/png', data: 'FINAL' } },
              { text: '' },
            ],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: { totalTokenCount: 1200 },
    });
    assert.deepEqual(answer, { images: [{ kind: 'base64', data: 'FINAL' }], texts: ['Here is your chart.'] });
  });

  test('snake_case inline_data / mime_type is read too', () => {
    const answer = parseGeminiAnswer({ candidates: [{ content: { parts: [{ inline_data: { mime_type: 'image/jpeg', data: 'SNAKE' } }] } }] });
    assert.deepEqual(answer.images, [{ kind: 'base64', data: 'SNAKE' }]);
  });

  test('a blocked prompt is a safety error with its reason', () => {
    assert.deepEqual(errorInfo(() => parseGeminiAnswer({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } })), {
      kind: 'safetyBlocked',
      reason: 'PROHIBITED_CONTENT',
    });
    assert.equal(errorInfo(() => parseGeminiAnswer({ prompt_feedback: { block_reason: 'OTHER' } })).kind, 'safetyBlocked');
  });

  for (const reason of ['SAFETY', 'PROHIBITED_CONTENT', 'IMAGE_SAFETY', 'BLOCKLIST', 'RECITATION']) {
    test(`finishReason ${reason} without an image is a safety error`, () => {
      const info = errorInfo(() =>
        parseGeminiAnswer({ candidates: [{ content: { parts: [{ text: 'I cannot draw that.' }] }, finishReason: reason }] }),
      );
      assert.deepEqual(info, { kind: 'safetyBlocked', reason, texts: ['I cannot draw that.'] });
    });
  }

  test('a safety finish reason beside an image does not lose the image', () => {
    const answer = parseGeminiAnswer({ candidates: [{ content: { parts: [{ inlineData: { data: 'IMG' } }] }, finish_reason: 'SAFETY' }] });
    assert.equal(answer.images.length, 1);
  });

  test('text only is a noImage error carrying the text and the finish reason', () => {
    const info = errorInfo(() => parseGeminiAnswer({ candidates: [{ content: { parts: [{ text: 'Which city?' }] }, finishReason: 'STOP' }] }));
    assert.deepEqual(info, { kind: 'noImage', texts: ['Which city?'], finishReason: 'STOP' });
    assert.deepEqual(errorInfo(() => parseGeminiAnswer({})), { kind: 'noImage', texts: [] });
  });

  test('shape mismatches are malformedResponse errors', () => {
    assert.equal(errorInfo(() => parseGeminiAnswer({ candidates: 'none' })).kind, 'malformedResponse');
    assert.equal(errorInfo(() => parseGeminiAnswer({ candidates: [{ content: { parts: [{ inlineData: {} }] } }] })).kind, 'malformedResponse');
    assert.equal(errorInfo(() => parseGeminiAnswer('text')).kind, 'malformedResponse');
  });
});
