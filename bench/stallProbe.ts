import { mkdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCatalog } from '../src/core/catalog/catalog';
import { generateImages } from '../src/core/engine';
import { embedMetadata } from '../src/core/metadata/imageMetadata';
import { metadataRecordFor } from '../src/core/metadata/record';
import type { GenerationRequest } from '../src/core/types';
import { engineConfig, saveLikeTheExtension } from './jobs/extension';
import { API_KEY, type JobContext } from './jobs/job';
import { scenarioById } from './scenarios';

/**
 * The longest event-loop stalls while the extension's work runs, in a fresh process: `node stallProbe.js CASE
 * BASE_URL` with CASE `4K` (one 4K image: the engine, the metadata embed, the save) or `4x2K` (four 2K images
 * at once, each the same). perf_hooks.monitorEventLoopDelay samples every millisecond; a stall of the extension
 * host is a stall for every other extension. The last stdout line is the JSON result.
 */

export interface StallProbeResult {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** One image as the extension makes it: generated, the record embedded, saved. */
async function generateEmbedSave(request: GenerationRequest, context: JobContext): Promise<void> {
  const result = await generateImages(context.catalog, request, engineConfig(context));
  const image = result.images[0]!;
  const record = metadataRecordFor({ request, model: request.model, createdAt: new Date(), texts: result.texts });
  const { bytes } = embedMetadata(image.bytes, image.mimeType, record);
  await saveLikeTheExtension(context.outDir, request.prompt, { ...image, bytes });
}

async function main(): Promise<void> {
  const [caseId, baseUrl] = process.argv.slice(2);
  const outDir = path.join(os.tmpdir(), `dmxapi-bench-stalls-${process.pid}`);
  const context: JobContext = { baseUrl: baseUrl!, apiKey: API_KEY, catalog: createCatalog(), outDir };
  await mkdir(outDir, { recursive: true });
  try {
    // Loads and compiles everything first, as an extension host that has generated before.
    await generateEmbedSave(scenarioById('openai-b64-1K').request, context);
    const request = scenarioById(caseId === '4K' ? 'openai-b64-4K' : 'openai-b64-2K').request;
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    await Promise.all(Array.from({ length: caseId === '4K' ? 1 : 4 }, () => generateEmbedSave(request, context)));
    histogram.disable();
    const result: StallProbeResult = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6 };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
