import { asBuffer } from '../imageBytes';
import { LoopBudget } from '../loopBudget';

/**
 * Rewriting a container as a list of edits applied in one pass: one allocation of the final length, then copies
 * of the untouched stretches between the edits. A 20 MB image costs one 20 MB buffer, never two.
 */

export interface ByteEdit {
  /** The source range the edit replaces; `start === end` inserts. */
  readonly start: number;
  readonly end: number;
  /** Bytes that take its place, written by `write`, which must fill exactly this many. */
  readonly length: number;
  readonly write?: (out: Buffer, at: number) => void;
}

export const removal = (range: { readonly start: number; readonly end: number }): ByteEdit => ({ start: range.start, end: range.end, length: 0 });

export const insertion = (at: number, length: number, write: (out: Buffer, at: number) => void): ByteEdit => ({ start: at, end: at, length, write });

/** What `applyEdits` does, as steps: copy `source[from, to)` to `out[at…]`, or run an edit's writer at `at`. */
type Step = { readonly at: number; readonly from: number; readonly to: number } | { readonly at: number; readonly edit: ByteEdit };

/** The output size and the steps that make it, in output order. */
function plan(sourceLength: number, edits: readonly ByteEdit[]): { size: number; steps: Step[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const steps: Step[] = [];
  let from = 0;
  let at = 0;
  for (const edit of sorted) {
    steps.push({ at, from, to: edit.start });
    at += edit.start - from;
    steps.push({ at, edit });
    at += edit.length;
    from = edit.end;
  }
  steps.push({ at, from, to: sourceLength });
  return { size: at + sourceLength - from, steps };
}

/** Edits must not overlap; an insertion at the start of a removed range goes before it. */
export function applyEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Buffer {
  const source = asBuffer(bytes);
  const { size, steps } = plan(source.length, edits);
  const out = Buffer.allocUnsafe(size);
  for (const _slice of copySlices(source, out, steps, Number.POSITIVE_INFINITY)) {
    // One slice per step: nothing to let in between.
  }
  return out;
}

/** Runs the steps into `out`, copying at most `sliceBytes` at a time and yielding after each copy. */
function* copySlices(source: Buffer, out: Buffer, steps: readonly Step[], sliceBytes: number): Generator<void> {
  for (const step of steps) {
    if ('edit' in step) {
      step.edit.write?.(out, step.at);
      continue;
    }
    for (let from = step.from; from < step.to; from += sliceBytes) {
      source.copy(out, step.at + (from - step.from), from, Math.min(from + sliceBytes, step.to));
      yield;
    }
  }
}

/**
 * Copied at most this much at a time. A fresh buffer's pages are first touched by the copy, which makes it far
 * slower than `memcpy`: a 48 MB image took 50–65 ms in one piece on a 2-core virtual machine.
 */
const SLICE_BYTES = 1 << 20;

/**
 * `applyEdits` for the extension host: the same result, with the copying done a slice at a time and the event
 * loop let in between (`LoopBudget`), so a 4K image does not hold every other extension for tens of ms.
 * `bytes` must stay unchanged until it resolves.
 */
export async function applyEditsInSlices(bytes: Uint8Array, edits: readonly ByteEdit[], budget = new LoopBudget()): Promise<Buffer> {
  const source = asBuffer(bytes);
  const { size, steps } = plan(source.length, edits);
  const out = Buffer.allocUnsafe(size);
  for (const _slice of copySlices(source, out, steps, SLICE_BYTES)) {
    await budget.pause();
  }
  return out;
}
