import assert from 'node:assert/strict';
import { DmxApiError, type DmxApiErrorKind } from '../../../../src/core/errors';

/** Calls `fn`, which must throw a `DmxApiError` (of this kind, when given), and returns the error for more checks. */
export function throwsWithKind(fn: () => unknown, kind?: DmxApiErrorKind): DmxApiError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DmxApiError, String(error));
    if (kind !== undefined) assert.equal(error.kind, kind, error.message);
    return error;
  }
  return assert.fail(`expected a ${kind ?? 'DmxApiError'} error`);
}

/** Awaits a promise that must fail with a `DmxApiError` of this kind, and returns the error for more checks. */
export async function rejectsWithKind(promise: Promise<unknown>, kind: DmxApiErrorKind): Promise<DmxApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DmxApiError, String(error));
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  return assert.fail(`expected a ${kind} error`);
}
