import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { projectRoot } from '../harness/paths';

/**
 * Activation inside a real extension host, timed for `npm run bench`. With DMXAPI_BENCH_OUT set (a path,
 * relative ones from the repository root) the time is written there as JSON; nothing asserts on it, since it
 * depends on the machine.
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

suite('activation', () => {
  test('the extension activates, and how long it took is recorded', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions`);
    // Another suite or an activation event may have been first; then there is nothing left to time.
    const alreadyActive = extension.isActive;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await extension.activate();
    const elapsed = performance.now() - started;
    // CPU time of the host process meanwhile: unlike wall time, it does not grow while a busy machine makes us wait.
    const { user, system } = process.cpuUsage(cpu);
    const tenths = (value: number): number => Math.round(value * 10) / 10;
    const activationMs = alreadyActive ? null : tenths(elapsed);
    const activationCpuMs = alreadyActive ? null : tenths((user + system) / 1000);
    assert.equal(extension.isActive, true);

    const out = process.env['DMXAPI_BENCH_OUT'];
    if (out) {
      const file = path.resolve(projectRoot, out);
      const record = {
        activationMs,
        activationCpuMs,
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
