import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCatalog } from '../src/core/catalog/catalog';
import { generateImages } from '../src/core/engine';
import { sendWithRetries } from '../src/core/http/httpClient';
import { startFakeServer } from './fakeServer';
import { engineConfig, extension, saveLikeTheExtension } from './jobs/extension';
import { floor } from './jobs/floor';
import { API_KEY, type JobContext } from './jobs/job';
import { wireRequestOf } from './jobs/wire';
import { scenarioById } from './scenarios';
import { median } from './stats';

/**
 * Where the CPU time of a URL answer goes, part by part: `node --expose-gc out/bench-bundle/urlParts.js [RUNS] [SCENARIO]`
 * (built by `node bench/build.mjs`). Each part runs on its own after a full GC, in rotating order, against the
 * fake DMXAPI (`openai-url-1K` unless another URL scenario is named): the POST and the download bare and through the engine, the write bare and as the extension
 * saves, the whole jobs, and the jobs split into their download and their write within one run. Process CPU
 * time, all threads: V8's helper threads collecting the download's garbage are billed to what runs meanwhile.
 */

async function main(): Promise<void> {
  const server = await startFakeServer();
  const outDir = path.join(os.tmpdir(), `dmxapi-bench-urlparts-${process.pid}`);
  await mkdir(outDir, { recursive: true });
  const context: JobContext = { baseUrl: server.url, apiKey: API_KEY, catalog: createCatalog(), outDir };
  const scenario = scenarioById(process.argv[3] ?? 'openai-url-1K');
  const wire = wireRequestOf(scenario, context.catalog, context.baseUrl, context.apiKey);
  const first = (await (await fetch(wire.url, { method: 'POST', headers: wire.headers, body: wire.body })).json()) as { data: { url: string }[] };
  let imageUrl = first.data[0]!.url;
  const bytes = new Uint8Array(await (await fetch(imageUrl)).arrayBuffer());
  const http = { timeoutMs: 300000, maxRetries: 2, secret: API_KEY };
  const cpu: Record<string, number[]> = {};
  const parts: Record<string, () => Promise<unknown>> = {
    'post json (bare)': async () => {
      const answer = (await (await fetch(wire.url, { method: 'POST', headers: wire.headers, body: wire.body })).json()) as { data: { url: string }[] };
      imageUrl = answer.data[0]!.url;
    },
    'get image (bare)': async () => (await fetch(imageUrl)).arrayBuffer(),
    'get image (sendWithRetries)': () => sendWithRetries({ method: 'GET', url: imageUrl, logName: 'x', redirects: 'noDowngrade' }, http),
    'generateImages (post + get)': () => generateImages(context.catalog, scenario.request, engineConfig(context)),
    'write (bare)': () => writeFile(path.join(outDir, 'floor.png'), bytes),
    'save (extension)': () => saveLikeTheExtension(outDir, 'x', { bytes, mimeType: 'image/png', source: 'url' }),
    'floor job': () => floor.run(scenario, context),
    'extension job': () => extension.run(scenario, context),
    'generate then save': async () => {
      let before = process.cpuUsage();
      const result = await generateImages(context.catalog, scenario.request, engineConfig(context));
      let used = process.cpuUsage(before);
      (cpu['  of which generate'] ??= []).push((used.user + used.system) / 1000);
      before = process.cpuUsage();
      await saveLikeTheExtension(outDir, 'x', result.images[0]!);
      used = process.cpuUsage(before);
      (cpu['  of which save'] ??= []).push((used.user + used.system) / 1000);
    },
    'engine get then bare write': async () => {
      let before = process.cpuUsage();
      const got = (await sendWithRetries({ method: 'GET', url: imageUrl, logName: 'x', redirects: 'noDowngrade' }, http)).body;
      let used = process.cpuUsage(before);
      (cpu['  of which engine get'] ??= []).push((used.user + used.system) / 1000);
      before = process.cpuUsage();
      await writeFile(path.join(outDir, 'floor3.png'), got);
      used = process.cpuUsage(before);
      (cpu['  of which bare write'] ??= []).push((used.user + used.system) / 1000);
    },
    'bare get then write': async () => {
      let before = process.cpuUsage();
      const got = new Uint8Array(await (await fetch(imageUrl)).arrayBuffer());
      let used = process.cpuUsage(before);
      (cpu['  of which get'] ??= []).push((used.user + used.system) / 1000);
      before = process.cpuUsage();
      await writeFile(path.join(outDir, 'floor2.png'), got);
      used = process.cpuUsage(before);
      (cpu['  of which write'] ??= []).push((used.user + used.system) / 1000);
    },
  };
  for (const work of Object.values(parts)) await work();
  for (let i = 0; i < Number(process.argv[2] ?? 40); i++) {
    for (const [name, work] of Object.entries(parts)) {
      global.gc?.();
      const before = process.cpuUsage();
      await work();
      const used = process.cpuUsage(before);
      (cpu[name] ??= []).push((used.user + used.system) / 1000);
    }
  }
  for (const [name, values] of Object.entries(cpu)) process.stdout.write(`${name.padEnd(30)} median ${median(values)!.toFixed(1)} ms CPU\n`);
  await rm(outDir, { recursive: true, force: true });
  await server.stop();
}
void main();
