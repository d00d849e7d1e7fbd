import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FakeDmxApi } from '../../fake-dmxapi/server';
import { JPEG_BYTES, PNG_BYTES, TEXT_BYTES, WEBP_BYTES } from './fixtures';
import { gemini, prompt, started } from './http';
import { parsePng } from './pngReader';

let server: FakeDmxApi;
before(async () => {
  server = await started();
});
after(() => server.close());
beforeEach(() => server.reset());

const inline = (mimeType: string, bytes: Buffer): unknown => ({ inlineData: { mimeType, data: bytes.toString('base64') } });
const withParts = (...parts: unknown[]): Record<string, unknown> => ({ contents: [{ role: 'user', parts }] });

/** The image of an answer, parsed; fails the test when there is not exactly one. */
function imageOf(json: { candidates: Array<{ content: { parts: Array<{ inlineData?: { mimeType: string; data: string } }> } }> }): [number, number] {
  const images = json.candidates[0]!.content.parts.filter((p) => p.inlineData);
  assert.equal(images.length, 1);
  assert.equal(images[0]!.inlineData!.mimeType, 'image/png');
  const png = parsePng(Buffer.from(images[0]!.inlineData!.data, 'base64'));
  return [png.width, png.height];
}

describe('Gemini generateContent: accepted bodies and answer shape', () => {
  test("the document's REST body: IMAGE only, 1:1", async () => {
    const answer = await gemini(server, prompt('生成一个美丽的日落风景', { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '1:1' } }));
    assert.equal(answer.status, 200, answer.text);
    const candidate = answer.json.candidates[0];
    assert.equal(candidate.finishReason, 'STOP');
    assert.equal(candidate.index, 0);
    assert.equal(candidate.content.role, 'model');
    assert.equal(candidate.content.parts.length, 1, 'no text part when only IMAGE is asked');
    assert.deepEqual(imageOf(answer.json), [64, 64]);
    assert.equal(answer.json.modelVersion, 'gemini-3.1-flash-image-preview');
    assert.equal(typeof answer.json.responseId, 'string');
    assert.equal(answer.json.usageMetadata.candidatesTokensDetails[0].tokenCount, 1120);
  });

  test('without generationConfig: text then image, 1:1 at 1K', async () => {
    const answer = await gemini(server, prompt('a cat'));
    assert.equal(answer.status, 200, answer.text);
    const parts = answer.json.candidates[0].content.parts;
    assert.equal(typeof parts[0].text, 'string');
    assert.ok(parts[1].inlineData);
    assert.deepEqual(imageOf(answer.json), [64, 64]);
  });

  test("['TEXT','IMAGE'] and the Python sample's ['Text','Image'] both return text", async () => {
    for (const modalities of [['TEXT', 'IMAGE'], ['Text', 'Image']]) {
      const answer = await gemini(server, prompt('a cat', { responseModalities: modalities }));
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.json.candidates[0].content.parts.length, 2);
    }
  });

  test('0.5K is accepted as "0.5K", "512" and "512px"', async () => {
    for (const imageSize of ['0.5K', '512', '512px']) {
      const answer = await gemini(server, prompt('x', { imageConfig: { aspectRatio: '1:8', imageSize } }));
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(imageOf(answer.json), [12, 96], imageSize);
      assert.equal(answer.json.usageMetadata.candidatesTokensDetails[0].tokenCount, 747);
    }
  });

  test('search tools in snake_case and camelCase', async () => {
    const tools = [
      [{ google_search: {} }],
      [{ google_search: { search_types: { web_search: {}, image_search: {} } } }],
      [{ googleSearch: { searchTypes: { webSearch: {}, imageSearch: {} } } }],
    ];
    for (const tool of tools) {
      const answer = await gemini(server, { ...prompt('weather in Shanghai'), tools: tool });
      assert.equal(answer.status, 200, `${JSON.stringify(tool)}: ${answer.text}`);
    }
  });

  test('reference images as inlineData (and snake_case inline_data), thinkingConfig', async () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'merge these' }, inline('image/png', PNG_BYTES), inline('image/jpeg', JPEG_BYTES)] },
        { parts: [{ inline_data: { mime_type: 'image/webp', data: WEBP_BYTES.toString('base64') } }] },
      ],
      generationConfig: { thinkingConfig: { thinkingLevel: 'high' } },
    };
    const answer = await gemini(server, body);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(answer.json.usageMetadata.promptTokenCount > 3 * 258);
  });
});

/** [what, body, text the error message must contain] */
const REJECTED: ReadonlyArray<readonly [string, unknown, string]> = [
  ['ratio 7:3', prompt('x', { imageConfig: { aspectRatio: '7:3' } }), 'aspectRatio'],
  ['ratio 1x1 (the OpenAI-style spelling)', prompt('x', { imageConfig: { aspectRatio: '1x1' } }), 'aspectRatio'],
  ['size 1k in lower case', prompt('x', { imageConfig: { imageSize: '1k' } }), 'imageSize'],
  ['size 8K', prompt('x', { imageConfig: { imageSize: '8K' } }), 'imageSize'],
  ['TEXT only', prompt('x', { responseModalities: ['TEXT'] }), 'responseModalities'],
  ['AUDIO', prompt('x', { responseModalities: ['IMAGE', 'AUDIO'] }), 'responseModalities'],
  ['empty modalities', prompt('x', { responseModalities: [] }), 'responseModalities'],
  ['modalities as a string', prompt('x', { responseModalities: 'IMAGE' }), 'responseModalities'],
  ['unknown top-level field', { ...prompt('x'), safetySettings: [] }, 'safetySettings'],
  ['unknown generationConfig field', prompt('x', { temperature: 1 }), 'temperature'],
  ['unknown imageConfig field', prompt('x', { imageConfig: { numberOfImages: 2 } }), 'numberOfImages'],
  ['bad thinking level', prompt('x', { thinkingConfig: { thinkingLevel: 'max' } }), 'thinkingLevel'],
  ['no contents', { generationConfig: {} }, 'contents'],
  ['empty contents', { contents: [] }, 'contents'],
  ['role model', { contents: [{ role: 'model', parts: [{ text: 'x' }] }] }, 'role'],
  ['part with neither text nor image', withParts({ text: 'x' }, {}), 'parts[1]'],
  ['part with both', withParts({ text: 'x', inlineData: { mimeType: 'image/png', data: PNG_BYTES.toString('base64') } }), 'parts[0]'],
  ['images but no text', withParts(inline('image/png', PNG_BYTES)), 'contents'],
  ['inlineData of text bytes', withParts({ text: 'x' }, inline('image/png', TEXT_BYTES)), 'parts[1].inlineData'],
  ['inlineData mislabelled', withParts({ text: 'x' }, inline('image/webp', PNG_BYTES)), 'parts[1].inlineData'],
  ['inlineData GIF', withParts({ text: 'x' }, inline('image/gif', Buffer.from('GIF89a....'))), 'parts[1].inlineData'],
  ['inlineData not base64', withParts({ text: 'x' }, { inlineData: { mimeType: 'image/png', data: 'not base64!' } }), 'inlineData'],
  ['15 images', withParts({ text: 'x' }, ...new Array(15).fill(inline('image/png', PNG_BYTES))), 'At most 14'],
  ['unknown tool', { ...prompt('x'), tools: [{ codeExecution: {} }] }, 'codeExecution'],
  ['unknown search type', { ...prompt('x'), tools: [{ google_search: { search_types: { video_search: {} } } }] }, 'videoSearch'],
  ['empty tool', { ...prompt('x'), tools: [{}] }, 'tools[0]'],
  ['body is an array', [prompt('x')], 'object'],
];

describe('Gemini generateContent: rejected bodies answer 400 INVALID_ARGUMENT naming the field', () => {
  for (const [what, body, needle] of REJECTED) {
    test(what, async () => {
      const answer = await gemini(server, body);
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.json.error.code, 400);
      assert.equal(answer.json.error.status, 'INVALID_ARGUMENT');
      assert.ok(answer.json.error.message.includes(needle), `"${needle}" not in: ${answer.json.error.message}`);
    });
  }

  test('another model on the native route is 404 NOT_FOUND', async () => {
    const answer = await gemini(server, prompt('x'), 'k', '/v1beta/models/gemini-2.0-flash-preview-image-generation:generateContent');
    assert.equal(answer.status, 404);
    assert.equal(answer.json.error.status, 'NOT_FOUND');
  });

  test('a missing key is 401 UNAUTHENTICATED in Google error shape', async () => {
    const answer = await gemini(server, prompt('x'), '');
    assert.equal(answer.status, 401);
    assert.deepEqual(Object.keys(answer.json.error).sort(), ['code', 'message', 'status']);
    assert.equal(answer.json.error.status, 'UNAUTHENTICATED');
  });
});

describe('Gemini generateContent: exact pixel sizes', () => {
  const cells: ReadonlyArray<readonly [string, string, number, number]> = [
    ['1:4', '0.5K', 256, 1024],
    ['21:9', '0.5K', 792, 336],
    ['4:1', '1K', 2048, 512],
    ['3:4', '1K', 896, 1200],
    ['1:8', '2K', 768, 6144],
  ];
  for (const [aspectRatio, imageSize, width, height] of cells) {
    test(`${aspectRatio} at ${imageSize} → ${width}x${height}`, async () => {
      server.setSizeReduction(1);
      const answer = await gemini(server, prompt('x', { responseModalities: ['IMAGE'], imageConfig: { aspectRatio, imageSize } }));
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(imageOf(answer.json), [width, height]);
    });
  }

  test('4K cells, reduced by 16', async () => {
    for (const [aspectRatio, width, height] of [['8:1', 12288, 1536], ['9:16', 3072, 5504], ['2:3', 3392, 5056]] as const) {
      const answer = await gemini(server, prompt('x', { imageConfig: { aspectRatio, imageSize: '4K' } }));
      assert.deepEqual(imageOf(answer.json), [width / 16, height / 16], aspectRatio);
      assert.equal(answer.json.usageMetadata.candidatesTokensDetails[0].tokenCount, 2000);
    }
  });
});

describe('Gemini generateContent: each model by its own page', () => {
  const at = (model: string) => `/v1beta/models/${model}:generateContent`;

  test('gemini-3.1-flash-image: 14 ratios at 1K/2K/4K, no 0.5K', async () => {
    const ok = await gemini(server, prompt('x', { imageConfig: { aspectRatio: '8:1', imageSize: '2K' } }), 'sk-test', at('gemini-3.1-flash-image'));
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.modelVersion, 'gemini-3.1-flash-image');
    const half = await gemini(server, prompt('x', { imageConfig: { imageSize: '0.5K' } }), 'sk-test', at('gemini-3.1-flash-image'));
    assert.equal(half.status, 400);
  });

  test('gemini-3-pro-image: web search yes, image search and 1:4 no; 1210 tokens at 1K', async () => {
    const web = await gemini(server, { ...prompt('x'), tools: [{ google_search: {} }] }, 'sk-test', at('gemini-3-pro-image'));
    assert.equal(web.status, 200, web.text);
    assert.equal(web.json.usageMetadata.candidatesTokensDetails[0].tokenCount, 1210);
    const image = await gemini(server, { ...prompt('x'), tools: [{ google_search: { search_types: { image_search: {} } } }] }, 'sk-test', at('gemini-3-pro-image'));
    assert.equal(image.status, 400);
    const tall = await gemini(server, prompt('x', { imageConfig: { aspectRatio: '1:4' } }), 'sk-test', at('gemini-3-pro-image'));
    assert.equal(tall.status, 400);
  });

  test('gemini-3.1-flash-lite-image: 1K only, no tools', async () => {
    assert.equal((await gemini(server, prompt('x', { imageConfig: { aspectRatio: '21:9', imageSize: '1K' } }), 'sk-test', at('gemini-3.1-flash-lite-image'))).status, 200);
    assert.equal((await gemini(server, prompt('x', { imageConfig: { imageSize: '2K' } }), 'sk-test', at('gemini-3.1-flash-lite-image'))).status, 400);
    assert.equal((await gemini(server, { ...prompt('x'), tools: [{ google_search: {} }] }, 'sk-test', at('gemini-3.1-flash-lite-image'))).status, 400);
  });

  test('gemini-2.5-flash-image: only aspectRatio; imageSize and responseModalities refused; its own pixel table', async () => {
    const ok = await gemini(server, { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { imageConfig: { aspectRatio: '2:3' } } }, 'sk-test', at('gemini-2.5-flash-image'));
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(imageOf(ok.json), [Math.ceil(832 / 16), Math.ceil(1248 / 16)]);
    assert.equal(ok.json.candidates[0].content.parts.length, 1, 'no text part without responseModalities');
    assert.equal((await gemini(server, prompt('x', { imageConfig: { imageSize: '1K' } }), 'sk-test', at('gemini-2.5-flash-image'))).status, 400);
    assert.equal((await gemini(server, prompt('x', { responseModalities: ['IMAGE'] }), 'sk-test', at('gemini-2.5-flash-image'))).status, 400);
  });
});
