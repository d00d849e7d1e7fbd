import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import { DmxApiError } from '../core/errors';
import { describeError } from '../generation/errorPresenter';
import { IncompleteBatchError, SaveFailedError } from '../generation/imageGenerator';
import { PreflightError } from '../generation/runner';
import type { Logger } from '../logging';
import type { ErrorView } from '../shared/studioProtocol';

/**
 * Failures as the panel shows them: the same translated sentence the notifications use, with buttons for what
 * helps. A button's work stays on the host; the webview only sends back its id.
 */
export class ErrorActions {
  private readonly actions = new Map<string, () => unknown>();
  private nextId = 0;

  constructor(private readonly logger: Logger) {}

  run(id: string): unknown {
    return this.actions.get(id)?.();
  }

  /** Logs the details and returns the card for `error`. */
  view(error: unknown): ErrorView {
    this.logger.error(error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error));
    const actions: ErrorView['actions'] = [];
    const add = (title: string, work: () => unknown): void => {
      const id = `action-${this.nextId++}`;
      this.actions.set(id, work);
      actions.push({ id, title });
    };
    const openSettings = (query: string) => () => vscode.commands.executeCommand('workbench.action.openSettings', query);
    const setApiKey = () => vscode.commands.executeCommand(CommandIds.setApiKey);
    let message: string;
    let retryable = true;
    if (error instanceof PreflightError) {
      message = error.message;
      if (error.setting) {
        add(vscode.l10n.t('Open Settings'), openSettings(error.setting));
      }
      if (error.needsKey) {
        add(vscode.l10n.t('Set API Key'), setApiKey);
      }
    } else {
      message = describeError(error);
      if (error instanceof SaveFailedError) {
        add(vscode.l10n.t('Save As…'), () => vscode.commands.executeCommand(CommandIds.saveKeptImage, error.kept));
        retryable = false;
      } else if (error instanceof IncompleteBatchError) {
        retryable = false; // Retry would generate, and bill, the saved images again
      } else if (error instanceof DmxApiError) {
        if (error.kind === 'auth' || error.kind === 'forbidden') {
          add(vscode.l10n.t('Set API Key'), setApiKey);
        }
        if (error.kind === 'htmlPage' || error.kind === 'network' || error.kind === 'timeout') {
          add(vscode.l10n.t('Open Settings'), openSettings('dmxapi'));
        }
        retryable = error.kind !== 'invalidRequest';
      }
    }
    add(vscode.l10n.t('Show Log'), () => this.logger.show());
    return { message, retryable, actions };
  }

  /** Buttons of cards dismissed long ago are forgotten; a click on one does nothing. */
  forgetOlderThan(keep: number): void {
    const ids = [...this.actions.keys()];
    ids.slice(0, Math.max(0, ids.length - keep)).forEach((id) => this.actions.delete(id));
  }
}
