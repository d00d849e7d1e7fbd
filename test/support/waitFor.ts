/**
 * Waits on state, never on time: polls `probe` until it gives a value (anything but `undefined`, `null` or `false`)
 * and returns that value, or fails naming `what` after `timeoutMs`. The one polling loop for every test tier
 * (unit, integration in the extension host, end to end).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
