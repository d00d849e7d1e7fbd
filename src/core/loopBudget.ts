/**
 * Long byte work in slices, so the event loop it shares is never held for long: in the extension host every
 * other extension waits on the same thread (completions, hovers). The work calls `pause()` between slices; once
 * it has run for the budget since the loop last had a turn, `pause()` gives the loop one turn (`setImmediate`,
 * after pending I/O and timers) before it resolves. A stream whose chunks are already queued would otherwise be
 * drained in one go: each `read()` resolves as a microtask, and microtasks never let the loop in.
 */

/** Short beside the 20 ms a stall may last, since on a busy machine the turn itself may wait for a core. */
export const DEFAULT_SLICE_MS = 4;

/**
 * Work waiting for its turn, across every budget in the process. One waiter goes on per turn of the loop: all
 * the `setImmediate` callbacks queued before a turn run back to back, so four downloads that each paused would
 * otherwise resume one after another, each for its whole slice, in a single stall four slices long.
 */
const waiting: Array<() => void> = [];

function releaseOne(): void {
  waiting.shift()?.();
  if (waiting.length > 0) {
    setImmediate(releaseOne);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) {
      setImmediate(releaseOne);
    }
  });
}

export class LoopBudget {
  private since = performance.now();

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** Resolves at once while the slice lasts; past it, after the loop has had a turn. */
  pause(): Promise<void> | undefined {
    if (performance.now() - this.since < this.sliceMs) {
      return undefined;
    }
    return nextTurn().then(() => {
      this.since = performance.now();
    });
  }
}
