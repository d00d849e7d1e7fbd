import { h, type Child } from './dom';

export interface RadioItem {
  readonly value: string;
  readonly content: readonly Child[];
  /** The accessible name when the content alone does not say it well. */
  readonly ariaLabel?: string;
  readonly title?: string;
}

export interface RadioGroupProps {
  /** Id of the element that names the group. */
  readonly labelledBy: string;
  readonly items: readonly RadioItem[];
  readonly selected: string;
  readonly onSelect: (value: string) => void;
  /** Distinguishes this group's focus keys from others'. */
  readonly key: string;
  readonly className?: string;
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * A row of chips with radio semantics: one tab stop (the checked chip), arrow keys move and select, as the
 * ARIA radio group pattern has it.
 */
export function radioGroup(props: RadioGroupProps): HTMLElement {
  const { items, selected, onSelect, key } = props;
  const current = items.some((item) => item.value === selected) ? selected : items[0]?.value;
  const move = (from: number, step: number): void => {
    const next = items[(from + step + items.length) % items.length];
    if (next) {
      onSelect(next.value);
      // The group was drawn anew: focus follows the selection, as in a native radio group.
      document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`${key}:${next.value}`)}"]`)?.focus();
    }
  };
  const chips = items.map((item, index) =>
    h(
      'button',
      {
        className: 'chip',
        focusKey: `${key}:${item.value}`,
        attrs: {
          type: 'button',
          role: 'radio',
          'aria-checked': item.value === current ? 'true' : 'false',
          tabindex: item.value === current ? 0 : -1,
          'aria-label': item.ariaLabel,
          title: item.title,
        },
        on: {
          click: () => onSelect(item.value),
          keydown: (event) => {
            const step = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
            if (step !== 0) {
              event.preventDefault();
              move(index, step);
            } else if (event.key === 'Home' || event.key === 'End') {
              event.preventDefault();
              move(event.key === 'Home' ? -1 : items.length, event.key === 'Home' ? 1 : -1);
            }
          },
        },
      },
      ...item.content,
    ),
  );
  return h('div', { className: `chips ${props.className ?? ''}`.trim(), attrs: { role: 'radiogroup', 'aria-labelledby': props.labelledBy } }, ...chips);
}
