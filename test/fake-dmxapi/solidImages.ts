/**
 * Real JPEG and WebP files of one flat colour, for gpt-image's `output_format`. A flat image needs no DCT or
 * entropy model: every block or pixel is one Huffman code of (almost) no bits, so these encoders are a page
 * long, yet the files carry the exact pixel size asked for and decode in any viewer.
 */

/** Baseline greyscale JPEG, mid grey; `tag` goes into a comment segment so two answers never share bytes. */
export function solidJpeg(width: number, height: number, tag: string): Buffer {
  const segment = (marker: number, payload: Buffer): Buffer => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const quant = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]);
  const frame = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  // One-symbol tables: DC category 0 and AC end-of-block, each the 1-bit code "0".
  const oneSymbolTable = (tableClass: number): Buffer => Buffer.from([tableClass << 4, 1, ...new Array<number>(15).fill(0), 0]);
  const huffman = Buffer.concat([oneSymbolTable(0), oneSymbolTable(1)]);
  const scan = Buffer.from([1, 1, 0x00, 0, 63, 0]);
  // Each 8×8 block is "DC diff 0, EOB": two zero bits. The last byte is padded with ones, as the standard asks.
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const entropy = Buffer.alloc(Math.ceil(bits / 8));
  const spare = entropy.length * 8 - bits;
  if (spare > 0) entropy[entropy.length - 1] = (1 << spare) - 1;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xfe, Buffer.from(tag, 'latin1')),
    segment(0xdb, quant),
    segment(0xc0, frame),
    segment(0xc4, huffman),
    segment(0xda, scan),
    entropy,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** Collects bits least-significant first, as VP8L reads them. */
class BitWriter {
  private readonly bytes: number[] = [];
  private used = 0;
  write(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      if (this.used % 8 === 0) this.bytes.push(0);
      if ((value >>> i) & 1) this.bytes[this.bytes.length - 1]! |= 1 << this.used % 8;
      this.used++;
    }
  }
  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** Lossless WebP (VP8L) of one RGB colour; width and height up to 16384 as the format allows. */
export function solidWebp(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const bits = new BitWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // alpha unused
  bits.write(0, 3); // version 0
  bits.write(0, 1); // no transforms
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Five "simple" prefix codes of one 8-bit symbol each (green, red, blue, alpha), then distance: one 1-bit symbol.
  // A one-symbol code costs zero bits per pixel, so the pixel data that follows is empty.
  for (const symbol of [rgb[1], rgb[0], rgb[2], 255]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // 8-bit symbol
    bits.write(symbol, 8);
  }
  bits.write(1, 1);
  bits.write(0, 1);
  bits.write(0, 1);
  bits.write(0, 1);
  const payload = bits.toBuffer();
  const padded = payload.length % 2 ? Buffer.concat([payload, Buffer.alloc(1)]) : payload;
  const head = Buffer.alloc(20);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(12 + padded.length, 4);
  head.write('WEBPVP8L', 8, 'ascii');
  head.writeUInt32LE(payload.length, 16);
  return Buffer.concat([head, padded]);
}
