import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { validateEdit } from '../core/editing/editRequest';
import type { UseThisVersionResult } from '../editing/useThisVersion';
import { decodeBase64, imageSize, sniffImageMime } from '../core/imageBytes';
import { describeIssue } from '../generation/issueMessages';
import type { EditSourceView, OpenStudioEditArgs, StudioEditRequest, StudioRefineRequest } from '../shared/studioProtocol';
import { imageFileFilters } from '../util/imageFileFilters';
import { lineageOf, versionInUse, versionLabel } from './studioLineage';
import type { StudioRuns } from './studioRuns';
import { postNotice, type StudioServices, type StudioView } from './studioServices';
import { confineUri, workspaceRoots } from './workspaceFiles';

/** Where edit mode's source is kept, so a window reload brings the studio back in edit mode. */
const STATE_KEY = 'dmxapi.studio.edit';


interface EditTarget {
  readonly source: string;
  readonly document?: string;
}

/**
 * Edit mode of one panel: which image is edited (from `openStudio`'s `edit`, a card's Edit, a drop or the picker),
 * which models can edit it and why the others cannot, the edit and refine runs, the lineage of a version and Use
 * This Version. Everything a message names is confined to the workspace first.
 */
export class StudioEditing {
  private target: EditTarget | undefined;

  constructor(
    private readonly services: StudioServices,
    private readonly view: StudioView,
    private readonly runs: StudioRuns,
    /** A panel VS Code restored after a reload takes edit mode back; one opened afresh starts generating. */
    restored: boolean,
  ) {
    const stored = services.workspaceState.get<EditTarget>(STATE_KEY);
    this.target = restored && stored && typeof stored.source === 'string' ? stored : undefined;
    if (!restored) {
      void services.workspaceState.update(STATE_KEY, undefined);
    }
    if (this.target) {
      view.allowFolder?.(folderOf(vscode.Uri.parse(this.target.source)));
    }
  }

  /** The source for `init`, if the studio is in edit mode and the file can still be read. */
  async current(): Promise<EditSourceView | undefined> {
    if (!this.target) {
      return undefined;
    }
    const view = await this.sourceView(vscode.Uri.parse(this.target.source), this.target.document);
    return view ?? undefined;
  }

  /** Edit mode on `args.source` (a URI string from a command or the page). */
  async open(args: OpenStudioEditArgs): Promise<void> {
    const uri = this.confined(args.source);
    if (!uri) {
      return;
    }
    const view = await this.sourceView(uri, args.document);
    if (!view) {
      return;
    }
    await this.remember({ source: uri.toString(), ...(args.document ? { document: args.document } : {}) });
    this.view.allowFolder?.(folderOf(uri));
    this.view.post({ type: 'editSource', source: view });
  }

  async pick(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      canSelectFiles: true,
      canSelectFolders: false,
      openLabel: vscode.l10n.t('Edit'),
      title: vscode.l10n.t('Image to edit'),
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: imageFileFilters(),
    });
    if (picked?.[0]) {
      await this.open({ source: picked[0].toString() });
    }
  }

  async leave(): Promise<void> {
    await this.remember(undefined);
    this.view.post({ type: 'editSource' });
  }

  edit(runId: string, request: StudioEditRequest): Promise<void> {
    const source = this.confined(request.source);
    const service = this.services.editing;
    if (!source || !service) {
      return this.refused(runId);
    }
    const mask = request.maskBase64 === undefined ? undefined : decodeBase64(request.maskBase64);
    return this.runs.edited(runId, (signal) =>
      service.edit({ model: request.model, instruction: request.instruction.trim(), sources: [source], ...(mask ? { mask } : {}), options: request.options, ...this.documentOf() }, signal),
    );
  }

  refine(runId: string, request: StudioRefineRequest): Promise<void> {
    const version = this.confined(request.version);
    const service = this.services.editing;
    if (!version || !service) {
      return this.refused(runId);
    }
    return this.runs.edited(runId, (signal) =>
      service.refine({ model: request.model, instruction: request.instruction.trim(), version, options: request.options, ...this.documentOf() }, signal),
    );
  }

  /** The versions of `raw`'s image, oldest first, with the one the document links. */
  async lineage(raw: string): Promise<void> {
    const uri = this.confined(raw);
    if (!uri) {
      return;
    }
    const chain = await lineageOf(uri);
    chain.forEach((link) => this.view.allowFolder?.(folderOf(link.uri)));
    const versions = chain.map((link) => ({
      uri: link.uri.toString(),
      src: this.view.asWebviewUri(link.uri).toString(),
      label: versionLabel(link.uri),
      instruction: link.instruction,
      missing: link.missing,
    }));
    const document = await this.document();
    const inUse = document ? versionInUse(document.getText(), versions) : undefined;
    this.view.post({ type: 'lineage', uri: uri.toString(), versions, ...(inUse ? { inUse } : {}) });
  }

  /** Use This Version: the document's links to earlier versions now name this one; then the strip is redrawn. */
  async useVersion(raw: string): Promise<void> {
    const uri = this.confined(raw);
    if (!uri) {
      return;
    }
    const document = (await this.document())?.uri;
    if (!document) {
      postNotice(this.view, 'warning', vscode.l10n.t('Open the document that links the image first: Use This Version changes its links.'));
      return;
    }
    const result = await vscode.commands.executeCommand<UseThisVersionResult | undefined>(CommandIds.useThisVersion, uri, document);
    if (result && result.replaced > 0) {
      postNotice(this.view, 'info', vscode.l10n.t('{0} now links {1}.', path.posix.basename(document.path), path.posix.basename(uri.path)));
    }
    await this.lineage(raw);
  }

  /** The document Use This Version rewrites: the one the edit came from, else the editor links go into. */
  private async document(): Promise<vscode.TextDocument | undefined> {
    const given = this.target?.document;
    if (given) {
      return Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(given))).catch(() => undefined);
    }
    return this.services.tracker.editor?.document;
  }

  private documentOf(): { document?: vscode.Uri } {
    const given = this.target?.document;
    const document = given ? vscode.Uri.parse(given) : this.services.tracker.editor?.document.uri;
    return document ? { document } : {};
  }

  private refused(runId: string): Promise<void> {
    if (!this.services.editing) {
      postNotice(this.view, 'error', vscode.l10n.t('Image editing is not available in this window.'));
    }
    this.view.post({ type: 'runFinished', runId, outcome: 'failed' });
    return Promise.resolve();
  }

  private confined(raw: string): vscode.Uri | undefined {
    const uri = confineUri(raw, workspaceRoots());
    if (!uri) {
      this.services.logger.warn(`studio: refused to edit a file outside the workspace: ${raw}`);
      postNotice(this.view, 'error', vscode.l10n.t('The studio only works with files inside the workspace.'));
    }
    return uri;
  }

  private remember(target: EditTarget | undefined): Thenable<void> {
    this.target = target;
    return this.services.workspaceState.update(STATE_KEY, target);
  }

  /**
   * The source as the page shows it, with each edit model's verdict on it (the core's own checks, translated);
   * undefined, with a notice saying why, when it cannot be read or is not an image.
   */
  private async sourceView(uri: vscode.Uri, document: string | undefined): Promise<EditSourceView | undefined> {
    const fileName = path.posix.basename(uri.path);
    const bytes = await Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
    if (!bytes) {
      postNotice(this.view, 'error', vscode.l10n.t('The image {0} cannot be read, so it cannot be edited.', fileName));
      return undefined;
    }
    const mimeType = sniffImageMime(bytes);
    if (!mimeType) {
      postNotice(this.view, 'error', vscode.l10n.t('{0} is not a PNG, JPEG, WebP or GIF image, so it cannot be edited.', fileName));
      return undefined;
    }
    const catalog = this.services.catalog();
    const models = catalog.models
      .filter((model) => model.edit)
      .map((model) => {
        const checked = validateEdit(catalog, { model: model.id, instruction: 'check', images: [{ bytes, name: fileName }] });
        return checked.ok ? { id: model.id } : { id: model.id, problem: checked.issues.map(describeIssue).join(' ') };
      });
    const size = imageSize(bytes, mimeType);
    return {
      uri: uri.toString(),
      src: this.view.asWebviewUri(uri).toString(),
      fileName,
      ...(size ?? {}),
      byteLength: bytes.byteLength,
      models,
      ...(document ? { document: path.posix.basename(vscode.Uri.parse(document).path) } : {}),
    };
  }
}

function folderOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: path.posix.dirname(uri.path) });
}
