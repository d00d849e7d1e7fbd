/** A few DOM helpers, so the views read as the markup they build. */

export type Child = Node | string | false | null | undefined;

type Handlers = { readonly [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  readonly className?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly on?: Handlers;
  /** Marks a focusable element so focus can be put back on its successor after a re-render. */
  readonly focusKey?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) {
    element.className = props.className;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  for (const [name, handler] of Object.entries(props.on ?? {})) {
    element.addEventListener(name, handler as EventListener);
  }
  if (props.focusKey) {
    element.dataset.focusKey = props.focusKey;
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child) {
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
}

/** A codicon, hidden from screen readers (the button it sits in carries the label). */
export function icon(name: string, extra = ''): HTMLElement {
  return h('span', { className: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** Replaces a container's children, keeping keyboard focus on the element with the same focus key. */
export function replaceChildren(container: HTMLElement, children: readonly Child[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? active.dataset.focusKey : undefined;
  container.replaceChildren();
  append(container, children);
  if (key) {
    const successor = [...container.querySelectorAll<HTMLElement>('[data-focus-key]')].find((el) => el.dataset.focusKey === key);
    successor?.focus();
  }
}

/** A plain button with an icon and visible text. */
export function textButton(label: string, iconName: string | undefined, onClick: () => void, className = 'button secondary', focusKey?: string): HTMLButtonElement {
  return h('button', { className, attrs: { type: 'button' }, on: { click: onClick }, ...(focusKey ? { focusKey } : {}) }, iconName ? icon(iconName) : null, h('span', {}, label));
}

/** An icon-only button; the label becomes its accessible name and tooltip. */
export function iconButton(label: string, iconName: string, onClick: () => void, focusKey?: string): HTMLButtonElement {
  return h(
    'button',
    { className: 'icon-button', attrs: { type: 'button', title: label, 'aria-label': label }, on: { click: onClick }, ...(focusKey ? { focusKey } : {}) },
    icon(iconName),
  );
}
