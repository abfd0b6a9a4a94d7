/**
 * buildApp(config) -> a Fastify instance; main.ts listens on it, tests call inject() on it. The service and the
 * archive are decorations of the app (`app.vanban`, `app.archive`); each concern of the HTTP layer is a plugin
 * registered here with its options: the app-wide ones first (JSON bodies, access, errors, OpenAPI, which must
 * see every route registered after it), then the routes (src/http/*). Route schemas are zod, validated by
 * src/http/validation.ts and typed by fastify-type-provider-zod.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { DEFAULTS, type Config } from './config.js';
import { access } from './http/access.js';
import { agencyRoutes } from './http/agencies.js';
import { batchRoutes } from './http/batch.js';
import { documentRoutes } from './http/documents.js';
import { edxmlRoutes } from './http/edxml.js';
import { draftRoutes } from './http/drafts.js';
import { suggestionRoutes } from './http/suggestions.js';
import { errorBody, errors } from './http/errors.js';
import { jsonBodies } from './http/json.js';
import { openapi } from './http/openapi.js';
import { registerRoutes } from './http/registers.js';
import { signingRoutes } from './http/signing.js';
import { status } from './http/status.js';
import { templateRoutes } from './http/templates.js';
import { serializerCompiler, validatorCompiler } from './http/validation.js';
import { webRoutes } from './http/web.js';
import { jobRoutes } from './http/jobs.js';
import { Jobs } from './jobs/runner.js';
import { Archive } from './archive/archive.js';
import { LocalFileStorage, type FileStorage } from './archive/store.js';
import { PostgresFileStorage } from './archive/store-postgres.js';
import { S3FileStorage } from './archive/store-s3.js';
import { Vanban } from './service.js';
import { openSigning } from './signing/setup.js';
import type { Signing } from './signing/service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The rendering service: catalog, validation, DOCX and PDF (src/service.ts). */
    vanban: Vanban;
    /** The register of outgoing documents and their archive (src/archive/). */
    archive: Archive;
    /** Signing, receiving and verifying signed PDFs (src/signing/). */
    signing: Signing;
  }
}

export type AppOptions = Partial<Config> & {
  logger?: boolean;
  /** Where JSON log lines go (tests collect them); stdout by default. */
  logStream?: NodeJS.WritableStream;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The file store FILE_STORE names (src/config.ts checked that it has what it needs). */
function fileStorageOf(config: Config): FileStorage {
  if (config.fileStore === 'postgres') return new PostgresFileStorage(config.databaseUrl!);
  if (config.fileStore === 's3') return new S3FileStorage(config.s3!);
  return new LocalFileStorage(config.dataDir);
}

export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance> {
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
      const reply = res as unknown as FastifyReply;
      void reply
        .status(400)
        .send(errorBody(bad ? 'bad_url' : 'bad_request', bad ? 'Đường dẫn không hợp lệ (mã hóa phần trăm sai)' : 'Yêu cầu không hợp lệ', [{ path: 'url', code: err.code ?? 'bad_request', message: err.message }]));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const svc = new Vanban(config);
  app.decorate('vanban', svc);
  const archive = await Archive.open(svc, {
    dataDir: config.dataDir,
    storage: fileStorageOf(config),
    databaseUrl: config.databaseUrl,
    maxGap: config.registerMaxGap,
    attempts: config.issueAttempts,
    retryBaseMs: config.issueRetryMs,
    pdfaConcurrency: config.pdfaConcurrency,
    leaseMs: config.issueLeaseMs,
    log: {
      info: (o, m) => app.log.info(o, m),
      warn: (o, m) => app.log.warn(o, m),
      error: (o, m) => app.log.error(o, m),
    },
  });
  app.decorate('archive', archive);
  app.decorate('signing', openSigning({ ...config.signing, dataDir: config.dataDir }, { archive, pool: svc.pool, warn: (m) => app.log.warn(m) }));
  const jobs = await Jobs.open(config, archive, svc, app.log);
  app.decorate('jobs', jobs);

  await app.register(jsonBodies, { maxDepth: config.jsonMaxDepth });
  await app.register(access, { keys: config.apiKeys, ratePerMinute: config.ratePerMinute, corsOrigins: config.corsOrigins });
  await app.register(errors);
  await app.register(openapi);
  await app.register(status);
  await app.register(templateRoutes);
  await app.register(batchRoutes, { maxItems: config.batchMaxItems });
  await app.register(documentRoutes, { retryWindowS: config.issueRetryWindowS });
  await app.register(registerRoutes, { maxEntries: config.registerPrintMaxEntries });
  await app.register(signingRoutes);
  await app.register(edxmlRoutes, { maxBytes: config.edxmlMaxBytes, ...(config.edxmlSigning ? { signing: config.edxmlSigning } : {}) });
  await app.register(jobRoutes, { maxItems: config.jobMaxItems, bodyLimit: config.jobBodyLimit });
  await app.register(agencyRoutes);
  await app.register(draftRoutes);
  await app.register(suggestionRoutes);
  await app.register(webRoutes);

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
    await jobs.start();
    setImmediate(() => {
      archive.recover().then(
        (n) => n && app.log.warn({ pending: n }, 'documents left issuing by a previous stop: completing them in the background'),
        (err: unknown) => app.log.error({ err }, 'could not list the documents left issuing'),
      );
    });
  });
  app.addHook('onClose', async () => {
    // The slices in hand end within the grace; those left are handed to another instance (or the next start).
    await jobs.stop(config.shutdownGraceMs);
    archive.stop();
    await svc.close();
    await archive.close();
    await archive.files.close?.();
  });
  return app;
}
