import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { projectRoot } from '../harness/paths';

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly contributes?: { readonly commands?: ReadonlyArray<{ readonly command: string }> };
}

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

suite('smoke', () => {
  test('the extension is loaded and activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('dmxapi.* commands are registered, every contributed one among them', async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('dmxapi.'));
    assert.ok(registered.length > 0, 'no command starting with "dmxapi." is registered');
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    assert.deepEqual(contributed.filter((c) => !registered.includes(c)), [], 'contributed but not registered');
  });
});
