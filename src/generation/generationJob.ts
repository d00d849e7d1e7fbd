import type * as vscode from 'vscode';
import type { ReferenceImage } from '../core/types';

/** One generation as the user asked for it: what is needed to run it again (Retry, Reuse settings). */
export interface GenerationJob {
  readonly prompt: string;
  readonly model: string;
  readonly aspectRatio: string;
  readonly resolution: string;
  readonly count: number;
  readonly options: Readonly<Record<string, string | number>>;
  readonly references: readonly ReferenceImage[];
}

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
