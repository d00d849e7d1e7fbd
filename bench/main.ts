import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createCatalog } from '../src/core/catalog/catalog';
import { startFakeServer, type RunningServer } from './fakeServer';
import { IMPLEMENTATIONS } from './jobs/implementations';
import { pythonStartupMs } from './jobs/python';
import { coreDigest, describeMachine, loadAverage } from './machine';
import { resultsDir } from './paths';
import { markdownReport } from './report';
import type { BenchResults } from './results';
import { latencyScenarios, RESOLUTIONS, type Scenario } from './scenarios';
import { runBatch } from './sections/batch';
import { runHistory } from './sections/history';
import { runLatency } from './sections/latency';
import { runMemory } from './sections/memory';
import { runStartup } from './sections/startup';
import { runStalls } from './sections/stalls';
import { installServerWaitTimer } from './serverWait';
import { median } from './stats';
import { checkTargets } from './targets';

/**
 * `npm run bench`: times the extension's path from request to saved file against a bare `fetch`, the official
 * SDKs and the seed documents' Python scripts, on real-sized incompressible images from the fake DMXAPI, then
 * memory, batches and start-up. Progress goes to stderr; the Markdown tables to stdout; everything to
 * bench/results/latest.json (bench/results/partial.json for --quick or --only).
 *
 *   --quick            one or two runs per case, for trying the benchmark itself
 *   --only a,b         sections: latency, batch, memory, stalls, history, startup
 *   --skip-package     measure the existing dist/ and dist-vsix/ instead of running `npm run package`
 *   --skip-python      leave out the Python scripts
 *   --scenarios a,b    latency cases by id (e.g. openai-url-1K), to look at a few closely
 */

const SECTIONS = ['latency', 'batch', 'memory', 'stalls', 'history', 'startup'] as const;
const BATCH_SERVER_DELAY_MS = 300;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'skip-package': { type: 'boolean', default: false },
    'skip-python': { type: 'boolean', default: false },
    scenarios: { type: 'string' },
  },
});

const repetitions: Readonly<Record<string, number>> = args.quick ? { '1K': 2, '2K': 1, '4K': 1, batch1K: 1, batch2K: 1, history: 1, stalls: 1 } : { '1K': 15, '2K': 10, '4K': 5, batch1K: 7, batch2K: 5, history: 3, stalls: 5 };
const sections = args.only ? args.only.split(',').map((s) => s.trim()) : [...SECTIONS];
for (const section of sections) {
  if (!(SECTIONS as readonly string[]).includes(section)) {
    throw new Error(`unknown section ${section}; one of ${SECTIONS.join(', ')}`);
  }
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function withServer<T>(options: { delayMs?: number }, work: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startFakeServer(options);
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  installServerWaitTimer();
  const results: BenchResults = {
    machine: await describeMachine(),
    startedAt: new Date(started).toISOString(),
    settings: { repetitions, batchServerDelayMs: BATCH_SERVER_DELAY_MS, sections, coreDigest: coreDigest() },
    sectionSeconds: {},
  };
  const timed = async <T>(section: string, work: () => Promise<T>): Promise<T> => {
    const sectionStarted = Date.now();
    try {
      return await work();
    } finally {
      results.sectionSeconds[section] = Math.round((Date.now() - sectionStarted) / 1000);
    }
  };
  const catalog = createCatalog();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'dmxapi-bench-'));
  const implementations = IMPLEMENTATIONS.filter((impl) => !(args['skip-python'] && impl.external));
  try {
    if (sections.includes('latency') || sections.includes('memory') || sections.includes('stalls')) {
      await withServer({}, async (server) => {
        if (sections.includes('latency')) {
          const wanted = args.scenarios?.split(',').map((id) => id.trim());
          const scenarios: Scenario[] = latencyScenarios(RESOLUTIONS).filter((scenario) => !wanted || wanted.includes(scenario.id));
          results.latency = await timed('latency', () =>
            runLatency(scenarios, implementations, { baseUrl: server.url, catalog, workDir, reps: (scenario) => repetitions[scenario.resolution] ?? 1, log }),
          );
          const startup = args['skip-python'] ? undefined : await pythonStartupMs(5);
          results.pythonStartupMs = startup && median(startup);
        }
        if (sections.includes('memory')) {
          results.memory = await timed('memory', () => runMemory(server.url, log));
        }
        if (sections.includes('stalls')) {
          results.stalls = await timed('stalls', () => runStalls(server.url, repetitions['stalls']!, log));
        }
      });
    }
    if (sections.includes('batch')) {
      results.batch = await timed('batch', () =>
        withServer({ delayMs: BATCH_SERVER_DELAY_MS }, async (server) => {
          const settings = { baseUrl: server.url, catalog, workDir, serverDelayMs: BATCH_SERVER_DELAY_MS, log };
          return [await runBatch(settings, '1K', repetitions['batch1K']!), await runBatch(settings, '2K', repetitions['batch2K']!)];
        }),
      );
    }
    if (sections.includes('history')) {
      results.history = await timed('history', () => runHistory(workDir, repetitions['history']!, log));
    }
    if (sections.includes('startup')) {
      results.startup = await timed('startup', () => runStartup({ buildPackage: !args['skip-package'], activationRuns: args.quick ? 1 : 3, log }));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  results.machine.loadAverageAtEnd = loadAverage();
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.targets = checkTargets(results);
  // A partial or quick run never replaces the last full one.
  const file = args.quick || args.only || args.scenarios ? 'partial.json' : 'latest.json';
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, file), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${markdownReport(results)}\n`);
  log(`bench: done in ${results.durationSeconds} s; results in bench/results/${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
