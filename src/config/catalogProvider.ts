import * as vscode from 'vscode';
import { createCatalog, parseCustomModels, type Catalog } from '../core/catalog/catalog';
import type { Logger } from '../logging';
import { readSettings, SECTION } from './settings';

/** The catalog of built-in plus `dmxapi.customModels`, rebuilt when that setting changes. */
export function createCatalogProvider(logger: Logger): { get: () => Catalog } & vscode.Disposable {
  let cached: Catalog | undefined;
  const build = (): Catalog => {
    const { settings } = readSettings();
    const { models, errors } = parseCustomModels(settings.customModels);
    if (errors.length) {
      logger.warn(`dmxapi.customModels: ${errors.join('; ')}`);
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Some entries in dmxapi.customModels were ignored: {0}', errors.join('; ')), vscode.l10n.t('Open Settings'))
        .then((picked) => picked && vscode.commands.executeCommand('workbench.action.openSettings', 'dmxapi.customModels'));
    }
    return createCatalog(models);
  };
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.customModels`)) {
      cached = undefined;
    }
  });
  return {
    get: () => (cached ??= build()),
    dispose: () => subscription.dispose(),
  };
}
