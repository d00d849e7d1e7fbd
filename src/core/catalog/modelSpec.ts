import { z } from 'zod';

/**
 * The shape of one model in the catalog. Everything a request builder, the fake server's checks or the UI
 * needs to know about a model is data here, so a model of an existing protocol is one entry and no code.
 * The same schema validates `dmxapi.customModels` from the user's settings.
 */

export const protocolSchema = z.enum(['openai-images', 'gemini-native']);
export type Protocol = z.infer<typeof protocolSchema>;

/** Any JSON value, as sent on the wire. */
const jsonValue: z.ZodType<unknown> = z.json();

/** Makes an option or a choice apply only while other options hold one of the listed choice ids. */
const whenSchema = z.record(z.string(), z.array(z.string()).min(1));

/** One allowed value of an option: `id` is what settings and the UI use, `wire` what the API gets (omitted when absent). */
export const choiceSchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  wire: jsonValue.optional(),
  when: whenSchema.optional(),
});
export type Choice = z.infer<typeof choiceSchema>;

const optionBase = {
  /** Stable id used in settings, messages and image metadata. */
  id: z.string().min(1),
  /** English label; the extension translates it. */
  label: z.string().min(1),
  /** Dot path in the request body where the wire value goes, e.g. `quality` or `generationConfig.responseModalities`. */
  field: z.string().min(1),
  when: whenSchema.optional(),
};

export const enumOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('enum'),
  choices: z.array(choiceSchema).min(1),
  default: z.string(),
});

export const integerOptionSchema = z.object({
  ...optionBase,
  kind: z.literal('integer'),
  min: z.number().int(),
  max: z.number().int(),
  /** Absent: the field is omitted unless the user sets a value. */
  default: z.number().int().optional(),
});

export const optionSchema = z.discriminatedUnion('kind', [enumOptionSchema, integerOptionSchema]);
export type EnumOption = z.infer<typeof enumOptionSchema>;
export type IntegerOption = z.infer<typeof integerOptionSchema>;
export type ModelOption = z.infer<typeof optionSchema>;

/** A ratio or resolution the model offers, with the value sent for it. */
export const axisValueSchema = z.object({ id: z.string().min(1), wire: z.string().min(1) });
export type AxisValue = z.infer<typeof axisValueSchema>;

/** One cell of the seeds' pixel tables. `width`/`height` are null where the server decides (`auto`). */
export const sizeCellSchema = z.object({
  ratio: z.string(),
  resolution: z.string(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  /** The pixel-size wire value, for models whose `size` field names pixels (`1024x1536`). */
  wire: z.string().optional(),
});
export type SizeCell = z.infer<typeof sizeCellSchema>;

export const modelSpecSchema = z
  .object({
    /** The model name sent on the wire. */
    id: z.string().min(1).regex(/^[A-Za-z0-9._:-]+$/, 'a model id is letters, digits, dots, dashes, colons'),
    label: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    protocol: protocolSchema,
    /** One English line on what the model is good at; translated by the extension. */
    summary: z.string().default(''),
    promptMaxLength: z.number().int().positive(),
    /** How many images one request may ask for, and the body field that carries the count (absent: not sent). */
    n: z.object({ max: z.number().int().min(1), field: z.string().optional() }),
    aspectRatios: z.array(axisValueSchema).min(1),
    resolutions: z.array(axisValueSchema).min(1),
    sizes: z.array(sizeCellSchema).min(1),
    /**
     * Where ratio and resolution go in the body: dot path → template with `{ratio}`, `{resolution}` or `{size}`
     * (the size cell's own wire value), replaced by wire values.
     */
    sizeFields: z.record(z.string(), z.string()),
    defaults: z.object({ ratio: z.string(), resolution: z.string() }),
    /** Reference images: how many the model takes (0: none), and the byte limit per image. */
    references: z
      .object({ max: z.number().int().min(0), maxBytes: z.number().int().positive(), field: z.string().optional() })
      .default({ max: 0, maxBytes: 1 }),
    options: z.array(optionSchema).default([]),
  })
  .superRefine((model, ctx) => {
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
  });

export type ModelSpec = z.infer<typeof modelSpecSchema>;
