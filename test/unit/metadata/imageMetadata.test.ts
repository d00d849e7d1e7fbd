import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embedMetadata, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { InvalidMetadataError, sidecarFor, type MetadataRecord } from '../../../src/core/metadata/record';
import { GIF_1x1, JPEG_16x8, WEBP_LOSSY_16x8, gradientPng, sampleRecord } from './fixtures';

const KEY = 'sk-Zq8rT2vXw9LmN4pB7cD1eF6gH3jK5sA0uY';

describe('embedMetadata / readMetadata', () => {
  it('sends GIF to a sidecar, bytes untouched', () => {
    const result = embedMetadata(GIF_1x1, 'image/gif', sampleRecord());
    assert.deepEqual(result, { embedded: false, bytes: GIF_1x1, reason: 'noMetadataSlot' });
    assert.equal(readMetadata(GIF_1x1), undefined);
  });

  it('does not trust a declared type the bytes contradict', () => {
    for (const [bytes, declared] of [
      [JPEG_16x8, 'image/png'],
      [gradientPng(2, 2), 'image/jpeg'],
      [gradientPng(2, 2), 'image/webp'],
      [WEBP_LOSSY_16x8, 'image/png'],
    ] as const) {
      const result = embedMetadata(bytes, declared, sampleRecord());
      assert.equal(result.embedded, false, declared);
      assert.equal(result.bytes, bytes);
    }
  });

  it('reads nothing from bytes that are no image, or empty', () => {
    assert.equal(readMetadata(new Uint8Array(0)), undefined);
    assert.equal(readMetadata(Buffer.from(sidecarFor(sampleRecord()))), undefined);
  });

  it('accepts a Uint8Array view into a larger buffer', () => {
    const png = gradientPng(3, 3);
    const backing = new Uint8Array(png.length + 10);
    backing.set(png, 5);
    const view = backing.subarray(5, 5 + png.length);
    const out = embedMetadata(view, 'image/png', sampleRecord());
    assert.equal(out.embedded, true);
    assert.deepEqual(readMetadata(new Uint8Array(out.bytes)), sampleRecord());
  });
});

describe('the API key never reaches a file', () => {
  it('takes no key: a fourth argument does not compile, and is not written if forced', () => {
    const png = gradientPng(2, 2);
    // @ts-expect-error embedMetadata has no parameter for a key, and must not grow one.
    const result = embedMetadata(png, 'image/png', sampleRecord(), KEY);
    assert.ok(!Buffer.from(result.bytes).includes(KEY));
  });

  it('refuses a record with a key-looking field, in every format, before writing anything', () => {
    const record = { ...sampleRecord(), apiKey: KEY } as MetadataRecord;
    for (const [bytes, mime] of [
      [gradientPng(2, 2), 'image/png'],
      [JPEG_16x8, 'image/jpeg'],
      [WEBP_LOSSY_16x8, 'image/webp'],
      [GIF_1x1, 'image/gif'],
    ] as const) {
      assert.throws(() => embedMetadata(bytes, mime, record), InvalidMetadataError, mime);
    }
  });

  it('hides no key in a nested place either: options hold only strings and numbers', () => {
    const record = sampleRecord({ options: { auth: { key: KEY } as unknown as string } });
    assert.throws(() => embedMetadata(gradientPng(2, 2), 'image/png', record), InvalidMetadataError);
  });
});
