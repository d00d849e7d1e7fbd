import { randomBytes } from 'node:crypto';
import type { Problem } from './checks';
import { checkGeminiBody, GEMINI_MODELS, type GeminiRequest, type ModelPartSent } from './geminiRules';
import type { GenerateContext } from './generateContext';
import { reduce } from './imageFactory';
import { googleError, type Reply } from './replies';

/** `POST /v1beta/models/{model}:generateContent`, after auth: answers in Google's GenerateContentResponse shape. */

function problemMessage(problem: Problem): string {
  if (problem.code === 'unknown_parameter') return `Invalid JSON payload received. Unknown name "${problem.param}": Cannot find field.`;
  return problem.param ? `Invalid value at '${problem.param}': ${problem.message}` : problem.message;
}

const responseId = (): string => randomBytes(12).toString('base64url');

const reducedSize = ([width, height]: readonly [number, number], divisor: number): [number, number] => [reduce(width, divisor), reduce(height, divisor)];

/**
 * An edit that names no aspect ratio keeps its image's shape: the last image of the conversation, at its own
 * (already reduced) size when it is a PNG we can measure.
 */
function editedSize(request: GeminiRequest): [number, number] | undefined {
  const image = request.lastImage;
  if (request.ratioGiven || !image || image.length < 24 || image.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return [image.readUInt32BE(16), image.readUInt32BE(20)];
}

/**
 * …-duolun.md: each model part is sent back with the thoughtSignature it came with ("需原样回传"). Google refuses a
 * model image part without one and a signature it did not give for that part; so does the fake.
 */
function signatureProblem(parts: readonly ModelPartSent[], ctx: GenerateContext): string | undefined {
  for (const part of parts) {
    const where = `content position ${part.content_at}, part position ${part.part_at}`;
    if (part.signature === undefined) {
      return `${part.kind === 'image' ? 'Image' : 'Text'} part is missing a thought_signature in ${where}. Send back every part of the model's turn with the thoughtSignature it came with.`;
    }
    if (!ctx.signatures.matches(part.signature, part.kind, part.content)) {
      return `Corrupted thought signature in ${where}: it was not given for this part.`;
    }
  }
  return undefined;
}

export function answerGemini(model: string, rawBody: unknown, ctx: GenerateContext): Reply {
  const rule = Object.hasOwn(GEMINI_MODELS, model) ? GEMINI_MODELS[model] : undefined;
  if (!rule) {
    return googleError(
      404,
      `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    );
  }
  const checked = checkGeminiBody(rawBody, rule);
  if (!checked.ok) return googleError(400, problemMessage(checked.problem));
  const { request } = checked;
  const refused = rule.signatures ? signatureProblem(request.modelParts, ctx) : undefined;
  if (refused) return googleError(400, refused);

  const promptTokens = Math.ceil(request.prompt.length / 4) + request.referenceImages * 258;
  const imageTokens = rule.tokens[request.resolution] ?? 1120;
  const textTokens = request.wantsText ? 24 : 0;
  const usage = (candidates: number) => ({
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: promptTokens + candidates,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
  });
  const envelope = { modelVersion: model, responseId: responseId() };

  const fault = ctx.faults.take('generate', ['safetyFinish', 'promptBlocked', 'textOnly', 'imageInTextPart']);
  if (fault) ctx.noteFault(fault.kind);
  if (fault?.kind === 'promptBlocked') {
    return { status: 200, body: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: usage(0), ...envelope } };
  }
  if (fault?.kind === 'safetyFinish') {
    const candidate = { finishReason: 'IMAGE_SAFETY', finishMessage: 'Unable to show the generated image: it may violate our policies.', index: 0 };
    return { status: 200, body: { candidates: [candidate], usageMetadata: usage(0), ...envelope } };
  }
  if (fault?.kind === 'textOnly') {
    const parts = [{ text: `I can describe it, but I could not draw: ${request.prompt.slice(0, 80)}` }];
    const candidate = { content: { role: 'model', parts }, finishReason: 'STOP', index: 0 };
    return { status: 200, body: { candidates: [candidate], usageMetadata: usage(textTokens), ...envelope } };
  }

  const [width, height] = editedSize(request) ?? reducedSize(rule.table.get(request.ratio)!.get(request.resolution)!, ctx.reduction);
  const image = ctx.images.make(width, height, 'png');
  const parts: Array<Record<string, unknown>> = [];
  if (request.wantsText) parts.push({ text: `Here is an image for: ${request.prompt.slice(0, 80)}` });
  const data = ctx.images.base64(image);
  parts.push(fault?.kind === 'imageInTextPart' ? { text: `data:${image.mimeType};base64,${data}` } : { inlineData: { mimeType: image.mimeType, data } });
  if (rule.signatures) {
    for (const part of parts) {
      const inline = part['inlineData'] as { data: string } | undefined;
      part['thoughtSignature'] = inline ? ctx.signatures.issue('image', inline.data) : ctx.signatures.issue('text', part['text'] as string);
    }
  }
  const candidate = { content: { role: 'model', parts }, finishReason: 'STOP', index: 0 };
  const body = {
    candidates: [candidate],
    usageMetadata: {
      ...usage(imageTokens + textTokens),
      candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: imageTokens }],
    },
    ...envelope,
  };
  return { status: 200, body };
}
