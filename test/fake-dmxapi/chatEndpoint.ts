import type { ServerResponse } from 'node:http';
import { openAiError, writeJson, type Reply } from './replies';

/**
 * `POST /v1/chat/completions`, as dmxapi-docs/kaishi.md and baseurl.md describe it: OpenAI's chat shape, `model`
 * and `messages` required. Without `stream` the answer is one `chat.completion` (kaishi.md's example); with
 * `stream: true` it is OpenAI's server-sent events: `chat.completion.chunk` objects whose `delta.content` continues
 * the text, then `data: [DONE]`. The "improved" text is the last user message plus detail words, in the user's
 * language, so tests can see which prompt was sent and that the language was kept.
 */

const ROLES = new Set(['system', 'user', 'assistant', 'developer']);
/** Code points per streamed chunk: small enough that every answer arrives in several. */
const CHUNK_CODE_POINTS = 8;

/** Lets a test stop the stream part-way (to look at it, or to cancel it) and let it go on. */
export class ChatGate {
  private afterChunks: number | undefined;
  private opened: (() => void) | undefined;
  private gate: Promise<void> | undefined;

  /** The next streams stop after `chunks` chunks until `release()`; undefined: they run through. */
  pauseAfter(chunks: number | undefined): void {
    this.afterChunks = chunks;
    this.gate = chunks === undefined ? undefined : new Promise<void>((resolve) => (this.opened = resolve));
  }

  release(): void {
    this.opened?.();
    this.afterChunks = undefined;
    this.gate = undefined;
  }

  /** Resolves when chunk number `index` (0-based) may be sent. */
  async before(index: number): Promise<void> {
    if (this.afterChunks !== undefined && index >= this.afterChunks && this.gate) await this.gate;
  }
}

interface ChatBody {
  readonly model: string;
  readonly messages: readonly { role: string; content: unknown }[];
  readonly stream?: boolean;
}

function check(body: unknown): Reply | ChatBody {
  const b = body as Partial<ChatBody> | undefined;
  if (!b || typeof b !== 'object') return openAiError(400, { message: 'We could not parse the JSON body of your request.' });
  if (typeof b.model !== 'string' || !b.model) return openAiError(400, { message: "you must provide a model parameter", param: 'model' });
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    return openAiError(400, { message: "Missing required parameter: 'messages'.", param: 'messages', code: 'missing_required_parameter' });
  }
  for (const [i, m] of b.messages.entries()) {
    if (!m || !ROLES.has((m as { role?: string }).role ?? '') || typeof (m as { content?: unknown }).content !== 'string') {
      return openAiError(400, { message: `Invalid value for 'messages[${i}]'.`, param: `messages[${i}]` });
    }
  }
  if (b.stream !== undefined && typeof b.stream !== 'boolean') return openAiError(400, { message: "Invalid type for 'stream'.", param: 'stream' });
  return b as ChatBody;
}

/** The fake's rewrite: the user's words first, then detail in the same script they wrote in. */
export function fakeImprovedPrompt(messages: ChatBody['messages']): string {
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content;
  const text = typeof user === 'string' ? user.trim() : '';
  return /[\u3400-\u9fff]/.test(text) ? `${text}，细节丰富，柔和的自然光，画面清晰` : `${text}, rich detail, soft natural light, sharp focus`;
}

function chunksOf(text: string): string[] {
  const points = [...text];
  const chunks: string[] = [];
  for (let i = 0; i < points.length; i += CHUNK_CODE_POINTS) chunks.push(points.slice(i, i + CHUNK_CODE_POINTS).join(''));
  return chunks;
}

let counter = 0;

export async function answerChat(body: unknown, res: ServerResponse, gate: ChatGate): Promise<void> {
  const checked = check(body);
  if ('status' in checked) return writeJson(res, checked);
  const id = `chatcmpl-fake-${++counter}`;
  const created = Math.floor(Date.now() / 1000);
  const content = fakeImprovedPrompt(checked.messages);
  if (!checked.stream) {
    return writeJson(res, {
      status: 200,
      body: {
        id,
        object: 'chat.completion',
        created,
        model: checked.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 27, completion_tokens: [...content].length, total_tokens: 27 + [...content].length },
      },
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (delta: object, finish: string | null): void => {
    const chunk = { id, object: 'chat.completion.chunk', created, model: checked.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  send({ role: 'assistant', content: '' }, null);
  for (const [index, piece] of chunksOf(content).entries()) {
    await gate.before(index);
    if (res.destroyed) return;
    send({ content: piece }, null);
  }
  send({}, 'stop');
  res.end('data: [DONE]\n\n');
}
