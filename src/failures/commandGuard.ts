import * as vscode from 'vscode';
import { SaveFailedError } from '../generation/generationErrors';
import type { Logger } from '../logging';
import { actionHandlers, type ErrorActionHandlers } from './failureActions';
import { failureMessage } from './failureMessages';
import { notifyFailure } from './failureNotification';
import { actionsFor, failureKind, isCancellation, settingFor, type ErrorActionId } from './failurePolicy';

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

/**
 * Wraps a command's work so every failure reaches the user once, as a clear message with the actions that
 * help, and its details reach the log.
 */
export function createGuard(logger: Logger) {
  return async <T>(work: () => Promise<Outcome<T>>, recovery: Recovery<T> = {}): Promise<Outcome<T>> => {
    try {
      return await work();
    } catch (error) {
      if (isCancellation(error)) {
        logger.info('generation cancelled');
        void vscode.window.showInformationMessage(failureMessage(error));
        return { status: 'cancelled' };
      }
      const setting = settingFor(error);
      const retry = error instanceof SaveFailedError ? recovery.saveAgain && (() => recovery.saveAgain!(error)) : recovery.retry;
      const handlers: ErrorActionHandlers = { ...actionHandlers(error, logger), retry };
      const actions = actionsFor(error, retry !== undefined);
      void notifyFailure(error, logger, actions, handlers);
      return {
        status: 'failed',
        message: failureMessage(error),
        kind: failureKind(error),
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
