import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { imageFileFilters } from '../util/imageFileFilters';
import type { RegisterCommand } from '../failures/failableCommand';

/** Save As… for images kept in the extension's storage after the workspace refused them. */
export function registerSaveKeptImage(register: RegisterCommand): vscode.Disposable {
  return register(CommandIds.saveKeptImage, async (kept: readonly vscode.Uri[] | undefined) => {
    for (const source of kept ?? []) {
      const name = source.path.split('/').pop() ?? 'image.png';
      const defaultFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save the generated image'),
        defaultUri: defaultFolder ? vscode.Uri.joinPath(defaultFolder, name) : undefined,
        filters: imageFileFilters(),
      });
      if (!target) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The image stays kept at {0}.', source.fsPath));
        continue;
      }
      await vscode.workspace.fs.copy(source, target, { overwrite: false });
      await vscode.workspace.fs.delete(source);
      void vscode.window.showInformationMessage(vscode.l10n.t('Image saved to {0}.', target.fsPath));
    }
  });
}
