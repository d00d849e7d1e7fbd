import { GoogleGenAI } from '@google/genai';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import OpenAI from 'openai';
import type { ImageGenerateParamsNonStreaming } from 'openai/resources/images';
import type { Scenario } from '../scenarios';
import type { Implementation, JobContext } from './job';
import { wireBodyOf } from './wire';

/**
 * The official SDKs doing the same job, as their documentation shows it: one client per base URL, the
 * generation call, `Buffer.from(base64)` (or a `fetch` of the URL, which the SDKs leave to the caller), one
 * write. Clients are made before timing starts, as an application would keep one.
 */

const openAiClients = new Map<string, OpenAI>();
const genAiClients = new Map<string, GoogleGenAI>();

function openAiClient(context: JobContext): OpenAI {
  let client = openAiClients.get(context.baseUrl);
  if (!client) {
    client = new OpenAI({ apiKey: context.apiKey, baseURL: `${context.baseUrl}/v1`, maxRetries: 0, timeout: 300_000 });
    openAiClients.set(context.baseUrl, client);
  }
  return client;
}

function genAiClient(context: JobContext): GoogleGenAI {
  let client = genAiClients.get(context.baseUrl);
  if (!client) {
    client = new GoogleGenAI({ apiKey: context.apiKey, httpOptions: { baseUrl: context.baseUrl } });
    genAiClients.set(context.baseUrl, client);
  }
  return client;
}

async function save(context: JobContext, name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(context.outDir, name);
  await writeFile(file, bytes);
  return file;
}

export const openAiSdk: Implementation = {
  id: 'openai-sdk',
  label: 'openai SDK',
  unavailable: (scenario) => Promise.resolve(scenario.sdk === 'openai' ? undefined : 'another protocol'),
  async run(scenario: Scenario, context: JobContext): Promise<string> {
    // The extension's own body: nano-banana-2's `aspect_ratio` and `size: "4K"` are not in the SDK's types.
    const body = wireBodyOf(scenario, context.catalog, context.baseUrl, context.apiKey) as unknown as ImageGenerateParamsNonStreaming;
    const answer = await openAiClient(context).images.generate(body);
    const item = answer.data![0]!;
    const bytes = item.b64_json ? Buffer.from(item.b64_json, 'base64') : new Uint8Array(await (await fetch(item.url!)).arrayBuffer());
    return save(context, 'openai-sdk.png', bytes);
  },
};

export const genAiSdk: Implementation = {
  id: 'genai-sdk',
  label: '@google/genai SDK',
  unavailable: (scenario) => Promise.resolve(scenario.sdk === 'genai' ? undefined : 'another protocol'),
  async run(scenario: Scenario, context: JobContext): Promise<string> {
    const answer = await genAiClient(context).models.generateContent({
      model: scenario.request.model,
      contents: scenario.request.prompt,
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: scenario.request.aspectRatio, imageSize: scenario.request.resolution } },
    });
    const data = answer.candidates?.[0]?.content?.parts?.find((part) => part.inlineData?.data)?.inlineData?.data;
    if (!data) {
      throw new Error('the answer holds no image');
    }
    return save(context, 'genai-sdk.png', Buffer.from(data, 'base64'));
  },
};
