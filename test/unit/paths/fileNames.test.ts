import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extensionForMime, imageFileName, keptImageFileName, stemFromPrompt, timestampForFileName, withCollisionSuffix } from '../../../src/core/paths/fileNames';

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

describe('names are limited in UTF-8 bytes, as file systems count them', () => {
  const FOUR_BYTE_LETTERS: ReadonlyArray<[string, string]> = [
    ['CJK Extension B', '\u{20000}'],
    ['Adlam', '\u{1E922}'],
  ];
  for (const [script, letter] of FOUR_BYTE_LETTERS) {
    test(`60 four-byte letters (${script}) give a stem of at most 144 bytes, cut between letters`, () => {
      const stem = stemFromPrompt(letter.repeat(60));
      assert.ok(Buffer.byteLength(stem) <= 144, `${Buffer.byteLength(stem)} bytes`);
      assert.equal(stem, letter.repeat(36));
      assert.ok(!/[\uD800-\uDFFF]/.test(stem.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')), 'a surrogate pair was split');
      const name = withCollisionSuffix(imageFileName(letter.repeat(60), new Date(2026, 0, 2, 3, 4, 5), 'image/webp'), 999);
      assert.ok(Buffer.byteLength(name) <= 180, `${name}: ${Buffer.byteLength(name)} bytes`);
    });
  }

  test('a letter and its combining marks are never separated', () => {
    // "q" + 3 combining marks (no precomposed form, so NFKC keeps 4 code points) = 7 bytes per grapheme.
    const grapheme = 'q\u0301\u0302\u0303';
    const stem = stemFromPrompt(grapheme.repeat(40));
    assert.equal(stem, grapheme.repeat(12), 'cut by the 48 code point limit between graphemes');
    const wide = '\u{20000}\u0301';
    assert.equal(stemFromPrompt(wide.repeat(40)), wide.repeat(24));
  });

  test('Chinese keeps 48 characters (144 bytes), and word boundaries still win', () => {
    assert.equal(stemFromPrompt('山水'.repeat(250)), '山水'.repeat(24));
    const words = Array.from({ length: 30 }, () => '\u{20000}\u{20001}').join(' ');
    const stem = stemFromPrompt(words);
    assert.ok(Buffer.byteLength(stem) <= 144);
    assert.match(stem, /^(\u{20000}\u{20001}-)*\u{20000}\u{20001}$/u);
  });

  test('the name of a kept image is short ASCII, whatever the prompt', () => {
    assert.equal(keptImageFileName(new Date(2026, 0, 2, 3, 4, 5), 'image/jpeg'), 'image-20260102-030405.jpg');
  });
});
