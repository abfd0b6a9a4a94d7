/**
 * Background jobs over HTTP (issue 18; the work itself is src/jobs/runner.ts):
 *
 *   POST /v1/jobs                 the body of /v1/batch, plus an optional webhook: 202 with Location at once
 *   GET  /v1/jobs/:id             state (queued, running, done) and progress (items done and failed)
 *   GET  /v1/jobs/:id/result      the zip, as /v1/batch answers it (409 until done; 404 once expired)
 *   GET  /v1/jobs/:id/manifest    its manifest.json alone
 *
 * Items are validated before the job is accepted (one 422 lists every bad item, as /v1/batch). Tenancy: a job
 * belongs to the register of the key that created it; an agency key sees only its own jobs (404 for others).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IntegrityError } from '../archive/store.js';
import type { Job, Jobs } from '../jobs/runner.js';
import { VanbanError } from '../service.js';
import { tenantOf } from './access.js';
import { batchSchema, prepareItems } from './batch.js';
import { contentDisposition } from './disposition.js';
import { errorBody } from './errors.js';
import { errorAnswers, fileAnswer } from './schemas.js';
import { refusedBody } from './validation.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background jobs (src/jobs/runner.ts). */
    jobs: Jobs;
  }
}

const jobSchema = z
  .object({
    id: z.string(),
    state: z.enum(['queued', 'running', 'done']).meta({ description: 'queued: chưa bắt đầu; running: đang kết xuất; done: đã xong, có kết quả' }),
    items: z.number().int().meta({ description: 'Số văn bản của lô' }),
    done: z.number().int().meta({ description: 'Số văn bản đã kết xuất xong' }),
    failed: z.number().int().meta({ description: 'Số văn bản lỗi (lý do trong manifest.json)' }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    expiresAt: z.string().nullable().meta({ description: 'Kết quả được giữ đến lúc này (JOB_RETENTION_S)' }),
    result: z.object({ bytes: z.number().int(), sha256: z.string() }).nullable(),
    webhook: z.object({ state: z.string().nullable(), attempts: z.number().int() }).nullable(),
    links: z.object({ self: z.string(), result: z.string(), manifest: z.string() }),
  })
  .meta({ title: 'Tác vụ nền', description: 'Trạng thái và tiến độ của một lô kết xuất nền' });

const jobParams = z.object({ id: z.string().max(100).meta({ description: 'Mã tác vụ (UUID)' }) });

function jobBody(maxItems: number) {
  const batch = batchSchema(maxItems);
  return batch
    .extend({
      webhook: z
        .object({
          url: z
            .string()
            .url({ error: 'Địa chỉ webhook không hợp lệ' })
            .max(2000)
            .refine((u) => /^https?:\/\//i.test(u), { error: 'Webhook phải là http hoặc https' })
            .meta({ description: 'Được gọi (POST, ký HMAC-SHA256) khi tác vụ xong' }),
        })
        .strict()
        .optional()
        .meta({ title: 'Webhook', description: 'Tùy chọn: địa chỉ nhận thông báo khi tác vụ xong.' }),
    })
    .meta({ title: 'Tác vụ nền', description: 'Một lô văn bản (như /v1/batch) kết xuất nền; kết quả lấy sau theo Location.' });
}

const present = (job: Job) => ({
  id: job.id,
  state: job.state,
  items: job.items,
  done: job.done,
  failed: job.failed,
  createdAt: job.createdAt,
  finishedAt: job.finishedAt,
  expiresAt: job.expiresAt,
  result: job.resultSha256 ? { bytes: job.resultBytes ?? 0, sha256: job.resultSha256 } : null,
  webhook: job.webhookUrl ? { state: job.webhookState, attempts: job.webhookAttempts } : null,
  links: { self: `/v1/jobs/${job.id}`, result: `/v1/jobs/${job.id}/result`, manifest: `/v1/jobs/${job.id}/manifest` },
});

export type JobRouteOptions = { /** Items in one job (JOB_MAX_ITEMS). */ maxItems: number; /** Body size of a job (JOB_BODY_LIMIT). */ bodyLimit: number };

export const jobRoutes: FastifyPluginAsyncZod<JobRouteOptions> = async (app, { maxItems, bodyLimit }) => {
  const { vanban: svc, jobs } = app;
  const unknownJob = errorAnswers({ 404: 'Không có tác vụ này (hoặc đã hết hạn lưu, hoặc của cơ quan khác)' });

  async function load(req: FastifyRequest, id: string): Promise<Job> {
    const job = await jobs.get(id, tenantOf(req));
    if (!job) throw new VanbanError(404, 'job_not_found', `Không có tác vụ "${id}"`);
    return job;
  }

  async function sendStored(req: FastifyRequest, reply: FastifyReply, job: Job, sha256: string | null, type: string, name: string) {
    if (job.state !== 'done' || !sha256) throw new VanbanError(409, 'job_not_done', `Tác vụ chưa xong (${job.done + job.failed}/${job.items})`, [], 5);
    try {
      const bytes = await app.archive.files.get(sha256);
      return reply.header('Content-Type', type).header('Content-Disposition', contentDisposition(name, name)).header('Cache-Control', 'private, max-age=3600').send(bytes);
    } catch (e) {
      if (!(e instanceof IntegrityError)) throw e;
      req.log.error({ job: job.id, expected: e.sha256, actual: e.actual }, 'job result integrity error');
      return reply.status(500).send(errorBody('integrity_error', 'Tệp kết quả không khớp với mã băm đã ghi: tệp không được trả về'));
    }
  }

  app.post(
    '/v1/jobs',
    {
      bodyLimit,
      schema: {
        tags: ['jobs'],
        summary: 'Kết xuất một lô văn bản ở chế độ nền',
        body: jobBody(maxItems),
        response: {
          202: jobSchema,
          ...errorAnswers({
            400: 'JSON hỏng hoặc thiếu nội dung',
            413: 'Nội dung quá lớn',
            415: 'Không phải application/json',
            422: 'Lô hoặc văn bản trong lô không hợp lệ (mọi lỗi kèm đường dẫn JSON), hoặc webhook khi dịch vụ chưa có khóa ký',
          }),
        },
      },
      config: { refused: { body: refusedBody('Tác vụ nền không hợp lệ') } },
    },
    async (req, reply) => {
      const { items, webhook } = req.body;
      if (webhook && !jobs.webhooks)
        throw new VanbanError(422, 'webhooks_disabled', 'Dịch vụ chưa cấu hình khóa ký webhook (JOB_WEBHOOK_SECRET)', [
          { path: '$.webhook', code: 'webhooks_disabled', message: 'Bỏ webhook và theo dõi Location' },
        ]);
      const problem = webhook && (await jobs.webhookProblem(webhook.url));
      if (problem) throw new VanbanError(422, 'validation_failed', 'Webhook không dùng được', [{ path: '$.webhook.url', code: 'webhook_not_allowed', message: problem }]);
      prepareItems(svc, items);
      const job = await jobs.create(items, tenantOf(req), webhook?.url);
      return reply.status(202).header('Location', `/v1/jobs/${job.id}`).header('Retry-After', '2').send(present(job));
    },
  );

  app.get(
    '/v1/jobs/:id',
    { schema: { tags: ['jobs'], summary: 'Trạng thái và tiến độ của tác vụ nền', params: jobParams, response: { 200: jobSchema, ...unknownJob } } },
    async (req) => present(await load(req, req.params.id)),
  );

  app.get(
    '/v1/jobs/:id/result',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Kết quả của tác vụ nền: tệp zip',
        params: jobParams,
        response: { 200: fileAnswer('Tệp zip: các văn bản theo thứ tự, rồi manifest.json', ['application/zip']), ...unknownJob, ...errorAnswers({ 409: 'Tác vụ chưa xong' }) },
      },
    },
    async (req, reply) => {
      const job = await load(req, req.params.id);
      return sendStored(req, reply, job, job.resultSha256, 'application/zip', `vanban-job-${job.id}.zip`);
    },
  );

  app.get(
    '/v1/jobs/:id/manifest',
    {
      schema: {
        tags: ['jobs'],
        summary: 'manifest.json của tác vụ nền',
        params: jobParams,
        response: { 200: fileAnswer('manifest.json: mỗi văn bản một dòng (tệp, kích thước, sha256, cảnh báo hoặc lỗi)', ['application/json']), ...unknownJob, ...errorAnswers({ 409: 'Tác vụ chưa xong' }) },
      },
    },
    async (req, reply) => {
      const job = await load(req, req.params.id);
      return sendStored(req, reply, job, job.manifestSha256, 'application/json', `manifest-${job.id}.json`);
    },
  );
};
