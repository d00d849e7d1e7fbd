import { DmxApiError, type DmxApiErrorKind } from '../core/errors';
import { IncompleteBatchError, PreflightError, SaveFailedError } from '../generation/generationErrors';

/**
 * The one policy for a failure: which setting needs a look and which actions help, in the order offered. Every
 * surface renders it (the notification of a command, the studio's error card), so they offer the same. Pure: no
 * `vscode`, tested as a unit.
 */

/** What a failure message can offer. Outcomes report these ids; the user reads their translated titles. */
export type ErrorActionId = 'saveAs' | 'setApiKey' | 'openSettings' | 'selectModel' | 'retry' | 'showLog';

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

export const isCancellation = (error: unknown): boolean => error instanceof DmxApiError && error.kind === 'cancelled';

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
      if (error.info.issues.some((issue) => issue.code === 'unknownModel')) {
        return 'dmxapi.model';
      }
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

/** The `DmxApiError` kind, or `preflight`, `saveFailed`, `incomplete` (some images saved), `unexpected`. */
export function failureKind(error: unknown): string {
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
