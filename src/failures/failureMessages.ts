import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { DmxApiError, type OversizedPart, type RedirectRefusal } from '../core/errors';
import { IncompleteBatchError, PreflightError, SaveFailedError } from '../generation/generationErrors';
import type { ErrorActionId } from './failurePolicy';
import { describeIssues } from '../generation/issueMessages';

/** The words of a failure in the display language: one sentence for what happened, one title per action. */

const seconds = (ms: number | undefined) => Math.max(1, Math.round((ms ?? 0) / 1000));

/** The translated title of an action button. */
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
export function failureMessage(error: unknown): string {
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
