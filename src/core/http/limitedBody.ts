import { DmxApiError, type OversizedPart } from '../errors';
import { LoopBudget } from '../loopBudget';
import { MAX_PRESIZED_BYTES } from './sizeLimits';

/**
 * Reading a body with a ceiling. The announced length is refused before a byte is read when it is over the
 * limit, and trusted for nothing else than a first guess: a body may still run past it, or stop short.
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

/** The whole body in one buffer, sized from the announced length (clamped) and grown as bytes really arrive. */
export async function readWhole(response: Response, limit: BodyLimit, announced: number | undefined): Promise<Buffer> {
  let out = Buffer.allocUnsafeSlow(Math.min(announced ?? 0, limit.maxBytes, MAX_PRESIZED_BYTES));
  let used = 0;
  await readChunks(response, limit, (chunk) => {
    if (used + chunk.byteLength > out.length) {
      const grown = Buffer.allocUnsafe(Math.max(used + chunk.byteLength, out.length * 2));
      out.copy(grown, 0, 0, used);
      out = grown;
    }
    out.set(chunk, used);
    used += chunk.byteLength;
  });
  return out.subarray(0, used);
}
