import { mkdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalog';
import { API_KEY, type Implementation, type ImplementationId, type JobContext } from '../jobs/job';
import type { Scenario } from '../scenarios';
import { takeServerWaitMs } from '../serverWait';
import { median } from '../stats';

/**
 * Times every implementation on every scenario. Each gets one untimed warm-up (which also has the fake server
 * build that pixel size's image), then `reps` timed runs; the order of implementations rotates from one
 * repetition to the next, and a full GC runs before each, so no run pays for the garbage of the one before.
 */

export interface RunSample {
  /** Which repetition: runs of one repetition ran back to back, so they are compared pairwise. */
  readonly rep: number;
  readonly totalMs: number;
  /** Waiting for the server's headers; undefined for subprocesses. */
  readonly serverWaitMs?: number;
  /**
   * CPU time of this process during the run (all its threads, GC included); undefined for subprocesses. The
   * server is another process, so this is the client's work alone, and a busy machine does not inflate it.
   */
  readonly cpuMs?: number;
}

export interface Cell {
  readonly runs: RunSample[];
  medianMs?: number;
  /** Median of total minus server wait: the client's own share. */
  medianClientMs?: number;
  medianCpuMs?: number;
  skipped?: string;
  /** The last error; with `failedRuns` unset, the warm-up failed and nothing was timed. */
  failed?: string;
  failedRuns?: number;
}

export interface ScenarioResult {
  readonly id: string;
  readonly label: string;
  readonly protocol: string;
  readonly delivery: string;
  readonly resolution: string;
  readonly reps: number;
  imageBytes?: number;
  readonly cells: Partial<Record<ImplementationId, Cell>>;
}

export interface LatencySettings {
  readonly baseUrl: string;
  readonly catalog: Catalog;
  readonly workDir: string;
  readonly reps: (scenario: Scenario) => number;
  readonly log: (line: string) => void;
}

/** Subprocesses cost seconds each and vary mostly with interpreter start-up: fewer runs tell as much. */
const MAX_EXTERNAL_REPS = 3;

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

async function timedRun(implementation: Implementation, scenario: Scenario, context: JobContext, rep: number): Promise<{ sample: RunSample; bytes: number }> {
  await mkdir(context.outDir, { recursive: true });
  collectGarbage();
  takeServerWaitMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const file = await implementation.run(scenario, context);
  const totalMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const serverWaitMs = takeServerWaitMs();
  const { size } = await stat(file);
  await rm(context.outDir, { recursive: true, force: true });
  return { sample: implementation.external ? { rep, totalMs } : { rep, totalMs, serverWaitMs, cpuMs: (user + system) / 1000 }, bytes: size };
}

/** What a table shows of a run: its whole time, the client's share of it, or the client's CPU time. */
export type Measure = 'total' | 'client' | 'cpu';

function valueOf(run: RunSample, measure: Measure): number | undefined {
  if (measure === 'total') {
    return run.totalMs;
  }
  if (measure === 'cpu') {
    return run.cpuMs;
  }
  return run.serverWaitMs === undefined ? undefined : run.totalMs - run.serverWaitMs;
}

export function medianOf(cell: Cell | undefined, measure: Measure): number | undefined {
  return median((cell?.runs ?? []).map((run) => valueOf(run, measure)).filter((value): value is number => value !== undefined));
}

function summarize(cell: Cell): void {
  cell.medianMs = medianOf(cell, 'total');
  cell.medianClientMs = medianOf(cell, 'client');
  cell.medianCpuMs = medianOf(cell, 'cpu');
}

/**
 * The median of `cell`'s runs divided by `base`'s run of the same repetition. The machine's load drifts over a
 * benchmark; runs made back to back share it, so their ratio is steadier than a ratio of two medians.
 */
export function pairedRatio(cell: Cell | undefined, base: Cell | undefined, measure: Measure = 'total'): number | undefined {
  const ratios: number[] = [];
  for (const run of cell?.runs ?? []) {
    const other = base?.runs.find((candidate) => candidate.rep === run.rep);
    const [a, b] = [valueOf(run, measure), other && valueOf(other, measure)];
    if (a !== undefined && b !== undefined && b > 0) {
      ratios.push(a / b);
    }
  }
  return median(ratios);
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);

type ContextFor = (implementation: Implementation, run: string) => JobContext;

/**
 * Leaves out what cannot run here (with the reason) and warms up the rest once, untimed; an implementation
 * whose warm-up fails, or saves other bytes than the first one did, is left out with its error.
 */
async function warmUp(scenario: Scenario, implementations: readonly Implementation[], result: ScenarioResult, contextFor: ContextFor, log: (line: string) => void): Promise<Implementation[]> {
  const ready: Implementation[] = [];
  for (const implementation of implementations) {
    const cell: Cell = { runs: [] };
    result.cells[implementation.id] = cell;
    const reason = await implementation.unavailable(scenario);
    if (reason) {
      cell.skipped = reason;
      continue;
    }
    try {
      const { bytes } = await timedRun(implementation, scenario, contextFor(implementation, 'warm-up'), -1);
      result.imageBytes ??= bytes;
      if (bytes !== result.imageBytes) {
        throw new Error(`saved ${bytes} bytes, the floor saved ${result.imageBytes}`);
      }
      ready.push(implementation);
    } catch (error) {
      cell.failed = message(error);
      log(`  ${implementation.id}: failed: ${cell.failed}`);
    }
  }
  return ready;
}

/** One timed run of each implementation per round, starting one further along the list each round. */
async function timeRounds(scenario: Scenario, ready: readonly Implementation[], result: ScenarioResult, contextFor: ContextFor, log: (line: string) => void): Promise<void> {
  for (let rep = 0; rep < result.reps; rep++) {
    const due = ready.filter((implementation) => !implementation.external || rep < MAX_EXTERNAL_REPS);
    const order = [...due.slice(rep % due.length), ...due.slice(0, rep % due.length)];
    for (const implementation of order) {
      const cell = result.cells[implementation.id]!;
      try {
        cell.runs.push((await timedRun(implementation, scenario, contextFor(implementation, String(rep)), rep)).sample);
      } catch (error) {
        cell.failedRuns = (cell.failedRuns ?? 0) + 1;
        cell.failed = message(error);
        log(`  ${implementation.id}: run ${rep + 1} failed: ${cell.failed}`);
      }
    }
  }
}

async function runScenario(scenario: Scenario, implementations: readonly Implementation[], settings: LatencySettings): Promise<ScenarioResult> {
  const { id, label, protocol, delivery, resolution } = scenario;
  const result: ScenarioResult = { id, label, protocol, delivery, resolution, reps: settings.reps(scenario), cells: {} };
  const contextFor: ContextFor = (implementation, run) => ({
    baseUrl: settings.baseUrl,
    apiKey: API_KEY,
    catalog: settings.catalog,
    outDir: path.join(settings.workDir, scenario.id, `${implementation.id}-${run}`),
  });
  const ready = await warmUp(scenario, implementations, result, contextFor, settings.log);
  await timeRounds(scenario, ready, result, contextFor, settings.log);
  for (const cell of Object.values(result.cells)) {
    summarize(cell);
  }
  return result;
}

export async function runLatency(scenarios: readonly Scenario[], implementations: readonly Implementation[], settings: LatencySettings): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    settings.log(`latency: ${scenario.label} ×${settings.reps(scenario)}`);
    const result = await runScenario(scenario, implementations, settings);
    const floor = result.cells.floor?.medianMs;
    const extension = result.cells.extension?.medianMs;
    settings.log(`  floor ${Math.round(floor ?? NaN)} ms, extension ${Math.round(extension ?? NaN)} ms`);
    results.push(result);
  }
  return results;
}
