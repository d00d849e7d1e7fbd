import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DmxApiError, errorLogText } from '../../../src/core/errors';
import { issue } from '../../../src/core/validationIssues';
import { actionsFor, failureKind, isCancellation, settingFor } from '../../../src/failures/failurePolicy';
import { IncompleteBatchError, PreflightError, SaveFailedError } from '../../../src/generation/generationErrors';

const folder = { toString: () => 'file:///ws/assets' } as never;
const destination = { folder, linkBase: { workspaceFolder: '/ws' } } as never;
const origin = { job: {} as never, texts: [], createdAt: 0, elapsedMs: 0 };
const status = (kind: 'auth' | 'forbidden' | 'badRequest' | 'server' | 'htmlPage', code: number) => new DmxApiError({ kind, status: code });

describe('the failure policy every surface renders', () => {
  test('retry only where the same request may get past the failure', () => {
    assert.deepEqual(actionsFor(status('server', 500), true), ['retry', 'showLog']);
    assert.deepEqual(actionsFor(status('badRequest', 400), true), ['showLog']);
    assert.deepEqual(actionsFor(new DmxApiError({ kind: 'safetyBlocked', reason: 'SAFETY' }), true), ['showLog']);
    assert.deepEqual(actionsFor(new DmxApiError({ kind: 'invalidRequest', issues: [] }), true), ['showLog']);
    assert.deepEqual(actionsFor(status('server', 500), false), ['showLog'], 'no Retry where nothing can run again');
    assert.deepEqual(actionsFor(new Error('bug'), true), ['retry', 'showLog']);
  });

  test('a rejected key offers Set API Key; a network failure names dmxapi.baseUrl', () => {
    assert.deepEqual(actionsFor(status('auth', 401), true), ['setApiKey', 'retry', 'showLog']);
    assert.deepEqual(actionsFor(status('forbidden', 403), true), ['setApiKey', 'retry', 'showLog']);
    const network = new DmxApiError({ kind: 'network', code: 'ECONNRESET' });
    assert.equal(settingFor(network), 'dmxapi.baseUrl');
    assert.deepEqual(actionsFor(network, true), ['openSettings', 'retry', 'showLog']);
    assert.equal(settingFor(new DmxApiError({ kind: 'timeout', timeoutMs: 5 })), 'dmxapi.requestTimeoutSeconds');
  });

  test('a bad model option names dmxapi.modelOptions; other request issues but an unknown model name no setting', () => {
    const option = new DmxApiError({ kind: 'invalidRequest', issues: [issue.unknownOption('style')] });
    assert.equal(settingFor(option), 'dmxapi.modelOptions');
    assert.deepEqual(actionsFor(option, true), ['openSettings', 'showLog']);
    assert.equal(settingFor(new DmxApiError({ kind: 'invalidRequest', issues: [issue.emptyPrompt()] })), undefined);
  });

  test("an unknown model, found by the core's validation alone, names dmxapi.model and offers Select Model", () => {
    const unknown = new DmxApiError({ kind: 'invalidRequest', issues: [issue.unknownModel('no-such-model')] });
    assert.equal(settingFor(unknown), 'dmxapi.model');
    assert.deepEqual(actionsFor(unknown, true), ['openSettings', 'selectModel', 'showLog']);
  });

  test('a check before sending: its setting, Select Model for a model setting, the key, never Retry or the log', () => {
    assert.deepEqual(actionsFor(new PreflightError('bad model', 'dmxapi.model'), true), ['openSettings', 'selectModel']);
    assert.deepEqual(actionsFor(new PreflightError('bad folder', 'dmxapi.assetsFolder'), true), ['openSettings']);
    assert.deepEqual(actionsFor(new PreflightError('no key', undefined, true), true), ['setApiKey']);
    assert.equal(failureKind(new PreflightError('x')), 'preflight');
  });

  test('images already paid for: Save As after a failed save, no Retry after a partial batch', () => {
    const saveFailed = new SaveFailedError([], destination, new Error('EACCES'), origin);
    assert.deepEqual(actionsFor(saveFailed, true), ['saveAs', 'retry', 'showLog']);
    assert.deepEqual(actionsFor(saveFailed, false), ['saveAs', 'showLog']);
    const partial = new IncompleteBatchError([], [{ index: 1, error: new DmxApiError({ kind: 'download', detail: '404' }) }], destination);
    assert.deepEqual(actionsFor(partial, true), ['showLog']);
    assert.deepEqual([failureKind(saveFailed), failureKind(partial), failureKind(status('auth', 401)), failureKind('?')], ['saveFailed', 'incomplete', 'auth', 'unexpected']);
  });

  test('cancellation is its own outcome, not a failure', () => {
    assert.equal(isCancellation(new DmxApiError({ kind: 'cancelled' })), true);
    assert.equal(isCancellation(status('server', 500)), false);
  });

  test('one log text for any failure: name, message and stack', () => {
    const error = new Error('disk full');
    assert.match(errorLogText(error), /^Error: disk full\nError: disk full\n {4}at /);
    assert.equal(errorLogText('plain'), 'plain');
  });
});
