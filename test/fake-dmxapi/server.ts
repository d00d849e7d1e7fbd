import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuth } from './auth';
import { answerChat, ChatGate } from './chatEndpoint';
import { applyEarlyFault, EARLY_KINDS, FaultState, TRANSPORT_KINDS, type Kind } from './faults';
import { serveFile } from './fileRoute';
import { FileStore } from './fileStore';
import { answerEdits } from './editsEndpoint';
import { answerGemini } from './geminiEndpoint';
import type { GenerateContext } from './generateContext';
import { ImageFactory } from './imageFactory';
import { parseMultipart } from './multipart';
import { SignatureBook } from './signatureBook';
import { answerOpenAi } from './openaiEndpoint';
import { errorReply, googleError, openAiError, waitUnlessClosed, writeJson, writeMalformedJson, writeTruncated, type Dialect, type Reply } from './replies';
import type { FakeDmxApi, FakeOptions, RecordedRequest } from './types';

export type { FakeDmxApi, FakeOptions, Fault, FaultKind, FaultTarget, ImageContent, RecordedRequest } from './types';

type Recorded = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

type Route =
  | { readonly kind: 'openai' }
  | { readonly kind: 'edits' }
  | { readonly kind: 'chat' }
  | { readonly kind: 'gemini'; readonly model: string }
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'none'; readonly dialect: Dialect };

function routeOf(method: string, path: string): Route {
  if (method === 'POST' && path === '/v1/images/generations') return { kind: 'openai' };
  if (method === 'POST' && path === '/v1/images/edits') return { kind: 'edits' };
  if (method === 'POST' && path === '/v1/chat/completions') return { kind: 'chat' };
  const gemini = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
  if (method === 'POST' && gemini) return { kind: 'gemini', model: decodeURIComponent(gemini[1]!) };
  const file = /^\/files\/([A-Za-z0-9-]+\.[a-z]+)$/.exec(path);
  if ((method === 'GET' || method === 'HEAD') && file) return { kind: 'file', name: file[1]! };
  return { kind: 'none', dialect: path.startsWith('/v1beta/') ? 'google' : 'openai' };
}

/** Generous cap: fourteen 7 MB references in base64 stay well below it. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export async function startFakeDmxApi(options: FakeOptions = {}): Promise<FakeDmxApi> {
  const checkDivisor = (d: number): number => {
    if (!Number.isFinite(d) || d < 1) throw new Error(`sizeReduction must be a number >= 1, got ${d}`);
    return d;
  };
  const requests: Recorded[] = [];
  const faults = new FaultState();
  const files = new FileStore();
  const images = new ImageFactory(options.content ?? 'pattern');
  let delayMs = options.delayMs ?? 0;
  let reduction = checkDivisor(options.sizeReduction ?? 1);
  let baseUrl = '';
  const chat = new ChatGate();
  /** Generation and chat requests being answered now, and the most at once since the last reset. */
  let inFlight = 0;
  let maxInFlight = 0;
  /** While set, answers wait for it: a test holds them to see how many requests a client keeps open at once. */
  let held: { readonly until: Promise<void>; readonly release: () => void } | undefined;
  const signatures = new SignatureBook();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
    const record: Recorded = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: parseJson(raw), bodyBytes: raw.length };
    requests.push(record);
    res.once('finish', () => (record.answered = true));
    const noteFault = (kind: Kind): void => {
      record.fault = kind;
    };

    const route = routeOf(method, url.pathname);
    if (route.kind === 'file') return serveFile(route.name, { files, faults, noteFault }, req, res);
    if (route.kind === 'none') return writeJson(res, errorReply(route.dialect, 404, `Unknown request URL: ${method} ${url.pathname}.`));
    const dialect: Dialect = route.kind === 'gemini' ? 'google' : 'openai';
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    res.once('close', () => inFlight--);
    if (held) await held.until;

    const early = faults.take('generate', EARLY_KINDS);
    if (early) noteFault(early.kind);
    const wait = delayMs + (early?.kind === 'slow' ? early.ms : 0);
    if (wait > 0 && !(await waitUnlessClosed(wait, res))) return;
    if (early && applyEarlyFault(early, dialect, req, res)) return;

    const denied = checkAuth(dialect, headers, options.validKey);
    if (denied) return writeJson(res, denied);
    const ctx: GenerateContext = { images, reduction, faults, files, baseUrl, noteFault, signatures };
    // The edits body is multipart, not JSON.
    if (route.kind === 'edits') {
      const form = parseMultipart(headers['content-type'], raw);
      if (form.ok) record.form = form.form;
      return sendAnswer(answerEdits(form, ctx), res, noteFault);
    }
    if (record.body === undefined) return writeJson(res, unparsable(dialect, raw.length === 0));
    if (route.kind === 'chat') return answerChat(record.body, res, chat);

    const reply = route.kind === 'openai' ? answerOpenAi(record.body, ctx) : answerGemini(route.model, record.body, ctx);
    sendAnswer(reply, res, noteFault);
  }

  function sendAnswer(reply: Reply, res: ServerResponse, noteFault: (kind: Kind) => void): void {
    const transport = reply.status === 200 ? faults.take('generate', TRANSPORT_KINDS) : undefined;
    if (!transport) return writeJson(res, reply);
    noteFault(transport.kind);
    const json = Buffer.from(JSON.stringify(reply.body));
    if (transport.kind === 'malformedJson') writeMalformedJson(res, json);
    else writeTruncated(res, 200, 'application/json; charset=utf-8', json);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else writeJson(res, openAiError(500, { message: `fake server error: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    get requests(): readonly RecordedRequest[] {
      return requests;
    },
    setFault: (fault) => faults.set(fault),
    chat,
    get maxInFlight(): number {
      return maxInFlight;
    },
    holdAnswers: () => {
      if (!held) {
        let release = (): void => undefined;
        const until = new Promise<void>((resolve) => (release = resolve));
        held = { until, release };
      }
      const { release } = held;
      return () => {
        held = undefined;
        release();
      };
    },
    setDelay: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`delay must be >= 0 ms, got ${ms}`);
      delayMs = ms;
    },
    setSizeReduction: (divisor) => {
      reduction = checkDivisor(divisor);
    },
    reset: () => {
      requests.length = 0;
      maxInFlight = inFlight;
      held?.release();
      held = undefined;
      faults.set(null);
      chat.release();
      files.clear();
      signatures.clear();
      delayMs = options.delayMs ?? 0;
      reduction = checkDivisor(options.sizeReduction ?? 1);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function unparsable(dialect: Dialect, empty: boolean): Reply {
  if (dialect === 'google') return googleError(400, empty ? 'Request contains an invalid argument: empty body.' : 'Invalid JSON payload received.');
  const message = empty
    ? 'You must provide a JSON body with your request.'
    : "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)";
  return openAiError(400, { message, code: 'invalid_json' });
}
