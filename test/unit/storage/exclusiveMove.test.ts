import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { moveIntoPlaceExclusive } from '../../../src/storage/exclusiveMove';

/**
 * Two windows saving at once: each checked that `cat.png` was free, then one finished first. The second must be
 * told the name is taken, not replace the first image (which rename(2) would do).
 */

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'exclusive-move-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a name another window took after our check is not replaced', async () => {
  const target = path.join(dir, 'cat.png');
  await writeFile(path.join(dir, '.ours.partial'), 'ours');
  await writeFile(target, 'the other window');
  assert.equal(await moveIntoPlaceExclusive(path.join(dir, '.ours.partial'), target), 'exists');
  assert.equal(await readFile(target, 'utf8'), 'the other window');
  assert.equal(await readFile(path.join(dir, '.ours.partial'), 'utf8'), 'ours', 'the temporary file stays for the caller');
});

test('two moves to one free name at once: exactly one wins, and each image survives somewhere', async () => {
  const target = path.join(dir, 'dog.png');
  await writeFile(path.join(dir, '.a.partial'), 'a');
  await writeFile(path.join(dir, '.b.partial'), 'b');
  const results = await Promise.all([moveIntoPlaceExclusive(path.join(dir, '.a.partial'), target), moveIntoPlaceExclusive(path.join(dir, '.b.partial'), target)]);
  assert.deepEqual([...results].sort(), ['exists', 'moved']);
  const winner = results[0] === 'moved' ? 'a' : 'b';
  assert.equal(await readFile(target, 'utf8'), winner);
  assert.ok((await readdir(dir)).includes(`.${winner === 'a' ? 'b' : 'a'}.partial`));
});

test('a free name: the file moves and the temporary name is gone', async () => {
  await writeFile(path.join(dir, '.c.partial'), 'c');
  assert.equal(await moveIntoPlaceExclusive(path.join(dir, '.c.partial'), path.join(dir, 'bird.png')), 'moved');
  assert.equal(await readFile(path.join(dir, 'bird.png'), 'utf8'), 'c');
  assert.ok(!(await readdir(dir)).includes('.c.partial'));
});
