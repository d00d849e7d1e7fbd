import * as vscode from 'vscode';
import { readSettings, updateSetting } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { pickerLabel } from '../shared/studioChoices';
import type { ModelSpec } from '../core/catalog/modelSpec';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

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
export function registerSelectModel(register: RegisterCommand, catalog: () => Catalog): vscode.Disposable {
  return register(CommandIds.selectModel, async () => {
    const scope = vscode.window.activeTextEditor?.document.uri;
    const { settings } = readSettings(scope);
    const models = catalog();
    const current = models.find(settings.model)?.id;
    // The catalog lists a renamed model after its current name; the older entry says which name is current.
    const olderName = vscode.l10n.t('older name, now {0}', '{0}');
    const items: ModelItem[] = models.models.map((model) => {
      const label = pickerLabel({ ...model, label: vscode.l10n.t(model.label) }, models.models, olderName);
      return {
        model,
        label: model.id === current ? `$(check) ${label}` : label,
        description: model.id,
        detail: `${describe(model)} — ${vscode.l10n.t(model.summary)}`,
      };
    });
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
    const size = models.nearestSize(model, settings.aspectRatio, settings.resolution);
    if (size.ratio !== settings.aspectRatio) {
      await updateSetting('aspectRatio', size.ratio, scope);
      adjusted.push(vscode.l10n.t('aspect ratio {0} → {1}', settings.aspectRatio, size.ratio));
    }
    if (size.resolution !== settings.resolution) {
      await updateSetting('resolution', size.resolution, scope);
      adjusted.push(vscode.l10n.t('resolution {0} → {1}', settings.resolution, size.resolution));
    }
    void vscode.window.showInformationMessage(
      adjusted.length
        ? vscode.l10n.t('Model set to {0}; adjusted {1} to what it supports.', model.label, adjusted.join(', '))
        : vscode.l10n.t('Model set to {0}.', model.label),
    );
  });
}
