import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { editReportText, editToolJsonSchema, parseEditToolInput, planEdit } from '../../../src/core/agents/editToolInput';
import { createCatalog } from '../../../src/core/catalog/catalog';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const edit = (manifest.contributes.languageModelTools as Array<Record<string, unknown>>).find((tool) => tool.name === 'dmxapi_editImage');

test('the edit tool is declared, referenceable as #editImage, activated on demand', () => {
  assert.ok(edit, 'dmxapi_editImage is not in contributes.languageModelTools');
  assert.equal(edit.toolReferenceName, 'editImage');
  assert.equal(edit.canBeReferencedInPrompt, true);
  assert.match(String(edit.modelDescription), /saves the result as a NEW file next to it/);
  assert.ok((manifest.activationEvents as string[]).includes('onLanguageModelTool:dmxapi_editImage'));
});

test('its input schema in package.json is derived from the catalog: only models that edit', () => {
  const catalog = createCatalog();
  const expected = editToolJsonSchema(catalog);
  assert.deepEqual(edit?.inputSchema, expected, `package.json is out of date; run npm run compile-tests && node out/scripts/syncToolSchema.js`);
  assert.deepEqual(expected.properties.model.enum, catalog.models.filter((m) => m.edit).map((m) => m.id));
  assert.ok(expected.properties.model.enum.includes('gpt-image-2'));
  assert.ok(!expected.properties.model.enum.includes('dall-e-3'));
});

test('input: image and instruction are required; the model falls back to the setting only if it edits', () => {
  assert.equal(parseEditToolInput({ image: 'a.png' }).ok, false);
  const parsed = parseEditToolInput({ image: 'a.png', instruction: 'make it blue' });
  assert.ok(parsed.ok);
  const catalog = createCatalog();
  assert.equal(planEdit(catalog, parsed.input, 'gpt-image-2').model.id, 'gpt-image-2');
  assert.equal(planEdit(catalog, parsed.input, 'dall-e-3').model.id, catalog.models.find((m) => m.edit)!.id);
  const plan = planEdit(catalog, { ...parsed.input, model: 'nano-banana-2', resolution: '4K' }, undefined);
  assert.equal(plan.tokensPerImage, 2000);
});

test('the report gives the new path, the link and the fallback notice', () => {
  const text = editReportText({
    model: 'gpt-image-2',
    source: 'assets/cat.png',
    versions: [{ workspacePath: 'assets/cat-v2.png', link: '![x](../assets/cat-v2.png)', width: 64, height: 64 }],
    document: 'docs/a.md',
    texts: [],
    notice: 'went alone',
  });
  assert.match(text, /- assets\/cat-v2\.png \(64×64 px\)/);
  assert.match(text, /!\[x\]\(\.\.\/assets\/cat-v2\.png\)/);
  assert.match(text, /went alone/);
});
