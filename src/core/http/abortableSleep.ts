import { DmxApiError } from '../errors';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms`, or rejects with a `cancelled` error as soon as `signal` aborts, so Cancel is not held up by a backoff. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DmxApiError({ kind: 'cancelled' }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DmxApiError({ kind: 'cancelled' }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
