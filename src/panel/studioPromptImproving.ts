import type * as vscode from 'vscode';
import { isCancellation } from '../failures/failurePolicy';
import { improveFailureMessage } from '../prompts/improveFailure';
import type { PromptImprover } from '../prompts/promptImprover';
import type { Logger } from '../logging';
import type { HostMessage } from '../shared/studioProtocol';

/**
 * The studio's Improve Prompt: one improvement at a time, its text streamed to the page as it arrives. A failure
 * is a notice beside the prompt, which stays as it was, so Generate is never in the way.
 */
export class StudioPromptImproving {
  private running: { readonly id: string; readonly controller: AbortController } | undefined;

  constructor(
    private readonly improver: PromptImprover,
    private readonly post: (message: HostMessage) => void,
    private readonly logger: Logger,
  ) {}

  async start(requestId: string, prompt: string, model: string, scope: vscode.Uri | undefined): Promise<void> {
    this.running?.controller.abort();
    const controller = new AbortController();
    this.running = { id: requestId, controller };
    try {
      const writer = await this.improver.currentWriter(scope);
      const improved = await this.improver.improve(prompt, model, writer, (text) => this.post({ type: 'improveText', requestId, text }), controller.signal, scope);
      if (!improved) {
        throw new Error('the model answered with an empty prompt');
      }
      this.post({ type: 'improveFinished', requestId, outcome: 'done', prompt: improved });
    } catch (error) {
      if (isCancellation(error) || controller.signal.aborted) {
        this.post({ type: 'improveFinished', requestId, outcome: 'cancelled' });
        return;
      }
      this.logger.warn(`studio: improve prompt failed: ${error instanceof Error ? error.message : String(error)}`);
      this.post({ type: 'improveFinished', requestId, outcome: 'failed', message: improveFailureMessage(error) });
    } finally {
      if (this.running?.id === requestId) {
        this.running = undefined;
      }
    }
  }

  cancel(requestId: string): void {
    if (this.running?.id === requestId) {
      this.running.controller.abort();
    }
  }

  dispose(): void {
    this.running?.controller.abort();
  }
}
