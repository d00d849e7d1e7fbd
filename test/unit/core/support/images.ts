/** Smallest byte strings each image format's header reader accepts; the payload after the header is not needed. */

const u16be = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32be = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16le = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const u24le = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const u32le = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

export function png(width: number, height: number): Buffer {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const ihdr = [...u32be(13), ...ascii('IHDR'), ...u32be(width), ...u32be(height), 8, 2, 0, 0, 0, 0, 0, 0, 0];
  const iend = [...u32be(0), ...ascii('IEND'), 0xae, 0x42, 0x60, 0x82];
  return Buffer.from([...signature, ...ihdr, ...iend]);
}

/** JFIF with an APP0 segment, a fill byte and a DHT before the frame, so the marker walk is exercised. */
export function jpeg(width: number, height: number, sof = 0xc0): Buffer {
  const app0 = [0xff, 0xe0, ...u16be(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dht = [0xff, 0xc4, ...u16be(4), 0, 0];
  const frame = [0xff, sof, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, ...dht, ...frame, 0xff, 0xd9]);
}

function riff(chunk: string, payload: number[]): Buffer {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...u32le(payload.length), ...payload];
  return Buffer.from([...ascii('RIFF'), ...u32le(body.length), ...body]);
}

export function webpLossy(width: number, height: number): Buffer {
  return riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height), 0, 0]);
}

export function webpLossless(width: number, height: number): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  return riff('VP8L', [0x2f, ...u32le(bits), 0]);
}

export function webpExtended(width: number, height: number): Buffer {
  return riff('VP8X', [0x10, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]);
}

export function gif(width: number, height: number, version: '87a' | '89a' = '89a'): Buffer {
  return Buffer.from([...ascii(`GIF${version}`), ...u16le(width), ...u16le(height), 0, 0, 0, 0x3b]);
}
