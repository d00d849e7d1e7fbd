import type { ModelSpec } from '../core/catalog/modelSpec';
import { comparedChoices, format, promptLength } from '../shared/studioChoices';
import { MAX_COMPARED_MODELS, type CompareRequest, type ErrorView, type ImageCard, type StudioChoices, type StudioStrings } from '../shared/studioProtocol';
import { errorCardView, imageCardView, pendingCardView, type CardContext } from './cards';
import { h, icon } from './dom';

/**
 * Compare mode: up to four models ticked, one Generate to all of them at once, their images side by side in one
 * row, each column labelled with its model and the seconds it took.
 */

type ColumnState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'image'; readonly card: ImageCard; readonly elapsedMs: number }
  | { readonly kind: 'error'; readonly error: ErrorView }
  | { readonly kind: 'cancelled' };

interface Column {
  readonly model: string;
  readonly aspectRatio: string;
  /** The run this column waits on; a retried column has its own. */
  runId: string;
  state: ColumnState;
}

export interface RowHandlers {
  readonly retry: (model: string) => void;
  readonly dismiss: (model: string) => void;
  readonly errorAction: (actionId: string) => void;
}

export interface CompareContext {
  readonly models: readonly ModelSpec[];
  readonly strings: StudioStrings;
  readonly choices: StudioChoices;
  /** Attached reference images, to say which models will not get them. */
  readonly referenceCount: number;
  /** Called after a tick changed, to redraw what depends on it. */
  readonly changed: () => void;
  readonly warn: (message: string) => void;
}

const seconds = new Intl.NumberFormat(document.documentElement.lang || undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export class Comparison {
  enabled = false;
  private ticked: string[] = [];
  private columns: Column[] = [];

  /** The ticked models still in the catalog, in the order they were ticked. */
  models(models: readonly ModelSpec[]): ModelSpec[] {
    return this.ticked.flatMap((id) => models.filter((model) => model.id === id));
  }

  /** Compare mode on or off; turning it on starts with the model of the controls ticked. */
  toggle(on: boolean, current: string): void {
    this.enabled = on;
    if (on && this.ticked.length === 0) {
      this.ticked = [current];
    }
  }

  /** Ticks or unticks a model; a tick beyond the limit is refused and says why. */
  tick(model: ModelSpec, on: boolean, ctx: CompareContext): boolean {
    if (!on) {
      this.ticked = this.ticked.filter((id) => id !== model.id);
      return true;
    }
    if (this.ticked.length >= MAX_COMPARED_MODELS) {
      ctx.warn(format(ctx.strings.compareLimit, MAX_COMPARED_MODELS, model.label));
      return false;
    }
    this.ticked = [...this.ticked.filter((id) => id !== model.id), model.id];
    return true;
  }

  /** What Generate sends in compare mode, or undefined when nothing is ticked or the prompt does not fit one of them. */
  request(prompt: string, choices: StudioChoices, referenceIds: readonly string[], models: readonly ModelSpec[]): CompareRequest | undefined {
    const chosen = this.models(models);
    const trimmed = prompt.trim();
    if (!chosen.length || !trimmed || chosen.some((model) => promptLength(trimmed) > model.promptMaxLength)) {
      return undefined;
    }
    return { prompt: trimmed, models: chosen.map((model) => model.id), choices, referenceIds: [...referenceIds] };
  }

  /** A new comparison row, one pending column per model. */
  start(runId: string, request: CompareRequest, models: readonly ModelSpec[]): void {
    this.columns = request.models.flatMap((id) => {
      const model = models.find((m) => m.id === id);
      return model ? [{ model: id, aspectRatio: comparedChoices(model, request.choices).choices.aspectRatio, runId, state: { kind: 'pending' } as const }] : [];
    });
  }

  /** One model's column waits again, under a new run. */
  restart(model: string, runId: string): void {
    const column = this.columns.find((c) => c.model === model);
    if (column) {
      column.runId = runId;
      column.state = { kind: 'pending' };
    }
  }

  arrived(runId: string, model: string, state: ColumnState): void {
    const column = this.columns.find((c) => c.runId === runId && c.model === model);
    if (column) {
      column.state = state;
    }
  }

  /** The run ended: columns still waiting on it were cancelled. */
  finished(runId: string): void {
    for (const column of this.columns) {
      if (column.runId === runId && column.state.kind === 'pending') {
        column.state = { kind: 'cancelled' };
      }
    }
  }

  forget(uri: string): void {
    this.columns = this.columns.filter((c) => c.state.kind !== 'image' || c.state.card.uri !== uri);
  }

  /** The images shown in the row, so the results grid does not show them twice. */
  uris(): Set<string> {
    return new Set(this.columns.flatMap((c) => (c.state.kind === 'image' ? [c.state.card.uri] : [])));
  }

  hasRow(): boolean {
    return this.columns.length > 0;
  }

  /** The checkbox, and when on, the models to tick with the values each will get. */
  field(ctx: CompareContext): HTMLElement {
    const toggle = h('input', {
      focusKey: 'compare-mode',
      attrs: { id: 'compare-mode', type: 'checkbox', checked: this.enabled },
      on: {
        change: () => {
          this.toggle(toggle.checked, ctx.choices.model);
          ctx.changed();
        },
      },
    });
    const head = h('label', { className: 'checkbox compare-toggle', attrs: { for: 'compare-mode' } }, toggle, icon('split-horizontal'), h('span', {}, ctx.strings.compare));
    if (!this.enabled) {
      return h('div', { className: 'field compare-field' }, head);
    }
    return h(
      'div',
      { className: 'field compare-field' },
      head,
      h(
        'fieldset',
        { className: 'compare-models', attrs: { 'aria-describedby': 'compare-hint' } },
        h('legend', { className: 'visually-hidden' }, ctx.strings.compare),
        ...ctx.models.map((model) => this.modelRow(model, ctx)),
      ),
      h('p', { className: 'hint', attrs: { id: 'compare-hint' } }, this.ticked.length ? format(ctx.strings.compareHint, MAX_COMPARED_MODELS) : ctx.strings.compareNone),
    );
  }

  private modelRow(model: ModelSpec, ctx: CompareContext): HTMLElement {
    const id = `compare-${model.id}`;
    const on = this.ticked.includes(model.id);
    const box = h('input', {
      focusKey: id,
      attrs: { id, type: 'checkbox', checked: on, value: model.id, 'aria-describedby': `${id}-values` },
      on: {
        change: () => {
          if (!this.tick(model, box.checked, ctx)) {
            box.checked = false;
          }
          ctx.changed();
        },
      },
    });
    const { choices, adjusted } = comparedChoices(model, ctx.choices);
    const values = on
      ? [
          h('span', { className: adjusted.includes('aspectRatio') ? 'adjusted' : '' }, choices.aspectRatio),
          ' · ',
          h('span', { className: adjusted.includes('resolution') ? 'adjusted' : '' }, choices.resolution),
          adjusted.length ? h('span', { className: 'adjusted-note' }, ` — ${ctx.strings.compareAdjusted}`) : null,
          ctx.referenceCount > 0 && model.references.max === 0 ? h('span', {}, ` — ${ctx.strings.compareNoReferences}`) : null,
        ]
      : [];
    return h(
      'div',
      { className: `compare-model${on ? ' on' : ''}` },
      h('label', { className: 'checkbox', attrs: { for: id } }, box, h('span', {}, model.label)),
      h('span', { className: 'hint compare-values', attrs: { id: `${id}-values` } }, ...values),
    );
  }

  /** The comparison row: one column per model, side by side. */
  row(ctx: CardContext, handlers: RowHandlers): HTMLElement | undefined {
    if (!this.columns.length) {
      return undefined;
    }
    const { strings } = ctx;
    const columns = this.columns.map((column) => {
      const time = column.state.kind === 'image' ? format(strings.seconds, seconds.format(column.state.elapsedMs / 1000)) : '';
      const head = h(
        'header',
        { className: 'compare-head' },
        h('span', { className: 'compare-model-name', attrs: { title: column.model } }, ctx.modelLabel(column.model)),
        time ? h('span', { className: 'compare-time' }, icon('watch'), h('span', {}, time)) : null,
      );
      const body = (() => {
        switch (column.state.kind) {
          case 'pending':
            return pendingCardView(strings, column.aspectRatio);
          case 'cancelled':
            return h('p', { className: 'empty' }, icon('debug-stop'), h('span', {}, strings.cancelled));
          case 'image':
            return imageCardView(column.state.card, ctx, false);
          case 'error':
            return errorCardView({
              id: `compare-${column.model}`,
              error: column.state.error,
              count: 1,
              strings,
              retry: () => handlers.retry(column.model),
              action: handlers.errorAction,
              dismiss: () => handlers.dismiss(column.model),
            });
        }
      })();
      return h('div', { className: 'compare-column', attrs: { role: 'group', 'aria-label': ctx.modelLabel(column.model), 'data-model': column.model } }, head, body);
    });
    const row = h('section', { className: 'compare-row', attrs: { 'aria-label': strings.compareRow } }, ...columns);
    row.style.setProperty('--compare-columns', String(this.columns.length));
    return row;
  }

  /** A column's error card is dismissed: the column goes. */
  drop(model: string): void {
    this.columns = this.columns.filter((c) => c.model !== model);
  }
}
