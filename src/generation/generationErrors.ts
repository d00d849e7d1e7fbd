import type * as vscode from 'vscode';
import type { DmxApiError } from '../core/errors';
import type { ImageFailure } from '../core/types';
import type { Destination } from './destination';
import type { GenerationJob, SavedImage } from './generationJob';

/**
 * The failures of a generation that the core does not know: a check before anything was sent, a workspace that
 * refused the images, a batch that came back in part. Type-only imports keep this module free of `vscode`, so
 * the failure policy that tells them apart is tested without VS Code.
 */

/** A problem found before anything was sent, with the setting to open. */
export class PreflightError extends Error {
  constructor(
    message: string,
    readonly setting?: string,
    readonly needsKey = false,
  ) {
    super(message);
  }
}

/** What a batch of images came from, kept with them so they can be described once saved later. */
export interface BatchOrigin {
  readonly job: GenerationJob;
  readonly texts: readonly string[];
  readonly createdAt: number;
  readonly elapsedMs: number;
}

/** The images arrived but could not be written where they belong; they are kept in the extension's storage. */
export class SaveFailedError extends Error {
  constructor(
    readonly kept: readonly vscode.Uri[],
    readonly destination: Destination,
    override readonly cause: unknown,
    readonly origin: BatchOrigin,
  ) {
    super(`saving into ${destination.folder.toString()} failed: ${String(cause)}`);
  }

  get intendedFolder(): vscode.Uri {
    return this.destination.folder;
  }
}

/**
 * Some images of a batch arrived and are saved; others did not (a link failed, bytes were cut off). Not a
 * reason to generate again: that would pay for the saved ones twice. `saved` are on disk and announced.
 */
export class IncompleteBatchError extends Error {
  constructor(
    readonly saved: readonly SavedImage[],
    readonly failures: readonly ImageFailure[],
    readonly destination: Destination,
  ) {
    super(`${saved.length} of ${saved.length + failures.length} images saved; ${failures.map((f) => `image ${f.index + 1}: ${f.error.message}`).join('; ')}`);
  }

  get total(): number {
    return this.saved.length + this.failures.length;
  }

  /** The first failure, which the message quotes. */
  get firstFailure(): DmxApiError {
    return this.failures[0]!.error;
  }
}
