import * as vscode from 'vscode';
import type { Logger } from '../logging';
import { logFailure, type ErrorActionHandlers } from './failureActions';
import { actionTitle, failureMessage } from './failureMessages';
import type { ErrorActionId } from './failurePolicy';

/**
 * Logs the details and shows one message with `actions` as buttons; resolves once the user picked one (and its
 * work is done) or dismissed the message.
 */
export async function notifyFailure(
  error: unknown,
  logger: Logger,
  actions: readonly ErrorActionId[],
  handlers: ErrorActionHandlers,
): Promise<void> {
  logFailure(error, logger);
  const offered = actions.filter((id) => handlers[id]);
  const picked = await vscode.window.showErrorMessage(failureMessage(error), ...offered.map(actionTitle));
  const chosen = offered.find((id) => actionTitle(id) === picked);
  if (chosen) {
    await handlers[chosen]?.();
  }
}
