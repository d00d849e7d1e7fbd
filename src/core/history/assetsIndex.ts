import { metadataRecordSchema, type MetadataRecord } from '../metadata/record';
import type { HeadRead } from './headMetadata';
import { mapLimited } from './mapLimited';

/**
 * What the images in the assets folders hold, remembered by file (its key, size and modification time), so an
 * unchanged folder costs one listing with sizes and times and nothing else, within a window and, through
 * `toJSON`/`restore`, across reloads. Files are looked at newest first, a page at a time.
 */

export interface ImageFileStat {
  /** The file's URI as a string. */
  readonly key: string;
  readonly size: number;
  readonly mtime: number;
}

/** Where the images are, as the index needs it; the extension supplies one per file system. */
export interface ImageFolderSource {
  /** The image files directly in `folder` with their size and time; [] when the folder does not exist. */
  list(folder: string): Promise<ImageFileStat[]>;
  /** The record inside the file (or beside it), reading as little as this file system allows. */
  readRecord(file: ImageFileStat): Promise<HeadRead>;
  /** Files read at once. */
  readonly concurrency: number;
}

export interface FoundRecord {
  readonly key: string;
  readonly record: MetadataRecord;
}

export interface AssetsPage {
  /** Records of the newest `limit` files that carry one, newest file first. */
  readonly records: readonly FoundRecord[];
  /** More image files exist beyond `limit`. */
  readonly more: boolean;
  /** Files whose content was read in this call, and the bytes read. */
  readonly filesRead: number;
  readonly bytesRead: number;
}

interface Known {
  readonly size: number;
  readonly mtime: number;
  readonly record: MetadataRecord | undefined;
  /** Restored from storage and not yet checked against the schema: checked when its file is first shown. */
  readonly unchecked?: true;
}

const INDEX_VERSION = 1;
type StoredFile = [key: string, size: number, mtime: number, record: unknown];

export class AssetsIndex {
  private readonly known = new Map<string, Known>();
  /** Each folder's listing, newest first, until `invalidate` says it changed. */
  private readonly listings = new Map<string, readonly ImageFileStat[]>();
  private changedSinceSave = false;

  constructor(private readonly source: ImageFolderSource) {}

  /** Forgets the listing of `folder` (or of every folder): files were added, changed or deleted. */
  invalidate(folder?: string): void {
    if (folder === undefined) {
      this.listings.clear();
    } else {
      this.listings.delete(folder);
    }
  }

  /** The records of the newest `limit` image files of `folders`, reading only files not seen as they are now. */
  async page(folders: readonly string[], limit: number): Promise<AssetsPage> {
    const files = (await Promise.all(folders.map((folder) => this.listing(folder)))).flat().sort((a, b) => b.mtime - a.mtime);
    const wanted = files.slice(0, limit);
    const unread = wanted.filter((file) => !this.isCurrent(file) || !this.checked(file.key));
    let bytesRead = 0;
    await mapLimited(unread, this.source.concurrency, async (file) => {
      const read = await this.source.readRecord(file).catch((): HeadRead => ({ record: undefined, bytesRead: 0 }));
      bytesRead += read.bytesRead;
      this.known.set(file.key, { size: file.size, mtime: file.mtime, record: shownPart(read.record) });
      this.changedSinceSave = true;
    });
    const records = wanted.flatMap((file) => {
      const record = this.known.get(file.key)?.record;
      return record ? [{ key: file.key, record }] : [];
    });
    return { records, more: files.length > limit, filesRead: unread.length, bytesRead };
  }

  /** A record seen by an earlier page. */
  cached(key: string): MetadataRecord | undefined {
    return this.checked(key) ? this.known.get(key)?.record : undefined;
  }

  /** True once per change: something was read since the last `toJSON`. */
  get needsSave(): boolean {
    return this.changedSinceSave;
  }

  /** What was read, for storage; files no listing holds any more are left out. */
  toJSON(): { version: number; files: StoredFile[] } {
    this.changedSinceSave = false;
    const listed = this.listings.size ? new Set([...this.listings.values()].flat().map((file) => file.key)) : undefined;
    const files: StoredFile[] = [];
    for (const [key, known] of this.known) {
      if (!listed || listed.has(key)) {
        files.push([key, known.size, known.mtime, known.record ?? null]);
      }
    }
    return { version: INDEX_VERSION, files };
  }

  /** Takes back what `toJSON` stored; anything malformed is dropped and read again when its file is shown. */
  restore(stored: unknown): void {
    if (typeof stored !== 'object' || stored === null || (stored as { version?: unknown }).version !== INDEX_VERSION) {
      return;
    }
    const files = (stored as { files?: unknown }).files;
    if (!Array.isArray(files)) {
      return;
    }
    for (const item of files as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || typeof item[1] !== 'number' || typeof item[2] !== 'number') {
        continue;
      }
      // The schema check waits until the file is shown: a reload shows one page, not every file it knows.
      this.known.set(item[0], { size: item[1], mtime: item[2], record: (item[3] ?? undefined) as MetadataRecord | undefined, unchecked: true });
    }
  }

  /** Checks a restored record against the schema; one that fails is forgotten and its file read again. */
  private checked(key: string): boolean {
    const known = this.known.get(key);
    if (!known?.unchecked) {
      return true;
    }
    const parsed = known.record === undefined ? undefined : metadataRecordSchema.safeParse(known.record);
    if (parsed && !parsed.success) {
      this.known.delete(key);
      return false;
    }
    // An index stored before the history left turns out still holds them.
    this.known.set(key, { size: known.size, mtime: known.mtime, record: shownPart(parsed?.data) });
    return true;
  }

  private isCurrent(file: ImageFileStat): boolean {
    const known = this.known.get(file.key);
    return known !== undefined && known.size === file.size && known.mtime === file.mtime;
  }

  private async listing(folder: string): Promise<readonly ImageFileStat[]> {
    let files = this.listings.get(folder);
    if (!files) {
      files = [...(await this.source.list(folder).catch(() => []))].sort((a, b) => b.mtime - a.mtime);
      this.listings.set(folder, files);
    }
    return files;
  }
}

/**
 * What the history shows of a record, which is what is kept and stored: a Gemini version's turn carries the thought
 * signatures its refine sends back (megabytes), and refine reads them from the file itself.
 */
function shownPart(record: MetadataRecord | undefined): MetadataRecord | undefined {
  if (!record?.turn) {
    return record;
  }
  const shown = { ...record };
  delete shown.turn;
  return shown;
}
