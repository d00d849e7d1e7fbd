import { sha256Hex } from '../sha256';
import * as z from '../zod';
import { imageParametersOf, imageParametersSchema } from '../imageParameters';
import type { GenerationRequest, ReferenceImage } from '../types';
import { lineageFields, type Lineage } from './lineage';

/**
 * The generation parameters saved with an image, so "reuse settings" works from the file alone. The schema is
 * strict: a field nobody declared (an API key passed along by mistake) fails validation instead of being
 * written. Reference images appear by name and hash only; their bytes never travel with the result.
 */

export const METADATA_APP = 'dmxapi-image-studio';
export const METADATA_VERSION = 1;

const positiveInt = z.int().check(z.positive());

export const referenceDigestSchema = z.strictObject({
  name: z.string(),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256')),
});
export type ReferenceDigest = z.infer<typeof referenceDigestSchema>;

/** The image's parameters (`imageParameters.ts`) with what only the saved record has; keys in the order written. */
export const metadataRecordSchema = z.strictObject({
  v: z.literal(METADATA_VERSION),
  app: z.literal(METADATA_APP),
  ...imageParametersSchema.shape,
  // Stricter than the parameters, as records always were: a record names the model that made its image.
  model: z.string().check(z.minLength(1)),
  seed: z.optional(z.int()),
  count: z.optional(positiveInt),
  references: z.optional(z.array(referenceDigestSchema)),
  createdAt: z.iso.datetime({ offset: true }),
  width: z.optional(positiveInt),
  height: z.optional(positiveInt),
  /** Text the model returned beside the image (Gemini). */
  texts: z.optional(z.array(z.string())),
  ...lineageFields,
});
export type MetadataRecord = z.infer<typeof metadataRecordSchema>;

/** Thrown by the writers for a record the schema refuses; a programming error, never the user's. */
export class InvalidMetadataError extends Error {
  override readonly name = 'InvalidMetadataError';
}

/** Thrown by `assertNoSecret`; the message names the field, never the secret. */
export class SecretInMetadataError extends Error {
  override readonly name = 'SecretInMetadataError';
}

function validRecord(record: MetadataRecord): MetadataRecord {
  const parsed = metadataRecordSchema.safeParse(record);
  if (!parsed.success) {
    throw new InvalidMetadataError(`image metadata refused: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The record as the compact JSON every container carries; throws `InvalidMetadataError` when the schema refuses it. */
export function serializeRecord(record: MetadataRecord): string {
  return JSON.stringify(validRecord(record));
}

/** The record from JSON text, or undefined when the text is not JSON or not a record of this version. */
export function parseRecordJson(text: string): MetadataRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = metadataRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Throws when `secret` occurs in any key or string of the record. Callers that hold the API key run this before
 * writing, so a key pasted into a prompt or an option by mistake stops the save instead of leaving in a file.
 */
export function assertNoSecret(record: MetadataRecord, secret: string | undefined): void {
  const needle = secret?.trim() ?? '';
  if (needle.length < 4) {
    return;
  }
  const where = findString(record, needle, '');
  if (where !== undefined) {
    throw new SecretInMetadataError(`the image metadata would contain the API key (in ${where}); nothing was written`);
  }
}

function findString(value: unknown, needle: string, path: string): string | undefined {
  if (typeof value === 'string') {
    return value.includes(needle) ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findString(value[i], needle, `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(needle)) return `a field name in ${path || 'the record'}`;
      const found = findString(item, needle, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Name and SHA-256 of each reference image, so a reader can tell which files were used without holding them. */
export function referenceDigests(references: readonly ReferenceImage[]): ReferenceDigest[] {
  return references.map((reference, index) => ({
    name: reference.name ?? `reference-${index + 1}`,
    sha256: sha256Hex(reference.bytes),
  }));
}

export interface RecordSource {
  readonly request: GenerationRequest;
  /** The model id that answered (the catalog resolves aliases). */
  readonly model: string;
  readonly createdAt: Date;
  readonly width?: number;
  readonly height?: number;
  readonly texts?: readonly string[];
  readonly seed?: number;
  /** For an edited image: its parent, the instruction and the conversation turn (see `lineage.ts`). */
  readonly lineage?: Lineage;
}

/**
 * The record for one generated image; optional fields are left out when there is nothing to say. A converter, not
 * a copy: the model is the one that answered, references become digests, the time an ISO string.
 */
export function metadataRecordFor(source: RecordSource): MetadataRecord {
  const { request } = source;
  return {
    v: METADATA_VERSION,
    app: METADATA_APP,
    ...imageParametersOf({ ...request, options: request.options ?? {} }),
    model: source.model,
    ...(source.seed === undefined ? {} : { seed: source.seed }),
    ...(request.count === undefined ? {} : { count: request.count }),
    ...(request.references?.length ? { references: referenceDigests(request.references) } : {}),
    createdAt: source.createdAt.toISOString(),
    ...(source.width === undefined ? {} : { width: source.width }),
    ...(source.height === undefined ? {} : { height: source.height }),
    ...(source.texts?.length ? { texts: [...source.texts] } : {}),
    ...(source.lineage?.parent ? { parent: source.lineage.parent } : {}),
    ...(source.lineage?.instruction === undefined ? {} : { instruction: source.lineage.instruction }),
    ...(source.lineage?.turn ? { turn: source.lineage.turn } : {}),
  };
}

/** The sidecar written beside formats that carry no metadata of ours (GIF, or when embedding fell back). */
export function sidecarFor(record: MetadataRecord): string {
  return `${JSON.stringify(validRecord(record), null, 2)}\n`;
}

/** The sidecar's file name: the image's full name plus `.json`, so `a.png` and `a.gif` never share one. */
export function sidecarFileName(imageFileName: string): string {
  return `${imageFileName}.json`;
}

export function parseSidecar(text: string): MetadataRecord | undefined {
  return parseRecordJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
