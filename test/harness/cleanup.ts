// What a test run leaves behind, undone even when it ends early (SIGINT, a crash, a failed assertion):
// process groups (code-server and its children) are killed, then temp dirs are removed.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import * as path from 'node:path';

const liveGroups = new Set<number>();
const tempDirs = new Set<string>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.on('exit', () => {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => process.exit(128 + constants.signals[signal]));
}

/** Starts a command as the leader of its own process group (setsid), so it and all its children stop together. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  // Kept even after the leader exits: its children may still be running in the group.
  if (child.pid !== undefined) liveGroups.add(child.pid);
  return child;
}

/** Sends SIGTERM to the whole group, then SIGKILL if the leader has not exited within `graceMs`. */
export async function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !liveGroups.has(pid)) return;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Children that ignored SIGTERM.
  signalGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

/** A new dir under the system temp dir, removed by `removeTempDir` or, failing that, when the process exits. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.delete(dir);
}
