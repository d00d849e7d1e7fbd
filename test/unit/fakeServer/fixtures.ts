import { ImageFactory } from '../../fake-dmxapi/imageFactory';

/** Small reference images for upload tests: real bytes of each type, plus bytes that only pretend. */

const factory = new ImageFactory('pattern');
export const PNG_BYTES = factory.make(4, 4, 'png').bytes;
export const JPEG_BYTES = factory.make(8, 8, 'jpeg').bytes;
export const WEBP_BYTES = factory.make(8, 8, 'webp').bytes;
export const TEXT_BYTES = Buffer.from('just some text, not an image');

export const dataUri = (mime: string, bytes: Buffer): string => `data:${mime};base64,${bytes.toString('base64')}`;

/** `n` characters, to probe prompt limits; astral characters count once, as the documents count characters. */
export const longText = (n: number): string => '猫'.repeat(n);
