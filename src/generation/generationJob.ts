import type * as vscode from 'vscode';
import type { GenerationRequest } from '../core/types';

/**
 * One generation as the user asked for it: what is needed to run it again (Retry, Reuse settings). The request
 * itself, with nothing left to a default, so it is handed to the engine as it is.
 */
export type GenerationJob = Required<GenerationRequest>;

/** An image on disk, with what produced it. */
export interface SavedImage {
  readonly uri: vscode.Uri;
  readonly mimeType: string;
  readonly width?: number;
  readonly height?: number;
  readonly byteLength: number;
  readonly texts: readonly string[];
  readonly job: GenerationJob;
  readonly elapsedMs: number;
  readonly createdAt: number;
  /** For an edited image: the file it was made from (its new version sits next to it). */
  readonly parent?: vscode.Uri;
}
