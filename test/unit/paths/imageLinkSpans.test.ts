import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findImageLinks, imageLinkAt, resolveLinkTarget } from '../../../src/core/paths/imageLinkSpans';
import { imageReference, type ImageSyntax } from '../../../src/core/paths/imageLinks';

/** Each syntax's links are found back with the path they mean, whatever escaping the writer applied. */

const SYNTAXES: ImageSyntax[] = ['markdown', 'mdx', 'html', 'svelte', 'asciidoc', 'restructuredtext', 'latex', 'typst', 'org'];

for (const syntax of SYNTAXES) {
  test(`${syntax}: a link the extension writes is found, with its target decoded`, () => {
    for (const target of ['../assets/cat.png', 'assets/a b (1).png', 'img/c#%.png']) {
      const link = imageReference(syntax, 'A cat [x]', target);
      const text = `Intro\n\n${link}\n\nOutro`;
      const spans = findImageLinks(text, syntax);
      assert.equal(spans.length, 1, `${link}`);
      assert.equal(spans[0]!.target, target, link);
      assert.equal(text.slice(spans[0]!.start, spans[0]!.end).startsWith(link.split('\n')[0]!.slice(0, 4)), true);
    }
  });
}

test('markdown: a title and alt text that contains the target are kept out of the target span', () => {
  const text = '![cat.png](cat.png "the cat")';
  const [span] = findImageLinks(text, 'markdown');
  assert.ok(span);
  assert.equal(text.slice(span.targetStart, span.targetEnd), 'cat.png');
  assert.equal(span.targetStart, 11);
});

test('markdown also finds HTML <img> and ignores plain links', () => {
  const text = '[not an image](x.png)\n<img src="a.png" width="100">\n![b](b.png)';
  assert.deepEqual(findImageLinks(text, 'markdown').map((s) => s.target), ['a.png', 'b.png']);
});

test('the link under the cursor, and none between links', () => {
  const text = '![a](a.png) text ![b](b.png)';
  assert.equal(imageLinkAt(text, 'markdown', 3)?.target, 'a.png');
  assert.equal(imageLinkAt(text, 'markdown', 20)?.target, 'b.png');
  assert.equal(imageLinkAt(text, 'markdown', 14), undefined);
});

test('targets resolve against the document folder, `/` against the workspace, URLs not at all', () => {
  const context = { documentDir: '/w/docs', workspaceFolder: '/w' };
  assert.equal(resolveLinkTarget('../assets/cat.png', context), '/w/assets/cat.png');
  assert.equal(resolveLinkTarget('/assets/cat.png', context), '/w/assets/cat.png');
  assert.equal(resolveLinkTarget('https://example.com/cat.png', context), undefined);
  assert.equal(resolveLinkTarget('data:image/png;base64,AA', context), undefined);
});
