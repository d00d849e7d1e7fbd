import * as z from '../zod';

/**
 * What an edited image's record says about where it came from: its parent file, the instruction, and, for a
 * Gemini conversation, the turn that made it. Images appear by file name and SHA-256 only: their bytes are the
 * files themselves. A model image part of the turn is `self`, the file that carries the record; its
 * `thoughtSignature` is kept here, because the next turn must send it back unchanged.
 */

export const fileDigestSchema = z.strictObject({
  /** Relative to the folder of the image that carries the record, `/`-separated. */
  name: z.string().check(z.minLength(1)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256')),
});
export type FileDigest = z.infer<typeof fileDigestSchema>;

const signature = z.optional(z.string().check(z.minLength(1)));

export const turnPartRecordSchema = z.union([
  z.strictObject({ text: z.string(), signature }),
  z.strictObject({ image: z.union([z.literal('self'), fileDigestSchema]), signature }),
]);
export type TurnPartRecord = z.infer<typeof turnPartRecordSchema>;

export const turnRecordSchema = z.strictObject({
  /** True when the turns before this one are those of the parent's record (and, in turn, of its parent's). */
  continues: z.boolean(),
  /** What was sent: the instruction, and the images of a conversation's first turn. */
  user: z.array(turnPartRecordSchema).check(z.minLength(1)),
  /** What the model answered: its words and this image, each with the signature it carried. */
  model: z.array(turnPartRecordSchema).check(z.minLength(1)),
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/** The record fields of an edited image; all optional, so a generated image's record is unchanged. */
export const lineageFields = {
  /** The file that was edited, as it was on disk then. */
  parent: z.optional(fileDigestSchema),
  /** The edit instruction (also the record's `prompt`, for readers that know only that). */
  instruction: z.optional(z.string()),
  turn: z.optional(turnRecordSchema),
};

export interface Lineage {
  readonly parent?: FileDigest;
  readonly instruction?: string;
  readonly turn?: TurnRecord;
}
