import { deflateSync } from 'node:zlib';

/**
 * A minimal PNG writer: 8-bit RGB (or RGBA), no interlace, filter 0 on every row. Enough for a client to sniff, measure
 * and save real files, and small enough to read in one sitting.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Large IDATs are split like real encoders do, so a client that reads only the first one is caught. */
const IDAT_CHUNK_BYTES = 1 << 20;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG and zlib define it; pass a previous result as `crc` to continue over more bytes. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  // The CRC covers type and data; feeding them in two steps avoids copying a large IDAT.
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
}

/** Bytes per raw scanline: the filter byte plus three per pixel (four with alpha). */
export const rowBytes = (width: number, alpha = false): number => 1 + (alpha ? 4 : 3) * width;

/**
 * Encodes `raw`, which holds `height` scanlines of `rowBytes(width, alpha)` bytes each, filter byte first (0).
 * `level` 0 stores incompressible data at memory speed; 1 is plenty for gradients.
 */
export function encodePng(width: number, height: number, raw: Uint8Array, level: number, alpha = false): Buffer {
  if (raw.length !== height * rowBytes(width, alpha)) throw new Error(`raw data is ${raw.length} bytes, want ${height * rowBytes(width, alpha)}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = alpha ? 6 : 2; // colour type: truecolour with alpha (RGBA), or truecolour (RGB)
  // bytes 10–12 stay 0: deflate, adaptive filtering, no interlace
  const compressed = deflateSync(raw, { level });
  const idats: Buffer[] = [];
  for (let at = 0; at < compressed.length; at += IDAT_CHUNK_BYTES) {
    idats.push(chunk('IDAT', compressed.subarray(at, at + IDAT_CHUNK_BYTES)));
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), ...idats, chunk('IEND', new Uint8Array(0))]);
}
