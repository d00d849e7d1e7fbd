import { encodeBase64 } from '../imageBytes';
import type { ImageMime } from '../types';

/**
 * A Gemini editing conversation as it is sent (gemini-3.1-flash-image-preview-duolun.md, img-3pro-duolun.md):
 * the user's turns (texts, images) and the model's turns (texts, images), each model part with the
 * `thoughtSignature` it came with. Every turn resends all earlier ones unchanged, then the new instruction; a
 * model part without its signature, or with another, is refused by the service.
 */

export type ConversationPart =
  | { readonly kind: 'text'; readonly text: string; readonly signature?: string }
  | { readonly kind: 'image'; readonly bytes: Uint8Array; readonly mimeType: ImageMime; readonly signature?: string };

export interface ConversationTurn {
  readonly role: 'user' | 'model';
  readonly parts: readonly ConversationPart[];
}

/** The earlier turns, oldest first, alternating user and model. */
export type Conversation = readonly ConversationTurn[];

/** One part in `generateContent`'s shape; the signature sits beside the text or the inlineData, as the pages show. */
function wirePart(part: ConversationPart): Record<string, unknown> {
  const content = part.kind === 'text' ? { text: part.text } : { inlineData: { mimeType: part.mimeType, data: encodeBase64(part.bytes) } };
  return part.signature === undefined ? content : { ...content, thoughtSignature: part.signature };
}

/** `contents` for the request: every earlier turn as it was, then the new user turn. */
export function geminiContents(conversation: Conversation, next: ConversationTurn): Array<Record<string, unknown>> {
  return [...conversation, next].map((turn) => ({ role: turn.role, parts: turn.parts.map(wirePart) }));
}
