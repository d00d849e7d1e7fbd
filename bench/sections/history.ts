import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { HistoryProbeResult } from '../historyProbe';
import { makeAssetsFolder } from '../history/assetsFolder';
import { bundleDir } from '../paths';
import { median } from '../stats';

/**
 * The studio's history over a workspace with a thousand generated 4K images (bench/history/assetsFolder.ts),
 * each case in a fresh process: the way before (each file read whole, all at once) and the extension's way (the
 * heads of the newest files, remembered in an index), with the page cache dropped ("cold") or not ("warm"), and
 * with the index a reload leaves behind or without it.
 */

export const HISTORY_IMAGES = 1000;
/** What the studio shows first; scrolling asks for more (src/panel/assetsHistory.ts). */
export const HISTORY_PAGE = 100;
/** Whole 48 MB reads all at once: more than this many would take the shared machine's memory. */
export const OLD_WAY_FILES = 20;

export interface HistoryCase {
  readonly id: string;
  readonly label: string;
  readonly runs: readonly HistoryProbeResult[];
}

export interface HistoryResult {
  readonly images: number;
  readonly imageBytes: number;
  readonly cases: readonly HistoryCase[];
}

function probe(args: readonly string[]): Promise<HistoryProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(bundleDir, 'historyProbe.js'), ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(stderr || error.message));
        return;
      }
      const lines = stdout.trim().split('\n');
      resolve(JSON.parse(lines[lines.length - 1]!) as HistoryProbeResult);
    });
  });
}

/** Flushes and drops the folder's files from the page cache (posix_fadvise DONTNEED needs no privileges). */
function dropPageCache(folder: string): Promise<void> {
  const script = [
    'import os, sys',
    'd = sys.argv[1]',
    'for n in os.listdir(d):',
    '    fd = os.open(os.path.join(d, n), os.O_RDONLY)',
    '    os.fdatasync(fd)',
    '    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)',
    '    os.close(fd)',
  ].join('\n');
  return new Promise((resolve, reject) => execFile('python3', ['-c', script, folder], (error) => (error ? reject(error) : resolve())));
}

export async function runHistory(workDir: string, runs: number, log: (line: string) => void): Promise<HistoryResult> {
  log(`history: writing ${HISTORY_IMAGES} 4K images`);
  const assets = await makeAssetsFolder(path.join(workDir, 'history'), HISTORY_IMAGES);
  const index = path.join(workDir, 'history', 'assets-history-index.json');
  const cases: HistoryCase[] = [];
  const measure = async (id: string, label: string, prepare: () => Promise<void>, args: readonly string[]): Promise<void> => {
    log(`history: ${label}`);
    const results: HistoryProbeResult[] = [];
    for (let run = 0; run < runs; run++) {
      await prepare();
      results.push(await probe(args));
    }
    cases.push({ id, label, runs: results });
  };
  const noIndex = () => rm(index, { force: true });
  const cold = async () => {
    await noIndex();
    await dropPageCache(assets.folder);
  };
  const page = String(HISTORY_PAGE);
  const all = String(HISTORY_IMAGES);
  try {
    await measure('old-warm', `before: ${OLD_WAY_FILES} files read whole, all at once (warm cache)`, async () => {}, ['old', assets.folder, String(OLD_WAY_FILES)]);
    await measure('first-cold', `first opening, cold cache: newest ${page} of ${all}`, cold, ['new', assets.folder, page, index]);
    await measure('first-warm', `first opening, warm cache: newest ${page} of ${all}`, noIndex, ['new', assets.folder, page, index]);
    await measure('all-cold', `every image (scrolled to the end), cold cache, no index`, cold, ['new', assets.folder, all, index]);
    // The index of the last case holds all 1000 files: what a reload finds.
    await measure('reload-warm', `after a reload (stored index), warm cache: newest ${page}`, async () => {}, ['new', assets.folder, page, index]);
    await measure('reload-all', `after a reload (stored index), warm cache: every image`, async () => {}, ['new', assets.folder, all, index]);
    await measure('again', `opened again in the same window: newest ${page}`, async () => {}, ['again', assets.folder, page, index]);
  } finally {
    await rm(path.join(workDir, 'history'), { recursive: true, force: true });
  }
  return { images: HISTORY_IMAGES, imageBytes: assets.fileBytes / HISTORY_IMAGES, cases };
}

/** The median of one field over a case's runs. */
export const historyMedian = (found: HistoryCase | undefined, field: keyof HistoryProbeResult): number | undefined =>
  found && median(found.runs.map((run) => run[field]));
