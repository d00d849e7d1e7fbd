import * as vscode from 'vscode';
import type { BaseUrlTrust } from '../config/baseUrlTrust';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

/** `dmxapi.forgetConfirmedBaseUrls`: takes back every "send my key there" given in this workspace. */
export function registerForgetConfirmedBaseUrls(register: RegisterCommand, trust: BaseUrlTrust): vscode.Disposable {
  return register(CommandIds.forgetConfirmedBaseUrls, async () => {
    const count = await trust.forget();
    void vscode.window.showInformationMessage(
      count > 0
        ? vscode.l10n.t('Forgot {0} confirmed base URL(s). DMXAPI will ask again before sending your key to a base URL set by this workspace.', count)
        : vscode.l10n.t('No base URL was confirmed in this workspace. DMXAPI asks before sending your key to a base URL set by the workspace.'),
    );
    return count;
  });
}
