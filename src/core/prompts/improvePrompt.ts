import type { ModelSpec } from '../catalog/modelSpec';
import type { ChatMessage } from '../protocols/chatCompletions';

/** The chat model that rewrites prompts unless the user picks another: the small model of dmxapi-docs/kaishi.md. */
export const DEFAULT_PROMPT_MODEL = 'gpt-5-mini';

/** How each protocol's models read prompts best, as their documents' examples write them. */
function styleFor(model: ModelSpec): string {
  return model.protocol === 'gemini-native'
    ? 'Gemini image models follow full, descriptive sentences well, including text to render in quotes and camera or lighting terms.'
    : 'This model follows a clear, concrete description: subject first, then setting, style, composition, lighting and colours.';
}

/**
 * The messages that ask a chat model to rewrite `prompt` for `model`. The answer is the prompt itself (it is
 * streamed straight into the prompt box), in the user's own language, within the model's length limit.
 */
export function improvePromptMessages(prompt: string, model: ModelSpec): ChatMessage[] {
  const limit = Math.min(model.promptMaxLength, 1500);
  const system = [
    `You improve prompts for the image generation model ${model.label} (${model.id}).`,
    styleFor(model),
    'Rewrite the user\'s prompt so the model produces a better image: keep every subject, object, text to render and constraint the user gave, and add concrete visual detail (composition, setting, lighting, style, colour, medium) where the prompt leaves it open.',
    'Answer in the same language as the user\'s prompt (a Chinese prompt gets a Chinese answer).',
    `Reply with the improved prompt only: no preamble, no quotes, no Markdown, no explanation, at most ${limit} characters.`,
  ].join(' ');
  return [
    { role: 'system', content: system },
    { role: 'user', content: prompt },
  ];
}

/** The answer as a prompt: stray wrapping quotes or a code fence some models add are taken off. */
export function cleanImprovedPrompt(answer: string): string {
  let text = answer.trim();
  const fenced = /^```[^\n]*\n([\s\S]*?)\n?```$/.exec(text);
  if (fenced) {
    text = fenced[1]!.trim();
  }
  const quoted = /^(["'“「])([\s\S]*)(["'”」])$/.exec(text);
  return quoted ? quoted[2]!.trim() : text;
}
