import * as vscode from 'vscode';
import { DmxApiError } from '../core/errors';
import { actionsFor, describeError, presentError, settingFor, type ErrorActionHandlers, type ErrorActionId } from '../generation/errorPresenter';
import { IncompleteBatchError, SaveFailedError } from '../generation/imageGenerator';
import { PreflightError } from '../generation/runner';
import type { Logger } from '../logging';
import { CommandIds } from './commandIds';

/** A failure as a command reports it: the message the user saw and the buttons it offered. */
export interface Failure {
  readonly status: 'failed';
  readonly message: string;
  /** The `DmxApiError` kind, or `preflight`, `saveFailed`, `incomplete` (some images saved), `unexpected`. */
  readonly kind: string;
  readonly setting?: string;
  /** The message's buttons, in order. */
  readonly actions: readonly ErrorActionId[];
  /** Does what the button does, for scripts and tests; Retry resolves to the new outcome. */
  runAction(id: ErrorActionId): Promise<unknown>;
}

/** What a command that generates returns, so keybindings, scripts and tests can see the result. */
export type Outcome<T> = ({ readonly status: 'done' } & T) | Failure | { readonly status: 'cancelled' };

/** How a failed command can be run again: the same job, or only the saving of images that already arrived. */
export interface Recovery<T> {
  /** Runs the same job again: the same prompt and settings. */
  readonly retry?: () => Promise<Outcome<T>>;
  /** Saves images kept after a failed save into their folder again; never generates (that would be paid twice). */
  readonly saveAgain?: (failure: SaveFailedError) => Promise<Outcome<T>>;
}

function kindOf(error: unknown): string {
  if (error instanceof DmxApiError) {
    return error.kind;
  }
  if (error instanceof SaveFailedError) {
    return 'saveFailed';
  }
  if (error instanceof IncompleteBatchError) {
    return 'incomplete';
  }
  return error instanceof PreflightError ? 'preflight' : 'unexpected';
}

/**
 * Wraps a command's work so every failure reaches the user once, as a clear message with the actions that
 * help, and its details reach the log.
 */
export function createGuard(logger: Logger) {
  return async <T>(work: () => Promise<Outcome<T>>, recovery: Recovery<T> = {}): Promise<Outcome<T>> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DmxApiError && error.kind === 'cancelled') {
        logger.info('generation cancelled');
        void vscode.window.showInformationMessage(describeError(error));
        return { status: 'cancelled' };
      }
      const setting = settingFor(error);
      const retry = error instanceof SaveFailedError ? recovery.saveAgain && (() => recovery.saveAgain!(error)) : recovery.retry;
      const handlers: ErrorActionHandlers = {
        retry,
        saveAs: error instanceof SaveFailedError ? () => vscode.commands.executeCommand(CommandIds.saveKeptImage, error.kept) : undefined,
        setApiKey: () => vscode.commands.executeCommand(CommandIds.setApiKey),
        openSettings: () => vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'dmxapi'),
        selectModel: () => vscode.commands.executeCommand(CommandIds.selectModel),
        showLog: () => logger.show(),
      };
      const actions = actionsFor(error, retry !== undefined);
      void presentError(error, logger, actions, handlers);
      return {
        status: 'failed',
        message: describeError(error),
        kind: kindOf(error),
        ...(setting ? { setting } : {}),
        actions,
        runAction: async (id) => {
          if (!actions.includes(id)) {
            throw new Error(`the failure offers no ${id} action`);
          }
          return handlers[id]?.();
        },
      };
    }
  };
}

export type Guard = ReturnType<typeof createGuard>;
