import { Base64Sink } from './base64Sink';

/**
 * Reads a JSON answer as it streams in and decodes its image strings on the way, so a 4K answer is never held
 * as text: the JSON around the images (a few hundred bytes) is kept and parsed as usual, and each image string
 * in it is replaced by a short placeholder that names the decoded bytes.
 *
 * An image string is the value of `b64_json`, `data` (Gemini `inlineData`) or `url` whose first
 * `DECIDE_AFTER` characters are base64, optionally behind a `data:…;base64,` prefix; the prefix is kept in
 * the placeholder so a data URI in `url` still reads as one. JSON escapes inside it (`\/` from PHP gateways,
 * `\n` from wrapped base64) are undone before decoding, as `JSON.parse` would.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

const IMAGE_KEYS: ReadonlySet<string> = new Set(['b64_json', 'data', 'url']);
/** Shorter strings are kept as text: too small to matter, and short enough to look at whole. */
const DECIDE_AFTER = 4096;
/** Keys are remembered only when short; every key we look for is. */
const MAX_KEY_BYTES = 64;
const DATA_URI_PREFIX = /^data:[^,]{0,200};base64,/;
/** Node's decoder also takes the URL-safe alphabet, so this does too. */
const BASE64_TEXT = /^[A-Za-z0-9+/=_-]*$/;
const BASE64_CHAR = /^[A-Za-z0-9+/=_-]$/;

const PLACEHOLDER_MARK = '\u0000image:';
const JSON_PLACEHOLDER_MARK = '\\u0000image:';

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export interface ScannedAnswer {
  /** The answer with each image string replaced by its placeholder. */
  readonly json: string;
  /** Decoded images, in answer order. */
  readonly images: readonly Buffer[];
}

/** The decoded bytes a placeholder stands for, or undefined for an ordinary string. */
export function imageOfPlaceholder(text: string, images: readonly Buffer[]): Buffer | undefined {
  const at = text.lastIndexOf(PLACEHOLDER_MARK);
  return at < 0 ? undefined : images[Number(text.slice(at + PLACEHOLDER_MARK.length))];
}

const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** One JSON escape (`\/`, `\u002F`) as the character it stands for; the text starts after the backslash. */
function unescape(raw: string): string {
  return raw[0] === 'u' ? String.fromCharCode(parseInt(raw.slice(1), 16)) : (ESCAPES[raw] ?? raw);
}

type Mode = 'outside' | 'string' | 'image';

export class ImageAnswerScanner {
  private readonly skeleton: Buffer[] = [];
  private readonly images: Buffer[] = [];
  private mode: Mode = 'outside';
  /** Bytes fed before the current chunk, for the size estimate of the next image. */
  private consumed = 0;
  /** The last byte outside strings that is not whitespace, and the last short string: they tell a key's value. */
  private lastSignificant = 0;
  private lastString: string | undefined;
  /** The current string's raw bytes, escapes included, until it ends or turns out to be an image. */
  private current: Buffer[] = [];
  private currentBytes = 0;
  /** The current string unescaped, while it may still become an image. */
  private probe: string | undefined;
  /** An escape split across chunks: what followed the backslash so far. */
  private escape: string | undefined;
  private sink: Base64Sink | undefined;
  private prefix = '';

  /** `contentLength`: the body's announced length, used to size each image's buffer once. */
  constructor(private readonly contentLength?: number) {}

  feed(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let at = 0;
    while (at < bytes.length) {
      if (this.escape !== undefined) {
        at = this.continueEscape(bytes, at);
      } else if (this.mode === 'outside') {
        at = this.scanOutside(bytes, at);
      } else if (this.mode === 'string') {
        at = this.scanString(bytes, at);
      } else {
        at = this.scanImage(bytes, at);
      }
    }
    this.consumed += bytes.length;
  }

  /** Throws when the body ended inside a string (a cut-off answer); JSON errors are left to `JSON.parse`. */
  end(): ScannedAnswer {
    if (this.mode !== 'outside' || this.escape !== undefined) {
      throw new Error('the answer ends inside a string');
    }
    return { json: Buffer.concat(this.skeleton).toString('utf8'), images: this.images };
  }

  private scanOutside(bytes: Buffer, at: number): number {
    const quote = bytes.indexOf(QUOTE, at);
    const end = quote < 0 ? bytes.length : quote;
    for (let i = end - 1; i >= at; i--) {
      if (!isSpace(bytes[i]!)) {
        this.lastSignificant = bytes[i]!;
        break;
      }
    }
    // Copied, here and below: a chunk's memory is not ours to keep.
    this.skeleton.push(Buffer.from(bytes.subarray(at, end)));
    if (quote < 0) {
      return bytes.length;
    }
    const key = this.lastSignificant === COLON ? this.lastString : undefined;
    this.mode = 'string';
    this.current = [];
    this.currentBytes = 0;
    this.probe = key !== undefined && IMAGE_KEYS.has(key) ? '' : undefined;
    return quote + 1;
  }

  private scanString(bytes: Buffer, at: number): number {
    const stop = nextStop(bytes, at);
    const end = stop < 0 ? bytes.length : stop;
    this.keep(bytes, at, end);
    if (this.mode === 'image' || stop < 0) {
      // Once the string is known to be an image, the rest of it (and its end) is read as one.
      return end;
    }
    if (bytes[stop] === BACKSLASH) {
      this.escape = '';
      return stop + 1;
    }
    this.endString();
    return stop + 1;
  }

  /** Keeps raw bytes of a string that may still be short, and decides once enough has come whether it is an image. */
  private keep(bytes: Buffer, start: number, end: number): void {
    this.current.push(Buffer.from(bytes.subarray(start, end)));
    this.currentBytes += end - start;
    if (this.probe === undefined) {
      return;
    }
    this.probe += bytes.toString('latin1', start, end);
    if (this.probe.length >= DECIDE_AFTER) {
      this.decide(this.probe);
    }
  }

  private decide(probe: string): void {
    this.probe = undefined;
    const prefix = DATA_URI_PREFIX.exec(probe)?.[0] ?? '';
    const data = probe.slice(prefix.length);
    // Only the first characters decide, so the outcome does not depend on where chunks happen to end.
    if (!BASE64_TEXT.test(data.slice(0, DECIDE_AFTER))) {
      return;
    }
    const remaining = this.contentLength === undefined ? undefined : this.contentLength - this.consumed + probe.length;
    this.sink = new Base64Sink(remaining);
    this.sink.pushText(data);
    this.prefix = prefix;
    this.current = [];
    this.currentBytes = 0;
    this.mode = 'image';
  }

  private endString(): void {
    this.skeleton.push(Buffer.from('"'), ...this.current, Buffer.from('"'));
    this.lastString = this.currentBytes <= MAX_KEY_BYTES ? Buffer.concat(this.current).toString('utf8') : undefined;
    this.lastSignificant = QUOTE;
    this.current = [];
    this.probe = undefined;
    this.mode = 'outside';
  }

  private scanImage(bytes: Buffer, at: number): number {
    const stop = nextStop(bytes, at);
    const end = stop < 0 ? bytes.length : stop;
    this.sink!.pushBytes(bytes, at, end);
    if (stop < 0) {
      return bytes.length;
    }
    if (bytes[stop] === BACKSLASH) {
      this.escape = '';
      return stop + 1;
    }
    const index = this.images.push(this.sink!.finish()) - 1;
    this.sink = undefined;
    this.skeleton.push(Buffer.from(`"${JSON.stringify(this.prefix).slice(1, -1)}${JSON_PLACEHOLDER_MARK}${index}"`));
    this.lastString = undefined;
    this.lastSignificant = QUOTE;
    this.mode = 'outside';
    return stop + 1;
  }

  /** Collects the characters after a backslash (one, or `u` and four hex digits), then hands the escape on. */
  private continueEscape(bytes: Buffer, at: number): number {
    let escape = this.escape!;
    while (at < bytes.length) {
      escape += String.fromCharCode(bytes[at++]!);
      if (escape[0] !== 'u' || escape.length === 5) {
        this.escape = undefined;
        this.escaped(escape);
        return at;
      }
    }
    this.escape = escape;
    return at;
  }

  private escaped(raw: string): void {
    const char = unescape(raw);
    if (this.mode === 'image') {
      if (BASE64_CHAR.test(char)) {
        this.sink!.pushText(char);
      }
      return;
    }
    this.current.push(Buffer.from(`\\${raw}`, 'latin1'));
    this.currentBytes += raw.length + 1;
    // Escaped whitespace is skipped by the base64 decoder; anything else is checked like any character.
    if (this.probe !== undefined && !/^\s$/.test(char)) {
      this.probe += char;
      if (this.probe.length >= DECIDE_AFTER) {
        this.decide(this.probe);
      }
    }
  }
}

/**
 * The next quote or backslash from `at`, or -1. Both searches run natively; the quote is looked for only
 * before the next backslash, so base64 full of `\/` escapes is not searched to its end once per escape.
 */
function nextStop(bytes: Buffer, at: number): number {
  const backslash = bytes.indexOf(BACKSLASH, at);
  if (backslash < 0) {
    return bytes.indexOf(QUOTE, at);
  }
  const quote = bytes.subarray(at, backslash).indexOf(QUOTE);
  return quote < 0 ? backslash : at + quote;
}
