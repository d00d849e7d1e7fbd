import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import { errorLogText } from '../core/errors';
import { decodeBase64 } from '../core/imageBytes';
import type { SavedImage } from '../generation/generationJob';
import type { GenerationRunner } from '../generation/runner';
import type { Logger } from '../logging';
import type { PromptImprover } from '../prompts/promptImprover';
import {
  webviewMessageSchema,
  type CompareRequest,
  type GenerateRequest,
  type HostMessage,
  type ImageAction,
  type ImageCard,
  type ReusableSettings,
  type WebviewMessage,
  type WebviewState,
} from '../shared/studioProtocol';
import { Disposable } from '../util/dispose';
import { imageFileFilters } from '../util/imageFileFilters';
import type { EditorTracker } from './editorTracker';
import { copyImageLink, deleteImage, insertImageLink } from './imageActions';
import { ReferenceRefused, ReferenceStore } from './referenceStore';
import { rememberChoices, rememberedChoices } from './rememberedChoices';
import { ErrorActions } from './studioErrors';
import { ASSETS_PAGE } from './assetsHistory';
import { StudioPromptImproving } from './studioPromptImproving';
import { StudioResults } from './studioResults';
import { historyEntryOf, type HistoryEntry, type StudioHistory } from './studioHistory';
import { runComparison } from './compareRun';
import { runGeneration, type RunOutcome } from './studioRun';
import { studioStrings, translatedModels } from './studioStrings';
import { confineUri, workspaceRoots } from './workspaceFiles';

/** What lives as long as the extension, shared by every studio panel. */
export interface StudioServices {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly logger: Logger;
  readonly history: StudioHistory;
  readonly tracker: EditorTracker;
  /** Per-workspace memory: last choices. */
  readonly workspaceState: vscode.Memento;
  /** A folder of the extension's storage for copies of reference images. */
  readonly referenceFolder: vscode.Uri;
  /** Rewrites prompts for Improve Prompt. */
  readonly improver: PromptImprover;
}

/** The webview, as the handler needs it: a place to post to and a way to turn files into loadable URIs. */
export interface StudioView {
  post(message: HostMessage): void;
  asWebviewUri(uri: vscode.Uri): vscode.Uri;
}

/** Older error cards' buttons are dropped beyond this many. */
const KEPT_ERROR_ACTIONS = 100;

/**
 * The host side of the studio's protocol: every message from the webview is parsed, and every path it names is
 * confined to the workspace before anything touches it.
 */
export class StudioMessageHandler extends Disposable {
  private readonly references: ReferenceStore;
  private readonly errors: ErrorActions;
  private readonly improving: StudioPromptImproving;
  private run: { readonly id: string; readonly controller: AbortController } | undefined;
  /** Results shown in this panel, so a reloaded page or window gets them back. */
  private readonly sessionResults: StudioResults;
  private prompt = '';
  /** Settings to put into the controls once the page has drawn itself. */
  private pendingSettings: ReusableSettings | undefined;
  private ready = false;
  /** Files of the assets folders the history looks at; grows a page each time the page scrolls to its end. */
  private historyLimit = ASSETS_PAGE;

  constructor(
    private readonly services: StudioServices,
    private readonly view: StudioView,
    initialPrompt?: string,
    restored = false,
  ) {
    super();
    this.prompt = initialPrompt ?? '';
    this.sessionResults = new StudioResults(services.workspaceState, restored);
    this.references = this._register(new ReferenceStore(services.referenceFolder));
    this.errors = new ErrorActions(services.logger);
    this.improving = this._register(new StudioPromptImproving(services.improver, (message) => this.view.post(message), services.logger));
    this._register(services.history.onDidChange(() => void this.postHistory()));
    this._register(services.tracker.onDidChange(() => this.view.post({ type: 'target', target: services.tracker.targetName })));
  }

  /** Parses one message from the webview and handles it; anything else is logged and dropped. */
  async receive(raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.services.logger.warn(`studio: ignored a malformed message: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    try {
      await this.handle(parsed.data);
    } catch (error) {
      this.services.logger.error(`studio: ${parsed.data.type} failed: ${errorLogText(error)}`);
      this.notice('error', error instanceof Error ? error.message : String(error));
    }
  }

  /** The studio was opened again with a selection. */
  setPrompt(prompt: string): void {
    this.prompt = prompt;
    this.view.post({ type: 'setPrompt', prompt });
  }

  /** Puts an earlier image's settings into the controls, now or as soon as the page is ready. */
  applySettings(given: ReusableSettings): void {
    const model = this.services.catalog().find(given.model);
    if (!model) {
      this.services.logger.warn(`studio: settings name an unknown model ${given.model}`);
      return;
    }
    const settings = { ...given, model: model.id };
    if (this.ready) {
      this.view.post({ type: 'applySettings', settings });
    } else {
      this.pendingSettings = settings;
    }
  }

  /** Attaches files given by VS Code itself (the Explorer menu, the file picker). */
  async attach(uris: readonly vscode.Uri[], fromCommand: boolean): Promise<void> {
    const maxBytes = this.referenceLimit();
    for (const uri of uris) {
      try {
        await this.references.addFile(uri, maxBytes);
      } catch (error) {
        this.refused(error);
      }
      if (this.isDisposed) {
        return;
      }
    }
    this.postReferences(fromCommand);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.init(message.state);
      case 'choicesChanged':
        await rememberChoices(this.services.workspaceState, message.choices);
        return;
      case 'generate':
        return this.generate(message.runId, message.request);
      case 'compare':
        return this.compare(message.runId, message.request);
      case 'cancel':
        if (this.run?.id === message.runId) {
          this.run.controller.abort();
        }
        return;
      case 'pickReferences':
        return this.pickReferences();
      case 'dropReferences':
        return this.dropReferences(message.uris);
      case 'pasteReference':
        return this.pasteReference(message.name, message.base64);
      case 'removeReference':
        await this.references.remove(message.id);
        this.postReferences(false);
        return;
      case 'imageAction':
        return this.imageAction(message.action, message.uri);
      case 'errorAction':
        await this.errors.run(message.actionId);
        return;
      case 'moreHistory':
        this.historyLimit += ASSETS_PAGE;
        return this.postHistory();
      case 'improvePrompt':
        return this.improving.start(message.requestId, message.prompt, message.model, this.services.tracker.editor?.document.uri);
      case 'cancelImprove':
        this.improving.cancel(message.requestId);
        return;
    }
  }

  private async init(state: WebviewState | undefined): Promise<void> {
    const { catalog, workspaceState, tracker } = this.services;
    const { entries, more } = await this.services.history.withPresence(this.historyLimit);
    if (this.isDisposed) {
      return;
    }
    const wanted = this.sessionResults.list.length ? this.sessionResults.list : (state?.resultUris ?? []);
    const results = wanted.flatMap((uri) => entries.filter((entry) => entry.uri === uri && !entry.missing));
    this.sessionResults.set(results.map((entry) => entry.uri));
    this.view.post({
      type: 'init',
      models: translatedModels(catalog().models),
      choices: rememberedChoices(workspaceState, catalog(), tracker.editor?.document.uri),
      prompt: this.prompt || state?.prompt || '',
      strings: studioStrings(),
      history: entries.map((entry) => this.card(entry, entry.missing)),
      historyMore: more,
      results: results.map((entry) => this.card(entry)),
      references: this.referenceViews(),
      target: tracker.targetName,
      ...(this.run ? { running: this.run.id } : {}),
    });
    this.ready = true;
    if (this.pendingSettings) {
      this.view.post({ type: 'applySettings', settings: this.pendingSettings });
      this.pendingSettings = undefined;
    }
  }

  private generate(runId: string, request: GenerateRequest): Promise<void> {
    const { catalog, runner, tracker } = this.services;
    return this.exclusive(runId, (signal) =>
      runGeneration({ catalog, runner, references: this.references }, request, tracker.editor?.document.uri, signal, {
        started: (total, requests) => this.view.post({ type: 'runStarted', runId, total, requests }),
        image: (image) => this.view.post({ type: 'runImage', runId, image: this.result(image) }),
        failed: (error, count) => this.view.post({ type: 'runError', runId, error: this.errors.view(error), count }),
      }),
    );
  }

  private compare(runId: string, request: CompareRequest): Promise<void> {
    const { catalog, runner, tracker } = this.services;
    return this.exclusive(runId, (signal) =>
      runComparison({ catalog, runner, references: this.references }, request, tracker.editor?.document.uri, signal, {
        image: (model, image) => this.view.post({ type: 'compareImage', runId, model, image: this.result(image), elapsedMs: image.elapsedMs }),
        failed: (model, error) => this.view.post({ type: 'compareError', runId, model, error: this.errors.view(error) }),
      }),
    );
  }

  /** One generation or comparison at a time; `cancel` with its id aborts it. */
  private async exclusive(runId: string, body: (signal: AbortSignal) => Promise<RunOutcome>): Promise<void> {
    if (this.run) {
      this.notice('warning', vscode.l10n.t('A generation is already running.'));
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
      if (this.isDisposed && outcome === 'done') {
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
    this.sessionResults.add(entry.uri);
    return this.card(entry);
  }

  private async pickReferences(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: false,
      openLabel: vscode.l10n.t('Attach'),
      title: vscode.l10n.t('Reference images'),
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: imageFileFilters(),
    });
    if (picked?.length && !this.isDisposed) {
      await this.attach(picked, false);
    }
  }

  private async dropReferences(raw: readonly string[]): Promise<void> {
    const roots = workspaceRoots();
    const uris: vscode.Uri[] = [];
    for (const text of raw) {
      const uri = confineUri(text, roots);
      if (uri) {
        uris.push(uri);
      } else {
        this.notice('warning', vscode.l10n.t('Only files inside the workspace can be dropped here.'));
      }
    }
    await this.attach(uris, false);
  }

  private async pasteReference(name: string, base64: string): Promise<void> {
    try {
      await this.references.addBytes(name || vscode.l10n.t('Pasted image'), decodeBase64(base64), this.referenceLimit());
    } catch (error) {
      this.refused(error);
    }
    if (!this.isDisposed) {
      this.postReferences(false);
    }
  }

  private async imageAction(action: ImageAction, raw: string): Promise<void> {
    const { history, tracker } = this.services;
    if (action === 'forget') {
      await history.remove(raw);
      return;
    }
    const uri = confineUri(raw, workspaceRoots());
    if (!uri) {
      this.services.logger.warn(`studio: refused ${action} on a file outside the workspace: ${raw}`);
      this.notice('error', vscode.l10n.t('The studio only works with files inside the workspace.'));
      return;
    }
    const known = history.find(uri.toString());
    // Open and Delete act on a file the webview names: only images the studio generated or found in assets.
    if (!known && (action === 'open' || action === 'delete')) {
      this.services.logger.warn(`studio: refused ${action} on a file that is not in the studio's history: ${raw}`);
      this.notice('error', vscode.l10n.t('The studio only opens and deletes images from its history.'));
      return;
    }
    const alt = known?.prompt ?? '';
    switch (action) {
      case 'insert':
        return this.notice('info', await insertImageLink(uri, alt, tracker.editor));
      case 'copyMarkdown':
        return this.notice('info', await copyImageLink(uri, alt, tracker.editor));
      case 'open':
        // Beside the document the user writes in, so the studio stays in view.
        await vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: tracker.editor?.viewColumn ?? vscode.ViewColumn.Beside });
        return;
      case 'reveal':
        await vscode.commands.executeCommand('revealInExplorer', uri);
        return;
      case 'useAsReference':
        return this.attach([uri], false);
      case 'delete':
        if (await deleteImage(uri)) {
          this.sessionResults.remove(uri.toString());
          await history.remove(uri.toString());
          this.view.post({ type: 'imageDeleted', uri: uri.toString() });
          this.notice('info', vscode.l10n.t('Moved {0} to the trash.', path.posix.basename(uri.path)));
        }
        return;
    }
  }

  /** The byte limit of the chosen model, or the largest any model allows when the chosen one takes none. */
  private referenceLimit(): number {
    const { catalog, workspaceState, tracker } = this.services;
    const chosen = catalog().find(rememberedChoices(workspaceState, catalog(), tracker.editor?.document.uri).model);
    if (chosen && chosen.references.max > 0) {
      return chosen.references.maxBytes;
    }
    return Math.max(0, ...catalog().models.filter((m) => m.references.max > 0).map((m) => m.references.maxBytes));
  }

  private refused(error: unknown): void {
    if (!(error instanceof ReferenceRefused)) {
      throw error;
    }
    this.notice('warning', error.message);
  }

  private async postHistory(): Promise<void> {
    const { entries, more } = await this.services.history.withPresence(this.historyLimit);
    if (!this.isDisposed) {
      this.view.post({ type: 'history', entries: entries.map((entry) => this.card(entry, entry.missing)), more });
    }
  }

  private postReferences(fromCommand: boolean): void {
    this.view.post({ type: 'references', references: this.referenceViews(), fromCommand });
  }

  private referenceViews() {
    return this.references.list().map((reference) => ({
      id: reference.id,
      name: reference.name,
      src: this.view.asWebviewUri(reference.copy).toString(),
      mimeType: reference.mimeType,
      byteLength: reference.byteLength,
    }));
  }

  private card(entry: HistoryEntry, missing = false): ImageCard {
    const uri = vscode.Uri.parse(entry.uri);
    return {
      ...entry,
      src: this.view.asWebviewUri(uri).toString(),
      fileName: path.posix.basename(uri.path),
      ...(missing ? { missing } : {}),
    };
  }

  private notice(level: 'info' | 'warning' | 'error', message: string): void {
    this.view.post({ type: 'notice', level, message });
  }
}
