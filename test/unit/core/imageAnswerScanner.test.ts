import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { isDmxApiError } from '../../../src/core/errors';
import { ImageAnswerScanner, imageOfPlaceholder, type ScannedAnswer } from '../../../src/core/http/imageAnswerScanner';

/**
 * The scanner must give what `JSON.parse` and `Buffer.from(…, 'base64')` give, however the body is cut into
 * chunks. The randomized comparison with `JSON.parse` is in imageAnswerScannerAgreement.test.ts.
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

  test('base64 with stray spaces past the first characters is not clean: it stays text, whatever the chunking', () => {
    check(JSON.stringify({ data: [{ b64_json: `${base64Of(6_000)} ${base64Of(6_000)} ${base64Of(3_001)}` }] }), 0);
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

  test('a text part of 100,000 JSON escapes (Chinese as Python writes it) reads as JSON.parse reads it', () => {
    // The reported answer was 478 KB; one Buffer per escape spread into a call overflowed the stack.
    const chinese = '一只在灯下读书的水彩狐狸。'.repeat(10_000).slice(0, 100_000);
    const pythonStyle = JSON.stringify(chinese).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const parts = `[{"text": ${pythonStyle}}, {"inlineData": {"mimeType": "image/png", "data": "${base64Of(9_000)}"}}]`;
    const json = `{"candidates": [{"content": {"parts": ${parts}}}]}`;
    assert.ok(json.length > 600_000);
    check(json, 1, [1000, 65536, 1 << 20]);
  });

  test('a data URI in a Gemini text part is an image; ordinary text, and a data URI of something else, stay text', () => {
    const image = `data:image/png;base64,${base64Of(9_000)}`;
    const parts = [{ text: 'Here it is:' }, { text: image }, { text: `data:text/plain;base64,${base64Of(9_000)}` }, { text: 'x'.repeat(9_000) }];
    check(JSON.stringify({ candidates: [{ content: { parts } }] }), 1);
    const { json } = scan(JSON.stringify({ candidates: [{ content: { parts } }] }), 4096);
    assert.ok(json.length < 30_000, 'only the image was taken out of the text');
  });

  test('an absurd Content-Length does not size the image buffer', () => {
    const image = randomBytes(50_000);
    const body = Buffer.from(JSON.stringify({ data: [{ b64_json: image.toString('base64') }] }));
    const scanner = new ImageAnswerScanner(4_000_000_000);
    const before = process.memoryUsage().arrayBuffers;
    // Half the body: the image's buffer exists now, sized from the header.
    scanner.feed(body.subarray(0, body.length / 2));
    const reserved = process.memoryUsage().arrayBuffers - before;
    assert.ok(reserved <= 65 * 1024 * 1024, `reserved ${reserved} bytes for a 50 KB image`);
    scanner.feed(body.subarray(body.length / 2));
    assert.ok(scanner.end().images[0]!.equals(image));
  });

  test('text around the images is bounded: too many strings, or too many bytes, is refused', () => {
    const many = new ImageAnswerScanner();
    const tiny = Buffer.from('"a",'.repeat(10_000));
    many.feed(Buffer.from('{"x":['));
    assert.throws(
      () => {
        for (let i = 0; i < 100; i++) many.feed(tiny);
      },
      (error: unknown) => isDmxApiError(error, 'malformedResponse') && /more than 100000 strings/.test(error.message),
    );
    const long = new ImageAnswerScanner();
    long.feed(Buffer.from('{"x":"'));
    const prose = Buffer.from('lorem ipsum '.repeat(100_000));
    assert.throws(
      () => {
        for (let i = 0; i < 5; i++) long.feed(prose);
      },
      (error: unknown) => isDmxApiError(error, 'tooLarge') && error.info.kind === 'tooLarge' && error.info.what === 'answerText',
    );
  });
});
