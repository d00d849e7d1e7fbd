import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, insertion, removal } from '../../../src/core/metadata/byteEdits';

const text = (s: string) => (out: Buffer, at: number) => void out.write(s, at, 'latin1');

describe('applyEdits', () => {
  it('applies insertions, removals and replacements in source order, whatever order they come in', () => {
    const source = Buffer.from('0123456789', 'latin1');
    const out = applyEdits(source, [
      removal({ start: 7, end: 9 }),
      insertion(3, 2, text('ab')),
      { start: 5, end: 6, length: 3, write: text('XYZ') },
      insertion(0, 1, text('^')),
      insertion(10, 1, text('$')),
    ]);
    assert.equal(out.toString('latin1'), '^012ab34XYZ69$');
  });

  it('puts an insertion before a removal that starts at the same offset', () => {
    const out = applyEdits(Buffer.from('abcdef', 'latin1'), [removal({ start: 2, end: 4 }), insertion(2, 1, text('_'))]);
    assert.equal(out.toString('latin1'), 'ab_ef');
  });

  it('returns a fresh buffer even with no edits', () => {
    const source = Buffer.from('same');
    const out = applyEdits(source, []);
    assert.deepEqual(out, source);
    out[0] = 0x53;
    assert.equal(source.toString(), 'same');
  });
});
