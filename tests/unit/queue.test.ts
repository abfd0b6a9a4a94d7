/**
 * The bounded queue both pools share (src/render/queue.ts): first come first served, a deadline that takes a
 * request out, a client gone (before or while waiting) that never holds a place.
 */
import { describe, expect, it } from 'vitest';
import { PoolError, WaitQueue } from '../../src/render/queue.js';

const kind = (e: unknown) => (e instanceof PoolError ? e.kind : String(e));

describe('WaitQueue', () => {
  it('hands slots over first come first served', async () => {
    const lengths: number[] = [];
    const q = new WaitQueue<string>(2, 'test', (n) => lengths.push(n));
    const a = q.wait(Date.now() + 5_000);
    const b = q.wait(Date.now() + 5_000);
    expect(q.admits()).toBe(false);
    expect(q.admits(1)).toBe(true);
    q.take()!.resolve('first');
    q.take()!.resolve('second');
    expect([await a, await b]).toEqual(['first', 'second']);
    expect(lengths).toEqual([1, 2, 1, 0]);
  });

  it('takes a request out at its deadline', async () => {
    const q = new WaitQueue<string>(2, 'test', () => undefined);
    const t = Date.now();
    expect(kind(await q.wait(t + 50).catch((e: unknown) => e))).toBe('deadline');
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(q.length).toBe(0);
  });

  it('takes a request out when its client goes away, and never queues one already gone', async () => {
    const q = new WaitQueue<string>(2, 'test', () => undefined);
    const ac = new AbortController();
    const waiting = q.wait(Date.now() + 5_000, ac.signal);
    expect(q.length).toBe(1);
    ac.abort();
    expect(kind(await waiting.catch((e: unknown) => e))).toBe('cancelled');
    expect(q.length).toBe(0);
    expect(kind(await q.wait(Date.now() + 5_000, ac.signal).catch((e: unknown) => e))).toBe('cancelled');
    expect(q.length).toBe(0);
    expect(q.take()).toBeUndefined();
  });
});
