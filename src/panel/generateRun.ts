import type * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { isCancellation } from '../failures/failurePolicy';
import { IncompleteBatchError } from '../generation/generationErrors';
import type { GenerationJob, SavedImage } from '../generation/generationJob';
import type { GenerationRunner } from '../generation/generationRunner';
import { PARALLEL_REQUESTS, requestOptions, requestSizes, settleChoices } from '../shared/studioChoices';
import type { GenerateRequest } from '../shared/studioProtocol';
import type { ReferenceStore } from './referenceStore';

/**
 * One Generate in the studio. A count above what one request gives becomes several requests, at most three at
 * a time; each request's images are reported as soon as they are saved, each failure on its own.
 */

export interface RunDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly references: ReferenceStore;
}

export interface RunSink {
  started(total: number, requests: number): void;
  image(image: SavedImage): void;
  /** A request (or, before any was sent, the whole run) failed; `count` images will not come. */
  failed(error: unknown, count: number): void;
}

export type RunOutcome = 'done' | 'cancelled' | 'failed';

export const isCancel = (error: unknown, signal: AbortSignal): boolean => signal.aborted || isCancellation(error);

/** Runs `tasks` with at most `limit` in flight; resolves when all have settled. */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/** The job for one request, with the references loaded from the store. */
export async function jobFor(deps: RunDeps, request: GenerateRequest): Promise<{ job: GenerationJob; sizes: number[] }> {
  const model = deps.catalog().require(request.choices.model);
  const choices = settleChoices(model, request.choices);
  const ids = model.references.max > 0 ? request.referenceIds.slice(0, model.references.max) : [];
  const job: GenerationJob = {
    prompt: request.prompt.trim(),
    model: model.id,
    aspectRatio: choices.aspectRatio,
    resolution: choices.resolution,
    count: 1,
    options: requestOptions(model, choices.options[model.id] ?? {}),
    references: await deps.references.load(ids),
  };
  return { job, sizes: requestSizes(model, choices.count) };
}

export async function runStudioGenerate(
  deps: RunDeps,
  request: GenerateRequest,
  documentUri: vscode.Uri | undefined,
  signal: AbortSignal,
  sink: RunSink,
): Promise<RunOutcome> {
  let sizes: number[] = [request.choices.count];
  try {
    const prepared = await jobFor(deps, request);
    sizes = prepared.sizes;
    sink.started(request.choices.count, sizes.length);
    // Read once for the whole run, and the key asked once, so parallel requests do not each open the key prompt.
    const read = readSettings(documentUri);
    await deps.runner.requireApiKey();
    let failures = 0;
    await runLimited(
      sizes.map((count) => async () => {
        if (signal.aborted) {
          return;
        }
        try {
          const { images } = await deps.runner.prepareAndRun({ ...prepared.job, count }, documentUri, signal, read);
          images.forEach((image) => sink.image(image));
        } catch (error) {
          if (error instanceof IncompleteBatchError) {
            // The saved images are shown like any others; the card is only about the missing ones.
            error.saved.forEach((image) => sink.image(image));
            sink.failed(error, error.failures.length);
          } else if (!isCancel(error, signal)) {
            failures += 1;
            sink.failed(error, count);
          }
        }
      }),
      PARALLEL_REQUESTS,
    );
    return signal.aborted ? 'cancelled' : failures === sizes.length ? 'failed' : 'done';
  } catch (error) {
    if (isCancel(error, signal)) {
      return 'cancelled';
    }
    sink.failed(error, sizes.reduce((a, b) => a + b, 0));
    return 'failed';
  }
}
