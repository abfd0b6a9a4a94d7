/**
 * DOCX rendering on worker threads. docxtemplater compiles and renders synchronously (about 6 ms for a
 * two-page decision, 14 ms for a 19-page plan); on the event loop that time would hold up every other request,
 * the 429s of a full PDF queue included, and would use one core of the machine. Here `size` workers (default:
 * the number of cores) each hold the compiled templates and take one job at a time from a bounded queue.
 *
 * - A full queue refuses at once (PoolError queue_full: 429 with Retry-After).
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
import { PoolError } from '../pdf/pool.js';
import type { WorkerJob, WorkerReply } from './worker.js';

export type DocxPoolOptions = {
  size: number;
  queueSize: number;
  ids: string[];
  templatesDir?: string;
  /** Heap limit of each worker: a render that would need more fails alone (crashed) instead of the service. */
  maxHeapMb?: number;
};

type Job = {
  n: number;
  id: string;
  view: BaseView;
  resolve: (b: Buffer) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort?: () => void;
  done: boolean;
};

type Slot = { worker: Worker; ready: boolean; job?: Job; dead: boolean };

export type DocxPoolStats = { size: number; busy: number; queued: number; renders: number; restarts: number };

/** The worker entry: the compiled .js next to this module, or the .ts source run through tsx (tests, dev). */
function workerSource(): { source: string | URL; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return { source: new URL('./worker.js', import.meta.url), eval: false };
  // tsx's ESM API, found through its package.json: the CommonJS build cannot register hooks from a worker.
  const pkgJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const tsx = pathToFileURL(path.join(path.dirname(pkgJson), pkg.exports['./esm/api']!.import.default)).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  return {
    source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    eval: true,
  };
}

export class DocxPool extends EventEmitter {
  readonly stats: DocxPoolStats;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextJob = 1;
  private closed = false;
  /** Workers in a row that died before they were ready: at 3, the pool gives up (a broken install). */
  private failedStarts = 0;
  private readonly src = workerSource();

  constructor(private readonly opts: DocxPoolOptions) {
    super();
    this.stats = { size: opts.size, busy: 0, queued: 0, renders: 0, restarts: 0 };
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
    const slot: Slot = { worker, ready: false, dead: false };
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
      this.stats.busy--;
      worker.unref();
      this.stats.renders++;
      if ('error' in m) this.settle(job, new Error(m.error));
      else this.settle(job, Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      this.dispatch();
    });
    // The service logs it; 'exit' follows and does the work.
    worker.on('error', (err) => this.emit('workerError', err));
    worker.on('exit', () => this.lost(slot, 'crashed'));
  }

  /** A worker is gone (died, or terminated at a deadline): its job fails, and a new worker takes its place. */
  private lost(slot: Slot, why: 'crashed' | 'deadline'): void {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot);
    const job = slot.job;
    if (job) {
      slot.job = undefined;
      this.stats.busy--;
      this.settle(
        job,
        why === 'deadline'
          ? new PoolError('deadline', 'DOCX render passed its deadline')
          : new PoolError('crashed', 'DOCX worker stopped during the render'),
      );
    }
    if (this.closed) return;
    if (!slot.ready && ++this.failedStarts >= 3) {
      for (const j of this.queue.splice(0)) this.settle(j, new PoolError('unavailable', 'DOCX workers do not start', 5));
      this.stats.queued = 0;
      this.emit('broken');
      return;
    }
    this.stats.restarts++;
    this.emit('restart', why);
    this.spawn();
  }

  private settle(job: Job, result: Buffer | Error): void {
    if (job.done) return;
    job.done = true;
    clearTimeout(job.timer);
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (!slot.ready || slot.job || slot.dead) continue;
      const job = this.queue.shift()!;
      this.stats.queued = this.queue.length;
      if (job.done) continue;
      slot.job = job;
      this.stats.busy++;
      slot.worker.ref();
      slot.worker.postMessage({ job: job.n, id: job.id, view: job.view } satisfies WorkerJob);
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

  render(id: string, view: BaseView, opts: { deadline: number; signal?: AbortSignal; unbounded?: boolean }): Promise<Buffer> {
    if (!this.usable) return Promise.reject(new PoolError('unavailable', 'DOCX workers do not start', 5));
    if (this.closed) return Promise.reject(new PoolError('closed', 'DOCX pool closed', 5));
    if (opts.signal?.aborted) return Promise.reject(new PoolError('cancelled', 'client went away'));
    if (!opts.unbounded && this.queue.length >= this.opts.queueSize) {
      // Each waiting job is a few milliseconds of work per worker.
      return Promise.reject(new PoolError('queue_full', 'DOCX queue full', 1));
    }
    this.start();
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = { n: this.nextJob++, id, view, resolve, reject, done: false, timer: undefined as never };
      job.timer = setTimeout(() => this.expire(job), Math.max(0, opts.deadline - Date.now()));
      if (opts.signal) {
        job.signal = opts.signal;
        job.onAbort = () => {
          const i = this.queue.indexOf(job);
          if (i >= 0) {
            this.queue.splice(i, 1);
            this.stats.queued = this.queue.length;
          }
          // A running job finishes in milliseconds; its result is dropped.
          this.settle(job, new PoolError('cancelled', 'client went away'));
        };
        opts.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.stats.queued = this.queue.length;
      this.dispatch();
    });
  }

  private expire(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.stats.queued = this.queue.length;
      this.settle(job, new PoolError('deadline', 'DOCX render waited past its deadline'));
      return;
    }
    for (const slot of this.slots) {
      if (slot.job === job) {
        // Still rendering at the deadline: the worker is stuck on something; it goes, and a fresh one comes.
        this.lost(slot, 'deadline');
        void slot.worker.terminate();
        return;
      }
    }
  }

  /** Refuses what waits, lets running jobs finish (within `graceMs`), then ends the workers. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new PoolError('closed', 'DOCX pool closed', 5));
    this.stats.queued = 0;
    const until = Date.now() + graceMs;
    while ([...this.slots].some((s) => s.job) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }
}
