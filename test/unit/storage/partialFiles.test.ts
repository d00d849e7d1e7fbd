import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOurPartialFile, partialFileName, STALE_PARTIAL_AGE_MS, stalePartialFiles } from '../../../src/storage/partialFiles';

describe('temporary files of a write', () => {
  test('are short whatever the image is called, and recognised as ours', () => {
    const name = partialFileName();
    assert.match(name, /^\.dmxapi-[0-9a-f]{16}\.partial$/);
    assert.equal(Buffer.byteLength(name), 32);
    assert.notEqual(partialFileName(), name);
    assert.ok(isOurPartialFile(name));
    assert.ok(isOurPartialFile('.a-cat-20260101-120000.png.0f8fad5b-d9cb-469f-a165-70867728950e.partial'), 'the earlier pattern');
  });

  test('only our stale partial files are swept: not fresh ones, not other files, not folders', () => {
    const now = Date.UTC(2026, 10, 29, 12);
    const old = now - STALE_PARTIAL_AGE_MS - 1;
    const entries = [
      { name: '.dmxapi-0123456789abcdef.partial', isFile: true, mtime: old },
      { name: '.dmxapi-fedcba9876543210.partial', isFile: true, mtime: now - 1000 },
      { name: '.cat.png.0f8fad5b-d9cb-469f-a165-70867728950e.partial', isFile: true, mtime: old },
      { name: 'notes.partial', isFile: true, mtime: old },
      { name: '.download.partial', isFile: true, mtime: old },
      { name: 'cat.png', isFile: true, mtime: old },
      { name: '.dmxapi-aaaaaaaaaaaaaaaa.partial', isFile: false, mtime: old },
    ];
    assert.deepEqual(stalePartialFiles(entries, now), ['.dmxapi-0123456789abcdef.partial', '.cat.png.0f8fad5b-d9cb-469f-a165-70867728950e.partial']);
  });
});
