import * as vscode from 'vscode';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import { checkBaseUrl } from '../core/baseUrl';
import { baseUrlMessage, readSettings, SECTION } from '../config/settings';
import { DMXAPI_SITES, siteOf, type DmxApiSite } from '../core/sites';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

interface SiteItem extends vscode.QuickPickItem {
  /** Absent for "Other…". */
  readonly baseUrl?: string;
}

function billingWords(site: DmxApiSite): string {
  switch (site.billing) {
    case 'rmb':
      return vscode.l10n.t('China site, prices in RMB');
    case 'usd':
      return vscode.l10n.t('International site, prices in USD');
    case 'usdListPrice':
      return vscode.l10n.t('SSVIP site, list prices in USD');
  }
}

/** The quick pick's items: the three sites (the current one marked), then "Other…". */
export function siteItems(currentBaseUrl: string): SiteItem[] {
  const current = siteOf(currentBaseUrl);
  return [
    ...DMXAPI_SITES.map((site) => ({
      label: site === current ? `$(check) ${site.baseUrl}` : site.baseUrl,
      description: billingWords(site),
      baseUrl: site.baseUrl,
    })),
    { label: vscode.l10n.t('Other…'), description: current ? undefined : currentBaseUrl },
  ];
}

/** The two prompts the site question uses; a test passes scripted ones. */
export type SitePrompts = Pick<typeof vscode.window, 'showQuickPick' | 'showInputBox'>;

/** Asks which site the key belongs to; returns its base URL, or undefined if the user backs out. */
export async function askForSite(currentBaseUrl: string, prompts: SitePrompts = vscode.window): Promise<string | undefined> {
  const picked = await prompts.showQuickPick(siteItems(currentBaseUrl), {
    title: vscode.l10n.t('DMXAPI: Which site is the key from?'),
    placeHolder: vscode.l10n.t('A key works only on the DMXAPI site that issued it'),
    ignoreFocusOut: true,
  });
  if (!picked || picked.baseUrl) {
    return picked?.baseUrl;
  }
  const typed = await prompts.showInputBox({
    title: vscode.l10n.t('DMXAPI base URL'),
    value: siteOf(currentBaseUrl) ? '' : currentBaseUrl,
    placeHolder: 'https://…',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const verdict = checkBaseUrl(value);
      return verdict.ok ? undefined : baseUrlMessage(verdict.reason, value);
    },
  });
  const verdict = typed === undefined ? undefined : checkBaseUrl(typed);
  return verdict?.ok ? verdict.url : undefined;
}

/**
 * Sets `dmxapi.baseUrl` in the user settings, never the workspace's (a workspace must not choose where the key
 * goes). Says so when a workspace value still takes precedence, and returns that value.
 */
export async function useSite(baseUrl: string): Promise<string | undefined> {
  const config = vscode.workspace.getConfiguration(SECTION);
  await config.update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
  const inspected = config.inspect<string>('baseUrl');
  const overriding = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  const overridingUrl = overriding === undefined ? undefined : checkBaseUrl(overriding);
  if (overriding !== undefined && !(overridingUrl?.ok && overridingUrl.url === baseUrl)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('dmxapi.baseUrl is also set in this workspace ({0}), which takes precedence over {1}.', overriding, baseUrl),
    );
    return overriding;
  }
  return undefined;
}

/** `dmxapi.setApiKey` (site, then key) and `dmxapi.clearApiKey`: the key lives in SecretStorage only. */
export function registerApiKeyCommands(register: RegisterCommand, keys: ApiKeyStore): vscode.Disposable {
  return vscode.Disposable.from(
    register(CommandIds.setApiKey, async () => {
      const baseUrl = await askForSite(readSettings().settings.baseUrl);
      if (!baseUrl || !(await keys.prompt())) {
        return;
      }
      await useSite(baseUrl);
      void vscode.window.showInformationMessage(vscode.l10n.t('DMXAPI key saved in secret storage; requests go to {0}.', baseUrl));
    }),
    register(CommandIds.clearApiKey, async () => {
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
