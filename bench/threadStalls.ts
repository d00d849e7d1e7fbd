import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Event-loop stalls in the main thread's own CPU time. `monitorEventLoopDelay` measures wall time, and on a
 * shared machine (a load average of 10 on 2 cores) most of a "stall" is the thread waiting in the kernel's run
 * queue for a core, which no code change removes. Linux counts, per thread and in nanoseconds, the time on a CPU
 * and the time runnable but waiting (`/proc/thread-self/schedstat`). A timer ticks every millisecond; each gap
 * between ticks is one stretch in which the loop did not come round, and the thread's CPU time over that gap is
 * what our code spent holding it. The run-queue wait of the same gap is reported beside it.
 */

export interface ThreadStalls {
  /** The largest main-thread CPU time within one gap between ticks. */
  readonly cpuMaxMs: number;
  /** 99th percentile of the same, over every gap. */
  readonly cpuP99Ms: number;
  /** The wall time and the run-queue wait of the gap that held the most CPU time. */
  readonly worstWallMs: number;
  readonly worstWaitMs: number;
}

const SCHEDSTAT = '/proc/thread-self/schedstat';

export class ThreadStallMonitor {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(128);
  private readonly gaps: { cpu: number; wait: number; wall: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private last = { cpu: 0, wait: 0, wall: 0 };

  /** Throws where the kernel does not offer per-thread scheduler statistics. */
  constructor() {
    // Opened on the main thread, so the file stays this thread's; a read at offset 0 renews its contents.
    this.fd = openSync(SCHEDSTAT, 'r');
  }

  start(): void {
    this.last = this.sample();
    this.timer = setInterval(() => {
      const now = this.sample();
      this.gaps.push({ cpu: now.cpu - this.last.cpu, wait: now.wait - this.last.wait, wall: now.wall - this.last.wall });
      this.last = now;
    }, 1);
  }

  stop(): ThreadStalls {
    clearInterval(this.timer);
    closeSync(this.fd);
    const byCpu = [...this.gaps].sort((a, b) => a.cpu - b.cpu);
    const worst = byCpu[byCpu.length - 1] ?? { cpu: 0, wait: 0, wall: 0 };
    const p99 = byCpu[Math.min(byCpu.length - 1, Math.floor(byCpu.length * 0.99))]?.cpu ?? 0;
    return { cpuMaxMs: worst.cpu, cpuP99Ms: p99, worstWallMs: worst.wall, worstWaitMs: worst.wait };
  }

  /** This thread's CPU and run-queue time so far, and the wall clock, in ms. */
  private sample(): { cpu: number; wait: number; wall: number } {
    const length = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
    const [cpu, wait] = this.buffer.toString('latin1', 0, length).split(' ').map(Number);
    return { cpu: cpu! / 1e6, wait: wait! / 1e6, wall: performance.now() };
  }
}
