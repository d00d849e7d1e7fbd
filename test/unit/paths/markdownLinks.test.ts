import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeAltText, formatLinkTarget, linkTargetFor, markdownImage, relativeLinkPath } from '../../../src/core/paths/markdownLinks';

describe('relativeLinkPath', () => {
  test('is relative to the document folder, not the workspace root', () => {
    assert.equal(relativeLinkPath('/ws/docs/guide', '/ws/assets/cat.png'), '../../assets/cat.png');
    assert.equal(relativeLinkPath('/ws', '/ws/assets/cat.png'), 'assets/cat.png');
    assert.equal(relativeLinkPath('/ws/docs', '/ws/docs/img/cat.png'), 'img/cat.png');
  });
});

describe('formatLinkTarget', () => {
  test('plain targets stay bare', () => {
    assert.equal(formatLinkTarget('assets/cat.png'), 'assets/cat.png');
    assert.equal(formatLinkTarget('assets/小猫.png'), 'assets/小猫.png');
  });

  test('spaces and parentheses get angle brackets', () => {
    assert.equal(formatLinkTarget('my assets/cat.png'), '<my assets/cat.png>');
    assert.equal(formatLinkTarget('assets/cat (1).png'), '<assets/cat (1).png>');
  });

  test('angle brackets inside are encoded', () => {
    assert.equal(formatLinkTarget('a<b>.png'), 'a%3Cb%3E.png');
  });
});

describe('alt text', () => {
  test('escapes brackets and backslashes, folds lines', () => {
    assert.equal(escapeAltText('a [cat]\\dog\nnext  line'), 'a \\[cat\\]\\\\dog next line');
  });

  test('is shortened with an ellipsis', () => {
    const alt = escapeAltText('猫'.repeat(300));
    assert.equal([...alt].length, 120);
    assert.ok(alt.endsWith('…'));
  });

  test('markdownImage puts both together', () => {
    assert.equal(markdownImage('a [b]', 'x y.png'), '![a \\[b\\]](<x y.png>)');
  });
});

describe('linkTargetFor', () => {
  test('a saved document links relative to its folder', () => {
    assert.equal(linkTargetFor('/ws/assets/c.png', { documentPath: '/ws/docs/a.md', workspaceFolder: '/ws' }), '../assets/c.png');
  });

  test('an untitled document links from the workspace root', () => {
    assert.equal(linkTargetFor('/ws/assets/c.png', { workspaceFolder: '/ws' }), '/assets/c.png');
  });

  test('without either, the absolute path', () => {
    assert.equal(linkTargetFor('/tmp/out/c.png', {}), '/tmp/out/c.png');
  });
});
