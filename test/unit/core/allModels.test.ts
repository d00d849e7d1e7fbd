import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import type { ModelSpec, SizeCell } from '../../../src/core/catalog/modelSpec';
import { generateImages, type EngineConfig } from '../../../src/core/engine';
import { IMAGE_EXTENSIONS, imageSize, sniffImageMime } from '../../../src/core/imageBytes';
import type { GenerationRequest } from '../../../src/core/types';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { API_KEY } from './support/fakeFetch';

/**
 * Every model of the catalog, every ratio × resolution cell, through the real engine and real sockets to the
 * fake DMXAPI, which refuses any field a model's document does not name. Each image is written to disk and
 * read back, so what is checked is the file a user would get.
 */

const catalog = createCatalog();
const REDUCTION = 16;
const reduced = (pixels: number): number => Math.max(1, Math.ceil(pixels / REDUCTION));

let server: FakeDmxApi;
let folder: string;

before(async () => {
  server = await startFakeDmxApi({ sizeReduction: REDUCTION, validKey: API_KEY });
  folder = await mkdtemp(join(tmpdir(), 'dmxapi-all-models-'));
});

after(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

const config = (): EngineConfig => ({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 60_000, maxRetries: 0 });

/** Generates, saves every image, reads the files back and returns what they are. */
async function generateToFiles(request: GenerationRequest): Promise<{ mime: string | undefined; width?: number; height?: number }[]> {
  const result = await generateImages(catalog, request, config());
  assert.ok(result.images.length >= 1);
  const files = [];
  for (const [index, image] of result.images.entries()) {
    const name = `${request.model}-${request.aspectRatio.replace(':', 'x')}-${request.resolution}-${index}.${IMAGE_EXTENSIONS[image.mimeType]}`;
    await writeFile(join(folder, name), image.bytes);
    const saved = await readFile(join(folder, name));
    assert.equal(saved.byteLength, image.bytes.byteLength);
    const mime = sniffImageMime(saved);
    files.push({ mime, ...imageSize(saved) });
  }
  return files;
}

function expectSize(file: { width?: number; height?: number }, cell: SizeCell, scale: (n: number) => number): void {
  if (cell.width === null || cell.height === null) {
    // `auto`: the server picks; the file still has to say how big it is.
    assert.ok((file.width ?? 0) > 0 && (file.height ?? 0) > 0);
    return;
  }
  assert.deepEqual({ width: file.width, height: file.height }, { width: scale(cell.width), height: scale(cell.height) });
}

function cellTests(model: ModelSpec): void {
  for (const cell of model.sizes) {
    test(`${cell.ratio} × ${cell.resolution}`, async () => {
      const files = await generateToFiles({ model: model.id, prompt: `test card ${cell.ratio} ${cell.resolution}`, aspectRatio: cell.ratio, resolution: cell.resolution });
      assert.equal(files.length, 1);
      assert.equal(files[0]!.mime, 'image/png');
      expectSize(files[0]!, cell, reduced);
    });
  }
}

for (const model of catalog.models) {
  describe(`${model.id} (${model.protocol}): every size`, () => cellTests(model));
}

describe('full-size 4K, one per protocol', () => {
  const fullSize = async (model: string, ratio: string) => {
    server.setSizeReduction(1);
    try {
      const cell = catalog.sizeOf(catalog.require(model), ratio, '4K')!;
      const [file] = await generateToFiles({ model, prompt: 'full size', aspectRatio: ratio, resolution: '4K' });
      assert.equal(file!.mime, 'image/png');
      expectSize(file!, cell, (n) => n);
    } finally {
      server.setSizeReduction(REDUCTION);
    }
  };

  test('openai-images: nano-banana-2 16:9 at 4K is 5504 × 3072', () => fullSize('nano-banana-2', '16:9'));
  test('gemini-native: gemini-3.1-flash-image-preview 1:8 at 4K is 1536 × 12288', () => fullSize('gemini-3.1-flash-image-preview', '1:8'));
  test('gpt-image-2 16:9 at 4K is 3840 × 2160', () => fullSize('gpt-image-2', '16:9'));
  test('gemini-3-pro-image 21:9 at 4K is 6336 × 2688', () => fullSize('gemini-3-pro-image', '21:9'));
});

describe('options and answer shapes the server checks', () => {
  test('gpt-image-1 JPEG and WebP output come back as those formats, several per request', async () => {
    const jpegs = await generateToFiles({ model: 'gpt-image-1', prompt: 'x', aspectRatio: '3:2', resolution: '1K', count: 2, options: { outputFormat: 'jpeg', outputCompression: 60 } });
    assert.deepEqual(jpegs.map((f) => [f.mime, f.width, f.height]), [
      ['image/jpeg', 96, 64],
      ['image/jpeg', 96, 64],
    ]);
    const [webp] = await generateToFiles({ model: 'gpt-image-1-mini', prompt: 'x', aspectRatio: '2:3', resolution: '1K', options: { outputFormat: 'webp', background: 'transparent' } });
    assert.deepEqual([webp!.mime, webp!.width, webp!.height], ['image/webp', 64, 96]);
  });

  test('URL and base64 variants of the same models', async () => {
    for (const responseFormat of ['url', 'b64_json']) {
      const result = await generateImages(
        catalog,
        { model: 'dall-e-3', prompt: 'x', aspectRatio: '4:7', resolution: '1K', options: { responseFormat, quality: 'hd', style: 'natural' } },
        config(),
      );
      assert.equal(result.images[0]!.source, responseFormat === 'url' ? 'url' : 'base64');
      assert.equal(result.images[0]!.height, reduced(1792));
      const banana = await generateImages(catalog, { model: 'nano-banana-2', prompt: 'x', aspectRatio: '1:1', resolution: '2K', options: { responseFormat } }, config());
      assert.equal(banana.images[0]!.source, responseFormat === 'url' ? 'url' : 'base64');
    }
    const dallE3 = server.requests.filter((r) => (r.body as { model?: string } | undefined)?.model === 'dall-e-3');
    assert.ok(dallE3.every((r) => r.headers['authorization'] === `Bearer ${API_KEY}`));
    const downloads = server.requests.filter((r) => r.method === 'GET');
    assert.ok(downloads.length >= 2);
    assert.ok(downloads.every((r) => r.headers['authorization'] === undefined), 'the key is never sent to an image link');
  });

  test('reference images reach both protocols and are accepted', async () => {
    const reference = (await generateImages(catalog, { model: 'dall-e-2', prompt: 'ref', aspectRatio: '1:1', resolution: '0.25K' }, config())).images[0]!;
    const references = [{ bytes: reference.bytes, mimeType: reference.mimeType, name: 'ref.png' }];
    const fused = await generateImages(catalog, { model: 'nano-banana', prompt: 'merge', aspectRatio: '9:16', resolution: '1K', references: [...references, ...references] }, config());
    assert.equal(fused.images[0]!.width, reduced(768));
    const gemini = await generateImages(
      catalog,
      { model: 'gemini-3.1-flash-image-preview', prompt: 'restyle', aspectRatio: '4:1', resolution: '2K', references, options: { responseModalities: 'image', search: 'webAndImage' } },
      config(),
    );
    assert.equal(gemini.images[0]!.width, reduced(4096));
    const last = server.requests.at(-1)!;
    assert.equal(last.headers['x-goog-api-key'], API_KEY);
  });

  test('Gemini with text and image modalities returns its words beside the image; image-only returns none', async () => {
    const request: GenerationRequest = { model: 'gemini-3.1-flash-image-preview', prompt: 'weather chart', aspectRatio: '16:9', resolution: '0.5K' };
    const both = await generateImages(catalog, request, config());
    assert.equal(both.images.length, 1);
    assert.deepEqual(both.texts, ['Here is an image for: weather chart']);
    const imageOnly = await generateImages(catalog, { ...request, options: { responseModalities: 'image' } }, config());
    assert.deepEqual(imageOnly.texts, []);
  });
});

describe('current names, older names and the second endpoint', () => {
  const lastGeneration = () => server.requests.filter((r) => r.method === 'POST').at(-1)!;

  test('gemini-2.5-flash-image reaches DMXAPI by both endpoints under its one name', async () => {
    await generateImages(catalog, { model: 'gemini-2.5-flash-image:generateContent', prompt: 'x', aspectRatio: '4:5', resolution: '1K' }, config());
    const native = lastGeneration();
    assert.equal(native.path, '/v1beta/models/gemini-2.5-flash-image:generateContent');
    assert.deepEqual((native.body as { generationConfig: unknown }).generationConfig, { imageConfig: { aspectRatio: '4:5' } });
    await generateImages(catalog, { model: 'gemini-2.5-flash-image', prompt: 'x', aspectRatio: '9:16', resolution: '1K' }, config());
    const openai = lastGeneration();
    assert.equal(openai.path, '/v1/images/generations');
    assert.equal((openai.body as { model: string }).model, 'gemini-2.5-flash-image');
  });

  test('the renamed Gemini model is sent under the name asked for: the current one, or the seed’s', async () => {
    for (const model of ['gemini-3.1-flash-image', 'gemini-3.1-flash-image-preview']) {
      await generateImages(catalog, { model, prompt: 'x', aspectRatio: '1:1', resolution: '1K' }, config());
      assert.equal(lastGeneration().path, `/v1beta/models/${model}:generateContent`);
    }
  });

  test('gpt-image-2 and -ssvip: JPEG with compression, several per request; gpt-image-1.5 transparent WebP', async () => {
    for (const model of ['gpt-image-2', 'gpt-image-2-ssvip']) {
      const jpegs = await generateToFiles({ model, prompt: 'x', aspectRatio: '16:9', resolution: '2K', count: 2, options: { outputFormat: 'jpeg', outputCompression: 70, quality: 'low', moderation: 'low' } });
      assert.deepEqual(jpegs.map((f) => [f.mime, f.width, f.height]), [
        ['image/jpeg', reduced(2048), reduced(1152)],
        ['image/jpeg', reduced(2048), reduced(1152)],
      ]);
      assert.equal((lastGeneration().body as { model: string }).model, model);
    }
    const [webp] = await generateToFiles({ model: 'gpt-image-1.5', prompt: 'x', aspectRatio: '3:2', resolution: '1K', options: { outputFormat: 'webp', background: 'transparent' } });
    assert.deepEqual([webp!.mime, webp!.width, webp!.height], ['image/webp', reduced(1536), reduced(1024)]);
  });

  test('Gemini 3 models take references and search as their pages allow', async () => {
    const reference = (await generateImages(catalog, { model: 'dall-e-2', prompt: 'ref', aspectRatio: '1:1', resolution: '0.25K' }, config())).images[0]!;
    const references = [{ bytes: reference.bytes, mimeType: reference.mimeType, name: 'ref.png' }];
    const pro = await generateImages(catalog, { model: 'gemini-3-pro-image', prompt: 'x', aspectRatio: '4:5', resolution: '2K', references, options: { search: 'web' } }, config());
    assert.equal(pro.images[0]!.width, reduced(1856));
    const lite = await generateImages(catalog, { model: 'gemini-3.1-flash-lite-image', prompt: 'x', aspectRatio: '3:4', resolution: '1K', references, options: { responseModalities: 'image' } }, config());
    assert.deepEqual(lite.texts, []);
    const flash = await generateImages(catalog, { model: 'gemini-3.1-flash-image', prompt: 'x', aspectRatio: '1:8', resolution: '4K', options: { search: 'webAndImage' } }, config());
    assert.equal(flash.images[0]!.height, reduced(12288));
  });
});
