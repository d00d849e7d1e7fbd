import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import { generateImages, type EngineConfig } from '../core/engine';
import { imageWithMetadataInSlices, type GenerationFacts } from '../core/imageWithMetadata';
import { sidecarFileName } from '../core/metadata/record';
import { imageSize, sniffImageMime } from '../core/imageBytes';
import { imageFileName, keptImageFileName, withCollisionSuffix } from '../core/paths/fileNames';
import type { GeneratedImage } from '../core/types';
import type { Logger } from '../logging';
import type { Settings } from '../config/settings';
import { ImageFileWriter } from '../storage/imageFileWriter';
import type { Destination } from './destination';
import type { GenerationJob, SavedImage } from './generationJob';
import { IncompleteBatchError, SaveFailedError, type BatchOrigin } from './generationErrors';

/** An image ready to write, with the sidecar text when its metadata could not go inside. */
export interface PreparedImage {
  readonly image: GeneratedImage;
  readonly sidecar?: string;
}

export interface GeneratorDeps {
  readonly catalog: () => Catalog;
  readonly logger: Logger;
  /** Where images are kept when the workspace refuses them. */
  readonly rescueFolder: vscode.Uri;
}

/** How the engine is called from the extension: the settings' URL, timeout and retries, the log, the signal. */
export function engineConfigFor(settings: Settings, apiKey: string, signal: AbortSignal, logger: Logger): EngineConfig {
  return {
    baseUrl: settings.baseUrl,
    apiKey,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    maxRetries: settings.maxRetries,
    signal,
    log: (line) => logger.info(line),
    onRetry: (attempt, delayMs, reason) => logger.warn(`retry ${attempt} in ${delayMs} ms: ${reason}`),
  };
}

/** Calls the core engine and saves what comes back; used by the command and the Image Studio panel alike. */
export class ImageGenerator {
  private readonly savedEmitter = new vscode.EventEmitter<SavedImage>();
  /** Fires for every image written, from any caller: history and previews listen here. */
  readonly onDidSaveImage = this.savedEmitter.event;
  /** Every file this generator writes goes through one writer, so concurrent runs never pick one name. */
  /** The one writer of new image files: its reserved names cover generations and edits alike. */
  readonly files = new ImageFileWriter();

  constructor(private readonly deps: GeneratorDeps) {}

  dispose(): void {
    this.savedEmitter.dispose();
  }

  /** Requests the job's images from the core engine (`generateImages`) and saves them into `destination`. */
  async requestAndSave(
    job: GenerationJob,
    settings: Settings,
    apiKey: string,
    destination: Destination,
    signal: AbortSignal,
  ): Promise<SavedImage[]> {
    const { logger } = this.deps;
    logger.info(`generate: model=${job.model} ratio=${job.aspectRatio} resolution=${job.resolution} count=${job.count}`);
    const result = await generateImages(this.deps.catalog(), job, engineConfigFor(settings, apiKey, signal, logger));
    const createdAt = Date.now();
    const prepared = await Promise.all(
      result.images.map((image) =>
        settings.embedMetadata ? this.withMetadata(image, { request: job, model: result.model, texts: result.texts, createdAt, apiKey }) : { image },
      ),
    );
    const saved = await this.saveAll(prepared, destination, { job, texts: result.texts, createdAt, elapsedMs: result.elapsedMs });
    if (result.failures.length > 0) {
      throw new IncompleteBatchError(saved, result.failures, destination);
    }
    return saved;
  }

  /**
   * The image with its generation parameters inside, or a sidecar text where the format has no place for them;
   * if that fails for any reason, the image as it is (it is paid for) and a log line saying why.
   */
  private async withMetadata(image: GeneratedImage, facts: GenerationFacts): Promise<PreparedImage> {
    // In slices: a 4K image copied in one piece held the extension host (every other extension) for 50–90 ms.
    const ready = await imageWithMetadataInSlices(image, facts);
    if (ready.note) {
      this.deps.logger.info(ready.note);
    }
    return ready;
  }

  /** Writes every image under its generated name; if the workspace refuses, keeps the rest and says so. */
  private saveAll(prepared: readonly PreparedImage[], destination: Destination, origin: BatchOrigin): Promise<SavedImage[]> {
    return this.writeAll(prepared, destination, origin, this.generatedNames(origin), (kept, cause) => new SaveFailedError(kept, destination, cause, origin));
  }

  /**
   * Writes every image (and its sidecar) into the destination, each under the first free name `namesFor(its type)`
   * gives, for generations and edits alike. If the workspace refuses one, it and the rest are kept in the rescue
   * folder (they are paid for) and the error `failed` makes names where.
   */
  async writeAll(
    prepared: readonly PreparedImage[],
    destination: Destination,
    origin: BatchOrigin,
    namesFor: (mimeType: string) => (attempt: number) => string,
    failed: (kept: readonly vscode.Uri[], cause: unknown) => Error,
    parent?: vscode.Uri,
  ): Promise<SavedImage[]> {
    const saved: SavedImage[] = [];
    const { folder } = destination;
    for (const [index, { image, sidecar }] of prepared.entries()) {
      let uri: vscode.Uri;
      try {
        uri = await this.files.writeNamed(folder, namesFor(image.mimeType), image.bytes);
      } catch (cause) {
        const kept = await this.rescue(prepared.slice(index).map((p) => p.image), origin.createdAt);
        throw failed(kept, cause);
      }
      if (sidecar) {
        await this.writeSidecar(folder, uri, sidecar);
      }
      saved.push(this.announce(uri, image, origin, parent));
    }
    return saved;
  }

  /** The names of a generation's files: from its prompt and time, then `-1`, `-2`… when taken. */
  private generatedNames(origin: BatchOrigin): (mimeType: string) => (attempt: number) => string {
    return (mimeType) => {
      const name = imageFileName(origin.job.prompt, new Date(origin.createdAt), mimeType);
      return (attempt) => withCollisionSuffix(name, attempt);
    };
  }

  /**
   * Retry after a failed save: writes the kept images into the folder they were meant for and drops the kept
   * copies. Nothing is generated again, so nothing is paid twice. If the folder still refuses, the images stay
   * kept and a new `SaveFailedError` says so.
   */
  async saveKeptAgain(failure: SaveFailedError): Promise<SavedImage[]> {
    const { origin, destination } = failure;
    return this.writeKept(failure, this.generatedNames(origin), (kept, cause) => new SaveFailedError(kept, destination, cause, origin));
  }

  /**
   * Writes the images a failed save kept into the folder they were meant for, each under the first free name
   * `namesFor(its type)` gives, and drops the kept copies: for generations and edits alike. If the folder still
   * refuses, the error `failed` makes names the images that stay kept.
   */
  async writeKept(
    failure: SaveFailedError,
    namesFor: (mimeType: string) => (attempt: number) => string,
    failed: (kept: readonly vscode.Uri[], cause: unknown) => Error,
    parent?: vscode.Uri,
  ): Promise<SavedImage[]> {
    const { origin, destination } = failure;
    const saved: SavedImage[] = [];
    for (const [index, kept] of failure.kept.entries()) {
      const bytes = await vscode.workspace.fs.readFile(kept);
      const mimeType = sniffImageMime(bytes) ?? 'image/png';
      let uri: vscode.Uri;
      try {
        uri = await this.files.writeNamed(destination.folder, namesFor(mimeType), bytes);
      } catch (cause) {
        throw failed(failure.kept.slice(index), cause);
      }
      await vscode.workspace.fs.delete(kept).then(undefined, () => undefined);
      saved.push(this.announce(uri, { bytes, mimeType, ...imageSize(bytes, mimeType) }, origin, parent));
    }
    this.deps.logger.info(`saved ${saved.length} kept image(s) into ${destination.folder.toString()}`);
    return saved;
  }

  private async writeSidecar(folder: vscode.Uri, image: vscode.Uri, text: string): Promise<void> {
    const name = sidecarFileName(image.path.split('/').pop() ?? 'image');
    await this.files.write(folder, name, new TextEncoder().encode(text)).catch((error: unknown) => {
      this.deps.logger.warn(`sidecar not written: ${String(error)}`);
    });
  }

  /** Keeps images the workspace refused in the rescue folder (they are paid for); returns where. */
  private async rescue(images: readonly GeneratedImage[], createdAt: number): Promise<vscode.Uri[]> {
    const kept: vscode.Uri[] = [];
    for (const image of images) {
      const name = keptImageFileName(new Date(createdAt), image.mimeType);
      kept.push(await this.files.write(this.deps.rescueFolder, name, image.bytes));
    }
    this.deps.logger.warn(`kept ${kept.length} image(s) in ${this.deps.rescueFolder.toString()}`);
    return kept;
  }

  /** Describes an image just written and tells the listeners (history, previews); edits announce theirs here too. */
  announce(uri: vscode.Uri, image: Pick<GeneratedImage, 'bytes' | 'mimeType' | 'width' | 'height'>, origin: BatchOrigin, parent?: vscode.Uri): SavedImage {
    const entry: SavedImage = {
      uri,
      mimeType: image.mimeType,
      width: image.width,
      height: image.height,
      byteLength: image.bytes.byteLength,
      texts: origin.texts,
      job: origin.job,
      elapsedMs: origin.elapsedMs,
      createdAt: origin.createdAt,
      ...(parent ? { parent } : {}),
    };
    this.savedEmitter.fire(entry);
    return entry;
  }
}
