import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageSize } from '../../../src/core/imageBytes';
import { embedMetadata, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { XMP_NAMESPACE } from '../../../src/core/metadata/xmp';
import { JPEG_16x8, jpegSegments, sampleRecord, type TestSegment } from './fixtures';

const XMP_SIGNATURE = 'http://ns.adobe.com/xap/1.0/\0';
const isXmp = (s: TestSegment) => s.marker === 0xe1 && s.payload.toString('latin1').startsWith(XMP_SIGNATURE);

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

const xmpSegment = (packet: string) => segment(0xe1, Buffer.concat([Buffer.from(XMP_SIGNATURE, 'latin1'), Buffer.from(packet, 'utf8')]));

/** SOI + the given segments + everything of the fixture after its JFIF APP0. */
const jpegWith = (...segments: Buffer[]) => Buffer.concat([JPEG_16x8.subarray(0, 2), ...segments, JPEG_16x8.subarray(20)]);

function embedJpeg(jpeg: Uint8Array, record = sampleRecord()): Buffer {
  const result = embedMetadata(jpeg, 'image/jpeg', record);
  assert.equal(result.embedded, true);
  return Buffer.from(result.bytes);
}

describe('JPEG metadata', () => {
  it('round-trips the record, with a Chinese prompt, emoji and markup', () => {
    const record = sampleRecord({ prompt: '水墨画风格的山水 🏔️ </dmxapi:Parameters> & "x" <y> \'z\' \uFFFE', options: { style: 'a&b' } });
    assert.deepEqual(readMetadata(embedJpeg(JPEG_16x8, record)), record);
  });

  it('inserts one APP1 XMP segment after SOI and JFIF APP0; the rest stays byte for byte', () => {
    const out = embedJpeg(JPEG_16x8);
    const markers = jpegSegments(out).map((s) => s.marker);
    assert.deepEqual(markers, [0xe0, 0xe1, 0xdb, 0xdb, 0xc0, 0xc4, 0xc4, 0xc4, 0xc4, 0xda]);
    const xmp = jpegSegments(out).find(isXmp)!;
    const inserted = 4 + xmp.payload.length;
    assert.deepEqual(out.subarray(0, 20), JPEG_16x8.subarray(0, 20));
    assert.deepEqual(out.subarray(20 + inserted), JPEG_16x8.subarray(20));
    assert.deepEqual(imageSize(out), { width: 16, height: 8 });
  });

  it('writes a well-formed XMP packet declaring our namespace and the creator tool', () => {
    const packet = jpegSegments(embedJpeg(JPEG_16x8)).find(isXmp)!.payload.subarray(XMP_SIGNATURE.length).toString('utf8');
    assert.match(packet, /^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
    assert.match(packet, /<\?xpacket end="w"\?>$/);
    assert.ok(packet.includes(`xmlns:dmxapi="${XMP_NAMESPACE}"`));
    assert.ok(packet.includes('xmp:CreatorTool="DMXAPI Image Studio"'));
    const text = /<dmxapi:Parameters>([^<]*)<\/dmxapi:Parameters>/.exec(packet)?.[1];
    assert.ok(text?.includes('&quot;prompt&quot;'));
  });

  it('goes right after SOI when there is no APP0, and after a leading Exif APP1', () => {
    const bare = Buffer.concat([JPEG_16x8.subarray(0, 2), JPEG_16x8.subarray(20)]);
    assert.deepEqual(jpegSegments(embedJpeg(bare)).map((s) => s.marker).slice(0, 2), [0xe1, 0xdb]);

    const exif = segment(0xe1, Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0', 'latin1'));
    const comment = segment(0xfe, Buffer.from('a comment'));
    const out = embedJpeg(jpegWith(exif, comment));
    const segments = jpegSegments(out);
    assert.deepEqual(segments.map((s) => s.marker).slice(0, 3), [0xe1, 0xe1, 0xfe]);
    assert.ok(segments[0]!.payload.toString('latin1').startsWith('Exif'));
    assert.ok(isXmp(segments[1]!));
  });

  it('replaces its own XMP instead of adding a second', () => {
    const first = embedJpeg(JPEG_16x8, sampleRecord({ prompt: 'first' }));
    const second = embedJpeg(first, sampleRecord({ prompt: 'second' }));
    assert.equal(jpegSegments(second).filter(isXmp).length, 1);
    assert.equal(readMetadata(second)?.prompt, 'second');
    assert.equal(second.length - first.length, 1);
  });

  it('replaces ours when it sits later, after a comment', () => {
    const old = jpegSegments(embedJpeg(JPEG_16x8, sampleRecord({ prompt: 'old' }))).find(isXmp)!;
    const source = jpegWith(segment(0xfe, Buffer.from('c')), segment(0xe1, old.payload));
    const out = embedJpeg(source, sampleRecord({ prompt: 'new' }));
    assert.deepEqual(jpegSegments(out).map((s) => s.marker).slice(0, 3), [0xe1, 0xfe, 0xdb]);
    assert.equal(readMetadata(out)?.prompt, 'new');
  });

  it('leaves another tool’s XMP alone and asks for a sidecar', () => {
    const foreign = jpegWith(xmpSegment('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'));
    const result = embedMetadata(foreign, 'image/jpeg', sampleRecord());
    assert.deepEqual(result, { embedded: false, bytes: foreign, reason: 'foreignMetadata' });
    assert.equal(readMetadata(foreign), undefined);
  });

  it('falls back to a sidecar when the record does not fit a 64 KB segment', () => {
    const prompt = '长'.repeat(22_000); // 66 KB of UTF-8
    const result = embedMetadata(JPEG_16x8, 'image/jpeg', sampleRecord({ prompt }));
    assert.deepEqual(result, { embedded: false, bytes: JPEG_16x8, reason: 'tooLarge' });
    const fits = embedJpeg(JPEG_16x8, sampleRecord({ prompt: '长'.repeat(20_000) }));
    assert.equal(readMetadata(fits)?.prompt.length, 20_000);
  });

  it('reads packets another tool rewrote with another prefix or as an attribute', () => {
    const json = JSON.stringify(sampleRecord({ prompt: 'p<q' })).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&#x22;');
    const element = `<rdf:Description xmlns:ns1="${XMP_NAMESPACE}"><ns1:Parameters xml:lang="x">${json}</ns1:Parameters></rdf:Description>`;
    assert.equal(readMetadata(jpegWith(xmpSegment(element)))?.prompt, 'p<q');
    const attribute = `<rdf:Description xmlns:d='${XMP_NAMESPACE}' d:Parameters="${json}"/>`;
    assert.equal(readMetadata(jpegWith(xmpSegment(attribute)))?.prompt, 'p<q');
    const unknownEntity = `<rdf:Description xmlns:d="${XMP_NAMESPACE}"><d:Parameters>&nbsp;&#x110000;</d:Parameters></rdf:Description>`;
    assert.equal(readMetadata(jpegWith(xmpSegment(unknownEntity))), undefined);
  });

  it('handles fill bytes and restart markers before SOS', () => {
    const withFill = Buffer.concat([JPEG_16x8.subarray(0, 20), Buffer.from([0xff, 0xff, 0xff, 0xd0]), JPEG_16x8.subarray(20)]);
    const out = embedJpeg(withFill);
    assert.deepEqual(readMetadata(out), sampleRecord());
  });

  it('reads nothing from corrupt or cut files, and never throws', () => {
    const out = embedJpeg(JPEG_16x8);
    const xmpEnd = 20 + 4 + jpegSegments(out).find(isXmp)!.payload.length;
    for (let cut = 0; cut < out.length; cut += 5) {
      assert.deepEqual(readMetadata(out.subarray(0, cut)), cut >= xmpEnd ? sampleRecord() : undefined, `cut at ${cut}`);
    }
    const brokenLength = Buffer.from(JPEG_16x8);
    brokenLength.writeUInt16BE(1, 4); // APP0 length below 2
    assert.equal(embedMetadata(brokenLength, 'image/jpeg', sampleRecord()).embedded, false);
    const noSos = JPEG_16x8.subarray(0, JPEG_16x8.indexOf(Buffer.from([0xff, 0xda])));
    assert.deepEqual(embedMetadata(noSos, 'image/jpeg', sampleRecord()), { embedded: false, bytes: noSos, reason: 'unreadableImage' });
    const earlyEoi = Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0]);
    assert.equal(embedMetadata(earlyEoi, 'image/jpeg', sampleRecord()).embedded, false);
    assert.equal(embedMetadata(Buffer.from('not a jpeg'), 'image/jpeg', sampleRecord()).embedded, false);
  });
});
