import * as vscode from 'vscode';
import type { SavedImage } from '../generation/generationJob';
import type { CompareRequest, GenerateRequest, ImageCard } from '../shared/studioProtocol';
import { runComparison } from './compareRun';
import type { ReferenceStore } from './referenceStore';
import type { ErrorActions } from './studioErrors';
import { historyEntryOf } from './studioHistory';
import type { StudioResults } from './studioResults';
import type { StudioEditDone } from './studioEditService';
import { isCancel, runStudioGenerate, type RunOutcome } from './generateRun';
import { IncompleteBatchError } from '../generation/generationErrors';
import { imageCardOf, postNotice, type StudioServices, type StudioView } from './studioServices';

/** Older error cards' buttons are dropped beyond this many. */
const KEPT_ERROR_ACTIONS = 100;

/**
 * The runs of one panel: one generation or comparison at a time, `cancel` with its id aborts it, and each saved
 * image is remembered among the panel's results.
 */
export class StudioRuns {
  private run: { readonly id: string; readonly controller: AbortController } | undefined;

  constructor(
    private readonly services: StudioServices,
    private readonly view: StudioView,
    private readonly references: ReferenceStore,
    private readonly errors: ErrorActions,
    private readonly results: StudioResults,
    /** Whether the panel has closed: a run that ends afterwards says where its images went. */
    private readonly closed: () => boolean,
  ) {}

  /** The id of the run under way, if any. */
  get running(): string | undefined {
    return this.run?.id;
  }

  cancel(runId: string): void {
    if (this.run?.id === runId) {
      this.run.controller.abort();
    }
  }

  generate(runId: string, request: GenerateRequest): Promise<void> {
    const { catalog, runner, tracker } = this.services;
    return this.exclusive(runId, (signal) =>
      runStudioGenerate({ catalog, runner, references: this.references }, request, tracker.editor?.document.uri, signal, {
        started: (total, requests) => this.view.post({ type: 'runStarted', runId, total, requests }),
        image: (image) => this.view.post({ type: 'runImage', runId, image: this.result(image) }),
        failed: (error, count) => this.view.post({ type: 'runError', runId, error: this.errors.view(error), count }),
      }),
    );
  }

  compare(runId: string, request: CompareRequest): Promise<void> {
    const { catalog, runner, tracker } = this.services;
    return this.exclusive(runId, (signal) =>
      runComparison({ catalog, runner, references: this.references }, request, tracker.editor?.document.uri, signal, {
        image: (model, image) => this.view.post({ type: 'compareImage', runId, model, image: this.result(image), elapsedMs: image.elapsedMs }),
        failed: (model, error) => this.view.post({ type: 'compareError', runId, model, error: this.errors.view(error) }),
      }),
    );
  }

  /**
   * An edit or refine: one request, its versions shown as they are saved, a failure as an error card, and what
   * the service has to say (a conversation that could not continue) as a notice.
   */
  edited(runId: string, work: (signal: AbortSignal) => Promise<StudioEditDone>): Promise<void> {
    return this.exclusive(runId, async (signal) => {
      this.view.post({ type: 'runStarted', runId, total: 1, requests: 1 });
      try {
        const done = await work(signal);
        done.images.forEach((image) => this.view.post({ type: 'runImage', runId, image: this.result(image) }));
        if (done.notice) {
          postNotice(this.view, 'warning', done.notice);
        }
        return 'done';
      } catch (error) {
        if (isCancel(error, signal)) {
          return 'cancelled';
        }
        if (error instanceof IncompleteBatchError) {
          error.saved.forEach((image) => this.view.post({ type: 'runImage', runId, image: this.result(image) }));
        }
        this.view.post({ type: 'runError', runId, error: this.errors.view(error), count: 1 });
        return 'failed';
      }
    });
  }

  private async exclusive(runId: string, body: (signal: AbortSignal) => Promise<RunOutcome>): Promise<void> {
    if (this.run) {
      postNotice(this.view, 'warning', vscode.l10n.t('A generation is already running.'));
      this.view.post({ type: 'runFinished', runId, outcome: 'failed' });
      return;
    }
    const controller = new AbortController();
    this.run = { id: runId, controller };
    this.errors.forgetOlderThan(KEPT_ERROR_ACTIONS);
    try {
      // Closing the panel does not abort the run: the images were paid for, so they are saved and land in history.
      const outcome = await body(controller.signal);
      this.view.post({ type: 'runFinished', runId, outcome });
      if (this.closed() && outcome === 'done') {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('The generation finished after the Image Studio was closed; its images are saved and listed in the studio\'s history.'),
        );
      }
    } finally {
      this.run = undefined;
    }
  }

  /** A saved image of this panel's run, remembered so a reloaded page gets it back. */
  private result(image: SavedImage): ImageCard {
    const entry = historyEntryOf(image);
    this.results.add(entry.uri);
    return imageCardOf(this.view, entry);
  }
}
