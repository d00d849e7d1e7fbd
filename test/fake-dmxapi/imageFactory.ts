import { randomBytes } from 'node:crypto';
import { encodePng, rowBytes } from './png';
import { solidJpeg, solidWebp } from './solidImages';
import type { ImageContent } from './types';

export type OutputFormat = 'png' | 'jpeg' | 'webp';

export interface MadeImage {
  readonly bytes: Buffer;
  readonly mimeType: string;
  readonly width: number;
  readonly height: number;
}

/** The size a test actually gets: each side divided and rounded up, never below one pixel. */
export function reduce(size: number, divisor: number): number {
  return Math.max(1, Math.ceil(size / Math.max(1, divisor)));
}

/** Gradients whose offsets come from `seed`, so two answers never carry the same picture. */
function patternRows(width: number, height: number, seed: number): Buffer {
  const stride = rowBytes(width);
  const raw = Buffer.alloc(height * stride);
  const tint = (seed * 97) & 0xff;
  for (let y = 0; y < height; y++) {
    const row = y * stride; // raw[row] stays 0: filter type None
    const green = ((y * 256) / height + seed * 31) & 0xff;
    for (let x = 0; x < width; x++) {
      const at = row + 1 + x * 3;
      raw[at] = ((x * 256) / width + seed * 13) & 0xff;
      raw[at + 1] = green;
      raw[at + 2] = ((x + y) >> 5) & 1 ? tint : 255 - tint;
    }
  }
  return raw;
}

function noiseRows(width: number, height: number): Buffer {
  const stride = rowBytes(width);
  const raw = randomBytes(height * stride);
  for (let y = 0; y < height; y++) raw[y * stride] = 0;
  return raw;
}

/**
 * Makes answer images. Noise PNGs are as large as real 4K ones and costly to build, so they are kept per pixel
 * size: a benchmark then measures the client, not this server. Patterns are cheap and made fresh each time.
 */
export class ImageFactory {
  private readonly noiseCache = new Map<string, Buffer>();
  /** Base64 of cached noise images: encoding 50 MB again for each answer would dominate a benchmark. */
  private readonly base64Cache = new WeakMap<Buffer, string>();
  private counter = 0;

  constructor(private readonly content: ImageContent) {}

  make(width: number, height: number, format: OutputFormat = 'png'): MadeImage {
    const seed = ++this.counter;
    if (format === 'jpeg') return { bytes: solidJpeg(width, height, `fake-dmxapi image ${seed}`), mimeType: 'image/jpeg', width, height };
    if (format === 'webp') {
      const rgb = [(seed * 53) & 0xff, (seed * 101) & 0xff, (seed * 151) & 0xff] as const;
      return { bytes: solidWebp(width, height, rgb), mimeType: 'image/webp', width, height };
    }
    return { bytes: this.png(width, height, seed), mimeType: 'image/png', width, height };
  }

  base64(image: MadeImage): string {
    let text = this.base64Cache.get(image.bytes);
    if (text === undefined) {
      text = image.bytes.toString('base64');
      if (this.content === 'noise') this.base64Cache.set(image.bytes, text);
    }
    return text;
  }

  private png(width: number, height: number, seed: number): Buffer {
    if (this.content === 'pattern') return encodePng(width, height, patternRows(width, height, seed), 1);
    const key = `${width}x${height}`;
    let bytes = this.noiseCache.get(key);
    if (!bytes) {
      bytes = encodePng(width, height, noiseRows(width, height), 0);
      this.noiseCache.set(key, bytes);
    }
    return bytes;
  }
}
