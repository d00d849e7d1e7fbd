import * as vscode from 'vscode';
import { errorLogText } from '../core/errors';
import { webviewMessageSchema, type OpenStudioEditArgs, type ReusableSettings, type WebviewMessage } from '../shared/studioProtocol';
import { Disposable } from '../util/dispose';
import { rememberChoices } from './rememberedChoices';
import { StudioEditing } from './studioEditing';
import { ErrorActions } from './studioErrors';
import { StudioHandshake } from './studioInit';
import { StudioHistoryFeed } from './studioHistoryFeed';
import { runImageAction } from './studioImageActions';
import { StudioPromptImproving } from './studioPromptImproving';
import { StudioReferences } from './studioReferences';
import { StudioResults } from './studioResults';
import { StudioRuns } from './studioRuns';
import { postNotice, type StudioServices, type StudioView } from './studioServices';

export type { StudioServices, StudioView } from './studioServices';

/**
 * The host side of the studio's protocol: every message from the webview is parsed and routed to the part of the
 * panel that does that job; every path it names is confined to the workspace before anything touches it.
 */
export class StudioMessageHandler extends Disposable {
  private readonly references: StudioReferences;
  private readonly errors: ErrorActions;
  private readonly improving: StudioPromptImproving;
  /** Results shown in this panel, so a reloaded page or window gets them back. */
  private readonly results: StudioResults;
  private readonly history: StudioHistoryFeed;
  private readonly runs: StudioRuns;
  private readonly handshake: StudioHandshake;
  private readonly editing: StudioEditing;

  constructor(
    private readonly services: StudioServices,
    private readonly view: StudioView,
    initialPrompt?: string,
    restored = false,
  ) {
    super();
    const closed = () => this.isDisposed;
    this.results = new StudioResults(services.workspaceState, restored);
    this.references = this._register(new StudioReferences(services, view));
    this.errors = new ErrorActions(services.logger);
    this.improving = this._register(new StudioPromptImproving(services.improver, (message) => view.post(message), services.logger));
    this.history = this._register(new StudioHistoryFeed(services, view));
    this.runs = new StudioRuns(services, view, this.references.store, this.errors, this.results, closed);
    this.editing = new StudioEditing(services, view, this.runs, restored);
    this.handshake = new StudioHandshake(
      { services, view, history: this.history, references: this.references, results: this.results, runs: this.runs, editing: this.editing, closed },
      initialPrompt,
    );
    this._register(services.tracker.onDidChange(() => view.post({ type: 'target', target: services.tracker.targetName })));
  }

  /** Parses one message from the webview and handles it; anything else is logged and dropped. */
  async receive(raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.services.logger.warn(`studio: ignored a malformed message: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    await this.guarded(parsed.data.type, () => this.handle(parsed.data));
  }

  /**
   * Runs one job for the page. A failure is logged and shown in the studio; once the studio is closed there is
   * nothing to show it in (its webview throws on every use), so the job just ends.
   */
  private async guarded(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (this.isDisposed) {
        this.services.logger.info(`studio: ${what} stopped, the studio was closed: ${errorLogText(error)}`);
        return;
      }
      this.services.logger.error(`studio: ${what} failed: ${errorLogText(error)}`);
      postNotice(this.view, 'error', error instanceof Error ? error.message : String(error));
    }
  }

  /** The studio was opened again with a selection. */
  setPrompt(prompt: string): void {
    this.handshake.setPrompt(prompt);
  }

  /** Puts an earlier image's settings into the controls, now or as soon as the page is ready. */
  applySettings(given: ReusableSettings): void {
    const model = this.services.catalog().find(given.model);
    if (!model) {
      this.services.logger.warn(`studio: settings name an unknown model ${given.model}`);
      return;
    }
    this.handshake.applySettings({ ...given, model: model.id });
  }

  /** Edit mode on an image given by a command (`openStudio`'s `edit`); never rejects, like a message from the page. */
  openEdit(args: OpenStudioEditArgs): Promise<void> {
    return this.guarded('openEdit', () => this.editing.open(args));
  }

  /** Attaches files given by VS Code itself (the Explorer menu, the file picker). */
  attach(uris: readonly vscode.Uri[], fromCommand: boolean): Promise<void> {
    return this.references.attach(uris, fromCommand);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.handshake.init(message.state);
      case 'choicesChanged':
        return rememberChoices(this.services.workspaceState, message.choices);
      case 'generate':
        return this.runs.generate(message.runId, message.request);
      case 'compare':
        return this.runs.compare(message.runId, message.request);
      case 'cancel':
        return this.runs.cancel(message.runId);
      case 'pickReferences':
        return this.references.pick();
      case 'dropReferences':
        return this.references.drop(message.uris);
      case 'pasteReference':
        return this.references.paste(message.name, message.base64);
      case 'removeReference':
        return this.references.remove(message.id);
      case 'imageAction':
        return runImageAction(
          { services: this.services, view: this.view, results: this.results, useAsReference: (uri) => this.references.attach([uri], false) },
          message.action,
          message.uri,
        );
      case 'errorAction':
        await this.errors.run(message.actionId);
        return;
      case 'moreHistory':
        return this.history.more();
      case 'improvePrompt':
        return this.improving.start(message.requestId, message.prompt, message.model, this.services.tracker.editor?.document.uri);
      case 'cancelImprove':
        return this.improving.cancel(message.requestId);
      case 'openEdit':
        return this.editing.open({ source: message.uri });
      case 'pickEditSource':
        return this.editing.pick();
      case 'leaveEdit':
        return this.editing.leave();
      case 'edit':
        return this.editing.edit(message.runId, message.request);
      case 'refine':
        return this.editing.refine(message.runId, message.request);
      case 'lineage':
        return this.editing.lineage(message.uri);
      case 'useVersion':
        return this.editing.useVersion(message.uri);
    }
  }
}
