import { Base64Sink } from './base64Sink';

/**
 * One image string being decoded as it streams in, and the proof that it is clean base64: the standard
 * alphabet, `=` padding only at the end (at most two), and line breaks only as the JSON escapes `\n` and `\r`
 * (wrapped base64). Anything else makes the string text after all, whatever the chunking, so the scanner
 * agrees with `JSON.parse`: `valueSoFar()` gives back exactly the characters accepted so far, to be kept as
 * text. Only whole quanta of alphabet characters reach the decoder, so re-encoding them gives the same text.
 */

const NOT_ALPHABET = /[^A-Za-z0-9+/]/;
const MAX_PADDING = 2;
/** Characters that are not base64 but part of clean base64, and where they stood among the alphabet characters. */
const MARK_CODES = ['\n', '\r', '='] as const;

export class ImageString {
  private readonly sink: Base64Sink;
  private alphabetCount = 0;
  private padding = 0;
  /** `index * 4 + code`: a line break or a padding character after `index` alphabet characters. */
  private readonly marks: number[] = [];

  /** `prefix`: the data URI head (`data:image/png;base64,`), or ''. `expectedChars`: at most how many are to come. */
  constructor(
    readonly prefix: string,
    expectedChars: number | undefined,
  ) {
    this.sink = new Base64Sink(expectedChars);
  }

  /**
   * Accepts value characters; returns how many were accepted before the first one that is not clean base64
   * (`text.length` when all were). `raw`: the characters came unescaped off the wire, where a line break is
   * not allowed at all (JSON forbids control characters in strings).
   */
  accept(text: string, raw: boolean): number {
    // Nearly always the whole text is alphabet: checked natively, at a tenth of the cost of the search below.
    // Raw text only: it came off the wire as Latin-1, one byte per character, as that check needs.
    if (raw && this.padding === 0 && this.sink.pushAlphabet(text)) {
      this.alphabetCount += text.length;
      return text.length;
    }
    let at = 0;
    while (at < text.length) {
      const rest = at === 0 ? text : text.slice(at);
      const stop = rest.search(NOT_ALPHABET);
      const run = stop < 0 ? rest.length : stop;
      if (run > 0) {
        if (this.padding > 0) {
          return at;
        }
        this.sink.pushText(run === rest.length ? rest : rest.slice(0, run));
        this.alphabetCount += run;
        at += run;
      }
      if (at < text.length && !this.acceptSpecial(text[at]!, raw)) {
        return at;
      }
      at += at < text.length ? 1 : 0;
    }
    return text.length;
  }

  /** The decoded bytes; the string ended cleanly. */
  finish(): Buffer {
    return this.sink.finish();
  }

  /** The string's value up to the last accepted character, prefix included. */
  valueSoFar(): string {
    const alphabet = this.sink.textSoFar();
    let value = this.prefix;
    let taken = 0;
    for (const mark of this.marks) {
      const index = Math.floor(mark / 4);
      value += alphabet.slice(taken, index) + MARK_CODES[mark % 4];
      taken = index;
    }
    return value + alphabet.slice(taken);
  }

  private acceptSpecial(char: string, raw: boolean): boolean {
    const code = MARK_CODES.indexOf(char as (typeof MARK_CODES)[number]);
    if (code < 0 || (raw && char !== '=') || (char === '=' && this.padding >= MAX_PADDING)) {
      return false;
    }
    if (char === '=') {
      this.padding += 1;
    }
    this.marks.push(this.alphabetCount * 4 + code);
    return true;
  }
}
