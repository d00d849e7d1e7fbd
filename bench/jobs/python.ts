import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { projectRoot } from '../paths';
import type { PythonSeed, Scenario } from '../scenarios';
import type { Implementation, JobContext } from './job';

/**
 * The seed documents' Python scripts (adapted copies in bench/python/), each run as `python3 script.py` in a
 * folder of its own. Timed from outside, so the interpreter's start and `import requests` are in the number;
 * `pythonStartupMs` measures that part alone.
 */

const PYTHON = 'python3';
const scriptsDir = path.join(projectRoot, 'bench', 'python');

const moduleChecks = new Map<string, Promise<boolean>>();

function hasModule(name: string): Promise<boolean> {
  let check = moduleChecks.get(name);
  if (!check) {
    check = new Promise((resolve) => execFile(PYTHON, ['-c', `import ${name}`], (error) => resolve(!error)));
    moduleChecks.set(name, check);
  }
  return check;
}

function runPython(args: readonly string[], cwd: string, env: Readonly<Record<string, string>>): Promise<string> {
  return new Promise((resolve, reject) => {
    // NO_PROXY: `requests` honours proxy variables, and the fake server is on loopback.
    const child = spawn(PYTHON, args, { cwd, env: { ...process.env, ...env, NO_PROXY: '127.0.0.1,localhost', PYTHONIOENCODING: 'utf-8' } });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.stderr.on('data', (data: Buffer) => (output += data.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`exit ${code}: ${output.slice(-500)}`))));
  });
}

async function savedFile(cwd: string, seed: PythonSeed, output: string): Promise<string> {
  const target = path.join(cwd, seed.output);
  const inFolder = path.extname(seed.output) === '';
  const names = await readdir(inFolder ? target : cwd).catch(() => [] as string[]);
  const name = inFolder ? names[0] : names.find((file) => file === seed.output);
  if (!name) {
    // The samples catch their own errors and exit 0; what they printed says what went wrong.
    throw new Error(`no image saved: ${output.slice(-500)}`);
  }
  return inFolder ? path.join(target, name) : target;
}

function pythonJob(
  id: 'python-requests' | 'python-genai',
  label: string,
  pick: (scenario: Scenario) => PythonSeed | undefined,
  noSeed: (scenario: Scenario) => string,
): Implementation {
  return {
    id,
    label,
    external: true,
    async unavailable(scenario) {
      const seed = pick(scenario);
      if (!seed) {
        return noSeed(scenario);
      }
      const missing: string[] = [];
      for (const name of seed.modules) {
        if (!(await hasModule(name))) {
          missing.push(name);
        }
      }
      return missing.length > 0 ? `python3 lacks ${missing.join(', ')}` : undefined;
    },
    async run(scenario: Scenario, context: JobContext): Promise<string> {
      const seed = pick(scenario)!;
      const cwd = path.join(context.outDir, id);
      await mkdir(cwd, { recursive: true });
      const output = await runPython([path.join(scriptsDir, seed.script)], cwd, {
        DMXAPI_BASE_URL: context.baseUrl,
        DMXAPI_API_KEY: context.apiKey,
        ...seed.env,
      });
      return savedFile(cwd, seed, output);
    },
  };
}

export const pythonRequests = pythonJob(
  'python-requests',
  'Python seed (requests)',
  (scenario) => scenario.pythonSeeds.find((seed) => seed.modules.join() === 'requests'),
  (scenario) => scenario.pythonNote ?? 'no seed script for this case',
);

export const pythonGenAi = pythonJob(
  'python-genai',
  'Python seed (google-genai)',
  (scenario) => scenario.pythonSeeds.find((seed) => seed.modules.includes('google.genai')),
  () => 'another protocol',
);

/** `python3` starting and importing what the samples import, without any request: the fixed part of every Python number. */
export async function pythonStartupMs(runs: number): Promise<number[] | undefined> {
  if (!(await hasModule('requests'))) {
    return undefined;
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await runPython(['-c', 'import requests, base64, os, datetime'], process.cwd(), {});
    times.push(performance.now() - started);
  }
  return times;
}
