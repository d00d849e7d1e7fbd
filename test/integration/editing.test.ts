import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EDIT_IMAGE_TOOL } from '../../src/agents/toolNames';
import { readMetadata } from '../../src/core/metadata/imageMetadata';
import { sha256Hex } from '../../src/core/sha256';
import { createGuard } from '../../src/failures/commandGuard';
import { EditService, type EditDone } from '../../src/editing/editService';
import { guardedEdit } from '../../src/editing/guardedEdit';
import type { SavedImage } from '../../src/generation/generationJob';
import { solidPng } from '../unit/editing/support';
import { silentLogger } from './support/fakes';
import { MemoryMemento, StudioUnderTest, waitFor } from './support/studioUnderTest';
import { listFolder, openWritten, removeIfPresent, setSetting, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';

/**
 * Editing from the extension's side against the fake DMXAPI: the entry points that open the studio in edit mode,
 * versions next to their source with their lineage, masks, Gemini refines continued from the files (the fake
 * refuses a dropped or altered signature), the fallback when a parent is gone, Use This Version, Cancel, Retry,
 * and the edit tool through `vscode.lm.invokeTool`.
 */

const SOURCE = solidPng(64, 48);

suite('Editing images into versions', () => {
  const fake = useFakeDmxApi();
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'edits');
  const cat = () => vscode.Uri.joinPath(folder(), 'cat.png');
  const docs = () => vscode.Uri.joinPath(workspaceFolder(), 'edits', 'docs');
  const at = (name: string) => vscode.Uri.joinPath(folder(), name);
  let studio: StudioUnderTest;
  let saved: SavedImage[];
  /** A service wired as the extension wires it; a second one stands for the window after a reload. */
  const service = () => new EditService({ catalog: studio.services.catalog, runner: studio.runner, generator: studio.generator, logger: silentLogger });
  const editRequests = () => fake.requests.filter((r) => r.path === '/v1/images/edits' || r.path.includes(':generateContent'));
  const geminiTurns = (index: number) => (editRequests()[index]!.body as { contents: Array<{ role: string; parts: unknown[] }> }).contents;

  setup(async () => {
    await removeIfPresent(folder());
    await vscode.workspace.fs.writeFile(cat(), SOURCE);
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.joinPath(workspaceFolder(), '.refs-edit'));
    saved = [];
    studio.generator.onDidSaveImage((image) => saved.push(image));
  });

  teardown(async () => {
    studio.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeIfPresent(folder());
  });

  const names = async (done: EditDone) => done.images.map((image) => image.uri.path.split('/').pop());

  test('Edit Image from the Explorer opens the studio in edit mode on that file', async () => {
    const result = await vscode.commands.executeCommand('dmxapi.editImage', cat());
    assert.deepEqual(result, { status: 'opened', source: cat().toString() });
  });

  test('Edit Image on the link under the cursor, and the code action offered on the link', async () => {
    const document = await openWritten(vscode.Uri.joinPath(docs(), 'page.md'), '# Cats\n\nSee ![A cat](../cat.png "t") here.\n');
    const editor = await vscode.window.showTextDocument(document);
    const inLink = new vscode.Position(2, 10);
    editor.selection = new vscode.Selection(inLink, inLink);
    // The editor context menu passes the document's URI.
    const fromMenu = await vscode.commands.executeCommand('dmxapi.editImage', document.uri);
    assert.deepEqual(fromMenu, { status: 'opened', source: cat().toString(), document: document.uri.toString() });

    const actionsAt = (range: vscode.Range) => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range);
    // The document's language service settles after it opens; the provider answers once it has the document.
    const action = await waitFor(async () => (await actionsAt(new vscode.Range(inLink, inLink))).find((a) => a.title === 'Edit Image…'), 'the Edit Image code action on the link');
    assert.ok(action.command);
    const fromAction = await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.deepEqual(fromAction, { status: 'opened', source: cat().toString(), document: document.uri.toString() });

    const away = await actionsAt(new vscode.Range(0, 1, 0, 1));
    assert.equal(away.filter((a) => a.title === 'Edit Image…').length, 0, 'offered away from any link');
  });

  test('versions are named v2, v3 next to the source, never over a file, with the lineage inside, and announced', async () => {
    const first = await service().edit({ model: 'gpt-image-2', instruction: 'Add a hat', sources: [cat()] });
    assert.deepEqual(await names(first), ['cat-v2.png']);
    const second = await service().edit({ model: 'gpt-image-2', instruction: 'Add a scarf', sources: [first.images[0]!.uri] });
    assert.deepEqual(await names(second), ['cat-v3.png']);
    await vscode.workspace.fs.delete(at('cat-v2.png'));
    await vscode.workspace.fs.writeFile(at('cat-v2.png'), solidPng(4, 4));
    const third = await service().edit({ model: 'gpt-image-2', instruction: 'Again', sources: [cat()] });
    assert.deepEqual(await names(third), ['cat-v4.png'], 'the highest version in the folder decides');
    assert.ok(Buffer.from(await vscode.workspace.fs.readFile(cat())).equals(SOURCE), 'the source was changed');
    const v3 = await vscode.workspace.fs.readFile(at('cat-v3.png'));
    const record = readMetadata(v3);
    assert.equal(record?.instruction, 'Add a scarf');
    assert.equal(record?.parent?.name, 'cat-v2.png');
    assert.equal(saved.length, 3);
    assert.equal(saved[1]!.parent?.toString(), first.images[0]!.uri.toString());
    assert.equal(saved[1]!.job.prompt, 'Add a scarf');
  });

  test('a pre-existing cat-v2.png makes the edit cat-v3.png', async () => {
    await vscode.workspace.fs.writeFile(at('cat-v2.png'), solidPng(4, 4));
    const done = await service().edit({ model: 'gpt-image-2', instruction: 'Hat', sources: [cat()] });
    assert.deepEqual(await names(done), ['cat-v3.png']);
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat-v3.png', 'cat.png']);
    assert.deepEqual(readMetadata(await vscode.workspace.fs.readFile(at('cat-v3.png')))?.parent, { name: 'cat.png', sha256: sha256Hex(SOURCE) });
  });

  test('gpt-image-2 sends the mask; a mask of the wrong size is refused with a message and nothing is saved', async () => {
    const mask = solidPng(64, 48, { alpha: true, pixel: 0 });
    await service().edit({ model: 'gpt-image-2', instruction: 'Only here', sources: [cat()], mask });
    const form = editRequests()[0]!.form;
    assert.deepEqual(form?.files.map((f) => f.field), ['image', 'mask']);
    assert.deepEqual(new Uint8Array(form!.files[1]!.bytes), new Uint8Array(mask));

    fake.reset();
    const before = await listFolder(folder());
    const outcome = await guardedEdit(createGuard(silentLogger), service(), () =>
      service().edit({ model: 'gpt-image-2', instruction: 'Only here', sources: [cat()], mask: solidPng(32, 32, { alpha: true }) }),
    );
    assert.equal(outcome.status, 'failed');
    assert.match((outcome as { message: string }).message, /mask/i);
    assert.match((outcome as { message: string }).message, /64×48|64x48/);
    assert.deepEqual(await listFolder(folder()), before, 'a file was saved');
    assert.equal(editRequests().length, 0, 'a refused mask was sent');
  });

  test('Gemini: edit, refine, refine after a reload; every turn resent with its signatures (the fake checks them)', async () => {
    const model = 'gemini-3.1-flash-image';
    const v2 = (await service().edit({ model, instruction: 'Put a hat on the cat', sources: [cat()] })).images[0]!.uri;
    const v3 = (await service().refine({ model, instruction: 'Now make the hat blue', version: v2 })).images[0]!.uri;
    // A new service reads nothing but the files: the window after a reload, or a clone.
    const after = await service().refine({ model, instruction: 'Add a feather', version: v3 });
    assert.equal(after.notice, undefined, after.notice);
    assert.deepEqual(await names(after), ['cat-v4.png']);
    assert.deepEqual([0, 1, 2].map((i) => geminiTurns(i).length), [1, 3, 5]);
    assert.ok(editRequests().every((r) => r.fault === undefined));
    const modelParts = geminiTurns(2).filter((turn) => turn.role === 'model').flatMap((turn) => turn.parts as Array<{ thoughtSignature?: string }>);
    assert.ok(modelParts.length >= 2 && modelParts.every((part) => typeof part.thoughtSignature === 'string'), JSON.stringify(modelParts).slice(0, 300));
    const record = readMetadata(await vscode.workspace.fs.readFile(after.images[0]!.uri));
    assert.equal(record?.turn?.continues, true);
    assert.equal(record?.parent?.name, 'cat-v3.png');
  });

  test('a refine whose parent file was deleted edits the image alone and says which file is gone', async () => {
    const model = 'gemini-3.1-flash-image';
    const v2 = (await service().edit({ model, instruction: 'Hat', sources: [cat()] })).images[0]!.uri;
    const v3 = (await service().refine({ model, instruction: 'Blue hat', version: v2 })).images[0]!.uri;
    await vscode.workspace.fs.delete(v2);
    const done = await service().refine({ model, instruction: 'Feather', version: v3 });
    assert.match(done.notice ?? '', /cat-v2\.png is gone/);
    assert.match(done.notice ?? '', /edited on its own/);
    const turns = geminiTurns(2);
    assert.equal(turns.length, 1, 'the broken conversation was sent');
    assert.ok((turns[0]!.parts as Array<{ inlineData?: unknown }>).some((part) => part.inlineData), 'the image itself was not sent');
    assert.deepEqual(await names(done), ['cat-v4.png']);
  });

  test('Use This Version points the document\'s links to earlier versions at this one, in one undoable edit', async () => {
    const v2 = (await service().edit({ model: 'gpt-image-2', instruction: 'Hat', sources: [cat()] })).images[0]!.uri;
    const v3 = (await service().edit({ model: 'gpt-image-2', instruction: 'Blue', sources: [v2] })).images[0]!.uri;
    const text = '# Cats\n\n![A cat](../cat.png "Title")\n\n<img src="../cat-v2.png" alt="v2">\n\n![Dog](../dog.png)\n';
    const page = vscode.Uri.joinPath(docs(), 'page.md');
    const document = await openWritten(page, text);
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand('dmxapi.useThisVersion', v3, page);
    assert.deepEqual(result, { replaced: 2 });
    assert.equal(document.getText(), '# Cats\n\n![A cat](../cat-v3.png "Title")\n\n<img src="../cat-v3.png" alt="v2">\n\n![Dog](../dog.png)\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text, 'one undo did not restore every link');
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat-v3.png', 'cat.png', 'docs'], 'an old file is gone');
    const none = await vscode.commands.executeCommand('dmxapi.useThisVersion', v2, page);
    assert.deepEqual(none, { replaced: 1 }, 'cat.png is v2\'s parent');
    await vscode.commands.executeCommand('undo');
    const descendant = await vscode.commands.executeCommand('dmxapi.useThisVersion', cat(), page);
    assert.deepEqual(descendant, { replaced: 0 }, 'a descendant counted as an earlier version');
  });

  test('Cancel aborts the edit and writes nothing', async () => {
    const release = fake.holdAnswers();
    try {
      const controller = new AbortController();
      const running = service().edit({ model: 'gpt-image-2', instruction: 'Slow', sources: [cat()] }, controller.signal);
      await waitFor(() => editRequests().length === 1, 'the edit request reached the fake');
      controller.abort();
      await assert.rejects(running, (error: Error & { kind?: string }) => error.kind === 'cancelled');
    } finally {
      release();
    }
    assert.deepEqual(await listFolder(folder()), ['cat.png']);
  });

  test('Retry after a server error edits again and saves the version', async () => {
    await setSetting('maxRetries', 0);
    fake.setFault({ kind: 'status', status: 500, times: 1 });
    const outcome = await guardedEdit(createGuard(silentLogger), service(), () => service().edit({ model: 'gpt-image-2', instruction: 'Hat', sources: [cat()] }));
    assert.equal(outcome.status, 'failed');
    const failure = outcome as { actions: readonly string[]; runAction(id: string): Promise<unknown> };
    assert.ok(failure.actions.includes('retry'), failure.actions.join(', '));
    assert.deepEqual(await listFolder(folder()), ['cat.png']);
    const retried = (await failure.runAction('retry')) as { status: string };
    assert.equal(retried.status, 'done');
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat.png']);
  });

  test('the edit tool through vscode.lm.invokeTool: the version next to the image, its path and the link for the document', async () => {
    const tool = vscode.lm.tools.find((t) => t.name === EDIT_IMAGE_TOOL);
    assert.ok(tool, `not among ${vscode.lm.tools.map((t) => t.name).join(', ')}`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(docs(), 'page.md'), new TextEncoder().encode('![A cat](../cat.png)\n'));
    const result = await vscode.lm.invokeTool(EDIT_IMAGE_TOOL, {
      input: { image: 'edits/cat.png', instruction: 'Give the cat a hat', model: 'gpt-image-2', document: 'edits/docs/page.md' },
      toolInvocationToken: undefined,
    });
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.ok(text.includes('- edits/cat-v2.png'), text);
    assert.ok(text.includes('![Give the cat a hat](../cat-v2.png)'), text);
    assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat.png', 'docs']);
  });
});
