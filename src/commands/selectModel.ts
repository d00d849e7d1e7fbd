import * as vscode from 'vscode';
import { readSettings, updateSetting } from '../config/settings';
import { nearestRatio, type Catalog } from '../core/catalog/catalog';
import type { ModelSpec } from '../core/catalog/modelSpec';
import { CommandIds } from './commandIds';

interface ModelItem extends vscode.QuickPickItem {
  readonly model: ModelSpec;
}

function describe(model: ModelSpec): string {
  const protocol = model.protocol === 'gemini-native' ? 'Gemini' : 'OpenAI';
  const parts = [
    protocol,
    vscode.l10n.t('{0} ratios', model.aspectRatios.length),
    model.resolutions.map((r) => r.id).join('/'),
  ];
  if (model.references.max > 0) {
    parts.push(vscode.l10n.t('up to {0} reference images', model.references.max));
  }
  if (model.n.max > 1) {
    parts.push(vscode.l10n.t('up to {0} per request', model.n.max));
  }
  return parts.join(' · ');
}

/** `dmxapi.selectModel`: picks a model and keeps ratio and resolution valid for it. */
export function registerSelectModel(catalog: () => Catalog): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.selectModel, async () => {
    const scope = vscode.window.activeTextEditor?.document.uri;
    const { settings } = readSettings(scope);
    const current = catalog().find(settings.model)?.id;
    const items: ModelItem[] = catalog().models.map((model) => ({
      model,
      label: model.id === current ? `$(check) ${model.label}` : model.label,
      description: model.id,
      detail: `${describe(model)} — ${vscode.l10n.t(model.summary)}`,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('DMXAPI: Select Model'),
      placeHolder: vscode.l10n.t('Model used by "Generate Image"'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) {
      return;
    }
    const { model } = picked;
    await updateSetting('model', model.id, scope);
    const adjusted: string[] = [];
    if (!model.aspectRatios.some((r) => r.id === settings.aspectRatio)) {
      const ratio = nearestRatio(model, settings.aspectRatio);
      await updateSetting('aspectRatio', ratio, scope);
      adjusted.push(vscode.l10n.t('aspect ratio {0} → {1}', settings.aspectRatio, ratio));
    }
    if (!model.resolutions.some((r) => r.id === settings.resolution)) {
      await updateSetting('resolution', model.defaults.resolution, scope);
      adjusted.push(vscode.l10n.t('resolution {0} → {1}', settings.resolution, model.defaults.resolution));
    }
    void vscode.window.showInformationMessage(
      adjusted.length
        ? vscode.l10n.t('Model set to {0}; adjusted {1} to what it supports.', model.label, adjusted.join(', '))
        : vscode.l10n.t('Model set to {0}.', model.label),
    );
  });
}
