import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Scenario } from '../scenarios';
import type { Implementation, JobContext } from './job';
import { wireRequestOf } from './wire';

/**
 * The least any client can do in this process: one bare `fetch`, `response.json()`, one base64 decode (or one
 * download of the URL), one file write. No validation, no error handling, no retries.
 */

interface OpenAiAnswer {
  readonly data: ReadonlyArray<{ readonly b64_json?: string; readonly url?: string }>;
}

interface GeminiAnswer {
  readonly candidates: ReadonlyArray<{ readonly content: { readonly parts: ReadonlyArray<{ readonly inlineData?: { readonly data: string } }> } }>;
}

async function imageBytes(scenario: Scenario, answer: unknown): Promise<Uint8Array> {
  if (scenario.protocol === 'gemini-native') {
    const parts = (answer as GeminiAnswer).candidates[0]!.content.parts;
    return Buffer.from(parts.find((part) => part.inlineData)!.inlineData!.data, 'base64');
  }
  const item = (answer as OpenAiAnswer).data[0]!;
  if (scenario.delivery === 'b64') {
    return Buffer.from(item.b64_json!, 'base64');
  }
  return new Uint8Array(await (await fetch(item.url!)).arrayBuffer());
}

export const floor: Implementation = {
  id: 'floor',
  label: 'Floor (bare fetch)',
  unavailable: () => Promise.resolve(undefined),
  async run(scenario: Scenario, context: JobContext): Promise<string> {
    const wire = wireRequestOf(scenario, context.catalog, context.baseUrl, context.apiKey);
    const response = await fetch(wire.url, { method: 'POST', headers: wire.headers, body: wire.body });
    const bytes = await imageBytes(scenario, await response.json());
    const file = path.join(context.outDir, 'floor.png');
    await writeFile(file, bytes);
    return file;
  },
};
