/**
 * The Chromium pool: admission, generations of browsers, the watchdog. One browser process at a time (a
 * "generation") with up to `size` pages; each page is a slot that prints one document at a time and is reused.
 * How a browser is launched, watched and killed is browser.ts; how a page is set up on the shell document (fonts
 * and base CSS loaded once per page) and prints is page.ts. Requests beyond the free slots wait in the bounded
 * queue (../queue.ts, shared with the DOCX workers); a full queue refuses at once, and while it refuses the pool
 * prints on one page fewer (`limit()`). Every render has a deadline that includes its time in the queue. A
 * render whose deadline passes or whose client goes away loses its page (closed, replaced by a fresh one), so
 * no slot is ever handed on dirty. The browser is replaced after `restartAfter` renders (the new one serves
 * while the old one finishes) and whenever it crashes or stops answering; a replaced browser's process group
 * is killed, so no Chromium process outlives its generation.
 *
 * Stopping to answer is found three ways, whatever its cause (a frozen browser, a renderer stuck, a process
 * stopped by a signal): a CDP call that times out (opening, evaluating in, printing or closing a page); a print
 * that passes its deadline, after which the browser is pinged at once; and a watchdog that pings the browser
 * (Browser.getVersion) and every idle page (an evaluate of `1`) every `watchdogMs`. An idle page that does not
 * answer within `pingTimeoutMs` is closed and replaced; a browser that does not answer (or cannot close a page)
 * is killed with its process group and a new one is started at once; the renders it held fail with PoolError
 * (503 with Retry-After), never anything else. Readiness is the pool's state (`usable()`), read without
 * touching Chromium.
 *
 * Every page answers the font origin from memory and aborts every other request (page.ts): a document reaches
 * no network and no file.
 */
import { EventEmitter } from 'node:events';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import type { HtmlDoc } from '../html.js';
import { PoolError, WaitQueue } from '../queue.js';
import { killGroup, launchBrowser, residentMb, timedOut, timeout } from './browser.js';
import { openPage, printOn, shippedFonts, type FontMap } from './page.js';

export { CHROMIUM_ARGS } from './browser.js';

export type PoolOptions = {
  executablePath: string;
  /** Pages printing at once. */
  size: number;
  /** Requests allowed to wait for a page; beyond it, PoolError queue_full. */
  queueSize: number;
  /**
   * Pages printing at once while the pool is refusing requests (it refused one less than OVERLOAD_HOLD_MS
   * ago). Default: one less than `size`, at least 1 (see `limit()`).
   */
  overloadSize?: number;
  /** Renders after which the browser is replaced. */
  restartAfter: number;
  /** The shell document loaded once into every page. */
  shell: string;
  /**
   * How long a launch or any CDP call may take before the browser counts as hung (puppeteer's protocolTimeout;
   * default 60 s). Opening and closing a page are bounded to at most OPEN_PAGE_MS as well. It must be longer
   * than the longest print a request's deadline allows: a print is ended by its deadline (the page is replaced
   * and the browser pinged at once), not taken for a hang.
   */
  protocolTimeoutMs?: number;
  /** Interval of the watchdog's ping of the browser and its idle pages; 0 turns the watchdog off. */
  watchdogMs?: number;
  /** How long a ping may take before the browser counts as hung. */
  pingTimeoutMs?: number;
};

/** Why a browser was replaced: after N renders, a crash, a CDP call that timed out, a failed watchdog ping. */
export type RestartReason = 'renders' | 'crash' | 'hung' | 'watchdog';
export const RESTART_REASONS: readonly RestartReason[] = ['renders', 'crash', 'hung', 'watchdog'];

/** Resident memory of Chromium (MB) above which it is told to purge its caches after a print. */
const PURGE_ABOVE_MB = 450;
/** At most one purge in this many milliseconds. */
const PURGE_INTERVAL_MS = 2_000;

/** Opening or closing a page (normally 0.1 to 0.5 s) may take this long before the browser counts as hung. */
const OPEN_PAGE_MS = 10_000;

/** The pool counts as overloaded for this long after it last refused a request. */
export const OVERLOAD_HOLD_MS = 1_000;

/** Pages printing at once under overload: `asked` (PDF_OVERLOAD_PAGES) or one fewer than `size`, 1 to `size`. */
export function overloadPages(size: number, asked?: number): number {
  return Math.min(size, Math.max(1, asked ?? size - 1));
}

type Generation = {
  id: number;
  browser: Browser;
  pid: number | undefined;
  renders: number;
  retiring: boolean;
  dead: boolean;
  /** Killed because it stopped answering (counted as a hang, not as a crash). */
  hung: boolean;
  slots: Set<Slot>;
};

/** A page. `probing`: the watchdog is pinging it; it is not handed out meanwhile. */
type Slot = { page: Page; cdp?: CDPSession; gen: Generation; busy: boolean; probing: boolean };

export type PoolStats = {
  size: number;
  pages: number;
  busy: number;
  queued: number;
  renders: number;
  restarts: number;
  crashes: number;
  generation: number;
  /** Times Chromium was told to purge its caches (memory above PURGE_ABOVE_MB). */
  purges: number;
  /** Requests refused because every page allowed was busy and the queue was full. */
  refused: number;
  /** Browsers found hung (a CDP call timed out or a ping went unanswered) and killed. */
  hangs: number;
  /** Idle pages whose renderer did not answer a ping, closed and replaced. */
  pageHangs: number;
};

export declare interface PdfPool {
  on(event: 'restart', fn: (reason: RestartReason) => void): this;
  on(event: 'failure', fn: (err: Error, what: string) => void): this;
  on(event: 'pageHung', fn: () => void): this;
  on(event: 'render', fn: (ms: number, ok: boolean) => void): this;
  on(event: 'purge', fn: (rssMb: number) => void): this;
}

export class PdfPool extends EventEmitter {
  private gen?: Generation;
  private launching?: Promise<Generation>;
  private readonly retired = new Set<Generation>();
  /** Requests waiting for a page. */
  private readonly queue: WaitQueue<Slot>;
  private creating = 0;
  private closed = false;
  private nextGen = 1;
  private readonly fonts: FontMap = shippedFonts();
  private readonly protocolTimeoutMs: number;
  readonly stats: PoolStats;
  /** Moving average of a print, for Retry-After. */
  private avgMs = 200;
  /** Pages allowed to print at once while overloaded (see limit()). */
  private readonly overloadSize: number;
  /** When the pool last refused a request (performance.now()). */
  private refusedAt = -Infinity;
  /** Wakes the queue when an overload ends and the full size is allowed again. */
  private overloadTimer?: NodeJS.Timeout;
  /** No usable browser: before the first launch, after a hang, a crash or a failed launch, until a launch succeeds. */
  private broken = true;
  private watchdog?: NodeJS.Timeout;
  private pinging = false;
  private readonly watchdogMs: number;
  private readonly pingTimeoutMs: number;

  constructor(readonly opts: PoolOptions) {
    super();
    this.protocolTimeoutMs = opts.protocolTimeoutMs ?? 60_000;
    this.watchdogMs = opts.watchdogMs ?? 2_000;
    this.pingTimeoutMs = opts.pingTimeoutMs ?? 2_000;
    this.overloadSize = overloadPages(opts.size, opts.overloadSize);
    this.stats = { size: opts.size, pages: 0, busy: 0, queued: 0, renders: 0, restarts: 0, crashes: 0, generation: 0, purges: 0, refused: 0, hangs: 0, pageHangs: 0 };
    this.queue = new WaitQueue(opts.queueSize, 'PDF render', (n) => (this.stats.queued = n));
  }

  /** Launches the browser and opens every page, so the first requests find warm pages. */
  async start(): Promise<void> {
    this.startWatchdog();
    const gen = await this.current();
    const n = Math.max(0, this.opts.size - gen.slots.size - this.creating);
    await Promise.all(
      Array.from({ length: n }, async () => {
        const slot = await this.newSlot(gen);
        this.release(slot, true);
      }),
    );
  }

  /**
   * Whether a PDF can be printed now, from the pool's state alone (no Chromium call, so it answers at once
   * whatever Chromium is doing): not closed, a browser running or being replaced after N renders, and no hang,
   * crash or failed launch since the last browser was launched.
   */
  usable(): boolean {
    if (this.closed || this.broken) return false;
    const gen = this.gen;
    if (gen && !gen.dead) return gen.browser.connected;
    return this.launching !== undefined;
  }

  private startWatchdog(): void {
    if (this.watchdog || this.watchdogMs <= 0 || this.closed) return;
    this.watchdog = setInterval(() => void this.ping(), this.watchdogMs).unref();
  }

  /**
   * The watchdog's round: the browser answers Browser.getVersion and every idle page an evaluate, each within
   * pingTimeoutMs, or the browser is killed and replaced. A pool with no browser (a launch failed) launches
   * one. Busy pages are not pinged: their renderer is printing; a stuck print is caught by its deadline.
   */
  async ping(): Promise<boolean> {
    if (this.pinging || this.closed) return true;
    this.pinging = true;
    try {
      const gen = this.gen;
      if (!gen || gen.dead) {
        if (!this.launching) void this.start().catch((e: unknown) => this.emit('failure', e as Error, 'starting Chromium'));
        return false;
      }
      // A browser opening pages is busy starting (slow on a loaded machine); opening a page has its own limit.
      if (this.creating > 0) return true;
      const answered = await timeout(gen.browser.version(), this.pingTimeoutMs, 'a ping of the browser').then(
        () => true,
        () => false,
      );
      if (!answered) {
        this.hung(gen, 'watchdog');
        return false;
      }
      // Idle pages, all at once. A page whose renderer does not answer is closed and replaced (the browser
      // answered, so the rest of it is sound); a page that cannot even be closed makes the browser hung.
      const idle = [...gen.slots].filter((slot) => !slot.busy && !slot.probing);
      const pinged = await Promise.all(
        idle.map(async (slot) => {
          slot.probing = true;
          const alive = await timeout(slot.page.evaluate('1'), this.pingTimeoutMs, 'a ping of a page').then(
            () => true,
            () => false,
          );
          slot.probing = false;
          return { slot, alive };
        }),
      );
      for (const { slot, alive } of pinged) {
        if (alive || gen.dead || !gen.slots.has(slot) || slot.busy) continue;
        this.stats.pageHangs += 1;
        this.emit('pageHung');
        this.release(slot, false);
      }
      if (pinged.some((p) => !p.alive) && !gen.dead && !this.closed) void this.start().catch(() => undefined);
      if (this.queue.length) this.pump();
      return true;
    } finally {
      this.pinging = false;
    }
  }

  /** Process ids of the live browsers (tests look for leftovers). */
  pids(): number[] {
    return [this.gen, ...this.retired].flatMap((g) => (g?.pid ? [g.pid] : []));
  }

  private async current(): Promise<Generation> {
    if (this.closed) throw new PoolError('closed', 'the renderer is shutting down');
    if (this.gen && !this.gen.dead && !this.gen.retiring) return this.gen;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Generation> {
    let launched;
    try {
      launched = await launchBrowser(this.opts.executablePath, this.protocolTimeoutMs);
    } catch (e) {
      this.broken = true;
      throw e;
    }
    const { browser, pid } = launched;
    const gen: Generation = {
      id: this.nextGen++,
      browser,
      pid,
      renders: 0,
      retiring: false,
      dead: false,
      hung: false,
      slots: new Set(),
    };
    browser.on('disconnected', () => this.onDisconnected(gen));
    if (this.closed) {
      killGroup(gen.pid);
      throw new PoolError('closed', 'the renderer is shutting down');
    }
    this.gen = gen;
    this.stats.generation = gen.id;
    this.broken = false;
    this.startWatchdog();
    // Serve the requests that waited for this browser.
    setImmediate(() => this.pump());
    return gen;
  }

  private onDisconnected(gen: Generation): void {
    if (gen.dead) return;
    gen.dead = true;
    killGroup(gen.pid);
    this.stats.pages -= gen.slots.size;
    for (const s of gen.slots) if (s.busy) this.stats.busy -= 1;
    gen.slots.clear();
    this.retired.delete(gen);
    if (this.gen === gen) {
      this.gen = undefined;
      if (!gen.retiring && !this.closed) {
        this.broken = true;
        if (!gen.hung) {
          this.stats.crashes += 1;
          this.stats.restarts += 1;
          this.emit('restart', 'crash');
        }
        // A new browser with warm pages at once, not on the next request: readiness comes back by itself.
        void this.start().catch((e: unknown) => {
          this.emit('failure', e as Error, 'starting Chromium');
          this.failWaiters(e as Error);
        });
        return;
      }
    }
    if (!this.closed && this.queue.length) void this.current().catch(() => undefined);
  }

  private async newSlot(gen: Generation): Promise<Slot> {
    this.creating += 1;
    try {
      const page = await openPage(gen.browser, this.opts.shell, this.fonts, this.protocolTimeoutMs, (p) =>
        timeout(p, Math.min(this.protocolTimeoutMs, OPEN_PAGE_MS), 'opening a page'),
      );
      const cdp = await page.createCDPSession().catch(() => undefined);
      const slot: Slot = { page, cdp, gen, busy: true, probing: false };
      gen.slots.add(slot);
      this.stats.pages += 1;
      this.stats.busy += 1;
      return slot;
    } finally {
      this.creating -= 1;
    }
  }

  /** Hands free slots to waiters, opening pages up to the pool size. */
  private pump(): void {
    while (this.queue.length) {
      const gen = this.gen;
      if (!gen || gen.dead || gen.retiring) {
        void this.current().catch((e: unknown) => this.failWaiters(e as Error));
        return;
      }
      if (this.stats.busy + this.creating >= this.limit()) return;
      const idle = [...gen.slots].find((s) => !s.busy && !s.probing);
      if (idle) {
        const w = this.queue.take()!;
        idle.busy = true;
        this.stats.busy += 1;
        w.resolve(idle);
        continue;
      }
      if (gen.slots.size + this.creating < this.opts.size) {
        const w = this.queue.take()!;
        this.newSlot(gen).then(w.resolve, (e: Error) => {
          w.reject(new PoolError('unavailable', `Chromium did not open a page: ${e.message}`));
          // A browser that does not answer is replaced. Other failures leave it be: puppeteer, for one, answers
          // "Requesting main frame too early!" when a page is opened while the browser's one renderer thread is
          // busy with a long print on another page, and killing the browser would fail that print too.
          if (timedOut(e)) this.hung(gen, 'hung');
          else this.pump();
        });
        continue;
      }
      return;
    }
  }

  private failWaiters(e: Error): void {
    this.queue.failAll(e instanceof PoolError ? e : new PoolError('unavailable', `Chromium did not start: ${e.message}`));
  }

  /**
   * Whether a request would be taken now: a page is free, or one can still be opened (pool not at its size,
   * or a browser being replaced), or the queue has room. A page still to be opened is capacity, not queue:
   * with PDF_QUEUE_SIZE 0 a request still gets the page that a restart or a replaced page left to open.
   */
  canAdmit(): boolean {
    if (this.closed) return true; // answered `closed` by acquire
    const spare = Math.max(0, this.limit() - this.stats.busy - this.creating);
    return this.queue.admits(spare);
  }

  /**
   * Pages allowed to print at once now. Normally the pool's size. While the pool is refusing requests, one
   * page fewer (PDF_OVERLOAD_PAGES): on the 2-core machine two prints at once take 1.5 to 2 times as long
   * each as one alone (two pages share the cores with each other, with the event loop that answers the
   * refusals and with the rest of the machine), so an admitted request's p95 sat on the edge of twice the
   * unloaded p95. Printing one fewer at once keeps the requests the service takes as fast as when it is idle,
   * at the price of some throughput while it refuses (figures in docs/pool-and-faults.md). The pool is back
   * to its size OVERLOAD_HOLD_MS after the last refusal.
   */
  limit(): number {
    return performance.now() - this.refusedAt < OVERLOAD_HOLD_MS ? this.overloadSize : this.opts.size;
  }

  /** The refusal of a full queue, with the seconds after which a retry is likely to be taken. */
  queueFull(): PoolError {
    this.refusedAt = performance.now();
    this.stats.refused += 1;
    this.wakeAfterOverload();
    const retry = Math.max(1, Math.ceil(((this.queue.length + 1) * this.avgMs) / this.opts.size / 1000));
    return new PoolError('queue_full', 'all renderers busy and the queue is full', retry);
  }

  /** Once the overload is over, waiting requests (a queue, the batch) get the pages it held back. */
  private wakeAfterOverload(): void {
    if (this.overloadTimer || this.overloadSize >= this.opts.size) return;
    const check = () => {
      const left = this.refusedAt + OVERLOAD_HOLD_MS - performance.now();
      if (left > 0 && !this.closed) {
        this.overloadTimer = setTimeout(check, left + 1).unref();
        return;
      }
      this.overloadTimer = undefined;
      if (!this.closed) this.pump();
    };
    this.overloadTimer = setTimeout(check, OVERLOAD_HOLD_MS + 1).unref();
  }

  private acquire(deadline: number, signal?: AbortSignal, unbounded = false): Promise<Slot> {
    if (this.closed) return Promise.reject(new PoolError('closed', 'the renderer is shutting down'));
    const gen = this.gen;
    if (gen && !gen.dead && !gen.retiring && this.queue.length === 0 && this.stats.busy + this.creating < this.limit()) {
      const idle = [...gen.slots].find((s) => !s.busy && !s.probing);
      if (idle) {
        idle.busy = true;
        this.stats.busy += 1;
        return Promise.resolve(idle);
      }
    }
    if (!unbounded && !this.canAdmit()) return Promise.reject(this.queueFull());
    const slot = this.queue.wait(deadline, signal);
    this.pump();
    return slot;
  }

  /** Gives a slot back: healthy ones to the next waiter or the idle set; others are closed and replaced. */
  private release(slot: Slot, healthy: boolean): void {
    if (slot.busy) {
      slot.busy = false;
      this.stats.busy -= 1;
    }
    const gen = slot.gen;
    if (!healthy || gen.retiring || gen.dead) {
      if (gen.slots.delete(slot)) this.stats.pages -= 1;
      if (!gen.dead) {
        void timeout(slot.page.close(), Math.min(this.protocolTimeoutMs, OPEN_PAGE_MS), 'closing a page').catch((e: unknown) => {
          if (timedOut(e)) this.hung(gen, 'hung');
        });
      }
      if (gen.retiring && ![...gen.slots].some((s) => s.busy)) this.finishRetired(gen);
    }
    this.pump();
  }

  /** The browser stopped answering: it is killed with its process group and replaced. */
  private hung(gen: Generation, reason: 'hung' | 'watchdog'): void {
    if (gen.dead) return;
    gen.hung = true;
    this.stats.hangs += 1;
    if (this.gen === gen) {
      this.stats.restarts += 1;
      this.emit('restart', reason);
    }
    killGroup(gen.pid);
    this.onDisconnected(gen);
  }

  private retire(gen: Generation): void {
    if (gen.retiring || gen.dead) return;
    gen.retiring = true;
    this.retired.add(gen);
    if (this.gen === gen) this.gen = undefined;
    this.stats.restarts += 1;
    this.emit('restart', 'renders');
    for (const s of [...gen.slots]) if (!s.busy) this.release(s, false);
    if (![...gen.slots].some((s) => s.busy)) this.finishRetired(gen);
    void this.current()
      .then(() => this.pump())
      .catch((e: unknown) => this.failWaiters(e as Error));
  }

  private finishRetired(gen: Generation): void {
    this.retired.delete(gen);
    gen.dead = true;
    this.stats.pages -= gen.slots.size;
    gen.slots.clear();
    void timeout(gen.browser.close(), 5_000, 'closing the browser')
      .catch(() => undefined)
      .finally(() => killGroup(gen.pid));
  }

  /**
   * Prints one document. `deadline` is an epoch time in ms that includes the wait for a page; `signal` aborts
   * when the client goes away; `unbounded` lets an internal caller that limits its own concurrency (the batch)
   * wait whatever the queue's length.
   */
  async print(doc: HtmlDoc, opts: { deadline: number; signal?: AbortSignal; unbounded?: boolean }): Promise<Buffer> {
    const slot = await this.acquire(opts.deadline, opts.signal, opts.unbounded);
    const started = Date.now();
    let healthy = false;
    try {
      const work = printOn(slot.page, doc).then((pdf) => {
        this.maybePurge(slot);
        return pdf;
      });
      const pdf = await this.queue.within(work, opts.deadline, opts.signal);
      healthy = true;
      return pdf;
    } catch (e) {
      throw this.failed(slot.gen, e);
    } finally {
      const ms = Date.now() - started;
      this.avgMs = this.avgMs * 0.9 + ms * 0.1;
      this.stats.renders += 1;
      this.emit('render', ms, healthy);
      const gen = slot.gen;
      gen.renders += 1;
      this.release(slot, healthy);
      if (gen === this.gen && gen.renders >= this.opts.restartAfter) this.retire(gen);
    }
  }

  /**
   * What a failed print answers: always a PoolError. A deadline is checked at once for a hung browser (a
   * frozen browser is the usual reason a small print takes 30 s); a CDP call that timed out means the browser
   * is hung; a browser that went away crashed. Any other error leaves the page replaced and the render failed
   * with 503: the HTML is the service's own, so such an error is Chromium's, not the client's.
   */
  private failed(gen: Generation, e: unknown): PoolError {
    if (e instanceof PoolError) {
      if (e.kind === 'deadline' && !gen.dead) void this.ping();
      return e;
    }
    if (gen.hung) return new PoolError('hung', 'Chromium stopped answering and was replaced');
    if (gen.dead || !gen.browser.connected) return new PoolError('crashed', 'Chromium stopped during the render');
    if (timedOut(e)) {
      this.hung(gen, 'hung');
      return new PoolError('hung', `Chromium stopped answering (${(e as Error).message}) and was replaced`);
    }
    this.emit('failure', e as Error, 'printing');
    return new PoolError('failed', `Chromium could not print: ${(e as Error).message}`);
  }

  private lastPurge = 0;

  /**
   * Chromium keeps what a print used (layout, paint and font caches, the freed DOM) until memory is short;
   * after a run of long documents it holds 250 MB more than at rest. When its resident memory is above
   * PURGE_ABOVE_MB, it is told that memory is critically short, and
   * purges, without anyone waiting for it. Below the mark nothing is done: a purge costs the next prints their
   * warm caches.
   */
  private maybePurge(slot: Slot): void {
    const now = Date.now();
    if (!slot.gen.pid || now - this.lastPurge < PURGE_INTERVAL_MS) return;
    const rssMb = residentMb(slot.gen.pid);
    if (rssMb === undefined || rssMb < PURGE_ABOVE_MB) return;
    this.lastPurge = now;
    this.stats.purges += 1;
    this.emit('purge', rssMb);
    void slot.cdp?.send('Memory.simulatePressureNotification', { level: 'critical' }).catch(() => undefined);
  }

  /** Stops taking work, fails the waiting requests, closes the browsers and kills their processes. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.overloadTimer);
    clearInterval(this.watchdog);
    this.failWaiters(new PoolError('closed', 'the renderer is shutting down'));
    const launching = await this.launching?.catch(() => undefined);
    const gens = [this.gen, launching, ...this.retired].filter((g): g is Generation => !!g);
    this.gen = undefined;
    await Promise.all(
      gens.map(async (g) => {
        g.dead = true;
        await timeout(g.browser.close(), 5_000, 'closing the browser').catch(() => undefined);
        killGroup(g.pid);
      }),
    );
  }
}
