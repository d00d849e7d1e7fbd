import { randomBytes } from 'node:crypto';

/**
 * The temporary files an image is written to before it gets its name. The name is short and fixed in length
 * (a long prompt cannot push it past a file system's limit) and follows one pattern, so files left by a crash
 * between write and rename can be recognised as ours and removed later, and nothing else ever is.
 */

const PARTIAL = /^\.dmxapi-[0-9a-f]{16}\.partial$/;
/** The pattern of earlier versions: `.<image name>.<uuid>.partial`. */
const LEGACY_PARTIAL = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.partial$/;

/** A partial file older than this was left by a write that will never finish (no write takes an hour). */
export const STALE_PARTIAL_AGE_MS = 60 * 60 * 1000;

/** `.dmxapi-0123456789abcdef.partial`: 32 bytes whatever the image is called. */
export function partialFileName(): string {
  return `.dmxapi-${randomBytes(8).toString('hex')}.partial`;
}

export function isOurPartialFile(name: string): boolean {
  return PARTIAL.test(name) || LEGACY_PARTIAL.test(name);
}

export interface FolderEntry {
  readonly name: string;
  readonly isFile: boolean;
  /** Last modification, in ms since the epoch. */
  readonly mtime: number;
}

/** The entries that are our partial files and older than `maxAgeMs` at `now`: safe to delete. */
export function stalePartialFiles(entries: readonly FolderEntry[], now: number, maxAgeMs = STALE_PARTIAL_AGE_MS): string[] {
  return entries.filter((entry) => entry.isFile && isOurPartialFile(entry.name) && now - entry.mtime > maxAgeMs).map((entry) => entry.name);
}
