import * as vscode from 'vscode';
import { normalizeBaseUrl } from '../core/baseUrl';
import * as z from '../shared/zod';

/** Every `dmxapi.*` setting, read through one schema so a bad value becomes a message, not a crash. */

export const SECTION = 'dmxapi';

export const DEFAULTS = {
  baseUrl: 'https://www.dmxapi.cn',
  model: 'gemini-3.1-flash-image-preview',
  aspectRatio: '1:1',
  resolution: '1K',
  assetsFolder: 'assets',
  requestTimeoutSeconds: 300,
  maxRetries: 2,
  embedMetadata: true,
} as const;

const settingsSchema = z.object({
  baseUrl: z._default(z.string(), DEFAULTS.baseUrl),
  model: z._default(z.string().check(z.trim(), z.minLength(1)), DEFAULTS.model),
  aspectRatio: z._default(z.string().check(z.trim(), z.minLength(1)), DEFAULTS.aspectRatio),
  resolution: z._default(z.string().check(z.trim(), z.minLength(1)), DEFAULTS.resolution),
  assetsFolder: z._default(z.string(), DEFAULTS.assetsFolder),
  requestTimeoutSeconds: z._default(z.int().check(z.gte(10), z.lte(3600)), DEFAULTS.requestTimeoutSeconds),
  maxRetries: z._default(z.int().check(z.gte(0), z.lte(10)), DEFAULTS.maxRetries),
  embedMetadata: z._default(z.boolean(), DEFAULTS.embedMetadata),
  modelOptions: z._default(z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))), {}),
  customModels: z._default(z.array(z.unknown()), []),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsProblem {
  readonly setting: string;
  readonly message: string;
}

export { normalizeBaseUrl };

/** Reads the settings for a resource (multi-root aware), field by field so one bad value does not hide the rest. */
export function readSettings(scope?: vscode.ConfigurationScope): { settings: Settings; problems: SettingsProblem[] } {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const raw: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = config.get(key);
    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      raw[key] = parsed.data;
    } else {
      problems.push({ setting: `${SECTION}.${key}`, message: parsed.error.issues[0]?.message ?? 'invalid' });
      raw[key] = shape[key].parse(undefined);
    }
  }
  const settings = settingsSchema.parse(raw);
  const baseUrl = normalizeBaseUrl(settings.baseUrl);
  if (!baseUrl) {
    problems.push({
      setting: `${SECTION}.baseUrl`,
      message: vscode.l10n.t('"{0}" is not an http(s) URL such as https://www.dmxapi.cn', settings.baseUrl),
    });
  }
  return { settings: { ...settings, baseUrl: baseUrl ?? settings.baseUrl }, problems };
}

/** Writes one setting at the level where it is defined now (folder, workspace), else in the user settings. */
export async function updateSetting(key: keyof Settings, value: unknown, scope?: vscode.ConfigurationScope): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const inspected = config.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(key, value, target);
}
