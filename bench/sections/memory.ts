import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { ImplementationId } from '../jobs/job';
import { bundleDir } from '../paths';

/** Memory of one 4K generation per implementation, each in its own process (bench/memoryProbe.ts). */

/** Printed by the probe around the measured run, so only its GC lines count. */
export const START_MARK = 'MEMORY-PROBE-START';
export const END_MARK = 'MEMORY-PROBE-END';

/** The probe's last line of output. */
export interface ProbeResult {
  readonly imageBytes: number;
  readonly before: NodeJS.MemoryUsage;
  readonly peak: NodeJS.MemoryUsage;
  /** After the run and a full GC: what the run left behind. */
  readonly after: NodeJS.MemoryUsage;
  /** The peak resident memory from just before the measured run (`bench/peakRss.ts`), in bytes. */
  readonly peakRssBytes: number;
}

export interface MemoryResult {
  readonly implementation: ImplementationId;
  readonly scenario: string;
  readonly imageBytes?: number;
  /** Growth over the baseline, in bytes: the JS heap (sampled, or V8's size at the start of a GC, whichever is more). */
  readonly heapGrowth?: number;
  /** External memory, which includes every ArrayBuffer and Buffer. */
  readonly externalGrowth?: number;
  readonly arrayBuffersGrowth?: number;
  /** Resident memory: the kernel's high-water mark (or the highest sample) over the baseline. */
  readonly rssGrowth?: number;
  /** Heap still held after the run and a full GC. */
  readonly heapRetained?: number;
  readonly failed?: string;
}

export const MEMORY_CASES: ReadonlyArray<{ implementation: ImplementationId; scenario: string }> = [
  { implementation: 'floor', scenario: 'openai-b64-4K' },
  { implementation: 'extension', scenario: 'openai-b64-4K' },
  { implementation: 'openai-sdk', scenario: 'openai-b64-4K' },
  { implementation: 'extension', scenario: 'gemini-b64-4K' },
  { implementation: 'genai-sdk', scenario: 'gemini-b64-4K' },
];

/** `Scavenge 45.2 (60.1) -> 40.3 (62.1) MB`: the first number is the heap in use when the collection began. */
const GC_LINE = /(?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep)[^\d]*?([\d.]+) \([\d.]+\) -> [\d.]+ \([\d.]+\) MB/;

function heapAtGcStarts(output: string): number[] {
  const start = output.indexOf(START_MARK);
  const end = output.indexOf(END_MARK);
  if (start < 0 || end < 0) {
    return [];
  }
  return output
    .slice(start, end)
    .split('\n')
    .map((line) => GC_LINE.exec(line)?.[1])
    .filter((value): value is string => value !== undefined)
    .map((megabytes) => Number(megabytes) * 1024 * 1024);
}

function probe(implementation: ImplementationId, scenario: string, baseUrl: string): Promise<string> {
  const args = ['--expose-gc', '--trace-gc', path.join(bundleDir, 'memoryProbe.js'), implementation, scenario, baseUrl];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)));
  });
}

export function summarizeProbe(implementation: ImplementationId, scenario: string, output: string): MemoryResult {
  const lines = output.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1]!) as ProbeResult;
  const { before, peak, after } = result;
  const heapPeak = Math.max(peak.heapUsed, ...heapAtGcStarts(output));
  return {
    implementation,
    scenario,
    imageBytes: result.imageBytes,
    heapGrowth: heapPeak - before.heapUsed,
    externalGrowth: peak.external - before.external,
    arrayBuffersGrowth: peak.arrayBuffers - before.arrayBuffers,
    rssGrowth: Math.max(peak.rss, result.peakRssBytes) - before.rss,
    heapRetained: after.heapUsed - before.heapUsed,
  };
}

export async function runMemory(baseUrl: string, log: (line: string) => void): Promise<MemoryResult[]> {
  const results: MemoryResult[] = [];
  for (const { implementation, scenario } of MEMORY_CASES) {
    log(`memory: ${implementation} on ${scenario}`);
    try {
      results.push(summarizeProbe(implementation, scenario, await probe(implementation, scenario, baseUrl)));
    } catch (error) {
      results.push({ implementation, scenario, failed: (error instanceof Error ? error.message : String(error)).slice(0, 300) });
    }
  }
  return results;
}
