import * as z from './zod';

/**
 * The parameters of one image: what was asked of which model, at what size, with which options. This is the one
 * schema of them. Every other shape that carries them is derived from it: the request and the job
 * (`GenerationRequest`, `GenerationJob`), the record saved with the image (`MetadataRecord`), the studio's history
 * entry and card (`HistoryEntry`, `ImageCard`) and what Reuse Settings brings back (`ReusableSettings`, this schema
 * itself). A parameter added here reaches all of them; what a shape adds beside it is that shape's own.
 */

/** Option id → choice id (enum options) or number (integer options). */
export const optionValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type OptionValues = z.infer<typeof optionValuesSchema>;

export const imageParametersSchema = z.object({
  prompt: z.string(),
  /** Model id from the catalog (the one that answered, once the image exists). */
  model: z.string(),
  aspectRatio: z.string(),
  resolution: z.string(),
  options: optionValuesSchema,
});
export type ImageParameters = z.infer<typeof imageParametersSchema>;

const PARAMETER_KEYS = Object.keys(imageParametersSchema.shape) as (keyof ImageParameters)[];

/** The parameters of any shape that carries them, and nothing else (a job's reference bytes stay behind). */
export function imageParametersOf(from: Readonly<ImageParameters>): ImageParameters {
  const picked: Partial<Record<keyof ImageParameters, unknown>> = {};
  for (const key of PARAMETER_KEYS) {
    const value = from[key];
    // Copied, so the receiver may keep it: the options object of a job is shared with the job.
    picked[key] = typeof value === 'object' ? { ...value } : value;
  }
  return picked as ImageParameters;
}
