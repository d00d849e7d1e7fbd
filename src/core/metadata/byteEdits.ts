import { asBuffer } from '../imageBytes';

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

/** Edits must not overlap; an insertion at the start of a removed range goes before it. */
export function applyEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Buffer {
  const source = asBuffer(bytes);
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const size = sorted.reduce((total, edit) => total - (edit.end - edit.start) + edit.length, source.length);
  const out = Buffer.allocUnsafe(size);
  let from = 0;
  let at = 0;
  for (const edit of sorted) {
    at += source.copy(out, at, from, edit.start);
    edit.write?.(out, at);
    at += edit.length;
    from = edit.end;
  }
  source.copy(out, at, from);
  return out;
}
