import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { ImageAnswerScanner, imageOfPlaceholder, type ScannedAnswer } from '../../../src/core/http/imageAnswerScanner';

/**
 * The scanner must give what `JSON.parse` and `Buffer.from(…, 'base64')` give, however the body is cut into
 * chunks. Written to move to test/unit/core/ with the scanner; until then, after `npm run compile-tests`:
 * `node --test out/bench/prototype/`.
 */

const CHUNK_SIZES = [1, 2, 3, 5, 7, 64, 1000, 4096, 65536, 1 << 20];
const base64Of = (bytes: number): string => randomBytes(bytes).toString('base64');

function scan(json: string, chunkSize: number): ScannedAnswer {
  const body = Buffer.from(json, 'utf8');
  const scanner = new ImageAnswerScanner(body.length);
  for (let at = 0; at < body.length; at += chunkSize) {
    // A copy per chunk, as a stream hands them over.
    scanner.feed(new Uint8Array(body.subarray(at, at + chunkSize)));
  }
  return scanner.end();
}

/** Walks the expected answer beside the scanned one: image strings must decode alike, everything else be equal. */
function assertSameAnswer(expected: unknown, actual: unknown, images: readonly Buffer[], at = '$'): number {
  if (typeof expected === 'string') {
    const image = typeof actual === 'string' ? imageOfPlaceholder(actual, images) : undefined;
    if (!image) {
      assert.equal(actual, expected, at);
      return 0;
    }
    const prefix = /^data:[^,]*;base64,/.exec(expected)?.[0] ?? '';
    assert.ok((actual as string).startsWith(prefix), `${at}: the data URI prefix is kept`);
    assert.ok(image.equals(Buffer.from(expected.slice(prefix.length), 'base64')), `${at}: the decoded image differs`);
    return 1;
  }
  if (typeof expected !== 'object' || expected === null) {
    assert.equal(actual, expected, at);
    return 0;
  }
  let found = 0;
  for (const [key, value] of Object.entries(expected)) {
    found += assertSameAnswer(value, (actual as Record<string, unknown>)[key], images, `${at}.${key}`);
  }
  return found;
}

function check(json: string, imagesExpected: number, chunkSizes = CHUNK_SIZES): void {
  for (const size of chunkSizes) {
    const { json: skeleton, images } = scan(json, size);
    assert.equal(assertSameAnswer(JSON.parse(json), JSON.parse(skeleton), images), imagesExpected, `chunks of ${size}`);
  }
}

describe('ImageAnswerScanner', () => {
  test('an OpenAI answer: the image is decoded, the rest (Chinese, escaped quotes) kept', () => {
    check(JSON.stringify({ created: 1, data: [{ b64_json: base64Of(20_000), revised_prompt: '一只猫 "quoted" \\ back' }] }), 1);
  });

  test('a Gemini answer, pretty-printed, with a text part before the image', () => {
    const parts = [{ text: 'Here it is:\n' }, { inlineData: { mimeType: 'image/png', data: base64Of(10_001) } }];
    check(JSON.stringify({ candidates: [{ content: { parts } }], usageMetadata: { totalTokenCount: 1 } }, null, 2), 1);
  });

  test('several images, a data URI in `url`, and a real URL left alone', () => {
    const data = [{ b64_json: base64Of(9_000) }, { b64_json: base64Of(9_002) }, { url: `data:image/png;base64,${base64Of(6_000)}` }, { url: 'https://cdn.example/a.png' }];
    check(JSON.stringify({ data }), 3);
  });

  test('escapes a gateway may add: \\/ (PHP), \\n (wrapped base64), \\u0041', () => {
    check(JSON.stringify({ data: [{ b64_json: base64Of(12_000) }] }).replace(/\//g, '\\/'), 1);
    check(JSON.stringify({ data: [{ b64_json: base64Of(12_000).replace(/(.{76})/g, '$1\n') }] }), 1);
    check(JSON.stringify({ data: [{ b64_json: base64Of(9_000) }] }).replace(/A/g, '\\u0041'), 1, [1, 3, 7, 100, 65536]);
  });

  test('base64 with stray spaces past the first characters decodes as Node decodes it', () => {
    check(JSON.stringify({ data: [{ b64_json: `${base64Of(6_000)} ${base64Of(6_000)} ${base64Of(3_001)}` }] }), 1);
  });

  test('what is not an image stays text: short base64, long prose, other keys', () => {
    check(JSON.stringify({ data: [{ b64_json: base64Of(100) }] }), 0);
    check(JSON.stringify({ data: [{ b64_json: 'not base64 '.repeat(1_000) }], other: 'a'.repeat(10_000) }), 0);
    check(JSON.stringify({ candidates: [{ content: { parts: [{ thoughtSignature: base64Of(9_000), text: 't' }] } }] }), 0);
  });

  test('an answer cut off inside a string is an error', () => {
    const scanner = new ImageAnswerScanner();
    scanner.feed(Buffer.from(`{"data":[{"b64_json":"${base64Of(9_000)}`));
    assert.throws(() => scanner.end(), /ends inside a string/);
  });

  test('an image needs no more memory than its own size, and no copy once complete', () => {
    const image = randomBytes(3_000_000);
    const json = JSON.stringify({ data: [{ b64_json: image.toString('base64') }] });
    const { images } = scan(json, 65536);
    assert.ok(images[0]!.equals(image));
    assert.ok(images[0]!.buffer.byteLength <= image.length + 64 * 1024, 'the buffer was sized from Content-Length');
  });
});
