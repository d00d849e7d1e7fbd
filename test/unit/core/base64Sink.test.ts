import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { Base64Sink } from '../../../src/core/http/base64Sink';

/**
 * `pushAlphabet` trusts the native decoder's count instead of looking at each character: every character that
 * is not plain alphabet must still make it refuse, wherever it stands (inside a quantum, in the carry, split
 * across pushes), and a refusal must leave the sink as it was.
 */

const sinkWith = (...pieces: string[]): Base64Sink => {
  const sink = new Base64Sink(undefined);
  for (const piece of pieces) {
    assert.ok(sink.pushAlphabet(piece), `clean piece ${JSON.stringify(piece.slice(0, 12))} refused`);
  }
  return sink;
};

describe('Base64Sink.pushAlphabet', () => {
  test('clean base64 in pieces of every length decodes as a whole', () => {
    const bytes = randomBytes(3000);
    const text = bytes.toString('base64').replace(/=+$/, '');
    for (const size of [1, 2, 3, 4, 5, 7, 64, 1001]) {
      const pieces: string[] = [];
      for (let at = 0; at < text.length; at += size) {
        pieces.push(text.slice(at, at + size));
      }
      assert.ok(sinkWith(...pieces).finish().equals(bytes), `pieces of ${size}`);
    }
  });

  // Each one is decoded by Node as alphabet, or skipped, or ends the decode; none is plain alphabet.
  const intruders = ['-', '_', '=', ' ', '\n', '!', '"', '\\', '\u0000', '\u007f', '\u0080', '\u00c1', '\u00ff'];

  test('refuses any character outside the plain alphabet, at every position, and keeps what it had', () => {
    const clean = randomBytes(30).toString('base64'); // 40 characters, no padding
    for (const intruder of intruders) {
      for (let at = 0; at <= clean.length; at++) {
        for (const carry of ['', 'Q', 'QU', 'QUJ']) {
          const sink = sinkWith(carry);
          const before = sink.textSoFar();
          const text = clean.slice(0, at) + intruder + clean.slice(at);
          assert.equal(sink.pushAlphabet(text), false, `${JSON.stringify(intruder)} at ${at} after ${JSON.stringify(carry)}`);
          assert.equal(sink.textSoFar(), before, 'a refused push changes nothing');
        }
      }
    }
  });

  test('a refused push can be followed by clean pushes as if it never happened', () => {
    const bytes = randomBytes(600);
    const text = bytes.toString('base64');
    const sink = sinkWith(text.slice(0, 101));
    assert.equal(sink.pushAlphabet(`${text.slice(101, 150)}-`), false);
    assert.ok(sink.pushAlphabet(text.slice(101)));
    assert.ok(sink.finish().equals(bytes));
  });
});
