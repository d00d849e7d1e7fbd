import { mkdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCatalog } from '../src/core/catalog/catalog';
import { generateImages } from '../src/core/engine';
import { imageWithMetadataInSlices } from '../src/core/imageWithMetadata';
import type { GenerationRequest } from '../src/core/types';
import { engineConfig, saveLikeTheExtension } from './jobs/extension';
import { API_KEY, type JobContext } from './jobs/job';
import { formatLongTasks, longTasks, type CpuProfile } from './longTasks';
import { scenarioById } from './scenarios';
import { ThreadStallMonitor, type ThreadStalls } from './threadStalls';

/**
 * The longest event-loop stalls while the extension's work runs, in a fresh process: `node stallProbe.js CASE
 * BASE_URL` with CASE `4K` (one 4K image: the engine, the metadata embed, the save), `4K-url` (the same answered as a
 * URL, so the engine downloads it) or `4x2K` (four 2K images at once, each the same). perf_hooks.monitorEventLoopDelay
 * samples every millisecond; a stall of the extension host is a stall for every other extension. The last stdout
 * line is the JSON result.
 *
 * `--long-tasks MS` (after the two arguments) also runs the CPU profiler and prints each synchronous block of at
 * least MS ms with the functions that filled it, to find what a stall is made of; the profiler slows everything
 * down, so the stall figures of such a run are not the benchmark's.
 */

export interface StallProbeResult extends Partial<ThreadStalls> {
  /** monitorEventLoopDelay: wall time, which includes waiting for a core on a busy machine. */
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** Each case: which answer, and how many images at once. */
const CASES: Readonly<Record<string, { readonly scenario: string; readonly images: number }>> = {
  '4K': { scenario: 'openai-b64-4K', images: 1 },
  '4K-url': { scenario: 'openai-url-4K', images: 1 },
  '4x2K': { scenario: 'openai-b64-2K', images: 4 },
};

/** One image as the extension makes it (src/generation/imageGenerator.ts): generated, the record embedded, saved. */
async function generateEmbedSave(request: GenerationRequest, context: JobContext): Promise<void> {
  const result = await generateImages(context.catalog, request, engineConfig(context));
  const facts = { request, model: result.model, texts: result.texts, createdAt: Date.now(), apiKey: context.apiKey };
  const ready = await imageWithMetadataInSlices(result.images[0]!, facts);
  await saveLikeTheExtension(context.outDir, request.prompt, ready.image);
}

/** The CPU-time measure where Linux offers it; elsewhere only the wall-time one. */
function newThreadMonitor(): ThreadStallMonitor | undefined {
  try {
    return new ThreadStallMonitor();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const [caseId, baseUrl, flag, thresholdText] = process.argv.slice(2);
  const probed = CASES[caseId ?? ''];
  if (!probed) {
    throw new Error(`unknown case ${caseId}: one of ${Object.keys(CASES).join(', ')}`);
  }
  const session = flag === '--long-tasks' ? new Session() : undefined;
  const outDir = path.join(os.tmpdir(), `dmxapi-bench-stalls-${process.pid}`);
  const context: JobContext = { baseUrl: baseUrl!, apiKey: API_KEY, catalog: createCatalog(), outDir };
  await mkdir(outDir, { recursive: true });
  try {
    // Loads and compiles everything first, as an extension host that has generated before.
    await generateEmbedSave(scenarioById('openai-b64-1K').request, context);
    const request = scenarioById(probed.scenario).request;
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
    }
    const threadMonitor = newThreadMonitor();
    threadMonitor?.start();
    histogram.enable();
    await Promise.all(Array.from({ length: probed.images }, () => generateEmbedSave(request, context)));
    histogram.disable();
    const threadStalls = threadMonitor?.stop();
    if (session) {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
      session.disconnect();
      process.stdout.write(`Synchronous blocks of ${thresholdText ?? 10} ms or more (self time by function):\n`);
      process.stdout.write(`${formatLongTasks(longTasks(profile, Number(thresholdText ?? 10)))}\n`);
    }
    const result: StallProbeResult = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6, ...threadStalls };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
