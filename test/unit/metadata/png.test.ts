import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { encodePng, rowBytes } from '../../fake-dmxapi/png';
import { imageSize } from '../../../src/core/imageBytes';
import { embedMetadata, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { PNG_KEYWORD } from '../../../src/core/metadata/pngMetadata';
import { gradientPng, pngChunk, pngChunks, pngPixels, sampleRecord, withChunksAfterIhdr } from './fixtures';

const ours = (png: Uint8Array) => pngChunks(png).filter((c) => c.type === 'iTXt' && c.data.toString('latin1').startsWith(`${PNG_KEYWORD}\0`));

function embedPng(png: Uint8Array, record = sampleRecord()): Buffer {
  const result = embedMetadata(png, 'image/png', record);
  assert.equal(result.embedded, true);
  return Buffer.from(result.bytes);
}

describe('PNG metadata', () => {
  const png = gradientPng(37, 21);

  it('round-trips the record', () => {
    const record = sampleRecord();
    assert.deepEqual(readMetadata(embedPng(png, record)), record);
  });

  it('keeps a Chinese prompt with emoji, UTF-8 in the chunk', () => {
    const prompt = '赛博朋克风格的上海外滩夜景，霓虹灯倒映在黄浦江上 🌃🐉👨‍👩‍👧 — “引号” & <tags>';
    const out = embedPng(png, sampleRecord({ prompt, texts: ['好的！🎨'] }));
    assert.equal(readMetadata(out)?.prompt, prompt);
    assert.equal(readMetadata(out)?.texts?.[0], '好的！🎨');
    assert.ok(ours(out)[0]!.data.includes(Buffer.from('黄浦江', 'utf8')), 'the text is raw UTF-8, not escaped');
  });

  it('writes a valid iTXt: keyword, flags, empty language and translated keyword', () => {
    assert.match(PNG_KEYWORD, /^[\x20-\x7e\xa1-\xff]{1,79}$/);
    assert.doesNotMatch(PNG_KEYWORD, /^ | $| {2}/);
    const chunk = ours(embedPng(png))[0]!;
    const head = Buffer.concat([Buffer.from(PNG_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0])]);
    assert.deepEqual(chunk.data.subarray(0, head.length), head);
    assert.deepEqual(JSON.parse(chunk.data.subarray(head.length).toString('utf8')), sampleRecord());
  });

  it('puts the chunk right after IHDR and every CRC checks', () => {
    const chunks = pngChunks(embedPng(png));
    assert.deepEqual(
      chunks.map((c) => c.type),
      ['IHDR', 'iTXt', 'IDAT', 'IEND'],
    );
    for (const chunk of chunks) assert.equal(chunk.crcOk, true, `${chunk.type} CRC`);
  });

  it('leaves the image decodable and its pixels unchanged', () => {
    const out = embedPng(png);
    const pixels = pngPixels(out);
    assert.equal(pixels.length, 21 * (1 + 3 * 37));
    assert.deepEqual(pixels, pngPixels(png));
    assert.deepEqual(imageSize(out), { width: 37, height: 21 });
  });

  it('does not modify the input buffer', () => {
    const copy = Buffer.from(png);
    embedPng(png);
    assert.deepEqual(png, copy);
  });

  it('replaces its own chunk instead of adding a second, wherever the first one sat', () => {
    const first = embedPng(png, sampleRecord({ prompt: 'first' }));
    const second = embedPng(first, sampleRecord({ prompt: 'second' }));
    assert.equal(ours(second).length, 1);
    assert.equal(readMetadata(second)?.prompt, 'second');
    assert.equal(second.length - first.length, 'second'.length - 'first'.length);

    // One of ours left before IEND by another tool that moved chunks around.
    const iend = first.length - 12;
    const moved = Buffer.concat([png.subarray(0, png.length - 12), ours(first).map((c) => pngChunk('iTXt', c.data))[0]!, first.subarray(iend)]);
    const third = embedPng(moved, sampleRecord({ prompt: 'third' }));
    assert.deepEqual(
      pngChunks(third).map((c) => c.type),
      ['IHDR', 'iTXt', 'IDAT', 'IEND'],
    );
    assert.equal(readMetadata(third)?.prompt, 'third');
  });

  it('keeps foreign text chunks, including an iTXt whose keyword only starts like ours', () => {
    const foreign = [
      pngChunk('tEXt', Buffer.from('Software\0some editor', 'latin1')),
      pngChunk('iTXt', Buffer.from(`${PNG_KEYWORD}-x\0\0\0\0\0hello`, 'latin1')),
      pngChunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1')),
    ];
    const source = withChunksAfterIhdr(png, ...foreign);
    const out = embedPng(source);
    const chunks = pngChunks(out);
    assert.deepEqual(
      chunks.map((c) => c.type),
      ['IHDR', 'iTXt', 'tEXt', 'iTXt', 'iTXt', 'IDAT', 'IEND'],
    );
    assert.equal(out.length, source.length + 12 + PNG_KEYWORD.length + 5 + Buffer.byteLength(JSON.stringify(sampleRecord())));
    assert.deepEqual(readMetadata(out), sampleRecord());
  });

  it('reads a compressed iTXt of ours, written by another tool', () => {
    const text = deflateSync(Buffer.from(JSON.stringify(sampleRecord({ prompt: '压缩的' })), 'utf8'));
    const chunk = pngChunk('iTXt', Buffer.concat([Buffer.from(`${PNG_KEYWORD}\0\x01\x00zh\0提示\0`, 'utf8'), text]));
    assert.equal(readMetadata(withChunksAfterIhdr(png, chunk))?.prompt, '压缩的');
  });

  it('reads nothing from a PNG without our chunk, or with a chunk that is not a record', () => {
    assert.equal(readMetadata(png), undefined);
    const notRecord = pngChunk('iTXt', Buffer.from(`${PNG_KEYWORD}\0\0\0\0\0{"v":1}`, 'latin1'));
    const badFlags = pngChunk('iTXt', Buffer.from(`${PNG_KEYWORD}\0\x02\0\0\0{}`, 'latin1'));
    const noTerminator = pngChunk('iTXt', Buffer.from(`${PNG_KEYWORD}\0\0\0en`, 'latin1'));
    const badUtf8 = pngChunk('iTXt', Buffer.concat([Buffer.from(`${PNG_KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from([0xc3, 0x28])]));
    const badDeflate = pngChunk('iTXt', Buffer.from(`${PNG_KEYWORD}\0\x01\0\0\0not deflate`, 'latin1'));
    for (const chunk of [notRecord, badFlags, noTerminator, badUtf8, badDeflate]) {
      assert.equal(readMetadata(withChunksAfterIhdr(png, chunk)), undefined);
    }
  });

  it('skips our chunk when its CRC is wrong, and takes a later intact one', () => {
    const out = embedPng(png);
    const corrupt = Buffer.from(out);
    corrupt[corrupt.indexOf('lighthouse')] ^= 0x01; // still valid JSON and a valid record: only the CRC tells
    assert.equal(readMetadata(corrupt), undefined);
    const intact = pngChunk('iTXt', ours(embedPng(png, sampleRecord({ prompt: 'later' })))[0]!.data);
    const both = Buffer.concat([corrupt.subarray(0, corrupt.length - 12), intact, corrupt.subarray(corrupt.length - 12)]);
    assert.equal(readMetadata(both)?.prompt, 'later');
  });

  it('survives truncation: reads what is intact, never throws, and does not embed into a cut file', () => {
    const out = embedPng(png);
    const chunkEnd = 33 + ours(out)[0]!.data.length + 12;
    for (let cut = 0; cut < out.length; cut += 7) {
      const truncated = out.subarray(0, cut);
      const record = readMetadata(truncated);
      assert.deepEqual(record, cut >= chunkEnd ? sampleRecord() : undefined, `cut at ${cut}`);
    }
    const cutSource = png.subarray(0, png.length - 5);
    const result = embedMetadata(cutSource, 'image/png', sampleRecord());
    assert.deepEqual(result, { embedded: false, bytes: cutSource, reason: 'unreadableImage' });
  });

  it('does not embed when IHDR is not first or the length field lies', () => {
    const noIhdr = Buffer.concat([png.subarray(0, 8), png.subarray(33)]);
    assert.equal(embedMetadata(noIhdr, 'image/png', sampleRecord()).embedded, false);
    const lying = Buffer.from(png);
    lying.writeUInt32BE(0xffffffff, 33);
    assert.equal(embedMetadata(lying, 'image/png', sampleRecord()).embedded, false);
    assert.equal(readMetadata(lying), undefined);
  });

  it('embeds into a 20 MB PNG with one buffer of the final size', (t) => {
    const big = encodePng(2600, 2600, Buffer.alloc(2600 * rowBytes(2600)), 0);
    assert.ok(big.length > 20_000_000);
    const started = performance.now();
    const result = embedMetadata(big, 'image/png', sampleRecord());
    const elapsed = performance.now() - started;
    const out = result.bytes;
    const expected = big.length + 12 + PNG_KEYWORD.length + 5 + Buffer.byteLength(JSON.stringify(sampleRecord()));
    assert.equal(out.length, expected);
    assert.equal(out.buffer.byteLength, expected, 'the output owns exactly one allocation of the final length');
    assert.notEqual(out.buffer, big.buffer);
    assert.deepEqual(readMetadata(out), sampleRecord());
    t.diagnostic(`embedded into ${(big.length / 1e6).toFixed(1)} MB in ${elapsed.toFixed(1)} ms`);
  });
});
