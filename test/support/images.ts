import { encodePng, rowBytes } from '../fake-dmxapi/png';

/** Small real PNGs a decoder (and a browser) accepts, for references and files on disk in tests. */

/** A grey square: filter byte 0, then grey pixels, on each scanline. */
export function tinyPng(size = 8): Buffer {
  const stride = rowBytes(size);
  const raw = new Uint8Array(stride * size).fill(0x80);
  for (let y = 0; y < size; y++) raw[y * stride] = 0;
  return encodePng(size, size, raw, 6);
}

/** A colour gradient, so a preview of it is visibly an image. */
export function gradientPng(width: number, height: number): Buffer {
  const stride = rowBytes(width);
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw.set([Math.round((255 * x) / width), Math.round((255 * y) / height), 180], y * stride + 1 + x * 3);
    }
  }
  return encodePng(width, height, raw, 6);
}
