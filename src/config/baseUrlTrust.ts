import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/baseUrl';
import { SECTION } from './settings';

/**
 * A cloned repository's `.vscode/settings.json` can set `dmxapi.baseUrl`, and the key goes wherever that points.
 * So a base URL that comes from the workspace (or a folder of it) and differs from the user's own is used only
 * after the user confirms it once for this workspace. The confirmed URLs live in workspace state, never in
 * settings a repository could ship; `forget()` (the "Forget Confirmed Base URLs" command) revokes them.
 */

const CONFIRMED_KEY = 'dmxapi.confirmedBaseUrls';

/** Asks the user whether the key may go to `host`; true only for an explicit yes. */
export type BaseUrlQuestion = (host: string, url: string) => Promise<boolean>;

/** The modal: names the host, says what is at stake, and has one button that says what it does. */
export const askInModal: BaseUrlQuestion = async (host, url) => {
  const use = vscode.l10n.t('Send My Key to {0}', host);
  const picked = await vscode.window.showWarningMessage(
    vscode.l10n.t('This workspace sends your DMXAPI key to {0}', host),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The workspace settings set dmxapi.baseUrl to {0}, which is not the base URL in your user settings. Every generation sends your API key to that server. Continue only if you trust the authors of this workspace and that server.',
        url,
      ),
    },
    use,
  );
  return picked === use;
};

/** The base URL a workspace or one of its folders sets for `scope`; undefined when it sets none. */
function workspaceLevelValue(scope: vscode.ConfigurationScope | undefined): unknown {
  const inspected = vscode.workspace.getConfiguration(SECTION, scope).inspect('baseUrl');
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
}

/** The user's base URL (or the default), normalised; undefined when the user's value is itself refused. */
function userLevelUrl(scope: vscode.ConfigurationScope | undefined): string | undefined {
  const inspected = vscode.workspace.getConfiguration(SECTION, scope).inspect('baseUrl');
  const verdict = checkBaseUrl(String(inspected?.globalValue ?? inspected?.defaultValue ?? ''));
  return verdict.ok ? verdict.url : undefined;
}

export class BaseUrlTrust {
  constructor(
    private readonly state: vscode.Memento,
    private readonly ask: BaseUrlQuestion = askInModal,
  ) {}

  /**
   * Whether the key may be sent to `url` (the normalised base URL in effect for `scope`). Asks at most once per
   * URL and workspace; a "no" is not remembered, so the next generation asks again.
   */
  async allows(url: string, scope: vscode.ConfigurationScope | undefined): Promise<boolean> {
    // In Restricted Mode the settings reader already ignored the workspace's value.
    if (!vscode.workspace.isTrusted || workspaceLevelValue(scope) === undefined || userLevelUrl(scope) === url) {
      return true;
    }
    const confirmed = this.confirmed();
    if (confirmed.includes(url)) {
      return true;
    }
    const verdict = checkBaseUrl(url);
    if (!(await this.ask(verdict.ok ? verdict.host : url, url))) {
      return false;
    }
    await this.state.update(CONFIRMED_KEY, [...this.confirmed().filter((u) => u !== url), url]);
    return true;
  }

  confirmed(): string[] {
    const stored = this.state.get<unknown>(CONFIRMED_KEY);
    return Array.isArray(stored) ? stored.filter((u): u is string => typeof u === 'string') : [];
  }

  /** Revokes every confirmation of this workspace: the next generation with a workspace base URL asks again. */
  async forget(): Promise<number> {
    const count = this.confirmed().length;
    await this.state.update(CONFIRMED_KEY, undefined);
    return count;
  }
}
