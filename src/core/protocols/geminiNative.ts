import * as z from '../zod';
import { apiModelName } from '../catalog/modelSpec';
import { DmxApiError } from '../errors';
import { encodeBase64 } from '../imageBytes';
import type { ResolvedRequest } from '../validation';
import type { AnswerImage, ParsedAnswer, ProtocolAdapter, WireRequest } from './protocol';
import { apiRoot, placeModelFields, type JsonObject } from './wireFields';

/** Google's native `generateContent`, which DMXAPI proxies under the same path for Gemini image models. */

export const geminiPath = (modelId: string): string => `/v1beta/models/${modelId}:generateContent`;

export function buildGeminiBody(request: ResolvedRequest): JsonObject {
  const references = request.references.map((ref) => ({ inlineData: { mimeType: ref.mimeType, data: encodeBase64(ref.bytes) } }));
  const body: JsonObject = {
    contents: [{ role: 'user', parts: [{ text: request.prompt }, ...references] }],
    generationConfig: {},
  };
  placeModelFields(body, request);
  return body;
}

export function buildGeminiRequest(request: ResolvedRequest, baseUrl: string, apiKey: string): WireRequest {
  const path = geminiPath(apiModelName(request.model));
  return {
    url: apiRoot(baseUrl) + path,
    path,
    headers: { 'x-goog-api-key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(buildGeminiBody(request)),
  };
}

const inlineDataSchema = z.looseObject({
  mimeType: z.optional(z.string()),
  mime_type: z.optional(z.string()),
  data: z.string(),
});

const partSchema = z.looseObject({
  text: z.optional(z.string()),
  thought: z.optional(z.boolean()),
  inlineData: z.optional(inlineDataSchema),
  inline_data: z.optional(inlineDataSchema),
});

const candidateSchema = z.looseObject({
  content: z.optional(z.looseObject({ parts: z.optional(z.array(partSchema)) })),
  finishReason: z.optional(z.string()),
  finish_reason: z.optional(z.string()),
});

export const geminiAnswerSchema = z.looseObject({
  candidates: z.optional(z.array(candidateSchema)),
  promptFeedback: z.optional(z.looseObject({ blockReason: z.optional(z.string()) })),
  prompt_feedback: z.optional(z.looseObject({ block_reason: z.optional(z.string()) })),
});

/** Finish reasons that mean a filter stopped the image, as opposed to the model choosing to answer in words. */
const SAFETY_REASONS: ReadonlySet<string> = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'RECITATION',
  'IMAGE_RECITATION',
  'SPII',
]);

export const IMAGE_DATA_URI = /^data:image\/[\w.+-]+(;[^,;]*)*;base64,/;

type GeminiAnswer = z.infer<typeof geminiAnswerSchema>;

/** Images and words in candidate order; thought parts (the model's drafts, text or image) are skipped. */
function collectParts(answer: GeminiAnswer): { images: AnswerImage[]; texts: string[]; reasons: string[] } {
  const images: AnswerImage[] = [];
  const texts: string[] = [];
  const reasons: string[] = [];
  for (const candidate of answer.candidates ?? []) {
    const reason = candidate.finishReason ?? candidate.finish_reason;
    if (reason) {
      reasons.push(reason);
    }
    for (const part of candidate.content?.parts ?? []) {
      if (part.thought) {
        continue;
      }
      const inline = part.inlineData ?? part.inline_data;
      if (inline) {
        images.push({ kind: 'base64', data: inline.data });
      } else if (part.text !== undefined && IMAGE_DATA_URI.test(part.text)) {
        // gemini-3-pro-image sometimes writes the image into a text part as a data URI.
        images.push({ kind: 'base64', data: part.text });
      } else if (part.text !== undefined && part.text.length > 0) {
        texts.push(part.text);
      }
    }
  }
  return { images, texts, reasons };
}

export function parseGeminiAnswer(json: unknown): ParsedAnswer {
  const parsed = geminiAnswerSchema.safeParse(json);
  if (!parsed.success) {
    throw new DmxApiError({ kind: 'malformedResponse', detail: `not a generateContent answer: ${z.prettifyError(parsed.error)}` });
  }
  const blockReason = parsed.data.promptFeedback?.blockReason ?? parsed.data.prompt_feedback?.block_reason;
  if (blockReason) {
    throw new DmxApiError({ kind: 'safetyBlocked', reason: blockReason });
  }
  const { images, texts, reasons } = collectParts(parsed.data);
  if (images.length > 0) {
    return { images, texts };
  }
  const safetyReason = reasons.find((reason) => SAFETY_REASONS.has(reason));
  if (safetyReason) {
    throw new DmxApiError({ kind: 'safetyBlocked', reason: safetyReason, texts });
  }
  throw new DmxApiError({ kind: 'noImage', texts, ...(reasons[0] ? { finishReason: reasons[0] } : {}) });
}

export const geminiNativeProtocol: ProtocolAdapter = {
  buildRequest: buildGeminiRequest,
  parseAnswer: parseGeminiAnswer,
};
