import type * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import type { SavedImage } from '../generation/generationJob';
import { comparedChoices } from '../shared/studioChoices';
import type { CompareRequest } from '../shared/studioProtocol';
import { isCancel, jobFor, type RunDeps, type RunOutcome } from './generateRun';

/**
 * One Compare in the studio: the same prompt to each chosen model at once, one image each, with that model's own
 * valid choices. Each model's result or failure is reported as it comes; one failing does not stop the others.
 */

export interface CompareSink {
  image(model: string, image: SavedImage): void;
  failed(model: string, error: unknown): void;
}

export async function runComparison(
  deps: RunDeps,
  request: CompareRequest,
  documentUri: vscode.Uri | undefined,
  signal: AbortSignal,
  sink: CompareSink,
): Promise<RunOutcome> {
  const catalog = deps.catalog();
  const models = [...new Set(request.models.map((id) => catalog.require(id).id))];
  // Read once for the whole comparison.
  const read = readSettings(documentUri);
  try {
    // Asked once here, so the parallel requests do not each open the key prompt.
    await deps.runner.requireApiKey();
  } catch (error) {
    if (isCancel(error, signal)) {
      return 'cancelled';
    }
    models.forEach((model) => sink.failed(model, error));
    return 'failed';
  }
  const outcomes = await Promise.all(
    models.map(async (id): Promise<boolean> => {
      try {
        const { choices } = comparedChoices(catalog.require(id), request.choices);
        const { job } = await jobFor(deps, { prompt: request.prompt, choices, referenceIds: request.referenceIds });
        const { images } = await deps.runner.prepareAndRun(job, documentUri, signal, read);
        images.forEach((image) => sink.image(id, image));
        return true;
      } catch (error) {
        if (!isCancel(error, signal)) {
          sink.failed(id, error);
        }
        return false;
      }
    }),
  );
  return signal.aborted ? 'cancelled' : outcomes.some(Boolean) ? 'done' : 'failed';
}
