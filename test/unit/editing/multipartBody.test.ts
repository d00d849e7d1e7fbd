import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildMultipart } from '../../../src/core/protocols/multipartBody';
import { parseMultipart } from '../../fake-dmxapi/multipart';

describe('buildMultipart', () => {
  test('writes fields and files byte for byte as RFC 7578 lays them out', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x00, 0xff]);
    const body = buildMultipart(
      [
        { kind: 'field', name: 'model', value: 'gpt-image-2' },
        { kind: 'field', name: 'prompt', value: '给猫戴帽子\nline two' },
        { kind: 'file', name: 'image', fileName: 'image-1.png', contentType: 'image/png', bytes },
      ],
      'BOUNDARY',
    );
    assert.equal(body.contentType, 'multipart/form-data; boundary=BOUNDARY');
    const expected = Buffer.concat([
      Buffer.from('--BOUNDARY\r\nContent-Disposition: form-data; name="model"\r\n\r\ngpt-image-2\r\n'),
      Buffer.from('--BOUNDARY\r\nContent-Disposition: form-data; name="prompt"\r\n\r\n给猫戴帽子\nline two\r\n'),
      Buffer.from('--BOUNDARY\r\nContent-Disposition: form-data; name="image"; filename="image-1.png"\r\nContent-Type: image/png\r\n\r\n'),
      bytes,
      Buffer.from('\r\n--BOUNDARY--\r\n'),
    ]);
    assert.deepEqual(Buffer.from(body.body), expected);
  });

  test('escapes quotes and line breaks in names as browsers do, so a header cannot be cut short', () => {
    const body = buildMultipart([{ kind: 'file', name: 'a"b', fileName: 'x"\r\n.png', contentType: 'image/png', bytes: Buffer.from('z') }], 'B');
    assert.match(Buffer.from(body.body).toString('latin1'), /name="a%22b"; filename="x%22%0D%0A.png"\r\n/);
  });

  test('a random boundary never occurs in the content, and a given one that does is refused', () => {
    const content = Buffer.from('--B inside');
    assert.throws(() => buildMultipart([{ kind: 'field', name: 'f', value: content.toString() }], 'B'), /boundary occurs inside/);
    const random = buildMultipart([{ kind: 'file', name: 'image', fileName: 'i.png', contentType: 'image/png', bytes: content }]);
    assert.match(random.boundary, /^----dmxapi-[0-9a-f]{32}$/);
    const parsed = parseMultipart(random.contentType, Buffer.from(random.body));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.form.files[0]!.bytes, content);
  });

  test('a body with a field, two images and a mask parses back to the same parts', () => {
    const a = Buffer.alloc(3000, 7);
    const b = Buffer.from('\r\n--not-the-boundary\r\n');
    const body = buildMultipart([
      { kind: 'field', name: 'n', value: '1' },
      { kind: 'file', name: 'image', fileName: 'image-1.png', contentType: 'image/png', bytes: a },
      { kind: 'file', name: 'image', fileName: 'image-2.jpg', contentType: 'image/jpeg', bytes: b },
      { kind: 'file', name: 'mask', fileName: 'mask.png', contentType: 'image/png', bytes: a },
    ]);
    const parsed = parseMultipart(body.contentType, Buffer.from(body.body));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.form.fields, [['n', '1']]);
    assert.deepEqual(
      parsed.form.files.map((file) => [file.field, file.fileName, file.contentType, file.bytes.length]),
      [
        ['image', 'image-1.png', 'image/png', 3000],
        ['image', 'image-2.jpg', 'image/jpeg', b.length],
        ['mask', 'mask.png', 'image/png', 3000],
      ],
    );
    assert.deepEqual(parsed.form.files[1]!.bytes, b);
  });
});
