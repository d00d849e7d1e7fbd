// Writes the catalog's model ids, ratios and resolutions into the language model tool's input schema in
// package.json (VS Code reads the schema from the manifest, so it cannot be computed at run time).
//   npm run compile-tests && node out/scripts/syncToolSchema.js
// The unit test toolManifest.test.ts fails whenever the two drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { editToolJsonSchema } from '../src/core/agents/editToolInput';
import { generateToolJsonSchema } from '../src/core/agents/generateToolInput';
import { createCatalog } from '../src/core/catalog/catalog';

const manifestPath = path.resolve(__dirname, '../../package.json');
const text = readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(text) as { contributes: { languageModelTools: Array<{ name: string; inputSchema: unknown }> } };
const tool = manifest.contributes.languageModelTools.find((t) => t.name === 'dmxapi_generateImage');
if (!tool) throw new Error('dmxapi_generateImage is not declared in package.json');
tool.inputSchema = generateToolJsonSchema(createCatalog());
const editTool = manifest.contributes.languageModelTools.find((t) => t.name === 'dmxapi_editImage');
if (!editTool) throw new Error('dmxapi_editImage is not declared in package.json');
editTool.inputSchema = editToolJsonSchema(createCatalog());
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`updated the generate and edit tools' input schemas in ${manifestPath}`);
