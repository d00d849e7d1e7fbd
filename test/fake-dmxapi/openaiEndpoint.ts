import type { FileBehaviour } from './fileStore';
import type { GenerateContext } from './generateContext';
import { reduce, type OutputFormat } from './imageFactory';
import { checkOpenAiBody, type OpenAiModelRule } from './openaiRules';
import { openAiError, type Reply } from './replies';

/** `POST /v1/images/generations`, after auth: checks the body and answers as the real service does per model. */

const SAFETY_MESSAGE =
  'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.';

const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/** `auto` settings come back resolved, as OpenAI reports what it actually used. */
function gptImageFields(body: Record<string, unknown>): Record<string, unknown> {
  const size = str(body['size'], 'auto');
  const quality = str(body['quality'], 'auto');
  const background = str(body['background'], 'auto');
  const promptTokens = Math.ceil(str(body['prompt'], '').length / 4);
  const outputTokens = { low: 272, medium: 1056, high: 4160 }[quality === 'auto' ? 'medium' : quality] ?? 1056;
  const n = typeof body['n'] === 'number' ? body['n'] : 1;
  return {
    background: background === 'auto' ? 'opaque' : background,
    output_format: str(body['output_format'], 'png'),
    quality: quality === 'auto' ? 'medium' : quality,
    size: size === 'auto' ? '1024x1024' : size,
    usage: {
      input_tokens: promptTokens,
      input_tokens_details: { image_tokens: 0, text_tokens: promptTokens },
      output_tokens: outputTokens * n,
      total_tokens: promptTokens + outputTokens * n,
    },
  };
}

/** How the answer carries images: gpt-image always base64, gemini-2.5 always URL, the rest per `response_format`. */
function deliveryOf(rule: OpenAiModelRule, body: Record<string, unknown>): 'url' | 'b64_json' {
  if (rule.style === 'gpt-image') return 'b64_json';
  if (rule.style === 'gemini-2.5') return 'url';
  return str(body['response_format'], rule.defaultFormat ?? 'b64_json') as 'url' | 'b64_json';
}

export function answerOpenAi(rawBody: unknown, ctx: GenerateContext): Reply {
  const checked = checkOpenAiBody(rawBody);
  if (!checked.ok) return openAiError(checked.status, checked.problem);
  const { rule, body } = checked;

  const blocked = ctx.faults.take('generate', ['safetyFinish', 'promptBlocked']);
  if (blocked) {
    ctx.noteFault(blocked.kind);
    return openAiError(400, { message: SAFETY_MESSAGE, code: 'content_policy_violation' });
  }
  const created = Math.floor(Date.now() / 1000);
  const prompt = str(body['prompt'], '');
  const revisedPrompt = `A detailed rendering of: ${prompt}`;
  const textOnly = ctx.faults.take('generate', ['textOnly']);
  if (textOnly) {
    ctx.noteFault(textOnly.kind);
    return { status: 200, body: { created, data: [{ revised_prompt: revisedPrompt }] } };
  }

  const delivery = deliveryOf(rule, body);
  let behaviour: FileBehaviour = { kind: 'image' };
  if (delivery === 'url') {
    const urlFault = ctx.faults.take('generate', ['expiredUrl', 'urlNotImage']);
    if (urlFault) {
      ctx.noteFault(urlFault.kind);
      behaviour = urlFault.kind === 'expiredUrl' ? { kind: 'expired', status: urlFault.status ?? 404 } : { kind: 'html' };
    }
  }

  const [width, height] = rule.pixels(body);
  const format = (rule.style === 'gpt-image' ? str(body['output_format'], 'png') : 'png') as OutputFormat;
  const count = typeof body['n'] === 'number' ? body['n'] : 1;
  const data = Array.from({ length: count }, () => {
    const image = ctx.images.make(reduce(width, ctx.reduction), reduce(height, ctx.reduction), format);
    const item: Record<string, unknown> =
      delivery === 'url'
        ? { url: `${ctx.baseUrl}/files/${ctx.files.add(image, behaviour)}` }
        : { b64_json: ctx.images.base64(image) };
    if (rule.style === 'dall-e-3') item['revised_prompt'] = revisedPrompt;
    return item;
  });
  const extra = rule.style === 'gpt-image' ? gptImageFields(body) : {};
  return { status: 200, body: { created, data, ...extra } };
}
