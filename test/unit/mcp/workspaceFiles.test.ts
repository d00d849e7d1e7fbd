import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ensureFolderInside, OutsideWorkspaceError, toPosixPath, writeNewFile } from '../../../src/mcp/workspaceFiles';

test('writeNewFile never overwrites: an existing name gets -1, then -2, and leaves no temporary file', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dmxapi-write-'));
  try {
    await writeFile(path.join(dir, 'fox.png'), 'old');
    const folder = toPosixPath(dir);
    const first = await writeNewFile(folder, 'fox.png', new TextEncoder().encode('new 1'));
    const second = await writeNewFile(folder, 'fox.png', new TextEncoder().encode('new 2'));
    assert.equal(first, `${folder}/fox-1.png`);
    assert.equal(second, `${folder}/fox-2.png`);
    assert.equal(await readFile(path.join(dir, 'fox.png'), 'utf8'), 'old');
    assert.deepEqual((await readdir(dir)).sort(), ['fox-1.png', 'fox-2.png', 'fox.png']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('concurrent writes of one name get different files', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dmxapi-write-'));
  try {
    const written = await Promise.all([1, 2, 3].map((n) => writeNewFile(toPosixPath(dir), 'same.png', new TextEncoder().encode(String(n)))));
    assert.equal(new Set(written).size, 3);
    assert.equal((await readdir(dir)).length, 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ensureFolderInside refuses a folder outside the root and one that leaves it through a link', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'dmxapi-root-'));
  const outside = await mkdtemp(path.join(tmpdir(), 'dmxapi-outside-'));
  try {
    await symlink(outside, path.join(root, 'link'));
    await assert.rejects(ensureFolderInside(toPosixPath(root), toPosixPath(path.join(root, '..', 'x'))), OutsideWorkspaceError);
    await assert.rejects(ensureFolderInside(toPosixPath(root), `${toPosixPath(root)}/link/assets`), OutsideWorkspaceError);
    await ensureFolderInside(toPosixPath(root), `${toPosixPath(root)}/assets`);
    assert.deepEqual((await readdir(root)).sort(), ['assets', 'link']);
  } finally {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});
