/**
 * Splits a run's time into the server's part and ours. Every `fetch` in this process (the engine's, the SDKs',
 * the floor's) goes through one wrapper that adds up the time from the call until the answer's headers arrive:
 * the fake server builds the whole answer before it sends the headers, so that wait is its generation time,
 * and the rest (reading the body, parsing, decoding, writing) is the client's share.
 */

let waitedMs = 0;
let installed = false;

export function installServerWaitTimer(): void {
  if (installed) {
    return;
  }
  installed = true;
  const original = globalThis.fetch;
  globalThis.fetch = async function timedFetch(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> {
    const started = performance.now();
    try {
      return await original(input, init);
    } finally {
      waitedMs += performance.now() - started;
    }
  };
}

/** Milliseconds waited for headers since the last call. */
export function takeServerWaitMs(): number {
  const waited = waitedMs;
  waitedMs = 0;
  return waited;
}
