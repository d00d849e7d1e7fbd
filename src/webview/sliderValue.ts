/**
 * The before/after divider's value as numbers, free of the DOM so it is unit-tested: a percentage of the box's width
 * (0 = all "after", 100 = all "before"), from a pointer's position or from a key, as the ARIA slider pattern has it.
 */

export const SLIDER_MIN = 0;
export const SLIDER_MAX = 100;
/** An arrow key's step; Shift+arrow and Page Up/Down move by the large step. */
export const SLIDER_STEP = 1;
export const SLIDER_LARGE_STEP = 10;

export function clampPosition(value: number): number {
  if (Number.isNaN(value)) {
    return SLIDER_MAX / 2;
  }
  return Math.min(SLIDER_MAX, Math.max(SLIDER_MIN, value));
}

/** The position under a pointer at `clientX` over a box starting at `left` and `width` wide. */
export function positionFromPointer(clientX: number, left: number, width: number): number {
  if (width <= 0) {
    return SLIDER_MAX / 2;
  }
  return clampPosition(((clientX - left) / width) * SLIDER_MAX);
}

/** The position a key moves the divider to, or undefined for a key the slider does not take. */
export function positionFromKey(value: number, key: string, shiftKey: boolean): number | undefined {
  const step = shiftKey ? SLIDER_LARGE_STEP : SLIDER_STEP;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clampPosition(value + step);
    case 'ArrowLeft':
    case 'ArrowDown':
      return clampPosition(value - step);
    case 'PageUp':
      return clampPosition(value + SLIDER_LARGE_STEP);
    case 'PageDown':
      return clampPosition(value - SLIDER_LARGE_STEP);
    case 'Home':
      return SLIDER_MIN;
    case 'End':
      return SLIDER_MAX;
    default:
      return undefined;
  }
}

/** The value as the slider shows and announces it: a whole percentage. */
export function roundedPosition(value: number): number {
  return Math.round(clampPosition(value));
}
