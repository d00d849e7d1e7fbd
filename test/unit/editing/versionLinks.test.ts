import assert from 'node:assert/strict';
import { test } from 'node:test';
import { versionLinkReplacements, type TextReplacement } from '../../../src/core/editing/versionLinks';

const apply = (text: string, replacements: readonly TextReplacement[]): string =>
  [...replacements].sort((a, b) => b.start - a.start).reduce((out, r) => out.slice(0, r.start) + r.text + out.slice(r.end), text);

const context = { documentDir: '/w/docs', workspaceFolder: '/w' };
const earlier = new Set(['/w/assets/cat.png', '/w/assets/cat-v2.png']);

test('links to earlier versions point at the new one; alt text, titles and other links stay', () => {
  const text = [
    '![A cat](../assets/cat.png "Title")',
    '![Other](../assets/dog.png)',
    '![Second](</assets/cat-v2.png>)',
    '<img src="../assets/cat.png" alt="cat" width="50">',
  ].join('\n');
  const out = apply(text, versionLinkReplacements(text, 'markdown', context, earlier, '../assets/cat-v3.png'));
  assert.equal(
    out,
    [
      '![A cat](../assets/cat-v3.png "Title")',
      '![Other](../assets/dog.png)',
      '![Second](../assets/cat-v3.png)',
      '<img src="../assets/cat-v3.png" alt="cat" width="50">',
    ].join('\n'),
  );
});

test('a target with spaces is written as the syntax needs it', () => {
  const text = '.. image:: ../assets/cat.png\n   :alt: cat';
  const out = apply(text, versionLinkReplacements(text, 'restructuredtext', context, earlier, '../assets/my cat-v3.png'));
  assert.equal(out, '.. image:: ../assets/my\\ cat-v3.png\n   :alt: cat');
});

test('nothing to replace: no link to an earlier version', () => {
  assert.deepEqual(versionLinkReplacements('![x](../assets/dog.png)', 'markdown', context, earlier, 'x'), []);
});
