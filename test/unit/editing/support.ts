import { encodePng, rowBytes } from '../../fake-dmxapi/png';

/** PNGs for edit tests: RGBA (colour type 6) for masks, RGB (2) for images; `pixel` fills every pixel. */
export function solidPng(width: number, height: number, options: { alpha?: boolean; pixel?: number } = {}): Buffer {
  const alpha = options.alpha ?? false;
  const stride = rowBytes(width, alpha);
  const raw = Buffer.alloc(height * stride, options.pixel ?? 0x80);
  for (let y = 0; y < height; y++) raw[y * stride] = 0;
  return encodePng(width, height, raw, 6, alpha);
}
