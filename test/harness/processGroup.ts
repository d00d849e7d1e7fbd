import { constants } from 'node:os';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

// Every group still alive; killed when this process exits for any reason, so no code-server outlives a test run.
const live = new Set<number>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.on('exit', () => {
  for (const pid of live) signalGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    for (const pid of live) signalGroup(pid, 'SIGKILL');
    process.exit(128 + constants.signals[signal]);
  });
}

/** Starts a command as the leader of its own process group (setsid), so it and all its children stop together. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  // Kept even after the leader exits: its children may still be running in the group.
  if (child.pid !== undefined) live.add(child.pid);
  return child;
}

/** Sends SIGTERM to the whole group, then SIGKILL if the leader has not exited within `graceMs`. */
export async function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !live.has(pid)) return;
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
  live.delete(pid);
}
