import type { Catalog } from '../catalog/catalog';
import { sendAndRead, withKeyScrubbed, type AnswerRead, type EngineConfig } from '../engine';
import { scrubSecret } from '../errors';
import type { HttpRequest } from '../http/httpClient';
import { buildGeminiEditRequest, parseGeminiEditAnswer, userTurnOf, type ParsedGeminiTurn } from '../protocols/geminiEdit';
import { buildOpenAiEditsRequest, parseOpenAiEditsAnswer } from '../protocols/openaiEdits';
import type { ConversationPart } from './conversation';
import { resolveEdit, type EditRequest, type EditResult, type EditTurn, type ResolvedEdit } from './editRequest';

/**
 * The core entry point of an edit, as `generateImages` is of a generation: validates (a request with issues is
 * never sent), builds the request for the model's edit protocol, and reads the answer through the same path
 * (streaming, downloads, sniffing, errors). Failures are `DmxApiError`s; nothing in the result or an error holds
 * the key. For a model with `edit.conversation`, the result carries the turn to keep with the images.
 */
export async function editImages(catalog: Catalog, request: EditRequest, config: EngineConfig): Promise<EditResult> {
  return withKeyScrubbed(config, () => edit(catalog, request, config));
}

function requestOf(edit: ResolvedEdit, config: EngineConfig): HttpRequest {
  const wire =
    edit.edit.protocol === 'openai-edits'
      ? buildOpenAiEditsRequest(edit, config.baseUrl, config.apiKey)
      : buildGeminiEditRequest(edit, config.baseUrl, config.apiKey);
  return { method: 'POST', url: wire.url, logName: wire.path, headers: wire.headers, body: wire.body };
}

/** The model's parts with the images that arrived in place of their answer positions; a lost image is left out. */
function modelTurnOf(read: AnswerRead<ParsedGeminiTurn>, secret: string): ConversationPart[] {
  const parts: ConversationPart[] = [];
  for (const part of read.parsed.modelParts) {
    const signature = part.signature === undefined ? {} : { signature: part.signature };
    if (part.kind === 'text') {
      parts.push({ kind: 'text', text: scrubSecret(part.text, secret), ...signature });
      continue;
    }
    const arrived = read.arrivedIndexes.indexOf(part.answerIndex);
    const image = arrived < 0 ? undefined : read.images[arrived];
    if (image) {
      parts.push({ kind: 'image', bytes: image.bytes, mimeType: image.mimeType, ...signature });
    }
  }
  return parts;
}

async function edit(catalog: Catalog, request: EditRequest, config: EngineConfig): Promise<EditResult> {
  const resolved = resolveEdit(catalog, request);
  const { model } = resolved;
  const post = requestOf(resolved, config);
  const turns = resolved.conversation.length;
  config.log?.(
    `edit ${model.id} with ${resolved.images.length} image(s)${resolved.mask ? ' and a mask' : ''}${turns ? ` after ${turns} turn(s)` : ''} (${resolved.edit.protocol})`,
  );
  if (resolved.edit.protocol === 'openai-edits') {
    const { parsed, images, failures, elapsedMs } = await sendAndRead(post, parseOpenAiEditsAnswer, config);
    return { model: model.id, images, texts: parsed.texts, elapsedMs, failures };
  }
  const read = await sendAndRead(post, parseGeminiEditAnswer, config);
  const result = { model: model.id, images: read.images, texts: read.parsed.texts, elapsedMs: read.elapsedMs, failures: read.failures };
  if (!resolved.edit.conversation) {
    return result;
  }
  const turn: EditTurn = { continues: turns > 0, user: userTurnOf(resolved).parts, model: modelTurnOf(read, config.apiKey) };
  return { ...result, turn };
}
