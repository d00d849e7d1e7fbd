import * as vscode from 'vscode';
import { readMetadata } from '../core/metadata/imageMetadata';
import { parseSidecar, sidecarFileName, type MetadataRecord } from '../core/metadata/record';
import type { OpenStudioArgs } from '../shared/studioProtocol';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

/** The parameters saved with an image: inside it (PNG iTXt, JPEG/WebP XMP), else in its `.json` sidecar. */
export async function readImageParameters(uri: vscode.Uri): Promise<MetadataRecord | undefined> {
  return readMetadata(await vscode.workspace.fs.readFile(uri)) ?? readSidecarParameters(uri);
}

/** The parameters in the image's `.json` sidecar, written when the image could not carry them inside. */
export async function readSidecarParameters(uri: vscode.Uri): Promise<MetadataRecord | undefined> {
  const sidecar = vscode.Uri.joinPath(uri, '..', sidecarFileName(uri.path.split('/').pop() ?? ''));
  try {
    return parseSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar)));
  } catch {
    return undefined;
  }
}

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
    const args: OpenStudioArgs = {
      settings: {
        prompt: record.prompt,
        model: record.model,
        aspectRatio: record.aspectRatio,
        resolution: record.resolution,
        options: record.options,
      },
    };
    await vscode.commands.executeCommand(CommandIds.openStudio, args);
    return record;
  });
}
