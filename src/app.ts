/** buildApp(config) -> a Fastify instance; main.ts listens on it, tests call inject() on it. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULTS, type Config } from './config.js';
import { installAccess, type ApiKey } from './http/access.js';
import { batchRoute } from './http/batch.js';
import { errorBody, installErrorHandler } from './http/errors.js';
import { installJsonParser } from './http/json.js';
import { installMetrics } from './http/metrics.js';
import { registerOpenApi } from './http/openapi.js';
import { routes } from './http/routes.js';
import { registerWeb } from './http/web.js';
import { documentRoutes, registerRoutes } from './http/documents.js';
import { Archive } from './archive/archive.js';
import { LocalFileStorage } from './archive/store.js';
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
    // A URL the router cannot decode ("/v1/templates/%/render") answers in the one error shape too.
    frameworkErrors: (err, _req, res) => {
      const bad = err.code === 'FST_ERR_BAD_URL';
      const reply = res as unknown as import('fastify').FastifyReply;
      void reply
        .status(400)
        .send(errorBody(bad ? 'bad_url' : 'bad_request', bad ? 'Đường dẫn không hợp lệ (mã hóa phần trăm sai)' : 'Yêu cầu không hợp lệ', [{ path: 'url', code: err.code ?? 'bad_request', message: err.message }]));
    },
  });
  const svc = new Vanban(config);
  app.decorate('vanban', svc);
  const archive = await Archive.open(svc, {
    dataDir: config.dataDir,
    storage: new LocalFileStorage(config.dataDir),
    databaseUrl: config.databaseUrl,
    maxGap: config.registerMaxGap,
    attempts: config.issueAttempts,
    retryBaseMs: config.issueRetryMs,
    pdfaConcurrency: config.pdfaConcurrency,
    log: {
      info: (o, m) => app.log.info(o, m),
      warn: (o, m) => app.log.warn(o, m),
      error: (o, m) => app.log.error(o, m),
    },
  });
  app.decorate('archive', archive);
  app.removeContentTypeParser('text/plain');
  installJsonParser(app, config.jsonMaxDepth);
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
    await documentRoutes(scope, archive, svc, { retryWindowS: config.issueRetryWindowS });
    await registerRoutes(scope, archive, svc, { registerPrintMaxEntries: config.registerPrintMaxEntries });
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
    // Documents a stop left half-issued are completed in the background, each on its own with retries, while
    // the service answers: the start never waits for them, whatever is left over.
    setImmediate(() => {
      archive.recover().then(
        (n) => n && app.log.warn({ pending: n }, 'documents left issuing by a previous stop: completing them in the background'),
        (err: unknown) => app.log.error({ err }, 'could not list the documents left issuing'),
      );
    });
  });
  app.addHook('onClose', async () => {
    archive.stop();
    await svc.close();
    await archive.close();
  });
  return app as unknown as FastifyInstance & { vanban: Vanban };
}
