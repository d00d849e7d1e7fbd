import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  anyPainted,
  clampBrush,
  clampOffsets,
  defaultBrush,
  fitScale,
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
  type KeyInput,
  type MaskOp,
  type Stroke,
} from '../../../src/webview/maskModel';

const stroke = (mode: Stroke['mode'], x = 10): MaskOp => ({ kind: 'stroke', stroke: { mode, size: 8, points: [{ x, y: 5 }] } });
const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('mask history', () => {
  test('undo takes back the last operation and redo puts it back, in order', () => {
    const history = new MaskHistory();
    const [a, b] = [stroke('paint', 1), stroke('paint', 2)];
    history.push(a);
    history.push(b);
    assert.equal(history.undo(), b);
    assert.deepEqual(history.ops, [a]);
    assert.ok(history.canRedo);
    assert.equal(history.redo(), b);
    assert.deepEqual(history.ops, [a, b]);
    assert.equal(history.canRedo, false);
  });

  test('a new operation after an undo drops what could have been redone', () => {
    const history = new MaskHistory();
    history.push(stroke('paint', 1));
    history.push(stroke('paint', 2));
    history.undo();
    history.push({ kind: 'invert' });
    assert.equal(history.canRedo, false);
    assert.equal(history.redo(), undefined);
    assert.deepEqual(
      history.ops.map((op) => op.kind),
      ['stroke', 'invert'],
    );
  });

  test('undo and redo on an empty history do nothing', () => {
    const history = new MaskHistory();
    assert.equal(history.undo(), undefined);
    assert.equal(history.redo(), undefined);
    assert.equal(history.canUndo, false);
  });

  test('replay starts after the last clear; only paint or an inversion can leave paint', () => {
    const ops: MaskOp[] = [stroke('paint', 1), { kind: 'clear' }, stroke('erase', 2), stroke('paint', 3)];
    assert.deepEqual(opsToReplay(ops), ops.slice(2));
    assert.equal(mayHavePaint(ops), true);
    assert.equal(mayHavePaint([stroke('paint'), { kind: 'clear' }]), false);
    assert.equal(mayHavePaint([stroke('erase')]), false);
    assert.equal(mayHavePaint([{ kind: 'clear' }, { kind: 'invert' }]), true);
    assert.deepEqual(opsToReplay([]), []);
  });
});

describe('mask pixels', () => {
  test('painted pixels become fully transparent and the rest opaque, with the threshold at half coverage', () => {
    // Four pixels: unpainted, fully painted, just under half, exactly half (antialiased edge).
    const rgba = new Uint8ClampedArray([9, 9, 9, 0, 9, 9, 9, 255, 9, 9, 9, 127, 9, 9, 9, 128]);
    assert.equal(anyPainted(rgba), true);
    maskAlphaFromPaint(rgba);
    assert.deepEqual([...rgba], [0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0]);
  });

  test('inverting is exact: every alpha a becomes 255 − a, and twice gives the same pixels back', () => {
    const alphas = [0, 1, 127, 128, 254, 255];
    const rgba = new Uint8ClampedArray(alphas.flatMap((a) => [0, 0, 0, a]));
    invertPaint(rgba);
    assert.deepEqual(
      alphas.map((_, i) => rgba[i * 4 + 3]),
      [255, 254, 128, 127, 1, 0],
    );
    invertPaint(rgba);
    assert.deepEqual(
      alphas.map((_, i) => rgba[i * 4 + 3]),
      alphas,
    );
  });

  test('a layer with only faint antialiasing counts as empty', () => {
    assert.equal(anyPainted(new Uint8ClampedArray([0, 0, 0, 127, 0, 0, 0, 0])), false);
  });
});

describe('view and image coordinates', () => {
  const image = { width: 400, height: 200 };
  const box = { width: 800, height: 800 };

  test('view → image → view is the identity at every zoom and offset', () => {
    for (const scale of [0.1, 1 / 3, 1, 2.5, 16]) {
      const view = { scale, offsetX: -37.5, offsetY: 12 };
      const point = { x: 123.25, y: 77 };
      const back = toView(view, toImage(view, point));
      near(back.x, point.x, `x at ${scale}`);
      near(back.y, point.y, `y at ${scale}`);
    }
  });

  test('at 100 % one CSS pixel is one image pixel; at 200 % it is half of one', () => {
    assert.deepEqual(toImage({ scale: 1, offsetX: 10, offsetY: 20 }, { x: 110, y: 70 }), { x: 100, y: 50 });
    assert.deepEqual(toImage({ scale: 2, offsetX: 0, offsetY: 0 }, { x: 101, y: 3 }), { x: 50.5, y: 1.5 });
  });

  test('fit: the whole image, centred along its shorter side, enlarged when small', () => {
    assert.equal(fitScale(image, box), 2);
    assert.deepEqual(fittedView(image, box), { scale: 2, offsetX: 0, offsetY: 200 });
    assert.equal(fitScale({ width: 4000, height: 1000 }, { width: 400, height: 400 }), 0.1);
    assert.equal(fitScale(image, { width: 0, height: 0 }), 1, 'a viewport not laid out yet');
  });

  test('zooming at a point keeps the image pixel under it in place', () => {
    const view = fittedView({ width: 2000, height: 2000 }, { width: 500, height: 500 });
    const anchor = { x: 120, y: 300 };
    const under = toImage(view, anchor);
    const zoomed = zoomAround(view, 1, anchor, { width: 2000, height: 2000 }, { width: 500, height: 500 });
    const after = toImage(zoomed, anchor);
    near(after.x, under.x, 'x');
    near(after.y, under.y, 'y');
    assert.equal(zoomed.scale, 1);
  });

  test('panning stops where the image edge meets the viewport edge; a smaller image stays centred', () => {
    const big = { width: 1000, height: 1000 };
    const small = { width: 300, height: 300 };
    const view = { scale: 1, offsetX: 0, offsetY: 0 };
    assert.deepEqual(panBy(view, 50, 50, big, small), { scale: 1, offsetX: 0, offsetY: 0 }, 'no empty space at the top left');
    assert.deepEqual(panBy(view, -5000, -100, big, small), { scale: 1, offsetX: -700, offsetY: -100 });
    assert.deepEqual(clampOffsets({ scale: 1, offsetX: -40, offsetY: 90 }, small, big), { scale: 1, offsetX: 350, offsetY: 350 });
  });

  test('zoom steps: from between steps to the next one either way, within the limits', () => {
    assert.equal(nextZoomStep(1, 1), 1.25);
    assert.equal(nextZoomStep(1, -1), 0.75);
    assert.equal(nextZoomStep(0.6, 1), 2 / 3);
    assert.equal(nextZoomStep(0.6, -1), 0.5);
    assert.equal(nextZoomStep(16, 1), 16);
    assert.equal(nextZoomStep(0.05, -1), 0.05);
  });
});

describe('brush sizes', () => {
  test('in whole image pixels, between 1 and the longer side', () => {
    const image = { width: 1024, height: 512 };
    assert.equal(defaultBrush(image), 51);
    assert.equal(clampBrush(0, image), 1);
    assert.equal(clampBrush(5000, image), 1024);
    assert.equal(clampBrush(7.6, image), 8);
    assert.equal(maxBrush(image), 512);
    assert.equal(maxBrush({ width: 1, height: 1 }), 2, 'the size slider always has a range');
  });
});

describe('painter keyboard', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

  test('Ctrl/Cmd+Z undoes; Ctrl+Shift+Z, Cmd+Shift+Z and Ctrl+Y redo, wherever the focus is in the painter', () => {
    assert.equal(painterCommand(key('z', { ctrlKey: true }), false), 'undo');
    assert.equal(painterCommand(key('z', { metaKey: true }), false), 'undo');
    assert.equal(painterCommand(key('Z', { ctrlKey: true, shiftKey: true }), false), 'redo');
    assert.equal(painterCommand(key('Z', { metaKey: true, shiftKey: true }), true), 'redo');
    assert.equal(painterCommand(key('y', { ctrlKey: true }), false), 'redo');
    assert.equal(painterCommand(key('z', { ctrlKey: true, altKey: true }), true), undefined);
    assert.equal(painterCommand(key('c', { ctrlKey: true }), true), undefined, 'copy is left alone');
  });

  test('single keys and arrows act only on the canvas, so a focused slider keeps its arrows', () => {
    assert.equal(painterCommand(key('e'), true), 'eraser');
    assert.equal(painterCommand(key('B'), true), 'brush');
    assert.equal(painterCommand(key(']'), true), 'larger');
    assert.equal(painterCommand(key('0'), true), 'fit');
    assert.equal(painterCommand(key('ArrowLeft'), true), 'panLeft');
    assert.equal(painterCommand(key('ArrowLeft'), false), undefined);
    assert.equal(painterCommand(key('e'), false), undefined);
    assert.equal(painterCommand(key('Tab'), true), undefined);
  });
});
