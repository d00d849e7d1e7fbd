import { asBuffer } from '../imageBytes';
import { isPng } from '../metadata/pngMetadata';

/**
 * Whether a PNG has an alpha channel, from its IHDR colour type (4: grey with alpha, 6: RGBA). A mask "must
 * contain an alpha channel" (gpt-image-2-image-edit.md); a palette with a tRNS chunk is transparency, not a channel.
 */

/** Signature (8), IHDR length and type (8), width, height (8), bit depth (1): the colour type follows. */
const COLOUR_TYPE_OFFSET = 25;
const ALPHA_COLOUR_TYPES: ReadonlySet<number> = new Set([4, 6]);

export function pngHasAlphaChannel(bytes: Uint8Array): boolean {
  if (!isPng(bytes) || bytes.length <= COLOUR_TYPE_OFFSET || asBuffer(bytes).toString('latin1', 12, 16) !== 'IHDR') {
    return false;
  }
  return ALPHA_COLOUR_TYPES.has(bytes[COLOUR_TYPE_OFFSET]!);
}
