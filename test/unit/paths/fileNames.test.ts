import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extensionForMime, imageFileName, stemFromPrompt, timestampForFileName, withCollisionSuffix } from '../../../src/core/paths/fileNames';

describe('stemFromPrompt', () => {
  test('keeps words, joins them with dashes, lower-cases', () => {
    assert.equal(stemFromPrompt('A Cute  Cat, on a mat!'), 'a-cute-cat-on-a-mat');
  });

  test('keeps Chinese characters', () => {
    assert.equal(stemFromPrompt('生成一只可爱的小猫'), '生成一只可爱的小猫');
    assert.equal(stemFromPrompt('哪吒竖着大拇指,背景广告牌写着 DMXAPI'), '哪吒竖着大拇指-背景广告牌写着-dmxapi');
  });

  test('drops characters file systems and links reject', () => {
    const stem = stemFromPrompt('a/b\\c:d*e?f"g<h>i|j\u0000k\u001fl');
    assert.equal(stem, 'a-b-c-d-e-f-g-h-i-j-k-l');
    assert.doesNotMatch(stem, /[/\\:*?"<>|\u0000-\u001f]/);
  });

  test('drops emoji but keeps the words around them', () => {
    assert.equal(stemFromPrompt('🐱 cat 🚀 rocket'), 'cat-rocket');
  });

  test('caps the length in code points, on a word boundary when it can', () => {
    const long = '猫'.repeat(500);
    assert.equal([...stemFromPrompt(long)].length, 48);
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const stem = stemFromPrompt(words);
    assert.ok([...stem].length <= 48);
    assert.ok(!stem.endsWith('-'));
    assert.match(stem, /^word0-word1-/);
  });

  test('falls back to "image" and avoids Windows device names', () => {
    assert.equal(stemFromPrompt('!!! ???'), 'image');
    assert.equal(stemFromPrompt(''), 'image');
    assert.equal(stemFromPrompt('CON'), 'image-con');
  });
});

describe('file names', () => {
  test('timestamp is local, zero padded', () => {
    assert.equal(timestampForFileName(new Date(2026, 0, 2, 3, 4, 5)), '20260102-030405');
  });

  test('extension follows the sniffed type', () => {
    assert.equal(extensionForMime('image/png'), 'png');
    assert.equal(extensionForMime('image/jpeg'), 'jpg');
    assert.equal(extensionForMime('image/webp'), 'webp');
    assert.equal(extensionForMime('image/gif'), 'gif');
    assert.equal(extensionForMime('text/html'), 'bin');
  });

  test('imageFileName joins stem, timestamp and extension', () => {
    assert.equal(imageFileName('Sunset over 西湖', new Date(2026, 10, 21, 15, 30, 45), 'image/png'), 'sunset-over-西湖-20261121-153045.png');
  });

  test('collision suffixes go before the extension', () => {
    assert.equal(withCollisionSuffix('cat.png', 0), 'cat.png');
    assert.equal(withCollisionSuffix('cat.png', 1), 'cat-1.png');
    assert.equal(withCollisionSuffix('cat.v2.png', 2), 'cat.v2-2.png');
    assert.equal(withCollisionSuffix('noext', 3), 'noext-3');
  });
});
