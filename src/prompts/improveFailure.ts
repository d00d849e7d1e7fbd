import * as vscode from 'vscode';
import { DmxApiError } from '../core/errors';
import { failureMessage } from '../failures/failureMessages';
import { PreflightError } from '../generation/generationErrors';

/** The sentence for a failed improvement; it says the prompt is untouched, so nothing stands in the way of generating. */
export function improveFailureMessage(error: unknown): string {
  const reason = error instanceof DmxApiError || error instanceof PreflightError ? failureMessage(error) : error instanceof Error ? error.message : String(error);
  return vscode.l10n.t('The prompt could not be improved: {0} The prompt is unchanged and can be generated as it is.', reason);
}
