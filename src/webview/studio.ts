import type { ModelSpec } from '../core/catalog/modelSpec';
import { format, promptLength, settleChoices } from '../shared/studioChoices';
import type {
  CompareRequest,
  ErrorView,
  GenerateRequest,
  HostMessage,
  ImageCard,
  EditSourceView,
  ReferenceView,
  ReusableSettings,
  StudioChoices,
  StudioStrings,
  WebviewMessage,
} from '../shared/studioProtocol';
import { EditMode } from './editMode';
import { LineagePanel } from './lineagePanel';
import { errorCardView, imageCardView, pendingCardView, type CardContext } from './cards';
import { Comparison } from './compare';
import { countField, modelField, optionFields, sizeFields, type ControlsContext } from './controls';
import { h, icon, replaceChildren } from './dom';
import { HistoryList } from './historyList';
import { PromptImproving } from './improvePrompt';
import { instructionAfterRun } from './instructionAfterRun';
import { NoticeArea, type Level } from './noticeArea';
import { Page } from './page';
import { referencesField } from './references';
import { post, saveState } from './vscodeApi';

export type InitMessage = Extract<HostMessage, { type: 'init' }>;

interface Run {
  readonly id: string;
  readonly request: GenerateRequest | undefined;
  expected: number;
  arrived: number;
  failed: number;
  /** Sends the same edit or refine again (Retry of its error card). */
  readonly again?: () => void;
  /** The instruction an edit or refine sent, and the card whose Refine box it came from (else the main box). */
  readonly instruction?: SentInstruction;
}

interface SentInstruction {
  readonly text: string;
  readonly card?: string;
}

interface FailedRequests {
  readonly id: string;
  readonly runId: string;
  readonly error: ErrorView;
  count: number;
  readonly request: GenerateRequest | undefined;
  readonly again?: (() => void) | undefined;
}

const newId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** The Image Studio page, created from the host's `init` and redrawn section by section as it changes. */
export class Studio {
  private readonly models: ModelSpec[];
  private readonly strings: StudioStrings;
  private choices: StudioChoices;
  private references: ReferenceView[];
  private results: ImageCard[];
  private failures: FailedRequests[] = [];
  private run: Run | undefined;
  private target: string | undefined;
  private choicesTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly page: Page;
  private readonly improving: PromptImproving;
  private readonly notices: NoticeArea;
  private readonly history: HistoryList;
  private readonly comparison = new Comparison();
  /** Edit mode, while the studio edits an image. */
  private edit: EditMode | undefined;
  /** The generation prompt, kept while the box holds an edit instruction. */
  private generatePrompt = '';
  private readonly lineage: LineagePanel;
  /** What each card's Refine box holds while its refine runs and after one fails, by the card's URI. */
  private readonly refineDrafts = new Map<string, string>();

  constructor(root: HTMLElement, init: InitMessage) {
    this.models = init.models;
    this.strings = init.strings;
    this.choices = init.choices;
    this.references = init.references;
    this.results = init.results;
    this.target = init.target;
    this.run = init.running ? { id: init.running, request: undefined, expected: 0, arrived: 0, failed: 0 } : undefined;
    this.page = new Page(root, init.strings, {
      generate: () => (this.run ? post({ type: 'cancel', runId: this.run.id }) : this.generate()),
      promptChanged: () => this.promptEdited(),
    });
    this.page.prompt.value = init.prompt;
    this.notices = new NoticeArea(this.page.notice, init.strings);
    this.history = new HistoryList(this.page, init.history, init.historyMore, () => this.cardContext());
    this.improving = new PromptImproving(this.page.prompt, init.strings, {
      model: () => this.model().id,
      changed: () => this.promptEdited(),
      notify: (level, text) => this.show(level, text),
    });
    this.page.slots.promptTools.replaceChildren(this.improving.button);
    this.lineage = new LineagePanel(init.strings, {
      use: (uri) => post({ type: 'useVersion', uri }),
      select: (uri) => post({ type: 'lineage', uri }),
    });
    this.page.lineage.replaceChildren(this.lineage.element);
    if (init.edit) {
      this.enterEdit(init.edit);
    }
    const edited = this.results.find((card) => card.parent);
    if (edited) {
      post({ type: 'lineage', uri: edited.uri });
    }
    root.setAttribute('aria-busy', 'false');
    this.renderControls();
    this.renderTarget();
    this.renderResults();
    this.history.render();
    this.saveState();
  }

  /** What the pasted or dropped reference images are checked against. */
  referenceContext() {
    return { model: this.model(), strings: this.strings, notify: (level: Level, message: string) => this.show(level, message), editing: !!this.edit };
  }

  receive(message: Exclude<HostMessage, InitMessage>): void {
    if (this.improving.receive(message)) {
      return;
    }
    switch (message.type) {
      case 'applySettings':
        this.reuse(message.settings);
        return;
      case 'setPrompt':
        this.page.prompt.value = message.prompt;
        this.page.prompt.focus();
        this.promptEdited();
        return;
      case 'references':
        this.references = message.references;
        if (message.fromCommand && message.references.length && this.model().references.max === 0) {
          const taker = this.models.find((model) => model.references.max > 0);
          if (taker) {
            this.changeChoices(settleChoices(taker, { ...this.choices, model: taker.id }));
          }
        }
        this.renderControls();
        return;
      case 'target':
        this.target = message.target;
        this.renderTarget();
        return;
      case 'runStarted':
        if (this.run?.id === message.runId) {
          this.run.expected = message.total;
          this.renderResults();
        }
        return;
      case 'runImage':
        this.results = [message.image, ...this.results.filter((card) => card.uri !== message.image.uri)];
        if (this.run?.id === message.runId) {
          this.run.arrived += 1;
        }
        if (message.image.parent) {
          post({ type: 'lineage', uri: message.image.uri });
        }
        this.renderResults();
        this.saveState();
        return;
      case 'runError':
        this.failed(message.runId, message.error, message.count);
        return;
      case 'compareImage':
        this.comparison.arrived(message.runId, message.model, { kind: 'image', card: message.image, elapsedMs: message.elapsedMs });
        this.renderResults();
        return;
      case 'compareError':
        this.comparison.arrived(message.runId, message.model, { kind: 'error', error: message.error });
        this.renderResults();
        return;
      case 'runFinished':
        this.comparison.finished(message.runId);
        if (this.run?.id === message.runId) {
          this.settleInstruction(this.run, message.outcome);
          this.run = undefined;
          if (message.outcome === 'cancelled') {
            this.show('info', this.strings.cancelled);
          }
          this.renderGenerate();
          this.renderResults();
        }
        return;
      case 'history':
        this.history.set(message.entries, message.more);
        return;
      case 'imageDeleted':
        this.comparison.forget(message.uri);
        this.results = this.results.filter((card) => card.uri !== message.uri);
        this.renderResults();
        this.history.forget(message.uri);
        this.saveState();
        return;
      case 'notice':
        this.show(message.level, message.message);
        return;
      case 'editSource':
        if (message.source) {
          this.enterEdit(message.source);
        } else {
          this.leaveEdit();
        }
        return;
      case 'lineage':
        this.lineage.show(message.uri, message.versions, message.inUse);
        return;
    }
  }

  /** Edit mode on `source`: the prompt box becomes the instruction box, the controls those of editing. */
  private enterEdit(source: EditSourceView): void {
    const preferred = this.edit?.model()?.id;
    if (!this.edit) {
      this.generatePrompt = this.page.prompt.value;
      this.page.prompt.value = '';
    }
    this.edit?.dispose();
    this.edit = new EditMode(
      source,
      {
        models: this.models,
        strings: this.strings,
        changed: () => this.renderControls(),
        pick: () => post({ type: 'pickEditSource' }),
        leave: () => post({ type: 'leaveEdit' }),
      },
      preferred,
    );
    this.renderControls();
    this.page.prompt.focus();
    this.saveState();
  }

  private leaveEdit(): void {
    if (!this.edit) {
      return;
    }
    this.edit.dispose();
    this.edit = undefined;
    this.page.prompt.value = this.generatePrompt;
    this.renderControls();
    this.saveState();
  }

  /** Edit the source with the instruction in the box (and the mask, where the model takes one). */
  private async startEdit(): Promise<void> {
    const instruction = this.page.prompt.value.trim();
    const request = instruction && !this.run ? await this.edit?.request(instruction) : undefined;
    if (request) {
      this.sendEdit({ type: 'edit', request }, { text: instruction });
    }
  }

  /**
   * The next instruction for an edited image, with the model chosen in edit mode (so a gpt-image-2 version can be
   * refined by Gemini), else the image's own model if it edits.
   */
  private refine(card: ImageCard, instruction: string): void {
    const own = this.models.find((m) => m.id === card.model && m.edit);
    const model = this.edit?.model()?.id ?? own?.id ?? this.models.find((m) => m.edit)?.id;
    if (model) {
      this.sendEdit({ type: 'refine', request: { version: card.uri, model, instruction, options: this.edit?.optionsFor(model) ?? {} } }, { text: instruction, card: card.uri });
    }
  }

  /** An edit or refine starts as a run of one image; its error card's Retry sends it again. */
  private sendEdit(
    message: Omit<Extract<WebviewMessage, { type: 'edit' }>, 'runId'> | Omit<Extract<WebviewMessage, { type: 'refine' }>, 'runId'>,
    instruction: SentInstruction,
  ): void {
    if (this.run) {
      return;
    }
    if (instruction.card !== undefined) {
      this.refineDrafts.set(instruction.card, instruction.text);
    }
    const runId = newId();
    this.start(
      { id: runId, request: undefined, expected: 1, arrived: 0, failed: 0, again: () => this.sendEdit(message, instruction), instruction },
      { ...message, runId } as Extract<WebviewMessage, { type: 'edit' | 'refine' }>,
    );
  }

  /** The box an edit or refine came from is emptied when it succeeded and kept when it did not. */
  private settleInstruction(run: Run, outcome: 'done' | 'failed' | 'cancelled'): void {
    const sent = run.instruction;
    if (!sent) {
      return;
    }
    if (sent.card !== undefined) {
      const left = instructionAfterRun(outcome, sent.text, this.refineDrafts.get(sent.card) ?? '');
      if (left) {
        this.refineDrafts.set(sent.card, left);
      } else {
        this.refineDrafts.delete(sent.card);
      }
    } else if (this.edit) {
      this.page.prompt.value = instructionAfterRun(outcome, sent.text, this.page.prompt.value);
      this.promptEdited();
    }
  }

  /** Generate, or Cancel while a run is going (Ctrl+Enter, the button). */
  generate(request?: GenerateRequest): void {
    // A half-streamed improvement is not what the user asked for: the original prompt is generated.
    this.improving.stop();
    if (!request && this.edit) {
      void this.startEdit();
      return;
    }
    if (!request && this.comparison.enabled) {
      this.compare(this.compareRequest());
      return;
    }
    request ??= this.request();
    if (this.run || !request) {
      return;
    }
    const runId = newId();
    this.start({ id: runId, request, expected: request.choices.count, arrived: 0, failed: 0 }, { type: 'generate', runId, request });
  }

  private compare(request: CompareRequest | undefined, only?: string): void {
    if (this.run || !request) {
      return;
    }
    const runId = newId();
    if (only) {
      this.comparison.restart(only, runId);
    } else {
      this.comparison.start(runId, request, this.models);
    }
    this.start({ id: runId, request: undefined, expected: 0, arrived: 0, failed: 0 }, { type: 'compare', runId, request });
  }

  /** The one way a generation or comparison starts: the run is noted, the host told, and the page shows it. */
  private start(run: Run, message: Extract<WebviewMessage, { type: 'generate' | 'compare' | 'edit' | 'refine' }>): void {
    this.run = run;
    post(message);
    this.notices.clear();
    this.renderGenerate();
    this.renderResults();
    this.revealResults();
  }

  private promptEdited(): void {
    this.renderGenerate();
    this.saveState();
  }

  private model(): ModelSpec {
    return this.models.find((model) => model.id === this.choices.model) ?? this.models[0]!;
  }

  private changeChoices(choices: StudioChoices): void {
    this.choices = choices;
    clearTimeout(this.choicesTimer);
    this.choicesTimer = setTimeout(() => post({ type: 'choicesChanged', choices }), 250);
    this.renderControls();
  }

  /** What Generate would send now, or undefined when the prompt is empty or too long. */
  private request(): GenerateRequest | undefined {
    const prompt = this.page.prompt.value.trim();
    const model = this.model();
    if (!prompt || promptLength(prompt) > model.promptMaxLength) {
      return undefined;
    }
    const referenceIds = this.references.slice(0, model.references.max).map((reference) => reference.id);
    return { prompt, choices: this.choices, referenceIds };
  }

  /** The comparison Generate would send now, or undefined. */
  private compareRequest(): CompareRequest | undefined {
    return this.comparison.request(this.page.prompt.value, this.choices, this.references.map((reference) => reference.id), this.models);
  }

  /** One column of the comparison again, with the choices of now. */
  private retryCompared(model: string): void {
    const request = this.compareRequest();
    if (request) {
      this.compare({ ...request, models: [model] }, model);
    }
  }

  /** In the one-column layout the results are below the controls: bring the first card into view. */
  private revealResults(): void {
    const first = this.page.results.firstElementChild;
    if (first && first.getBoundingClientRect().top > window.innerHeight) {
      first.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    }
  }

  private failed(runId: string, error: ErrorView, count: number): void {
    const run = this.run?.id === runId ? this.run : undefined;
    if (run) {
      run.failed += count;
    }
    const same = this.failures.find((f) => f.runId === runId && f.error.message === error.message);
    if (same) {
      same.count += count;
    } else {
      this.failures = [{ id: newId(), runId, error, count, request: run?.request, again: run?.again }, ...this.failures];
    }
    this.renderResults();
  }

  private retry(failure: FailedRequests): void {
    if (!this.run && failure.again) {
      this.failures = this.failures.filter((f) => f !== failure);
      failure.again();
      return;
    }
    if (this.run || !failure.request) {
      return;
    }
    this.failures = this.failures.filter((f) => f !== failure);
    this.generate({ ...failure.request, choices: { ...failure.request.choices, count: failure.count } });
  }

  private reuse(card: ReusableSettings): void {
    const model = this.models.find((m) => m.id === card.model);
    if (!model) {
      return;
    }
    const options = { ...this.choices.options, [model.id]: card.options };
    this.changeChoices(settleChoices(model, { ...this.choices, model: model.id, aspectRatio: card.aspectRatio, resolution: card.resolution, options }));
    this.page.prompt.value = card.prompt;
    this.page.prompt.focus();
    this.page.prompt.scrollIntoView({ block: 'center' });
    this.promptEdited();
    this.show('info', this.strings.reused);
  }

  private show(level: Level, message: string): void {
    this.notices.show(level, message);
  }

  private saveState(): void {
    saveState({ prompt: this.page.prompt.value, resultUris: this.results.map((card) => card.uri) });
  }

  private controlsContext(): ControlsContext {
    return { models: this.models, model: this.model(), strings: this.strings, choices: this.choices, change: (choices) => this.changeChoices(choices) };
  }

  private cardContext(): CardContext {
    return {
      strings: this.strings,
      modelLabel: (id) => this.models.find((model) => model.id === id)?.label ?? id,
      act: (action, card) => post({ type: 'imageAction', action, uri: card.uri }),
      reuse: (card) => this.reuse(card),
      referencesPossible: this.models.some((model) => model.references.max > 0),
      ...(this.models.some((model) => model.edit)
        ? {
            edit: (card: ImageCard) => post({ type: 'openEdit', uri: card.uri }),
            refine: (card: ImageCard, instruction: string) => this.refine(card, instruction),
            refineDraft: (card: ImageCard) => this.refineDrafts.get(card.uri) ?? '',
            versions: (card: ImageCard) => post({ type: 'lineage', uri: card.uri }),
          }
        : {}),
    };
  }

  private renderControls(): void {
    const editing = !!this.edit;
    for (const slot of [this.page.slots.compare, this.page.slots.references, this.page.slots.size, this.page.slots.count]) {
      slot.hidden = editing;
    }
    this.page.slots.edit.hidden = !editing;
    this.page.slots.editSource.hidden = !editing;
    this.page.promptLabel.textContent = editing ? this.strings.editInstruction : this.strings.prompt;
    this.page.dropHint.textContent = editing ? this.strings.editDropHere : this.strings.dropHere;
    this.page.prompt.placeholder = editing ? this.strings.editInstructionPlaceholder : this.strings.promptPlaceholder;
    this.page.showShortcut(editing ? this.strings.editShortcut : this.strings.generateShortcut);
    if (this.edit) {
      replaceChildren(this.page.slots.edit, [this.edit.header()]);
      replaceChildren(this.page.slots.editSource, [this.edit.sourceField()]);
      replaceChildren(this.page.slots.model, [this.edit.modelField()]);
      replaceChildren(this.page.slots.options, this.edit.optionFields());
      this.renderGenerate();
      return;
    }
    replaceChildren(this.page.slots.edit, []);
    replaceChildren(this.page.slots.editSource, []);
    const ctx = this.controlsContext();
    const notify = (level: Level, message: string) => this.show(level, message);
    replaceChildren(this.page.slots.model, [modelField(ctx)]);
    replaceChildren(this.page.slots.compare, [
      this.comparison.field({
        models: this.models,
        strings: ctx.strings,
        choices: ctx.choices,
        referenceCount: this.references.length,
        changed: () => this.renderControls(),
        warn: (message) => this.show('warning', message),
      }),
    ]);
    replaceChildren(this.page.slots.references, [referencesField({ model: ctx.model, strings: ctx.strings, references: this.references, notify })]);
    replaceChildren(this.page.slots.size, sizeFields(ctx));
    replaceChildren(this.page.slots.options, optionFields(ctx));
    replaceChildren(this.page.slots.count, [countField(ctx)]);
    // One image per model in compare mode.
    this.page.slots.count.hidden = this.comparison.enabled;
    this.renderGenerate();
  }

  private renderGenerate(): void {
    const { strings, page } = this;
    const model = this.model();
    const editModel = this.edit?.model();
    const length = promptLength(page.prompt.value);
    const tooLong = length > (editModel ?? model).promptMaxLength;
    page.promptCount.textContent = format(strings.promptCount, length, (editModel ?? model).promptMaxLength);
    page.promptCount.classList.toggle('over', tooLong);
    page.promptProblem.textContent = tooLong ? strings.promptTooLong : '';
    page.prompt.setAttribute('aria-invalid', tooLong ? 'true' : 'false');
    const button = page.generate;
    const idle = this.edit ? [icon('edit'), h('span', {}, strings.edit)] : [icon('sparkle'), h('span', {}, strings.generate)];
    replaceChildren(button, this.run ? [icon('debug-stop'), h('span', {}, strings.cancel)] : idle);
    button.classList.toggle('running', !!this.run);
    const ready = this.edit ? !!editModel && length > 0 && !tooLong : !!(this.comparison.enabled ? this.compareRequest() : this.request());
    button.disabled = !this.run && !ready;
    page.progress.hidden = !this.run;
  }

  private renderTarget(): void {
    const text = this.target ? format(this.strings.linksGoTo, this.target) : this.strings.linksToClipboard;
    replaceChildren(this.page.target, [icon(this.target ? 'file' : 'clippy'), h('span', {}, text)]);
  }

  private renderResults(): void {
    const ctx = this.cardContext();
    const { strings } = ctx;
    const run = this.run;
    const pending = run ? Math.max(0, run.expected - run.arrived - run.failed) : 0;
    const ratio = run?.request?.choices.aspectRatio ?? this.choices.aspectRatio;
    const failures = this.failures.map((failure) =>
      errorCardView({
        id: failure.id,
        error: failure.error,
        count: failure.count,
        strings,
        retry: () => this.retry(failure),
        action: (actionId) => post({ type: 'errorAction', actionId }),
        dismiss: () => {
          this.failures = this.failures.filter((f) => f !== failure);
          this.renderResults();
        },
      }),
    );
    const compared = this.comparison.uris();
    const row = this.comparison.row(ctx, {
      retry: (model) => this.retryCompared(model),
      dismiss: (model) => {
        this.comparison.drop(model);
        this.renderResults();
      },
      errorAction: (actionId) => post({ type: 'errorAction', actionId }),
    });
    const cards = [
      row,
      ...failures,
      ...Array.from({ length: pending }, () => pendingCardView(strings, ratio)),
      ...this.results.filter((card) => !compared.has(card.uri)).map((card) => imageCardView(card, ctx, false)),
    ].filter((card): card is HTMLElement => !!card);
    replaceChildren(this.page.results, cards.length ? cards : [h('p', { className: 'empty' }, icon('device-camera'), h('span', {}, strings.resultsEmpty))]);
  }
}
