import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  InvalidMetadataError,
  SecretInMetadataError,
  assertNoSecret,
  metadataRecordFor,
  metadataRecordSchema,
  parseRecordJson,
  parseSidecar,
  serializeRecord,
  sidecarFileName,
  sidecarFor,
  type MetadataRecord,
} from '../../../src/core/metadata/record';
import { sampleRecord } from './fixtures';

const KEY = 'sk-Zq8rT2vXw9LmN4pB7cD1eF6gH3jK5sA0uY';

describe('metadata record schema', () => {
  it('accepts a full record and a minimal one', () => {
    assert.equal(metadataRecordSchema.safeParse(sampleRecord()).success, true);
    const { seed: _s, count: _c, references: _r, width: _w, height: _h, texts: _t, ...minimal } = sampleRecord();
    assert.equal(metadataRecordSchema.safeParse(minimal).success, true);
  });

  it('refuses fields it does not declare, so an apiKey cannot ride along', () => {
    const withKey = { ...sampleRecord(), apiKey: KEY } as MetadataRecord;
    const result = metadataRecordSchema.safeParse(withKey);
    assert.equal(result.success, false);
    assert.throws(() => serializeRecord(withKey), InvalidMetadataError);
    assert.throws(() => sidecarFor(withKey), InvalidMetadataError);
    const nested = sampleRecord({ references: [{ name: 'a.png', sha256: 'b'.repeat(64), bytes: 'iVBORw0KGgo=' } as never] });
    assert.equal(metadataRecordSchema.safeParse(nested).success, false, 'reference bytes are not a field');
  });

  it('refuses a wrong version, a wrong app, a bad hash and a non-ISO date', () => {
    for (const bad of [
      { v: 2 },
      { app: 'other-tool' },
      { references: [{ name: 'a.png', sha256: 'XYZ' }] },
      { createdAt: 'yesterday' },
      { width: 0 },
      { seed: 1.5 },
    ]) {
      assert.equal(metadataRecordSchema.safeParse({ ...sampleRecord(), ...bad }).success, false, JSON.stringify(bad));
    }
  });

  it('does not name the offending value in its error, only the field', () => {
    const error = (() => {
      try {
        serializeRecord({ ...sampleRecord(), [KEY]: 1 } as MetadataRecord);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    assert.ok(error instanceof InvalidMetadataError);
    assert.match(error.message, /Unrecognized key/);
  });
});

describe('assertNoSecret', () => {
  const placements: Record<string, Partial<MetadataRecord>> = {
    prompt: { prompt: `draw this ${KEY} please` },
    model: { model: KEY },
    aspectRatio: { aspectRatio: KEY },
    resolution: { resolution: KEY },
    'option value': { options: { style: KEY } },
    'option name': { options: { [KEY]: 'x' } },
    'reference name': { references: [{ name: `${KEY}.png`, sha256: 'c'.repeat(64) }] },
    texts: { texts: ['fine', `echo ${KEY}`] },
  };

  for (const [field, overrides] of Object.entries(placements)) {
    it(`throws when the key is in the ${field}`, () => {
      assert.throws(() => assertNoSecret(sampleRecord(overrides), KEY), (error: unknown) => {
        assert.ok(error instanceof SecretInMetadataError);
        assert.ok(!error.message.includes(KEY), 'the message must not repeat the key');
        return true;
      });
    });
  }

  it('passes a clean record, and ignores an empty or trivial secret', () => {
    assert.doesNotThrow(() => assertNoSecret(sampleRecord(), KEY));
    assert.doesNotThrow(() => assertNoSecret(sampleRecord(), undefined));
    assert.doesNotThrow(() => assertNoSecret(sampleRecord(), '   '));
    assert.doesNotThrow(() => assertNoSecret(sampleRecord({ prompt: 'abc' }), 'abc'), 'three characters are too short to mean anything');
  });

  it('finds a key surrounded by whitespace as the user pasted it', () => {
    assert.throws(() => assertNoSecret(sampleRecord({ prompt: KEY }), `  ${KEY}\n`), SecretInMetadataError);
  });
});

describe('metadataRecordFor', () => {
  it('hashes references and keeps their bytes out', () => {
    const bytes = Buffer.from('not really a png but bytes all the same');
    const record = metadataRecordFor({
      request: {
        model: 'nano-banana',
        prompt: '一只猫',
        aspectRatio: '1:1',
        resolution: '1K',
        count: 2,
        options: { quality: 'high' },
        references: [{ bytes, mimeType: 'image/png', name: 'cat.png' }, { bytes, mimeType: 'image/png' }],
      },
      model: 'gemini-2.5-flash-image',
      createdAt: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
      width: 1024,
      height: 1024,
      texts: ['喵'],
      seed: 7,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    assert.deepEqual(record, {
      v: 1,
      app: 'dmxapi-image-studio',
      prompt: '一只猫',
      model: 'gemini-2.5-flash-image',
      aspectRatio: '1:1',
      resolution: '1K',
      options: { quality: 'high' },
      seed: 7,
      count: 2,
      references: [
        { name: 'cat.png', sha256 },
        { name: 'reference-2', sha256 },
      ],
      createdAt: '2025-01-02T03:04:05.000Z',
      width: 1024,
      height: 1024,
      texts: ['喵'],
    });
    assert.equal(metadataRecordSchema.safeParse(record).success, true);
  });

  it('leaves optional fields out when there is nothing to say', () => {
    const record = metadataRecordFor({
      request: { model: 'dall-e-3', prompt: 'p', aspectRatio: '1:1', resolution: '1K', references: [] },
      model: 'dall-e-3',
      createdAt: new Date(0),
      texts: [],
    });
    assert.deepEqual(Object.keys(record), ['v', 'app', 'prompt', 'model', 'aspectRatio', 'resolution', 'options', 'createdAt']);
  });
});

describe('sidecar', () => {
  it('round-trips through sidecarFor and parseSidecar, BOM or not', () => {
    const record = sampleRecord({ prompt: '霓虹灯下的猫 🐱 "quoted" \\ backslash' });
    const text = sidecarFor(record);
    assert.ok(text.endsWith('\n'));
    assert.deepEqual(parseSidecar(text), record);
    assert.deepEqual(parseSidecar(`\uFEFF${text}`), record);
  });

  it('returns undefined for text that is not a record', () => {
    assert.equal(parseSidecar('not json'), undefined);
    assert.equal(parseSidecar('{"v":1}'), undefined);
    assert.equal(parseSidecar(JSON.stringify({ ...sampleRecord(), apiKey: KEY })), undefined);
    assert.equal(parseRecordJson('null'), undefined);
  });

  it('names the sidecar after the whole image file name', () => {
    assert.equal(sidecarFileName('cat-1.gif'), 'cat-1.gif.json');
  });
});
