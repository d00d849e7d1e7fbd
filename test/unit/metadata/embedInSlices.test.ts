import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { imageWithMetadata, imageWithMetadataInSlices } from '../../../src/core/imageWithMetadata';
import { LoopBudget } from '../../../src/core/loopBudget';
import { applyEdits, applyEditsInSlices, insertion, removal } from '../../../src/core/metadata/byteEdits';
import { embedMetadata, embedMetadataInSlices, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { metadataForSaving, metadataForSavingInSlices } from '../../../src/core/metadata/metadataForSaving';
import type { GeneratedImage } from '../../../src/core/types';
import { GIF_1x1, JPEG_16x8, WEBP_LOSSLESS_16x8, WEBP_LOSSY_16x8, gradientPng, pngChunk, sampleRecord, withChunksAfterIhdr } from './fixtures';

/**
 * The sliced embedding must give byte for byte what the one-piece embedding gives, and must really let the event
 * loop in while it copies: a `setImmediate` queued when it starts has run by the time it resolves.
 */

const KEY = 'sk-Zq8rT2vXw9LmN4pB7cD1eF6gH3jK5sA0uY';

/** Runs `work` and says whether the event loop had a turn (a macrotask ran) before it resolved. */
async function loopTurnedDuring<T>(work: () => Promise<T>): Promise<{ value: T; turned: boolean }> {
  let turned = false;
  const immediate = setImmediate(() => {
    turned = true;
  });
  const value = await work();
  clearImmediate(immediate);
  return { value, turned };
}

/** A PNG of several MB: a real head, then a large chunk of noise the writers copy untouched. */
const largePng = (): Buffer => withChunksAfterIhdr(gradientPng(4, 4), pngChunk('zzNz', randomBytes(5 << 20)));

describe('embedding in slices', () => {
  it('applyEditsInSlices gives what applyEdits gives, across slice boundaries', async () => {
    const source = randomBytes((3 << 20) + 12345);
    const text = (s: string) => (out: Buffer, at: number) => void out.write(s, at, 'latin1');
    const edits = [insertion(0, 2, text('<<')), removal({ start: 1 << 20, end: (1 << 20) + 7 }), insertion(2_500_000, 3, text('mid')), insertion(source.length, 1, text('$'))];
    const whole = applyEdits(source, edits);
    const sliced = await applyEditsInSlices(source, edits, new LoopBudget(0));
    assert.ok(sliced.equals(whole));
  });

  it('lets the event loop in while it copies a large image', async () => {
    const png = largePng();
    const { value, turned } = await loopTurnedDuring(() => embedMetadataInSlices(png, 'image/png', sampleRecord()));
    assert.ok(turned, 'no macrotask ran during the copy');
    assert.ok(Buffer.from(value.bytes).equals(Buffer.from(embedMetadata(png, 'image/png', sampleRecord()).bytes)));
  });

  it('gives the same result as embedMetadata for every format, and for those it cannot embed in', async () => {
    for (const [bytes, mime] of [
      [gradientPng(3, 3), 'image/png'],
      [JPEG_16x8, 'image/jpeg'],
      [WEBP_LOSSY_16x8, 'image/webp'],
      [WEBP_LOSSLESS_16x8, 'image/webp'],
      [GIF_1x1, 'image/gif'],
      [JPEG_16x8, 'image/png'],
    ] as const) {
      const whole = embedMetadata(bytes, mime, sampleRecord());
      const sliced = await embedMetadataInSlices(bytes, mime, sampleRecord());
      assert.deepEqual({ ...sliced, bytes: Buffer.from(sliced.bytes) }, { ...whole, bytes: Buffer.from(whole.bytes) }, mime);
    }
  });

  it('metadataForSavingInSlices and imageWithMetadataInSlices agree with their one-piece versions, the input untouched', async () => {
    const png = largePng();
    const copy = Buffer.from(png);
    const record = () => sampleRecord();
    const sliced = await metadataForSavingInSlices(png, 'image/png', record, KEY);
    assert.ok(Buffer.from(sliced.bytes).equals(Buffer.from(metadataForSaving(png, 'image/png', record, KEY).bytes)));
    assert.equal(readMetadata(sliced.bytes)?.prompt, sampleRecord().prompt);
    assert.ok(png.equals(copy), 'the input was modified');

    const leaking = await metadataForSavingInSlices(png, 'image/png', () => sampleRecord({ prompt: `a fox ${KEY}` }), KEY);
    assert.equal(leaking.bytes, png);
    assert.match(leaking.note ?? '', /metadata left out/);

    const image: GeneratedImage = { bytes: png, mimeType: 'image/png', source: 'base64', width: 4, height: 4 };
    const facts = { request: { model: 'dall-e-3', prompt: 'a fox', aspectRatio: '1:1', resolution: '1K' }, model: 'dall-e-3', texts: [], createdAt: 0, apiKey: KEY };
    const ready = await imageWithMetadataInSlices(image, facts);
    assert.ok(Buffer.from(ready.image.bytes).equals(Buffer.from(imageWithMetadata(image, facts).image.bytes)));
    assert.equal(readMetadata(ready.image.bytes)?.prompt, 'a fox');
  });
});
