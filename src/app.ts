/** buildApp(config) -> a Fastify instance; main.ts listens on it, tests call inject() on it. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULTS, type Config } from './config.js';
import { installAccess, type ApiKey } from './http/access.js';
import { batchRoute } from './http/batch.js';
import { errorBody, installErrorHandler } from './http/errors.js';
import { installMetrics } from './http/metrics.js';
import { registerOpenApi } from './http/openapi.js';
import { routes } from './http/routes.js';
import { registerWeb } from './http/web.js';
import { documentRoutes, registerRoutes } from './http/documents.js';
import { Archive } from './archive/archive.js';
import { Vanban } from './service.js';

export type AppOptions = Partial<Config> & {
  logger?: boolean;
  /** Where JSON log lines go (tests collect them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  apiKeys?: ApiKey[];
  ratePerMinute?: number;
  corsOrigins?: string[];
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance & { vanban: Vanban }> {
  const config = { ...DEFAULTS, ...opts };
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Keys and document contents never reach the logs: bodies are not logged, key headers are redacted.
            redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]'], censor: '[redacted]' },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    // A caller's X-Request-Id is kept when it is a plain token; otherwise the service makes one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  });
  const svc = new Vanban(config);
  app.decorate('vanban', svc);
  const archive = await Archive.open(svc, { dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  app.decorate('archive', archive);
  app.removeContentTypeParser('text/plain');
  installAccess(app, { keys: opts.apiKeys ?? [], ratePerMinute: opts.ratePerMinute ?? 600, corsOrigins: opts.corsOrigins ?? [] });
  app.addHook('preValidation', async (req, reply) => {
    if (req.method === 'POST' && req.body === undefined) {
      return reply.status(400).send(errorBody('missing_body', 'Thiếu nội dung JSON của yêu cầu'));
    }
  });
  installErrorHandler(app);
  installMetrics(app, svc);
  await registerOpenApi(app);
  await app.register(async (scope) => {
    await routes(scope, svc);
    await batchRoute(scope, svc, config.batchMaxItems);
    await documentRoutes(scope, archive, svc);
    await registerRoutes(scope, archive, svc);
  });
  await registerWeb(app);
  // Chromium starts with the app, so the first request finds warm pages.
  svc.pool.on('restart', (reason: string) => {
    if (reason !== 'renders') app.log.error({ reason, generation: svc.pool.stats.generation }, 'Chromium replaced');
  });
  svc.pool.on('failure', (err: Error, what: string) => app.log.error({ err, what }, 'Chromium failed'));
  svc.docxPool?.on('workerError', (err: Error) => app.log.error({ err }, 'DOCX worker failed; it is replaced'));
  svc.docxPool?.on('broken', () => app.log.error('DOCX workers do not start; DOCX renders on the event loop'));
  app.addHook('onReady', async () => {
    svc.docxPool?.start();
    await svc.pool.start().catch((err: unknown) => app.log.error({ err }, 'Chromium did not start; PDF renders will answer 503'));
    // Documents a crash left half-issued are completed with their number before any new one is issued.
    const recovered = await archive.recover().catch((err: unknown) => {
      app.log.error({ err }, 'could not complete the documents left issuing');
      return 0;
    });
    if (recovered) app.log.warn({ recovered }, 'completed documents left issuing by a previous stop');
  });
  app.addHook('onClose', async () => {
    await svc.close();
    await archive.close();
  });
  return app as unknown as FastifyInstance & { vanban: Vanban };
}
