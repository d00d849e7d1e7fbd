/**
 * Decodes base64 that arrives in pieces of any length into one buffer. Node decodes a quantum of four
 * characters at a time, so up to three characters wait for the next piece; the buffer is sized up front from
 * the characters still expected, so a 4K image is written once and never copied.
 */

import { MAX_PRESIZED_BYTES } from './sizeLimits';

const MIN_CAPACITY = 64 * 1024;
/** Spare room worth giving back with one copy once the image is complete (several images in one answer). */
const MAX_SLACK = 1024 * 1024;
/** What Node's decoder would skip; removed before quanta are counted so a stray character cannot shift them. */
const NOT_BASE64 = /[^A-Za-z0-9+/=_-]+/g;

/** Only what `pushAlphabet` trusts the decoder's count for; Node also decodes `-` and `_`, and stops at `=`. */
const NOT_PLAIN_ALPHABET = /[^A-Za-z0-9+/]/;

const decodedLength = (chars: number): number => Math.ceil((chars * 3) / 4) + 3;

/** Bytes that whole quanta of clean base64 decode to: three per four characters, less the padding. */
function exactLength(quanta: string): number {
  const padding = quanta.endsWith('==') ? 2 : quanta.endsWith('=') ? 1 : 0;
  return (quanta.length / 4) * 3 - padding;
}

export class Base64Sink {
  private out: Buffer;
  private written = 0;
  private carry = '';

  /**
   * `expectedChars`: at most how many base64 characters are still to come, when the body length is known. It
   * comes from a header, so the buffer sized from it is clamped; past that, it grows as bytes really arrive.
   */
  constructor(expectedChars: number | undefined) {
    const expected = expectedChars === undefined || !(expectedChars > 0) ? 0 : decodedLength(expectedChars);
    this.out = Buffer.allocUnsafeSlow(Math.max(MIN_CAPACITY, Math.min(expected, MAX_PRESIZED_BYTES)));
  }

  /** The base64 text pushed so far, as it would re-encode; exact when only whole clean quanta were decoded. */
  textSoFar(): string {
    return this.out.toString('base64', 0, this.written) + this.carry;
  }

  /** Base64 characters as raw ASCII bytes, `bytes[start..end)`. */
  pushBytes(bytes: Buffer, start: number, end: number): void {
    if (end > start) {
      this.pushText(bytes.toString('latin1', start, end));
    }
  }

  pushText(text: string): void {
    const all = this.carry === '' ? text : this.carry + text;
    // A piece that decodes short held something other than base64: decoded again once cleaned.
    if (!this.decodeQuanta(all, false)) {
      this.decodeQuanta(all.replace(NOT_BASE64, ''), true);
    }
  }

  /**
   * Pushes `text`, a string of one-byte (Latin-1) characters, when every one of them is in the plain alphabet
   * (A–Z, a–z, 0–9, `+`, `/`), and returns true; otherwise changes nothing and returns false. Checked without
   * looking at each character in JavaScript: the native decoder skips any other character (and stops at `=`),
   * so whole quanta decode short when one is there; `-`, `_` and `=`, which it does decode, are looked for
   * natively, and the at most three characters left for the next quantum one by one. A regular expression over
   * every character costs ten times the decode. Not for wider characters: the decoder reads only their low
   * byte, so U+0141 would pass as `A`.
   */
  pushAlphabet(text: string): boolean {
    if (text.includes('=') || text.includes('-') || text.includes('_')) {
      return false;
    }
    const all = this.carry === '' ? text : this.carry + text;
    const whole = all.length - (all.length % 4);
    const tail = all.slice(whole);
    if (NOT_PLAIN_ALPHABET.test(tail)) {
      return false;
    }
    const before = this.written;
    if (whole > 0 && this.decode(whole === all.length ? all : all.slice(0, whole)) !== (whole / 4) * 3) {
      this.written = before;
      return false;
    }
    this.carry = tail;
    return true;
  }

  /** The decoded bytes; the sink is spent afterwards. */
  finish(): Buffer {
    if (this.carry !== '') {
      this.decode(this.carry);
      this.carry = '';
    }
    const slack = this.out.length - this.written;
    const bytes = this.out.subarray(0, this.written);
    return slack > MAX_SLACK && slack > this.written / 8 ? Buffer.from(bytes) : bytes;
  }

  private decodeQuanta(all: string, cleaned: boolean): boolean {
    const whole = all.length - (all.length % 4);
    const quanta = whole === all.length ? all : all.slice(0, whole);
    const before = this.written;
    if (whole > 0 && this.decode(quanta) !== exactLength(quanta) && !cleaned) {
      this.written = before;
      return false;
    }
    this.carry = all.slice(whole);
    return true;
  }

  private decode(text: string): number {
    const needed = this.written + decodedLength(text.length);
    if (needed > this.out.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.out.length * 2));
      this.out.copy(grown, 0, 0, this.written);
      this.out = grown;
    }
    const count = this.out.write(text, this.written, 'base64');
    this.written += count;
    return count;
  }
}
