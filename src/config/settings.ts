import * as vscode from 'vscode';
import * as z from '../core/zod';
import { checkBaseUrl, displayableUrl, type BaseUrlVerdict } from '../core/baseUrl';

/** Every `dmxapi.*` setting, read through one schema so a bad value becomes a message, not a crash. */

export const SECTION = 'dmxapi';

/** Its problem stops every run, whoever builds the job: the runner refuses it (`GenerationRunner.prepare`). */
export const BASE_URL_SETTING = `${SECTION}.baseUrl`;

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

/**
 * Settings that decide where requests and files go. The manifest lists them in `restrictedConfigurations`, so
 * VS Code ignores a workspace's value in Restricted Mode; reading only the user's value here as well keeps that
 * promise even where a host does not apply the manifest.
 */
export const RESTRICTED_KEYS: ReadonlySet<string> = new Set(['baseUrl', 'assetsFolder']);

/** The value a workspace cannot override: the user's, else the default. */
function userOrDefault(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** Why a base URL is refused, in words a user can act on. */
export function baseUrlMessage(reason: Exclude<BaseUrlVerdict, { ok: true }>['reason'], value: string): string {
  const shown = displayableUrl(value);
  switch (reason) {
    case 'credentials':
      return vscode.l10n.t(
        '"{0}" carries a user name or password. Remove them from dmxapi.baseUrl: the API key is sent in a header, and a password in the URL would be sent and logged with every request.',
        shown,
      );
    case 'cleartext':
      return vscode.l10n.t(
        '"{0}" uses http:, so your API key would travel in clear text. Use https:// (http: is allowed only for localhost).',
        shown,
      );
    case 'notHttpUrl':
      return vscode.l10n.t('"{0}" is not an http(s) URL such as https://www.dmxapi.cn', shown);
  }
}

/** The settings as read once for a resource, with what was wrong in them (bad values fall back to their defaults). */
export interface SettingsRead {
  readonly settings: Settings;
  readonly problems: readonly SettingsProblem[];
}

/** Reads the settings for a resource (multi-root aware), field by field so one bad value does not hide the rest. */
export function readSettings(scope?: vscode.ConfigurationScope): SettingsRead {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const raw: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = !vscode.workspace.isTrusted && RESTRICTED_KEYS.has(key) ? userOrDefault(config, key) : config.get(key);
    const parsed = shape[key].safeParse(value);
    if (parsed.success) {
      raw[key] = parsed.data;
    } else {
      problems.push({ setting: `${SECTION}.${key}`, message: parsed.error.issues[0]?.message ?? 'invalid' });
      raw[key] = shape[key].parse(undefined);
    }
  }
  const settings = settingsSchema.parse(raw);
  const baseUrl = checkBaseUrl(settings.baseUrl);
  if (!baseUrl.ok) {
    problems.push({ setting: BASE_URL_SETTING, message: baseUrlMessage(baseUrl.reason, settings.baseUrl) });
  }
  return { settings: { ...settings, baseUrl: baseUrl.ok ? baseUrl.url : settings.baseUrl }, problems };
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
