import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredImage } from '../../../src/core/editing/rebuildConversation';
import { lineageAround } from '../../../src/core/editing/versionLineage';
import type { MetadataRecord } from '../../../src/core/metadata/record';
import { sha256Hex } from '../../../src/core/sha256';

const bytes = (n: number): Uint8Array => new Uint8Array([n, n, n]);
const record = (extra: Partial<MetadataRecord>): MetadataRecord =>
  ({ v: 1, app: 'dmxapi-image-studio', prompt: 'p', model: 'm', aspectRatio: '', resolution: '', options: {}, createdAt: '2026-01-01T00:00:00Z', ...extra }) as MetadataRecord;
const version = (n: number, parent: string, instruction: string): StoredImage => ({
  bytes: bytes(n),
  record: record({ parent: { name: parent, sha256: sha256Hex(bytes(n - 1)) }, instruction, prompt: instruction }),
});

function folder(entries: Record<string, StoredImage>) {
  const reads: string[] = [];
  return { names: Object.keys(entries), reads, read: async (name: string) => (reads.push(name), entries[name]) };
}

/** cat.png → v2 → v3 → v4, and dog.png (another family) beside them. */
const line = {
  'cat.png': { bytes: bytes(1) },
  'cat-v2.png': version(2, 'cat.png', 'Hat'),
  'cat-v3.png': version(3, 'cat-v2.png', 'Blue hat'),
  'cat-v4.png': version(4, 'cat-v3.png', 'Bigger hat'),
  'dog.png': { bytes: bytes(9) },
};
const names = (entries: readonly { name: string }[]) => entries.map((e) => e.name);

test('selecting a middle version shows its ancestors and its descendants, with their instructions', async () => {
  const { names: siblings, read } = folder(line);
  const lineage = await lineageAround('cat-v2.png', siblings, read);
  assert.deepEqual(names(lineage), ['cat.png', 'cat-v2.png', 'cat-v3.png', 'cat-v4.png']);
  assert.deepEqual(lineage.map((e) => e.instruction), ['', 'Hat', 'Blue hat', 'Bigger hat']);
  assert.ok(lineage.every((e) => !e.missing));
});

test('selecting the original shows every version made from it; the newest shows the chain up to it', async () => {
  const { names: siblings, read } = folder(line);
  assert.deepEqual(names(await lineageAround('cat.png', siblings, read)), ['cat.png', 'cat-v2.png', 'cat-v3.png', 'cat-v4.png']);
  assert.deepEqual(names(await lineageAround('cat-v4.png', siblings, read)), ['cat.png', 'cat-v2.png', 'cat-v3.png', 'cat-v4.png']);
});

test('branches below the selected image are all shown in version order; a sibling branch above is not', async () => {
  const { names: siblings, read } = folder({
    ...line,
    // v5 was made from v2 again: a second branch below v2, beside v3 → v4.
    'cat-v5.png': version(5, 'cat-v2.png', 'Red scarf'),
    // v6 from the original: not in v3's line.
    'cat-v6.png': version(6, 'cat.png', 'Night'),
  });
  assert.deepEqual(names(await lineageAround('cat-v2.png', siblings, read)), ['cat.png', 'cat-v2.png', 'cat-v3.png', 'cat-v4.png', 'cat-v5.png']);
  assert.deepEqual(names(await lineageAround('cat-v3.png', siblings, read)), ['cat.png', 'cat-v2.png', 'cat-v3.png', 'cat-v4.png']);
});

test('a deleted parent ends the walk up, marked missing; the descendants are still found', async () => {
  const { 'cat-v2.png': _gone, ...rest } = line;
  const { names: siblings, read } = folder(rest);
  const lineage = await lineageAround('cat-v3.png', siblings, read);
  assert.deepEqual(lineage.map((e) => [e.name, e.missing]), [['cat-v2.png', true], ['cat-v3.png', false], ['cat-v4.png', false]]);
});

test('only the image\'s family is read, and a record naming itself does not loop', async () => {
  const self: StoredImage = { bytes: bytes(1), record: record({ parent: { name: 'cat.png', sha256: sha256Hex(bytes(1)) } }) };
  const { names: siblings, read, reads } = folder({ 'cat.png': self, 'dog.png': { bytes: bytes(9) }, 'dog-v2.png': version(2, 'dog.png', 'x') });
  assert.deepEqual(names(await lineageAround('cat.png', siblings, read)), ['cat.png']);
  assert.ok(!reads.some((name) => name.startsWith('dog')), reads.join(', '));
});
