import * as vscode from 'vscode';
import { DmxApiError } from '../core/errors';
import { describeError, presentError } from '../generation/errorPresenter';
import { PreflightError } from '../generation/runner';
import type { Logger } from '../logging';
import { CommandIds } from './commandIds';

/** What a command that generates returns, so keybindings, scripts and tests can see the result. */
export type Outcome<T> =
  | ({ readonly status: 'done' } & T)
  | { readonly status: 'failed'; readonly message: string; readonly kind: string; readonly setting?: string }
  | { readonly status: 'cancelled' };

/** Shows a message with actions without holding the command until the user dismisses it. */
function showWithActions(message: string, actions: readonly [string, () => unknown][]): void {
  void vscode.window.showErrorMessage(message, ...actions.map(([title]) => title)).then((picked) => {
    void actions.find(([title]) => title === picked)?.[1]();
  });
}

/**
 * Wraps a command's work so every failure reaches the user once, as a clear message with the action that
 * helps, and its details reach the log.
 */
export function createGuard(logger: Logger) {
  const openSettings = (query: string) => vscode.commands.executeCommand('workbench.action.openSettings', query);
  return async <T>(work: () => Promise<Outcome<T>>, retry?: () => unknown): Promise<Outcome<T>> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PreflightError) {
        logger.warn(`not sent: ${error.message}`);
        const actions: [string, () => unknown][] = [];
        if (error.setting) {
          actions.push([vscode.l10n.t('Open Settings'), () => openSettings(error.setting!)]);
        }
        if (error.setting === 'dmxapi.model' || error.setting === 'dmxapi.aspectRatio' || error.setting === 'dmxapi.resolution') {
          actions.push([vscode.l10n.t('Select Model'), () => vscode.commands.executeCommand(CommandIds.selectModel)]);
        }
        if (error.needsKey) {
          actions.push([vscode.l10n.t('Set API Key'), () => vscode.commands.executeCommand(CommandIds.setApiKey)]);
        }
        showWithActions(error.message, actions);
        return { status: 'failed', message: error.message, kind: 'preflight', setting: error.setting };
      }
      if (error instanceof DmxApiError && error.kind === 'cancelled') {
        logger.info('generation cancelled');
        void vscode.window.showInformationMessage(describeError(error));
        return { status: 'cancelled' };
      }
      void presentError(error, logger, {
        retry,
        setApiKey: () => vscode.commands.executeCommand(CommandIds.setApiKey),
        openSettings,
        saveKept: (kept) => vscode.commands.executeCommand(CommandIds.saveKeptImage, kept),
      });
      return { status: 'failed', message: describeError(error), kind: error instanceof DmxApiError ? error.kind : 'unexpected' };
    }
  };
}

export type Guard = ReturnType<typeof createGuard>;
