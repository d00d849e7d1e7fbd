import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GENERATE_IMAGE_TOOL, GenerateImageTool } from '../../src/agents/generateImageTool';
import { createCatalog } from '../../src/core/catalog/catalog';
import { MemoryMemento, StudioUnderTest } from './support/studioUnderTest';
import { generate, listFolder, pngSize, removeIfPresent, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';

/**
 * The Copilot tool through VS Code's own language model API, in a workbench without Copilot: listed in
 * `vscode.lm.tools`, invoked with `vscode.lm.invokeTool`.
 *
 * The confirmation: outside a chat, invokeTool asks through the workbench's dialog service, which in an extension
 * test run answers every confirmation itself without showing it ("DialogService: refused to show confirmation dialog
 * in tests.", VS Code 1.100). So here the tool runs as if Yes were pressed, and the confirmation's text is checked
 * by calling `prepareInvocation` directly; the dialog a person sees, and its Cancel, are in test/e2e/agentTool.e2e.ts.
 */

const textOf = (result: vscode.LanguageModelToolResult): string =>
  result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');

const invoke = async (input: object): Promise<string> =>
  textOf(await vscode.lm.invokeTool(GENERATE_IMAGE_TOOL, { input, toolInvocationToken: undefined }));

suite('Language model tools without Copilot', () => {
  const fake = useFakeDmxApi();
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');
  const generations = () => fake.requests.filter((r) => r.method === 'POST');

  setup(async () => {
    await removeIfPresent(assets());
  });

  test('generateImage is listed in vscode.lm.tools with the catalog in its schema', () => {
    const tool = vscode.lm.tools.find((t) => t.name === GENERATE_IMAGE_TOOL);
    assert.ok(tool, `not among ${vscode.lm.tools.map((t) => t.name).join(', ')}`);
    assert.ok(tool.tags.includes('image'));
    assert.match(tool.description, /Use it when the user asks for an image/);
    const schema = tool.inputSchema as { properties: Record<string, { enum?: string[] }>; required: string[] };
    assert.ok(schema.properties.model?.enum?.includes('nano-banana-2'));
    assert.ok(schema.properties.aspectRatio?.enum?.includes('21:9'));
    assert.deepEqual(schema.required, ['prompt']);
  });

  test('invokeTool saves the file as the command does and reports the workspace path, the link and the substitution', async () => {
    const text = await invoke({ prompt: 'A lighthouse at dawn', model: 'nano-banana-2', aspectRatio: '8:1', resolution: '2K', document: 'docs/guide/page.md' });
    const files = await listFolder(assets());
    assert.equal(files.length, 1, `${files.join(', ')}\n${text}`);
    const name = files[0]!;
    assert.match(name, /^a-lighthouse-at-dawn-\d{8}-\d{6}\.png$/);
    assert.ok(text.includes(`- assets/${name} (198×84 px)`), text);
    assert.ok(text.includes(`![A lighthouse at dawn](../../assets/${name})`), text);
    assert.ok(text.includes('Aspect ratio 8:1 is not offered by nano-banana-2; the nearest, 21:9, was used.'), text);
    assert.deepEqual(pngSize(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(assets(), name))), { width: 3168 / 16, height: 1344 / 16 });
    assert.equal(generations().length, 1);
    const body = generations()[0]!.body as { model: string; aspect_ratio: string };
    assert.deepEqual([body.model, body.aspect_ratio], ['nano-banana-2', '21:9']);
  });

  test('the confirmation states model, pixel size, count, documented tokens and the folder, before anything is sent', async () => {
    // A runner wired as the extension wires it; preparing never calls it.
    const studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.joinPath(workspaceFolder(), '.refs'));
    try {
      const catalog = createCatalog();
      const tool = new GenerateImageTool({ catalog: () => catalog, runner: studio.runner, logger: { info() {}, warn() {}, error() {}, show() {} } });
      const prepared = await tool.prepareInvocation({ input: { prompt: 'A lighthouse at dawn', model: 'nano-banana-2', aspectRatio: '8:1', resolution: '2K', count: 2 } });
      const message = prepared.confirmationMessages?.message;
      // appendText escapes Markdown punctuation; the dialog shows the text unescaped.
      const text = (typeof message === 'string' ? message : (message?.value ?? '')).replace(/\\(.)/g, '$1');
      assert.equal(prepared.confirmationMessages?.title, 'Generate an image with DMXAPI?');
      for (const shown of ['Model: nano-banana-2', 'Size: 3168×1344 (21:9, 2K)', 'Images: 2', 'Tokens per image: 1210', 'Saved to: assets/', '8:1 is not offered by this model; 21:9 is used instead.']) {
        assert.ok(text.includes(shown), `the confirmation lacks "${shown}":\n${text}`);
      }
      assert.equal(generations().length, 0, 'preparing sent a request');
    } finally {
      studio.dispose();
    }
  });

  test('a fault comes back as the same sentence the Generate Image command shows, without a stack', async () => {
    fake.setFault({ kind: 'status', status: 401, times: 1 });
    const text = await invoke({ prompt: 'A fox', document: 'docs/guide/page.md' });
    fake.setFault({ kind: 'status', status: 401, times: 1 });
    const command = await generate({ prompt: 'A fox' });
    assert.equal(command.status, 'failed');
    assert.equal(text, command.status === 'failed' ? command.message : '');
    assert.doesNotMatch(text, /\n\s+at /);
    assert.deepEqual(await listFolder(assets()), []);
  });

  test('a document outside the workspace is refused without sending anything', async () => {
    const text = await invoke({ prompt: 'Escape', document: '../../outside.md' });
    assert.match(text, /is not inside the open workspace/);
    assert.equal(generations().length, 0);
  });
});
