import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { DmxApiError, type DmxApiErrorKind, type OversizedPart, type RedirectRefusal } from '../core/errors';
import type { Logger } from '../logging';
import { IncompleteBatchError, SaveFailedError } from './imageGenerator';
import { PreflightError } from './runner';
import { describeIssues } from './validationMessages';

/** What a failure message can offer. Outcomes report these ids; the user reads `actionTitle`. */
export type ErrorActionId = 'saveAs' | 'setApiKey' | 'openSettings' | 'selectModel' | 'retry' | 'showLog';

/** What each action does for one failure; `retry` is absent when there is nothing to run again. */
export type ErrorActionHandlers = Readonly<Partial<Record<ErrorActionId, () => unknown>>>;

const seconds = (ms: number | undefined) => Math.max(1, Math.round((ms ?? 0) / 1000));

/** Failures the same request may get past: the server, the network, a key or balance fixed meanwhile. */
const RETRY_HELPS: ReadonlySet<DmxApiErrorKind> = new Set<DmxApiErrorKind>([
  'auth',
  'forbidden',
  'rateLimited',
  'server',
  'htmlPage',
  'malformedResponse',
  'timeout',
  'network',
  'noImage',
  'download',
]);

const MODEL_SETTINGS: ReadonlySet<string> = new Set(['dmxapi.model', 'dmxapi.aspectRatio', 'dmxapi.resolution']);
const OPTION_ISSUES: ReadonlySet<string> = new Set(['unknownOption', 'choiceNotAllowed', 'notInteger', 'outOfRange']);

/** The setting that most likely needs a look after `error`, if one does. */
export function settingFor(error: unknown): string | undefined {
  if (error instanceof PreflightError) {
    return error.setting;
  }
  if (!(error instanceof DmxApiError)) {
    return undefined;
  }
  switch (error.info.kind) {
    case 'htmlPage':
    case 'network':
    case 'redirect':
      return 'dmxapi.baseUrl';
    case 'timeout':
      return 'dmxapi.requestTimeoutSeconds';
    case 'invalidRequest':
      return error.info.issues.some((issue) => OPTION_ISSUES.has(issue.code)) ? 'dmxapi.modelOptions' : undefined;
    default:
      return undefined;
  }
}

/**
 * The actions that help with `error`, in the order offered. `canRetry`: the caller can run the job again (or,
 * after a failed save, save the kept images again). Retry is never offered where the same request would fail the
 * same way (a refused prompt, a request that was not sent).
 */
export function actionsFor(error: unknown, canRetry: boolean): ErrorActionId[] {
  const actions: ErrorActionId[] = [];
  if (error instanceof SaveFailedError) {
    actions.push('saveAs');
  }
  if ((error instanceof PreflightError && error.needsKey) || (error instanceof DmxApiError && (error.kind === 'auth' || error.kind === 'forbidden'))) {
    actions.push('setApiKey');
  }
  const setting = settingFor(error);
  if (setting) {
    actions.push('openSettings');
  }
  if (setting && MODEL_SETTINGS.has(setting)) {
    actions.push('selectModel');
  }
  // After an incomplete batch, Retry would generate (and bill) the saved images again.
  const retryHelps = error instanceof DmxApiError ? RETRY_HELPS.has(error.kind) : !(error instanceof PreflightError || error instanceof IncompleteBatchError);
  if (canRetry && retryHelps) {
    actions.push('retry');
  }
  if (!(error instanceof PreflightError)) {
    actions.push('showLog');
  }
  return actions;
}

export function actionTitle(id: ErrorActionId): string {
  switch (id) {
    case 'saveAs':
      return vscode.l10n.t('Save As…');
    case 'setApiKey':
      return vscode.l10n.t('Set API Key');
    case 'openSettings':
      return vscode.l10n.t('Open Settings');
    case 'selectModel':
      return vscode.l10n.t('Select Model');
    case 'retry':
      return vscode.l10n.t('Retry');
    case 'showLog':
      return vscode.l10n.t('Show Log');
  }
}

const megabytes = (bytes: number): string => String(Math.round(bytes / (1024 * 1024)));

function describeTooLarge(what: OversizedPart, limitBytes: number): string {
  switch (what) {
    case 'answer':
      return vscode.l10n.t('The answer from the server is larger than {0} MB, more than any image batch needs; it was not read. Check dmxapi.baseUrl.', megabytes(limitBytes));
    case 'answerText':
      return vscode.l10n.t('The answer from the server holds more than {0} MB of text besides its images; it was not read. Check dmxapi.baseUrl.', megabytes(limitBytes));
    case 'download':
      return vscode.l10n.t('The image link leads to a file larger than {0} MB, more than any image; it was not downloaded.', megabytes(limitBytes));
  }
}

function describeRedirect(reason: RedirectRefusal, from: string, to: string): string {
  switch (reason) {
    case 'otherOrigin':
      return vscode.l10n.t('The server redirected the request from {0} to another server, {1}. It was not followed, so the API key and the prompt were not sent there. Check dmxapi.baseUrl.', from, to);
    case 'downgrade':
      return vscode.l10n.t('The server redirected the request from {0} to unencrypted {1}. It was not followed. Check dmxapi.baseUrl.', from, to);
    case 'changesMethod':
      return vscode.l10n.t('The server redirected the request from {0} to {1} in a way that would drop its body. It was not followed. Check dmxapi.baseUrl.', from, to);
    case 'tooMany':
      return vscode.l10n.t('The server redirected the request too many times (last from {0} to {1}). It was not followed. Check dmxapi.baseUrl.', from, to);
  }
}

/** One translated sentence per failure kind: what happened and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof PreflightError) {
    return error.message;
  }
  if (error instanceof SaveFailedError) {
    return vscode.l10n.t(
      'The image was generated but could not be saved into {0}. It is kept safe; use Save As… to put it elsewhere.',
      error.intendedFolder.fsPath,
    );
  }
  if (error instanceof IncompleteBatchError) {
    const first = error.firstFailure;
    const detail = first.info.kind === 'download' ? first.info.detail : first.message;
    return first.kind === 'download'
      ? vscode.l10n.t('{0} of {1} images saved; {2} download failed: {3}', String(error.saved.length), String(error.total), String(error.failures.length), detail)
      : vscode.l10n.t('{0} of {1} images saved; {2} could not be read: {3}', String(error.saved.length), String(error.total), String(error.failures.length), detail);
  }
  if (!(error instanceof DmxApiError)) {
    return vscode.l10n.t('Image generation failed: {0}', error instanceof Error ? error.message : String(error));
  }
  const server = error.serverMessage ? ` (${error.serverMessage})` : '';
  const info = error.info;
  switch (info.kind) {
    case 'invalidRequest':
      return vscode.l10n.t('Nothing was sent. {0}', describeIssues(info.issues));
    case 'auth':
      // baseurl.md: a key works only on the site that issued it; a key from another site is the usual 401.
      return vscode.l10n.t(
        'DMXAPI rejected the API key (401) at {0}. A key works only on the DMXAPI site that issued it, so a key from another site (www.dmxapi.cn, www.dmxapi.com, ssvip.dmxapi.com) is the usual cause: run "DMXAPI: Set API Key" and pick the key\'s site. Set a valid key and try again.',
        readSettings(vscode.window.activeTextEditor?.document.uri).settings.baseUrl,
      );
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
      return info.code
        ? vscode.l10n.t('Could not reach DMXAPI ({0}). Check your connection and dmxapi.baseUrl.', info.code)
        : vscode.l10n.t('Could not reach DMXAPI. Check your connection and dmxapi.baseUrl.');
    case 'cancelled':
      return vscode.l10n.t('Image generation was cancelled.');
    case 'safetyBlocked':
      return vscode.l10n.t('The model refused this prompt for safety reasons ({0}). Rephrase the prompt and try again.', info.reason);
    case 'noImage':
      return vscode.l10n.t('The model answered without an image. Its reply: {0}', info.texts.join(' ').slice(0, 300) || '—');
    case 'download':
      return vscode.l10n.t('The image link in the answer could not be downloaded ({0}); it may have expired. Generate again.', info.detail);
    case 'tooLarge':
      return describeTooLarge(info.what, info.limitBytes);
    case 'redirect':
      return describeRedirect(info.reason, info.from, info.to);
  }
}

/** The log line for a failure: its details, never the key (the logger scrubs it). */
function logFailure(error: unknown, logger: Logger): void {
  if (error instanceof PreflightError) {
    logger.warn(`not sent: ${error.message}`);
  } else {
    logger.error(error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error));
  }
}

/**
 * Logs the details and shows one message with `actions` as buttons; resolves once the user picked one (and its
 * work is done) or dismissed the message.
 */
export async function presentError(
  error: unknown,
  logger: Logger,
  actions: readonly ErrorActionId[],
  handlers: ErrorActionHandlers,
): Promise<void> {
  logFailure(error, logger);
  const offered = actions.filter((id) => handlers[id]);
  const picked = await vscode.window.showErrorMessage(describeError(error), ...offered.map(actionTitle));
  const chosen = offered.find((id) => actionTitle(id) === picked);
  if (chosen) {
    await handlers[chosen]?.();
  }
}
