import type { Catalog } from '../catalog/catalog';
import type { ModelSpec } from '../catalog/modelSpec';
import * as z from '../zod';
import { MAX_IMAGES_PER_CALL } from './generateToolInput';
import { documentedTokensPerImage } from './tokenCosts';

/**
 * The input of the "edit image" tool, the same for Copilot's language model tool and the MCP server: one zod
 * schema checks it, `editToolJsonSchema` describes it with the ids of the models that edit (package.json carries
 * a copy, kept equal by a unit test), and `planEdit` says what a call will spend before anything is sent.
 */

export const editToolInputSchema = z.object({
  image: z.string().check(z.trim(), z.minLength(1, 'the image is empty')),
  instruction: z.string().check(z.trim(), z.minLength(1, 'the instruction is empty')),
  model: z.optional(z.string().check(z.trim(), z.minLength(1))),
  aspectRatio: z.optional(z.string().check(z.trim(), z.minLength(1))),
  resolution: z.optional(z.string().check(z.trim(), z.minLength(1))),
  count: z.optional(z.int().check(z.gte(1), z.lte(MAX_IMAGES_PER_CALL))),
  document: z.optional(z.string().check(z.trim(), z.minLength(1))),
});

export type EditToolInput = z.infer<typeof editToolInputSchema>;

export function parseEditToolInput(raw: unknown): { ok: true; input: EditToolInput } | { ok: false; problem: string } {
  const parsed = editToolInputSchema.safeParse(raw ?? {});
  if (parsed.success) {
    return { ok: true, input: parsed.data };
  }
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return { ok: false, problem: `${where}${first?.message ?? 'invalid input'}` };
}

/** The models that edit images, in catalog order. */
export function editModels(catalog: Catalog): ModelSpec[] {
  return catalog.models.filter((model) => model.edit !== undefined);
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** The JSON schema a language model sees, listing the models that edit and what they offer. */
export function editToolJsonSchema(catalog: Catalog) {
  const models = editModels(catalog);
  return {
    type: 'object',
    properties: {
      image: {
        type: 'string',
        description: 'Workspace-relative path of the image file to edit (e.g. assets/cat.png). The edited image is saved next to it as a new version (cat-v2.png); the file itself is never changed.',
      },
      instruction: {
        type: 'string',
        description: 'What to change, as an instruction to the image model ("make the sky a sunset", "remove the text"). Keep the language the user wrote in.',
      },
      model: {
        type: 'string',
        enum: models.map((model) => model.id),
        description: 'DMXAPI model id that edits images. Omit to use the model the user chose in settings if it edits, else the first one listed.',
      },
      aspectRatio: {
        type: 'string',
        enum: unique(models.flatMap((model) => model.aspectRatios.map((ratio) => ratio.id))),
        description: 'Width:height of the result. Omit to keep the shape of the image.',
      },
      resolution: {
        type: 'string',
        enum: unique(models.flatMap((model) => model.resolutions.map((resolution) => resolution.id))),
        description: 'Size class of the result. Omit to let the model keep the image\'s size.',
      },
      count: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_IMAGES_PER_CALL,
        description: 'How many versions to make (default 1). Each one is paid for.',
      },
      document: {
        type: 'string',
        description: 'Workspace-relative path of the document that links the image (e.g. README.md). The result gives the link to the new version relative to it. Omit for the active editor\'s document.',
      },
    },
    required: ['image', 'instruction'],
    additionalProperties: false,
  };
}

/** What an edit call will ask for and spend, known before anything is sent. */
export interface EditPlan {
  readonly model: ModelSpec;
  readonly instruction: string;
  readonly count: number;
  /** Absent: not sent, the model keeps the image's shape and size. */
  readonly aspectRatio?: string;
  readonly resolution?: string;
  readonly tokensPerImage: number | undefined;
}

/**
 * The model to use: the one asked for (which must edit: else the catalog's `cannotEdit` check refuses it when
 * the edit is validated), else `defaultModel` if it edits, else the first model that does.
 */
export function planEdit(catalog: Catalog, input: EditToolInput, defaultModel: string | undefined): EditPlan {
  const fallback = defaultModel && catalog.find(defaultModel)?.edit ? defaultModel : editModels(catalog)[0]?.id;
  const model = catalog.require(input.model ?? fallback ?? '');
  return {
    model,
    instruction: input.instruction,
    count: input.count ?? 1,
    ...(input.aspectRatio ? { aspectRatio: input.aspectRatio } : {}),
    ...(input.resolution ? { resolution: input.resolution } : {}),
    tokensPerImage: documentedTokensPerImage(model.id, input.resolution ?? model.defaults.resolution),
  };
}

/** One saved version as an agent needs it. */
export interface ReportedVersion {
  /** Relative to the workspace folder, `/`-separated. */
  readonly workspacePath: string;
  /** The link to put in the document, in its own syntax, relative to it. */
  readonly link: string;
  readonly width?: number;
  readonly height?: number;
}

/** The text a language model reads after an edit: where the versions are, the link to use, any fallback. */
export function editReportText(report: {
  readonly model: string;
  readonly source: string;
  readonly versions: readonly ReportedVersion[];
  readonly document?: string;
  readonly texts: readonly string[];
  readonly notice?: string;
}): string {
  const { versions } = report;
  const lines = [`Edited ${report.source} with ${report.model} and saved ${versions.length} new version${versions.length === 1 ? '' : 's'} next to it (the original is unchanged):`];
  for (const version of versions) {
    const size = version.width && version.height ? ` (${version.width}×${version.height} px)` : '';
    lines.push(`- ${version.workspacePath}${size}`);
  }
  lines.push(
    report.document
      ? `Image link for ${report.document} (relative to it; replace the link to ${report.source} with it yourself, nothing was changed in the document):`
      : 'Markdown image link (workspace-rooted, as no document was given; nothing was inserted):',
  );
  lines.push(...versions.map((version) => version.link));
  if (report.notice) {
    lines.push(report.notice);
  }
  if (report.texts.length > 0) {
    lines.push(`The image model also said: ${report.texts.join('\n')}`);
  }
  return lines.join('\n');
}
