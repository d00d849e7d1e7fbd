import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImageFactory, reduce } from '../../fake-dmxapi/imageFactory';
import { crc32, encodePng, rowBytes } from '../../fake-dmxapi/png';
import { solidJpeg, solidWebp } from '../../fake-dmxapi/solidImages';
import { jpegSize, parsePng, webpSize } from './pngReader';

describe('PNG encoder', () => {
  test('CRC-32 matches the published check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('6789'), crc32(Buffer.from('12345'))), 0xcbf43926);
  });

  test('writes signature, IHDR, IDAT, IEND with valid CRCs and the exact pixel size', () => {
    const png = new ImageFactory('pattern').make(37, 11).bytes;
    const parsed = parsePng(png);
    assert.equal(parsed.width, 37);
    assert.equal(parsed.height, 11);
    assert.equal(parsed.bitDepth, 8);
    assert.equal(parsed.colourType, 2);
    assert.deepEqual(parsed.chunkTypes, ['IHDR', 'IDAT', 'IEND']);
    assert.equal(parsed.raw.length, 11 * (1 + 3 * 37));
    for (let y = 0; y < 11; y++) assert.equal(parsed.raw[y * rowBytes(37)], 0, `row ${y} filter byte`);
  });

  test('a flipped byte is caught by the reader (the check can fail)', () => {
    const png = Buffer.from(new ImageFactory('pattern').make(8, 8).bytes);
    png[20] ^= 0xff; // inside IHDR data
    assert.throws(() => parsePng(png), /bad CRC/);
  });

  test('refuses raw data of the wrong length', () => {
    assert.throws(() => encodePng(4, 4, Buffer.alloc(10), 1), /want 52/);
  });

  test('two pattern images of one size differ', () => {
    const factory = new ImageFactory('pattern');
    const a = parsePng(factory.make(64, 64).bytes).raw;
    const b = parsePng(factory.make(64, 64).bytes).raw;
    assert.notDeepEqual(a, b);
  });

  test('noise is incompressible, split over several IDATs and cached per size', () => {
    const factory = new ImageFactory('noise');
    const first = factory.make(1024, 1024).bytes;
    const parsed = parsePng(first, { checkCrc: false });
    assert.ok(first.length > 1024 * 1024 * 3, `a noise PNG is at least its raw size, got ${first.length}`);
    assert.ok(parsed.chunkTypes.filter((t) => t === 'IDAT').length > 1);
    assert.equal(parsed.raw.length, 1024 * (1 + 3 * 1024));
    assert.equal(factory.make(1024, 1024).bytes, first, 'the same buffer comes back for the same size');
    assert.notEqual(factory.make(1024, 512).bytes, first);
  });

  test('size reduction divides and rounds up, never below one pixel', () => {
    assert.equal(reduce(1376, 16), 86);
    assert.equal(reduce(424, 16), 27);
    assert.equal(reduce(5, 16), 1);
    assert.equal(reduce(1024, 1), 1024);
  });
});

describe('JPEG and WebP for gpt-image output_format', () => {
  test('JPEG carries the asked size and starts and ends with SOI / EOI', () => {
    const jpeg = new ImageFactory('pattern').make(1536, 1024, 'jpeg');
    assert.equal(jpeg.mimeType, 'image/jpeg');
    assert.deepEqual(jpegSize(jpeg.bytes), { width: 1536, height: 1024 });
    assert.deepEqual([...jpeg.bytes.subarray(-2)], [0xff, 0xd9]);
  });

  test('JPEG entropy data holds two bits per 8×8 block and no stray 0xFF', () => {
    const jpeg = solidJpeg(17, 9, 'x'); // 3 × 2 blocks = 12 bits = 2 bytes
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    const entropy = jpeg.subarray(sos + 2 + jpeg.readUInt16BE(sos + 2), jpeg.length - 2);
    assert.deepEqual([...entropy], [0x00, 0x0f]);
  });

  test('WebP carries the asked size in its VP8L header and a consistent RIFF size', () => {
    const webp = new ImageFactory('pattern').make(1024, 1536, 'webp');
    assert.equal(webp.mimeType, 'image/webp');
    assert.deepEqual(webpSize(webp.bytes), { width: 1024, height: 1536 });
    assert.equal(solidWebp(3, 5, [1, 2, 3]).length % 2, 0, 'RIFF chunks are padded to even length');
  });
});
