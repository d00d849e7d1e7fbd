import * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import type { Logger } from '../logging';
import { actionHandlers } from './failureActions';
import { notifyFailure } from './failureNotification';
import { actionsFor, isCancellation } from './failurePolicy';

/**
 * The one way a command is registered: whatever it throws reaches the user as the failure policy's message with
 * the actions that help (and the log gets the details), never as VS Code's generic "command resulted in an
 * error". A command that reports its own outcome (Generate Image) simply never throws.
 */
export function createCommandRegistrar(logger: Logger) {
  return (id: CommandId, run: (...args: any[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        if (isCancellation(error)) {
          logger.info(`${id} cancelled`);
          return undefined;
        }
        // Nothing to run again from here: the user starts the command again if it helps.
        void notifyFailure(error, logger, actionsFor(error, false), actionHandlers(error, logger));
        return undefined;
      }
    });
}

export type RegisterCommand = ReturnType<typeof createCommandRegistrar>;
