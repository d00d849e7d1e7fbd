import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { StallProbeResult } from '../stallProbe';
import { bundleDir } from '../paths';
import { median } from '../stats';

/**
 * Event-loop stalls during the extension's work (bench/stallProbe.ts), each run in a fresh process: one 4K image
 * generated, its record embedded and saved (answered inline and as a URL); four 2K images the same, at once. monitorEventLoopDelay measures wall
 * time, so on a loaded machine a stall includes the time the process waited for a core; the main thread's own CPU
 * time in its longest stall (bench/threadStalls.ts) does not, and decides the target.
 */

export interface StallCase {
  readonly id: string;
  readonly label: string;
  readonly runs: readonly StallProbeResult[];
}

const CASES = [
  { id: '4K', label: 'one 4K image: generate, embed the record, save' },
  { id: '4K-url', label: 'one 4K image answered as a URL: generate, download, embed the record, save' },
  { id: '4x2K', label: 'four 2K images at once, each generated, embedded, saved' },
] as const;

function probe(caseId: string, baseUrl: string): Promise<StallProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(bundleDir, 'stallProbe.js'), caseId, baseUrl], (error, stdout, stderr) => {
      if (error) {
        reject(new Error(stderr || error.message));
        return;
      }
      const lines = stdout.trim().split('\n');
      resolve(JSON.parse(lines[lines.length - 1]!) as StallProbeResult);
    });
  });
}

export async function runStalls(baseUrl: string, runs: number, log: (line: string) => void): Promise<StallCase[]> {
  const results: StallCase[] = [];
  for (const { id, label } of CASES) {
    log(`stalls: ${label}`);
    const found: StallProbeResult[] = [];
    for (let run = 0; run < runs; run++) {
      found.push(await probe(id, baseUrl));
    }
    results.push({ id, label, runs: found });
  }
  return results;
}

export const stallMedian = (found: StallCase, field: keyof StallProbeResult): number | undefined =>
  median(found.runs.map((run) => run[field]).filter((value): value is number => value !== undefined));
