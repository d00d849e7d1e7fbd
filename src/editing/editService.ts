import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import { editImages } from '../core/editing/editImages';
import { editedImageWithMetadata, fileDigest, imageParametersOfEdit, type EditFacts } from '../core/editing/editRecord';
import type { EditImage, EditRequest } from '../core/editing/editRequest';
import { gatherLineage } from '../core/editing/lineageFiles';
import { refineInput, type MissingFile } from '../core/editing/rebuildConversation';
import { extensionForMime } from '../core/paths/fileNames';
import { nextVersionName } from '../core/paths/versionNames';
import { linkBaseFor, type Destination } from '../generation/destination';
import { IncompleteBatchError, PreflightError, SaveFailedError, type BatchOrigin } from '../generation/generationErrors';
import type { GenerationJob, SavedImage } from '../generation/generationJob';
import { engineConfigFor, type ImageGenerator, type PreparedImage } from '../generation/imageGenerator';
import { withProgressUnlessSignal, type GenerationRunner } from '../generation/generationRunner';
import type { Logger } from '../logging';
import { fileNameOf, folderOf, readStoredImage, storedImagesIn } from './storedImages';

/**
 * Editing for every surface (the studio, the agent tools): an edit of workspace images (or pasted bytes), or a
 * refine of a version, each result saved as a new version next to its source (`cat.png` → `cat-v2.png`, never over
 * a file) with its lineage inside. The same steps as a generation: settings, confirmed base URL and key first
 * (`GenerationRunner.prepare`); progress with Cancel, or the caller's signal; images the workspace refuses kept
 * in the rescue folder (`SaveFailedError`, Save As… / Retry saves them without paying again); every saved version
 * announced on `ImageGenerator.onDidSaveImage`, where the studio history listens.
 */

/** An image to edit: a file (in the workspace, usually), or bytes with a name (pasted, dropped). */
export type EditSource = vscode.Uri | { readonly bytes: Uint8Array; readonly name: string };

export interface EditJob {
  /** Model id or alias; it must edit (`catalog.models.filter(m => m.edit)`). */
  readonly model: string;
  readonly instruction: string;
  /** The image edited first, then any others (fusion). The versions are saved next to the first. */
  readonly sources: readonly EditSource[];
  /** A PNG with alpha at the first image's pixel size, for models whose `edit.mask` is set. */
  readonly mask?: Uint8Array;
  /** Absent: not sent, and the model keeps the source's shape (or its own default). */
  readonly aspectRatio?: string;
  readonly resolution?: string;
  readonly count?: number;
  readonly options?: Readonly<Record<string, string | number>>;
  /**
   * The document the image is linked from: settings are read for it, and a byte source's versions go to its
   * assets folder. Absent: the first source's folder decides.
   */
  readonly document?: vscode.Uri;
}

/** The next instruction for a version: a Gemini conversation continues from the files; other models edit the version alone. */
export interface RefineJob extends Omit<EditJob, 'sources' | 'mask'> {
  readonly version: vscode.Uri;
}

export interface EditDone {
  /** The new versions, each with `parent` set, in the order the model answered. */
  readonly images: readonly SavedImage[];
  readonly folder: vscode.Uri;
  readonly texts: readonly string[];
  /** For a refine whose conversation could not be continued: the translated sentence saying so (it went on alone). */
  readonly notice?: string;
}

export interface EditServiceDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly generator: ImageGenerator;
  readonly logger: Logger;
}

/** A version that could not be written: where it is kept, and where it was meant to go. */
export class VersionSaveFailedError extends SaveFailedError {
  constructor(
    kept: readonly vscode.Uri[],
    destination: Destination,
    cause: unknown,
    origin: BatchOrigin,
    /** The file the versions are versions of. */
    readonly source: vscode.Uri,
  ) {
    super(kept, destination, cause, origin);
  }
}

/** What an edit sends and where its versions go, worked out before anything is paid. */
interface PreparedEdit {
  readonly request: EditRequest;
  /** The file the versions are named after and saved beside (for bytes: a name in the assets folder). */
  readonly source: vscode.Uri;
  readonly parent?: EditImage;
  readonly notice?: string;
}

function reasonText(file: MissingFile): string {
  switch (file.reason) {
    case 'missing':
      return vscode.l10n.t('{0} is gone', file.name);
    case 'changed':
      return vscode.l10n.t('{0} has changed since', file.name);
    case 'noRecord':
      return vscode.l10n.t('{0} holds no conversation', file.name);
  }
}

async function namesIn(folder: vscode.Uri): Promise<string[]> {
  return Promise.resolve(vscode.workspace.fs.readDirectory(folder)).then(
    (entries) => entries.map(([name]) => name),
    () => [],
  );
}

/** Names `cat-v2.png`, then `cat-v3.png` if that is taken meanwhile, for the writer's attempts. */
function versionNamer(source: string, taken: string[], mimeType: string): (attempt: number) => string {
  return () => {
    const name = nextVersionName(source, taken, `.${extensionForMime(mimeType)}`);
    taken.push(name);
    return name;
  };
}

export class EditService {
  constructor(private readonly deps: EditServiceDeps) {}

  /** Edits `job.sources`; with `signal` the caller shows progress, without it a cancellable notification does. */
  async edit(job: EditJob, signal?: AbortSignal): Promise<EditDone> {
    const prepared = await this.prepareEdit(job);
    return this.send(job, prepared, signal);
  }

  /**
   * Refines a version. For a model that keeps a conversation, the earlier turns are rebuilt from the version files
   * on disk; if one is gone or changed, the version is edited alone and `notice` says which file and why.
   */
  async refine(job: RefineJob, signal?: AbortSignal): Promise<EditDone> {
    const head = await readStoredImage(job.version);
    if (!head) {
      throw new PreflightError(vscode.l10n.t('The image {0} cannot be read, so nothing was edited.', fileNameOf(job.version)));
    }
    const name = fileNameOf(job.version);
    const parent: EditImage = { bytes: head.bytes, name, file: fileDigest(name, head.bytes) };
    const conversational = this.deps.catalog().find(job.model)?.edit?.conversation === true;
    if (!conversational || !head.record?.turn) {
      return this.send(job, { request: this.requestOf(job, [parent]), source: job.version, parent }, signal);
    }
    const files = await gatherLineage(name, head, storedImagesIn(folderOf(job.version)));
    const input = refineInput(head, name, (relativePath) => files.get(relativePath));
    const notice =
      input.missing.length > 0
        ? vscode.l10n.t(
            'The conversation of {0} could not be continued ({1}), so the image was edited on its own.',
            name,
            input.missing.map(reasonText).join('; '),
          )
        : undefined;
    if (notice) {
      this.deps.logger.warn(`refine of ${name}: ${input.missing.map((m) => `${m.name} ${m.reason}`).join(', ')}`);
    }
    const request = { ...this.requestOf(job, input.images), ...(input.conversation.length ? { conversation: input.conversation } : {}) };
    return this.send(job, { request, source: job.version, parent, ...(notice ? { notice } : {}) }, signal);
  }

  /** After a `VersionSaveFailedError`: writes the kept versions next to their source, without editing again. */
  async saveKeptAgain(failure: VersionSaveFailedError): Promise<EditDone> {
    const folder = failure.destination.folder;
    const taken = await namesIn(folder);
    const images = await this.deps.generator.writeKept(
      failure,
      (mimeType) => versionNamer(fileNameOf(failure.source), taken, mimeType),
      (kept, cause) => new VersionSaveFailedError(kept, failure.destination, cause, failure.origin, failure.source),
      failure.source,
    );
    return { images, folder, texts: failure.origin.texts };
  }

  private requestOf(job: Omit<EditJob, 'sources'>, images: readonly EditImage[], mask?: EditImage): EditRequest {
    return {
      model: job.model,
      instruction: job.instruction,
      images,
      ...(mask ? { mask } : {}),
      ...(job.aspectRatio ? { aspectRatio: job.aspectRatio } : {}),
      ...(job.resolution ? { resolution: job.resolution } : {}),
      ...(job.count === undefined ? {} : { count: job.count }),
      ...(job.options ? { options: job.options } : {}),
    };
  }

  /** Reads the sources; a file that cannot be read is refused by name before anything is sent. */
  private async prepareEdit(job: EditJob): Promise<PreparedEdit> {
    const first = job.sources[0];
    if (!first) {
      throw new PreflightError(vscode.l10n.t('No image was given to edit.'));
    }
    const source = first instanceof vscode.Uri ? first : await this.byteSourcePlace(first.name, job.document);
    const folder = folderOf(source);
    const images: EditImage[] = [];
    for (const given of job.sources) {
      if (given instanceof vscode.Uri) {
        const bytes = await Promise.resolve(vscode.workspace.fs.readFile(given)).catch(() => undefined);
        if (!bytes) {
          throw new PreflightError(vscode.l10n.t('The image {0} cannot be read, so nothing was edited.', fileNameOf(given)));
        }
        const relative = path.posix.relative(folder.path, given.path);
        images.push({ bytes, name: fileNameOf(given), file: fileDigest(relative, bytes) });
      } else {
        images.push({ bytes: given.bytes, name: given.name });
      }
    }
    const mask = job.mask ? { bytes: job.mask, name: 'mask.png' } : undefined;
    return { request: this.requestOf(job, images, mask), source, parent: images[0] };
  }

  /** Pasted bytes have no folder: their versions go to the document's assets folder, named after them. */
  private async byteSourcePlace(name: string, document: vscode.Uri | undefined): Promise<vscode.Uri> {
    const { settings } = await this.deps.runner.prepare(document);
    const destination = await this.deps.runner.destinationFor(settings, document);
    return vscode.Uri.joinPath(destination.folder, name);
  }

  private async send(job: Omit<EditJob, 'sources'>, prepared: PreparedEdit, signal: AbortSignal | undefined): Promise<EditDone> {
    const scope = job.document ?? prepared.source;
    const { settings, apiKey } = await this.deps.runner.prepare(scope);
    const { logger } = this.deps;
    const title = vscode.l10n.t('Editing {0} with {1}…', fileNameOf(prepared.source), job.model);
    const result = await withProgressUnlessSignal(title, logger, signal, (abort) =>
      editImages(this.deps.catalog(), prepared.request, engineConfigFor(settings, apiKey, abort, logger)),
    );
    const createdAt = Date.now();
    const facts: EditFacts = {
      request: prepared.request,
      model: result.model,
      texts: result.texts,
      ...(prepared.parent?.file ? { parent: prepared.parent.file } : {}),
      ...(result.turn ? { turn: result.turn } : {}),
      createdAt,
      apiKey,
    };
    const ready = result.images.map((image) => (settings.embedMetadata ? editedImageWithMetadata(image, facts) : { image }));
    for (const note of ready.flatMap((r) => ('note' in r && r.note ? [r.note] : []))) {
      logger.info(note);
    }
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(job.document ?? prepared.source)?.uri;
    const destination: Destination = { folder: folderOf(prepared.source), linkBase: linkBaseFor(job.document, workspaceFolder) };
    const origin: BatchOrigin = { job: this.generationJobOf(prepared.request), texts: result.texts, createdAt, elapsedMs: result.elapsedMs };
    const images = await this.saveVersions(ready, prepared.source, destination, origin);
    if (result.failures.length > 0) {
      throw new IncompleteBatchError(images, result.failures, destination);
    }
    return { images, folder: destination.folder, texts: result.texts, ...(prepared.notice ? { notice: prepared.notice } : {}) };
  }

  /** As history and Reuse Settings know a run: the edit's parameters, its images not among the references. */
  private generationJobOf(request: EditRequest): GenerationJob {
    return { ...imageParametersOfEdit(request), count: request.count ?? 1, references: [] };
  }

  /** Writes the versions next to their source, as generations are written; what the folder refuses is kept. */
  private async saveVersions(ready: readonly PreparedImage[], source: vscode.Uri, destination: Destination, origin: BatchOrigin): Promise<SavedImage[]> {
    const taken = await namesIn(destination.folder);
    return this.deps.generator.writeAll(
      ready,
      destination,
      origin,
      (mimeType) => versionNamer(fileNameOf(source), taken, mimeType),
      (kept, cause) => new VersionSaveFailedError(kept, destination, cause, origin, source),
      source,
    );
  }
}
