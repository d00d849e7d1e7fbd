import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAD_BYTES, readHeadMetadata, type RangedFile } from '../../../src/core/history/headMetadata';
import { embedMetadata } from '../../../src/core/metadata/imageMetadata';
import { JPEG_16x8, WEBP_LOSSY_16x8, WEBP_VP8X_4x4, gradientPng, sampleRecord } from '../metadata/fixtures';

/** A file in memory that records every range read from it. */
function rangedFile(bytes: Uint8Array): RangedFile & { reads: [number, number][] } {
  const reads: [number, number][] = [];
  return {
    size: bytes.length,
    reads,
    read: async (offset, length) => {
      reads.push([offset, length]);
      return bytes.subarray(offset, Math.min(bytes.length, offset + length));
    },
  };
}

const record = sampleRecord();

describe('readHeadMetadata', () => {
  it('finds the record of a large PNG in its first read', async () => {
    const png = embedMetadata(gradientPng(512, 512, 0), 'image/png', record).bytes;
    assert.ok(png.length > 10 * HEAD_BYTES);
    const file = rangedFile(png);
    const read = await readHeadMetadata(file);
    assert.deepEqual(read.record, record);
    assert.deepEqual(file.reads, [[0, HEAD_BYTES]]);
    assert.equal(read.bytesRead, HEAD_BYTES);
  });

  it('reads on to the end of a record chunk the first read cuts through', async () => {
    const long = sampleRecord({ prompt: 'p'.repeat(3 * HEAD_BYTES) });
    const png = embedMetadata(gradientPng(512, 512, 0), 'image/png', long).bytes;
    const read = await readHeadMetadata(rangedFile(png));
    assert.deepEqual(read.record, long);
    assert.ok(read.bytesRead < 4 * HEAD_BYTES + 1024, String(read.bytesRead));
  });

  it('reads a Gemini version whose record carries megabytes of thought signatures', async () => {
    const signature = 'S'.repeat(3_200_000);
    const version = sampleRecord({
      instruction: 'make the sky orange',
      turn: { continues: true, user: [{ text: 'make the sky orange' }], model: [{ image: 'self', signature }] },
    });
    const png = embedMetadata(gradientPng(512, 512, 0), 'image/png', version).bytes;
    const read = await readHeadMetadata(rangedFile(png));
    assert.deepEqual(read.record, version);
    assert.ok(read.bytesRead < signature.length + 2 * HEAD_BYTES, String(read.bytesRead));
  });

  it('reads past a large Exif segment to the XMP behind it in a JPEG', async () => {
    // SOI, an Exif APP1 of 40 KB, then the rest of the JPEG: our XMP lands after the Exif segment.
    const exifPayload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(40_000)]);
    const exif = Buffer.concat([Buffer.from([0xff, 0xe1]), Buffer.from([(exifPayload.length + 2) >> 8, (exifPayload.length + 2) & 0xff]), exifPayload]);
    const jpeg = Buffer.concat([JPEG_16x8.subarray(0, 2), exif, JPEG_16x8.subarray(2)]);
    const withXmp = embedMetadata(jpeg, 'image/jpeg', record);
    assert.equal(withXmp.embedded, true);
    const read = await readHeadMetadata(rangedFile(withXmp.bytes));
    assert.deepEqual(read.record, record);
  });

  it('walks a WebP chunk table to the XMP chunk at its end without reading the image data', async () => {
    // A lossy WebP whose VP8 chunk is padded to 1 MB, so the XMP chunk sits far past the head.
    const vp8 = WEBP_LOSSY_16x8.subarray(20, 20 + WEBP_LOSSY_16x8.readUInt32LE(16));
    const padded = Buffer.concat([vp8, Buffer.alloc(1 << 20)]);
    const chunk = Buffer.concat([Buffer.from('VP8 ', 'latin1'), Buffer.alloc(4), padded]);
    chunk.writeUInt32LE(padded.length, 4);
    const riff = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBP', 'latin1'), chunk]);
    riff.writeUInt32LE(riff.length - 8, 4);
    const withXmp = embedMetadata(riff, 'image/webp', record);
    assert.equal(withXmp.embedded, true);
    const read = await readHeadMetadata(rangedFile(withXmp.bytes));
    assert.deepEqual(read.record, record);
    assert.ok(read.bytesRead < 2 * HEAD_BYTES, String(read.bytesRead));
  });

  it('reads a small extended WebP whole in its first read', async () => {
    const webp = embedMetadata(WEBP_VP8X_4x4, 'image/webp', record).bytes;
    const file = rangedFile(webp);
    assert.deepEqual((await readHeadMetadata(file)).record, record);
    assert.equal(file.reads.length, 1);
  });

  it('finds nothing in an image without a record, or in bytes that are no image', async () => {
    assert.equal((await readHeadMetadata(rangedFile(gradientPng(64, 64)))).record, undefined);
    assert.equal((await readHeadMetadata(rangedFile(JPEG_16x8))).record, undefined);
    assert.equal((await readHeadMetadata(rangedFile(Buffer.from('not an image')))).record, undefined);
    assert.equal((await readHeadMetadata(rangedFile(new Uint8Array(0)))).record, undefined);
  });
});
