import * as vscode from 'vscode';
import type { Guard, Outcome } from '../failures/commandGuard';
import { VersionSaveFailedError, type EditDone, type EditService } from './editService';

/**
 * An edit run the way a generation command runs: a failure becomes the failure policy's message with its
 * actions; Retry edits again (the same sources, instruction and model); after a failed save, Save As… and Retry
 * write the kept versions without paying again; a refine that went on without its conversation says so.
 */
export function guardedEdit(guard: Guard, service: EditService, run: () => Promise<EditDone>): Promise<Outcome<EditDone>> {
  const attempt = (): Promise<Outcome<EditDone>> =>
    guard(
      async () => {
        const done = await run();
        if (done.notice) {
          void vscode.window.showWarningMessage(done.notice);
        }
        return { status: 'done', ...done };
      },
      {
        retry: attempt,
        saveAgain: (failure) =>
          failure instanceof VersionSaveFailedError ? guard(async () => ({ status: 'done', ...(await service.saveKeptAgain(failure)) })) : attempt(),
      },
    );
  return attempt();
}
