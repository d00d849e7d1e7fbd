import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageSize } from '../../../src/core/imageBytes';
import { embedMetadata, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { XMP_NAMESPACE } from '../../../src/core/metadata/xmp';
import { WEBP_LOSSLESS_16x8, WEBP_LOSSLESS_ALPHA_4x4, WEBP_LOSSY_16x8, WEBP_VP8X_4x4, riffChunks, sampleRecord } from './fixtures';

const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;

function embedWebp(webp: Uint8Array, record = sampleRecord()): Buffer {
  const result = embedMetadata(webp, 'image/webp', record);
  assert.equal(result.embedded, true);
  return Buffer.from(result.bytes);
}

/** A RIFF WEBP file from whole chunks, with a correct RIFF size. */
function riff(...chunks: { fourcc: string; data: Buffer }[]): Buffer {
  const body = chunks.map(({ fourcc, data }) => {
    const head = Buffer.alloc(8);
    head.write(fourcc, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
  });
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.reduce((n, b) => n + b.length, 0), 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, ...body]);
}

describe('WebP metadata', () => {
  it('adds an XMP chunk at the end of a VP8X file and sets only the XMP flag', () => {
    const record = sampleRecord({ prompt: '樱花树下的狐狸 🦊' });
    const out = embedWebp(WEBP_VP8X_4x4, record);
    const chunks = riffChunks(out);
    assert.deepEqual(
      chunks.map((c) => c.fourcc),
      ['VP8X', 'ALPH', 'VP8 ', 'XMP '],
    );
    const before = riffChunks(WEBP_VP8X_4x4);
    assert.equal(chunks[0]!.data[0], before[0]!.data[0]! | XMP_FLAG);
    assert.deepEqual(chunks[0]!.data.subarray(1), before[0]!.data.subarray(1));
    assert.deepEqual(chunks[1]!.data, before[1]!.data);
    assert.deepEqual(chunks[2]!.data, before[2]!.data);
    assert.ok(chunks[3]!.data.toString('utf8').includes(XMP_NAMESPACE));
    assert.deepEqual(readMetadata(out), record);
    assert.deepEqual(imageSize(out), { width: 4, height: 4 });
  });

  for (const [name, webp, width, height, alpha] of [
    ['lossy VP8', WEBP_LOSSY_16x8, 16, 8, false],
    ['lossless VP8L', WEBP_LOSSLESS_16x8, 16, 8, false],
    ['lossless VP8L with alpha', WEBP_LOSSLESS_ALPHA_4x4, 4, 4, true],
  ] as const) {
    it(`turns a simple ${name} file into VP8X with the bitstream's canvas size`, () => {
      const out = embedWebp(webp);
      const chunks = riffChunks(out);
      assert.deepEqual(
        chunks.map((c) => c.fourcc),
        ['VP8X', riffChunks(webp)[0]!.fourcc, 'XMP '],
      );
      const vp8x = chunks[0]!.data;
      assert.equal(vp8x.length, 10);
      assert.equal(vp8x[0], XMP_FLAG | (alpha ? ALPHA_FLAG : 0));
      assert.deepEqual(vp8x.subarray(1, 4), Buffer.alloc(3));
      assert.equal(vp8x.readUIntLE(4, 3) + 1, width);
      assert.equal(vp8x.readUIntLE(7, 3) + 1, height);
      assert.deepEqual(chunks[1]!.data, riffChunks(webp)[0]!.data);
      assert.deepEqual(imageSize(out), { width, height });
      assert.deepEqual(readMetadata(out), sampleRecord());
    });
  }

  it('replaces its own XMP chunk instead of adding a second, and pads odd sizes', () => {
    const first = embedWebp(WEBP_LOSSY_16x8, sampleRecord({ prompt: 'first' }));
    const second = embedWebp(first, sampleRecord({ prompt: 'second' }));
    assert.deepEqual(
      riffChunks(second).map((c) => c.fourcc),
      ['VP8X', 'VP8 ', 'XMP '],
    );
    assert.equal(readMetadata(second)?.prompt, 'second');
    const odd = [first, second].find((file) => riffChunks(file)[2]!.data.length % 2 === 1);
    assert.ok(odd, 'one of the two packets has an odd length');
    assert.equal(odd[odd.length - 1], 0, 'the pad byte is zero');
  });

  it('leaves another tool’s XMP alone and asks for a sidecar', () => {
    const vp8x = riffChunks(WEBP_VP8X_4x4)[0]!.data;
    const foreign = riff(
      { fourcc: 'VP8X', data: Buffer.from([vp8x[0]! | XMP_FLAG, ...vp8x.subarray(1)]) },
      ...riffChunks(WEBP_VP8X_4x4).slice(1),
      { fourcc: 'XMP ', data: Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>') },
    );
    assert.deepEqual(embedMetadata(foreign, 'image/webp', sampleRecord()), { embedded: false, bytes: foreign, reason: 'foreignMetadata' });
    assert.equal(readMetadata(foreign), undefined);
  });

  it('does not embed into files whose structure does not add up', () => {
    const cases: Record<string, Buffer> = {
      truncated: WEBP_VP8X_4x4.subarray(0, WEBP_VP8X_4x4.length - 3),
      'RIFF size too small': (() => {
        const b = Buffer.from(WEBP_LOSSY_16x8);
        b.writeUInt32LE(b.readUInt32LE(4) - 10, 4);
        return b;
      })(),
      'no chunks': riff(),
      'unknown first chunk': riff({ fourcc: 'ABCD', data: Buffer.alloc(4) }),
      'short VP8X': riff({ fourcc: 'VP8X', data: Buffer.alloc(4) }),
      'VP8 without start code': riff({ fourcc: 'VP8 ', data: Buffer.alloc(20) }),
      'VP8L without signature': riff({ fourcc: 'VP8L', data: Buffer.alloc(20) }),
      'VP8 too short to size': riff({ fourcc: 'VP8 ', data: Buffer.from([0, 0, 0, 0x9d, 0x01, 0x2a, 0, 0, 0, 0]) }),
    };
    for (const [name, webp] of Object.entries(cases)) {
      const result = embedMetadata(webp, 'image/webp', sampleRecord());
      assert.deepEqual(result, { embedded: false, bytes: webp, reason: 'unreadableImage' }, name);
    }
  });

  it('reads what is intact from a cut file and never throws', () => {
    const out = embedWebp(WEBP_VP8X_4x4);
    for (let cut = 0; cut < out.length; cut += 9) {
      assert.equal(readMetadata(out.subarray(0, cut)), undefined, `cut at ${cut}`);
    }
    assert.deepEqual(readMetadata(Buffer.concat([out, Buffer.from('trailing junk')])), sampleRecord());
  });
});
