/**
 * The bounded queue both render pools share (the Chromium pages of pdf/pool.ts, the DOCX workers of
 * docx/workers.ts), and the errors they answer with.
 *
 * A request that finds no free slot (a page, a worker) waits here, first come first served, for at most its
 * deadline: an epoch time set when the request arrived, so the wait counts against it. A request whose
 * deadline passes, or whose client goes away (its AbortSignal), leaves the queue at once and fails with
 * `deadline` or `cancelled`. `admits` is the bound: a pool refuses a request (`queue_full`, 429 with
 * Retry-After) when as many as the queue's size already wait; how long to tell the client to wait, and any
 * rule about when to refuse more (the PDF pool's overload hold), are the pool's. `within` bounds the work a
 * request does once it holds a slot by the same deadline and signal.
 *
 * Every failure of a pool is a PoolError; src/service.ts maps its kind to the HTTP answer.
 */

export type PoolErrorKind = 'queue_full' | 'deadline' | 'crashed' | 'hung' | 'failed' | 'cancelled' | 'closed' | 'unavailable';

export class PoolError extends Error {
  constructor(
    readonly kind: PoolErrorKind,
    message: string,
    /** Seconds after which a retry is likely to be taken. */
    readonly retryAfterS = 1,
  ) {
    super(message);
  }
}

const clientGone = () => new PoolError('cancelled', 'the client went away');

type Waiter<T> = { resolve: (slot: T) => void; reject: (e: Error) => void; cleanup: () => void };

/** A waiting request taken off the queue: give it its slot, or fail it. */
export type Taken<T> = Pick<Waiter<T>, 'resolve' | 'reject'>;

export class WaitQueue<T> {
  private readonly waiting: Waiter<T>[] = [];

  /**
   * `size`: how many may wait. `what` names the pool's work in its errors ("PDF render"). `changed` hears the
   * queue's length whenever it changes (the pools' `stats.queued`, read by the metrics).
   */
  constructor(
    readonly size: number,
    private readonly what: string,
    private readonly changed: (length: number) => void,
  ) {}

  get length(): number {
    return this.waiting.length;
  }

  /** Whether one more request may wait: fewer than `size` wait, plus `spare` slots that are free or about to be. */
  admits(spare = 0): boolean {
    return this.waiting.length < this.size + spare;
  }

  /**
   * Waits for a slot, handed over by `take()`. Fails with `deadline` when `deadline` (epoch ms) passes first,
   * with `cancelled` when `signal` aborts first; either way the request leaves the queue. The caller checks
   * admission first: `wait` always queues.
   */
  wait(deadline: number, signal?: AbortSignal): Promise<T> {
    // A client gone already never waits (it would hold a place, and then a slot, for nobody).
    if (signal?.aborted) return Promise.reject(clientGone());
    return new Promise<T>((resolve, reject) => {
      const leave = (e: PoolError) => {
        const i = this.waiting.indexOf(w);
        if (i >= 0) this.waiting.splice(i, 1);
        this.changed(this.waiting.length);
        w.cleanup();
        reject(e);
      };
      const timer = setTimeout(() => leave(new PoolError('deadline', `${this.what} waited past its deadline`)), Math.max(0, deadline - Date.now()));
      const onAbort = () => leave(clientGone());
      const w: Waiter<T> = {
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(w);
      this.changed(this.waiting.length);
    });
  }

  /** The first waiting request, off the queue (its deadline and signal no longer watched); none if empty. */
  take(): Taken<T> | undefined {
    const w = this.waiting.shift();
    if (!w) return undefined;
    this.changed(this.waiting.length);
    w.cleanup();
    return w;
  }

  /** Fails every waiting request (a pool closing, or unable to serve). */
  failAll(e: Error): void {
    for (const w of this.waiting.splice(0)) {
      w.cleanup();
      w.reject(e);
    }
    this.changed(0);
  }

  /**
   * `work` bounded by the request's deadline and signal: it fails with `deadline` or `cancelled` as soon as
   * either comes. `work` itself is not stopped (the pool decides what becomes of a slot whose work was cut).
   */
  within<R>(work: Promise<R>, deadline: number, signal?: AbortSignal): Promise<R> {
    let stop: (() => void) | undefined;
    const limits = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(new PoolError('deadline', `${this.what} passed its deadline`)), Math.max(0, deadline - Date.now()));
      const onAbort = () => reject(clientGone());
      signal?.addEventListener('abort', onAbort, { once: true });
      stop = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) onAbort();
    });
    work.catch(() => undefined);
    return Promise.race([work, limits]).finally(stop);
  }
}
