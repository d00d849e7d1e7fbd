import { actionHandlers, logFailure } from '../failures/failureActions';
import { actionTitle, failureMessage } from '../failures/failureMessages';
import { actionsFor } from '../failures/failurePolicy';
import { SaveFailedError } from '../generation/generationErrors';
import type { Logger } from '../logging';
import type { ErrorView } from '../shared/studioProtocol';

/**
 * Failures as the panel shows them: the failure policy the notifications follow, rendered as a card. Retry is the
 * card's own button (the webview sends the run again); the other buttons' work stays on the host, and the
 * webview only sends back their id.
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
    logFailure(error, this.logger);
    // The card's Retry generates again; after a failed save that would pay for the kept images twice.
    const offered = actionsFor(error, !(error instanceof SaveFailedError));
    const handlers = actionHandlers(error, this.logger);
    const actions: ErrorView['actions'] = [];
    for (const action of offered) {
      const work = handlers[action];
      if (action !== 'retry' && work) {
        const id = `action-${this.nextId++}`;
        this.actions.set(id, work);
        actions.push({ id, title: actionTitle(action) });
      }
    }
    return { message: failureMessage(error), retryable: offered.includes('retry'), actions };
  }

  /** Buttons of cards dismissed long ago are forgotten; a click on one does nothing. */
  forgetOlderThan(keep: number): void {
    const ids = [...this.actions.keys()];
    ids.slice(0, Math.max(0, ids.length - keep)).forEach((id) => this.actions.delete(id));
  }
}
