import * as assert from 'node:assert/strict';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { projectRoot } from '../harness/paths';

/**
 * Activation inside a real extension host, timed for `npm run bench`. With DMXAPI_BENCH_OUT set (a path,
 * relative ones from the repository root) the time is written there as JSON; nothing asserts on it, since it
 * depends on the machine.
 *
 * The host starts other extensions at the same time (the JSON language features, for one), and their work in
 * the same window is not ours: with DMXAPI_BENCH_OUT set, activation waits until the host's event loop has been
 * idle for a while. Three figures are kept: wall time; the CPU time of the whole host process (every thread);
 * and the CPU time of the host's main thread alone (Linux's per-thread scheduler statistics), the thread every
 * extension shares, which excludes V8's and libuv's helper threads and does not grow while the machine makes us
 * wait for a core.
 */

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly main: string;
}

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

/** The bundle the host loaded: its size, and whether it is the minified production build (no source map link). */
function describeMain(extensionPath: string): { mainBytes: number; mainMinified: boolean } | undefined {
  try {
    const text = readFileSync(path.join(extensionPath, manifest.main), 'utf8');
    return { mainBytes: Buffer.byteLength(text), mainMinified: !text.includes('//# sourceMappingURL=') };
  } catch {
    return undefined;
  }
}

/** The calling thread's CPU time in ms, where Linux offers it. */
function threadCpuMs(): number | undefined {
  try {
    const fd = openSync('/proc/thread-self/schedstat', 'r');
    try {
      const buffer = Buffer.alloc(128);
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      return Number(buffer.toString('latin1', 0, length).split(' ')[0]) / 1e6;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

const QUIET_UTILIZATION = 0.05;
const QUIET_WINDOW_MS = 200;
const QUIET_LIMIT_MS = 20_000;

/**
 * Waits until one window of the host's event loop was busy less than 5% of the time (other extensions done
 * starting), or gives up after QUIET_LIMIT_MS; returns the last window's utilization.
 */
async function hostQuiet(): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const { utilization } = performance.eventLoopUtilization(before);
    if (utilization < QUIET_UTILIZATION || performance.now() - started > QUIET_LIMIT_MS) {
      return utilization;
    }
  }
}

suite('activation', () => {
  test('the extension activates, and how long it took is recorded', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions`);
    // Another suite or an activation event may have been first; then there is nothing left to time.
    const out = process.env['DMXAPI_BENCH_OUT'];
    const hostUtilizationBefore = out && !extension.isActive ? await hostQuiet() : undefined;
    const alreadyActive = extension.isActive;
    const cpu = process.cpuUsage();
    const threadCpu = threadCpuMs();
    const started = performance.now();
    await extension.activate();
    const elapsed = performance.now() - started;
    const threadCpuAfter = threadCpuMs();
    // CPU time of the host process meanwhile: unlike wall time, it does not grow while a busy machine makes us wait.
    const { user, system } = process.cpuUsage(cpu);
    const tenths = (value: number): number => Math.round(value * 10) / 10;
    const activationMs = alreadyActive ? null : tenths(elapsed);
    const activationCpuMs = alreadyActive ? null : tenths((user + system) / 1000);
    const activationThreadCpuMs = alreadyActive || threadCpu === undefined || threadCpuAfter === undefined ? null : tenths(threadCpuAfter - threadCpu);
    assert.equal(extension.isActive, true);

    if (out) {
      const file = path.resolve(projectRoot, out);
      const record = {
        activationMs,
        activationCpuMs,
        activationThreadCpuMs,
        ...(hostUtilizationBefore === undefined ? {} : { hostUtilizationBefore: tenths(hostUtilizationBefore * 1000) / 1000 }),
        alreadyActive,
        vscodeVersion: vscode.version,
        measuredAt: new Date().toISOString(),
        ...describeMain(extension.extensionPath),
      };
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    }
  });
});
