import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { bundleDir } from './paths';

/**
 * The fake DMXAPI in its own process, as the real one is remote: its work (building a 60 MB JSON answer)
 * then runs beside the client under test instead of inside its event loop.
 */

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

const URL_LINE = /^FAKE_DMXAPI_URL=(\S+)$/m;

export function startFakeServer(options: { readonly delayMs?: number } = {}): Promise<RunningServer> {
  const args = [path.join(bundleDir, 'fakeDmxApi.js'), '--noise'];
  if (options.delayMs) {
    args.push('--delay', String(options.delayMs));
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  // Even when the benchmark dies of an error, the server must not outlive it.
  const killOnExit = (): void => {
    child.kill();
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fake DMXAPI exited with ${code} before it listened`)));
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString('utf8');
      const url = URL_LINE.exec(output)?.[1];
      if (url) {
        child.removeAllListeners('exit');
        resolve({ url, stop: () => stopChild(child) });
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
