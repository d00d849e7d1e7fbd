import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { FakeDmxApi } from '../../fake-dmxapi/server';
import { started } from './http';
import { parsePng } from './pngReader';

/** The official SDKs, pointed at the fake, must get through: the fake speaks the real wire format. */

let server: FakeDmxApi;
before(async () => {
  server = await started();
});
after(() => server.close());

describe('official SDKs against the fake', () => {
  test('openai images.generate with gpt-image-1', async () => {
    const client = new OpenAI({ apiKey: 'sk-sdk', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a fox', n: 2, size: '1536x1024', quality: 'low' });
    assert.equal(result.data?.length, 2);
    assert.equal(parsePng(Buffer.from(result.data![0]!.b64_json!, 'base64')).width, 96);
    assert.equal(server.requests.at(-1)!.headers['authorization'], 'Bearer sk-sdk');
  });

  test('openai SDK surfaces the 400 of a bad field', async () => {
    const client = new OpenAI({ apiKey: 'sk-sdk', baseURL: `${server.url}/v1`, maxRetries: 0 });
    await assert.rejects(
      client.images.generate({ model: 'dall-e-3', prompt: 'a fox', n: 1, size: '1024x1536' as '1024x1792' }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'size',
    );
  });

  test('@google/genai generateContent with image config and search', async () => {
    const ai = new GoogleGenAI({ apiKey: 'goog-sdk', httpOptions: { baseUrl: server.url } });
    const response = await ai.models.generateContent({
      model: 'gemini-3.1-flash-image-preview',
      contents: 'a weather chart for Shanghai',
      config: {
        responseModalities: ['TEXT', 'IMAGE'],
        imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
        tools: [{ googleSearch: {} }],
      },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    assert.ok(parts.some((p) => typeof p.text === 'string'));
    const image = parts.find((p) => p.inlineData)?.inlineData;
    assert.equal(image?.mimeType, 'image/png');
    const png = parsePng(Buffer.from(image!.data!, 'base64'));
    assert.deepEqual([png.width, png.height], [2752 / 16, 1536 / 16]);
    assert.equal(server.requests.at(-1)!.headers['x-goog-api-key'], 'goog-sdk');
  });
});
