import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readMetadata } from '../../../src/core/metadata/imageMetadata';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { waitFor } from '../../support/waitFor';
import { connectMcpClient, textOf, type TextResult } from './support';

/** The MCP server as an agent meets it: spawned over stdio and driven by the official SDK's own client. */

const KEY = 'sk-mcp-unit-test-key-0123456789';
let fake: FakeDmxApi;
let workspace: string;
let client: Client;
let stderr = '';

async function connect(env: Record<string, string>, args: string[] = []): Promise<void> {
  client = await connectMcpClient(workspace, fake.url, env, args, (text) => (stderr += text));
}

before(async () => {
  fake = await startFakeDmxApi({ sizeReduction: 16 });
});

after(async () => {
  await fake.close();
});

beforeEach(async () => {
  fake.reset();
  stderr = '';
  workspace = await mkdtemp(path.join(tmpdir(), 'dmxapi-mcp-'));
  await mkdir(path.join(workspace, 'docs'));
  await writeFile(path.join(workspace, 'docs', 'guide.md'), '# Guide\n');
});

async function disconnect(): Promise<void> {
  await client.close();
  await rm(workspace, { recursive: true, force: true });
}

test('lists generate_image with the catalog\'s models and ratios', async () => {
  await connect({ DMXAPI_API_KEY: KEY });
  try {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'generate_image');
    assert.ok(tool, JSON.stringify(tools));
    assert.match(tool.description ?? '', /Use it when the user asks for an image/);
    const properties = tool.inputSchema.properties as Record<string, { enum?: string[] }>;
    assert.ok(properties.model?.enum?.includes('nano-banana-2'));
    assert.ok(properties.aspectRatio?.enum?.includes('16:9'));
    assert.deepEqual(tool.inputSchema.required, ['prompt']);
  } finally {
    await disconnect();
  }
});

test('generates a file in the document\'s assets folder, with metadata, a document-relative link, and never the key', async () => {
  await connect({ DMXAPI_API_KEY: KEY });
  try {
    const result = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'A red fox in the snow', model: 'nano-banana-2', aspectRatio: '8:1', document: 'docs/guide.md' },
    });
    const text = textOf(result);
    assert.equal((result as TextResult).isError, false, text);
    const files = await readdir(path.join(workspace, 'assets'));
    assert.equal(files.length, 1, files.join(', '));
    const name = files[0]!;
    assert.match(name, /^a-red-fox-in-the-snow-\d{8}-\d{6}\.png$/);
    assert.ok(text.includes(`- assets/${name}`), text);
    assert.ok(text.includes(`![A red fox in the snow](../assets/${name})`), text);
    assert.match(text, /Aspect ratio 8:1 is not offered by nano-banana-2; the nearest, 21:9, was used\./);
    const bytes = await readFile(path.join(workspace, 'assets', name));
    assert.equal(readMetadata(bytes)?.prompt, 'A red fox in the snow');
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0]!.headers['authorization'], `Bearer ${KEY}`);
    assert.equal((fake.requests[0]!.body as { aspect_ratio?: string }).aspect_ratio, '21:9');
    assert.ok(!text.includes(KEY) && !stderr.includes(KEY), 'the key appeared in the output');
  } finally {
    await disconnect();
  }
});

test('a document outside the workspace root is refused before anything is sent', async () => {
  await connect({ DMXAPI_API_KEY: KEY });
  try {
    const result = await client.callTool({ name: 'generate_image', arguments: { prompt: 'escape', document: '../elsewhere/readme.md' } });
    assert.equal((result as TextResult).isError, true);
    assert.match(textOf(result), /is not inside the workspace root/);
    assert.equal(fake.requests.length, 0);
    assert.equal(existsSync(path.join(workspace, '..', 'elsewhere')), false);
  } finally {
    await disconnect();
  }
});

test('an assets folder outside the root, even through a link, is refused before anything is sent', async () => {
  const outside = await mkdtemp(path.join(tmpdir(), 'dmxapi-outside-'));
  await symlink(outside, path.join(workspace, 'linked'));
  for (const folder of ['../outside', 'linked/images']) {
    await connect({ DMXAPI_API_KEY: KEY }, ['--assets-folder', folder]);
    try {
      const result = await client.callTool({ name: 'generate_image', arguments: { prompt: 'escape' } });
      assert.equal((result as TextResult).isError, true, folder);
      assert.equal(fake.requests.length, 0, folder);
    } finally {
      await client.close();
    }
  }
  assert.deepEqual(await readdir(outside), []);
  await rm(outside, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });
});

test('without DMXAPI_API_KEY the call says how to set it and sends nothing', async () => {
  await connect({});
  try {
    const result = await client.callTool({ name: 'generate_image', arguments: { prompt: 'fox' } });
    assert.equal((result as TextResult).isError, true);
    assert.match(textOf(result), /No DMXAPI key: set DMXAPI_API_KEY/);
    assert.equal(fake.requests.length, 0);
  } finally {
    await disconnect();
  }
});

test('a rejected key comes back as the error text, with the key scrubbed', async () => {
  fake.setFault({ kind: 'status', status: 401, message: `Incorrect API key provided: ${KEY}` });
  await connect({ DMXAPI_API_KEY: KEY });
  try {
    const result = await client.callTool({ name: 'generate_image', arguments: { prompt: 'fox' } });
    const text = textOf(result);
    assert.equal((result as TextResult).isError, true);
    assert.match(text, /401/);
    assert.ok(!text.includes(KEY) && !stderr.includes(KEY), text);
    assert.equal(existsSync(path.join(workspace, 'assets')) ? (await readdir(path.join(workspace, 'assets'))).length : 0, 0);
  } finally {
    await disconnect();
  }
});

test('images generated but not writable into the folder are kept in the temporary folder and named in the answer', async () => {
  await connect({ DMXAPI_API_KEY: KEY });
  const release = fake.holdAnswers();
  try {
    const calling = client.callTool({ name: 'generate_image', arguments: { prompt: 'A kept fox', model: 'nano-banana-2', document: 'docs/guide.md' } });
    await waitFor(() => fake.requests.length > 0, 'the generation request');
    // While the model works, the folder becomes a file: nothing can be written into it any more.
    await rm(path.join(workspace, 'assets'), { recursive: true, force: true });
    await writeFile(path.join(workspace, 'assets'), 'not a folder');
    release();
    const result = (await calling) as TextResult;
    const text = textOf(result);
    assert.equal(result.isError, true, text);
    assert.match(text, /The images were generated but could not be saved into .*assets/);
    const kept = /They are kept in (.+)\.$/.exec(text)?.[1];
    assert.ok(kept, text);
    try {
      assert.match(path.basename(kept), /^a-kept-fox-\d{8}-\d{6}(-\d+)?\.png$/);
      assert.equal(readMetadata(await readFile(kept))?.prompt, 'A kept fox');
    } finally {
      await rm(kept, { force: true });
    }
  } finally {
    release();
    await disconnect();
  }
});
