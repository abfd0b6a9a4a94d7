/**
 * The job queue on PostgreSQL through pg-boss (10.x, the line that runs on Node 20): its own schema "pgboss"
 * (created and migrated by pg-boss at start), messages fetched with SKIP LOCKED by every instance. An active
 * message not completed within its expireInSeconds is failed by pg-boss's maintenance and retried: the
 * maintenance runs every `expiryCheckS` seconds, so a dead instance's message is handed out again within
 * expiry + expiryCheckS + the polling interval (1 s).
 */
import PgBoss from 'pg-boss';
import type { Handler, JobQueue, SendOptions } from './queue.js';

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();

  constructor(url: string, expiryCheckS: number) {
    this.boss = new PgBoss({ connectionString: url, max: 4, maintenanceIntervalSeconds: Math.max(1, expiryCheckS) });
    // Errors of pg-boss's own loops (a connection lost for a moment): it carries on; they are not a request's.
    this.boss.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  private async queue(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name).catch(() => undefined);
    this.queues.add(name);
  }

  async send(name: string, data: Record<string, unknown>, o: SendOptions): Promise<void> {
    await this.queue(name);
    await this.boss.send(name, data, { retryLimit: o.retryLimit, retryDelay: o.retryDelayS, retryBackoff: o.backoff, expireInSeconds: o.expireInS });
  }

  async work(name: string, concurrency: number, handler: Handler): Promise<void> {
    await this.queue(name);
    // One worker per slot: each fetches one message at a time.
    for (let i = 0; i < concurrency; i++)
      await this.boss.work<Record<string, unknown>>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (job) await handler(job.data);
      });
  }

  async stop(graceMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, graceMs) });
  }
}
