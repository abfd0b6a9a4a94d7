/**
 * DOCX rendering on worker threads. docxtemplater compiles and renders synchronously (about 6 ms for a
 * two-page decision, 14 ms for a 19-page plan); on the event loop that time would hold up every other request,
 * the 429s of a full PDF queue included, and would use one core of the machine. Here `size` workers (default:
 * the number of cores) each hold the compiled templates and take one job at a time; jobs beyond the free
 * workers wait in the bounded queue the PDF pool uses too (../queue.ts).
 *
 * - A full queue refuses at once (PoolError queue_full: 429 with Retry-After 1 s: each waiting job is a few
 *   milliseconds of work per worker).
 * - The deadline includes the time in the queue; a job still running at its deadline has its worker
 *   terminated and replaced (deadline: 503).
 * - A job whose client left is dropped from the queue (cancelled); one already running finishes and is
 *   discarded.
 * - A worker that dies (out of memory, a crash) fails its job with `crashed` (503) and is replaced.
 * - Idle workers are unref'd: they never keep the process alive by themselves.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BaseView } from '../../documents/types.js';
import { PoolError, WaitQueue } from '../queue.js';
import type { WorkerJob, WorkerReply } from './worker.js';

export type DocxPoolOptions = {
  size: number;
  queueSize: number;
  ids: string[];
  templatesDir?: string;
  /** Heap limit of each worker: a render that would need more fails alone (crashed) instead of the service. */
  maxHeapMb?: number;
};

/** The job a worker is rendering, answered by its reply. */
type Job = { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void };

/** A worker. `busy` from the moment it is handed to a job until the job's reply (or the worker's end). */
type Slot = { worker: Worker; ready: boolean; busy: boolean; job?: Job; dead: boolean };

export type DocxPoolStats = { size: number; busy: number; queued: number; renders: number; restarts: number };

/**
 * A worker entry given as the URL of its .ts source: the compiled .js beside it when this build is compiled, or
 * the .ts source run through tsx (tests, dev). Shared with the edXML workers (src/edxml/workers.ts).
 */
export function workerSource(entry: URL): { source: string | URL; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return { source: new URL(entry.href.replace(/\.ts$/, '.js')), eval: false };
  // tsx's ESM API, found through its package.json: the CommonJS build cannot register hooks from a worker.
  const pkgJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const tsx = pathToFileURL(path.join(path.dirname(pkgJson), pkg.exports['./esm/api']!.import.default)).href;
  return {
    source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`,
    eval: true,
  };
}

export class DocxPool extends EventEmitter {
  readonly stats: DocxPoolStats;
  private readonly slots = new Set<Slot>();
  /** Jobs waiting for a worker. */
  private readonly queue: WaitQueue<Slot>;
  private nextJob = 1;
  private closed = false;
  /** Workers in a row that died before they were ready: at 3, the pool gives up (a broken install). */
  private failedStarts = 0;
  private readonly src = workerSource(new URL('./worker.ts', import.meta.url));

  constructor(private readonly opts: DocxPoolOptions) {
    super();
    this.stats = { size: opts.size, busy: 0, queued: 0, renders: 0, restarts: 0 };
    this.queue = new WaitQueue(opts.queueSize, 'DOCX render', (n) => (this.stats.queued = n));
  }

  private started = false;

  /** Starts the workers (the first render does it too). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (let i = 0; i < this.opts.size; i++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(this.src.source, {
      eval: this.src.eval,
      workerData: { ids: this.opts.ids, templatesDir: this.opts.templatesDir },
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb ?? 512 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, busy: false, dead: false };
    this.slots.add(slot);
    worker.unref();
    worker.on('message', (m: WorkerReply) => {
      if ('ready' in m) {
        slot.ready = true;
        this.failedStarts = 0;
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.n !== m.job) return;
      slot.job = undefined;
      slot.busy = false;
      this.stats.busy--;
      worker.unref();
      this.stats.renders++;
      if ('error' in m) job.reject(new Error(m.error));
      else job.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      this.dispatch();
    });
    // The service logs it; 'exit' follows and does the work.
    worker.on('error', (err) => this.emit('workerError', err));
    worker.on('exit', () => this.lost(slot, 'crashed'));
  }

  /**
   * A worker is gone (died, or terminated at a deadline, whose job has already failed): its job fails, and a
   * new worker takes its place.
   */
  private lost(slot: Slot, why: 'crashed' | 'deadline'): void {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot);
    if (slot.busy) {
      slot.busy = false;
      this.stats.busy--;
      slot.job?.reject(new PoolError('crashed', 'DOCX worker stopped during the render'));
      slot.job = undefined;
    }
    if (this.closed) return;
    if (!slot.ready && ++this.failedStarts >= 3) {
      this.queue.failAll(new PoolError('unavailable', 'DOCX workers do not start', 5));
      this.emit('broken');
      return;
    }
    this.stats.restarts++;
    this.emit('restart', why);
    this.spawn();
  }

  /** A worker that can take a job now: ready, alive, not busy. */
  private free(slot: Slot): boolean {
    return slot.ready && !slot.busy && !slot.dead;
  }

  private occupy(slot: Slot): Slot {
    slot.busy = true;
    this.stats.busy++;
    slot.worker.ref();
    return slot;
  }

  /** Hands free workers to the jobs waiting, first come first served. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (this.free(slot)) this.queue.take()!.resolve(this.occupy(slot));
    }
  }

  /** Starts the workers and resolves when every one has compiled its templates (false if they cannot start). */
  async ready(timeoutMs = 60_000): Promise<boolean> {
    this.start();
    const end = Date.now() + timeoutMs;
    while (this.usable && !this.closed && Date.now() < end) {
      if (this.slots.size === this.opts.size && [...this.slots].every((s) => s.ready)) return true;
      await new Promise((r) => setTimeout(r, 10));
    }
    return false;
  }

  /** False once workers have failed to start three times in a row: the caller renders on its own thread. */
  get usable(): boolean {
    return this.failedStarts < 3;
  }

  /**
   * Renders one view on a worker. `deadline` (epoch ms) includes the wait for a worker; `signal` aborts when
   * the client goes away; `unbounded` lets a caller that limits its own concurrency wait whatever the queue's
   * length.
   */
  async render(id: string, view: BaseView, opts: { deadline: number; signal?: AbortSignal; unbounded?: boolean }): Promise<Buffer> {
    if (!this.usable) throw new PoolError('unavailable', 'DOCX workers do not start', 5);
    if (this.closed) throw new PoolError('closed', 'DOCX pool closed', 5);
    if (opts.signal?.aborted) throw new PoolError('cancelled', 'the client went away');
    this.start();
    // An idle worker takes the job whatever the queue's size (DOCX_QUEUE_SIZE=0 means "never wait", not "never
    // render"); only a job that would wait is subject to the bound.
    const idle = this.queue.length ? undefined : [...this.slots].find((s) => this.free(s));
    if (!idle && !opts.unbounded && !this.queue.admits()) throw new PoolError('queue_full', 'DOCX queue full', 1);
    const slot = idle ? this.occupy(idle) : await this.queue.wait(opts.deadline, opts.signal);
    const n = this.nextJob++;
    const reply = new Promise<Buffer>((resolve, reject) => (slot.job = { n, resolve, reject }));
    slot.worker.postMessage({ job: n, id, view } satisfies WorkerJob);
    try {
      // A job whose client left finishes in milliseconds; its result is dropped.
      return await this.queue.within(reply, opts.deadline, opts.signal);
    } catch (e) {
      if (e instanceof PoolError && e.kind === 'deadline' && slot.job?.n === n) {
        // Still rendering at the deadline: the worker is stuck on something; it goes, and a fresh one comes.
        this.lost(slot, 'deadline');
        void slot.worker.terminate();
      }
      throw e;
    }
  }

  /** Refuses what waits, lets running jobs finish (within `graceMs`), then ends the workers. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.failAll(new PoolError('closed', 'DOCX pool closed', 5));
    const until = Date.now() + graceMs;
    while ([...this.slots].some((s) => s.busy) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }
}
