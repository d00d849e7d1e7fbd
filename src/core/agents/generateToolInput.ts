import type { Catalog } from '../catalog/catalog';
import * as z from '../zod';

/**
 * The input of the "generate image" tool, the same for Copilot's language model tool and the MCP server: one
 * zod schema checks it, and `generateToolJsonSchema` describes it to models with the catalog's real model ids,
 * ratios and resolutions (package.json carries a copy, kept equal by a unit test).
 */

/** At most this many images per call: an agent should not spend more than a person would ask for at once. */
export const MAX_IMAGES_PER_CALL = 4;

export const generateToolInputSchema = z.object({
  prompt: z.string().check(z.trim(), z.minLength(1, 'the prompt is empty')),
  model: z.optional(z.string().check(z.trim(), z.minLength(1))),
  aspectRatio: z.optional(z.string().check(z.trim(), z.minLength(1))),
  resolution: z.optional(z.string().check(z.trim(), z.minLength(1))),
  count: z.optional(z.int().check(z.gte(1), z.lte(MAX_IMAGES_PER_CALL))),
  document: z.optional(z.string().check(z.trim(), z.minLength(1))),
});

export type GenerateToolInput = z.infer<typeof generateToolInputSchema>;

/** The input, or one English line naming the first field that is wrong. */
export function parseGenerateToolInput(raw: unknown): { ok: true; input: GenerateToolInput } | { ok: false; problem: string } {
  const parsed = generateToolInputSchema.safeParse(raw ?? {});
  if (parsed.success) {
    return { ok: true, input: parsed.data };
  }
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return { ok: false, problem: `${where}${first?.message ?? 'invalid input'}` };
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The JSON schema a language model sees, listing what the catalog offers. */
export function generateToolJsonSchema(catalog: Catalog) {
  const models = catalog.models;
  return {
    type: 'object',
    properties: {
      prompt: {
        type: 'string',
        description:
          'What the image shows, written as a prompt for an image model: subject, style, composition, colours, text to render. Keep the language the user wrote in.',
      },
      model: {
        type: 'string',
        enum: models.map((model) => model.id),
        description: 'DMXAPI image model id. Omit to use the model the user chose in settings.',
      },
      aspectRatio: {
        type: 'string',
        enum: unique(models.flatMap((model) => model.aspectRatios.map((ratio) => ratio.id))),
        description: 'Width:height. Omit to use the user\'s setting. A ratio the model lacks is replaced by its nearest one, and the result says so.',
      },
      resolution: {
        type: 'string',
        enum: unique(models.flatMap((model) => model.resolutions.map((resolution) => resolution.id))),
        description: 'Size class (1K is about 1024 pixels on the long side). Omit to use the user\'s setting.',
      },
      count: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_IMAGES_PER_CALL,
        description: 'How many images to generate (default 1). Each one is paid for.',
      },
      document: {
        type: 'string',
        description:
          'Workspace-relative path of the document the image is for (e.g. README.md or docs/guide.md). The image goes to that document\'s assets folder and the returned link is relative to it. Omit for the active editor\'s document.',
      },
    },
    required: ['prompt'],
    additionalProperties: false,
  };
}
