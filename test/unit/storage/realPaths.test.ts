import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { realPathInside } from '../../../src/storage/realPaths';

/** `assets` as a symbolic link: inside the workspace by its spelling, wherever the link leads on disk. */

let root: string;
let workspace: string;
let outside: string;
before(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'real-paths-'));
  workspace = path.join(root, 'workspace');
  outside = path.join(root, 'outside');
  await mkdir(path.join(workspace, 'images'), { recursive: true });
  await mkdir(outside);
  await symlink(outside, path.join(workspace, 'assets'));
  await symlink(path.join(workspace, 'images'), path.join(workspace, 'pictures'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('a link to a folder outside the workspace is outside, also for subfolders still to be created', async () => {
  assert.deepEqual(await realPathInside(workspace, path.join(workspace, 'assets')), { inside: false, real: outside });
  assert.equal((await realPathInside(workspace, path.join(workspace, 'assets', 'new', 'deeper'))).inside, false);
});

test('a link that stays inside, a plain folder and a folder to be created are inside', async () => {
  assert.equal((await realPathInside(workspace, path.join(workspace, 'pictures', 'x'))).inside, true);
  assert.equal((await realPathInside(workspace, path.join(workspace, 'images'))).inside, true);
  assert.equal((await realPathInside(workspace, path.join(workspace, 'not-yet', 'there'))).inside, true);
  assert.equal((await realPathInside(workspace, workspace)).inside, true);
});

test('a workspace opened through a link is compared by its real path too', async () => {
  const linkedWorkspace = path.join(root, 'linked-workspace');
  await symlink(workspace, linkedWorkspace);
  assert.equal((await realPathInside(linkedWorkspace, path.join(workspace, 'images'))).inside, true);
  assert.equal((await realPathInside(linkedWorkspace, path.join(linkedWorkspace, 'assets'))).inside, false);
});
