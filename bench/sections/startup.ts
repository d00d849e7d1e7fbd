import { spawn } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { projectRoot, resultsDir } from '../paths';
import { bundleCompositions, type BundleComposition } from './bundleComposition';

/**
 * Start-up cost: activation timed inside a real extension host (code-server's) by the integration suite
 * test/integration/activation.test.ts, run here against the production build, and the sizes of the bundles and
 * the packaged .vsix.
 */

export const ACTIVATION_ENV = 'DMXAPI_BENCH_OUT';

/** What test/integration/activation.test.ts writes. */
export interface ActivationRecord {
  /** `activate()` from the call until it resolved; null when the extension was already active. */
  readonly activationMs: number | null;
  /** CPU time of the extension host process meanwhile, which a busy machine does not inflate. */
  readonly activationCpuMs?: number | null;
  /** CPU time of the host's main thread alone, the one every extension shares (Linux only). */
  readonly activationThreadCpuMs?: number | null;
  /** The host's event-loop utilization in the window before activation: the test waits for it to fall below 5%. */
  readonly hostUtilizationBefore?: number;
  readonly alreadyActive: boolean;
  readonly vscodeVersion: string;
  readonly measuredAt: string;
  /** The bundle that was activated: its size and whether it was the minified production build. */
  readonly mainBytes?: number;
  readonly mainMinified?: boolean;
}

export interface StartupResult {
  /** The run with the median CPU time. */
  readonly activation?: ActivationRecord;
  readonly activationRuns?: readonly ActivationRecord[];
  /** dist/features.js, loaded on first use. */
  readonly featuresBytes?: number;
  /** Set when no activation was measured: how to measure it. */
  readonly activationHint?: string;
  readonly bundleBytes?: number;
  readonly bundleIsProduction?: boolean;
  readonly vsixBytes?: number;
  readonly packageError?: string;
  /** The production bundles by package, built apart from dist/. */
  readonly composition?: readonly BundleComposition[];
}

const BUNDLE = path.join(projectRoot, 'dist', 'extension.js');
const FEATURES = path.join(projectRoot, 'dist', 'features.js');
const VSIX = path.join(projectRoot, 'dist-vsix', 'dmxapi-image-studio.vsix');

function npmRun(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.stderr.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${code}: ${output.slice(-800)}`))));
  });
}

const sizeOf = (file: string): Promise<number | undefined> =>
  stat(file).then(
    (info) => info.size,
    () => undefined,
  );

/** A development build ends with a source map link; the production build has none. */
async function isProductionBundle(): Promise<boolean | undefined> {
  const text = await readFile(BUNDLE, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : !text.includes('//# sourceMappingURL=');
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.stderr.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${output.slice(-800)}`))));
  });
}

/** Runs the activation suite `runs` times in code-server, each in a fresh extension host, against dist/. */
async function measureActivation(runs: number, log: (line: string) => void): Promise<{ activation?: ActivationRecord; activationRuns?: ActivationRecord[]; activationHint?: string }> {
  const file = path.join(resultsDir, 'activation.json');
  const records: ActivationRecord[] = [];
  try {
    await npmRun('compile-tests');
    for (let i = 0; i < runs; i++) {
      log(`start-up: activation in code-server's extension host, run ${i + 1} of ${runs}`);
      await rm(file, { force: true });
      const harness = path.join('out', 'test', 'harness', 'runIntegration.js');
      await run(process.execPath, [harness, '--workspace', 'folder', '--suites', 'activation.test.js', '--env', `${ACTIVATION_ENV}=${file}`]);
      records.push(JSON.parse(await readFile(file, 'utf8')) as ActivationRecord);
    }
  } catch (error) {
    return { activationHint: `not measured: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}` };
  }
  const timed = records.filter((record) => record.activationCpuMs != null).sort((a, b) => a.activationCpuMs! - b.activationCpuMs!);
  const activation = timed[(timed.length - 1) >> 1] ?? records[0];
  return { ...(activation ? { activation } : {}), activationRuns: records };
}

export async function runStartup(options: { readonly buildPackage: boolean; readonly activationRuns: number; readonly log: (line: string) => void }): Promise<StartupResult> {
  let packageError: string | undefined;
  if (options.buildPackage) {
    options.log('start-up: npm run package (production build and .vsix)');
    packageError = await npmRun('package').then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  }
  const activation = await measureActivation(options.activationRuns, options.log);
  const [bundleBytes, featuresBytes, bundleIsProduction, vsixBytes] = await Promise.all([sizeOf(BUNDLE), sizeOf(FEATURES), isProductionBundle(), sizeOf(VSIX)]);
  const composition = await bundleCompositions().catch(() => undefined);
  return {
    ...(composition ? { composition } : {}),
    ...activation,
    ...(bundleBytes === undefined ? {} : { bundleBytes }),
    ...(featuresBytes === undefined ? {} : { featuresBytes }),
    ...(bundleIsProduction === undefined ? {} : { bundleIsProduction }),
    ...(vsixBytes === undefined ? {} : { vsixBytes }),
    ...(packageError ? { packageError } : {}),
  };
}
