import * as vscode from 'vscode';
import { imageParametersOf } from '../core/imageParameters';
import type { MetadataRecord } from '../core/metadata/record';
import { readImageParameters } from '../storage/imageParameters';
import type { OpenStudioArgs } from '../shared/studioProtocol';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

/** `dmxapi.reuseSettings`: Explorer → an image → the Image Studio with its prompt, model and options restored. */
export function registerReuseSettings(register: RegisterCommand): vscode.Disposable {
  return register(CommandIds.reuseSettings, async (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose an image in the Explorer to reuse its settings.'));
      return undefined;
    }
    let record: MetadataRecord | undefined;
    try {
      record = await readImageParameters(target);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', target.fsPath, String(error)));
      return undefined;
    }
    if (!record) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} holds no generation settings. Only images saved by DMXAPI Image Studio with dmxapi.embedMetadata on carry them.', target.fsPath),
      );
      return undefined;
    }
    const args: OpenStudioArgs = { settings: imageParametersOf(record) };
    await vscode.commands.executeCommand(CommandIds.openStudio, args);
    return record;
  });
}
