import type { ImplementationId } from './jobs/implementations';
import { IMPLEMENTATIONS } from './jobs/implementations';
import { machineLine } from './machine';
import type { BenchResults } from './results';
import { NOT_APPLICABLE } from './scenarios';
import { historyMedian } from './sections/history';
import { stallMedian } from './sections/stalls';
import { medianOf, pairedRatio, type Cell, type Measure, type ScenarioResult } from './sections/latency';
import { kilobytes, megabytes, ms, ratio, times } from './stats';

/** The results as Markdown tables, for the terminal and for quoting in the README. */

const SHORT_LABELS: Readonly<Record<ImplementationId, string>> = {
  floor: 'Floor',
  extension: 'Extension',
  'openai-sdk': 'openai SDK',
  'genai-sdk': '@google/genai SDK',
  'python-requests': 'Python seed (requests)',
  'python-genai': 'Python seed (google-genai)',
};

const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

function cellText(cell: Cell | undefined, floor: Cell | undefined, measure: Measure): string {
  if (!cell || cell.skipped) {
    return '—';
  }
  const value = medianOf(cell, measure);
  if (value === undefined) {
    return 'failed';
  }
  return cell === floor ? ms(value) : `${ms(value)} (${times(pairedRatio(cell, floor, measure))})`;
}

function columnsIn(latency: readonly ScenarioResult[], measure: Measure): ImplementationId[] {
  return IMPLEMENTATIONS.filter((impl) => !(measure !== 'total' && impl.external))
    .map((impl) => impl.id)
    .filter((id) => latency.some((scenario) => scenario.cells[id] && !scenario.cells[id]!.skipped));
}

function latencyTable(latency: readonly ScenarioResult[], measure: Measure): string {
  const columns = columnsIn(latency, measure);
  const rows = latency.map((scenario) => [
    scenario.label,
    megabytes(scenario.imageBytes),
    String(scenario.reps),
    ...columns.map((id) => cellText(scenario.cells[id], scenario.cells.floor, measure)),
  ]);
  return table(['Case', 'Image', 'Runs', ...columns.map((id) => SHORT_LABELS[id])], rows);
}

function latencyNotes(results: BenchResults): string[] {
  const notes = new Set<string>();
  for (const scenario of results.latency ?? []) {
    for (const [id, cell] of Object.entries(scenario.cells) as Array<[ImplementationId, Cell]>) {
      if (cell.skipped && cell.skipped !== 'another protocol') {
        notes.add(`${SHORT_LABELS[id]} not run on ${scenario.protocol} · ${scenario.delivery}: ${cell.skipped}.`);
      }
      if (cell.failed) {
        notes.add(`${SHORT_LABELS[id]} on ${scenario.label}: ${cell.failedRuns ? `${cell.failedRuns} run(s) failed` : 'failed'}: ${cell.failed}`);
      }
    }
  }
  for (const { label, note } of NOT_APPLICABLE) {
    notes.add(`${label}: not applicable, ${note}.`);
  }
  if (results.pythonStartupMs !== undefined) {
    notes.add(
      `Python numbers are whole processes, at most 3 runs per case: \`python3\` starting and importing \`requests\` alone takes ${ms(results.pythonStartupMs)} ms here.`,
    );
  }
  return [...notes].map((note) => `- ${note}`);
}

function batchSection(results: BenchResults): string[] {
  const batches = results.batch ?? [];
  if (batches.length === 0) {
    return [];
  }
  const rows = batches[0]!.variants.map((variant, i) => [
    variant.label,
    ...batches.map((batch) => `${ms(batch.variants[i]!.medianMs)} (${times(batch.variants[i]!.ratio)})`),
  ]);
  return [
    `### Batch: 4 images from nano-banana-2 (n=1 per request), server delay ${batches[0]!.serverDelayMs} ms per request`,
    '',
    'Median ms from the first request to the last file saved; in brackets the median ratio to one image alone in the same repetition.',
    '',
    table(['Variant', ...batches.map((batch) => `${batch.resolution} (${batch.reps} runs)`)], rows),
  ];
}

function memorySection(results: BenchResults): string[] {
  const memory = results.memory ?? [];
  if (memory.length === 0) {
    return [];
  }
  const multiple = (value: number | undefined, image: number | undefined): string => `${megabytes(value)} (${times(ratio(value, image))})`;
  const rows = memory.map((m) =>
    m.failed
      ? [SHORT_LABELS[m.implementation], m.scenario, 'failed', m.failed.split('\n')[0]!, '', '', '']
      : [
          SHORT_LABELS[m.implementation],
          m.scenario,
          megabytes(m.imageBytes),
          multiple(m.heapGrowth, m.imageBytes),
          multiple(m.externalGrowth, m.imageBytes),
          multiple(m.rssGrowth, m.imageBytes),
          megabytes(m.heapRetained),
        ],
  );
  return [
    '### Memory of one 4K generation (fresh process each; growth over the baseline and as a multiple of the image)',
    '',
    table(['Implementation', 'Case', 'Image', 'Peak heapUsed growth', 'Peak external growth (incl. ArrayBuffers)', 'Peak RSS growth', 'Heap kept after GC'], rows),
  ];
}

function stallsSection(results: BenchResults): string[] {
  const stalls = results.stalls ?? [];
  if (stalls.length === 0) {
    return [];
  }
  const each = (found: (typeof stalls)[number], field: 'maxMs' | 'cpuMaxMs'): string => found.runs.map((run) => ms(run[field])).join(', ');
  const rows = stalls.map((found) => [
    found.label,
    String(found.runs.length),
    ms(stallMedian(found, 'cpuMaxMs')),
    ms(stallMedian(found, 'cpuP99Ms')),
    each(found, 'cpuMaxMs'),
    ms(stallMedian(found, 'maxMs')),
    ms(stallMedian(found, 'p99Ms')),
    each(found, 'maxMs'),
  ]);
  return [
    '### Event-loop stalls (medians over fresh processes, 1 ms ticks)',
    '',
    "CPU: the main thread's own CPU time within one stall (Linux per-thread scheduler statistics), which waiting for a core does not inflate; it decides the target. Wall: `monitorEventLoopDelay`, which on a busy machine is mostly that wait.",
    '',
    table(['Case', 'Runs', 'Longest, CPU ms', 'p99, CPU ms', 'Longest of each run, CPU', 'Longest, wall ms', 'p99, wall ms', 'Longest of each run, wall'], rows),
  ];
}

function historySection(results: BenchResults): string[] {
  const history = results.history;
  if (!history) {
    return [];
  }
  const rows = history.cases.map((found) => {
    const at = (field: Parameters<typeof historyMedian>[1]) => historyMedian(found, field);
    const filesRead = at('filesRead');
    return [
      found.label,
      String(found.runs.length),
      ms(at('ms')),
      ms(at('cpuMs')),
      `${filesRead ?? '—'}`,
      filesRead ? kilobytes((at('bytesRead') ?? 0) / filesRead) : '—',
      megabytes(at('rssGrowth')),
      `${at('records') ?? '—'}`,
    ];
  });
  return [
    `### History: ${history.images} generated 4K images (${megabytes(history.imageBytes)} each) in the assets folder (medians, fresh process each run)`,
    '',
    table(['Case', 'Runs', 'Wall ms', 'CPU ms', 'Files read', 'Read per file', 'RSS growth', 'Records'], rows),
  ];
}

function startupSection(results: BenchResults): string[] {
  const startup = results.startup;
  if (!startup) {
    return [];
  }
  const activation = startup.activation;
  const activationText = activation
    ? activation.activationMs === null
      ? 'not measured: the extension was already active when the test ran'
      : `${activation.activationMs} ms${activation.activationCpuMs == null ? '' : ` (${activation.activationCpuMs} ms of CPU)`}, the run of median CPU time of ${startup.activationRuns?.length ?? 1} (CPU ms of each: ${(startup.activationRuns ?? []).map((run) => run.activationCpuMs ?? '—').join(', ')}; main thread CPU ms: ${(startup.activationRuns ?? []).map((run) => run.activationThreadCpuMs ?? '—').join(', ')}; wall ms: ${(startup.activationRuns ?? []).map((run) => run.activationMs ?? '—').join(', ')}; host busy before: ${(startup.activationRuns ?? []).map((run) => (run.hostUtilizationBefore === undefined ? '—' : `${(run.hostUtilizationBefore * 100).toFixed(1)}%`)).join(', ')}); VS Code ${activation.vscodeVersion}, ${activation.mainMinified ? 'production' : 'development'} bundle`
    : startup.activationHint!;
  const rows = [
    ['Activation (`activate()` in the extension host)', activationText],
    ['dist/extension.js', startup.bundleBytes === undefined ? 'missing' : `${kilobytes(startup.bundleBytes)} (${startup.bundleIsProduction ? 'production' : 'development'} build)`],
    ['dist/features.js (loaded on first use)', startup.featuresBytes === undefined ? 'missing' : kilobytes(startup.featuresBytes)],
    ['.vsix', startup.vsixBytes === undefined ? (startup.packageError ? `packaging failed: ${startup.packageError.split('\n')[0]}` : 'missing') : megabytes(startup.vsixBytes)],
  ];
  for (const { bundle, totalBytes, parts } of startup.composition ?? []) {
    const largest = parts.slice(0, 4).map((part) => `${part.name} ${kilobytes(part.bytes)}`);
    rows.push([`${bundle}, production, by part`, `${kilobytes(totalBytes)}: ${largest.join(', ')}`]);
  }
  return ['### Start-up and size', '', table(['What', 'Measured'], rows)];
}

function targetsSection(results: BenchResults): string[] {
  const targets = results.targets ?? [];
  if (targets.length === 0) {
    return [];
  }
  const status = (met: boolean | undefined): string => (met === undefined ? 'not measured' : met ? 'met' : 'missed');
  const rows = targets.map((t) => [t.target, t.before ?? '—', t.measured, status(t.met)]);
  return ['### Targets', '', 'Before: the figure before the change that addressed the target (bench/before.ts says where each comes from; the history\'s is measured in this run). Now: this run.', '', table(['Target', 'Before', 'Now', 'Status'], rows)];
}

export function markdownReport(results: BenchResults): string {
  const parts: string[] = [
    `## DMXAPI Image Studio benchmark`,
    '',
    `Machine: ${machineLine(results.machine)}.`,
    `Run: ${results.startedAt}, ${results.durationSeconds ?? '?'} s (${Object.entries(results.sectionSeconds)
      .map(([section, seconds]) => `${section} ${seconds} s`)
      .join(', ')}); runs per case: ${Object.entries(results.settings.repetitions)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}; src/core digest ${results.settings.coreDigest}.`,
    '',
  ];
  if (results.latency) {
    parts.push(
      '### Time from request to file saved (median ms; in brackets the median ratio to the floor run of the same repetition)',
      '',
      latencyTable(results.latency, 'total'),
      '',
      "### The client's share: the same, less the wait for the server's first byte (median ms; median ratio to the floor's share)",
      '',
      latencyTable(results.latency, 'client'),
      '',
      "### The client's CPU time per job, all threads, GC included (median ms; median ratio to the floor's); the server is another process",
      '',
      latencyTable(results.latency, 'cpu'),
      '',
      ...latencyNotes(results),
      '',
    );
  }
  for (const section of [batchSection(results), memorySection(results), stallsSection(results), historySection(results), startupSection(results), targetsSection(results)]) {
    if (section.length > 0) {
      parts.push(...section, '');
    }
  }
  return parts.join('\n');
}
