/**
 * The mask painter's state as data, free of the DOM so it is unit-tested: strokes in image pixels, the edit
 * history that undo and redo walk, and the mapping between the view (CSS pixels in the viewport) and the image's
 * own pixels at any zoom. The painter replays this data onto a canvas of the image's exact size, so what is
 * exported never depends on the zoom it was painted at.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export type BrushMode = 'paint' | 'erase';

/** One press-drag-release of the brush or the eraser, in image pixels; `size` is the diameter. */
export interface Stroke {
  readonly mode: BrushMode;
  readonly size: number;
  readonly points: readonly Point[];
}

/** What one undo step takes back. */
export type MaskOp = { readonly kind: 'stroke'; readonly stroke: Stroke } | { readonly kind: 'clear' } | { readonly kind: 'invert' };

/** Undo and redo over the list of operations; a new operation drops what could have been redone. */
export class MaskHistory {
  private done: MaskOp[] = [];
  private undone: MaskOp[] = [];

  get ops(): readonly MaskOp[] {
    return this.done;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  push(op: MaskOp): void {
    this.done.push(op);
    this.undone = [];
  }

  undo(): MaskOp | undefined {
    const op = this.done.pop();
    if (op) {
      this.undone.push(op);
    }
    return op;
  }

  redo(): MaskOp | undefined {
    const op = this.undone.pop();
    if (op) {
      this.done.push(op);
    }
    return op;
  }
}

/** The operations that still matter when the mask is drawn from scratch: a clear wipes all before it. */
export function opsToReplay(ops: readonly MaskOp[]): readonly MaskOp[] {
  const lastClear = ops.map((op) => op.kind).lastIndexOf('clear');
  return lastClear < 0 ? ops : ops.slice(lastClear + 1);
}

/** Whether the operations can have painted anything at all (a stroke or an inversion since the last clear). */
export function mayHavePaint(ops: readonly MaskOp[]): boolean {
  return opsToReplay(ops).some((op) => op.kind === 'invert' || (op.kind === 'stroke' && op.stroke.mode === 'paint'));
}

/** A pixel of the painted layer counts as masked when at least half covered, the same rule for export and for isEmpty. */
export const MASK_ALPHA_THRESHOLD = 128;

/**
 * The export's alpha from the painted layer's alpha, in place: painted (to change) becomes 0, the rest 255, as the
 * OpenAI edits convention has it (fully transparent = the area to edit). `rgba` is canvas ImageData layout.
 */
export function maskAlphaFromPaint(rgba: Uint8ClampedArray): void {
  for (let i = 0; i < rgba.length; i += 4) {
    const masked = rgba[i + 3]! >= MASK_ALPHA_THRESHOLD;
    rgba[i] = 0;
    rgba[i + 1] = 0;
    rgba[i + 2] = 0;
    rgba[i + 3] = masked ? 0 : 255;
  }
}

/**
 * Inverts the painted layer in place: each alpha a becomes 255 − a, exactly, so painted and unpainted trade places
 * and inverting twice gives back the same pixels (a canvas's XOR compositing rounds, and edges drift by one).
 */
export function invertPaint(rgba: Uint8ClampedArray): void {
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = 0;
    rgba[i + 1] = 0;
    rgba[i + 2] = 0;
    rgba[i + 3] = 255 - rgba[i + 3]!;
  }
}

/** Whether any pixel of the painted layer counts as masked. */
export function anyPainted(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) {
    if (rgba[i]! >= MASK_ALPHA_THRESHOLD) {
      return true;
    }
  }
  return false;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** How the image sits in the viewport: view = image × scale + offset (CSS pixels, from the viewport's top left). */
export interface Viewport {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 16;
/** The zoom steps the buttons and Ctrl+wheel walk through. */
export const ZOOM_STEPS: readonly number[] = [0.05, 0.1, 0.125, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8, 12, 16];

export function toImage(view: Viewport, point: Point): Point {
  return { x: (point.x - view.offsetX) / view.scale, y: (point.y - view.offsetY) / view.scale };
}

export function toView(view: Viewport, point: Point): Point {
  return { x: point.x * view.scale + view.offsetX, y: point.y * view.scale + view.offsetY };
}

/** The scale at which the whole image fits the viewport (small images are enlarged to fill it, which helps painting). */
export function fitScale(image: Size, box: Size): number {
  if (image.width <= 0 || image.height <= 0 || box.width <= 0 || box.height <= 0) {
    return 1;
  }
  return clampScale(Math.min(box.width / image.width, box.height / image.height));
}

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The next zoom step in a direction from the current scale (which may lie between steps, as "fit" does). */
export function nextZoomStep(scale: number, direction: 1 | -1): number {
  const epsilon = 1e-6;
  const step = direction > 0 ? ZOOM_STEPS.find((s) => s > scale + epsilon) : [...ZOOM_STEPS].reverse().find((s) => s < scale - epsilon);
  return step ?? (direction > 0 ? MAX_SCALE : MIN_SCALE);
}

/**
 * Keeps the image where it can be seen: along an axis where it is smaller than the viewport it is centred; where it
 * is larger, it may be panned but never so far that empty space shows at an edge.
 */
export function clampOffsets(view: Viewport, image: Size, box: Size): Viewport {
  const axis = (offset: number, imageLength: number, boxLength: number): number => {
    const shown = imageLength * view.scale;
    if (shown <= boxLength) {
      return (boxLength - shown) / 2;
    }
    return Math.min(0, Math.max(boxLength - shown, offset));
  };
  return { scale: view.scale, offsetX: axis(view.offsetX, image.width, box.width), offsetY: axis(view.offsetY, image.height, box.height) };
}

/** The whole image, fitted and centred. */
export function fittedView(image: Size, box: Size): Viewport {
  return clampOffsets({ scale: fitScale(image, box), offsetX: 0, offsetY: 0 }, image, box);
}

/** A new scale with the image point under `anchor` (a view point) staying under it, as zooming at the cursor does. */
export function zoomAround(view: Viewport, scale: number, anchor: Point, image: Size, box: Size): Viewport {
  const next = clampScale(scale);
  const fixed = toImage(view, anchor);
  return clampOffsets({ scale: next, offsetX: anchor.x - fixed.x * next, offsetY: anchor.y - fixed.y * next }, image, box);
}

export function panBy(view: Viewport, dx: number, dy: number, image: Size, box: Size): Viewport {
  return clampOffsets({ scale: view.scale, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy }, image, box);
}

/** A brush size the image can use: at least 1 pixel, at most the image's longer side. */
export function clampBrush(size: number, image: Size): number {
  return Math.round(Math.min(Math.max(image.width, image.height), Math.max(1, size)));
}

/** A starting brush: a twentieth of the longer side, which reads as a brush at any image size. */
export function defaultBrush(image: Size): number {
  return clampBrush(Math.max(image.width, image.height) / 20, image);
}

/** The largest size the size slider offers: half the longer side, so one stroke can cover much of the image. */
export function maxBrush(image: Size): number {
  return Math.max(2, clampBrush(Math.max(image.width, image.height) / 2, image));
}

export type PainterCommand =
  | 'undo'
  | 'redo'
  | 'brush'
  | 'eraser'
  | 'pan'
  | 'smaller'
  | 'larger'
  | 'zoomIn'
  | 'zoomOut'
  | 'fit'
  | 'actualSize'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown';

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

const PLAIN_KEYS: Readonly<Record<string, PainterCommand>> = {
  b: 'brush',
  e: 'eraser',
  h: 'pan',
  '[': 'smaller',
  ']': 'larger',
  '+': 'zoomIn',
  '=': 'zoomIn',
  '-': 'zoomOut',
  '0': 'fit',
  '1': 'actualSize',
};

const ARROWS: Readonly<Record<string, PainterCommand>> = { ArrowLeft: 'panLeft', ArrowRight: 'panRight', ArrowUp: 'panUp', ArrowDown: 'panDown' };

/**
 * The painter's keyboard: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo (from anywhere in the painter);
 * single keys choose the tool, size and zoom; arrows pan, but only on the canvas (`onCanvas`), where they do not
 * fight a slider or a button row for them.
 */
export function painterCommand(event: KeyInput, onCanvas: boolean): PainterCommand | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    if (key === 'z') {
      return event.shiftKey ? 'redo' : 'undo';
    }
    return key === 'y' && !event.shiftKey ? 'redo' : undefined;
  }
  if (event.altKey || !onCanvas) {
    return undefined;
  }
  return PLAIN_KEYS[key] ?? ARROWS[key];
}
