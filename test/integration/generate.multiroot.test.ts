import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  assertDone,
  generate,
  removeIfPresent,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';

/** In a multi-root workspace the image goes to the assets folder of the document's own folder. */
suite('Generate Image in a multi-root workspace', () => {
  useFakeDmxApi();

  suiteSetup(async () => {
    await activateExtension();
    assert.equal(vscode.workspace.workspaceFolders?.length, 2, 'this suite needs the two-folder workspace');
  });

  test('a document in the second folder gets the image in that folder', async () => {
    const notes = workspaceFolder(1);
    await removeIfPresent(vscode.Uri.joinPath(notes, 'assets'));
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(notes, 'notes.md'));
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const outcome = assertDone(await generate({ prompt: 'second folder' }));
    const file = outcome.uris[0]!;
    assert.equal(vscode.Uri.joinPath(file, '..').path, vscode.Uri.joinPath(notes, 'assets').path);
    assert.match(document.getText(), /!\[second folder\]\(assets\/second-folder-[^)]+\.png\)$/);
    const firstFolderAssets = await vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceFolder(0), 'assets')).then(
      () => true,
      () => false,
    );
    assert.equal(firstFolderAssets, false, 'nothing may land in the first folder');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
