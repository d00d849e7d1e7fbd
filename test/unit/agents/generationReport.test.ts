import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planGeneration } from '../../../src/core/agents/generationPlan';
import { generationReportText } from '../../../src/core/agents/generationReport';
import { createCatalog } from '../../../src/core/catalog/catalog';

const catalog = createCatalog();

test('the report gives the workspace path, the link for the document, the adjustment and the model\'s words', () => {
  const plan = planGeneration(catalog, { prompt: 'A hero image', model: 'nano-banana-2', aspectRatio: '8:1' }, { model: 'nano-banana-2' });
  const text = generationReportText({
    plan,
    images: [{ workspacePath: 'assets/a-hero-image-20260101-000000.png', linkTarget: '../assets/a-hero-image-20260101-000000.png', link: '![A hero image](../assets/a-hero-image-20260101-000000.png)', width: 1584, height: 672 }],
    document: 'docs/README.md',
    texts: ['Here is your hero image.'],
  });
  assert.match(text, /^Generated 1 image with nano-banana-2 \(21:9, 1K\)/);
  assert.match(text, /- assets\/a-hero-image-20260101-000000\.png \(1584×672 px\)/);
  assert.match(text, /Image link to insert into docs\/README\.md/);
  assert.match(text, /^!\[A hero image\]\(\.\.\/assets\/a-hero-image-20260101-000000\.png\)$/m);
  assert.match(text, /Aspect ratio 8:1 is not offered by nano-banana-2; the nearest, 21:9, was used\./);
  assert.match(text, /The image model also said: Here is your hero image\./);
});

test('without a document the report says the link is workspace-rooted', () => {
  const plan = planGeneration(catalog, { prompt: 'x' }, { model: 'dall-e-3' });
  const text = generationReportText({ plan, images: [{ workspacePath: 'assets/x.png', linkTarget: '/assets/x.png', link: '![x](/assets/x.png)' }], texts: [] });
  assert.match(text, /workspace-rooted link/);
  assert.doesNotMatch(text, /also said/);
});
