import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metadataForSaving } from '../../../src/core/metadata/metadataForSaving';
import { metadataRecordFor, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { imageSize } from '../../../src/core/imageBytes';
import type { ImageMime } from '../../../src/core/types';
import { gif, jpeg, png } from '../core/support/images';

const KEY = 'sk-test-Zq8RkL2mN5pV7wX9';

function recordFor(bytes: Uint8Array, prompt = 'a fox') {
  const size = imageSize(bytes);
  return () =>
    metadataRecordFor({
      request: { model: 'dall-e-3', prompt, aspectRatio: '1:1', resolution: '1K' },
      model: 'dall-e-3',
      createdAt: new Date(0),
      width: size?.width,
      height: size?.height,
      texts: [],
    });
}

describe('metadataForSaving: the image is never lost to its metadata', () => {
  const cases: [string, Buffer, ImageMime][] = [
    ['a JPEG whose frame height is 0 (set later by DNL)', jpeg(8, 0), 'image/jpeg'],
    ['a GIF of 0×0', gif(0, 0), 'image/gif'],
  ];
  for (const [name, bytes, mime] of cases) {
    test(`${name}: saved unchanged, with a note why`, () => {
      const saved = metadataForSaving(bytes, mime, recordFor(bytes), KEY);
      assert.deepEqual(Buffer.from(saved.bytes), bytes);
      assert.match(saved.note ?? '', /metadata left out/);
    });
  }

  test('a writer or record that throws for any reason, or a key in the record, leaves the image as it is', () => {
    const bytes = png(4, 4);
    const throwing = metadataForSaving(bytes, 'image/png', () => {
      throw new RangeError('offset out of bounds');
    }, KEY);
    assert.deepEqual(Buffer.from(throwing.bytes), bytes);
    assert.match(throwing.note ?? '', /RangeError: offset out of bounds/);
    const leaking = metadataForSaving(bytes, 'image/png', recordFor(bytes, `a fox ${KEY}`), KEY);
    assert.deepEqual(Buffer.from(leaking.bytes), bytes);
    assert.doesNotMatch(leaking.note ?? '', new RegExp(KEY));
  });

  test('an ordinary image gets its metadata inside', () => {
    const bytes = png(4, 4);
    const saved = metadataForSaving(bytes, 'image/png', recordFor(bytes), KEY);
    assert.equal(saved.note, undefined);
    assert.equal(readMetadata(saved.bytes)?.prompt, 'a fox');
  });
});
