import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asBuffer, decodeBase64, encodeBase64, imageSize, isDataUri, sniffImageMime, toDataUri } from '../../../src/core/imageBytes';
import { gif, jpeg, png, webpExtended, webpLossless, webpLossy } from './support/images';

describe('sniffImageMime', () => {
  test('recognises the four formats by their magic bytes', () => {
    assert.equal(sniffImageMime(png(1, 1)), 'image/png');
    assert.equal(sniffImageMime(jpeg(1, 1)), 'image/jpeg');
    assert.equal(sniffImageMime(webpLossy(1, 1)), 'image/webp');
    assert.equal(sniffImageMime(gif(1, 1, '87a')), 'image/gif');
    assert.equal(sniffImageMime(gif(1, 1, '89a')), 'image/gif');
  });

  test('refuses everything else, including near misses', () => {
    assert.equal(sniffImageMime(Buffer.from('<html><body>expired</body></html>')), undefined);
    assert.equal(sniffImageMime(Buffer.from('{"error":{}}')), undefined);
    assert.equal(sniffImageMime(new Uint8Array()), undefined);
    assert.equal(sniffImageMime(png(1, 1).subarray(0, 7)), undefined);
    // A RIFF container that is not WebP (a WAV file).
    assert.equal(sniffImageMime(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), undefined);
    assert.equal(sniffImageMime(Buffer.from('GIF90a')), undefined);
  });
});

describe('imageSize', () => {
  test('reads PNG IHDR', () => {
    assert.deepEqual(imageSize(png(5504, 3072)), { width: 5504, height: 3072 });
  });

  test('reads JPEG SOF after other segments, for baseline and progressive frames', () => {
    assert.deepEqual(imageSize(jpeg(1792, 1024)), { width: 1792, height: 1024 });
    assert.deepEqual(imageSize(jpeg(640, 480, 0xc2)), { width: 640, height: 480 });
  });

  test('reads the three WebP variants', () => {
    assert.deepEqual(imageSize(webpLossy(1376, 768)), { width: 1376, height: 768 });
    assert.deepEqual(imageSize(webpLossless(1024, 1536)), { width: 1024, height: 1536 });
    assert.deepEqual(imageSize(webpExtended(12288, 1536)), { width: 12288, height: 1536 });
  });

  test('reads GIF logical screen size', () => {
    assert.deepEqual(imageSize(gif(300, 200)), { width: 300, height: 200 });
  });

  test('gives up on cut-off or unknown headers instead of guessing', () => {
    assert.equal(imageSize(png(10, 10).subarray(0, 20)), undefined);
    assert.equal(imageSize(jpeg(10, 10).subarray(0, 30)), undefined);
    assert.equal(imageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00])), undefined);
    assert.equal(imageSize(webpLossy(10, 10).subarray(0, 20)), undefined);
    const unknownChunk = webpLossy(10, 10);
    unknownChunk.write('ABCD', 12, 'latin1');
    assert.equal(imageSize(unknownChunk), undefined);
    assert.equal(imageSize(gif(10, 10).subarray(0, 8)), undefined);
    assert.equal(imageSize(Buffer.from('not an image')), undefined);
    const noIhdr = png(10, 10);
    noIhdr.write('IDAT', 12, 'latin1');
    assert.equal(imageSize(noIhdr), undefined);
  });

  test('skips JPEG fill bytes and restart markers', () => {
    const frame = jpeg(33, 44);
    const withFill = Buffer.concat([frame.subarray(0, 2), Buffer.from([0xff, 0xd0]), Buffer.from([0xff]), frame.subarray(2)]);
    assert.deepEqual(imageSize(withFill), { width: 33, height: 44 });
  });
});

describe('base64 helpers', () => {
  test('round-trip bytes, and decode data URIs as plain base64', () => {
    const bytes = png(2, 3);
    const encoded = encodeBase64(bytes);
    assert.deepEqual(decodeBase64(encoded), bytes);
    const uri = toDataUri(bytes, 'image/png');
    assert.ok(uri.startsWith('data:image/png;base64,'));
    assert.ok(isDataUri(uri));
    assert.ok(!isDataUri(encoded));
    assert.deepEqual(decodeBase64(uri), bytes);
  });

  test('asBuffer wraps a Uint8Array view without copying', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    const view = backing.subarray(1, 4);
    const buffer = asBuffer(view);
    assert.deepEqual([...buffer], [1, 2, 3]);
    backing[2] = 7;
    assert.equal(buffer[1], 7);
    assert.equal(asBuffer(buffer), buffer);
  });
});
