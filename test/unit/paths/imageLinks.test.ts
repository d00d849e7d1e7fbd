import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { imageLinkText, imageReference, imageSyntaxFor, textToInsert } from '../../../src/core/paths/imageLinks';
import { encodeUrlPath, markdownImage } from '../../../src/core/paths/markdownLinks';

describe('image syntax by language id', () => {
  test('each document language gets its own syntax; languages without one get none', () => {
    const expected: Record<string, string | undefined> = {
      markdown: 'markdown',
      mdx: 'mdx',
      html: 'html',
      vue: 'html',
      'vue-html': 'html',
      svelte: 'svelte',
      asciidoc: 'asciidoc',
      restructuredtext: 'restructuredtext',
      latex: 'latex',
      tex: 'latex',
      typst: 'typst',
      org: 'org',
      plaintext: undefined,
      python: undefined,
      toString: undefined,
    };
    for (const [language, syntax] of Object.entries(expected)) {
      assert.equal(imageSyntaxFor(language), syntax, language);
    }
  });
});

describe('a plain image in every syntax', () => {
  const cases: [string, string][] = [
    ['markdown', '![A fox](../assets/fox.png)'],
    ['mdx', '![A fox](../assets/fox.png)'],
    ['html', '<img src="../assets/fox.png" alt="A fox">'],
    ['vue', '<img src="../assets/fox.png" alt="A fox">'],
    ['svelte', '<img src="../assets/fox.png" alt="A fox">'],
    ['asciidoc', 'image::../assets/fox.png[A fox]'],
    ['restructuredtext', '.. image:: ../assets/fox.png\n   :alt: A fox'],
    ['latex', '\\includegraphics{../assets/fox.png}'],
    ['typst', '#image("../assets/fox.png", alt: "A fox")'],
    ['org', '[[file:../assets/fox.png]]'],
  ];
  for (const [language, text] of cases) {
    test(language, () => {
      assert.equal(imageReference(imageSyntaxFor(language)!, 'A fox', '../assets/fox.png'), text);
    });
  }
});

describe('escaping per syntax', () => {
  const alt = 'a "quoted" [fox], {x} <b> & \\ more';
  const target = 'my pics/c#1/50% (x).png';

  test('Markdown: brackets and backslashes in alt, <…> around spaces, # and % encoded', () => {
    assert.equal(imageReference('markdown', alt, target), '![a "quoted" \\[fox\\], {x} <b> & \\\\ more](<my pics/c%231/50%25 (x).png>)');
  });

  test('MDX also keeps braces and < as text', () => {
    assert.equal(imageReference('mdx', alt, target), '![a "quoted" \\[fox\\], \\{x\\} \\<b> & \\\\ more](<my pics/c%231/50%25 (x).png>)');
  });

  test('HTML: attribute entities, braces for Svelte, URL path percent-encoded', () => {
    assert.equal(
      imageReference('html', alt, target),
      '<img src="my%20pics/c%231/50%25%20(x).png" alt="a &quot;quoted&quot; [fox], &#123;x&#125; &lt;b&gt; &amp; \\ more">',
    );
  });

  test('AsciiDoc: quoted alt (it has a comma), brackets in the path encoded', () => {
    assert.equal(imageReference('asciidoc', alt, 'a[1].png'), 'image::a%5B1%5D.png["a \\"quoted\\" [fox], {x} <b> & \\\\ more"]');
    assert.equal(imageReference('asciidoc', 'end ] here', 'a.png'), 'image::a.png[end \\] here]');
  });

  test('reStructuredText: white space and backslashes in the path escaped, alt on one line', () => {
    assert.equal(imageReference('restructuredtext', 'two\nlines', 'my pics/a\\b.png'), '.. image:: my\\ pics/a\\\\b.png\n   :alt: two lines');
  });

  test('LaTeX: % # & { } escaped', () => {
    assert.equal(imageReference('latex', alt, '50% #1 & {x}.png'), '\\includegraphics{50\\% \\#1 \\& \\{x\\}.png}');
  });

  test('Typst: quotes and backslashes in both strings', () => {
    assert.equal(imageReference('typst', 'say "hi" \\', 'a"b.png'), '#image("a\\"b.png", alt: "say \\"hi\\" \\\\")');
  });

  test('Org: brackets and backslashes in the link', () => {
    assert.equal(imageReference('org', alt, 'a[1]\\b.png'), '[[file:a\\[1\\]\\\\b.png]]');
  });
});

describe('link paths with #, ? and %XX in folder names', () => {
  test('are percent-encoded per segment, so the link names the folder, not a fragment or query', () => {
    assert.equal(encodeUrlPath('../c#/x.png'), '../c%23/x.png');
    assert.equal(encodeUrlPath('../what?/x.png'), '../what%3F/x.png');
    assert.equal(encodeUrlPath('../%41/x.png'), '../%2541/x.png');
    assert.equal(encodeUrlPath('../小猫 (1)/x.png'), '../小猫 (1)/x.png');
  });

  test('Markdown links to ../c#/x.png stay links to the folder c#', () => {
    assert.equal(markdownImage('x', '../c#/x.png'), '![x](../c%23/x.png)');
  });
});

describe('imageLinkText', () => {
  const images = [
    { path: '/ws/assets/a.png', alt: 'first' },
    { path: '/ws/assets/b.png', alt: 'second' },
  ];
  const base = { documentPath: '/ws/docs/page.adoc', workspaceFolder: '/ws' };

  test('relative to the document, one per line; blocks apart by an empty line', () => {
    assert.deepEqual(imageLinkText('markdown', images, base), { syntax: 'markdown', text: '![first](../assets/a.png)\n![second](../assets/b.png)' });
    assert.deepEqual(imageLinkText('asciidoc', images, base), { syntax: 'asciidoc', text: 'image::../assets/a.png[first]\n\nimage::../assets/b.png[second]' });
  });

  test('a language without image syntax gets the relative paths and no syntax', () => {
    assert.deepEqual(imageLinkText('python', images, base), { text: '../assets/a.png\n../assets/b.png' });
  });

  test('no document: Markdown', () => {
    assert.equal(imageLinkText(undefined, images.slice(0, 1), { workspaceFolder: '/ws' }).text, '![first](/assets/a.png)');
  });
});

describe('textToInsert', () => {
  const alone = { afterSelection: false, textBefore: false, textAfter: false };

  test('inline syntaxes go where the cursor is, or on the line after a selection', () => {
    assert.equal(textToInsert('markdown', 'L', alone), 'L');
    assert.equal(textToInsert('markdown', 'L', { ...alone, afterSelection: true }), '\nL');
    assert.equal(textToInsert(undefined, 'L', { ...alone, textBefore: true }), 'L');
  });

  test('block syntaxes are kept apart from surrounding text by empty lines', () => {
    assert.equal(textToInsert('restructuredtext', 'B', alone), 'B');
    assert.equal(textToInsert('restructuredtext', 'B', { ...alone, afterSelection: true }), '\n\nB');
    assert.equal(textToInsert('asciidoc', 'B', { afterSelection: false, textBefore: true, textAfter: true }), '\n\nB\n\n');
  });
});
