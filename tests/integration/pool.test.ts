/**
 * The Chromium pool's behaviour with real Chromium processes: the bounded queue, deadlines, cancellation,
 * restarts after N renders and after a crash, and no process left behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { PdfPool } from '../../src/render/pdf/pool.js';
import { PoolError } from '../../src/render/queue.js';
import { alive, group } from '../support/processes.js';
import { createHtmlRenderer, type HtmlDoc } from '../../src/render/html.js';

const html = createHtmlRenderer([]);
const small: HtmlDoc = { title: 't', pageCss: '', body: '<p>Cộng hòa xã hội chủ nghĩa Việt Nam</p>' };
/** A document that takes Chromium a while to lay out and print (hundreds of pages). */
const slow: HtmlDoc = {
  title: 'slow',
  pageCss: '',
  body: `<table>${Array.from({ length: 6000 }, (_, i) => `<tr><td>${i}</td><td>Nội dung hàng ${i} của một bảng rất dài</td></tr>`).join('')}</table>`,
};

const table = (n: number): HtmlDoc => ({
  title: 'table',
  pageCss: '',
  body: `<table>${Array.from({ length: n }, (_, i) => `<tr><td>${i}</td><td>Nội dung hàng ${i} của một bảng rất dài</td></tr>`).join('')}</table>`,
});
/** About 8 s of printing alone, and a short print (about 0.2 s). */
const huge = table(12_000);
const few = table(500);

const pools: PdfPool[] = [];
function pool(o: Partial<ConstructorParameters<typeof PdfPool>[0]> = {}): PdfPool {
  const p = new PdfPool({ executablePath: '/usr/bin/chromium', size: 1, queueSize: 10, restartAfter: 1000, shell: html.shell(), ...o });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const soon = (ms: number) => Date.now() + ms;
async function until(cond: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PdfPool', () => {
  it('prints on warm pages and reuses them', async () => {
    const p = pool({ size: 2 });
    await p.start();
    expect(p.stats.pages).toBe(2);
    for (let i = 0; i < 4; i++) expect((await p.print(small, { deadline: soon(10_000) })).subarray(0, 5).toString()).toBe('%PDF-');
    expect(p.stats.pages).toBe(2);
    expect(p.stats.busy).toBe(0);
  });

  it('refuses at once when the queue is full', async () => {
    const p = pool({ size: 1, queueSize: 1 });
    await p.start();
    const running = p.print(slow, { deadline: soon(60_000) });
    const queued = p.print(small, { deadline: soon(60_000) });
    const t = Date.now();
    const refused = await p.print(small, { deadline: soon(60_000) }).catch((e: unknown) => e);
    expect(Date.now() - t).toBeLessThan(50);
    expect(refused).toBeInstanceOf(PoolError);
    expect((refused as PoolError).kind).toBe('queue_full');
    expect((refused as PoolError).retryAfterS).toBeGreaterThanOrEqual(1);
    await Promise.all([running, queued]);
  });

  it('answers a deadline that passes in the queue or in the render, and replaces the page', async () => {
    const p = pool({ size: 1 });
    await p.start();
    const long = p.print(slow, { deadline: soon(300) }).catch((e: unknown) => e);
    const waiting = p.print(small, { deadline: soon(200) }).catch((e: unknown) => e);
    expect(((await waiting) as PoolError).kind).toBe('deadline');
    expect(((await long) as PoolError).kind).toBe('deadline');
    await until(() => p.stats.busy === 0);
    expect((await p.print(small, { deadline: soon(10_000) })).length).toBeGreaterThan(100);
    expect(p.stats.pages).toBe(1);
  });

  it('cancels a render whose client went away and frees its page', async () => {
    const p = pool({ size: 1 });
    await p.start();
    const ac = new AbortController();
    const r = p.print(slow, { deadline: soon(60_000), signal: ac.signal }).catch((e: unknown) => e);
    setTimeout(() => ac.abort(), 100);
    expect(((await r) as PoolError).kind).toBe('cancelled');
    expect(p.stats.busy).toBe(0);
    const t = Date.now();
    await p.print(small, { deadline: soon(10_000) });
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('replaces the browser after N renders and leaves no process of the old one', async () => {
    const p = pool({ size: 1, restartAfter: 3 });
    await p.start();
    const first = p.pids()[0]!;
    for (let i = 0; i < 7; i++) await p.print(small, { deadline: soon(10_000) });
    expect(p.stats.restarts).toBe(2);
    expect(p.stats.generation).toBe(3);
    await until(() => group(first).length === 0);
    expect(p.pids()).not.toContain(first);
  });

  it('recovers from a kill -9 of Chromium: the render fails as crashed, the next one succeeds within 5 s', async () => {
    const p = pool({ size: 1 });
    await p.start();
    const pid = p.pids()[0]!;
    const r = p.print(slow, { deadline: soon(60_000) }).catch((e: unknown) => e);
    await new Promise((res) => setTimeout(res, 150));
    process.kill(pid, 'SIGKILL');
    const err = (await r) as PoolError;
    expect(err).toBeInstanceOf(PoolError);
    expect(err.kind).toBe('crashed');
    const t = Date.now();
    await p.print(small, { deadline: soon(10_000) });
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(p.stats.crashes).toBe(1);
    await until(() => group(pid).length === 0);
  });

  it('with no queue, takes a request whenever a page is free or still to be opened, restarts included', async () => {
    const p = pool({ size: 1, queueSize: 0, restartAfter: 2 });
    await p.start();
    // Each restart leaves the new browser with no page yet: the next request opens it instead of a 429.
    for (let i = 0; i < 5; i++) expect((await p.print(small, { deadline: soon(10_000) })).subarray(0, 5).toString()).toBe('%PDF-');
    expect(p.stats.restarts).toBeGreaterThanOrEqual(2);
    const printing = p.print(slow, { deadline: soon(30_000) });
    await until(() => p.stats.busy === 1);
    const t = Date.now();
    await expect(p.print(small, { deadline: soon(10_000) })).rejects.toMatchObject({ kind: 'queue_full' });
    expect(Date.now() - t).toBeLessThan(50);
    await printing;
  });

  // Chromium runs as one process: its pages share one renderer thread, so a long print holds back the prints
  // of the other pages, and they end after it.
  it('while refusing, prints one page fewer at once, and is back to its size a second after the last refusal', async () => {
    const p = pool({ size: 2, queueSize: 0 });
    await p.start();
    expect(p.limit()).toBe(2);
    let longDone = false;
    const long = p.print(huge, { deadline: soon(60_000) }).finally(() => (longDone = true));
    const client = new AbortController();
    const cancelled = p.print(small, { deadline: soon(60_000), signal: client.signal }).catch((e: unknown) => e);
    expect(p.stats.busy).toBe(2);
    await expect(p.print(small, { deadline: soon(10_000) })).rejects.toMatchObject({ kind: 'queue_full' });
    expect(p.limit()).toBe(1);
    // The second page's client goes away and its page is let go: the pool could print a second document,
    // but while it refuses it prints one at a time.
    client.abort();
    expect(await cancelled).toMatchObject({ kind: 'cancelled' });
    expect(p.stats.busy).toBe(1);
    expect(p.canAdmit()).toBe(false);
    await expect(p.print(small, { deadline: soon(10_000) })).rejects.toMatchObject({ kind: 'queue_full' });
    expect(p.stats.refused).toBe(2);
    // A second without a refusal: both pages again, while the long print goes on.
    await until(() => p.limit() === 2, 3_000);
    expect(p.canAdmit()).toBe(true);
    expect(longDone).toBe(false);
    await long;
    expect((await p.print(small, { deadline: soon(10_000) })).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('hands a page held back by an overload to the waiting request once the overload is over', async () => {
    const p = pool({ size: 2, queueSize: 1, overloadSize: 1 });
    await p.start();
    let longDone = false;
    const long = p.print(huge, { deadline: soon(60_000) }).finally(() => (longDone = true));
    const client = new AbortController();
    const cancelled = p.print(small, { deadline: soon(60_000), signal: client.signal }).catch((e: unknown) => e);
    const waited = p.print(small, { deadline: soon(60_000) });
    expect(p.stats.queued).toBe(1);
    await expect(p.print(small, { deadline: soon(10_000) })).rejects.toMatchObject({ kind: 'queue_full' });
    const refusedAt = Date.now();
    // The second page's client goes away: its page is let go, but the queued request waits while the pool
    // counts as overloaded...
    client.abort();
    expect(await cancelled).toMatchObject({ kind: 'cancelled' });
    await new Promise((ok) => setTimeout(ok, 100));
    expect(p.stats.queued).toBe(1);
    expect(p.stats.busy).toBe(1);
    // ...and gets a page when the overload is over, with the long print still going on.
    await until(() => p.stats.queued === 0, 3_000);
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(900);
    expect(longDone).toBe(false);
    expect((await waited).subarray(0, 5).toString()).toBe('%PDF-');
    await long;
  });

  // Issue 12: with --single-process Chromium froze about three minutes after start, every CDP call timed out
  // and the pool never noticed. A frozen browser is made here with SIGSTOP, whatever froze it in production.
  describe('a browser that stops answering', () => {
    const stop = (pid: number) => process.kill(pid, 'SIGSTOP');

    it('is found by the watchdog while idle, killed with its process group (stopped or not) and replaced', async () => {
      const p = pool({ size: 2, watchdogMs: 500, pingTimeoutMs: 1_000 });
      const restarts: string[] = [];
      p.on('restart', (r) => restarts.push(r));
      await p.start();
      expect(p.usable()).toBe(true);
      const pid = p.pids()[0]!;
      const members = group(pid);
      expect(members.length).toBeGreaterThan(2);
      stop(pid);
      const stoppedAt = Date.now();
      await until(() => !p.usable(), 3_000);
      const detectedMs = Date.now() - stoppedAt;
      expect(restarts).toEqual(['watchdog']);
      expect(detectedMs).toBeLessThan(3_000);
      await until(() => members.every((m) => !alive(m)), 3_000);
      await until(() => p.usable(), 5_000);
      expect(p.pids()).not.toContain(pid);
      const t = Date.now();
      expect((await p.print(small, { deadline: soon(10_000) })).subarray(0, 5).toString()).toBe('%PDF-');
      expect(Date.now() - t).toBeLessThan(5_000);
      expect(p.stats.hangs).toBe(1);
      expect(p.stats.crashes).toBe(0);
    });

    it('fails the prints it held with "hung" long before their deadline, and prints again at once', async () => {
      const p = pool({ size: 2, watchdogMs: 500, pingTimeoutMs: 1_000 });
      await p.start();
      const pid = p.pids()[0]!;
      const held = [p.print(few, { deadline: soon(60_000) }), p.print(few, { deadline: soon(60_000) })].map((x) => x.catch((e: unknown) => e));
      await until(() => p.stats.busy === 2);
      stop(pid);
      const t = Date.now();
      for (const e of await Promise.all(held)) {
        expect(e).toBeInstanceOf(PoolError);
        expect(['hung', 'crashed']).toContain((e as PoolError).kind);
      }
      expect(Date.now() - t).toBeLessThan(5_000);
      await until(() => !alive(pid), 3_000);
      expect((await p.print(small, { deadline: soon(10_000) })).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('counts a CDP call that times out as a hang, with the watchdog off', async () => {
      const p = pool({ size: 1, watchdogMs: 0, protocolTimeoutMs: 5_000 });
      const restarts: string[] = [];
      p.on('restart', (r) => restarts.push(r));
      await p.start();
      const pid = p.pids()[0]!;
      stop(pid);
      const t = Date.now();
      const e = await p.print(small, { deadline: soon(60_000) }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PoolError);
      expect((e as PoolError).kind).toBe('hung');
      expect(Date.now() - t).toBeLessThan(10_000);
      expect(restarts).toEqual(['hung']);
      await until(() => !alive(pid), 3_000);
      await until(() => p.usable(), 5_000);
      expect((await p.print(small, { deadline: soon(10_000) })).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('finds a stopped renderer of an idle page and replaces the page', async () => {
      const p = pool({ size: 1, watchdogMs: 500, pingTimeoutMs: 1_000, protocolTimeoutMs: 2_000 });
      const restarts: string[] = [];
      p.on('restart', (r) => restarts.push(r));
      await p.start();
      const pid = p.pids()[0]!;
      const renderers = execFileSync('pgrep', ['-g', String(pid), '-f', '--', 'type=renderer'], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
      expect(renderers.length).toBeGreaterThan(0);
      // Every renderer of the browser is stopped: the page's, and the spare one Chromium keeps for the next
      // page. The browser itself still answers, so the page is replaced; when the new page cannot open (it
      // lands on the stopped spare renderer), that CDP call times out and the whole browser is replaced.
      for (const r of renderers) stop(r);
      await until(() => p.stats.pageHangs > 0, 3_000);
      expect((await p.print(small, { deadline: soon(15_000) })).subarray(0, 5).toString()).toBe('%PDF-');
      expect(restarts.every((r) => r === 'hung')).toBe(true);
      for (const r of renderers) if (alive(r)) process.kill(r, 'SIGCONT');
    });
  });

  it('leaves no Chromium process after close', async () => {
    const p = pool({ size: 2 });
    await p.start();
    const pids = p.pids();
    expect(group(pids[0]!).length).toBeGreaterThanOrEqual(1);
    await p.close();
    await until(() => pids.every((pid) => group(pid).length === 0));
    await expect(p.print(small, { deadline: soon(1_000) })).rejects.toMatchObject({ kind: 'closed' });
  });
});
