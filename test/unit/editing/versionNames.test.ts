import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextVersionName, parseVersion } from '../../../src/core/paths/versionNames';

describe('nextVersionName', () => {
  test('cat.png → cat-v2.png → cat-v3.png', () => {
    assert.equal(nextVersionName('cat.png', ['cat.png']), 'cat-v2.png');
    assert.equal(nextVersionName('cat-v2.png', ['cat.png', 'cat-v2.png']), 'cat-v3.png');
  });

  test('an edit of an older version takes the number after the family\'s highest, under any extension and case', () => {
    assert.equal(nextVersionName('cat.png', ['cat.png', 'cat-v2.png', 'Cat-V3.JPG']), 'cat-v4.png');
    assert.equal(nextVersionName('cat-v2.png', ['cat.png', 'cat-v2.png', 'cat-v5.webp', 'dog-v9.png']), 'cat-v6.png');
  });

  test('the new image\'s own extension, and names that only look like versions', () => {
    assert.equal(nextVersionName('cat.png', [], '.jpg'), 'cat-v2.jpg');
    assert.equal(nextVersionName('cat-v0.png', []), 'cat-v0-v2.png');
    assert.equal(nextVersionName('-v2.png', []), '-v2-v2.png');
    assert.deepEqual(parseVersion('a-v12.webp'), { base: 'a', version: 12, extension: '.webp' });
    assert.deepEqual(parseVersion('README'), { base: 'README', version: 1, extension: '' });
  });

  test('a long name keeps at most 144 bytes of stem, cut between letters', () => {
    const name = nextVersionName(`${'猫'.repeat(100)}.png`, []);
    assert.ok(Buffer.byteLength(name) <= 144 + '-v2.png'.length, name);
    assert.equal(name, `${'猫'.repeat(48)}-v2.png`);
    assert.equal(nextVersionName(name, [name]), `${'猫'.repeat(48)}-v3.png`);
  });
});
