import * as z from '../zod';

/**
 * The shape of one model in the catalog. Everything a request builder, the fake server's checks or the UI
 * needs to know about a model is data here, so a model of an existing protocol is one entry and no code.
 * The same schema validates `dmxapi.customModels` from the user's settings.
 */

export const protocolSchema = z.enum(['openai-images', 'gemini-native']);
export type Protocol = z.infer<typeof protocolSchema>;

/** Any JSON value, as sent on the wire. */
const jsonValue: z.ZodMiniType<unknown> = z.json();

/** Makes an option or a choice apply only while other options hold one of the listed choice ids. */
const whenSchema = z.record(z.string(), z.array(z.string()).check(z.minLength(1)));

/** One allowed value of an option: `id` is what settings and the UI use, `wire` what the API gets (omitted when absent). */
export const choiceSchema = z.object({
  id: z.string().check(z.minLength(1)),
  label: z.optional(z.string()),
  wire: z.optional(jsonValue),
  when: z.optional(whenSchema),
});
export type Choice = z.infer<typeof choiceSchema>;

const optionBase = {
  /** Stable id used in settings, messages and image metadata. */
  id: z.string().check(z.minLength(1)),
  /** English label; the extension translates it. */
  label: z.string().check(z.minLength(1)),
  /** Dot path in the request body where the wire value goes, e.g. `quality` or `generationConfig.responseModalities`. */
  field: z.string().check(z.minLength(1)),
  when: z.optional(whenSchema),
};

export const enumOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('enum'),
  choices: z.array(choiceSchema).check(z.minLength(1)),
  default: z.string(),
});

export const integerOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('integer'),
  min: z.int(),
  max: z.int(),
  /** Absent: the field is omitted unless the user sets a value. */
  default: z.optional(z.int()),
});

export const optionSchema = z.discriminatedUnion('kind', [enumOptionSchema, integerOptionSchema]);
export type EnumOption = z.infer<typeof enumOptionSchema>;
export type IntegerOption = z.infer<typeof integerOptionSchema>;
export type ModelOption = z.infer<typeof optionSchema>;

/** A ratio or resolution the model offers, with the value sent for it. */
export const axisValueSchema = z.object({ id: z.string().check(z.minLength(1)), wire: z.string().check(z.minLength(1)) });
export type AxisValue = z.infer<typeof axisValueSchema>;

/** One cell of the seeds' pixel tables. `width`/`height` are null where the server decides (`auto`). */
export const sizeCellSchema = z.object({
  ratio: z.string(),
  resolution: z.string(),
  width: z.nullable(z.int().check(z.positive())),
  height: z.nullable(z.int().check(z.positive())),
  /** The pixel-size wire value, for models whose `size` field names pixels (`1024x1536`). */
  wire: z.optional(z.string()),
});
export type SizeCell = z.infer<typeof sizeCellSchema>;

/**
 * How a model edits images, where it does (absent: it does not). `openai-edits` is `POST /v1/images/edits` with
 * a multipart/form-data body; `gemini-native` is `generateContent` with the instruction and the images as
 * `inlineData` parts. Limits are the pages' own; `maxBytes` is per image and a file must stay below it.
 */
export const editProtocolSchema = z.enum(['openai-edits', 'gemini-native']);
export type EditProtocol = z.infer<typeof editProtocolSchema>;

const editImageMimeSchema = z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

export const editSpecSchema = z.object({
  protocol: editProtocolSchema,
  /** Input images one request may carry (the source first, then any others). */
  maxImages: z.int().check(z.gte(1)),
  /** Each input image must be smaller than this many bytes. */
  maxBytes: z.int().check(z.positive()),
  /** The input types the page accepts. */
  formats: z.array(editImageMimeSchema).check(z.minLength(1)),
  /**
   * A mask with an alpha channel, applied to the first image: the same pixel size and format as it, smaller than
   * `maxBytes`. Absent: the model takes no mask.
   */
  mask: z.optional(z.object({ maxBytes: z.int().check(z.positive()), field: z.string().check(z.minLength(1)) })),
  /** The multipart field of each input image (`image`, repeated); openai-edits only. */
  imageField: z._default(z.string(), 'image'),
  /** Multi-turn editing: each turn resends the earlier ones with the model's `thoughtSignature`s. */
  conversation: z._default(z.boolean(), false),
  /** The edit page's count field, where it differs from generation's (absent: generation's `n`). */
  n: z.optional(z.object({ max: z.int().check(z.gte(1)), field: z.optional(z.string()) })),
  /** The edit page's options, where they differ from generation's (absent: generation's options). */
  options: z.optional(z.array(optionSchema)),
});
export type EditSpec = z.infer<typeof editSpecSchema>;

export const modelSpecSchema = z
  .object({
    /** The catalog's name for the entry, used in settings and metadata; also the model name sent, unless `apiModel` says otherwise. */
    id: z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9._:-]+$/, 'a model id is letters, digits, dots, dashes, colons')),
    /**
     * The model name DMXAPI gets, where it differs from `id`: one DMXAPI model reached by two endpoints is two
     * entries (`gemini-2.5-flash-image` and `gemini-2.5-flash-image:generateContent`) sending the same name.
     */
    apiModel: z.optional(z.string().check(z.minLength(1), z.regex(/^[A-Za-z0-9._-]+$/, 'a model name is letters, digits, dots, dashes'))),
    /** DMXAPI's current name for this model, where it renamed or replaced it; pickers list that one first and mark this one as older. */
    replacedBy: z.optional(z.string().check(z.minLength(1))),
    label: z.string().check(z.minLength(1)),
    aliases: z._default(z.array(z.string()), []),
    protocol: protocolSchema,
    /** One English line on what the model is good at; translated by the extension. */
    summary: z._default(z.string(), ''),
    promptMaxLength: z.int().check(z.positive()),
    /** How many images one request may ask for, and the body field that carries the count (absent: not sent). */
    n: z.object({ max: z.int().check(z.gte(1)), field: z.optional(z.string()) }),
    aspectRatios: z.array(axisValueSchema).check(z.minLength(1)),
    resolutions: z.array(axisValueSchema).check(z.minLength(1)),
    sizes: z.array(sizeCellSchema).check(z.minLength(1)),
    /**
     * Where ratio and resolution go in the body: dot path → template with `{ratio}`, `{resolution}` or `{size}`
     * (the size cell's own wire value), replaced by wire values.
     */
    sizeFields: z.record(z.string(), z.string()),
    defaults: z.object({ ratio: z.string(), resolution: z.string() }),
    /** Reference images: how many the model takes (0: none), and the byte limit per image. */
    references: z._default(
      z.object({ max: z.int().check(z.gte(0)), maxBytes: z.int().check(z.positive()), field: z.optional(z.string()) }),
      { max: 0, maxBytes: 1 },
    ),
    options: z._default(z.array(optionSchema), []),
    /** Image editing, where the model offers it (see `editSpecSchema`). */
    edit: z.optional(editSpecSchema),
  })
  .check(
    z.superRefine((model, ctx) => {
      const ratios = new Set(model.aspectRatios.map((r) => r.id));
      const resolutions = new Set(model.resolutions.map((r) => r.id));
      for (const cell of model.sizes) {
        if (!ratios.has(cell.ratio) || !resolutions.has(cell.resolution)) {
          ctx.addIssue({ code: 'custom', path: ['sizes'], message: `size cell ${cell.ratio} × ${cell.resolution} names an unknown ratio or resolution` });
        }
      }
      if (!ratios.has(model.defaults.ratio)) {
        ctx.addIssue({ code: 'custom', path: ['defaults', 'ratio'], message: `default ratio ${model.defaults.ratio} is not one of the model's ratios` });
      }
      if (!resolutions.has(model.defaults.resolution)) {
        ctx.addIssue({ code: 'custom', path: ['defaults', 'resolution'], message: `default resolution ${model.defaults.resolution} is not one of the model's resolutions` });
      }
      for (const option of model.options) {
        if (option.kind === 'enum' && !option.choices.some((c) => c.id === option.default)) {
          ctx.addIssue({ code: 'custom', path: ['options'], message: `option ${option.id}: default ${option.default} is not one of its choices` });
        }
      }
    }),
  );

export type ModelSpec = z.infer<typeof modelSpecSchema>;

/** The model name a request carries. */
export const apiModelName = (model: Pick<ModelSpec, 'id' | 'apiModel'>): string => model.apiModel ?? model.id;
