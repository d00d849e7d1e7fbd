import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDmxApiError } from '../../../src/core/errors';
import { readChunks, readWhole } from '../../../src/core/http/limitedBody';
import { LoopBudget } from '../../../src/core/loopBudget';

/**
 * A body whose chunks are all queued already is read as microtasks only, which never let the event loop in:
 * readChunks must give it turns between chunks once its budget is spent, and still keep its size limit.
 */

/** A response whose every chunk is in the stream's queue before reading starts. */
function queuedResponse(chunks: number, size: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++) {
        controller.enqueue(new Uint8Array(size).fill(i & 0xff));
      }
      controller.close();
    },
  });
  return new Response(body);
}

describe('readChunks', () => {
  it('lets the event loop in while it drains queued chunks', async () => {
    let turned = false;
    let seen = 0;
    const immediate = setImmediate(() => (turned = true));
    // A budget of 0 ms: a turn after every chunk, so the test does not depend on how fast the machine is.
    const bytes = await readChunks(queuedResponse(50, 1024), { what: 'download', maxBytes: 1 << 20 }, () => seen++, new LoopBudget(0));
    clearImmediate(immediate);
    assert.equal(bytes, 50 * 1024);
    assert.equal(seen, 50);
    assert.ok(turned, 'no macrotask ran while the queued chunks were read');
  });

  it('still refuses a body over its limit', async () => {
    await assert.rejects(
      readChunks(queuedResponse(10, 1024), { what: 'download', maxBytes: 4096 }, () => undefined, new LoopBudget(0)),
      (error: unknown) => isDmxApiError(error) && error.kind === 'tooLarge',
    );
  });
});

describe('readWhole', () => {
  it('joins the chunks in their order into one buffer of exactly the bytes that came', async () => {
    const body = await readWhole(queuedResponse(50, 1000), { what: 'download', maxBytes: 1 << 20 });
    assert.equal(body.length, 50_000);
    const expected = Buffer.concat(Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000, i & 0xff)));
    assert.ok(body.equals(expected));
  });
});

describe('LoopBudget', () => {
  it('lets one piece of work that paused go on per turn of the loop, however many are waiting', async () => {
    // A ticker counts the loop's turns: it queues itself again each time, as the budgets' turns do.
    let turn = 0;
    let ticking = true;
    const tick = (): void => {
      turn++;
      if (ticking) {
        setImmediate(tick);
      }
    };
    setImmediate(tick);
    const resumedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        const budget = new LoopBudget(0);
        for (let i = 0; i < 5; i++) {
          await budget.pause();
          resumedAt.push(turn);
        }
      }),
    );
    ticking = false;
    assert.equal(resumedAt.length, 20);
    assert.equal(new Set(resumedAt).size, 20, `went on in the same turn: ${resumedAt.join(', ')}`);
  });
});
