import { DmxApiError, type OversizedPart } from '../errors';
import { LoopBudget } from '../loopBudget';

/**
 * Reading a body with a ceiling. The announced length is refused before a byte is read when it is over the
 * limit, and trusted for nothing else: a body may still run past it, or stop short.
 */

export interface BodyLimit {
  readonly what: OversizedPart;
  readonly maxBytes: number;
}

export function tooLarge(limit: BodyLimit, announcedBytes?: number): DmxApiError {
  return new DmxApiError(
    { kind: 'tooLarge', what: limit.what, limitBytes: limit.maxBytes, ...(announcedBytes === undefined ? {} : { announcedBytes }) },
    { retryable: false },
  );
}

/** The Content-Length the server announced, when it is a sane number. */
export function announcedLength(headers: Headers): number | undefined {
  const length = Number(headers.get('content-length'));
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * Hands each chunk to `take`, and throws `tooLarge` once more than the limit has come; resolves to the byte count.
 * Chunks that queued up while the loop was busy are taken a few milliseconds' worth at a time (`LoopBudget`).
 */
export async function readChunks(response: Response, limit: BodyLimit, take: (chunk: Uint8Array) => void, budget = new LoopBudget()): Promise<number> {
  let bytes = 0;
  const reader = response.body?.getReader();
  if (!reader) {
    return 0;
  }
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      if (bytes > limit.maxBytes) {
        throw tooLarge(limit);
      }
      take(chunk.value);
      await budget.pause();
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  return bytes;
}

/**
 * The whole body in one buffer, allocated once every byte is in and filled a few milliseconds at a time. The
 * chunks are kept until then: a buffer sized up front from Content-Length and filled as chunks arrive cost 8–10%
 * more CPU for the same download (`bench/README.md`, URL answers), and one `Buffer.concat` of a 48 MB image holds
 * the event loop for 45–80 ms.
 */
export async function readWhole(response: Response, limit: BodyLimit): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const budget = new LoopBudget();
  const bytes = await readChunks(response, limit, (chunk) => chunks.push(chunk), budget);
  const out = Buffer.allocUnsafeSlow(bytes);
  let used = 0;
  for (const chunk of chunks) {
    out.set(chunk, used);
    used += chunk.byteLength;
    await budget.pause();
  }
  return out;
}
