import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';
import type { Logger } from '../logging';
import { isCancellation } from '../failures/failurePolicy';
import { improveFailureMessage } from './improveFailure';
import { writerLabel, type PromptImprover } from './promptImprover';

export type ImprovePromptOutcome =
  | { readonly status: 'done'; readonly prompt: string; readonly inserted: boolean }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

/** The last line of what is streaming, short enough for a notification. */
function tail(text: string): string {
  const last = text.trim().split('\n').pop() ?? '';
  return last.length > 80 ? `…${last.slice(-80)}` : last;
}

/**
 * `dmxapi.improvePrompt`: the selected prompt is rewritten for the chosen image model. The answer streams into a
 * cancellable notification and replaces the selection in one edit, so one Undo brings the original back.
 */
export function registerImprovePromptCommand(register: RegisterCommand, improver: PromptImprover, logger: Logger): vscode.Disposable {
  return register(CommandIds.improvePrompt, async (): Promise<ImprovePromptOutcome> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty || !editor.document.getText(editor.selection).trim()) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the prompt to improve first.'));
      return { status: 'cancelled' };
    }
    const { document, selection } = editor;
    const original = document.getText(selection);
    const version = document.version;
    const writer = await improver.pickWriter(document.uri);
    if (!writer) {
      return { status: 'cancelled' };
    }
    const { settings } = readSettings(document.uri);
    try {
      const improved = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Improving the prompt with {0}…', writerLabel(writer)), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await improver.improve(original.trim(), settings.model, writer, (soFar) => progress.report({ message: tail(soFar) }), controller.signal, document.uri);
          } finally {
            subscription.dispose();
          }
        },
      );
      if (!improved) {
        throw new Error(vscode.l10n.t('the model answered with an empty prompt.'));
      }
      // The user typed meanwhile: their text wins, the improvement goes to the clipboard.
      if (document.isClosed || document.version !== version) {
        await vscode.env.clipboard.writeText(improved);
        void vscode.window.showInformationMessage(vscode.l10n.t('The document changed meanwhile, so the improved prompt was copied to the clipboard.'));
        return { status: 'done', prompt: improved, inserted: false };
      }
      const inserted = await editor.edit((edit) => edit.replace(selection, improved));
      return { status: 'done', prompt: improved, inserted };
    } catch (error) {
      if (isCancellation(error)) {
        return { status: 'cancelled' };
      }
      logger.warn(`improve prompt failed: ${error instanceof Error ? error.message : String(error)}`);
      const message = improveFailureMessage(error);
      void vscode.window.showWarningMessage(message);
      return { status: 'failed', message };
    }
  });
}
