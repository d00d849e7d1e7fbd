import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createCatalog } from '../../src/core/catalog/catalog';
import { readMetadata } from '../../src/core/metadata/imageMetadata';
import { sha256Hex } from '../../src/core/sha256';
import { EditService } from '../../src/editing/editService';
import { solidPng } from '../unit/editing/support';
import { silentLogger } from './support/fakes';
import { MemoryMemento, StudioUnderTest } from './support/studioUnderTest';
import { listFolder, openWritten, removeIfPresent, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';

/**
 * The whole loop on every built-in model that edits, against the fake DMXAPI: edit (with a mask where the
 * model takes one) → refine → refine → Use This Version. Each version is a new file next to the source whose
 * metadata names its parent by name and SHA-256, and the document ends up linking the newest.
 */

const SOURCE = solidPng(64, 48);
const PAGE = '# Cats\n\n![A cat](../cat.png)\n';
const editors = createCatalog().models.filter((model) => model.edit);

suite('Edit, refine twice and use the version, on every model that edits', () => {
  const fake = useFakeDmxApi();
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'every-editor');
  const cat = () => vscode.Uri.joinPath(folder(), 'cat.png');
  // A page of its own per test: the workbench may keep the previous test's document open with its edited text.
  let pages = 0;
  let page: vscode.Uri;
  let studio: StudioUnderTest;

  setup(async () => {
    await removeIfPresent(folder());
    await vscode.workspace.fs.writeFile(cat(), SOURCE);
    page = vscode.Uri.joinPath(folder(), 'docs', `page-${++pages}.md`);
    await vscode.workspace.fs.writeFile(page, new TextEncoder().encode(PAGE));
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.joinPath(workspaceFolder(), '.refs-every-editor'));
  });

  teardown(async () => {
    studio.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeIfPresent(folder());
  });

  test('the catalog has models of both edit protocols, with and without masks and conversations', () => {
    assert.ok(editors.some((m) => m.edit?.protocol === 'openai-edits' && m.edit.mask));
    assert.ok(editors.some((m) => m.edit?.protocol === 'openai-edits' && !m.edit.mask));
    assert.ok(editors.some((m) => m.edit?.protocol === 'gemini-native'));
  });

  for (const model of editors) {
    test(`${model.id}: edit → refine → refine → Use This Version`, async () => {
      const service = new EditService({ catalog: studio.services.catalog, runner: studio.runner, generator: studio.generator, logger: silentLogger });
      const mask = model.edit?.mask ? solidPng(64, 48, { alpha: true, pixel: 0 }) : undefined;
      const v2 = (await service.edit({ model: model.id, instruction: 'Put a hat on the cat', sources: [cat()], ...(mask ? { mask } : {}) })).images[0]!.uri;
      const v3 = (await service.refine({ model: model.id, instruction: 'Now make the hat blue', version: v2 })).images[0]!.uri;
      const done = await service.refine({ model: model.id, instruction: 'Add a feather', version: v3 });
      assert.equal(done.notice, undefined, done.notice);
      const v4 = done.images[0]!.uri;

      assert.deepEqual(await listFolder(folder()), ['cat-v2.png', 'cat-v3.png', 'cat-v4.png', 'cat.png', 'docs']);
      const chain = [cat(), v2, v3, v4];
      const instructions = ['Put a hat on the cat', 'Now make the hat blue', 'Add a feather'];
      for (let i = 1; i < chain.length; i++) {
        const record = readMetadata(await vscode.workspace.fs.readFile(chain[i]!));
        const parentBytes = await vscode.workspace.fs.readFile(chain[i - 1]!);
        assert.deepEqual(record?.parent, { name: chain[i - 1]!.path.split('/').pop(), sha256: sha256Hex(parentBytes) }, `v${i + 1}'s parent`);
        assert.equal(record?.prompt, instructions[i - 1]);
        assert.equal(record?.model, model.id);
      }

      const requests = fake.requests.filter((r) => r.path === '/v1/images/edits' || r.path.includes(':generateContent'));
      assert.equal(requests.length, 3, 'one request per version');
      assert.ok(requests.every((r) => r.fault === undefined), JSON.stringify(requests.map((r) => r.fault)));
      if (model.edit?.mask) {
        assert.deepEqual(requests[0]!.form?.files.map((f) => f.field), ['image', model.edit.mask.field]);
      }

      const document = await openWritten(page, PAGE);
      await vscode.window.showTextDocument(document);
      assert.deepEqual(await vscode.commands.executeCommand('dmxapi.useThisVersion', v4, page), { replaced: 1 });
      assert.equal(document.getText(), '# Cats\n\n![A cat](../cat-v4.png)\n');
      // Saved before the folder goes, so no save of the edited page is left pending.
      assert.equal(await document.save(), true);
    });
  }
});
