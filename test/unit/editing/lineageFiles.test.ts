import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ancestorsOf, gatherLineage } from '../../../src/core/editing/lineageFiles';
import type { StoredImage } from '../../../src/core/editing/rebuildConversation';
import type { MetadataRecord } from '../../../src/core/metadata/record';
import { sha256Hex } from '../../../src/core/sha256';

const bytes = (n: number): Uint8Array => new Uint8Array([n, n, n]);
const record = (extra: Partial<MetadataRecord>): MetadataRecord =>
  ({ v: 1, app: 'dmxapi-image-studio', prompt: 'p', model: 'm', aspectRatio: '', resolution: '', options: {}, createdAt: '2026-01-01T00:00:00Z', ...extra }) as MetadataRecord;

function files(entries: Record<string, StoredImage>) {
  const reads: string[] = [];
  return { reads, read: async (name: string) => (reads.push(name), entries[name]) };
}

test('ancestors follow parent names with matching SHA-256, nearest first, across folders', async () => {
  const v1 = { bytes: bytes(1) };
  const v2 = { bytes: bytes(2), record: record({ parent: { name: '../orig/cat.png', sha256: sha256Hex(v1.bytes) } }) };
  const v3 = { bytes: bytes(3), record: record({ parent: { name: 'cat-v2.png', sha256: sha256Hex(v2.bytes) } }) };
  const { read } = files({ 'cat-v2.png': v2, '../orig/cat.png': v1 });
  assert.deepEqual(await ancestorsOf('cat-v3.png', v3, read), ['cat-v2.png', '../orig/cat.png']);
});

test('the walk stops at a file changed since (its SHA-256 differs) or gone', async () => {
  const v2 = { bytes: bytes(2), record: record({ parent: { name: 'cat.png', sha256: sha256Hex(bytes(1)) } }) };
  const v3 = { bytes: bytes(3), record: record({ parent: { name: 'cat-v2.png', sha256: sha256Hex(v2.bytes) } }) };
  assert.deepEqual(await ancestorsOf('cat-v3.png', v3, files({ 'cat-v2.png': v2, 'cat.png': { bytes: bytes(9) } }).read), ['cat-v2.png']);
  assert.deepEqual(await ancestorsOf('cat-v3.png', v3, files({}).read), []);
});

test('a record naming itself does not loop', async () => {
  const self: StoredImage = { bytes: bytes(1), record: record({ parent: { name: 'cat.png', sha256: sha256Hex(bytes(1)) } }) };
  assert.deepEqual(await ancestorsOf('cat.png', self, files({ 'cat.png': self }).read), []);
});

test('gatherLineage reads the parent chain and the images a turn names, each once', async () => {
  const v1 = { bytes: bytes(1) };
  const turn = { continues: false, user: [{ text: 'hat' }, { image: { name: 'cat.png', sha256: sha256Hex(v1.bytes) } }], model: [{ image: 'self' as const, signature: 's' }] };
  const v2 = { bytes: bytes(2), record: record({ parent: { name: 'cat.png', sha256: sha256Hex(v1.bytes) }, turn }) };
  const { read, reads } = files({ 'cat.png': v1 });
  const found = await gatherLineage('cat-v2.png', v2, read);
  assert.deepEqual([...found.keys()].sort(), ['cat-v2.png', 'cat.png']);
  assert.deepEqual(reads, ['cat.png']);
});
