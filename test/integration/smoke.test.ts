import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, readManifest } from '../harness/manifest';

suite('smoke', () => {
  const manifest = readManifest();
  const id = extensionId(manifest);

  test('the extension is loaded and activates', async () => {
    const extension = vscode.extensions.getExtension(id);
    assert.ok(extension, `${id} is not among the loaded extensions`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('dmxapi.* commands are registered, every contributed one among them', async () => {
    await vscode.extensions.getExtension(id)?.activate();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('dmxapi.'));
    assert.ok(registered.length > 0, 'no command starting with "dmxapi." is registered');
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.deepEqual(contributed.filter((c) => !registered.includes(c)), [], 'contributed but not registered');
  });
});
