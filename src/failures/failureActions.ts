import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { errorLogText } from '../core/errors';
import { PreflightError, SaveFailedError } from '../generation/generationErrors';
import type { Logger } from '../logging';
import { settingFor, type ErrorActionId } from './failurePolicy';

/** What each action does for one failure; `retry` is absent when there is nothing to run again. */
export type ErrorActionHandlers = Readonly<Partial<Record<ErrorActionId, () => unknown>>>;

/** The work behind every action but Retry, which only the surface that ran the job can do. */
export function actionHandlers(error: unknown, logger: Logger): ErrorActionHandlers {
  const setting = settingFor(error);
  return {
    saveAs: error instanceof SaveFailedError ? () => vscode.commands.executeCommand(CommandIds.saveKeptImage, error.kept) : undefined,
    setApiKey: () => vscode.commands.executeCommand(CommandIds.setApiKey),
    openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'dmxapi'),
    selectModel: () => vscode.commands.executeCommand(CommandIds.selectModel),
    showLog: () => logger.show(),
  };
}

/** The log line for a failure: its details, never the key (the logger scrubs it). A check that stopped a request is a warning. */
export function logFailure(error: unknown, logger: Logger): void {
  if (error instanceof PreflightError) {
    logger.warn(`not sent: ${error.message}`);
  } else {
    logger.error(errorLogText(error));
  }
}
