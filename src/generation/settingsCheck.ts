import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { ModelSpec } from '../core/catalog/modelSpec';
import type { Settings, SettingsProblem } from '../config/settings';

/** Checks that the configured model, ratio and resolution exist together; returns the model or the problems. */
export function checkModelSettings(
  catalog: Catalog,
  settings: Settings,
): { model: ModelSpec; problems: SettingsProblem[] } | { model?: undefined; problems: SettingsProblem[] } {
  const model = catalog.find(settings.model);
  if (!model) {
    return {
      problems: [
        {
          setting: 'dmxapi.model',
          message: vscode.l10n.t('"{0}" is not a known model. Known: {1}', settings.model, catalog.models.map((m) => m.id).join(', ')),
        },
      ],
    };
  }
  const problems: SettingsProblem[] = [];
  if (!model.aspectRatios.some((r) => r.id === settings.aspectRatio)) {
    problems.push({
      setting: 'dmxapi.aspectRatio',
      message: vscode.l10n.t(
        '{0} does not offer the aspect ratio "{1}". It offers: {2}',
        model.label,
        settings.aspectRatio,
        model.aspectRatios.map((r) => r.id).join(', '),
      ),
    });
  }
  if (!model.resolutions.some((r) => r.id === settings.resolution)) {
    problems.push({
      setting: 'dmxapi.resolution',
      message: vscode.l10n.t(
        '{0} does not offer the resolution "{1}". It offers: {2}',
        model.label,
        settings.resolution,
        model.resolutions.map((r) => r.id).join(', '),
      ),
    });
  }
  return { model, problems };
}
