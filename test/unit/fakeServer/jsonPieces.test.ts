import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { jsonPieces } from '../../fake-dmxapi/replies';

/** The fake server writes its answers in pieces; joined, they must be exactly what JSON.stringify gives. */

const joined = (body: unknown): string => Buffer.concat(jsonPieces(body)).toString('utf8');

describe('jsonPieces', () => {
  it('gives JSON.stringify byte for byte, whatever the large strings hold and wherever they sit', () => {
    const base64 = randomBytes(1 << 20).toString('base64');
    const awkward = `${'"quoted" \\ back\nslash '.repeat(60_000)}中文 ✓ \u0000 end`;
    const bodies: unknown[] = [
      { created: 1, data: [{ b64_json: base64 }] },
      { created: 1, data: [{ b64_json: base64, revised_prompt: 'a fox' }, { b64_json: base64 }] },
      { candidates: [{ content: { parts: [{ text: 'here' }, { inlineData: { mimeType: 'image/png', data: awkward } }] } }] },
      [base64, 'small', awkward, { nested: [base64] }],
      { error: { message: 'small only', code: null } },
      base64,
    ];
    for (const body of bodies) {
      assert.equal(joined(body), JSON.stringify(body));
    }
  });

  it('writes a large string from the same cached bytes every time', () => {
    const base64 = randomBytes(1 << 20).toString('base64');
    const first = jsonPieces({ data: [{ b64_json: base64 }] });
    const second = jsonPieces({ data: [{ b64_json: base64 }] });
    assert.equal(first.length, 3);
    assert.equal(first[1], second[1]);
  });
});
