import * as vscode from 'vscode';
import { DmxApiError } from '../core/errors';
import type { Logger } from '../logging';
import { SaveFailedError } from './imageGenerator';

/** An action offered beside an error message. */
export interface ErrorAction {
  readonly title: string;
  run(): unknown;
}

export interface ErrorActions {
  readonly retry?: () => unknown;
  readonly setApiKey: () => unknown;
  readonly openSettings: (query: string) => unknown;
  readonly saveKept: (kept: readonly vscode.Uri[]) => unknown;
}

const seconds = (ms: number | undefined) => Math.max(1, Math.round((ms ?? 0) / 1000));

/** One translated sentence per failure kind: what happened and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof SaveFailedError) {
    return vscode.l10n.t(
      'The image was generated but could not be saved into {0}. It is kept safe; use Save As… to put it elsewhere.',
      error.intendedFolder.fsPath,
    );
  }
  if (!(error instanceof DmxApiError)) {
    return vscode.l10n.t('Image generation failed: {0}', error instanceof Error ? error.message : String(error));
  }
  const server = error.serverMessage ? ` (${error.serverMessage})` : '';
  const info = error.info;
  switch (info.kind) {
    case 'invalidRequest':
      return vscode.l10n.t('The request was not sent: {0}', error.message);
    case 'auth':
      return vscode.l10n.t('DMXAPI rejected the API key (401). Set a valid key and try again.');
    case 'forbidden':
      return vscode.l10n.t('DMXAPI refused access (403): the key may lack access to this model or the balance may be empty.{0}', server);
    case 'rateLimited':
      return vscode.l10n.t('DMXAPI is rate limiting requests (429). Try again in {0} s.', seconds(info.retryAfterMs));
    case 'badRequest':
      return vscode.l10n.t('DMXAPI rejected the request{0}. Check the model, size and options.', server);
    case 'server':
      return vscode.l10n.t('DMXAPI had a server error ({0}). It is usually temporary: try again shortly.', String(info.status));
    case 'htmlPage':
      return vscode.l10n.t('A proxy or gateway answered with an HTML page instead of DMXAPI ({0}). Check dmxapi.baseUrl and your network, then retry.', String(info.status));
    case 'malformedResponse':
      return vscode.l10n.t('DMXAPI sent an answer that could not be read (cut off or not JSON). Retry; if it persists, check dmxapi.baseUrl.');
    case 'timeout':
      return vscode.l10n.t('No answer from DMXAPI in time. Large images can take minutes: raise dmxapi.requestTimeoutSeconds or retry.');
    case 'network':
      return vscode.l10n.t('Could not reach DMXAPI ({0}). Check your connection and dmxapi.baseUrl.', error.message);
    case 'cancelled':
      return vscode.l10n.t('Image generation was cancelled.');
    case 'safetyBlocked':
      return vscode.l10n.t('The model refused this prompt for safety reasons ({0}). Rephrase the prompt and try again.', info.reason);
    case 'noImage':
      return vscode.l10n.t('The model answered without an image. Its reply: {0}', info.texts.join(' ').slice(0, 300) || '—');
    case 'download':
      return vscode.l10n.t('The image link in the answer could not be downloaded ({0}); it may have expired. Generate again.', info.detail);
  }
}

/** Shows one message with the actions that help, and logs the details. Cancellation is quiet. */
export async function presentError(error: unknown, logger: Logger, actions: ErrorActions): Promise<void> {
  logger.error(error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error));
  const offered: ErrorAction[] = [];
  const add = (title: string, run: () => unknown) => offered.push({ title, run });
  if (error instanceof SaveFailedError) {
    add(vscode.l10n.t('Save As…'), () => actions.saveKept(error.kept));
  } else if (error instanceof DmxApiError) {
    if (error.kind === 'auth' || error.kind === 'forbidden') {
      add(vscode.l10n.t('Set API Key'), actions.setApiKey);
    }
    if (error.kind === 'htmlPage' || error.kind === 'network' || error.kind === 'timeout') {
      add(vscode.l10n.t('Open Settings'), () => actions.openSettings('dmxapi'));
    }
    if (error.retryable || ['auth', 'download', 'malformedResponse', 'timeout', 'network', 'rateLimited', 'server', 'htmlPage'].includes(error.kind)) {
      if (actions.retry) {
        add(vscode.l10n.t('Retry'), actions.retry);
      }
    }
  } else if (actions.retry) {
    add(vscode.l10n.t('Retry'), actions.retry);
  }
  add(vscode.l10n.t('Show Log'), () => logger.show());
  const picked = await vscode.window.showErrorMessage(describeError(error), ...offered.map((a) => a.title));
  await offered.find((a) => a.title === picked)?.run();
}
