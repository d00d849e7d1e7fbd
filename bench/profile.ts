import { mkdir, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCatalog } from '../src/core/catalog/catalog';
import { startFakeServer } from './fakeServer';
import { implementationById } from './jobs/implementations';
import { API_KEY, type JobContext } from './jobs/job';
import { scenarioById } from './scenarios';

/**
 * Where one implementation spends its time and allocates: `node out/bench-bundle/profile.js IMPLEMENTATION
 * SCENARIO [RUNS]` (built by `npm run bench`, or `node bench/build.mjs`). Runs the job against its own fake
 * server under the CPU profiler and the sampling heap profiler and prints the top functions by self time and
 * the top allocation sites. The server runs in another process, so only the client shows up.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface SamplingNode {
  readonly callFrame: ProfileNode['callFrame'];
  readonly selfSize: number;
  readonly children: readonly SamplingNode[];
}

const where = (frame: ProfileNode['callFrame']): string =>
  `${frame.functionName || '(anonymous)'} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();

function top(totals: Map<string, number>, count: number, unit: (value: number) => string): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, value]) => `  ${unit(value).padStart(10)}  ${name}`);
}

function selfTimes(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = where(byId.get(id)!.callFrame);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

function allocations(root: SamplingNode, totals = new Map<string, number>()): Map<string, number> {
  const name = where(root.callFrame);
  totals.set(name, (totals.get(name) ?? 0) + root.selfSize);
  root.children.forEach((child) => allocations(child, totals));
  return totals;
}

async function main(): Promise<void> {
  const [implementationId = 'extension', scenarioId = 'openai-b64-4K', runsText = '3'] = process.argv.slice(2);
  const implementation = implementationById(implementationId);
  const scenario = scenarioById(scenarioId);
  const server = await startFakeServer();
  const outDir = path.join(os.tmpdir(), `dmxapi-bench-profile-${process.pid}`);
  const context: JobContext = { baseUrl: server.url, apiKey: API_KEY, catalog: createCatalog(), outDir };
  const session = new Session();
  session.connect();
  try {
    await mkdir(outDir, { recursive: true });
    await implementation.run(scenario, context); // warm-up; the server makes the image once
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('HeapProfiler.enable');
    // Collected objects count too: the large strings that matter here are garbage by the time sampling stops.
    await session.post('HeapProfiler.startSampling', { samplingInterval: 64 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await session.post('Profiler.start');
    for (let i = 0; i < Number(runsText); i++) {
      await implementation.run(scenario, context);
    }
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    const { profile: heap } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
    process.stdout.write(`${implementation.label} on ${scenario.label}, ${runsText} runs\n\nSelf time (ms), the server's wait shows as (idle):\n`);
    process.stdout.write(`${top(selfTimes(profile), 15, (v) => v.toFixed(0)).join('\n')}\n\nAllocated (MB, sampled):\n`);
    process.stdout.write(`${top(allocations(heap.head), 10, (v) => (v / 1024 / 1024).toFixed(1)).join('\n')}\n`);
  } finally {
    session.disconnect();
    await rm(outDir, { recursive: true, force: true });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`profile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
