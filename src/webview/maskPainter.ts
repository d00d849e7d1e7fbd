import { format } from '../shared/studioChoices';
import { h, icon, iconButton, replaceChildren } from './dom';
import {
  anyPainted,
  clampBrush,
  defaultBrush,
  fittedView,
  invertPaint,
  maskAlphaFromPaint,
  MaskHistory,
  maxBrush,
  mayHavePaint,
  nextZoomStep,
  opsToReplay,
  painterCommand,
  panBy,
  toImage,
  toView,
  zoomAround,
  type BrushMode,
  type MaskOp,
  type PainterCommand,
  type Point,
  type Size,
  type Stroke,
  type Viewport,
} from './maskModel';
import { radioGroup } from './radioGroup';

/**
 * Paint where an edit should change the image: brush and eraser over the source image at any zoom, undo and redo,
 * clear and invert. The strokes are kept as data in image pixels and replayed onto a canvas of the image's exact
 * size, which is also what the export reads, so the mask never depends on the zoom it was painted at.
 */

/** The painter's text, in the display language, from the caller. `{0}` placeholders are filled in here. */
export interface MaskPainterStrings {
  /** Names the whole painter (a group), e.g. "Mask". */
  readonly mask: string;
  /** The canvas's accessible name, saying what to do, e.g. "Paint over the area to change". */
  readonly canvas: string;
  readonly tool: string;
  readonly brush: string;
  readonly eraser: string;
  readonly pan: string;
  readonly brushSize: string;
  /** "{0} px". */
  readonly brushSizeValue: string;
  readonly undo: string;
  readonly redo: string;
  readonly clear: string;
  readonly invert: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly zoomFit: string;
  readonly zoomActual: string;
  /** "{0}%". */
  readonly zoomValue: string;
}

export interface MaskPainterImage {
  /** A URI the page may load (the webview URI of the source). */
  readonly src: string;
  /** The source's natural size in pixels: the mask is exported at exactly this size. */
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

export interface MaskPainterState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** False when nothing was painted since the last clear (cheap, from the operations); `isEmpty()` looks at pixels. */
  readonly mayHavePaint: boolean;
}

export interface MaskPainterOptions {
  readonly image: MaskPainterImage;
  readonly strings: MaskPainterStrings;
  /** The starting brush diameter in image pixels (default: a twentieth of the longer side). */
  readonly brushSize?: number;
  /** After every change to the mask (a stroke, undo, redo, clear, invert), e.g. to enable the Edit button. */
  readonly onChange?: (state: MaskPainterState) => void;
}

export type MaskTool = 'brush' | 'eraser' | 'pan';

/** Each painter's element ids are its own, should a page ever show two. */
let painterCount = 0;

const TOOL_ICONS: Readonly<Record<MaskTool, string>> = { brush: 'edit', eraser: 'eraser', pan: 'move' };
/** A keyboard pan step, in CSS pixels. */
const PAN_STEP = 40;

function canvasOfSize(size: Size): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  return canvas;
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) {
    throw new Error('This page cannot draw on a canvas.');
  }
  return ctx;
}

/**
 * Draws a stroke from point `from` on: the dot at its first point (when `from` is 0), then each segment as its own
 * round-capped line. Painting live draws the same pieces in the same order as replaying the whole stroke does, so a
 * mask after undo and redo is the same, pixel for pixel, as the one painted.
 */
function drawStroke(ctx: CanvasRenderingContext2D, stroke: Stroke, from = 0): void {
  const { points } = stroke;
  const first = points[0];
  if (!first) {
    return;
  }
  ctx.save();
  ctx.globalCompositeOperation = stroke.mode === 'erase' ? 'destination-out' : 'source-over';
  ctx.fillStyle = ctx.strokeStyle = '#000';
  ctx.lineWidth = stroke.size;
  ctx.lineCap = 'round';
  if (from === 0) {
    ctx.beginPath();
    ctx.arc(first.x, first.y, stroke.size / 2, 0, Math.PI * 2);
    ctx.fill();
  }
  for (let i = Math.max(1, from); i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
  ctx.restore();
}

/** Applies one operation to the painted layer (alpha = painted). */
function applyOp(ctx: CanvasRenderingContext2D, op: MaskOp, size: Size): void {
  switch (op.kind) {
    case 'stroke':
      drawStroke(ctx, op.stroke);
      return;
    case 'clear':
      ctx.clearRect(0, 0, size.width, size.height);
      return;
    case 'invert': {
      const pixels = ctx.getImageData(0, 0, size.width, size.height);
      invertPaint(pixels.data);
      ctx.putImageData(pixels, 0, 0);
      return;
    }
  }
}

interface ActiveStroke {
  readonly pointerId: number;
  readonly mode: BrushMode;
  readonly size: number;
  readonly points: Point[];
}

interface ActivePan {
  readonly pointerId: number;
  last: Point;
}

export class MaskPainter {
  readonly element: HTMLElement;
  private readonly image: Size;
  private readonly ids: string;
  private readonly history = new MaskHistory();
  /** The painted layer at the image's exact size; its alpha is the mask (painted = to change). */
  private readonly layer: HTMLCanvasElement;
  private readonly layerCtx: CanvasRenderingContext2D;
  /** What is shown: the painted layer tinted with the theme's colour. */
  private readonly overlay: HTMLCanvasElement;
  private readonly overlayCtx: CanvasRenderingContext2D;
  private readonly viewportEl: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly cursor: HTMLElement;
  private readonly tint: HTMLElement;
  private readonly toolSlot: HTMLElement;
  private readonly sizeInput: HTMLInputElement;
  private readonly sizeValue: HTMLElement;
  private readonly zoomValue: HTMLElement;
  private readonly buttons: Readonly<Record<'undo' | 'redo' | 'clear' | 'invert', HTMLButtonElement>>;
  private readonly cleanups: Array<() => void> = [];
  private view: Viewport = { scale: 1, offsetX: 0, offsetY: 0 };
  /** Whether the view follows the viewport's size (until the user zooms or pans). */
  private fitting = true;
  private tool: MaskTool = 'brush';
  private brushSize: number;
  private stroke: ActiveStroke | undefined;
  private panning: ActivePan | undefined;
  private spaceHeld = false;
  private lastPointer: Point | undefined;
  private disposed = false;

  constructor(private readonly options: MaskPainterOptions) {
    const { image, strings } = options;
    this.ids = `mask-${++painterCount}`;
    if (!(image.width > 0 && image.height > 0 && Number.isInteger(image.width) && Number.isInteger(image.height))) {
      throw new Error(`The image size ${image.width}×${image.height} is not a size in whole pixels.`);
    }
    this.image = { width: image.width, height: image.height };
    this.brushSize = clampBrush(options.brushSize ?? defaultBrush(this.image), this.image);
    this.layer = canvasOfSize(this.image);
    this.layerCtx = context2d(this.layer);
    this.overlay = canvasOfSize(this.image);
    this.overlay.className = 'mask-overlay';
    this.overlay.setAttribute('aria-hidden', 'true');
    this.overlayCtx = context2d(this.overlay);

    const source = h('img', { className: 'mask-source', attrs: { src: image.src, alt: image.alt, width: image.width, height: image.height, draggable: 'false' } });
    this.stage = h('div', { className: 'mask-stage' }, source, this.overlay);
    this.cursor = h('div', { className: 'mask-cursor', attrs: { 'aria-hidden': 'true', hidden: true } });
    this.tint = h('span', { className: 'mask-tint', attrs: { 'aria-hidden': 'true' } });
    this.viewportEl = h(
      'div',
      { className: 'mask-viewport tool-brush', attrs: { tabindex: 0, role: 'application', 'aria-label': strings.canvas } },
      this.stage,
      this.cursor,
      this.tint,
    );

    this.toolSlot = h('div', { className: 'mask-tools' });
    this.sizeValue = h('output', { className: 'mask-size-value', attrs: { for: `${this.ids}-size` } });
    this.sizeInput = h('input', {
      attrs: { id: `${this.ids}-size`, type: 'range', min: 1, max: maxBrush(this.image), step: 1, value: this.brushSize, 'aria-label': strings.brushSize },
      on: { input: () => this.setBrushSize(Number(this.sizeInput.value)) },
    });
    const button = (label: string, name: string, action: () => void, keys?: string) => {
      const b = iconButton(label, name, action);
      if (keys) {
        b.setAttribute('aria-keyshortcuts', keys);
      }
      return b;
    };
    this.buttons = {
      undo: button(strings.undo, 'discard', () => this.undo(), 'Control+Z Meta+Z'),
      redo: button(strings.redo, 'redo', () => this.redo(), 'Control+Shift+Z Control+Y Meta+Shift+Z'),
      clear: button(strings.clear, 'trash', () => this.clear()),
      invert: button(strings.invert, 'color-mode', () => this.invert()),
    };
    this.zoomValue = h('span', { className: 'mask-zoom-value', attrs: { 'aria-live': 'polite' } });
    // Three groups that wrap as wholes in a narrow column: tool and size, the mask's history, the zoom.
    const group = (...children: HTMLElement[]) => h('div', { className: 'mask-group' }, ...children);
    const toolbar = h(
      'div',
      { className: 'mask-toolbar', attrs: { role: 'toolbar', 'aria-label': strings.mask } },
      h('span', { className: 'visually-hidden', attrs: { id: `${this.ids}-tool-label` } }, strings.tool),
      group(this.toolSlot, h('label', { className: 'mask-size', attrs: { title: strings.brushSize } }, icon('circle-filled'), this.sizeInput, this.sizeValue)),
      group(this.buttons.undo, this.buttons.redo, this.buttons.clear, this.buttons.invert),
      group(
        button(strings.zoomOut, 'zoom-out', () => this.zoomBy(-1), '-'),
        this.zoomValue,
        button(strings.zoomIn, 'zoom-in', () => this.zoomBy(1), '+'),
        button(strings.zoomFit, 'screen-normal', () => this.fit(), '0'),
        button(strings.zoomActual, 'screen-full', () => this.zoomTo(1), '1'),
      ),
    );
    this.element = h('div', { className: 'mask-painter', attrs: { role: 'group', 'aria-label': strings.mask } }, toolbar, this.viewportEl);

    this.listen();
    this.drawTools();
    this.showBrushSize();
    this.refreshTint();
    this.updateButtons();
  }

  /** The tool in use. */
  get currentTool(): MaskTool {
    return this.tool;
  }

  get currentBrushSize(): number {
    return this.brushSize;
  }

  /** The view's scale: CSS pixels per image pixel. */
  get scale(): number {
    return this.view.scale;
  }

  /** The recorded operations since the start, for a caller that keeps them (e.g. across a re-render). */
  get operations(): readonly MaskOp[] {
    return this.history.ops;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  setTool(tool: MaskTool): void {
    this.tool = tool;
    this.viewportEl.classList.remove('tool-brush', 'tool-eraser', 'tool-pan');
    this.viewportEl.classList.add(`tool-${tool}`);
    this.drawTools();
    this.moveCursor();
  }

  setBrushSize(size: number): void {
    this.brushSize = clampBrush(size, this.image);
    this.showBrushSize();
    this.moveCursor();
  }

  undo(): void {
    if (this.history.undo()) {
      this.redraw();
    }
  }

  redo(): void {
    if (this.history.redo()) {
      this.redraw();
    }
  }

  /** Clears the mask; undoable. Nothing happens when nothing could have been painted. */
  clear(): void {
    if (mayHavePaint(this.history.ops)) {
      this.commit({ kind: 'clear' });
    }
  }

  /** Swaps painted and unpainted; undoable. */
  invert(): void {
    this.commit({ kind: 'invert' });
  }

  /** Adds a stroke as if painted (image pixels), e.g. to restore a mask kept by the caller. */
  addStroke(stroke: Stroke): void {
    this.commit({ kind: 'stroke', stroke: { mode: stroke.mode, size: clampBrush(stroke.size, this.image), points: stroke.points.map((p) => ({ x: p.x, y: p.y })) } });
  }

  /** True when no pixel would be sent as "to change": the caller refuses to send such a mask. */
  isEmpty(): boolean {
    if (!mayHavePaint(this.history.ops)) {
      return true;
    }
    return !anyPainted(this.layerCtx.getImageData(0, 0, this.image.width, this.image.height).data);
  }

  /**
   * The mask as a PNG of exactly the image's size with an alpha channel: the painted area fully transparent
   * (alpha 0, the part the model may change), everything else opaque black (alpha 255).
   */
  async exportPng(): Promise<Blob> {
    const { width, height } = this.image;
    const out = canvasOfSize(this.image);
    const ctx = context2d(out);
    const pixels = this.layerCtx.getImageData(0, 0, width, height);
    maskAlphaFromPaint(pixels.data);
    ctx.putImageData(pixels, 0, 0);
    return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The mask could not be encoded as PNG.'))), 'image/png'));
  }

  async exportPngBytes(): Promise<Uint8Array> {
    return new Uint8Array(await (await this.exportPng()).arrayBuffer());
  }

  /** Where an image pixel is on screen (client coordinates), for a caller placing something over it. */
  clientPoint(point: Point): Point {
    const rect = this.viewportEl.getBoundingClientRect();
    const at = toView(this.view, point);
    return { x: rect.left + at.x, y: rect.top + at.y };
  }

  zoomIn(): void {
    this.zoomBy(1);
  }

  zoomOut(): void {
    this.zoomBy(-1);
  }

  /** Zooms to a scale (1 = 100 %: one image pixel per CSS pixel), around the viewport's centre. */
  zoomTo(scale: number, anchor?: Point): void {
    const box = this.box();
    this.fitting = false;
    this.setView(zoomAround(this.view, scale, anchor ?? { x: box.width / 2, y: box.height / 2 }, this.image, box));
  }

  /** The whole image in view; the view then follows the viewport's size. */
  fit(): void {
    this.fitting = true;
    this.setView(fittedView(this.image, this.box()));
  }

  /** Re-reads the tint from the theme (the painter also does this when the body's theme class changes). */
  refreshTint(): void {
    this.redrawOverlay();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) {
      cleanup();
    }
    this.element.remove();
    // Releases the canvases' memory now rather than when the garbage collector gets to it.
    this.layer.width = this.layer.height = 0;
    this.overlay.width = this.overlay.height = 0;
  }

  /** Records an operation and draws it, unless it is a stroke already drawn live as it was painted. */
  private commit(op: MaskOp, drawn = false): void {
    this.history.push(op);
    if (!drawn) {
      applyOp(this.layerCtx, op, this.image);
    }
    this.redrawOverlay();
    this.changed();
  }

  /** Draws the layer from the recorded operations, after undo or redo. */
  private redraw(): void {
    this.layerCtx.clearRect(0, 0, this.image.width, this.image.height);
    for (const op of opsToReplay(this.history.ops)) {
      applyOp(this.layerCtx, op, this.image);
    }
    this.redrawOverlay();
    this.changed();
  }

  private redrawOverlay(): void {
    const { width, height } = this.image;
    const ctx = this.overlayCtx;
    ctx.save();
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(this.layer, 0, 0);
    ctx.globalCompositeOperation = 'source-in';
    ctx.fillStyle = getComputedStyle(this.tint).color || '#f14c4c';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  }

  private changed(): void {
    this.updateButtons();
    this.options.onChange?.({ canUndo: this.history.canUndo, canRedo: this.history.canRedo, mayHavePaint: mayHavePaint(this.history.ops) });
  }

  private updateButtons(): void {
    this.buttons.undo.disabled = !this.history.canUndo;
    this.buttons.redo.disabled = !this.history.canRedo;
    this.buttons.clear.disabled = !mayHavePaint(this.history.ops);
  }

  private drawTools(): void {
    const { strings } = this.options;
    const labels: Readonly<Record<MaskTool, string>> = { brush: strings.brush, eraser: strings.eraser, pan: strings.pan };
    const keys: Readonly<Record<MaskTool, string>> = { brush: 'B', eraser: 'E', pan: 'H' };
    const group = radioGroup({
      labelledBy: `${this.ids}-tool-label`,
      key: `${this.ids}-tool`,
      className: 'mask-tool-chips',
      selected: this.tool,
      onSelect: (value) => this.setTool(value as MaskTool),
      items: (['brush', 'eraser', 'pan'] as const).map((tool) => ({ value: tool, ariaLabel: labels[tool], title: `${labels[tool]} (${keys[tool]})`, content: [icon(TOOL_ICONS[tool])] })),
    });
    replaceChildren(this.toolSlot, [group]);
  }

  private showBrushSize(): void {
    this.sizeInput.value = String(this.brushSize);
    this.sizeValue.textContent = format(this.options.strings.brushSizeValue, this.brushSize);
  }

  private box(): Size {
    return { width: this.viewportEl.clientWidth, height: this.viewportEl.clientHeight };
  }

  private setView(view: Viewport): void {
    this.view = view;
    this.stage.style.transform = `translate(${view.offsetX}px, ${view.offsetY}px) scale(${view.scale})`;
    this.viewportEl.classList.toggle('pixelated', view.scale >= 2);
    this.zoomValue.textContent = format(this.options.strings.zoomValue, Math.round(view.scale * 100));
    this.moveCursor();
  }

  private zoomBy(direction: 1 | -1, anchor?: Point): void {
    this.zoomTo(nextZoomStep(this.view.scale, direction), anchor);
  }

  /** A pointer event's position in the viewport, in CSS pixels. */
  private viewPoint(event: { clientX: number; clientY: number }): Point {
    const rect = this.viewportEl.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  /** The brush outline at the pointer, at the size it paints at this zoom. */
  private moveCursor(): void {
    const at = this.lastPointer;
    const hidden = !at || this.tool === 'pan' || this.spaceHeld || !!this.panning;
    this.cursor.hidden = hidden;
    if (hidden) {
      return;
    }
    const diameter = this.brushSize * this.view.scale;
    this.cursor.style.width = this.cursor.style.height = `${diameter}px`;
    this.cursor.style.transform = `translate(${at.x - diameter / 2}px, ${at.y - diameter / 2}px)`;
    this.cursor.classList.toggle('erasing', this.tool === 'eraser');
  }

  private listen(): void {
    const on = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions) => {
      target.addEventListener(type, handler as EventListener, options);
      this.cleanups.push(() => target.removeEventListener(type, handler as EventListener, options));
    };
    const viewport = this.viewportEl;
    on(viewport, 'pointerdown', (event) => this.pointerDown(event));
    on(viewport, 'pointermove', (event) => this.pointerMove(event));
    on(viewport, 'pointerup', (event) => this.pointerUp(event, true));
    on(viewport, 'pointercancel', (event) => this.pointerUp(event, false));
    on(viewport, 'lostpointercapture', (event) => this.pointerUp(event, true));
    on(viewport, 'pointerleave', () => {
      this.lastPointer = undefined;
      this.moveCursor();
    });
    on(viewport, 'wheel', (event) => this.wheel(event), { passive: false });
    on(viewport, 'keyup', (event) => {
      if (event.key === ' ') {
        this.spaceHeld = false;
        viewport.classList.remove('space-pan');
        this.moveCursor();
      }
    });
    on(this.element, 'keydown', (event) => this.keyDown(event));

    const resize = new ResizeObserver(() => {
      if (this.fitting) {
        this.fit();
      } else {
        this.setView(panBy(this.view, 0, 0, this.image, this.box()));
      }
    });
    resize.observe(viewport);
    this.cleanups.push(() => resize.disconnect());
    // VS Code swaps the body's theme class when the colour theme changes: the tint follows.
    const theme = new MutationObserver(() => this.refreshTint());
    theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.cleanups.push(() => theme.disconnect());
  }

  private pointerDown(event: PointerEvent): void {
    if (this.stroke || this.panning) {
      return; // One pointer at a time: a second finger does not start a second stroke.
    }
    const pans = this.tool === 'pan' || this.spaceHeld || event.button === 1;
    if (!pans && event.button !== 0) {
      return;
    }
    event.preventDefault();
    this.viewportEl.focus({ preventScroll: true });
    this.viewportEl.setPointerCapture(event.pointerId);
    const at = this.viewPoint(event);
    this.lastPointer = at;
    if (pans) {
      this.panning = { pointerId: event.pointerId, last: at };
      this.viewportEl.classList.add('panning');
      this.moveCursor();
      return;
    }
    this.stroke = { pointerId: event.pointerId, mode: this.tool === 'eraser' ? 'erase' : 'paint', size: this.brushSize, points: [toImage(this.view, at)] };
    this.paintLive(0);
  }

  private pointerMove(event: PointerEvent): void {
    const at = this.viewPoint(event);
    this.lastPointer = at;
    if (this.panning && event.pointerId === this.panning.pointerId) {
      this.fitting = false;
      this.setView(panBy(this.view, at.x - this.panning.last.x, at.y - this.panning.last.y, this.image, this.box()));
      this.panning.last = at;
      return;
    }
    this.moveCursor();
    const stroke = this.stroke;
    if (!stroke || event.pointerId !== stroke.pointerId) {
      return;
    }
    const from = stroke.points.length;
    // Coalesced events keep a fast pen's curve, which one event per frame would cut into straight pieces.
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    for (const e of events.length ? events : [event]) {
      stroke.points.push(toImage(this.view, this.viewPoint(e)));
    }
    this.paintLive(from);
  }

  private pointerUp(event: PointerEvent, keep: boolean): void {
    if (this.panning && event.pointerId === this.panning.pointerId) {
      this.panning = undefined;
      this.viewportEl.classList.remove('panning');
      this.moveCursor();
      return;
    }
    const stroke = this.stroke;
    if (!stroke || event.pointerId !== stroke.pointerId) {
      return;
    }
    if (keep) {
      this.stroke = undefined;
      this.commit({ kind: 'stroke', stroke: { mode: stroke.mode, size: stroke.size, points: stroke.points } }, true);
    } else {
      // A cancelled touch (the system took the gesture) leaves no trace.
      this.stroke = undefined;
      this.redraw();
    }
  }

  private paintLive(from: number): void {
    const stroke = this.stroke;
    if (stroke) {
      drawStroke(this.layerCtx, stroke, from);
      this.redrawOverlay();
    }
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      this.zoomBy(event.deltaY < 0 ? 1 : -1, this.viewPoint(event));
      return;
    }
    this.fitting = false;
    const dx = event.shiftKey && event.deltaX === 0 ? event.deltaY : event.deltaX;
    const dy = event.shiftKey && event.deltaX === 0 ? 0 : event.deltaY;
    this.setView(panBy(this.view, -dx, -dy, this.image, this.box()));
  }

  private keyDown(event: KeyboardEvent): void {
    const onCanvas = event.target === this.viewportEl;
    if (onCanvas && event.key === ' ') {
      event.preventDefault();
      this.spaceHeld = true;
      this.viewportEl.classList.add('space-pan');
      this.moveCursor();
      return;
    }
    const command = painterCommand(event, onCanvas);
    if (command) {
      event.preventDefault();
      event.stopPropagation();
      this.run(command);
    }
  }

  private run(command: PainterCommand): void {
    const step = Math.max(1, Math.round(this.brushSize * 0.2));
    const box = this.box();
    const pan = (dx: number, dy: number) => {
      this.fitting = false;
      this.setView(panBy(this.view, dx, dy, this.image, box));
    };
    const actions: Readonly<Record<PainterCommand, () => void>> = {
      undo: () => this.undo(),
      redo: () => this.redo(),
      brush: () => this.setTool('brush'),
      eraser: () => this.setTool('eraser'),
      pan: () => this.setTool('pan'),
      smaller: () => this.setBrushSize(this.brushSize - step),
      larger: () => this.setBrushSize(this.brushSize + step),
      zoomIn: () => this.zoomBy(1),
      zoomOut: () => this.zoomBy(-1),
      fit: () => this.fit(),
      actualSize: () => this.zoomTo(1),
      panLeft: () => pan(PAN_STEP, 0),
      panRight: () => pan(-PAN_STEP, 0),
      panUp: () => pan(0, PAN_STEP),
      panDown: () => pan(0, -PAN_STEP),
    };
    actions[command]();
  }
}
