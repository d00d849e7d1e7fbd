import type { EngineConfig } from '../../../../src/core/engine';

/** A scripted `fetch`: each call takes the next reply, and every call is recorded for assertions. */

export interface RecordedCall {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
}

export type Reply = Response | Error | ((call: RecordedCall) => Response | Promise<Response>);

export interface ScriptedFetch {
  readonly fetch: typeof fetch;
  readonly calls: RecordedCall[];
}

export function scriptedFetch(...replies: Reply[]): ScriptedFetch {
  const calls: RecordedCall[] = [];
  const queue = [...replies];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    const reply = queue.shift();
    if (reply === undefined) {
      throw new Error(`unexpected fetch #${calls.length} to ${call.url}`);
    }
    if (reply instanceof Error) {
      throw reply;
    }
    return typeof reply === 'function' ? reply(call) : reply;
  };
  return { fetch: fake as typeof fetch, calls };
}

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

export const bytes = (data: Uint8Array, status = 200, contentType = 'image/png'): Response =>
  new Response(new Uint8Array(data), { status, headers: { 'content-type': contentType } });

/** What undici throws when a connection is refused or reset. */
export function networkError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

export const API_KEY = 'sk-test-Zq8RkL2mN5pV7wX9';

/** The config tests use: no real waiting, no jitter, every log line and retry collected. */
export function testConfig(fetchFn: typeof fetch, overrides: Partial<EngineConfig> = {}) {
  const logs: string[] = [];
  const retries: { attempt: number; delayMs: number; reason: string }[] = [];
  const sleeps: number[] = [];
  const config: EngineConfig = {
    baseUrl: 'https://api.example.test',
    apiKey: API_KEY,
    timeoutMs: 5000,
    maxRetries: 2,
    fetch: fetchFn,
    log: (line) => logs.push(line),
    onRetry: (attempt, delayMs, reason) => retries.push({ attempt, delayMs, reason }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  };
  return { config, logs, retries, sleeps };
}
