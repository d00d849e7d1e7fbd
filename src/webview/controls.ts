import { nearestResolution } from '../core/catalog/modelSizes';
import type { EnumOption, IntegerOption, ModelSpec } from '../core/catalog/modelSpec';
import {
  format,
  maxCount,
  offeredOptions,
  offeredResolutions,
  PARALLEL_REQUESTS,
  pickerLabel,
  pixelSize,
  requestSizes,
  settleChoices,
} from '../shared/studioChoices';
import type { StudioChoices, StudioStrings } from '../shared/studioProtocol';
import { h } from './dom';
import { radioGroup } from './radioGroup';

/** The controls under the model picker, each drawn from what the chosen model offers. */

export interface ControlsContext {
  readonly models: readonly ModelSpec[];
  readonly model: ModelSpec;
  readonly strings: StudioStrings;
  readonly choices: StudioChoices;
  /** New choices, already settled for their model. */
  readonly change: (choices: StudioChoices) => void;
}

const RATIO = /^(\d+(?:\.\d+)?)[:x](\d+(?:\.\d+)?)$/;
const SHAPE_BOX = 24;

/** The ratio drawn as a small rectangle of that shape; `auto` is a dashed square. */
function shape(ratio: string): HTMLElement {
  const match = RATIO.exec(ratio);
  const element = h('span', { className: match ? 'shape' : 'shape auto', attrs: { 'aria-hidden': 'true' } });
  const width = match ? Number(match[1]) : 1;
  const height = match ? Number(match[2]) : 1;
  const scale = SHAPE_BOX / Math.max(width, height);
  element.style.width = `${Math.max(3, Math.round(width * scale))}px`;
  element.style.height = `${Math.max(3, Math.round(height * scale))}px`;
  return element;
}

const pixels = (size: { width: number; height: number } | undefined, fallback: string): string =>
  size ? `${size.width}×${size.height}` : fallback;

function withModelOptions(ctx: ControlsContext, values: Record<string, string | number>): StudioChoices {
  return settleChoices(ctx.model, { ...ctx.choices, options: { ...ctx.choices.options, [ctx.model.id]: values } });
}

export function modelField(ctx: ControlsContext): HTMLElement {
  const select = h(
    'select',
    {
      attrs: { id: 'model', 'aria-describedby': 'model-summary' },
      focusKey: 'model',
      on: {
        change: () => {
          const model = ctx.models.find((m) => m.id === select.value);
          if (model) {
            ctx.change(settleChoices(model, { ...ctx.choices, model: model.id }));
          }
        },
      },
    },
    ...ctx.models.map((model) =>
      h('option', { attrs: { value: model.id, selected: model.id === ctx.model.id } }, pickerLabel(model, ctx.models, ctx.strings.olderModelName)),
    ),
  );
  select.value = ctx.model.id;
  return h(
    'div',
    { className: 'field' },
    h('label', { className: 'field-label', attrs: { for: 'model' } }, ctx.strings.model),
    select,
    h('p', { className: 'hint', attrs: { id: 'model-summary' } }, h('code', {}, ctx.model.id), ctx.model.summary ? ` — ${ctx.model.summary}` : ''),
  );
}

export function sizeFields(ctx: ControlsContext): HTMLElement[] {
  const { model, choices, strings } = ctx;
  const ratios = radioGroup({
    labelledBy: 'ratio-label',
    key: 'ratio',
    className: 'ratios',
    selected: choices.aspectRatio,
    onSelect: (aspectRatio) => ctx.change(settleChoices(model, { ...choices, aspectRatio })),
    items: model.aspectRatios.map(({ id }) => {
      const size = pixelSize(model, id, nearestResolution(model, choices.resolution, id));
      const label = pixels(size, strings.sizeByModel);
      return {
        value: id,
        ariaLabel: `${id}, ${label}`,
        content: [shape(id), h('span', { className: 'chip-label' }, id), h('span', { className: 'chip-size' }, size ? label : '—')],
      };
    }),
  });
  const resolutions = radioGroup({
    labelledBy: 'resolution-label',
    key: 'resolution',
    selected: choices.resolution,
    onSelect: (resolution) => ctx.change(settleChoices(model, { ...choices, resolution })),
    items: offeredResolutions(model, choices.aspectRatio).map(({ id }) => ({
      value: id,
      content: [h('span', { className: 'chip-label' }, id)],
    })),
  });
  const output = pixelSize(model, choices.aspectRatio, choices.resolution);
  return [
    h('fieldset', { className: 'field' }, h('legend', { className: 'field-label', attrs: { id: 'ratio-label' } }, strings.aspectRatio), ratios),
    h(
      'fieldset',
      { className: 'field' },
      h('legend', { className: 'field-label', attrs: { id: 'resolution-label' } }, strings.resolution),
      resolutions,
      h('p', { className: 'hint', attrs: { id: 'output-size' } }, format(strings.outputSize, output ? `${output.width} × ${output.height} px` : strings.sizeByModel)),
    ),
  ];
}

function enumField(ctx: ControlsContext, option: EnumOption, choices: readonly { id: string; label?: string }[], value: string): HTMLElement {
  const labelId = `option-${option.id}-label`;
  const values = ctx.choices.options[ctx.model.id] ?? {};
  return h(
    'fieldset',
    { className: 'field' },
    h('legend', { className: 'field-label', attrs: { id: labelId } }, option.label),
    radioGroup({
      labelledBy: labelId,
      key: `option-${option.id}`,
      selected: value,
      onSelect: (id) => ctx.change(withModelOptions(ctx, { ...values, [option.id]: id })),
      items: choices.map((choice) => ({ value: choice.id, content: [h('span', { className: 'chip-label' }, choice.label ?? choice.id)] })),
    }),
  );
}

function integerField(ctx: ControlsContext, option: IntegerOption, value: number | undefined): HTMLElement {
  const id = `option-${option.id}`;
  const values = ctx.choices.options[ctx.model.id] ?? {};
  const input = h('input', {
    focusKey: id,
    attrs: {
      id,
      type: 'number',
      min: option.min,
      max: option.max,
      step: 1,
      value: value === undefined ? '' : String(value),
      placeholder: option.default === undefined ? ctx.strings.optionDefault : String(option.default),
    },
    on: {
      change: () => {
        const { [option.id]: _dropped, ...rest } = values;
        const parsed = Number.parseInt(input.value, 10);
        ctx.change(withModelOptions(ctx, Number.isNaN(parsed) ? rest : { ...rest, [option.id]: parsed }));
      },
    },
  });
  return h('div', { className: 'field' }, h('label', { className: 'field-label', attrs: { for: id } }, option.label), input);
}

export function optionFields(ctx: ControlsContext): HTMLElement[] {
  const values = ctx.choices.options[ctx.model.id] ?? {};
  return offeredOptions(ctx.model, values).map(({ option, choices, value }) =>
    option.kind === 'enum'
      ? enumField(ctx, option, choices, String(value ?? option.default))
      : integerField(ctx, option, typeof values[option.id] === 'number' ? Number(values[option.id]) : undefined),
  );
}

export function countField(ctx: ControlsContext): HTMLElement {
  const { model, choices, strings } = ctx;
  const max = maxCount(model);
  const requests = requestSizes(model, choices.count).length;
  const input = h('input', {
    focusKey: 'count',
    attrs: { id: 'count', type: 'number', min: 1, max, step: 1, value: String(choices.count), 'aria-describedby': 'count-hint' },
    on: {
      change: () => {
        const parsed = Number.parseInt(input.value, 10);
        ctx.change(settleChoices(model, { ...choices, count: Number.isNaN(parsed) ? 1 : parsed }));
      },
    },
  });
  return h(
    'div',
    { className: 'field count-field' },
    h('label', { className: 'field-label', attrs: { for: 'count' } }, strings.count),
    input,
    h('p', { className: 'hint', attrs: { id: 'count-hint' } }, requests > 1 ? format(strings.countSplit, requests, Math.min(requests, PARALLEL_REQUESTS)) : ''),
  );
}
