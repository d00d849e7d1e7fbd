/** Layout checks as coarse as the layout they check: boxes are compared by ranges, never by equal coordinates. */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** True when every box's vertical range overlaps every other's: they sit in one row, whatever their exact `y`. */
export function inOneRow(boxes: readonly Box[]): boolean {
  return boxes.every((a) => boxes.every((b) => a.y < b.y + b.height && b.y < a.y + a.height));
}

/** True when each box lies wholly to the right of the one before it: side by side, in this order. */
export function leftToRight(boxes: readonly Box[]): boolean {
  return boxes.every((box, i) => i === 0 || boxes[i - 1]!.x + boxes[i - 1]!.width <= box.x + 0.5);
}
