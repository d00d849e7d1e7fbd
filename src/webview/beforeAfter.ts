import { format } from '../shared/studioChoices';
import { h, icon, replaceChildren } from './dom';
import { radioGroup } from './radioGroup';
import { clampPosition, positionFromKey, positionFromPointer, roundedPosition, SLIDER_MAX, SLIDER_MIN } from './sliderValue';

/**
 * Two versions of an image compared: side by side, or stacked in one box with a divider to drag (before on its
 * left, after on its right). Images of different sizes are both fitted into the same box, so the comparison is of
 * what they show, not of their pixel counts.
 */

export interface BeforeAfterStrings {
  /** Names the comparison, e.g. "Compare versions". */
  readonly compare: string;
  /** Names the mode switch, e.g. "Comparison view". */
  readonly mode: string;
  readonly slider: string;
  readonly sideBySide: string;
  /** The divider's accessible name: "Divider between {0} and {1}" (before's and after's labels). */
  readonly divider: string;
}

export interface ComparedImage {
  /** A URI the page may load. */
  readonly src: string;
  /** A short name shown on the image, e.g. "v2". */
  readonly label: string;
  /** The alternative text; the label when not given. */
  readonly alt?: string;
}

export type BeforeAfterMode = 'slider' | 'sideBySide';

export interface BeforeAfterOptions {
  readonly before: ComparedImage;
  readonly after: ComparedImage;
  readonly strings: BeforeAfterStrings;
  /** Default: the slider. */
  readonly mode?: BeforeAfterMode;
  /** The divider's starting position, 0–100 % of the width from the left (default 50). */
  readonly position?: number;
  /** The user switched modes (e.g. to remember the choice). */
  readonly onModeChange?: (mode: BeforeAfterMode) => void;
}

/** Each comparison's element ids are its own, should a page ever show two. */
let comparisonCount = 0;

export class BeforeAfter {
  readonly element: HTMLElement;
  private readonly ids: string;
  private readonly modeSlot: HTMLElement;
  private readonly body: HTMLElement;
  private readonly cleanups: Array<() => void> = [];
  private currentMode: BeforeAfterMode;
  private currentPosition: number;
  /** Set while the slider view is shown. */
  private sliderParts: { readonly box: HTMLElement; readonly after: HTMLElement; readonly divider: HTMLElement } | undefined;
  private dragging: number | undefined;

  constructor(private readonly options: BeforeAfterOptions) {
    this.ids = `before-after-${++comparisonCount}`;
    this.currentMode = options.mode ?? 'slider';
    this.currentPosition = clampPosition(options.position ?? SLIDER_MAX / 2);
    this.modeSlot = h('div', { className: 'before-after-modes' });
    this.body = h('div', { className: 'before-after-body' });
    this.element = h(
      'section',
      { className: 'before-after', attrs: { 'aria-label': options.strings.compare } },
      h('div', { className: 'before-after-head' }, h('span', { className: 'field-label', attrs: { id: `${this.ids}-mode` } }, options.strings.mode), this.modeSlot),
      this.body,
    );
    this.render();
  }

  get mode(): BeforeAfterMode {
    return this.currentMode;
  }

  /** The divider's position, 0–100 % of the width from the left. */
  get position(): number {
    return this.currentPosition;
  }

  setMode(mode: BeforeAfterMode): void {
    if (mode !== this.currentMode) {
      this.currentMode = mode;
      this.render();
      this.options.onModeChange?.(mode);
    }
  }

  setPosition(value: number): void {
    this.currentPosition = clampPosition(value);
    this.showPosition();
  }

  dispose(): void {
    this.stopListening();
    this.element.remove();
  }

  private stopListening(): void {
    for (const cleanup of this.cleanups.splice(0)) {
      cleanup();
    }
  }

  private render(): void {
    const { strings } = this.options;
    replaceChildren(this.modeSlot, [
      radioGroup({
        labelledBy: `${this.ids}-mode`,
        key: `${this.ids}-mode`,
        selected: this.currentMode,
        onSelect: (value) => this.setMode(value as BeforeAfterMode),
        items: [
          { value: 'slider', content: [h('span', { className: 'chip-row' }, icon('split-horizontal'), h('span', {}, strings.slider))] },
          { value: 'sideBySide', content: [h('span', { className: 'chip-row' }, icon('layout-sidebar-left'), h('span', {}, strings.sideBySide))] },
        ],
      }),
    ]);
    this.stopListening();
    this.sliderParts = undefined;
    this.body.replaceChildren(this.currentMode === 'slider' ? this.sliderView() : this.sideBySideView());
    this.showPosition();
  }

  private picture(image: ComparedImage, className: string): HTMLImageElement {
    return h('img', { className, attrs: { src: image.src, alt: image.alt ?? image.label, draggable: 'false', decoding: 'async' } });
  }

  private sideBySideView(): HTMLElement {
    const { before, after } = this.options;
    const figure = (image: ComparedImage, which: string) =>
      h('figure', { className: `before-after-figure ${which}` }, h('div', { className: 'before-after-frame' }, this.picture(image, 'before-after-image')), h('figcaption', { className: 'version-badge' }, image.label));
    return h('div', { className: 'before-after-side' }, figure(before, 'before'), figure(after, 'after'));
  }

  private sliderView(): HTMLElement {
    const { before, after, strings } = this.options;
    const afterImage = this.picture(after, 'before-after-image');
    const afterLayer = h('div', { className: 'before-after-layer after' }, afterImage);
    const divider = h(
      'div',
      {
        className: 'before-after-divider',
        attrs: {
          role: 'slider',
          tabindex: 0,
          'aria-label': format(strings.divider, before.label, after.label),
          'aria-valuemin': SLIDER_MIN,
          'aria-valuemax': SLIDER_MAX,
          'aria-orientation': 'horizontal',
        },
      },
      h('span', { className: 'before-after-handle', attrs: { 'aria-hidden': 'true' } }, icon('grabber')),
    );
    const box = h(
      'div',
      { className: 'before-after-box' },
      h('div', { className: 'before-after-layer before' }, this.picture(before, 'before-after-image')),
      afterLayer,
      divider,
      h('span', { className: 'version-badge before', attrs: { 'aria-hidden': 'true' } }, before.label),
      h('span', { className: 'version-badge after', attrs: { 'aria-hidden': 'true' } }, after.label),
    );
    this.sliderParts = { box, after: afterLayer, divider };
    // The box takes the newer image's shape once it is known; the older one is fitted inside it.
    const shape = () => {
      if (afterImage.naturalWidth && afterImage.naturalHeight) {
        box.style.aspectRatio = `${afterImage.naturalWidth} / ${afterImage.naturalHeight}`;
      }
    };
    afterImage.addEventListener('load', shape);
    shape();
    const on = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void) => {
      target.addEventListener(type, handler as EventListener);
      this.cleanups.push(() => target.removeEventListener(type, handler as EventListener));
    };
    const follow = (event: PointerEvent) => {
      const rect = box.getBoundingClientRect();
      this.setPosition(positionFromPointer(event.clientX, rect.left, rect.width));
    };
    on(box, 'pointerdown', (event) => {
      if (this.dragging !== undefined || event.button !== 0) {
        return;
      }
      event.preventDefault();
      this.dragging = event.pointerId;
      box.setPointerCapture(event.pointerId);
      box.classList.add('dragging');
      divider.focus({ preventScroll: true });
      follow(event);
    });
    on(box, 'pointermove', (event) => {
      if (event.pointerId === this.dragging) {
        follow(event);
      }
    });
    const stop = (event: PointerEvent) => {
      if (event.pointerId === this.dragging) {
        this.dragging = undefined;
        box.classList.remove('dragging');
      }
    };
    on(box, 'pointerup', stop);
    on(box, 'pointercancel', stop);
    on(box, 'lostpointercapture', stop);
    on(divider, 'keydown', (event) => {
      const next = positionFromKey(this.currentPosition, event.key, event.shiftKey);
      if (next !== undefined) {
        event.preventDefault();
        this.setPosition(next);
      }
    });
    return box;
  }

  private showPosition(): void {
    const parts = this.sliderParts;
    if (!parts) {
      return;
    }
    const shown = roundedPosition(this.currentPosition);
    // The after image shows right of the divider; the before image under it shows on the left.
    parts.after.style.clipPath = `inset(0 0 0 ${this.currentPosition}%)`;
    parts.divider.style.left = `${this.currentPosition}%`;
    parts.divider.setAttribute('aria-valuenow', String(shown));
    parts.divider.setAttribute('aria-valuetext', `${shown}%`);
  }
}
