import { startFakeDmxApi, type FakeDmxApi, type FakeOptions } from '../../fake-dmxapi/server';

/** Small fetch wrappers for the fake server's own tests. */

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed body, undefined when not JSON. `any` because the tests walk many answer shapes and assert each step. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

export async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function openai(server: FakeDmxApi, body: unknown, key = 'sk-test', init: RequestInit = {}): Promise<Answer> {
  return send(`${server.url}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

export const GEMINI_PATH = '/v1beta/models/gemini-3.1-flash-image-preview:generateContent';

export function gemini(server: FakeDmxApi, body: unknown, key = 'sk-test', path = GEMINI_PATH, init: RequestInit = {}): Promise<Answer> {
  return send(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

export const prompt = (text: string, generationConfig?: unknown): Record<string, unknown> => ({
  contents: [{ role: 'user', parts: [{ text }] }],
  ...(generationConfig === undefined ? {} : { generationConfig }),
});

/** Starts a server for one `describe` block; sizes divided by 16 unless told. */
export async function started(options: FakeOptions = {}): Promise<FakeDmxApi> {
  return startFakeDmxApi({ sizeReduction: 16, ...options });
}

export async function download(url: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) };
}
