import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssetsIndex } from '../src/core/history/assetsIndex';
import { isImageFileName, listLocalImages, LOCAL_HEAD_READS_AT_ONCE, readLocalHead } from '../src/core/history/localImageFiles';
import { readMetadata } from '../src/core/metadata/imageMetadata';
import { peakRss, resetPeakRss } from './peakRss';

/**
 * One opening of the studio's history over an assets folder, in a fresh process, for its time and memory:
 *   node historyProbe.js new FOLDER LIMIT INDEX_FILE   the extension's way (src/core/history), restoring the index
 *                                                     from INDEX_FILE when it exists and writing it back after
 *   node historyProbe.js again FOLDER LIMIT INDEX_FILE the same, timing a second opening in the same process
 *                                                     (the studio opened again in the same window)
 *   node historyProbe.js old FOLDER LIMIT              the way before it: the first LIMIT files in directory order,
 *                                                     all at once, each read whole
 * The last stdout line is the JSON result.
 */

export interface HistoryProbeResult {
  readonly ms: number;
  readonly cpuMs: number;
  readonly files: number;
  readonly filesRead: number;
  readonly bytesRead: number;
  readonly records: number;
  /** RSS high-water mark minus RSS before the work began. */
  readonly rssGrowth: number;
}

const SCAN_MAX_BYTES = 64 * 1024 * 1024;

async function oldWay(folder: string, limit: number) {
  const names = (await readdir(folder)).filter(isImageFileName).slice(0, limit);
  let bytesRead = 0;
  const found = await Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      const info = await stat(file);
      if (info.size > SCAN_MAX_BYTES) return undefined;
      const bytes = await readFile(file);
      bytesRead += bytes.length;
      return readMetadata(bytes);
    }),
  );
  return { files: names.length, filesRead: names.length, bytesRead, records: found.filter(Boolean).length };
}

function newIndex(): AssetsIndex {
  return new AssetsIndex({
    concurrency: LOCAL_HEAD_READS_AT_ONCE,
    list: async (dir) => (await listLocalImages(dir)).map(({ name, size, mtime }) => ({ key: pathToFileURL(path.join(dir, name)).href, size, mtime })),
    readRecord: (file) => readLocalHead(new URL(file.key).pathname, file.size),
  });
}

async function restoreIndex(index: AssetsIndex, indexFile: string): Promise<void> {
  const stored = await readFile(indexFile, 'utf8').catch(() => undefined);
  if (stored !== undefined) {
    index.restore(JSON.parse(stored));
  }
}

/** One opening: the page, and the index as the extension would store it. */
async function openHistory(index: AssetsIndex, folder: string, limit: number) {
  const page = await index.page([folder], limit);
  const text = index.needsSave ? JSON.stringify(index.toJSON()) : undefined;
  return { page, text };
}

async function main(): Promise<void> {
  const [mode, folder, limitText, indexFile] = process.argv.slice(2);
  const limit = Number(limitText);
  let result: Omit<HistoryProbeResult, 'ms' | 'cpuMs' | 'rssGrowth'>;
  let save: (() => Promise<void>) | undefined;
  const index = newIndex();
  if (mode === 'again') {
    await restoreIndex(index, indexFile!);
    await openHistory(index, folder!, limit);
  }
  resetPeakRss();
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (mode === 'old') {
    result = await oldWay(folder!, limit);
  } else {
    if (mode === 'new') {
      await restoreIndex(index, indexFile!);
    }
    const { page, text } = await openHistory(index, folder!, limit);
    result = { files: limit, filesRead: page.filesRead, bytesRead: page.bytesRead, records: page.records.length };
    save = text === undefined ? undefined : () => writeFile(indexFile!, text);
  }
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const rssGrowth = peakRss() - rssBefore;
  await save?.();
  const output: HistoryProbeResult = { ...result, ms, cpuMs: (user + system) / 1000, rssGrowth };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
