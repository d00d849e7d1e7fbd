import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateToolJsonSchema } from '../../../src/core/agents/generateToolInput';
import { createCatalog } from '../../../src/core/catalog/catalog';

/** package.json declares the tool statically; it must list exactly what the catalog offers. */

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const tools: Array<Record<string, unknown>> = manifest.contributes.languageModelTools;
const generate = tools.find((tool) => tool.name === 'dmxapi_generateImage');

test('the generate tool is declared with a reference name and a description for the model', () => {
  assert.ok(generate, 'dmxapi_generateImage is not in contributes.languageModelTools');
  assert.equal(generate.toolReferenceName, 'generateImage');
  assert.equal(generate.canBeReferencedInPrompt, true);
  assert.match(String(generate.modelDescription), /Use it when the user asks for an image/);
  assert.match(String(generate.displayName), /^%.+%$/, 'the display name is translated through package.nls');
});

test('its input schema in package.json is the one derived from the catalog (model ids, ratios, resolutions)', () => {
  const expected = generateToolJsonSchema(createCatalog());
  assert.deepEqual(
    generate?.inputSchema,
    expected,
    `package.json is out of date with the catalog; replace contributes.languageModelTools[0].inputSchema with:\n${JSON.stringify(expected, null, 2)}`,
  );
});

test('the schema lists every built-in model id and each model\'s ratios', () => {
  const catalog = createCatalog();
  const schema = generateToolJsonSchema(catalog);
  assert.deepEqual(schema.properties.model.enum, catalog.models.map((m) => m.id));
  for (const model of catalog.models) {
    for (const ratio of model.aspectRatios) {
      assert.ok(schema.properties.aspectRatio.enum.includes(ratio.id), `${model.id} ${ratio.id}`);
    }
  }
  assert.ok(schema.properties.model.enum.includes('nano-banana-2'));
  assert.ok(schema.properties.aspectRatio.enum.includes('21:9'));
});

test('the tool is activated on demand', () => {
  assert.ok((manifest.activationEvents as string[]).includes('onLanguageModelTool:dmxapi_generateImage'));
});
