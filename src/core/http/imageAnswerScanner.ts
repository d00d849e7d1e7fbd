import { DmxApiError } from '../errors';
import { ByteBuilder } from './byteBuilder';
import { ImageString } from './imageString';
import { MAX_ANSWER_STRINGS, MAX_ANSWER_TEXT_BYTES } from './sizeLimits';

/**
 * Reads a JSON answer as it streams in and decodes its image strings on the way, so a 4K answer is never held
 * as text: the JSON around the images (a few hundred bytes) is kept and parsed as usual, and each image string
 * in it is replaced by a short placeholder that names the decoded bytes.
 *
 * An image string is the value of `b64_json`, `data` (Gemini `inlineData`) or `url`, optionally behind a
 * `data:…;base64,` prefix, or the value of `text` when it is a `data:image/…;base64,` URI (a Gemini model
 * sometimes answers that way); and it is clean base64 (`ImageString`) of at least `DECIDE_AFTER` characters.
 * Whether a string is one does not depend on where chunks end: a string that stops being clean base64 after
 * the decision is given back as text, and everything that is text reaches `JSON.parse` byte for byte, so its
 * verdict (a bad escape, a raw control character) stands.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** Keys whose value may be bare base64 or a data URI. */
const IMAGE_KEYS: ReadonlySet<string> = new Set(['b64_json', 'data', 'url']);
/** Keys whose value is an image only as an image data URI. */
const DATA_URI_KEYS: ReadonlySet<string> = new Set(['text']);
/** Shorter strings are kept as text: too small to matter, and short enough to look at whole. */
const DECIDE_AFTER = 4096;
/** Keys are remembered only when short; every key we look for is. */
const MAX_KEY_BYTES = 64;
/** The data URI heads we decode behind: ASCII only, so the value is known exactly from the bytes. */
const DATA_URI_PREFIX = /^data:[\w.+/=;-]{0,200};base64,/;
const IMAGE_DATA_URI_PREFIX = /^data:image\/[\w.+/=;-]{0,200};base64,/;
const HEX4 = /^[0-9A-Fa-f]{4}$/;
/** Raw bytes clean base64 never holds: control characters (JSON forbids them; `JSON.parse` will say so) and non-ASCII. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

const PLACEHOLDER_MARK = '\u0000image:';
const JSON_PLACEHOLDER_MARK = '\\u0000image:';
/** More decoded images than any model returns in one answer; each holds a buffer. */
const MAX_IMAGES = 100;

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

/** One complete JSON escape (the text after the backslash) as its character, or undefined when JSON forbids it. */
function unescape(raw: string): string | undefined {
  if (raw[0] === 'u') {
    return HEX4.test(raw.slice(1)) ? String.fromCharCode(parseInt(raw.slice(1), 16)) : undefined;
  }
  return ESCAPES[raw];
}

/** Where a key's string is headed: maybe an image (`any` prefix, or an image `dataUri` only), or text. */
type Probe = { value: string; readonly wants: 'any' | 'dataUri' };

type Mode = 'outside' | 'string' | 'image';

export class ImageAnswerScanner {
  private readonly skeleton = new ByteBuilder();
  private readonly images: Buffer[] = [];
  private mode: Mode = 'outside';
  /** Bytes fed before the current chunk, for the size estimate of the next image. */
  private consumed = 0;
  /** The last byte outside strings that is not whitespace, and the last short string: they tell a key's value. */
  private lastSignificant = 0;
  private lastString: string | undefined;
  private strings = 0;
  /** Where the current string's raw bytes start in the skeleton (after its opening quote). */
  private stringStart = 0;
  /** The current string unescaped, while it may still become an image. */
  private probe: Probe | undefined;
  /** An escape split across chunks: what followed the backslash so far. Text strings only need `afterBackslash`. */
  private escape: string | undefined;
  private afterBackslash = false;
  private image: ImageString | undefined;

  /** `contentLength`: the body's announced length, used to size each image's buffer once (clamped). */
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
        at = this.probe === undefined ? this.scanText(bytes, at) : this.scanProbe(bytes, at);
      } else {
        at = this.scanImage(bytes, at);
      }
    }
    this.consumed += bytes.length;
    if (this.skeleton.length > MAX_ANSWER_TEXT_BYTES) {
      throw new DmxApiError({ kind: 'tooLarge', what: 'answerText', limitBytes: MAX_ANSWER_TEXT_BYTES }, { retryable: false });
    }
  }

  /** Throws when the body ended inside a string (a cut-off answer); JSON errors are left to `JSON.parse`. */
  end(): ScannedAnswer {
    if (this.mode !== 'outside' || this.escape !== undefined) {
      throw new Error('the answer ends inside a string');
    }
    return { json: this.skeleton.toString(), images: this.images };
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
    this.skeleton.append(bytes, at, end);
    if (quote < 0) {
      return bytes.length;
    }
    this.skeleton.append(bytes, quote, quote + 1);
    const key = this.lastSignificant === COLON ? this.lastString : undefined;
    this.mode = 'string';
    this.stringStart = this.skeleton.length;
    this.probe =
      key === undefined ? undefined : IMAGE_KEYS.has(key) ? { value: '', wants: 'any' } : DATA_URI_KEYS.has(key) ? { value: '', wants: 'dataUri' } : undefined;
    return quote + 1;
  }

  /** A string that is text: copied as it is, only its end is looked for. */
  private scanText(bytes: Buffer, at: number): number {
    if (this.afterBackslash) {
      this.afterBackslash = false;
      this.skeleton.append(bytes, at, at + 1);
      return at + 1;
    }
    const stop = nextStop(bytes, at);
    const end = stop < 0 ? bytes.length : stop;
    this.skeleton.append(bytes, at, end);
    if (stop < 0) {
      return end;
    }
    this.skeleton.append(bytes, stop, stop + 1);
    if (bytes[stop] === BACKSLASH) {
      this.afterBackslash = true;
    } else {
      this.endString();
    }
    return stop + 1;
  }

  /** A string that may become an image: copied, and unescaped into the probe until it has enough to decide. */
  private scanProbe(bytes: Buffer, at: number): number {
    const probe = this.probe!;
    const stop = nextStop(bytes, at);
    // Never more than the decision needs, so a huge chunk is not copied as text first.
    const end = Math.min(stop < 0 ? bytes.length : stop, at + DECIDE_AFTER - probe.value.length);
    const text = bytes.toString('latin1', at, end);
    this.skeleton.append(bytes, at, end);
    if (NOT_PRINTABLE_ASCII.test(text)) {
      this.probe = undefined;
      return end;
    }
    probe.value += text;
    if (probe.value.length >= DECIDE_AFTER) {
      this.decide(at + (end - at));
      return end;
    }
    if (end !== stop) {
      return end;
    }
    this.skeleton.append(bytes, stop, stop + 1);
    if (bytes[stop] === BACKSLASH) {
      this.escape = '';
    } else {
      this.endString();
    }
    return stop + 1;
  }

  /** Turns the probe into an image string when it is clean base64 so far; otherwise the string stays text. */
  private decide(offsetInChunk: number): void {
    const probe = this.probe!;
    this.probe = undefined;
    const prefix = (probe.wants === 'any' ? DATA_URI_PREFIX : IMAGE_DATA_URI_PREFIX).exec(probe.value)?.[0];
    if (prefix === undefined && probe.wants === 'dataUri') {
      return;
    }
    const head = prefix ?? '';
    const expected = this.contentLength === undefined ? undefined : this.contentLength - (this.consumed + offsetInChunk) + probe.value.length;
    const image = new ImageString(head, expected);
    const data = probe.value.slice(head.length);
    if (image.accept(data, false) < data.length) {
      return;
    }
    if (this.images.length >= MAX_IMAGES) {
      throw new DmxApiError({ kind: 'malformedResponse', detail: `the answer holds more than ${MAX_IMAGES} images` }, { retryable: false });
    }
    this.image = image;
    this.skeleton.truncate(this.stringStart);
    this.mode = 'image';
  }

  private endString(): void {
    const length = this.skeleton.length - 1 - this.stringStart;
    this.lastString = length <= MAX_KEY_BYTES ? this.skeleton.toString('utf8', this.stringStart, this.stringStart + length) : undefined;
    this.lastSignificant = QUOTE;
    this.probe = undefined;
    this.mode = 'outside';
    if (++this.strings > MAX_ANSWER_STRINGS) {
      throw new DmxApiError({ kind: 'malformedResponse', detail: `the answer holds more than ${MAX_ANSWER_STRINGS} strings` }, { retryable: false });
    }
  }

  private scanImage(bytes: Buffer, at: number): number {
    const stop = nextStop(bytes, at);
    const end = stop < 0 ? bytes.length : stop;
    if (end > at) {
      const text = bytes.toString('latin1', at, end);
      const accepted = this.image!.accept(text, true);
      if (accepted < text.length) {
        this.fallBackToText('');
        return at + accepted;
      }
    }
    if (stop < 0) {
      return end;
    }
    if (bytes[stop] === BACKSLASH) {
      this.escape = '';
      return stop + 1;
    }
    const image = this.image!;
    const index = this.images.push(image.finish()) - 1;
    this.image = undefined;
    this.skeleton.appendText(`${JSON.stringify(image.prefix).slice(1, -1)}${JSON_PLACEHOLDER_MARK}${index}"`);
    this.lastString = undefined;
    this.lastSignificant = QUOTE;
    this.mode = 'outside';
    return stop + 1;
  }

  /** The image string was not clean base64 after all: what was accepted becomes text again, then `rawTail`. */
  private fallBackToText(rawTail: string): void {
    this.skeleton.appendText(JSON.stringify(this.image!.valueSoFar()).slice(1, -1));
    this.skeleton.appendText(rawTail, 'latin1');
    this.image = undefined;
    this.mode = 'string';
  }

  /**
   * Collects the characters after a backslash (one, or `u` and four hex digits), then hands the escape on. A
   * `\u` cut short by a non-hex character ends there, and that character is read as the string's next one.
   */
  private continueEscape(bytes: Buffer, at: number): number {
    let escape = this.escape!;
    while (at < bytes.length) {
      const next = String.fromCharCode(bytes[at]!);
      if (escape[0] === 'u' && !/[0-9A-Fa-f]/.test(next)) {
        this.escape = undefined;
        this.escaped(escape);
        return at;
      }
      escape += next;
      at += 1;
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
      if (char === undefined || this.image!.accept(char, false) < 1) {
        this.fallBackToText(`\\${raw}`);
      }
      return;
    }
    // A probe: the backslash is in the skeleton already.
    this.skeleton.appendText(raw, 'latin1');
    if (char === undefined || this.probe === undefined) {
      this.probe = undefined;
      return;
    }
    this.probe.value += char;
    if (this.probe.value.length >= DECIDE_AFTER) {
      this.decide(0);
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
