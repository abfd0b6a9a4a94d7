/**
 * The job queue of an embedded service (SQLite): the table job_queue of migration 006, with pg-boss's
 * semantics (src/jobs/queue-pgboss.ts). A message is 'waiting' until run_after, then 'active' under a lease of
 * expire_s seconds; a worker that finishes deletes it; one that throws puts it back 'waiting' after its retry
 * delay (doubled at each attempt with backoff), or 'failed' past its retries; an expired lease hands it out
 * again. The process is alone on its data directory, so at start every message left active by the previous
 * process is handed out at once.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../archive/db.js';
import type { Handler, JobQueue, SendOptions } from './queue.js';

const POLL_MS = 250;
const iso = (ms = 0) => new Date(Date.now() + ms).toISOString();

export class SqliteQueue implements JobQueue {
  readonly kind = 'sqlite' as const;
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly wake = new Set<() => void>();

  constructor(private readonly sql: Sql) {}

  async start(): Promise<void> {
    await this.sql.query("UPDATE job_queue SET state = 'waiting', run_after = ?, lease_until = NULL WHERE state = 'active'", [iso()]);
  }

  async send(name: string, data: Record<string, unknown>, o: SendOptions): Promise<void> {
    await this.sql.query(
      "INSERT INTO job_queue (id, name, data, state, retry_limit, retry_delay_s, backoff, expire_s, run_after, created_at) VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)",
      [randomUUID(), name, JSON.stringify(data), o.retryLimit, o.retryDelayS, o.backoff ? 1 : 0, o.expireInS, iso(), iso()],
    );
    for (const w of this.wake) w();
  }

  /** The next message of `name` due (waiting, or active with its lease expired), taken under a lease. */
  private async claim(name: string): Promise<{ id: string; data: string; attempts: number; retry_limit: number; retry_delay_s: number; backoff: number } | undefined> {
    // A read first: an idle queue never takes the write lock the register's numbering needs.
    const due = await this.sql.query("SELECT 1 FROM job_queue WHERE name = ? AND state IN ('waiting', 'active') LIMIT 1", [name]);
    if (!due.length) return undefined;
    return this.sql.tx(async (q) => {
      const now = iso();
      // An expired message past its retries fails instead of being handed out again.
      await q("UPDATE job_queue SET state = 'failed', last_error = 'expired' WHERE name = ? AND state = 'active' AND lease_until < ? AND attempts > retry_limit", [name, now]);
      const r = await q(
        "SELECT id, data, attempts, retry_limit, retry_delay_s, backoff, expire_s FROM job_queue WHERE name = ? AND ((state = 'waiting' AND run_after <= ?) OR (state = 'active' AND lease_until < ?)) ORDER BY created_at LIMIT 1",
        [name, now, now],
      );
      const m = r[0];
      if (!m) return undefined;
      await q("UPDATE job_queue SET state = 'active', attempts = attempts + 1, lease_until = ? WHERE id = ?", [iso(Number(m.expire_s) * 1000), m.id]);
      return { id: String(m.id), data: String(m.data), attempts: Number(m.attempts) + 1, retry_limit: Number(m.retry_limit), retry_delay_s: Number(m.retry_delay_s), backoff: Number(m.backoff) };
    });
  }

  async work(name: string, concurrency: number, handler: Handler): Promise<void> {
    const loop = async () => {
      while (!this.stopping) {
        const m = await this.claim(name).catch(() => undefined);
        if (!m) {
          await new Promise<void>((resolve) => {
            const done = () => (clearTimeout(t), this.wake.delete(done), resolve());
            const t = setTimeout(done, POLL_MS);
            this.wake.add(done);
          });
          continue;
        }
        try {
          await handler(JSON.parse(m.data) as Record<string, unknown>);
          await this.sql.query('DELETE FROM job_queue WHERE id = ?', [m.id]);
        } catch (e) {
          const error = String((e as Error)?.message ?? e).slice(0, 2000);
          if (m.attempts > m.retry_limit) await this.sql.query("UPDATE job_queue SET state = 'failed', last_error = ? WHERE id = ?", [error, m.id]);
          else {
            const delay = m.retry_delay_s * 1000 * (m.backoff ? 2 ** (m.attempts - 1) : 1);
            await this.sql.query("UPDATE job_queue SET state = 'waiting', run_after = ?, lease_until = NULL, last_error = ? WHERE id = ?", [iso(delay), error, m.id]);
          }
        }
      }
    };
    for (let i = 0; i < concurrency; i++) this.loops.push(loop());
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const w of this.wake) w();
    await Promise.race([Promise.all(this.loops), new Promise((r) => setTimeout(r, graceMs).unref())]);
  }
}
