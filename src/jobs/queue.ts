/**
 * The queue behind background jobs: named messages, each handled by one worker of one instance at a time, with
 * retries. A message whose worker does not finish within its expiry (its instance died, was killed -9, or hung)
 * is handed to another worker, on any instance: this is what makes a job survive the death of its instance.
 * Two implementations behind this one interface, chosen by the register's database:
 *
 * - PostgreSQL (DATABASE_URL): pg-boss (queue-pgboss.ts), a maintained queue on SKIP LOCKED, shared by every
 *   instance;
 * - SQLite (embedded): queue-sqlite.ts, the same semantics on a table of migration 006 (job_queue), for the one
 *   process of a data directory.
 *
 * Handlers must be idempotent: a message may be handled again after an expiry (src/jobs/runner.ts records each
 * item's result, so that an item already done is never rendered again).
 */
import type { RegisterDb } from '../archive/db.js';

export type SendOptions = {
  /** Retries after a failure or an expiry. */
  retryLimit: number;
  /** Seconds before a retry; doubled at each retry with `backoff`. */
  retryDelayS: number;
  backoff: boolean;
  /** Seconds a worker may hold the message before it counts as dead and the message is handed out again. */
  expireInS: number;
};

export type Handler = (data: Record<string, unknown>) => Promise<void>;

export interface JobQueue {
  readonly kind: 'pg-boss' | 'sqlite';
  start(): Promise<void>;
  send(name: string, data: Record<string, unknown>, o: SendOptions): Promise<void>;
  /** Handles the messages of `name`, `concurrency` at a time on this instance; a handler that throws is retried. */
  work(name: string, concurrency: number, handler: Handler): Promise<void>;
  /** Stops taking messages and waits up to `graceMs` for the ones in hand; those left are handed out again. */
  stop(graceMs: number): Promise<void>;
}

export async function openQueue(db: RegisterDb, databaseUrl: string | undefined, o: { expiryCheckS: number }): Promise<JobQueue> {
  if (databaseUrl) {
    const { PgBossQueue } = await import('./queue-pgboss.js');
    return new PgBossQueue(databaseUrl, o.expiryCheckS);
  }
  const { SqliteQueue } = await import('./queue-sqlite.js');
  return new SqliteQueue(db.sql);
}
