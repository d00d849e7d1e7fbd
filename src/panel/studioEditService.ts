import type * as vscode from 'vscode';
import type { SavedImage } from '../generation/generationJob';

/**
 * What the studio needs of the editing service: an edit of a file, or a refine of a version, each result saved as
 * a new version next to its source and announced to the history. The service reads settings and the key, sends,
 * and saves; the studio only shows. Its failures are the generation path's errors, shown as error cards.
 */

export interface StudioEditJob {
  readonly model: string;
  readonly instruction: string;
  /** The image edited; its versions are saved next to it. */
  readonly sources: readonly vscode.Uri[];
  /** A PNG with alpha at the source's pixel size, for models whose `edit.mask` is set. */
  readonly mask?: Uint8Array;
  readonly options?: Readonly<Record<string, string | number>>;
  /** The document the studio targets: settings are read for it. */
  readonly document?: vscode.Uri;
}

export interface StudioRefineJob extends Omit<StudioEditJob, 'sources' | 'mask'> {
  readonly version: vscode.Uri;
}

export interface StudioEditDone {
  readonly images: readonly SavedImage[];
  readonly texts: readonly string[];
  /** Said to the user: e.g. a refine that could not continue its conversation and edited the image alone. */
  readonly notice?: string;
}

export interface StudioEditService {
  edit(job: StudioEditJob, signal: AbortSignal): Promise<StudioEditDone>;
  refine(job: StudioRefineJob, signal: AbortSignal): Promise<StudioEditDone>;
}
