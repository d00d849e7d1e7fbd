import { sniffImageMime } from '../imageBytes';
import type { ImageMime } from '../types';
import { applyEdits, applyEditsInSlices } from './byteEdits';
import { embedded, notEmbedded, type EmbedPlan, type EmbedResult } from './embedResult';
import { jpegEmbedPlan, jpegXmpPackets } from './jpegMetadata';
import { pngEmbedPlan, pngTexts } from './pngMetadata';
import { parseRecordJson, serializeRecord, type MetadataRecord } from './record';
import { webpEmbedPlan, webpXmpPackets } from './webpMetadata';
import { parametersFromXmp } from './xmp';

/**
 * Generation parameters inside the saved image: PNG iTXt, JPEG XMP APP1, WebP XMP chunk. Whatever cannot carry
 * them (GIF, a file whose structure does not add up, a record too large for a JPEG segment) comes back unchanged
 * with `embedded: false`, and the caller writes `sidecarFor(record)` beside the image instead.
 *
 * The writer takes no API key, and the record schema refuses any field it does not declare.
 */

export type { EmbedResult, SidecarReason } from './embedResult';
export {
  InvalidMetadataError,
  SecretInMetadataError,
  assertNoSecret,
  metadataRecordFor,
  parseSidecar,
  sidecarFileName,
  sidecarFor,
  type MetadataRecord,
  type RecordSource,
} from './record';

/**
 * The bytes with `record` embedded, in one new buffer of the final size; when not embedded, `bytes` itself. The
 * input is never modified. Throws `InvalidMetadataError` when the record does not pass its schema, and nothing else.
 */
export function embedMetadata(bytes: Uint8Array, mimeType: ImageMime, record: MetadataRecord): EmbedResult {
  const plan = embedPlan(bytes, mimeType, record);
  return plan.embedded ? embedded(applyEdits(bytes, plan.edits)) : plan;
}

/**
 * `embedMetadata` for the extension host: the same result, with the image copied a slice at a time so the event
 * loop is never held for long (a 4K PNG is 48 MB). `bytes` must stay unchanged until it resolves.
 */
export async function embedMetadataInSlices(bytes: Uint8Array, mimeType: ImageMime, record: MetadataRecord): Promise<EmbedResult> {
  const plan = embedPlan(bytes, mimeType, record);
  return plan.embedded ? embedded(await applyEditsInSlices(bytes, plan.edits)) : plan;
}

function embedPlan(bytes: Uint8Array, mimeType: ImageMime, record: MetadataRecord): EmbedPlan {
  const json = serializeRecord(record);
  // The declared type picks the writer; each writer checks the bytes agree before touching them.
  switch (mimeType) {
    case 'image/png':
      return pngEmbedPlan(bytes, json);
    case 'image/jpeg':
      return jpegEmbedPlan(bytes, json);
    case 'image/webp':
      return webpEmbedPlan(bytes, json);
    case 'image/gif':
      return notEmbedded(bytes, 'noMetadataSlot');
  }
}

/** The record embedded in the image, or undefined when there is none we can trust. Never throws. */
export function readMetadata(bytes: Uint8Array): MetadataRecord | undefined {
  for (const json of embeddedTexts(bytes)) {
    const record = parseRecordJson(json);
    if (record !== undefined) {
      return record;
    }
  }
  return undefined;
}

function embeddedTexts(bytes: Uint8Array): string[] {
  switch (sniffImageMime(bytes)) {
    case 'image/png':
      return pngTexts(bytes);
    case 'image/jpeg':
      return xmpTexts(jpegXmpPackets(bytes));
    case 'image/webp':
      return xmpTexts(webpXmpPackets(bytes));
    case 'image/gif':
    case undefined:
      return [];
  }
}

const xmpTexts = (packets: readonly string[]): string[] =>
  packets.map(parametersFromXmp).filter((json): json is string => json !== undefined);
