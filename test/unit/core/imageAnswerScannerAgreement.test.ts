import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImageAnswerScanner, imageOfPlaceholder } from '../../../src/core/http/imageAnswerScanner';

/**
 * The scanner against `JSON.parse`, over answers whose image strings are clean base64 or almost (padding in
 * the middle, a non-ASCII letter past the decision point, a bad escape, a raw control character), cut into
 * random chunks. Seeded, so a failure names a case that can be run again.
 *
 * The property: the scanner and `JSON.parse` agree on whether the answer is JSON; when it is, every string has
 * the value `JSON.parse` gives, or is an image whose bytes are the base64 decoding of that value; and the outcome
 * is the same for every chunking.
 */

/** mulberry32: small, fast, and the same sequence on every machine. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Text(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text += ALPHABET[Math.floor(random() * 64)];
  }
  return text;
}

/** Inserts `piece` (raw JSON text) at a random place in the raw JSON text of a string, after `from`. */
function insertRaw(random: Random, raw: string, piece: string, from: number): string {
  const at = between(random, Math.min(from, raw.length), raw.length);
  return raw.slice(0, at) + piece + raw.slice(at);
}

/** The raw JSON text (without quotes) of one string that may or may not be an image. */
function imageishString(random: Random): string {
  const length = pick(random, [100, 4000, 4095, 4096, 4097, 5000, 12_000]);
  let raw = base64Text(random, length);
  const padding = pick(random, ['', '', '=', '==', '===']);
  raw += padding;
  const prefix = pick(random, ['', '', 'data:image/png;base64,', 'data:text/plain;base64,', 'data:;base64,']);
  raw = prefix + raw;
  const spoil = pick(random, [
    'none',
    'none',
    'midPadding',
    'nonAscii',
    'escapedNonAscii',
    'badEscape',
    'rawControl',
    'escapedSlash',
    'escapedNewline',
    'escapedLetter',
    'shortUnicodeEscape',
    'escapedQuote',
    'space',
    'urlSafe',
  ]);
  const late = prefix.length + between(random, 0, length);
  switch (spoil) {
    case 'midPadding':
      return insertRaw(random, raw, '=', late);
    case 'nonAscii':
      return insertRaw(random, raw, pick(random, ['é', '狐', '😀']), late);
    case 'escapedNonAscii':
      return insertRaw(random, raw, '\\u72d0', late);
    case 'badEscape':
      return insertRaw(random, raw, pick(random, ['\\x', '\\a', '\\0']), late);
    case 'rawControl':
      return insertRaw(random, raw, pick(random, ['\n', '\t', '\u0001']), late);
    case 'escapedSlash':
      return raw.replace(/\//g, '\\/');
    case 'escapedNewline':
      return raw.replace(/(.{76})/g, '$1\\n');
    case 'escapedLetter':
      return raw.replace(/A/g, '\\u0041');
    case 'shortUnicodeEscape':
      return insertRaw(random, raw, '\\u12', late);
    case 'escapedQuote':
      return insertRaw(random, raw, '\\"', late);
    case 'space':
      return insertRaw(random, raw, ' ', late);
    case 'urlSafe':
      return insertRaw(random, raw, '-_', late);
    default:
      return raw;
  }
}

function answerText(random: Random): string {
  const key = pick(random, ['b64_json', 'data', 'url', 'text', 'other']);
  const strings = Array.from({ length: between(random, 1, 3) }, () => `{"${key}":"${imageishString(random)}","n":1}`);
  return `{"list":[${strings.join(',')}],"tail":"一只狐狸 \\u72d0"}`;
}

interface Outcome {
  readonly error: boolean;
  readonly skeleton?: string;
  readonly images?: readonly Buffer[];
}

function scanInChunks(body: Buffer, random: Random): Outcome {
  const scanner = new ImageAnswerScanner(body.length);
  try {
    for (let at = 0; at < body.length; ) {
      const size = pick(random, [1, 2, 3, 5, between(random, 1, 100), between(random, 100, 5000), 65536]);
      scanner.feed(new Uint8Array(body.subarray(at, at + size)));
      at += size;
    }
    const { json, images } = scanner.end();
    JSON.parse(json);
    return { error: false, skeleton: json, images };
  } catch {
    return { error: true };
  }
}

/** Every string of `scanned` is the string `JSON.parse` read, or an image decoding from it; counts the images. */
function assertAgrees(expected: unknown, scanned: unknown, images: readonly Buffer[], at: string): number {
  if (typeof expected === 'string') {
    const image = typeof scanned === 'string' ? imageOfPlaceholder(scanned, images) : undefined;
    if (!image) {
      assert.equal(scanned, expected, at);
      return 0;
    }
    assert.match(expected, /^(data:[^,]*;base64,)?[A-Za-z0-9+/\n\r]*(?:=[\n\r]*){0,2}$/, `${at}: only clean base64 becomes an image`);
    const prefix = /^data:[^,]*;base64,/.exec(expected)?.[0] ?? '';
    assert.ok(image.equals(Buffer.from(expected.slice(prefix.length), 'base64')), `${at}: the image decodes from the text`);
    return 1;
  }
  if (typeof expected !== 'object' || expected === null) {
    assert.equal(scanned, expected, at);
    return 0;
  }
  let found = 0;
  for (const [key, value] of Object.entries(expected)) {
    found += assertAgrees(value, (scanned as Record<string, unknown>)[key], images, `${at}.${key}`);
  }
  return found;
}

describe('ImageAnswerScanner agrees with JSON.parse over random answers and chunkings', () => {
  test('300 seeded answers, 4 chunkings each', () => {
    let images = 0;
    let texts = 0;
    let refused = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = seeded(seed);
      const text = answerText(random);
      const body = Buffer.from(text, 'utf8');
      let parsed: unknown;
      let parseError = false;
      try {
        parsed = JSON.parse(text);
      } catch {
        parseError = true;
      }
      const outcomes = [1, 2, 3, 4].map(() => scanInChunks(body, random));
      for (const [index, outcome] of outcomes.entries()) {
        const where = `seed ${seed}, chunking ${index + 1}`;
        assert.equal(outcome.error, parseError, `${where}: the scanner and JSON.parse disagree on whether it is JSON`);
        if (!parseError) {
          const found = assertAgrees(parsed, JSON.parse(outcome.skeleton!), outcome.images!, where);
          assert.equal(outcome.skeleton, outcomes[0]!.skeleton, `${where}: the outcome depends on the chunking`);
          images += found;
          texts += found === 0 ? 1 : 0;
        }
      }
      refused += parseError ? 1 : 0;
    }
    // The generator must really produce all three outcomes, or the property is checked on nothing.
    assert.ok(images > 100 && texts > 100 && refused > 20, `images ${images}, text-only answers ${texts}, refused ${refused}`);
  });
});
