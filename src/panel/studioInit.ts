import type { ReusableSettings, WebviewState } from '../shared/studioProtocol';
import { rememberedChoices } from './rememberedChoices';
import type { StudioHistoryFeed } from './studioHistoryFeed';
import type { StudioEditing } from './studioEditing';
import type { StudioReferences } from './studioReferences';
import type { StudioResults } from './studioResults';
import type { StudioRuns } from './studioRuns';
import { imageCardOf, type StudioServices, type StudioView } from './studioServices';
import { studioStrings, translatedModels } from './studioStrings';

export interface HandshakeDeps {
  readonly services: StudioServices;
  readonly view: StudioView;
  readonly history: StudioHistoryFeed;
  readonly references: StudioReferences;
  readonly results: StudioResults;
  readonly runs: StudioRuns;
  readonly editing: StudioEditing;
  /** Whether the panel has closed while the history was being read. */
  readonly closed: () => boolean;
}

/**
 * The page's `ready` → the host's `init`: everything the page draws, including what it showed before a reload.
 * Until then, a new prompt or reused settings wait here.
 */
export class StudioHandshake {
  private prompt: string;
  /** Settings to put into the controls once the page has drawn itself. */
  private pendingSettings: ReusableSettings | undefined;
  private ready = false;

  constructor(
    private readonly deps: HandshakeDeps,
    initialPrompt: string | undefined,
  ) {
    this.prompt = initialPrompt ?? '';
  }

  /** The studio was opened again with a selection. */
  setPrompt(prompt: string): void {
    this.prompt = prompt;
    this.deps.view.post({ type: 'setPrompt', prompt });
  }

  /** Settings go into the controls now, or as soon as the page is ready. */
  applySettings(settings: ReusableSettings): void {
    if (this.ready) {
      this.deps.view.post({ type: 'applySettings', settings });
    } else {
      this.pendingSettings = settings;
    }
  }

  async init(state: WebviewState | undefined): Promise<void> {
    const { services, view, history, references, results, runs, editing } = this.deps;
    const { catalog, workspaceState, tracker } = services;
    const [{ entries, more }, edit] = await Promise.all([history.current(), editing.current()]);
    if (this.deps.closed()) {
      return;
    }
    const wanted = results.list.length ? results.list : (state?.resultUris ?? []);
    const shown = wanted.flatMap((uri) => entries.filter((entry) => entry.uri === uri && !entry.missing));
    results.set(shown.map((entry) => entry.uri));
    view.post({
      type: 'init',
      models: translatedModels(catalog().models),
      choices: rememberedChoices(workspaceState, catalog(), tracker.editor?.document.uri),
      prompt: this.prompt || state?.prompt || '',
      strings: studioStrings(),
      history: history.cards(entries),
      historyMore: more,
      results: shown.map((entry) => imageCardOf(view, entry)),
      references: references.views(),
      target: tracker.targetName,
      ...(runs.running ? { running: runs.running } : {}),
      ...(edit ? { edit } : {}),
    });
    this.ready = true;
    if (this.pendingSettings) {
      view.post({ type: 'applySettings', settings: this.pendingSettings });
      this.pendingSettings = undefined;
    }
  }
}
