import { apiModelName } from '../catalog/modelSpec';
import type { ConversationTurn } from '../editing/conversation';
import { geminiContents } from '../editing/conversation';
import type { ResolvedEdit } from '../editing/editRequest';
import { editFieldValues } from './editFields';
import { geminiAnswerSchema, geminiPath, IMAGE_DATA_URI, parseGeminiAnswer } from './geminiNative';
import type { ParsedAnswer, WireRequest } from './protocol';
import { apiRoot, setByPath, type JsonObject } from './wireFields';

/**
 * Gemini editing on `generateContent` (gemini-3.1-flash-image-preview-edit.md, img-3pro-edit.md,
 * img-25flash-edit.md): the instruction and the images as `inlineData` parts of a user turn; for multi-turn
 * editing (…-duolun.md) the earlier turns come first, the model's parts with their `thoughtSignature`.
 */

/** The new user turn: the instruction first, then the images, as the pages' samples order them. */
export function userTurnOf(edit: ResolvedEdit): ConversationTurn {
  return {
    role: 'user',
    parts: [{ kind: 'text', text: edit.instruction }, ...edit.images.map((image) => ({ kind: 'image' as const, bytes: image.bytes, mimeType: image.mimeType }))],
  };
}

export function buildGeminiEditBody(edit: ResolvedEdit): JsonObject {
  const body: JsonObject = { contents: geminiContents(edit.conversation, userTurnOf(edit)), generationConfig: {} };
  for (const [path, value] of editFieldValues(edit)) {
    setByPath(body, path, value);
  }
  return body;
}

export function buildGeminiEditRequest(edit: ResolvedEdit, baseUrl: string, apiKey: string): WireRequest {
  const path = geminiPath(apiModelName(edit.model));
  return {
    url: apiRoot(baseUrl) + path,
    path,
    headers: { 'x-goog-api-key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(buildGeminiEditBody(edit)),
  };
}

/** A model part as answered: a text, or the n-th image of the answer (`ParsedAnswer.images[n]`), with its signature. */
export type AnsweredPart =
  | { readonly kind: 'text'; readonly text: string; readonly signature?: string }
  | { readonly kind: 'image'; readonly answerIndex: number; readonly signature?: string };

export interface ParsedGeminiTurn extends ParsedAnswer {
  readonly modelParts: readonly AnsweredPart[];
}

const signatureOf = (part: Record<string, unknown>): { signature?: string } => {
  const value = part['thoughtSignature'] ?? part['thought_signature'];
  return typeof value === 'string' && value.length > 0 ? { signature: value } : {};
};

/**
 * The answer as generation reads it, plus the model's parts in order with the signature each carried, so the
 * next turn can send them back. Images are counted exactly as `parseGeminiAnswer` collects them (thought parts
 * skipped, a data URI in a text part is an image), so `answerIndex` names the same image.
 */
export function parseGeminiEditAnswer(json: unknown): ParsedGeminiTurn {
  const parsed = parseGeminiAnswer(json);
  const answer = geminiAnswerSchema.parse(json);
  const modelParts: AnsweredPart[] = [];
  let images = 0;
  for (const candidate of answer.candidates ?? []) {
    for (const part of candidate.content?.parts ?? []) {
      if (part.thought) {
        continue;
      }
      const signature = signatureOf(part as Record<string, unknown>);
      if (part.inlineData ?? part.inline_data) {
        modelParts.push({ kind: 'image', answerIndex: images++, ...signature });
      } else if (part.text !== undefined && IMAGE_DATA_URI.test(part.text)) {
        modelParts.push({ kind: 'image', answerIndex: images++, ...signature });
      } else if (part.text !== undefined && (part.text.length > 0 || signature.signature !== undefined)) {
        modelParts.push({ kind: 'text', text: part.text, ...signature });
      }
    }
  }
  return { ...parsed, modelParts };
}
