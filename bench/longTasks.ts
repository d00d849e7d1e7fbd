import * as path from 'node:path';

/**
 * Where the event loop's long synchronous blocks are, from a CPU profile: a stretch of consecutive samples none
 * of which is `(idle)` is one task that held the loop. Each task longer than a threshold is reported with the
 * functions that took most of its samples, so a stall can be put on the code that caused it.
 */

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface LongTask {
  /** When the task started, ms after the profile did. */
  readonly atMs: number;
  readonly durationMs: number;
  /** The frames that took most of the task's samples (self time, with the nearest caller of ours), ms each. */
  readonly top: readonly { readonly frame: string; readonly ms: number }[];
}

const frameName = (frame: CallFrame): string =>
  `${frame.functionName || '(anonymous)'}${frame.url ? ` ${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`;

/** Our own code: bundled sources of the project, not Node's internals nor node_modules. */
const isOurs = (frame: CallFrame): boolean => frame.url !== '' && !frame.url.startsWith('node:') && !frame.url.includes('node_modules');

/** Each node's name as "self frame ← nearest frame of ours", which says both what ran and who asked for it. */
function labels(profile: CpuProfile): Map<number, string> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const result = new Map<number, string>();
  for (const node of profile.nodes) {
    let label = frameName(node.callFrame);
    if (!isOurs(node.callFrame)) {
      for (let up = parent.get(node.id); up !== undefined; up = parent.get(up)) {
        const frame = byId.get(up)!.callFrame;
        if (isOurs(frame)) {
          label += ` ← ${frameName(frame)}`;
          break;
        }
      }
    }
    result.set(node.id, label);
  }
  return result;
}

export function longTasks(profile: CpuProfile, thresholdMs: number, topCount = 4): LongTask[] {
  const names = labels(profile);
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const tasks: LongTask[] = [];
  let time = 0;
  let start: number | undefined;
  let perFrame = new Map<string, number>();
  const close = (end: number): void => {
    if (start !== undefined && end - start >= thresholdMs) {
      const top = [...perFrame.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, topCount)
        .map(([frame, ms]) => ({ frame, ms: Math.round(ms * 10) / 10 }));
      tasks.push({ atMs: Math.round(start), durationMs: Math.round(end - start), top });
    }
    start = undefined;
    perFrame = new Map();
  };
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    time += delta;
    if (idle.has(id)) {
      close(time - delta);
      return;
    }
    start ??= time - delta;
    const name = names.get(id)!;
    perFrame.set(name, (perFrame.get(name) ?? 0) + delta);
  });
  close(time);
  return tasks;
}

export function formatLongTasks(tasks: readonly LongTask[]): string {
  return tasks
    .map((task) => [`  ${String(task.durationMs).padStart(5)} ms at ${task.atMs} ms`, ...task.top.map((t) => `        ${t.ms.toFixed(1).padStart(6)}  ${t.frame}`)].join('\n'))
    .join('\n');
}
