import type { ModelSpec } from '../core/catalog/modelSpec';
import { format, promptLength, settleChoices } from '../shared/studioChoices';
import type {
  CompareRequest,
  ErrorView,
  GenerateRequest,
  HostMessage,
  ImageAction,
  ImageCard,
  ReferenceView,
  ReusableSettings,
  StudioChoices,
  StudioStrings,
} from '../shared/studioProtocol';
import { Comparison } from './compare';
import { errorCardView, imageCardView, pendingCardView, type CardContext } from './cards';
import { countField, modelField, optionFields, sizeFields, type ControlsContext } from './controls';
import { h, icon, iconButton, replaceChildren } from './dom';
import { PromptImproving } from './improvePrompt';
import { listenForReferenceImages, referencesField } from './references';
import { Page } from './page';
import { onHostMessage, post, savedState, saveState } from './vscodeApi';

type Level = 'info' | 'warning' | 'error';

interface Run {
  readonly id: string;
  readonly request: GenerateRequest | undefined;
  expected: number;
  arrived: number;
  failed: number;
}

interface FailedRequests {
  readonly id: string;
  readonly runId: string;
  readonly error: ErrorView;
  count: number;
  readonly request: GenerateRequest | undefined;
}

/** How long an informational notice stays; warnings and errors stay until dismissed or replaced. */
const INFO_NOTICE_MS = 6000;

const newId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** The Image Studio page: state from the host's `init`, redrawn section by section as it changes. */
class Studio {
  private models: ModelSpec[] = [];
  private strings: StudioStrings | undefined;
  private choices: StudioChoices | undefined;
  private references: ReferenceView[] = [];
  private results: ImageCard[] = [];
  private history: ImageCard[] = [];
  /** The host has older images beyond `history`; cleared while one `moreHistory` is on its way. */
  private historyMore = false;
  private historyEndObserver: IntersectionObserver | undefined;
  private failures: FailedRequests[] = [];
  private run: Run | undefined;
  private target: string | undefined;
  private notice: { level: Level; message: string } | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private choicesTimer: ReturnType<typeof setTimeout> | undefined;
  private page: Page | undefined;
  private improving: PromptImproving | undefined;
  private readonly comparison = new Comparison();

  constructor(private readonly root: HTMLElement) {
    onHostMessage((message) => this.receive(message));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.generate();
      }
    });
    listenForReferenceImages(() =>
      this.strings ? { model: this.model(), strings: this.strings, notify: (level: Level, message: string) => this.show(level, message) } : undefined,
    );
    post({ type: 'ready', state: savedState() });
  }

  private receive(message: HostMessage): void {
    if (this.improving?.receive(message)) {
      return;
    }
    switch (message.type) {
      case 'init':
        this.models = message.models;
        this.strings = message.strings;
        this.choices = message.choices;
        this.references = message.references;
        this.results = message.results;
        this.history = message.history;
        this.historyMore = message.historyMore;
        this.target = message.target;
        this.run = message.running ? { id: message.running, request: undefined, expected: 0, arrived: 0, failed: 0 } : undefined;
        this.page = new Page(this.root, message.strings, {
          generate: () => (this.run ? post({ type: 'cancel', runId: this.run.id }) : this.generate()),
          promptChanged: () => {
            this.renderGenerate();
            this.saveState();
          },
        });
        this.page.prompt.value = message.prompt;
        this.watchHistoryEnd(this.page.historyEnd);
        this.improving = new PromptImproving(this.page.prompt, message.strings, {
          model: () => this.model().id,
          changed: () => {
            this.renderGenerate();
            this.saveState();
          },
          notify: (level, text) => this.show(level, text),
        });
        this.page.slots.promptTools.replaceChildren(this.improving.button);
        this.root.setAttribute('aria-busy', 'false');
        this.renderAll();
        this.saveState();
        return;
      case 'applySettings':
        this.reuse(message.settings);
        return;
      case 'setPrompt':
        if (this.page) {
          this.page.prompt.value = message.prompt;
          this.page.prompt.focus();
          this.renderGenerate();
          this.saveState();
        }
        return;
      case 'references':
        this.references = message.references;
        if (message.fromCommand && message.references.length && this.model().references.max === 0) {
          const taker = this.models.find((model) => model.references.max > 0);
          if (taker && this.choices) {
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
          this.run = undefined;
          if (message.outcome === 'cancelled') {
            this.show('info', this.strings?.cancelled ?? '');
          }
          this.renderGenerate();
          this.renderResults();
        }
        return;
      case 'history':
        this.history = message.entries;
        this.historyMore = message.more;
        this.renderHistory();
        return;
      case 'imageDeleted':
        this.comparison.forget(message.uri);
        this.results = this.results.filter((card) => card.uri !== message.uri);
        this.history = this.history.filter((card) => card.uri !== message.uri);
        this.renderResults();
        this.renderHistory();
        this.saveState();
        return;
      case 'notice':
        this.show(message.level, message.message);
        return;
    }
  }

  private model(): ModelSpec {
    return this.models.find((model) => model.id === this.choices?.model) ?? this.models[0]!;
  }

  private changeChoices(choices: StudioChoices): void {
    this.choices = choices;
    clearTimeout(this.choicesTimer);
    this.choicesTimer = setTimeout(() => post({ type: 'choicesChanged', choices }), 250);
    this.renderControls();
  }

  /** What Generate would send now, or undefined when the prompt is empty or too long. */
  private request(): GenerateRequest | undefined {
    const prompt = this.page?.prompt.value.trim() ?? '';
    const model = this.model();
    if (!this.choices || !prompt || promptLength(prompt) > model.promptMaxLength) {
      return undefined;
    }
    const referenceIds = this.references.slice(0, model.references.max).map((reference) => reference.id);
    return { prompt, choices: this.choices, referenceIds };
  }

  /** The comparison Generate would send now, or undefined. */
  private compareRequest(): CompareRequest | undefined {
    if (!this.choices || !this.page) {
      return undefined;
    }
    return this.comparison.request(this.page.prompt.value, this.choices, this.references.map((reference) => reference.id), this.models);
  }

  private generate(request?: GenerateRequest): void {
    // A half-streamed improvement is not what the user asked for: the original prompt is generated.
    this.improving?.stop();
    request ??= this.comparison.enabled ? undefined : this.request();
    if (!request && this.comparison.enabled) {
      this.compare(this.compareRequest());
      return;
    }
    if (this.run || !request) {
      return;
    }
    const runId = newId();
    this.run = { id: runId, request, expected: request.choices.count, arrived: 0, failed: 0 };
    this.notice = undefined;
    post({ type: 'generate', runId, request });
    this.renderNotice();
    this.renderGenerate();
    this.renderResults();
    this.revealResults();
  }

  private compare(request: CompareRequest | undefined, only?: string): void {
    if (this.run || !request) {
      return;
    }
    const runId = newId();
    this.run = { id: runId, request: undefined, expected: 0, arrived: 0, failed: 0 };
    if (only) {
      this.comparison.restart(only, runId);
    } else {
      this.comparison.start(runId, request, this.models);
    }
    this.notice = undefined;
    post({ type: 'compare', runId, request });
    this.renderNotice();
    this.renderGenerate();
    this.renderResults();
    this.revealResults();
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
    const first = this.page?.results.firstElementChild;
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
      this.failures = [{ id: newId(), runId, error, count, request: run?.request }, ...this.failures];
    }
    this.renderResults();
  }

  private retry(failure: FailedRequests): void {
    if (this.run || !failure.request) {
      return;
    }
    this.failures = this.failures.filter((f) => f !== failure);
    this.generate({ ...failure.request, choices: { ...failure.request.choices, count: failure.count } });
  }

  private reuse(card: ReusableSettings): void {
    const model = this.models.find((m) => m.id === card.model);
    if (!model || !this.choices || !this.page) {
      return;
    }
    const options = { ...this.choices.options, [model.id]: card.options };
    this.changeChoices(settleChoices(model, { ...this.choices, model: model.id, aspectRatio: card.aspectRatio, resolution: card.resolution, options }));
    this.page.prompt.value = card.prompt;
    this.page.prompt.focus();
    this.page.prompt.scrollIntoView({ block: 'center' });
    this.renderGenerate();
    this.saveState();
    this.show('info', this.strings?.reused ?? '');
  }

  private act(action: ImageAction, card: ImageCard): void {
    post({ type: 'imageAction', action, uri: card.uri });
  }

  private show(level: Level, message: string): void {
    clearTimeout(this.noticeTimer);
    this.notice = { level, message };
    if (level === 'info') {
      this.noticeTimer = setTimeout(() => {
        this.notice = undefined;
        this.renderNotice();
      }, INFO_NOTICE_MS);
    }
    this.renderNotice();
  }

  private saveState(): void {
    saveState({ prompt: this.page?.prompt.value ?? '', resultUris: this.results.map((card) => card.uri) });
  }

  private renderAll(): void {
    this.renderControls();
    this.renderTarget();
    this.renderNotice();
    this.renderResults();
    this.renderHistory();
  }

  private controlsContext(): ControlsContext | undefined {
    if (!this.strings || !this.choices) {
      return undefined;
    }
    return { models: this.models, model: this.model(), strings: this.strings, choices: this.choices, change: (choices) => this.changeChoices(choices) };
  }

  private cardContext(): CardContext | undefined {
    if (!this.strings) {
      return undefined;
    }
    return {
      strings: this.strings,
      modelLabel: (id) => this.models.find((model) => model.id === id)?.label ?? id,
      act: (action, card) => this.act(action, card),
      reuse: (card) => this.reuse(card),
      referencesPossible: this.models.some((model) => model.references.max > 0),
    };
  }

  private renderControls(): void {
    const ctx = this.controlsContext();
    if (!ctx || !this.page) {
      return;
    }
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
    if (!this.page || !this.strings) {
      return;
    }
    const { strings } = this;
    const model = this.model();
    const length = promptLength(this.page.prompt.value);
    const tooLong = length > model.promptMaxLength;
    this.page.promptCount.textContent = format(strings.promptCount, length, model.promptMaxLength);
    this.page.promptCount.classList.toggle('over', tooLong);
    this.page.promptProblem.textContent = tooLong ? strings.promptTooLong : '';
    this.page.prompt.setAttribute('aria-invalid', tooLong ? 'true' : 'false');
    const button = this.page.generate;
    replaceChildren(button, this.run ? [icon('debug-stop'), h('span', {}, strings.cancel)] : [icon('sparkle'), h('span', {}, strings.generate)]);
    button.classList.toggle('running', !!this.run);
    button.disabled = !this.run && !(this.comparison.enabled ? this.compareRequest() : this.request());
    this.page.progress.hidden = !this.run;
  }

  private renderTarget(): void {
    if (!this.page || !this.strings) {
      return;
    }
    const text = this.target ? format(this.strings.linksGoTo, this.target) : this.strings.linksToClipboard;
    replaceChildren(this.page.target, [icon(this.target ? 'file' : 'clippy'), h('span', {}, text)]);
  }

  private renderNotice(): void {
    if (!this.page || !this.strings) {
      return;
    }
    const notice = this.notice;
    const iconName = notice?.level === 'error' ? 'error' : notice?.level === 'warning' ? 'warning' : 'info';
    this.page.notice.className = `notice ${notice?.level ?? ''}`;
    replaceChildren(
      this.page.notice,
      notice
        ? [
            icon(iconName),
            h('span', { className: 'notice-text' }, notice.message),
            iconButton(this.strings.dismiss, 'close', () => {
              this.notice = undefined;
              this.renderNotice();
            }),
          ]
        : [],
    );
  }

  private renderResults(): void {
    const ctx = this.cardContext();
    if (!ctx || !this.page || !this.strings) {
      return;
    }
    const { strings } = ctx;
    const run = this.run;
    const pending = run ? Math.max(0, run.expected - run.arrived - run.failed) : 0;
    const ratio = run?.request?.choices.aspectRatio ?? this.choices?.aspectRatio ?? '1:1';
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

  /** Asks for the next page of history whenever the end of the list comes into view and more is there. */
  private watchHistoryEnd(end: HTMLElement): void {
    this.historyEndObserver?.disconnect();
    this.historyEndObserver = new IntersectionObserver((seen) => {
      if (this.historyMore && seen.some((entry) => entry.isIntersecting)) {
        this.historyMore = false;
        post({ type: 'moreHistory' });
      }
    });
    this.historyEndObserver.observe(end);
  }

  private renderHistory(): void {
    const ctx = this.cardContext();
    if (!ctx || !this.page) {
      return;
    }
    this.page.historyCount.textContent = String(this.history.length);
    replaceChildren(
      this.page.history,
      this.history.length ? this.history.map((card) => imageCardView(card, ctx, true)) : [h('p', { className: 'empty' }, ctx.strings.historyEmpty)],
    );
    // Observing again reports the end's visibility now: a short page that leaves it in view asks for the next.
    this.historyEndObserver?.unobserve(this.page.historyEnd);
    this.historyEndObserver?.observe(this.page.historyEnd);
  }
}

/** What the page shows before `init` arrives, from the JSON the host wrote into it. */
function showLoading(root: HTMLElement): void {
  const boot = document.getElementById('studio-boot')?.textContent;
  const parsed: unknown = boot ? JSON.parse(boot) : undefined;
  const loading = parsed && typeof parsed === 'object' && 'loading' in parsed && typeof parsed.loading === 'string' ? parsed.loading : '';
  replaceChildren(root, [h('p', { className: 'loading' }, icon('loading', 'codicon-modifier-spin'), h('span', {}, loading))]);
}

const root = document.getElementById('studio');
if (root) {
  showLoading(root);
  new Studio(root);
}
