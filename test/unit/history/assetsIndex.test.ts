import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AssetsIndex, type ImageFileStat, type ImageFolderSource } from '../../../src/core/history/assetsIndex';
import type { MetadataRecord } from '../../../src/core/metadata/record';
import { sampleRecord } from '../metadata/fixtures';

/** A folder in memory: files with a record (or none), and a count of listings and reads. */
function folderSource(files: Map<string, { stat: ImageFileStat; record: MetadataRecord | undefined }>) {
  const counts = { lists: 0, reads: [] as string[], inFlight: 0, maxInFlight: 0 };
  const source: ImageFolderSource = {
    concurrency: 3,
    list: async () => {
      counts.lists += 1;
      return [...files.values()].map((file) => file.stat);
    },
    readRecord: async (stat) => {
      counts.reads.push(stat.key);
      counts.inFlight += 1;
      counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
      await Promise.resolve();
      counts.inFlight -= 1;
      return { record: files.get(stat.key)?.record, bytesRead: 100 };
    },
  };
  return { source, counts };
}

function folderOf(count: number) {
  const files = new Map<string, { stat: ImageFileStat; record: MetadataRecord | undefined }>();
  for (let i = 0; i < count; i++) {
    const key = `file:///ws/assets/${i}.png`;
    // Directory order is oldest first; the record of every fifth file is missing.
    files.set(key, { stat: { key, size: 1000 + i, mtime: 1_000 + i }, record: i % 5 === 0 ? undefined : sampleRecord({ prompt: `image ${i}` }) });
  }
  return files;
}

describe('AssetsIndex', () => {
  it('reads the newest files first, a page at a time, at most `concurrency` at once', async () => {
    const { source, counts } = folderSource(folderOf(25));
    const index = new AssetsIndex(source);
    const first = await index.page(['file:///ws/assets'], 10);
    assert.deepEqual(counts.reads, Array.from({ length: 10 }, (_, i) => `file:///ws/assets/${24 - i}.png`));
    assert.equal(first.more, true);
    assert.deepEqual(
      first.records.map((found) => found.record.prompt),
      [24, 23, 22, 21, 19, 18, 17, 16].map((i) => `image ${i}`),
    );
    assert.equal(counts.maxInFlight, 3);
    const second = await index.page(['file:///ws/assets'], 30);
    assert.equal(second.filesRead, 15, 'the first ten are not read again');
    assert.equal(second.more, false);
    assert.equal(counts.lists, 1, 'the listing is kept until invalidated');
  });

  it('reads a file again only when its size or time changed, and lists again after invalidate', async () => {
    const files = folderOf(4);
    const { source, counts } = folderSource(files);
    const index = new AssetsIndex(source);
    await index.page(['f'], 10);
    const key = 'file:///ws/assets/2.png';
    files.set(key, { stat: { key, size: 5, mtime: 9_999 }, record: sampleRecord({ prompt: 'changed' }) });
    index.invalidate('f');
    counts.reads.length = 0;
    const page = await index.page(['f'], 10);
    assert.deepEqual(counts.reads, [key]);
    assert.equal(page.records[0]?.record.prompt, 'changed');
  });

  it("keeps and stores what the history shows of a Gemini version, not the megabytes of its turn's signatures", async () => {
    const signature = 'S'.repeat(1_000_000);
    const version = sampleRecord({ instruction: 'warmer', turn: { continues: true, user: [{ text: 'warmer' }], model: [{ image: 'self', signature }] } });
    const key = 'file:///ws/assets/cat-v2.png';
    const { source } = folderSource(new Map([[key, { stat: { key, size: 5000, mtime: 1 }, record: version }]]));
    const index = new AssetsIndex(source);
    const page = await index.page(['file:///ws/assets'], 10);
    const { turn: _dropped, ...shown } = version;
    assert.deepEqual(page.records[0]?.record, shown);
    assert.equal(page.records[0]?.record.instruction, 'warmer');
    assert.ok(JSON.stringify(index.toJSON()).length < 10_000, 'the stored index holds no signature');

    // An index stored with the turn inside (as one was before) gives it up when it is restored and shown.
    const reloaded = new AssetsIndex(folderSource(new Map([[key, { stat: { key, size: 5000, mtime: 1 }, record: version }]])).source);
    reloaded.restore({ ...index.toJSON(), files: [[key, 5000, 1, version]] });
    assert.deepEqual((await reloaded.page(['file:///ws/assets'], 10)).records[0]?.record, shown);
    assert.ok(JSON.stringify(reloaded.toJSON()).length < 10_000, 'the restored index still holds the signature');
  });

  it('after a restore from storage, an unchanged folder costs a listing and no read', async () => {
    const files = folderOf(12);
    const first = new AssetsIndex(folderSource(files).source);
    const before = await first.page(['f'], 100);
    assert.equal(first.needsSave, true);
    const stored = JSON.parse(JSON.stringify(first.toJSON())) as unknown;
    assert.equal(first.needsSave, false);

    const { source, counts } = folderSource(files);
    const reloaded = new AssetsIndex(source);
    reloaded.restore(stored);
    const after = await reloaded.page(['f'], 100);
    assert.deepEqual(counts.reads, []);
    assert.deepEqual(after.records, before.records);
    assert.equal(reloaded.needsSave, false);
  });

  it('drops stored entries that do not parse and reads those files again', async () => {
    const files = folderOf(2);
    const index = new AssetsIndex(folderSource(files).source);
    await index.page(['f'], 10);
    const stored = index.toJSON();
    stored.files[0]![3] = { prompt: 'not a record' };
    const { source, counts } = folderSource(files);
    const reloaded = new AssetsIndex(source);
    reloaded.restore(stored);
    reloaded.restore({ version: 99, files: [] });
    reloaded.restore('garbage');
    await reloaded.page(['f'], 10);
    assert.deepEqual(counts.reads, [stored.files[0]![0]]);
  });
});
