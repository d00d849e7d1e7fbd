import { mkdir, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCatalog } from '../src/core/catalog/catalog';
import { implementationById } from './jobs/implementations';
import { API_KEY, type JobContext } from './jobs/job';
import { peakRss, resetPeakRss } from './peakRss';
import { scenarioById } from './scenarios';
import { END_MARK, START_MARK, type ProbeResult } from './sections/memory';

/**
 * One generation in a fresh process, for its memory: `node --expose-gc --trace-gc memoryProbe.js
 * IMPLEMENTATION SCENARIO BASE_URL`. A 1K run first loads and compiles everything; after a full GC the
 * measured run starts, sampled every millisecond between tasks. V8's `--trace-gc` lines between the two
 * markers add the heap size at the start of each collection, which is the peak a sample between tasks misses.
 * The last stdout line is the JSON result.
 */

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const [implementationId, scenarioId, baseUrl] = process.argv.slice(2);
  const implementation = implementationById(implementationId!);
  const scenario = scenarioById(scenarioId!);
  const warmUp = scenarioById(scenarioId!.replace(/\dK$/, '1K'));
  const context: JobContext = { baseUrl: baseUrl!, apiKey: API_KEY, catalog: createCatalog(), outDir: path.join(os.tmpdir(), `dmxapi-bench-memory-${process.pid}`) };

  await mkdir(context.outDir, { recursive: true });
  await implementation.run(warmUp, context);
  await rm(context.outDir, { recursive: true, force: true });
  await mkdir(context.outDir, { recursive: true });
  gc();
  gc();
  resetPeakRss();
  const before = process.memoryUsage();
  const peak = { ...before };
  const sample = (): void => {
    const now = process.memoryUsage();
    for (const key of Object.keys(peak) as Array<keyof NodeJS.MemoryUsage>) {
      peak[key] = Math.max(peak[key], now[key]);
    }
  };
  process.stdout.write(`${START_MARK}\n`);
  const sampler = setInterval(sample, 1);
  const file = await implementation.run(scenario, context);
  sample();
  clearInterval(sampler);
  process.stdout.write(`${END_MARK}\n`);
  const imageBytes = (await stat(file)).size;
  await rm(context.outDir, { recursive: true, force: true });
  gc();
  const result: ProbeResult = { imageBytes, before, peak, after: process.memoryUsage(), peakRssBytes: peakRss() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`memory probe: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
