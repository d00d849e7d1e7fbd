import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readMetadata } from '../../../src/core/metadata/imageMetadata';
import { sha256Hex } from '../../../src/core/sha256';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { waitFor } from '../../support/waitFor';
import { solidPng } from '../editing/support';
import { connectMcpClient, textOf, type TextResult } from './support';

/** The MCP edit_image tool, spawned over stdio and driven by the official SDK's client against the fake DMXAPI. */

const KEY = 'sk-mcp-edit-test-key-0123456789';

let fake: FakeDmxApi;
let workspace: string;
let client: Client;
const source = solidPng(64, 64);

const call = async (args: Record<string, unknown>): Promise<TextResult> => (await client.callTool({ name: 'edit_image', arguments: args })) as TextResult;

before(async () => {
  fake = await startFakeDmxApi({ sizeReduction: 16 });
});
after(async () => {
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  workspace = await mkdtemp(path.join(tmpdir(), 'dmxapi-mcp-edit-'));
  await mkdir(path.join(workspace, 'docs'));
  await mkdir(path.join(workspace, 'assets'));
  await writeFile(path.join(workspace, 'docs', 'guide.md'), '![cat](../assets/cat.png)\n');
  await writeFile(path.join(workspace, 'assets', 'cat.png'), source);
  client = await connectMcpClient(workspace, fake.url, { DMXAPI_API_KEY: KEY });
});
afterEach(async () => {
  await client.close();
  await rm(workspace, { recursive: true, force: true });
});

test('lists edit_image with only the models that edit', async () => {
  const { tools } = await client.listTools();
  const tool = tools.find((t) => t.name === 'edit_image');
  assert.ok(tool, JSON.stringify(tools.map((t) => t.name)));
  const properties = tool.inputSchema.properties as Record<string, { enum?: string[] }>;
  assert.ok(properties.model?.enum?.includes('gpt-image-2'));
  assert.ok(!properties.model?.enum?.includes('dall-e-3'));
  assert.deepEqual(tool.inputSchema.required, ['image', 'instruction']);
});

test('edits into the next version next to the image, never over one, with the lineage inside', async () => {
  await writeFile(path.join(workspace, 'assets', 'cat-v2.png'), solidPng(8, 8));
  const result = await call({ image: 'assets/cat.png', instruction: 'Give the cat a hat', model: 'gpt-image-2', document: 'docs/guide.md' });
  const text = textOf(result);
  assert.equal(result.isError, false, text);
  assert.deepEqual((await readdir(path.join(workspace, 'assets'))).sort(), ['cat-v2.png', 'cat-v3.png', 'cat.png']);
  assert.match(text, /- assets\/cat-v3\.png/);
  assert.ok(text.includes('![Give the cat a hat](../assets/cat-v3.png)'), text);
  assert.deepEqual(await readFile(path.join(workspace, 'assets', 'cat.png')), source, 'the source was changed');
  const record = readMetadata(await readFile(path.join(workspace, 'assets', 'cat-v3.png')));
  assert.deepEqual(record?.parent, { name: 'cat.png', sha256: sha256Hex(source) });
  assert.equal(record?.instruction, 'Give the cat a hat');
  const edits = fake.requests.filter((r) => r.path === '/v1/images/edits');
  assert.equal(edits.length, 1);
});

test('an image outside the workspace root is refused before anything is sent', async () => {
  const result = await call({ image: '../outside.png', instruction: 'x', model: 'gpt-image-2' });
  assert.equal(result.isError, true);
  assert.match(textOf(result), /not inside the workspace root/);
  assert.equal(fake.requests.length, 0);
});

test('versions made but not writable next to the source are kept in the temporary folder and named in the answer', async () => {
  const release = fake.holdAnswers();
  const calling = call({ image: 'assets/cat.png', instruction: 'Give the cat a hat', model: 'gpt-image-2' });
  await waitFor(() => fake.requests.some((r) => r.path === '/v1/images/edits'), 'the edit request');
  // While the model works, the folder becomes a file: nothing can be written next to the source any more.
  await rm(path.join(workspace, 'assets'), { recursive: true });
  await writeFile(path.join(workspace, 'assets'), 'not a folder');
  release();
  const result = await calling;
  const text = textOf(result);
  assert.equal(result.isError, true, text);
  assert.match(text, /The edited images were made but could not be saved into .*assets/);
  const kept = /They are kept in (.+)\.$/.exec(text)?.[1];
  assert.ok(kept, text);
  try {
    assert.match(path.basename(kept), /^cat-v2(-\d+)?\.png$/);
    const record = readMetadata(await readFile(kept));
    assert.equal(record?.instruction, 'Give the cat a hat');
  } finally {
    await rm(kept, { force: true });
  }
});
