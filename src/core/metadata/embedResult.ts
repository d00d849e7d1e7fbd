import type { ByteEdit } from './byteEdits';

/**
 * What a container writer did. When it could not embed, `bytes` are the input unchanged and the caller writes
 * the sidecar instead; `reason` is for the log.
 */
export type EmbedResult =
  | { readonly embedded: true; readonly bytes: Uint8Array }
  | { readonly embedded: false; readonly bytes: Uint8Array; readonly reason: SidecarReason };

export type SidecarReason =
  /** GIF, or bytes that are none of our formats. */
  | 'noMetadataSlot'
  /** The container's structure could not be walked to its end; rewriting it could make things worse. */
  | 'unreadableImage'
  /** Another tool's XMP packet is there; there is one per file and we do not merge into someone else's. */
  | 'foreignMetadata'
  /** The record does not fit the container's segment limit (JPEG APP1: 64 KB). */
  | 'tooLarge';

export const embedded = (bytes: Uint8Array): EmbedResult => ({ embedded: true, bytes });

export type NotEmbedded = Extract<EmbedResult, { embedded: false }>;

export const notEmbedded = (bytes: Uint8Array, reason: SidecarReason): NotEmbedded => ({ embedded: false, bytes, reason });

/**
 * What a container writer decided before any byte is copied: the edits that embed the record, or why it cannot
 * be embedded. Applied at once (`embedMetadata`) or in slices that let the event loop in (`embedMetadataInSlices`).
 */
export type EmbedPlan = { readonly embedded: true; readonly edits: readonly ByteEdit[] } | NotEmbedded;

export const editsToEmbed = (edits: readonly ByteEdit[]): EmbedPlan => ({ embedded: true, edits });
