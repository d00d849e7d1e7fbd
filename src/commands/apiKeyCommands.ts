import * as vscode from 'vscode';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import { CommandIds } from './commandIds';

/** `dmxapi.setApiKey` and `dmxapi.clearApiKey`: the key lives in SecretStorage only. */
export function registerApiKeyCommands(keys: ApiKeyStore): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.setApiKey, async () => {
      if (await keys.prompt()) {
        void vscode.window.showInformationMessage(vscode.l10n.t('DMXAPI key saved in secret storage.'));
      }
    }),
    vscode.commands.registerCommand(CommandIds.clearApiKey, async () => {
      await keys.clear();
      const fromEnv = await keys.get();
      void vscode.window.showInformationMessage(
        fromEnv
          ? vscode.l10n.t('Stored DMXAPI key removed. The DMXAPI_API_KEY environment variable is still used.')
          : vscode.l10n.t('Stored DMXAPI key removed.'),
      );
    }),
  );
}
