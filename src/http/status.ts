/**
 * The service's own endpoints: /health and /ready, which answer from state (never from a live print, so they
 * take well under a millisecond whatever Chromium does), and /metrics in the Prometheus text format
 * (prom-client). A plugin over the whole app (fastify-plugin), since its hook counts every render request,
 * the refused ones included.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import fp from 'fastify-plugin';
import client from 'prom-client';
import { z } from 'zod';
import { CATALOG } from '../documents/catalog.js';
import { RESTART_REASONS } from '../render/pdf/pool.js';
import { errorBody } from './errors.js';
import { errorAnswers, textAnswer } from './schemas.js';
import { requestedFormat } from './templates.js';

const statusPlugin: FastifyPluginAsyncZod = async (app) => {
  const svc = app.vanban;
  app.get(
    '/health',
    { schema: { tags: ['service'], summary: 'Dịch vụ còn sống', response: { 200: z.object({ status: z.literal('ok') }).meta({ description: 'Dịch vụ còn sống' }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['service'],
        summary: 'Chromium sẵn sàng in PDF',
        response: {
          200: z.object({ status: z.literal('ready') }).meta({ description: 'Chromium sẵn sàng in PDF' }),
          ...errorAnswers({ 503: 'Chromium chưa sẵn sàng hoặc đang được khởi động lại (Retry-After)' }),
        },
      },
    },
    async (_req, reply) => {
      if (svc.pool.usable()) return { status: 'ready' as const };
      return reply.status(503).header('Retry-After', '1').send(errorBody('not_ready', 'Chromium chưa sẵn sàng hoặc đang được khởi động lại'));
    },
  );

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'vanban_' });
  const known = new Set(CATALOG.map((t) => t.id));

  const renders = new client.Counter({
    name: 'vanban_renders_total',
    help: 'Render requests by template, format and HTTP status',
    labelNames: ['template', 'format', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'vanban_render_duration_seconds',
    help: 'Time from request to answer of successful renders',
    labelNames: ['template', 'format'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new client.Gauge({
    name: 'vanban_queue_depth',
    help: 'Renders waiting for a Chromium page',
    registers: [registry],
    collect() {
      this.set(svc.pool.stats.queued);
    },
  });
  new client.Gauge({
    name: 'vanban_pool_size',
    help: 'Chromium pages open',
    registers: [registry],
    collect() {
      this.set(svc.pool.stats.pages);
    },
  });
  new client.Gauge({
    name: 'vanban_pool_busy',
    help: 'Chromium pages printing',
    registers: [registry],
    collect() {
      this.set(svc.pool.stats.busy);
    },
  });
  new client.Gauge({
    name: 'vanban_pool_limit',
    help: 'Chromium pages allowed to print at once: the pool size, or PDF_OVERLOAD_PAGES while the pool refuses requests',
    registers: [registry],
    collect() {
      this.set(svc.pool.limit());
    },
  });
  const restarts = new client.Counter({
    name: 'vanban_browser_restarts_total',
    help: 'Chromium restarts by reason: renders (after BROWSER_RESTART_AFTER), crash, hung (a CDP call timed out), watchdog (a ping went unanswered)',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const r of RESTART_REASONS) restarts.inc({ reason: r }, 0);
  svc.pool.on('restart', (reason) => restarts.inc({ reason }));
  const pageHangs = new client.Counter({
    name: 'vanban_browser_page_hangs_total',
    help: 'Idle Chromium pages whose renderer did not answer the watchdog, closed and replaced',
    registers: [registry],
  });
  svc.pool.on('pageHung', () => pageHangs.inc());
  const purges = new client.Counter({
    name: 'vanban_browser_purges_total',
    help: 'Times Chromium was told to purge its caches because its resident memory was high',
    registers: [registry],
  });
  svc.pool.on('purge', () => purges.inc());

  new client.Gauge({
    name: 'vanban_docx_queue_depth',
    help: 'DOCX renders waiting for a worker thread',
    registers: [registry],
    collect() {
      this.set(svc.docxPool?.stats.queued ?? 0);
    },
  });
  new client.Gauge({
    name: 'vanban_docx_workers_busy',
    help: 'DOCX worker threads rendering',
    registers: [registry],
    collect() {
      this.set(svc.docxPool?.stats.busy ?? 0);
    },
  });
  const docxRestarts = new client.Counter({
    name: 'vanban_docx_worker_restarts_total',
    help: 'DOCX worker threads replaced, by reason (crashed, deadline)',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const r of ['crashed', 'deadline']) docxRestarts.inc({ reason: r }, 0);
  svc.docxPool?.on('restart', (reason: string) => docxRestarts.inc({ reason }));

  app.addHook('onResponse', async (req, reply) => {
    const m = /^\/v1\/templates\/([^/?]+)\/render/.exec(req.url);
    if (!m || req.method !== 'POST') return;
    const id = decodeURIComponent(m[1] ?? '');
    const template = known.has(id) ? id : 'unknown';
    // The format asked for, so failures are counted with it too (not the answer's content type, which is JSON).
    const format = requestedFormat(req);
    renders.inc({ template, format, status: String(reply.statusCode) });
    if (reply.statusCode === 200) duration.observe({ template, format }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['service'],
        summary: 'Số liệu Prometheus',
        response: {
          200: textAnswer('Số liệu theo định dạng văn bản của Prometheus', registry.contentType),
          ...errorAnswers({ 401: 'Thiếu khóa API, hoặc khóa không hợp lệ', 403: 'Cần khóa API quản trị' }),
        },
      },
    },
    async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
};

export const status = fp(statusPlugin, { name: 'vanban-status' });
