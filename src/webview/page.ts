import { format } from '../shared/studioChoices';
import type { StudioStrings } from '../shared/studioProtocol';
import { h, icon, replaceChildren } from './dom';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export interface PageActions {
  readonly generate: () => void;
  readonly promptChanged: () => void;
}

/** The parts of the page that are built once; the sections inside the slots are redrawn. */
export class Page {
  readonly prompt: HTMLTextAreaElement;
  readonly promptCount: HTMLElement;
  readonly promptProblem: HTMLElement;
  readonly generate: HTMLButtonElement;
  readonly progress: HTMLElement;
  readonly target: HTMLElement;
  readonly notice: HTMLElement;
  readonly results: HTMLElement;
  readonly history: HTMLElement;
  readonly historyCount: HTMLElement;
  /** An empty element after the history: when it scrolls into view, older images are asked for. */
  readonly historyEnd: HTMLElement;
  /** "Ctrl+Enter generates", or "… edits" in edit mode. */
  private readonly shortcut: HTMLElement;
  /** The prompt's label: "Prompt", or "Instruction" in edit mode. */
  readonly promptLabel: HTMLLabelElement;
  /** Above the results: the versions of the selected image and their comparison. */
  readonly lineage = h('div', { className: 'lineage-slot' });
  /** What a drop does now: add references, or in edit mode choose the image edited. */
  readonly dropHint = h('span', {});
  readonly slots = {
    /** Edit mode's header: the source's name, another image, back to generating; empty when generating. */
    edit: h('div', { className: 'edit-slot' }),
    model: h('div'),
    /** Edit mode's source under the mask painter, below the model picker (which decides whether there is a mask). */
    editSource: h('div', { className: 'edit-slot' }),
    compare: h('div'),
    references: h('div'),
    size: h('div', { className: 'size-fields' }),
    options: h('div', { className: 'option-fields' }),
    count: h('div'),
    /** Beside the prompt's label: Improve Prompt. */
    promptTools: h('div', { className: 'prompt-tools' }),
  };

  constructor(root: HTMLElement, strings: StudioStrings, actions: PageActions) {
    this.prompt = h('textarea', {
      attrs: { id: 'prompt', rows: 5, placeholder: strings.promptPlaceholder, 'aria-describedby': 'prompt-count prompt-problem', spellcheck: 'true' },
      on: { input: actions.promptChanged },
    });
    this.promptCount = h('span', { className: 'prompt-count', attrs: { id: 'prompt-count', 'aria-live': 'off' } });
    this.promptProblem = h('span', { className: 'prompt-problem', attrs: { id: 'prompt-problem', role: 'status' } });
    this.generate = h('button', { className: 'button primary generate', attrs: { id: 'generate', type: 'button' }, on: { click: actions.generate } });
    this.progress = h('span', { className: 'progress', attrs: { hidden: true } }, icon('loading', 'codicon-modifier-spin'), h('span', {}, strings.pending));
    this.target = h('p', { className: 'target hint' });
    this.notice = h('div', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.results = h('div', { className: 'results grid', attrs: { id: 'results', 'aria-labelledby': 'results-label' } });
    this.history = h('div', { className: 'history-list', attrs: { id: 'history' } });
    this.historyCount = h('span', { className: 'badge' });
    this.historyEnd = h('div', { className: 'history-end', attrs: { 'aria-hidden': 'true' } });
    this.shortcut = h('span', { className: 'shortcut' });
    this.showShortcut(strings.generateShortcut);
    this.promptLabel = h('label', { className: 'field-label', attrs: { for: 'prompt' } }, strings.prompt);
    replaceChildren(root, [
      h('h1', { className: 'visually-hidden' }, strings.title),
      h(
        'section',
        { className: 'controls', attrs: { 'aria-label': strings.title } },
        this.slots.edit,
        this.slots.model,
        this.slots.editSource,
        this.slots.compare,
        h(
          'div',
          { className: 'field' },
          h('div', { className: 'prompt-label-row' }, this.promptLabel, this.slots.promptTools),
          this.prompt,
          h('div', { className: 'prompt-meta hint' }, this.promptCount, this.promptProblem, this.shortcut),
        ),
        this.slots.references,
        this.slots.size,
        this.slots.options,
        this.slots.count,
        h('div', { className: 'generate-bar' }, this.generate, this.progress),
      ),
      h(
        'section',
        { className: 'output', attrs: { 'aria-labelledby': 'results-label' } },
        h('div', { className: 'output-header' }, h('h2', { attrs: { id: 'results-label' } }, strings.results), this.target),
        this.notice,
        this.lineage,
        this.results,
        h(
          'details',
          { className: 'history', attrs: { open: true } },
          h('summary', {}, h('h2', {}, strings.history), this.historyCount),
          this.history,
          this.historyEnd,
        ),
      ),
      h('div', { className: 'drop-overlay', attrs: { 'aria-hidden': 'true' } }, icon('cloud-upload'), this.dropHint),
    ]);
  }

  /** `template` is a shortcut string with `{0}` for the platform's modifier key. */
  showShortcut(template: string): void {
    this.shortcut.textContent = format(template, isMac ? '⌘' : 'Ctrl');
  }
}
