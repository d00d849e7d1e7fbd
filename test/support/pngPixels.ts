import { parsePng } from '../unit/fakeServer/pngReader';

/**
 * Decodes an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA) to RGBA pixels, undoing the scanline filters,
 * so a test can read what a browser's encoder wrote without trusting the browser to decode it again.
 */

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** Four bytes per pixel, rows top to bottom. */
  readonly rgba: Uint8Array;
  /** Whether the file itself carries an alpha channel (colour type 4 or 6). */
  readonly hasAlpha: boolean;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(bytes: Buffer): RgbaImage {
  const png = parsePng(bytes);
  const channels = CHANNELS[png.colourType];
  if (png.bitDepth !== 8 || channels === undefined) {
    throw new Error(`unsupported PNG: bit depth ${png.bitDepth}, colour type ${png.colourType}`);
  }
  const stride = png.width * channels;
  if (png.raw.length !== png.height * (stride + 1)) {
    throw new Error(`IDAT holds ${png.raw.length} bytes, want ${png.height * (stride + 1)} (interlaced?)`);
  }
  const pixels = new Uint8Array(png.height * stride);
  for (let y = 0; y < png.height; y++) {
    const filter = png.raw[y * (stride + 1)]!;
    const line = png.raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter} on row ${y}`);
      pixels[out + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(png.width * png.height * 4);
  for (let i = 0; i < png.width * png.height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, alpha] = channels === 1 ? [p[0], p[0], p[0], 255] : channels === 2 ? [p[0], p[0], p[0], p[1]] : channels === 3 ? [p[0], p[1], p[2], 255] : [p[0], p[1], p[2], p[3]];
    rgba.set([r!, g!, b!, alpha!], i * 4);
  }
  return { width: png.width, height: png.height, rgba, hasAlpha: channels === 2 || channels === 4 };
}

/** The alpha of the pixel at (x, y). */
export function alphaAt(image: RgbaImage, x: number, y: number): number {
  return image.rgba[(y * image.width + x) * 4 + 3]!;
}
