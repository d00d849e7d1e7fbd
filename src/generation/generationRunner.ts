import * as vscode from 'vscode';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { BaseUrlTrust } from '../config/baseUrlTrust';
import { checkBaseUrl } from '../core/baseUrl';
import { BASE_URL_SETTING, readSettings, type Settings, type SettingsRead } from '../config/settings';
import { DmxApiError } from '../core/errors';
import type { Logger } from '../logging';
import { isDestination, resolveDestination, type Destination, type DestinationProblem } from './destination';
import { PreflightError, type SaveFailedError } from './generationErrors';
import type { GenerationJob, SavedImage } from './generationJob';
import type { ImageGenerator } from './imageGenerator';

function destinationMessage(problem: DestinationProblem): PreflightError {
  switch (problem.kind) {
    case 'noFolderChosen':
      return new PreflightError(vscode.l10n.t('No folder was chosen, so nothing was generated.'));
    case 'escapesWorkspace':
      return new PreflightError(
        vscode.l10n.t('dmxapi.assetsFolder points outside the workspace ({0}). Use a folder inside it, such as "assets".', problem.detail),
        'dmxapi.assetsFolder',
      );
    case 'unknownVariable':
      return new PreflightError(vscode.l10n.t('dmxapi.assetsFolder uses an unknown variable {0}.', problem.detail), 'dmxapi.assetsFolder');
    case 'needsDocument':
      return new PreflightError(
        vscode.l10n.t('dmxapi.assetsFolder uses {0}, which needs a saved document inside the workspace. Save the document first.', problem.detail),
        'dmxapi.assetsFolder',
      );
  }
}

export interface RunResult {
  readonly images: SavedImage[];
  readonly destination: Destination;
}

/** The steps every generation takes, whoever starts it: key, destination, request with progress and cancel. */
export class GenerationRunner {
  constructor(
    private readonly generator: ImageGenerator,
    private readonly keys: ApiKeyStore,
    private readonly logger: Logger,
    private readonly baseUrlTrust: BaseUrlTrust,
  ) {}

  /** The key, asking for one when none is stored; throws a PreflightError if the user gives none. */
  async requireApiKey(): Promise<string> {
    const key = (await this.keys.get()) ?? (await this.keys.prompt());
    if (!key) {
      throw new PreflightError(vscode.l10n.t('A DMXAPI key is needed to generate images. Run "DMXAPI: Set API Key".'), undefined, true);
    }
    return key;
  }

  /** Refuses, before the key is read, a base URL from the workspace settings that the user did not confirm. */
  private async requireConfirmedBaseUrl(url: string, scope: vscode.Uri | undefined): Promise<void> {
    if (await this.baseUrlTrust.allows(url, scope)) {
      return;
    }
    const verdict = checkBaseUrl(url);
    throw new PreflightError(
      vscode.l10n.t(
        'Nothing was sent: the base URL {0} set by this workspace was not confirmed. Generate again to confirm it, or remove dmxapi.baseUrl from the workspace settings to use your own.',
        verdict.ok ? verdict.host : url,
      ),
      'dmxapi.baseUrl',
    );
  }

  async destinationFor(settings: Settings, documentUri: vscode.Uri | undefined): Promise<Destination> {
    const destination = await resolveDestination(settings.assetsFolder, documentUri);
    if (!isDestination(destination)) {
      throw destinationMessage(destination);
    }
    return destination;
  }

  /** After a failed save: writes the images that arrived into the folder meant for them, without generating again. */
  async saveAgain(failure: SaveFailedError): Promise<RunResult> {
    const images = await this.generator.saveKeptAgain(failure);
    return { images, destination: failure.destination };
  }

  /**
   * What every request needs before it is sent, for `scope` (the document, or the image being edited): the
   * settings, a base URL that is valid and confirmed, and the key. `read`: the settings the caller already read for
   * this run, so one run reads them once; absent, they are read here.
   */
  async prepare(scope: vscode.Uri | undefined, read: SettingsRead = readSettings(scope)): Promise<{ settings: Settings; apiKey: string }> {
    const { settings, problems } = read;
    const urlProblem = problems.find((p) => p.setting === BASE_URL_SETTING);
    if (urlProblem) {
      throw new PreflightError(urlProblem.message, urlProblem.setting);
    }
    await this.requireConfirmedBaseUrl(settings.baseUrl, scope);
    const apiKey = await this.requireApiKey();
    return { settings, apiKey };
  }

  /**
   * Runs a job for a document (or none). With `signal` the caller shows its own progress (the panel); without,
   * a cancellable notification does, and Cancel really aborts the request. `read`: the settings the job was
   * built from, when the caller read them; absent, they are read here.
   */
  async prepareAndRun(job: GenerationJob, documentUri: vscode.Uri | undefined, signal?: AbortSignal, read?: SettingsRead): Promise<RunResult> {
    const { settings, apiKey } = await this.prepare(documentUri, read);
    const destination = await this.destinationFor(settings, documentUri);
    const title = vscode.l10n.t('Generating image with {0} ({1}, {2})…', job.model, job.aspectRatio, job.resolution);
    return withProgressUnlessSignal(title, this.logger, signal, async (abort) => ({
      images: await this.generator.requestAndSave(job, settings, apiKey, destination, abort),
      destination,
    }));
  }
}

/**
 * Runs `work` with the caller's `signal` (the caller shows progress), or, without one, under a cancellable
 * notification titled `title` whose Cancel aborts the request; a failure caused by the Cancel is `cancelled`.
 */
export async function withProgressUnlessSignal<T>(
  title: string,
  logger: Logger,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal) {
    return work(signal);
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => {
      logger.info('cancel requested');
      controller.abort();
    });
    try {
      return await work(controller.signal);
    } catch (error) {
      if (token.isCancellationRequested && !(error instanceof DmxApiError && error.kind !== 'cancelled')) {
        throw new DmxApiError({ kind: 'cancelled' });
      }
      throw error;
    } finally {
      subscription.dispose();
    }
  });
}
