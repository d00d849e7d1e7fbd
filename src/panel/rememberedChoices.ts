import type * as vscode from 'vscode';
import { DEFAULTS, readSettings } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { settleChoices } from '../shared/studioChoices';
import { studioChoicesSchema, type StudioChoices } from '../shared/studioProtocol';

/**
 * The studio's last choices, per workspace. A workspace that never used the studio starts from the
 * `dmxapi.model`, `dmxapi.aspectRatio`, `dmxapi.resolution` and `dmxapi.modelOptions` settings.
 */

const STATE_KEY = 'dmxapi.studio.choices';

function choicesFromSettings(catalog: Catalog, scope: vscode.Uri | undefined): StudioChoices {
  const { settings } = readSettings(scope);
  const options: StudioChoices['options'] = {};
  for (const [name, values] of Object.entries(settings.modelOptions)) {
    const id = catalog.find(name)?.id;
    if (id) {
      options[id] = values;
    }
  }
  return { model: settings.model, aspectRatio: settings.aspectRatio, resolution: settings.resolution, count: 1, options };
}

/** The remembered choices made valid for today's catalog (a custom model may have gone). */
export function rememberedChoices(state: vscode.Memento, catalog: Catalog, scope: vscode.Uri | undefined): StudioChoices {
  const stored = studioChoicesSchema.safeParse(state.get(STATE_KEY));
  const choices = stored.success ? stored.data : choicesFromSettings(catalog, scope);
  const model = catalog.find(choices.model) ?? catalog.find(DEFAULTS.model) ?? catalog.models[0]!;
  return settleChoices(model, { ...choices, model: model.id });
}

export function rememberChoices(state: vscode.Memento, choices: StudioChoices): Thenable<void> {
  return state.update(STATE_KEY, choices);
}
