/**
 * Checks on reference images the client uploads. The real services decode them, so a client that sends a
 * file name, a bare base64 string or a text file must fail here too, not only in production.
 */

export type SniffedType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/heic';

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0): boolean =>
  signature.every((b, i) => bytes[at + i] === b);

export function sniffImage(bytes: Buffer): SniffedType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (/^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) return 'image/gif';
  if (bytes.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|msf1)$/.test(bytes.toString('latin1', 8, 12))) {
    return 'image/heic';
  }
  return undefined;
}

/** HEIC and HEIF share a container; either declared type is fine for either brand. */
const family = (mime: string): string => (mime === 'image/heif' ? 'image/heic' : mime === 'image/jpg' ? 'image/jpeg' : mime);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes strict base64; undefined for anything Buffer.from would silently half-accept. */
export function decodeBase64(data: string): Buffer | undefined {
  if (data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) return undefined;
  return Buffer.from(data, 'base64');
}

/**
 * Why `declared` + base64 `data` is not an acceptable image, or undefined when it is. `accepted` lists the
 * declared types the endpoint takes; the bytes must be an image of the declared type.
 */
export function imageProblem(declared: string, data: string, accepted: readonly string[]): string | undefined {
  if (!accepted.includes(declared)) return `Unsupported MIME type: ${declared}. Supported: ${accepted.join(', ')}.`;
  const bytes = decodeBase64(data);
  if (!bytes) return 'Image data is not valid base64.';
  const actual = sniffImage(bytes);
  if (!actual) return 'Provided image is not valid: the bytes are not an image.';
  if (family(actual) !== family(declared)) return `Provided image is not valid: declared ${declared} but the bytes are ${actual}.`;
  return undefined;
}

/** A `data:image/…;base64,…` URI as gemini-2.5-flash-image's `image` array carries them. */
export function dataUriProblem(uri: unknown, accepted: readonly string[]): string | undefined {
  if (typeof uri !== 'string') return 'Each image must be a data URI string.';
  const match = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+);base64,(.*)$/is.exec(uri);
  if (!match) return 'Each image must be a data URI of the form data:image/<type>;base64,<data>.';
  return imageProblem(match[1]!.toLowerCase(), match[2]!, accepted);
}
