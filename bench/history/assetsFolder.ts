import { randomFillSync } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { open, mkdir, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { embedMetadata } from '../../src/core/metadata/imageMetadata';
import { metadataRecordFor } from '../../src/core/metadata/record';
import { encodePng, rowBytes } from '../../test/fake-dmxapi/png';

/**
 * A workspace's assets folder with `count` generated 4K images, as the extension saves them: a 4096×4096 PNG of
 * incompressible pixels (48 MB, what the fake server answers at 4K) with our iTXt record after IHDR. To keep a
 * thousand of them off the disk (48 GB), each file is written sparse: its first `REAL_HEAD_BYTES` and its last
 * `REAL_TAIL_BYTES` are the real bytes, the middle of its IDAT data is a hole that reads as zeros. The size, the
 * chunk table and every byte the history reads are those of the real file (the pixels are one IDAT chunk, so
 * the hole sits inside it); a whole-file read of a hole costs no disk I/O, so whole reads (the old way) measured
 * here are if anything faster than on real files.
 */

const SIDE = 4096;
const REAL_HEAD_BYTES = 256 * 1024;
const REAL_TAIL_BYTES = 64 * 1024;

export interface AssetsFolder {
  readonly folder: string;
  readonly files: readonly string[];
  readonly fileBytes: number;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Signature and IHDR, the pixel data as one IDAT chunk (a hole in the middle does not break the chunk table), and IEND. */
function noisePng(): { head: Buffer; idat: Buffer; iend: Buffer } {
  const raw = Buffer.alloc(SIDE * rowBytes(SIDE));
  randomFillSync(raw);
  for (let y = 0; y < SIDE; y++) raw[y * rowBytes(SIDE)] = 0; // filter byte: none
  const png = encodePng(SIDE, SIDE, raw, 0);
  const compressed = deflateSync(raw, { level: 0 });
  return { head: png.subarray(0, 33), idat: pngChunk('IDAT', compressed), iend: png.subarray(png.length - 12) };
}

export async function makeAssetsFolder(root: string, count: number): Promise<AssetsFolder> {
  const folder = path.join(root, 'assets');
  await mkdir(folder, { recursive: true });
  const png = noisePng();
  const files: string[] = [];
  let fileBytes = 0;
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const createdAt = base + i * 60_000;
    const record = metadataRecordFor({
      request: {
        model: 'nano-banana-2',
        prompt: `benchmark image ${i}: a lighthouse at dusk, oil painting, warm light over a calm sea`,
        aspectRatio: '1:1',
        resolution: '4K',
        options: { quality: 'high' },
        count: 1,
      },
      model: 'nano-banana-2',
      width: SIDE,
      height: SIDE,
      texts: ['Here is your lighthouse.'],
      createdAt: new Date(createdAt),
    });
    // Embedding copies the whole image; only the head changes, so embed into a PNG of the same IHDR and no pixels.
    const embedded = embedMetadata(Buffer.concat([png.head, png.iend]), 'image/png', record).bytes;
    const head = Buffer.concat([embedded.subarray(0, embedded.length - 12), png.idat.subarray(0, REAL_HEAD_BYTES)]);
    const tail = Buffer.concat([png.idat.subarray(png.idat.length - REAL_TAIL_BYTES), png.iend]);
    const size = embedded.length + png.idat.length;
    const file = path.join(folder, `image-${String(i).padStart(4, '0')}.png`);
    const handle = await open(file, 'w');
    try {
      await handle.write(head, 0, head.length, 0);
      await handle.write(tail, 0, tail.length, size - tail.length);
      await handle.truncate(size);
    } finally {
      await handle.close();
    }
    // Directory order is creation order; the times say which are newest.
    const seconds = createdAt / 1000;
    await utimes(file, seconds, seconds);
    files.push(file);
    fileBytes += size;
  }
  return { folder, files, fileBytes };
}
