import { DmxApiError } from '../errors';
import { sendWithRetries, type BodyReader } from '../http/httpClient';
import { errorInAnswer } from '../http/responseErrors';
import type { ClientConfig } from '../types';
import { apiRoot } from './wireFields';
import { tooLarge } from '../http/limitedBody';
import { MAX_ANSWER_TEXT_BYTES } from '../http/sizeLimits';

/**
 * OpenAI-style `POST /v1/chat/completions` with `stream: true` (dmxapi-docs/kaishi.md, baseurl.md): the answer is
 * server-sent events, one `data: {json}` line per chunk whose `choices[0].delta.content` continues the text, and
 * `data: [DONE]` at the end. Only the text is kept; it goes to `onText` as it arrives.
 */

export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
}

/** What one `data:` line held: more text, the end, or an error the server put in the stream. */
type StreamEvent = { readonly text: string } | { readonly done: true } | { readonly error: DmxApiError } | undefined;

function eventOf(line: string, secret: string): StreamEvent {
  if (!line.startsWith('data:')) {
    return undefined;
  }
  const data = line.slice(5).trim();
  if (data === '[DONE]') {
    return { done: true };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { error: new DmxApiError({ kind: 'malformedResponse', detail: 'a streamed chunk is not JSON' }) };
  }
  const error = errorInAnswer(json, secret);
  if (error) {
    return { error };
  }
  const choices = (json as { choices?: { delta?: { content?: unknown } }[] }).choices;
  const content = choices?.[0]?.delta?.content;
  return { text: typeof content === 'string' ? content : '' };
}

/** The streamed text, or the error the server put in the stream (kept, not thrown: the HTTP client would blur it). */
interface StreamedText {
  readonly text: string;
  readonly error?: DmxApiError;
}

/** Reads the event stream as it arrives; the body is never held whole, only the text. */
function streamReader(secret: string, onText: (text: string) => void): BodyReader<StreamedText> {
  const limit = { what: 'answerText', maxBytes: MAX_ANSWER_TEXT_BYTES } as const;
  return {
    ...limit,
    size: (streamed) => Buffer.byteLength(streamed.text),
    async read(response) {
      if (!response.body) {
        return { text: '', error: new DmxApiError({ kind: 'malformedResponse', status: response.status, detail: 'the answer has no body' }) };
      }
      const decoder = new TextDecoder();
      let pending = '';
      let text = '';
      let done = false;
      /** The error a line carried, if it did. */
      const take = (line: string): DmxApiError | undefined => {
        const event = eventOf(line.replace(/\r$/, ''), secret);
        if (!event) return undefined;
        if ('error' in event) return event.error;
        if ('done' in event) done = true;
        else if (event.text) {
          text += event.text;
          onText(event.text);
        }
        return undefined;
      };
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        pending += decoder.decode(chunk.value, { stream: true });
        if (pending.length + text.length > limit.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge(limit);
        }
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const error = take(line);
          if (error) {
            await reader.cancel().catch(() => undefined);
            return { text, error };
          }
        }
      }
      const error = take(pending + decoder.decode());
      if (error) return { text, error };
      if (!done && !text) {
        return { text, error: new DmxApiError({ kind: 'malformedResponse', status: response.status, detail: 'the stream ended without an answer' }) };
      }
      return { text };
    },
  };
}

/**
 * Sends a chat request and streams the answer's text into `onText`; resolves to the whole text. Retries only
 * before an answer starts, as for images. Failures are `DmxApiError`s, never holding the key.
 */
export async function streamChatCompletion(request: ChatRequest, config: ClientConfig, onText: (text: string) => void): Promise<string> {
  const answer = await sendWithRetries(
    {
      method: 'POST',
      url: apiRoot(config.baseUrl) + CHAT_COMPLETIONS_PATH,
      logName: CHAT_COMPLETIONS_PATH,
      headers: { Authorization: `Bearer ${config.apiKey}`, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ model: request.model, messages: request.messages, stream: true }),
    },
    { ...config, secret: config.apiKey },
    streamReader(config.apiKey, onText),
  );
  if (answer.body.error) {
    throw answer.body.error;
  }
  return answer.body.text;
}
