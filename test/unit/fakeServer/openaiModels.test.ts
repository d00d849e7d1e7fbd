import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FakeDmxApi } from '../../fake-dmxapi/server';
import { dataUri, JPEG_BYTES, longText, PNG_BYTES, TEXT_BYTES, WEBP_BYTES } from './fixtures';
import { download, openai, send, started } from './http';
import { jpegSize, parsePng, webpSize } from './pngReader';

let server: FakeDmxApi;
before(async () => {
  server = await started();
});
after(() => server.close());
beforeEach(() => server.reset());

const seedNanoBanana2 = { prompt: '生成一只可爱的小猫', n: 1, model: 'nano-banana-2', aspect_ratio: '9:16', size: '4k', response_format: 'url' };
const seedGptImage = {
  prompt: '哪吒竖着大拇指,背景广告牌写着 DMXAPI',
  n: 1,
  model: 'gpt-image-1-mini',
  size: '1024x1536',
  background: 'auto',
  moderation: 'auto',
  output_format: 'png',
  quality: 'auto',
};
/** gpt-image-2-text-to-image.md's sample body, less `output_compression` (commented out there). */
const gptImage2 = { model: 'gpt-image-2-ssvip', prompt: '赛博朋克城市雨夜', n: 1, size: '1024x1024', output_format: 'png', quality: 'high', moderation: 'low' };
const dalle3 = { model: 'dall-e-3', prompt: 'a lighthouse', n: 1, size: '1024x1024' };
const dalle2 = { model: 'dall-e-2', prompt: 'a lighthouse', n: 1, size: '512x512' };
const gemini25 = { model: 'gemini-2.5-flash-image', prompt: '把2个图片合并' };

/** [what, body, field the 400 must name] */
const REJECTED: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
  ['nano-banana-2 n=2', { ...seedNanoBanana2, n: 2 }, 'n'],
  ['nano-banana-2 without n', { ...seedNanoBanana2, n: undefined }, 'n'],
  ['nano-banana-2 ratio 7:3', { ...seedNanoBanana2, aspect_ratio: '7:3' }, 'aspect_ratio'],
  ['nano-banana-2 size 8K', { ...seedNanoBanana2, size: '8K' }, 'size'],
  ['nano-banana-2 size 0.5K', { ...seedNanoBanana2, size: '0.5K' }, 'size'],
  ['nano-banana-2 response_format png', { ...seedNanoBanana2, response_format: 'png' }, 'response_format'],
  ['nano-banana-2 prompt of 32001', { ...seedNanoBanana2, prompt: longText(32001) }, 'prompt'],
  ['nano-banana-2 quality', { ...seedNanoBanana2, quality: 'hd' }, 'quality'],
  ['gpt-image response_format', { ...seedGptImage, response_format: 'b64_json' }, 'response_format'],
  ['gpt-image size 1792x1024', { ...seedGptImage, size: '1792x1024' }, 'size'],
  ['gpt-image without size', { ...seedGptImage, size: undefined }, 'size'],
  ['gpt-image n=11', { ...seedGptImage, n: 11 }, 'n'],
  ['gpt-image n=0', { ...seedGptImage, n: 0 }, 'n'],
  ['gpt-image n as string', { ...seedGptImage, n: '1' }, 'n'],
  ['gpt-image quality hd', { ...seedGptImage, quality: 'hd' }, 'quality'],
  ['gpt-image background white', { ...seedGptImage, background: 'white' }, 'background'],
  ['gpt-image moderation high', { ...seedGptImage, moderation: 'high' }, 'moderation'],
  ['gpt-image output_format gif', { ...seedGptImage, output_format: 'gif' }, 'output_format'],
  ['gpt-image compression 101', { ...seedGptImage, output_format: 'jpeg', output_compression: 101 }, 'output_compression'],
  ['gpt-image compression with png', { ...seedGptImage, output_compression: 50 }, 'output_compression'],
  ['gpt-image compression, default png', { ...seedGptImage, output_format: undefined, output_compression: 80 }, 'output_compression'],
  ['gpt-image transparent jpeg', { ...seedGptImage, background: 'transparent', output_format: 'jpeg' }, 'background'],
  ['gpt-image style', { ...seedGptImage, style: 'vivid' }, 'style'],
  ['gpt-image-1 prompt of 32001', { ...seedGptImage, model: 'gpt-image-1', prompt: longText(32001) }, 'prompt'],
  ['gpt-image-1.5 size 1792x1024', { ...seedGptImage, model: 'gpt-image-1.5', size: '1792x1024' }, 'size'],
  ['gpt-image-2 background (not on its page)', { ...gptImage2, background: 'auto' }, 'background'],
  ['gpt-image-2 edge not a multiple of 16', { ...gptImage2, size: '1000x1000' }, 'size'],
  ['gpt-image-2 edge over 3840', { ...gptImage2, size: '4096x2160' }, 'size'],
  ['gpt-image-2 wider than 3:1', { ...gptImage2, size: '3840x1024' }, 'size'],
  ['gpt-image-2 under 655,360 pixels', { ...gptImage2, size: '800x800' }, 'size'],
  ['gpt-image-2 size 2k', { ...gptImage2, size: '2k' }, 'size'],
  ['gpt-image-2-ssvip n=11', { ...gptImage2, model: 'gpt-image-2-ssvip', n: 11 }, 'n'],
  ['gpt-image-2 compression with png', { ...gptImage2, output_compression: 50 }, 'output_compression'],
  ['dall-e-3 n=2', { ...dalle3, n: 2 }, 'n'],
  ['dall-e-3 size 1024x1536', { ...dalle3, size: '1024x1536' }, 'size'],
  ['dall-e-3 quality high', { ...dalle3, quality: 'high' }, 'quality'],
  ['dall-e-3 style bold', { ...dalle3, style: 'bold' }, 'style'],
  ['dall-e-3 background', { ...dalle3, background: 'auto' }, 'background'],
  ['dall-e-3 prompt of 4001', { ...dalle3, prompt: longText(4001) }, 'prompt'],
  ['dall-e-2 size 1792x1024', { ...dalle2, size: '1792x1024' }, 'size'],
  ['dall-e-2 quality hd', { ...dalle2, quality: 'hd' }, 'quality'],
  ['dall-e-2 style', { ...dalle2, style: 'vivid' }, 'style'],
  ['dall-e-2 n=11', { ...dalle2, n: 11 }, 'n'],
  ['dall-e-2 prompt of 1001', { ...dalle2, prompt: longText(1001) }, 'prompt'],
  ['gemini-2.5 size 1:1', { ...gemini25, size: '1:1' }, 'size'],
  ['gemini-2.5 seed 1.5', { ...gemini25, seed: 1.5 }, 'seed'],
  ['gemini-2.5 seed -2', { ...gemini25, seed: -2 }, 'seed'],
  ['gemini-2.5 n', { ...gemini25, n: 1 }, 'n'],
  ['gemini-2.5 response_format', { ...gemini25, response_format: 'url' }, 'response_format'],
  ['gemini-2.5 image not an array', { ...gemini25, image: dataUri('image/png', PNG_BYTES) }, 'image'],
  ['gemini-2.5 image without data URI', { ...gemini25, image: [PNG_BYTES.toString('base64')] }, 'image[0]'],
  ['gemini-2.5 image of text bytes', { ...gemini25, image: [dataUri('image/png', TEXT_BYTES)] }, 'image[0]'],
  ['gemini-2.5 image mislabelled', { ...gemini25, image: [dataUri('image/png', PNG_BYTES), dataUri('image/png', JPEG_BYTES)] }, 'image[1]'],
  ['gemini-2.5 image as text/plain', { ...gemini25, image: [dataUri('text/plain', PNG_BYTES)] }, 'image[0]'],
  ['nano-banana without prompt', { model: 'nano-banana' }, 'prompt'],
  ['missing model', { prompt: 'x', n: 1 }, 'model'],
  ['empty prompt', { ...dalle3, prompt: '   ' }, 'prompt'],
];

describe('OpenAI-style endpoint: rejected bodies name the bad field', () => {
  for (const [what, body, param] of REJECTED) {
    test(what, async () => {
      const answer = await openai(server, body);
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.json.error.param, param, answer.json.error.message);
      assert.equal(typeof answer.json.error.message, 'string');
      assert.equal(answer.json.error.type, 'invalid_request_error');
      assert.ok('code' in answer.json.error);
    });
  }

  test('an unknown model is 404 model_not_found', async () => {
    const answer = await openai(server, { ...dalle3, model: 'dall-e-4' });
    assert.equal(answer.status, 404);
    assert.equal(answer.json.error.code, 'model_not_found');
  });

  test('a body that is not JSON, or not an object, is 400', async () => {
    const broken = await send(`${server.url}/v1/images/generations`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"model":' });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.code, 'invalid_json');
    assert.equal((await openai(server, [dalle3])).status, 400);
  });

  test('the prompt limit is inclusive: exactly 4000 characters pass for dall-e-3', async () => {
    assert.equal((await openai(server, { ...dalle3, prompt: longText(4000) })).status, 200);
  });
});

describe('OpenAI-style endpoint: accepted bodies and answer shapes', () => {
  test("nano-banana-2, the document's own body (size '4k', url)", async () => {
    const answer = await openai(server, seedNanoBanana2);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(Math.abs(answer.json.created - Date.now() / 1000) < 60, 'created is unix seconds');
    assert.equal(answer.json.data.length, 1);
    const file = await download(answer.json.data[0].url);
    assert.equal(file.type, 'image/png');
    assert.deepEqual(size(parsePng(file.bytes)), [3072 / 16, 5504 / 16]);
  });

  test('nano-banana-2 answers base64 by default, 1:1 at 1K', async () => {
    const answer = await openai(server, { prompt: 'x', n: 1, model: 'nano-banana-2' });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(Object.keys(answer.json.data[0]), ['b64_json']);
    assert.deepEqual(size(parsePng(b64(answer.json.data[0].b64_json))), [64, 64]);
  });

  test("gpt-image-1-mini, the document's own body: base64 PNG plus usage, size, quality, output_format", async () => {
    const answer = await openai(server, seedGptImage);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(size(parsePng(b64(answer.json.data[0].b64_json))), [64, 96]);
    assert.equal(answer.json.output_format, 'png');
    assert.equal(answer.json.size, '1024x1536');
    assert.notEqual(answer.json.quality, 'auto', 'auto comes back resolved');
    assert.equal(typeof answer.json.usage.total_tokens, 'number');
  });

  test('gpt-image-1 n=3 jpeg with compression, and transparent webp', async () => {
    const jpeg = await openai(server, { ...seedGptImage, model: 'gpt-image-1', n: 3, size: 'auto', output_format: 'jpeg', output_compression: 50 });
    assert.equal(jpeg.status, 200, jpeg.text);
    assert.equal(jpeg.json.data.length, 3);
    for (const item of jpeg.json.data) assert.deepEqual(jpegSize(b64(item.b64_json)), { width: 64, height: 64 });
    const webp = await openai(server, { ...seedGptImage, background: 'transparent', output_format: 'webp' });
    assert.equal(webp.status, 200, webp.text);
    assert.deepEqual(webpSize(b64(webp.json.data[0].b64_json)), { width: 64, height: 96 });
    assert.equal(webp.json.background, 'transparent');
  });

  test('dall-e-3 answers a URL with revised_prompt by default, base64 on request', async () => {
    const url = await openai(server, { ...dalle3, size: '1792x1024', quality: 'hd', style: 'natural' });
    assert.equal(url.status, 200, url.text);
    assert.match(url.json.data[0].url, /^http:\/\/127\.0\.0\.1:\d+\/files\/[\w-]+\.png$/);
    assert.equal(typeof url.json.data[0].revised_prompt, 'string');
    assert.deepEqual(size(parsePng((await download(url.json.data[0].url)).bytes)), [112, 64]);
    const inline = await openai(server, { ...dalle3, response_format: 'b64_json' });
    assert.ok(inline.json.data[0].b64_json);
    assert.equal(inline.json.data[0].url, undefined);
  });

  test('dall-e-2 returns n images, each different', async () => {
    const answer = await openai(server, { ...dalle2, n: 10, size: '256x256', quality: 'standard', response_format: 'b64_json' });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.data.length, 10);
    assert.equal(new Set(answer.json.data.map((d: { b64_json: string }) => d.b64_json)).size, 10);
  });

  test("gemini-2.5-flash-image, the document's merge body with two data-URI images, answers a URL", async () => {
    const answer = await openai(server, { ...gemini25, image: [dataUri('image/png', PNG_BYTES), dataUri('image/jpeg', JPEG_BYTES)] });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(Object.keys(answer.json), ['created', 'data']);
    assert.ok((await download(answer.json.data[0].url)).bytes.length > 0);
  });

  test('nano-banana alias with size, seed -1 and a webp reference', async () => {
    const answer = await openai(server, { model: 'nano-banana', prompt: 'x', size: '3x4', seed: -1, image: [dataUri('image/webp', WEBP_BYTES)] });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(size(parsePng((await download(answer.json.data[0].url)).bytes)), [54, 74]);
  });
});

describe('OpenAI-style endpoint: exact pixel sizes (no reduction)', () => {
  const cases: ReadonlyArray<readonly [Record<string, unknown>, number, number]> = [
    [{ ...seedNanoBanana2, aspect_ratio: '21:9', size: '1K', response_format: 'b64_json' }, 1584, 672],
    [{ ...seedNanoBanana2, aspect_ratio: '4:5', size: '1K', response_format: 'b64_json' }, 928, 1152],
    [{ ...seedGptImage, size: '1536x1024' }, 1536, 1024],
    [{ ...dalle3, size: '1024x1792', response_format: 'b64_json' }, 1024, 1792],
    [{ ...gemini25, size: '16x9' }, 1344, 768],
  ];
  for (const [body, width, height] of cases) {
    test(`${String(body['model'])} ${String(body['aspect_ratio'] ?? body['size'] ?? '')} → ${width}x${height}`, async () => {
      server.setSizeReduction(1);
      const answer = await openai(server, body);
      assert.equal(answer.status, 200, answer.text);
      const item = answer.json.data[0];
      const bytes = item.b64_json ? b64(item.b64_json) : (await download(item.url)).bytes;
      assert.deepEqual(size(parsePng(bytes)), [width, height]);
    });
  }

  test('nano-banana-2 at 2K and 4K, reduced by 16', async () => {
    for (const [ratio, res, w, h] of [['2:3', '2K', 1696, 2528], ['16:9', '4K', 5504, 3072], ['5:4', '2k', 2304, 1856]] as const) {
      const answer = await openai(server, { ...seedNanoBanana2, aspect_ratio: ratio, size: res, response_format: 'b64_json' });
      assert.deepEqual(size(parsePng(b64(answer.json.data[0].b64_json))), [Math.ceil(w / 16), Math.ceil(h / 16)], `${ratio} ${res}`);
    }
  });
});

const b64 = (data: string): Buffer => Buffer.from(data, 'base64');
const size = (png: { width: number; height: number }): [number, number] => [png.width, png.height];

describe('gpt-image-2: any size within the documented constraints', () => {
  for (const [size, width, height] of [
    ['3840x2160', 3840, 2160],
    ['2160x3840', 2160, 3840],
    ['3072x1024', 3072, 1024],
    ['1024x640', 1024, 640],
    ['auto', 1024, 1024],
  ] as const) {
    test(`${size} is answered at that size`, async () => {
      const answer = await openai(server, { ...gptImage2, model: 'gpt-image-2', size });
      assert.equal(answer.status, 200, answer.text);
      const png = parsePng(Buffer.from(answer.json.data[0].b64_json, 'base64'));
      assert.deepEqual([png.width, png.height], [Math.ceil(width / 16), Math.ceil(height / 16)]);
    });
  }
});
