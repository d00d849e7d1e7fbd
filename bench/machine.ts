import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from './paths';

/** What the numbers were measured on; the load average says how busy the machine was meanwhile. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly python?: string;
  readonly sdks: Readonly<Record<string, string>>;
  readonly loadAverageAtStart: readonly number[];
  loadAverageAtEnd?: readonly number[];
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function pythonVersion(): Promise<string | undefined> {
  return new Promise((resolve) => execFile('python3', ['--version'], (error, stdout) => resolve(error ? undefined : stdout.trim())));
}

/** A short digest of src/core as measured, so two results files tell whether they timed the same engine. */
export function coreDigest(): string {
  const hash = createHash('sha256');
  const core = path.join(projectRoot, 'src', 'core');
  const files = (readdirSync(core, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts')).sort();
  for (const file of files) {
    hash.update(file).update(readFileSync(path.join(core, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

export const loadAverage = (): number[] => os.loadavg().map((value) => Number(value.toFixed(2)));

export async function describeMachine(): Promise<Machine> {
  const python = await pythonVersion();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...(python ? { python } : {}),
    sdks: { openai: packageVersion('openai'), '@google/genai': packageVersion('@google/genai') },
    loadAverageAtStart: loadAverage(),
  };
}

export function machineLine(machine: Machine): string {
  const load = `load average ${machine.loadAverageAtStart.join(' / ')} at start${machine.loadAverageAtEnd ? `, ${machine.loadAverageAtEnd.join(' / ')} at end` : ''}`;
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}${machine.python ? `; ${machine.python}` : ''}; openai ${machine.sdks['openai']}, @google/genai ${machine.sdks['@google/genai']}; ${load}`;
}
