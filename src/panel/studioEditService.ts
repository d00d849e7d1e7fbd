import type * as vscode from 'vscode';
import type { EditDone, EditJob, RefineJob } from '../editing/editService';

/**
 * What the studio needs of the editing service: an edit of a file, or a refine of a version, each result saved as
 * a new version next to its source and announced to the history. The service reads settings and the key, sends,
 * and saves; the studio only shows. Its failures are the generation path's errors, shown as error cards.
 */

/** The studio edits files of the workspace, at the model's own size: the service's job without byte sources or sizes. */
export type StudioEditJob = Omit<EditJob, 'sources' | 'aspectRatio' | 'resolution' | 'count'> & {
  /** The image edited; its versions are saved next to it. */
  readonly sources: readonly vscode.Uri[];
};

export type StudioRefineJob = Omit<RefineJob, 'aspectRatio' | 'resolution' | 'count'>;

/** What a card shows of an edit: the versions, the model's texts and any notice. */
export type StudioEditDone = Pick<EditDone, 'images' | 'texts' | 'notice'>;

export interface StudioEditService {
  edit(job: StudioEditJob, signal: AbortSignal): Promise<StudioEditDone>;
  refine(job: StudioRefineJob, signal: AbortSignal): Promise<StudioEditDone>;
}
