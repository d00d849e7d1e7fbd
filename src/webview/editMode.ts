import type { ModelSpec } from '../core/catalog/modelSpec';
import { format, requestOptions, settleChoices } from '../shared/studioChoices';
import type { EditSourceView, StudioChoices, StudioEditRequest, StudioStrings } from '../shared/studioProtocol';
import { optionFields } from './controls';
import { h, icon, textButton } from './dom';
import { MaskPainter, type MaskPainterStrings } from './maskPainter';
import { toBase64 } from './references';

/**
 * Edit mode's controls: the source, the models that can edit it (the others shown disabled, with the reason the
 * host's checks gave), the mask painter for models that take a mask, and the model's edit options. The prompt box
 * above Generate becomes the instruction box; the studio swaps these in and out.
 */

export interface EditModeContext {
  readonly models: readonly ModelSpec[];
  readonly strings: StudioStrings;
  /** The controls changed (a model, an option): the studio redraws them. */
  readonly changed: () => void;
  readonly pick: () => void;
  readonly leave: () => void;
}

/** The model as it edits: its edit page's options and count in place of generation's (as the core's `editingModel`). */
export function editingModel(model: ModelSpec): ModelSpec {
  return model.edit ? { ...model, options: model.edit.options ?? model.options, n: model.edit.n ?? model.n } : model;
}

export function maskStrings(strings: StudioStrings): MaskPainterStrings {
  return {
    mask: strings.maskTitle,
    canvas: strings.maskCanvas,
    tool: strings.maskTool,
    brush: strings.maskBrush,
    eraser: strings.maskEraser,
    pan: strings.maskPan,
    brushSize: strings.maskBrushSize,
    brushSizeValue: strings.maskBrushSizeValue,
    undo: strings.maskUndo,
    redo: strings.maskRedo,
    clear: strings.maskClear,
    invert: strings.maskInvert,
    zoomIn: strings.zoomIn,
    zoomOut: strings.zoomOut,
    zoomFit: strings.zoomFit,
    zoomActual: strings.zoomActual,
    zoomValue: strings.zoomValue,
  };
}

export class EditMode {
  private painter: MaskPainter | undefined;
  private choices: StudioChoices | undefined;

  constructor(
    readonly source: EditSourceView,
    private readonly ctx: EditModeContext,
    /** The model chosen before, if it still can edit this source. */
    preferred?: string,
  ) {
    const usable = source.models.filter((m) => !m.problem).map((m) => m.id);
    const first = usable.includes(preferred ?? '') ? preferred : usable[0];
    const model = ctx.models.find((m) => m.id === first);
    if (model) {
      this.choices = settleChoices(editingModel(model), { model: model.id, aspectRatio: model.aspectRatios[0]?.id ?? '1:1', resolution: model.resolutions[0]?.id ?? '1K', count: 1, options: {} });
    }
  }

  /** The edit model chosen, or undefined when no model can edit this source. */
  model(): ModelSpec | undefined {
    const found = this.choices && this.ctx.models.find((m) => m.id === this.choices!.model);
    return found && editingModel(found);
  }

  /** Whether the chosen model takes a mask and the source's pixel size is known. */
  maskOffered(): boolean {
    return !!this.model()?.edit?.mask && !!this.source.width && !!this.source.height;
  }

  /** The problem shown under the picker: why the chosen model (or every model) cannot edit the source. */
  problem(): string | undefined {
    if (!this.choices) {
      return this.source.models.find((m) => m.problem)?.problem;
    }
    return undefined;
  }

  /** The request for this instruction, with the mask painted (none when the painter is empty). */
  async request(instruction: string): Promise<StudioEditRequest | undefined> {
    const model = this.model();
    if (!model || !this.choices) {
      return undefined;
    }
    const painter = this.maskOffered() ? this.painter : undefined;
    const mask = painter && !painter.isEmpty() ? toBase64(await painter.exportPngBytes()) : undefined;
    return {
      source: this.source.uri,
      model: model.id,
      instruction,
      ...(mask ? { maskBase64: mask } : {}),
      options: requestOptions(model, this.choices.options[model.id] ?? {}),
    };
  }

  /** The options for a refine with the chosen model, or `model`'s defaults. */
  optionsFor(modelId: string): Record<string, string | number> {
    const model = this.ctx.models.find((m) => m.id === modelId);
    return model ? requestOptions(editingModel(model), this.choices?.options[modelId] ?? {}) : {};
  }

  /** The header: the source's name, another image, back to generating. */
  header(): HTMLElement {
    const { strings } = this.ctx;
    const size = this.source.width && this.source.height ? ` · ${this.source.width}×${this.source.height}` : '';
    return h(
      'div',
      { className: 'field edit-source-field' },
      h('div', { className: 'edit-head' }, h('h2', { className: 'field-label' }, icon('edit'), h('span', {}, strings.editMode)), h('span', { className: 'edit-file hint', attrs: { title: this.source.uri } }, `${this.source.fileName}${size}`)),
      h(
        'div',
        { className: 'edit-head-actions' },
        textButton(strings.pickEditSource, 'folder-opened', this.ctx.pick, 'button secondary', 'edit:pick'),
        textButton(strings.leaveEdit, 'arrow-left', this.ctx.leave, 'button secondary', 'edit:leave'),
      ),
    );
  }

  /** The model picker: only models that edit, those that cannot edit this source disabled with the reason. */
  modelField(): HTMLElement {
    const { strings, models } = this.ctx;
    const current = this.choices?.model;
    const select = h(
      'select',
      {
        attrs: { id: 'edit-model', 'aria-describedby': 'edit-model-hint' },
        focusKey: 'edit-model',
        on: { change: () => this.chooseModel(select.value) },
      },
      ...this.source.models.map((entry) => {
        const model = models.find((m) => m.id === entry.id);
        const label = model?.label ?? entry.id;
        return h('option', { attrs: { value: entry.id, disabled: !!entry.problem, selected: entry.id === current, title: entry.problem } }, entry.problem ? format(strings.editModelUnavailable, label) : label);
      }),
    );
    if (current) {
      select.value = current;
    }
    const problems = this.source.models.filter((m) => m.problem);
    return h(
      'div',
      { className: 'field' },
      h('label', { className: 'field-label', attrs: { for: 'edit-model' } }, strings.model),
      select,
      h(
        'div',
        { className: 'hint edit-model-hint', attrs: { id: 'edit-model-hint' } },
        ...problems.map((entry) => h('p', { className: 'edit-problem' }, icon('warning'), h('span', {}, `${models.find((m) => m.id === entry.id)?.label ?? entry.id}: ${entry.problem ?? ''}`))),
      ),
    );
  }

  /** The source under its mask painter, or the source alone with why there is no painter. */
  sourceField(): HTMLElement {
    const { strings } = this.ctx;
    const model = this.model();
    if (this.maskOffered()) {
      this.painter ??= new MaskPainter({
        image: { src: this.source.src, width: this.source.width!, height: this.source.height!, alt: this.source.fileName },
        strings: maskStrings(strings),
      });
      return h('div', { className: 'field edit-source' }, h('p', { className: 'hint' }, strings.maskOffered), this.painter.element);
    }
    return h(
      'div',
      { className: 'field edit-source' },
      h('img', { className: 'edit-source-image', attrs: { src: this.source.src, alt: this.source.fileName } }),
      model ? h('p', { className: 'hint mask-not-offered' }, icon('info'), h('span', {}, format(strings.maskNotOffered, model.label))) : null,
    );
  }

  /** The chosen model's edit options. */
  optionFields(): HTMLElement[] {
    const model = this.model();
    if (!model || !this.choices) {
      return [];
    }
    return optionFields({
      models: this.ctx.models,
      model,
      strings: this.ctx.strings,
      choices: this.choices,
      change: (choices) => {
        this.choices = choices;
        this.ctx.changed();
      },
    });
  }

  dispose(): void {
    this.painter?.dispose();
    this.painter = undefined;
  }

  private chooseModel(id: string): void {
    const model = this.ctx.models.find((m) => m.id === id);
    if (!model || !this.choices) {
      return;
    }
    this.choices = settleChoices(editingModel(model), { ...this.choices, model: model.id });
    this.ctx.changed();
  }
}
