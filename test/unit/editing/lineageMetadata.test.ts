import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { editImages } from '../../../src/core/editing/editImages';
import { withoutOurMetadata } from '../../../src/core/editing/withoutOurMetadata';
import { assertNoSecret, SecretInMetadataError } from '../../../src/core/metadata/record';
import { embedMetadata, readMetadata } from '../../../src/core/metadata/imageMetadata';
import { json, scriptedFetch, testConfig } from '../core/support/fakeFetch';
import { gradientPng, JPEG_16x8, sampleRecord, WEBP_LOSSY_16x8 } from '../metadata/fixtures';
import { solidPng } from './support';

/** The lineage fields travel through every writer and back; the conversation's signatures are kept whole. */

const SHA = 'a'.repeat(64);
const lineage = {
  parent: { name: 'cat.png', sha256: SHA },
  instruction: '给猫戴一顶红帽子',
  turn: {
    continues: true,
    user: [{ text: '给猫戴一顶红帽子' }, { image: { name: '../refs/hat.jpg', sha256: SHA } }],
    model: [
      { text: 'Here it is.', signature: 'c2lnbmF0dXJlLTE=' },
      { image: 'self' as const, signature: 'c2lnbmF0dXJlLTI=' },
    ],
  },
};

describe('lineage in the image record', () => {
  for (const [name, bytes, mime] of [
    ['PNG', gradientPng(16, 8), 'image/png'],
    ['JPEG', JPEG_16x8, 'image/jpeg'],
    ['WebP', WEBP_LOSSY_16x8, 'image/webp'],
  ] as const) {
    test(`${name}: parent, instruction and turn round-trip through the writer`, () => {
      const record = sampleRecord(lineage);
      const written = embedMetadata(bytes, mime, record);
      assert.ok(written.embedded);
      assert.deepEqual(readMetadata(written.bytes), record);
    });
  }

  test('a generated image\'s record has none of them, and a stray field in a turn is refused', () => {
    assert.equal('parent' in sampleRecord(), false);
    const stray = { ...sampleRecord(lineage), turn: { ...lineage.turn, apiKey: 'x' } };
    assert.throws(() => embedMetadata(gradientPng(4, 4), 'image/png', stray as never), /refused/);
  });

  test('a key in an instruction or a model text stops the save', () => {
    assert.throws(() => assertNoSecret(sampleRecord({ ...lineage, instruction: 'sk-secret-123' }), 'sk-secret-123'), SecretInMetadataError);
    const turn = { ...lineage.turn, model: [{ text: 'your key sk-secret-123' }] };
    assert.throws(() => assertNoSecret(sampleRecord({ ...lineage, turn }), 'sk-secret-123'), /turn\.model\[0\]\.text/);
  });

  test('withoutOurMetadata gives back the PNG and the JPEG byte for byte', () => {
    for (const [bytes, mime] of [
      [gradientPng(16, 8), 'image/png'],
      [JPEG_16x8, 'image/jpeg'],
    ] as const) {
      const written = embedMetadata(bytes, mime, sampleRecord(lineage));
      assert.ok(written.embedded);
      assert.deepEqual(Buffer.from(withoutOurMetadata(written.bytes)), bytes);
    }
  });
});

describe('the answer path keeps each model part\'s thoughtSignature', () => {
  test('a 3 MB signature (the size img-3pro-duolun.md shows) survives the streaming scanner whole', async () => {
    const image = solidPng(8, 8);
    const signature = Buffer.alloc(2_400_000, 0x5a).toString('base64');
    const answer = {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'thinking…', thought: true, thoughtSignature: 'dGhvdWdodA==' },
              { text: 'Done.', thoughtSignature: 'dGV4dA==' },
              { inlineData: { mimeType: 'image/png', data: image.toString('base64') }, thoughtSignature: signature },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    };
    const { config } = testConfig(scriptedFetch(json(answer)).fetch);
    const result = await editImages(createCatalog(), { model: 'gemini-3.1-flash-image', instruction: 'x', images: [{ bytes: image }] }, config);
    assert.deepEqual(result.texts, ['Done.']);
    const [text, picture] = result.turn!.model;
    assert.deepEqual(text, { kind: 'text', text: 'Done.', signature: 'dGV4dA==' });
    assert.equal(picture!.kind, 'image');
    assert.equal(picture!.signature?.length, signature.length);
    assert.equal(picture!.signature, signature);
    assert.ok(picture!.kind === 'image' && Buffer.from(picture!.bytes).equals(image));
  });
});
