/**
 * Background jobs (issue 18): a batch (the body of /v1/batch) accepted at once and rendered in the background,
 * its result (a zip and its manifest, as /v1/batch answers) kept in the file store for JOB_RETENTION_S, an
 * optional signed webhook on completion (src/jobs/webhook.ts).
 *
 * Surviving the death of an instance: a job is cut into slices of JOB_SLICE_ITEMS items, each a message of the
 * queue (src/jobs/queue.ts); any instance takes the next slice. An item's file goes to the file store and its row
 * of job_items is marked done (with its hash and name) before the next: when an instance dies, its slice expires
 * after JOB_SLICE_TIMEOUT_S and another instance takes it over, rendering only the items still pending. Every
 * render of an item is counted in job_items.renders (counted before the render: one interrupted by a kill
 * counts too), and an item is claimed by one instance for the time of its render (job_items.claimed_until),
 * so a slice handed out again while its first worker is merely slow renders nothing twice. The slice that leaves no item pending queues the finishing step: the zip is assembled from the
 * stored files (each verified on read) in item order, stored with its manifest, and the job marked done; a
 * repeated finishing step finds it done and does nothing.
 *
 * Tenancy: a job belongs to the register of the key that created it (agency_key; NULL for an admin key or a
 * service without keys); an agency key sees only its own (src/http/jobs.ts).
 */
import { randomUUID } from 'node:crypto';
import yazl from 'yazl';
import type { Archive } from '../archive/archive.js';
import type { Sql } from '../archive/db.js';
import type { Config } from '../config.js';
import type { FileStorage } from '../archive/store.js';
import { itemBaseName, uniqueName, type BatchItem } from '../http/batch.js';
import { FORMATS, VanbanError, type Vanban } from '../service.js';
import { openQueue, type JobQueue } from './queue.js';
import { deliver, webhookProblem } from './webhook.js';

export type JobState = 'queued' | 'running' | 'done';

export type Job = {
  id: string;
  agencyKey: string | null;
  state: JobState;
  items: number;
  done: number;
  failed: number;
  webhookUrl: string | null;
  webhookState: string | null;
  webhookAttempts: number;
  resultSha256: string | null;
  resultBytes: number | null;
  manifestSha256: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
};

export type JobsOptions = {
  sliceItems: number;
  sliceTimeoutS: number;
  retentionS: number;
  webhookSecret?: string;
  webhookAttempts: number;
  webhookRetryS: number;
  /** JOB_WEBHOOK_HOSTS (src/jobs/webhook.ts): the only receivers, or any public host when empty. */
  webhookHosts: string[];
  /** Renders at once on this instance (the PDF pool's pages). */
  concurrency: number;
  log: { info(o: object, msg: string): void; warn(o: object, msg: string): void; error(o: object, msg: string): void };
};

const SLICE = 'vanban-job-slice';
const FINISH = 'vanban-job-finish';
const WEBHOOK = 'vanban-job-webhook';

const toJob = (r: Record<string, unknown>): Job => ({
  id: String(r.id),
  agencyKey: (r.agency_key as string | null) ?? null,
  state: r.state as JobState,
  items: Number(r.items),
  done: Number(r.done ?? 0),
  failed: Number(r.failed ?? 0),
  webhookUrl: (r.webhook_url as string | null) ?? null,
  webhookState: (r.webhook_state as string | null) ?? null,
  webhookAttempts: Number(r.webhook_attempts ?? 0),
  resultSha256: (r.result_sha256 as string | null) ?? null,
  resultBytes: r.result_bytes === null || r.result_bytes === undefined ? null : Number(r.result_bytes),
  manifestSha256: (r.manifest_sha256 as string | null) ?? null,
  createdAt: String(r.created_at),
  finishedAt: (r.finished_at as string | null) ?? null,
  expiresAt: (r.expires_at as string | null) ?? null,
});

/** Whether another attempt may cure a render failure (the pool down or full, a deadline): the slice is retried. */
const transient = (e: unknown) => !(e instanceof VanbanError) || e.status >= 500 || e.status === 429;

export class Jobs {
  private sweepTimer?: NodeJS.Timeout;
  private started = false;

  constructor(
    private readonly sql: Sql,
    private readonly files: FileStorage,
    private readonly svc: Vanban,
    readonly queue: JobQueue,
    private readonly o: JobsOptions,
  ) {}

  /**
   * The jobs of an app from its configuration: pg-boss on DATABASE_URL, the embedded queue otherwise; a dead
   * instance's slice is checked for expiry every tenth of the slice timeout.
   */
  static async open(config: Config, archive: Archive, svc: Vanban, log: JobsOptions['log']): Promise<Jobs> {
    const queue = await openQueue(archive.db, config.databaseUrl, { expiryCheckS: Math.max(1, Math.floor(config.jobSliceTimeoutS / 10)) });
    return new Jobs(archive.db.sql, archive.files, svc, queue, {
      sliceItems: config.jobSliceItems,
      sliceTimeoutS: config.jobSliceTimeoutS,
      retentionS: config.jobRetentionS,
      ...(config.webhookSecret ? { webhookSecret: config.webhookSecret } : {}),
      webhookAttempts: config.webhookAttempts,
      webhookRetryS: config.webhookRetryS,
      webhookHosts: config.webhookHosts,
      concurrency: config.poolSize,
      log,
    });
  }

  /** Starts taking slices, finishing steps and webhooks, and the retention sweep (every minute). */
  async start(): Promise<void> {
    await this.queue.start();
    // Embedded, the process is alone on its data directory: the claims of the previous one are void.
    if (this.queue.kind === 'sqlite') await this.sql.query("UPDATE job_items SET claimed_until = NULL WHERE state = 'pending' AND claimed_until IS NOT NULL");
    this.started = true;
    await this.queue.work(SLICE, 1, (d) => this.slice(String(d.job), Number(d.from), Number(d.to)));
    await this.queue.work(FINISH, 1, (d) => this.finish(String(d.job)));
    await this.queue.work(WEBHOOK, 1, (d) => this.webhook(String(d.job)));
    this.sweepTimer = setInterval(() => void this.sweep().catch((err: unknown) => this.o.log.error({ err }, 'job retention sweep failed')), 60_000);
    this.sweepTimer.unref();
  }

  async stop(graceMs: number): Promise<void> {
    clearInterval(this.sweepTimer);
    if (this.started) await this.queue.stop(graceMs);
  }

  /** Why a webhook URL is refused for a new job (src/jobs/webhook.ts), or undefined. */
  webhookProblem(url: string): Promise<string | undefined> {
    return webhookProblem(url, this.o.webhookHosts);
  }

  get webhooks(): boolean {
    return this.o.webhookSecret !== undefined;
  }

  /** Records a job (its items pending) and queues its slices; the items were validated by the caller. */
  async create(items: BatchItem[], agencyKey: string | undefined, webhookUrl: string | undefined): Promise<Job> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.sql.tx(async (q) => {
      await q('INSERT INTO jobs (id, agency_key, state, items, body, webhook_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id,
        agencyKey ?? null,
        'queued',
        items.length,
        JSON.stringify(items),
        webhookUrl ?? null,
        now,
      ]);
      // Many rows per statement: a thousand items are a few statements, not a thousand.
      for (let from = 0; from < items.length; from += 200) {
        const n = Math.min(200, items.length - from);
        await q(`INSERT INTO job_items (job_id, idx, state) VALUES ${Array.from({ length: n }, () => "(?, ?, 'pending')").join(', ')}`, Array.from({ length: n }, (_, k) => [id, from + k]).flat());
      }
    });
    for (let from = 0; from < items.length; from += this.o.sliceItems)
      await this.queue.send(SLICE, { job: id, from, to: Math.min(items.length, from + this.o.sliceItems) }, { retryLimit: 100, retryDelayS: 2, backoff: false, expireInS: this.o.sliceTimeoutS });
    return (await this.get(id))!;
  }

  /** A job with its counts; undefined when unknown, expired, or another register's (`tenant` set). */
  async get(id: string, tenant?: string): Promise<Job | undefined> {
    const r = await this.sql.query(
      `SELECT j.*, (SELECT COUNT(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'done') AS done,
              (SELECT COUNT(*) FROM job_items i WHERE i.job_id = j.id AND i.state = 'failed') AS failed
       FROM jobs j WHERE j.id = ?`,
      [id],
    );
    const job = r[0] ? toJob(r[0]) : undefined;
    if (!job || (tenant !== undefined && job.agencyKey !== tenant)) return undefined;
    return job;
  }

  /** The renders of each item of a job, by index (the multi-instance scenario counts them). */
  async renders(id: string): Promise<number[]> {
    return (await this.sql.query('SELECT renders FROM job_items WHERE job_id = ? ORDER BY idx', [id])).map((r) => Number(r.renders));
  }

  /** Renders the items of [from, to) still pending; the last slice to leave none pending queues the finish. */
  private async slice(jobId: string, from: number, to: number): Promise<void> {
    const r = await this.sql.query('SELECT body, state FROM jobs WHERE id = ?', [jobId]);
    if (!r[0] || r[0].state === 'done') return;
    if (r[0].state === 'queued') await this.sql.query("UPDATE jobs SET state = 'running' WHERE id = ? AND state = 'queued'", [jobId]);
    const items = JSON.parse(String(r[0].body)) as BatchItem[];
    const pending = (await this.sql.query("SELECT idx FROM job_items WHERE job_id = ? AND idx >= ? AND idx < ? AND state = 'pending' ORDER BY idx", [jobId, from, to])).map((x) => Number(x.idx));
    let retry: unknown;
    const work = async () => {
      for (let i = pending.shift(); i !== undefined; i = pending.shift()) {
        const item = items[i]!;
        // Claimed for the render's time: a slice handed out again while this one still runs (a slow machine)
        // skips the items claimed here; an item whose instance died is claimable again once its claim expires.
        const now = new Date();
        const claimed = await this.sql.query(
          "UPDATE job_items SET renders = renders + 1, claimed_until = ? WHERE job_id = ? AND idx = ? AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?) RETURNING idx",
          [new Date(now.getTime() + this.svc.config.deadlineMs * 2).toISOString(), jobId, i, now.toISOString()],
        );
        if (!claimed.length) continue;
        try {
          const format = item.format ?? 'pdf';
          const p = this.svc.prepare(item.template, item.data);
          const out = await this.svc.renderPrepared(p, format, { deadline: Date.now() + this.svc.config.deadlineMs, unbounded: true });
          const sha256 = await this.files.put(out.bytes);
          await this.sql.query("UPDATE job_items SET state = 'done', sha256 = ?, bytes = ?, name = ?, warnings = ? WHERE job_id = ? AND idx = ? AND state = 'pending'", [
            sha256,
            out.bytes.length,
            `${itemBaseName(item, out, i)}.${FORMATS[format].ext}`,
            JSON.stringify(out.warnings),
            jobId,
            i,
          ]);
        } catch (e) {
          if (transient(e)) {
            retry ??= e;
            await this.sql.query('UPDATE job_items SET claimed_until = NULL WHERE job_id = ? AND idx = ?', [jobId, i]);
            continue;
          }
          const err = e as VanbanError;
          await this.sql.query("UPDATE job_items SET state = 'failed', error = ? WHERE job_id = ? AND idx = ? AND state = 'pending'", [JSON.stringify({ code: err.code, message: err.message }), jobId, i]);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.o.concurrency, pending.length)) }, work));
    // The items a passing failure left pending are rendered when the queue hands the slice out again; so are
    // those another instance had claimed and has not finished (it may have died since).
    if (retry) throw retry;
    const claimedElsewhere = await this.sql.query("SELECT 1 FROM job_items WHERE job_id = ? AND idx >= ? AND idx < ? AND state = 'pending' LIMIT 1", [jobId, from, to]);
    if (claimedElsewhere.length) throw new Error('items of this slice are being rendered by another instance');
    const left = await this.sql.query("SELECT 1 FROM job_items WHERE job_id = ? AND state = 'pending' LIMIT 1", [jobId]);
    if (!left.length) await this.queue.send(FINISH, { job: jobId }, { retryLimit: 10, retryDelayS: 5, backoff: true, expireInS: Math.max(120, this.o.sliceTimeoutS) });
  }

  /** Assembles the zip and the manifest from the stored files, stores them, marks the job done, queues the webhook. */
  private async finish(jobId: string): Promise<void> {
    const r = await this.sql.query('SELECT body, state, webhook_url, created_at FROM jobs WHERE id = ?', [jobId]);
    if (!r[0] || r[0].state === 'done') return;
    // The entries dated by the job, not by the clock: two instances finishing at once store the same bytes.
    const mtime = new Date(String(r[0].created_at));
    const items = JSON.parse(String(r[0].body)) as BatchItem[];
    const rows = await this.sql.query('SELECT idx, state, sha256, bytes, name, warnings, error FROM job_items WHERE job_id = ? ORDER BY idx', [jobId]);
    const zip = new yazl.ZipFile();
    const used = new Set<string>();
    const manifest: unknown[] = [];
    for (const row of rows) {
      const i = Number(row.idx);
      const item = items[i]!;
      const format = item.format ?? 'pdf';
      if (row.state !== 'done') {
        manifest.push({ index: i, template: item.template, format, error: JSON.parse(String(row.error ?? '{"code":"internal_error","message":"Lỗi nội bộ"}')) as unknown });
        continue;
      }
      const file = uniqueName(String(row.name), used);
      zip.addBuffer(await this.files.get(String(row.sha256)), file, { compress: format !== 'docx', mtime });
      manifest.push({ index: i, template: item.template, format, file, bytes: Number(row.bytes), sha256: row.sha256, warnings: JSON.parse(String(row.warnings ?? '[]')) as unknown });
    }
    // The job's id in its manifest: two jobs of the same items never share a result file (removed on expiry).
    const manifestBytes = Buffer.from(JSON.stringify({ job: jobId, items: manifest }, null, 2));
    zip.addBuffer(manifestBytes, 'manifest.json', { mtime });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
    const result = Buffer.concat(chunks);
    const [resultSha, manifestSha] = [await this.files.put(result), await this.files.put(manifestBytes)];
    const now = new Date();
    const updated = await this.sql.query(
      "UPDATE jobs SET state = 'done', result_sha256 = ?, result_bytes = ?, manifest_sha256 = ?, finished_at = ?, expires_at = ?, webhook_state = ? WHERE id = ? AND state <> 'done' RETURNING id",
      [resultSha, result.length, manifestSha, now.toISOString(), new Date(now.getTime() + this.o.retentionS * 1000).toISOString(), r[0].webhook_url ? 'pending' : null, jobId],
    );
    this.o.log.info({ job: jobId, items: items.length, bytes: result.length }, 'job done');
    if (updated.length && r[0].webhook_url)
      await this.queue.send(WEBHOOK, { job: jobId }, { retryLimit: this.o.webhookAttempts - 1, retryDelayS: this.o.webhookRetryS, backoff: true, expireInS: 60 });
  }

  /** One delivery of a finished job's webhook; a failure is thrown for the queue to retry with backoff. */
  private async webhook(jobId: string): Promise<void> {
    const job = await this.get(jobId);
    if (!job?.webhookUrl || !this.o.webhookSecret || job.webhookState === 'delivered') return;
    const payload = {
      id: job.id,
      state: job.state,
      items: job.items,
      done: job.done,
      failed: job.failed,
      finishedAt: job.finishedAt,
      expiresAt: job.expiresAt,
      links: { self: `/v1/jobs/${job.id}`, result: `/v1/jobs/${job.id}/result`, manifest: `/v1/jobs/${job.id}/manifest` },
    };
    try {
      await deliver(job.webhookUrl, this.o.webhookSecret, job.id, payload, { hosts: this.o.webhookHosts });
      await this.sql.query("UPDATE jobs SET webhook_state = 'delivered', webhook_attempts = webhook_attempts + 1, webhook_error = NULL WHERE id = ?", [jobId]);
    } catch (e) {
      const last = job.webhookAttempts + 1 >= this.o.webhookAttempts;
      await this.sql.query('UPDATE jobs SET webhook_state = ?, webhook_attempts = webhook_attempts + 1, webhook_error = ? WHERE id = ?', [
        last ? 'failed' : 'retrying',
        String((e as Error)?.message ?? e).slice(0, 500),
        jobId,
      ]);
      this.o.log.warn({ err: e, job: jobId, attempt: job.webhookAttempts + 1 }, last ? 'job webhook failed for good' : 'job webhook failed: retried with backoff');
      if (!last) throw e;
    }
  }

  /**
   * Removes the jobs past their retention with their result and manifest, and their items' files that nothing
   * else refers to (an archived document or another job may have the same bytes: the store is content-addressed).
   */
  async sweep(): Promise<number> {
    const expired = await this.sql.query('SELECT id, result_sha256, manifest_sha256 FROM jobs WHERE expires_at IS NOT NULL AND expires_at < ? LIMIT 100', [new Date().toISOString()]);
    for (const j of expired) {
      const items = (await this.sql.query('SELECT DISTINCT sha256 FROM job_items WHERE job_id = ? AND sha256 IS NOT NULL', [j.id])).map((x) => String(x.sha256));
      await this.sql.query('DELETE FROM job_items WHERE job_id = ?', [j.id]);
      await this.sql.query('DELETE FROM jobs WHERE id = ?', [j.id]);
      for (const h of [j.result_sha256, j.manifest_sha256]) if (h) await this.files.remove(String(h));
      for (const h of items) {
        const used = await this.sql.query('SELECT 1 FROM job_items WHERE sha256 = ? UNION ALL SELECT 1 FROM document_files WHERE sha256 = ? LIMIT 1', [h, h]);
        if (!used.length) await this.files.remove(h);
      }
    }
    return expired.length;
  }
}
