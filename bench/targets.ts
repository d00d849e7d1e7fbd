import { BEFORE } from './before';
import type { ImplementationId } from './jobs/job';
import type { BenchResults, TargetCheck } from './results';
import { pairedRatio, type Measure, type ScenarioResult } from './sections/latency';
import type { MemoryResult } from './sections/memory';
import { historyMedian } from './sections/history';
import type { ActivationRecord } from './sections/startup';
import { stallMedian } from './sections/stalls';
import { kilobytes, megabytes, ms, ratio, times } from './stats';

/** The targets, each decided from this run's medians. */

const TIME_TARGET = 1.15;
const BATCH_TARGET = 1.3;
const HEAP_TARGET = 3;
const ACTIVATION_TARGET_MS = 50;
const BUNDLE_TARGET_BYTES = 300 * 1024;
const VSIX_TARGET_BYTES = 1024 * 1024;

/** The worst paired ratio of `id` to `against` over the scenarios, with the scenario that gave it. */
function worst(
  scenarios: readonly ScenarioResult[],
  id: ImplementationId,
  against: (s: ScenarioResult) => ImplementationId | undefined,
  measure: Measure = 'total',
): { value: number; where: string } | undefined {
  let found: { value: number; where: string } | undefined;
  for (const scenario of scenarios) {
    const base = against(scenario);
    const value = base && pairedRatio(scenario.cells[id], scenario.cells[base], measure);
    if (value !== undefined && (!found || value > found.value)) {
      found = { value, where: scenario.label };
    }
  }
  return found;
}

/**
 * Time targets are decided on the client's CPU time per job: it is the part of the time the extension can
 * change, and unlike wall time it does not swing with the machine's load (on a shared 2-core machine the same
 * code's wall-time ratio moved between 0.5× and 3× from one run to the next). Wall-time ratios are reported beside it.
 */
function ratioTarget(
  id: string,
  target: string,
  latency: readonly ScenarioResult[],
  against: (s: ScenarioResult) => ImplementationId | undefined,
  limit: number,
): TargetCheck {
  const describe = (id: ImplementationId): { text: string; cpu: number } | undefined => {
    const cpu = worst(latency, id, against, 'cpu');
    const total = worst(latency, id, against);
    return cpu && { cpu: cpu.value, text: `CPU worst ${times(cpu.value)} (${cpu.where}); wall time worst ${times(total?.value)} (${total?.where})` };
  };
  const current = describe('extension');
  return {
    id,
    target,
    measured: current?.text ?? 'not measured',
    ...(current ? { met: current.cpu <= limit } : {}),
  };
}

function floorTarget(latency: readonly ScenarioResult[]): TargetCheck {
  const at4k = latency.filter((scenario) => scenario.resolution === '4K');
  return ratioTarget('floor-4K', `Extension path ≤ ${TIME_TARGET}× the floor at 4K`, at4k, () => 'floor', TIME_TARGET);
}

function sdkTarget(latency: readonly ScenarioResult[]): TargetCheck {
  const sdkOf = (s: ScenarioResult): ImplementationId | undefined =>
    s.cells['openai-sdk']?.runs.length ? 'openai-sdk' : s.cells['genai-sdk']?.runs.length ? 'genai-sdk' : undefined;
  return ratioTarget('sdk', 'Extension path not slower than either SDK (every case)', latency, sdkOf, 1);
}

/** URL answers, case by case: the same work as the floor and the openai SDK (a small JSON answer, one download). */
function urlTarget(latency: readonly ScenarioResult[]): TargetCheck | undefined {
  const cases = latency.filter((scenario) => scenario.delivery === 'url');
  if (cases.length === 0) {
    return undefined;
  }
  const sdkRatios = cases.map((scenario) => pairedRatio(scenario.cells.extension, scenario.cells['openai-sdk'], 'cpu'));
  const each = cases.map((scenario, index) => {
    const floorRatio = pairedRatio(scenario.cells.extension, scenario.cells.floor, 'cpu');
    return `${scenario.resolution} ${times(floorRatio)} the floor, ${times(sdkRatios[index])} the SDK`;
  });
  const measured = sdkRatios.filter((value): value is number => value !== undefined);
  return {
    id: 'url',
    target: 'URL answers not slower than the openai SDK (CPU, each size)',
    measured: each.join('; '),
    ...(measured.length === cases.length ? { met: measured.every((value) => value <= 1) } : {}),
  };
}

function batchTargets(results: BenchResults): TargetCheck[] {
  return (results.batch ?? []).map((batch) => {
    const variant = (id: string) => batch.variants.find((v) => v.id === id);
    const extension = variant('parallel-extension');
    const four = variant('parallel-4');
    return {
      id: `batch-${batch.resolution}`,
      target: `Batch of 4 in ≤ ${BATCH_TARGET}× one image (${batch.resolution}, server delay ${batch.serverDelayMs} ms)`,
      measured: `${times(extension?.ratio)} with the extension's limit; ${times(four?.ratio)} with limit 4`,
      ...(extension?.ratio === undefined ? {} : { met: extension.ratio <= BATCH_TARGET }),
    };
  });
}

function heapTarget(memory: readonly MemoryResult[]): TargetCheck {
  const multiple = (m: MemoryResult): number | undefined => ratio(m.heapGrowth, m.imageBytes);
  const of = (id: ImplementationId) =>
    memory
      .filter((m) => m.implementation === id && multiple(m) !== undefined)
      .map((m) => ({ value: multiple(m)!, where: m.scenario }))
      .sort((a, b) => b.value - a.value)[0];
  const current = of('extension');
  return {
    id: 'heap',
    target: `Heap growth of one 4K generation ≤ ${HEAP_TARGET}× the image`,
    measured: current ? `worst ${times(current.value)} (${current.where})` : 'not measured',
    ...(current ? { met: current.value <= HEAP_TARGET } : {}),
  };
}

const STALL_TARGET_MS = 20;
const HISTORY_WARM_MS = 300;
const HISTORY_COLD_MS = 1000;
const HISTORY_READ_BYTES = 64 * 1024;
const HISTORY_MEMORY_BYTES = 100 * 1024 * 1024;

/** The studio's history over 1,000 4K images: its first page, warm after a reload and cold on first opening. */
function historyTargets(results: BenchResults): TargetCheck[] {
  const cases = results.history?.cases ?? [];
  const of = (id: string) => cases.find((found) => found.id === id);
  const [old, warm, cold, all] = [of('old-warm'), of('reload-warm'), of('first-cold'), of('all-cold')];
  // The old way is measured in this run, on 20 files: 1,000 read whole at once would need 48 GB.
  const before = old
    ? `each file read whole, all at once: ${historyMedian(old, 'filesRead')} files took ${ms(historyMedian(old, 'cpuMs'))} ms CPU (${ms(historyMedian(old, 'ms'))} ms wall), ${kilobytes((historyMedian(old, 'bytesRead') ?? 0) / (historyMedian(old, 'filesRead') || 1))} read per file, ${megabytes(historyMedian(old, 'rssGrowth'))} RSS growth`
    : 'not measured';
  const perFile = (found: typeof cold): number | undefined => {
    const files = historyMedian(found, 'filesRead');
    return files ? (historyMedian(found, 'bytesRead') ?? 0) / files : undefined;
  };
  // Decided on CPU time like the other time targets (wall time swings with the machine's load); wall time beside.
  const warmMs = historyMedian(warm, 'cpuMs');
  const coldMs = historyMedian(cold, 'cpuMs');
  const readMax = Math.max(perFile(cold) ?? 0, perFile(all) ?? 0);
  const memoryMax = Math.max(historyMedian(cold, 'rssGrowth') ?? 0, historyMedian(all, 'rssGrowth') ?? 0);
  return [
    {
      id: 'history-warm',
      target: `History of 1,000 4K images ≤ ${HISTORY_WARM_MS} ms warm (first opening after a reload; CPU time)`,
      before,
      measured: `${ms(warmMs)} ms CPU, ${ms(historyMedian(warm, 'ms'))} ms wall`,
      ...(warmMs === undefined ? {} : { met: warmMs <= HISTORY_WARM_MS }),
    },
    {
      id: 'history-cold',
      target: `History of 1,000 4K images ≤ ${HISTORY_COLD_MS} ms cold (first opening, nothing cached; CPU time)`,
      before,
      measured: `first page ${ms(coldMs)} ms CPU, ${ms(historyMedian(cold, 'ms'))} ms wall; every image ${ms(historyMedian(all, 'cpuMs'))} ms CPU, ${ms(historyMedian(all, 'ms'))} ms wall`,
      ...(coldMs === undefined ? {} : { met: coldMs <= HISTORY_COLD_MS }),
    },
    {
      id: 'history-read',
      target: `History reads ≤ ${kilobytes(HISTORY_READ_BYTES)} per image, memory growth ≤ ${megabytes(HISTORY_MEMORY_BYTES)}`,
      before,
      measured: `${kilobytes(readMax)} per image, ${megabytes(memoryMax)} RSS growth`,
      ...(cold || all ? { met: readMax <= HISTORY_READ_BYTES && memoryMax <= HISTORY_MEMORY_BYTES } : {}),
    },
  ];
}

/** Decided on the main thread's CPU time in its longest stall; the wall-time figure, load included, beside it. */
function stallTargets(results: BenchResults): TargetCheck[] {
  return (results.stalls ?? []).map((found) => {
    const cpu = stallMedian(found, 'cpuMaxMs');
    const range = (field: 'cpuMaxMs' | 'maxMs'): string => {
      const values = found.runs.map((run) => run[field]).filter((value): value is number => value !== undefined);
      return values.length ? `${ms(Math.min(...values))}–${ms(Math.max(...values))}` : '—';
    };
    return {
      id: `stall-${found.id}`,
      target: `Longest event-loop stall ≤ ${STALL_TARGET_MS} ms (main thread CPU time): ${found.label}`,
      measured: `${ms(cpu)} ms CPU (runs ${range('cpuMaxMs')}, p99 ${ms(stallMedian(found, 'cpuP99Ms'))}); wall ${ms(stallMedian(found, 'maxMs'))} ms (runs ${range('maxMs')}, p99 ${ms(stallMedian(found, 'p99Ms'))})`,
      ...(cpu === undefined ? {} : { met: cpu <= STALL_TARGET_MS }),
    };
  });
}

function startupTargets(results: BenchResults): TargetCheck[] {
  const startup = results.startup;
  const activation = startup?.activation?.activationMs;
  const activationCpu = startup?.activation?.activationCpuMs;
  const bundle = startup?.bundleBytes;
  const vsix = startup?.vsixBytes;
  const range = (field: (run: ActivationRecord) => number | null | undefined): string => {
    const values = (startup?.activationRuns ?? []).map(field).filter((value): value is number => value != null);
    return values.length ? `${Math.min(...values)}–${Math.max(...values)}` : '—';
  };
  return [
    {
      id: 'activation',
      target: `Activation ≤ ${ACTIVATION_TARGET_MS} ms (CPU time of the extension host meanwhile)`,
      measured:
        activation == null
          ? (startup?.activationHint ?? 'not measured (already active when the test ran)')
          : `${activationCpu ?? '—'} ms CPU (runs ${range((run) => run.activationCpuMs)}; main thread ${range((run) => run.activationThreadCpuMs)}), ${activation} ms wall (runs ${range((run) => run.activationMs)}), median of ${startup?.activationRuns?.length ?? 1} runs in a host that had finished starting the other extensions`,
      ...(activationCpu == null ? {} : { met: activationCpu <= ACTIVATION_TARGET_MS }),
    },
    {
      id: 'bundle',
      target: `dist/extension.js ≤ ${kilobytes(BUNDLE_TARGET_BYTES)} (production build)`,
      measured: bundle === undefined ? 'not built' : `${kilobytes(bundle)}${startup?.bundleIsProduction === false ? ' (a development build: run without --skip-package)' : ''}`,
      ...(bundle === undefined || startup?.bundleIsProduction === false ? {} : { met: bundle <= BUNDLE_TARGET_BYTES }),
    },
    {
      id: 'vsix',
      target: `.vsix ≤ ${megabytes(VSIX_TARGET_BYTES)}`,
      measured: vsix === undefined ? (startup?.packageError ? 'packaging failed' : 'not packaged') : megabytes(vsix),
      ...(vsix === undefined ? {} : { met: vsix <= VSIX_TARGET_BYTES }),
    },
  ];
}

/** Each target with its figure before the change that addressed it: measured in this run, or recorded. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const latency = results.latency ?? [];
  const url = urlTarget(latency);
  const checks = [
    ...(results.latency ? [floorTarget(latency), sdkTarget(latency)] : []),
    ...(url ? [url] : []),
    ...batchTargets(results),
    ...(results.memory ? [heapTarget(results.memory)] : []),
    ...stallTargets(results),
    ...(results.history ? historyTargets(results) : []),
    ...(results.startup ? startupTargets(results) : []),
  ];
  return checks.map((check) => (check.before !== undefined || BEFORE[check.id] === undefined ? check : { ...check, before: BEFORE[check.id] }));
}
