import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { projectRoot } from '../paths';
import { bundleCompositions, type BundleComposition } from './bundleComposition';

/**
 * Start-up cost: the activation time the integration suite measured inside a real extension host (read from
 * its JSON file), and the sizes of the production bundle and the packaged .vsix.
 */

export const ACTIVATION_ENV = 'DMXAPI_BENCH_OUT';
export const DEFAULT_ACTIVATION_FILE = path.join('bench', 'results', 'activation.json');

/** What test/integration/activation.test.ts writes. */
export interface ActivationRecord {
  /** `activate()` from the call until it resolved; null when the extension was already active. */
  readonly activationMs: number | null;
  /** CPU time of the extension host process meanwhile, which a busy machine does not inflate. */
  readonly activationCpuMs?: number | null;
  readonly alreadyActive: boolean;
  readonly vscodeVersion: string;
  readonly measuredAt: string;
  /** The bundle that was activated: its size and whether it was the minified production build. */
  readonly mainBytes?: number;
  readonly mainMinified?: boolean;
}

export interface StartupResult {
  readonly activation?: ActivationRecord;
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

async function readActivation(): Promise<{ activation?: ActivationRecord; activationHint?: string }> {
  const file = path.resolve(projectRoot, process.env[ACTIVATION_ENV] || DEFAULT_ACTIVATION_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    return { activationHint: `not measured — run npm run test:integration with ${ACTIVATION_ENV}=${path.relative(projectRoot, file) || file}` };
  }
  return { activation: JSON.parse(text) as ActivationRecord };
}

export async function runStartup(options: { readonly buildPackage: boolean; readonly log: (line: string) => void }): Promise<StartupResult> {
  let packageError: string | undefined;
  if (options.buildPackage) {
    options.log('start-up: npm run package (production build and .vsix)');
    packageError = await npmRun('package').then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  }
  const [bundleBytes, bundleIsProduction, vsixBytes, activation] = await Promise.all([sizeOf(BUNDLE), isProductionBundle(), sizeOf(VSIX), readActivation()]);
  const composition = await bundleCompositions().catch(() => undefined);
  return {
    ...(composition ? { composition } : {}),
    ...activation,
    ...(bundleBytes === undefined ? {} : { bundleBytes }),
    ...(bundleIsProduction === undefined ? {} : { bundleIsProduction }),
    ...(vsixBytes === undefined ? {} : { vsixBytes }),
    ...(packageError ? { packageError } : {}),
  };
}
