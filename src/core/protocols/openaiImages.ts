import * as z from '../zod';
import { apiModelName } from '../catalog/modelSpec';
import { DmxApiError } from '../errors';
import { toDataUri } from '../imageBytes';
import type { ResolvedRequest } from '../validation';
import type { AnswerImage, ParsedAnswer, ProtocolAdapter, WireRequest } from './protocol';
import { apiRoot, placeModelFields, setByPath, type JsonObject } from './wireFields';

/** OpenAI-style `POST /v1/images/generations`, which DMXAPI serves for GPT Image, DALL·E and some Gemini models. */

export const OPENAI_IMAGES_PATH = '/v1/images/generations';

export function buildOpenAiImagesBody(request: ResolvedRequest): JsonObject {
  const { model } = request;
  const body: JsonObject = { model: apiModelName(model), prompt: request.prompt };
  if (model.n.field) {
    setByPath(body, model.n.field, request.count);
  }
  placeModelFields(body, request);
  if (request.references.length > 0) {
    if (!model.references.field) {
      // parseCustomModels refuses such entries; a built-in never has one.
      throw new Error(`model ${model.id} takes reference images but names no body field for them`);
    }
    setByPath(body, model.references.field, request.references.map((ref) => toDataUri(ref.bytes, ref.mimeType)));
  }
  return body;
}

export function buildOpenAiImagesRequest(request: ResolvedRequest, baseUrl: string, apiKey: string): WireRequest {
  return {
    url: apiRoot(baseUrl) + OPENAI_IMAGES_PATH,
    path: OPENAI_IMAGES_PATH,
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(buildOpenAiImagesBody(request)),
  };
}

const imageItemSchema = z.looseObject({
  b64_json: z.nullish(z.string()),
  url: z.nullish(z.string()),
  revised_prompt: z.nullish(z.string()),
});

export const openAiImagesAnswerSchema = z.looseObject({
  created: z.optional(z.number()),
  data: z.array(imageItemSchema),
});

function toAnswerImage(item: z.infer<typeof imageItemSchema>): AnswerImage | undefined {
  const revised = item.revised_prompt ? { revisedPrompt: item.revised_prompt } : {};
  if (item.b64_json) {
    return { kind: 'base64', data: item.b64_json, ...revised };
  }
  if (item.url) {
    // Some gateways put a data URI where the URL goes; it decodes like b64_json.
    return item.url.startsWith('data:') ? { kind: 'base64', data: item.url, ...revised } : { kind: 'url', url: item.url, ...revised };
  }
  return undefined;
}

export function parseOpenAiImagesAnswer(json: unknown): ParsedAnswer {
  const parsed = openAiImagesAnswerSchema.safeParse(json);
  if (!parsed.success) {
    throw new DmxApiError({ kind: 'malformedResponse', detail: `not an images answer: ${z.prettifyError(parsed.error)}` });
  }
  const images = parsed.data.data.map(toAnswerImage).filter((image) => image !== undefined);
  if (images.length === 0) {
    // An item with only `revised_prompt` is the model answering in words: report them, as Gemini's text parts.
    const texts = parsed.data.data.flatMap((item) => (item.revised_prompt ? [item.revised_prompt] : []));
    throw new DmxApiError({ kind: 'noImage', texts });
  }
  return { images, texts: [] };
}

export const openAiImagesProtocol: ProtocolAdapter = {
  buildRequest: buildOpenAiImagesRequest,
  parseAnswer: parseOpenAiImagesAnswer,
};
