/** buildApp(config) -> a Fastify instance; main.ts listens on it, tests call inject() on it. */
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULTS, type Config } from './config.js';
import { errorBody, installErrorHandler } from './http/errors.js';
import { registerOpenApi } from './http/openapi.js';
import { routes } from './http/routes.js';
import { batchRoute } from './http/batch.js';
import { Vanban } from './service.js';

export type AppOptions = Partial<Config> & { logger?: boolean };

export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance & { vanban: Vanban }> {
  const config = { ...DEFAULTS, ...opts };
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    logger: opts.logger === false ? false : { level: config.logLevel },
    return503OnClosing: true,
  });
  const svc = new Vanban(config);
  app.decorate('vanban', svc);
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (req, reply) => {
    if (req.method === 'POST' && req.body === undefined) {
      return reply.status(400).send(errorBody('missing_body', 'Thiếu nội dung JSON của yêu cầu'));
    }
  });
  installErrorHandler(app);
  await registerOpenApi(app);
  await app.register(async (scope) => {
    await routes(scope, svc);
    await batchRoute(scope, svc, config.batchMaxItems);
  });
  // Chromium starts with the app, so the first request finds warm pages.
  app.addHook('onReady', async () => {
    await svc.pool.start().catch((err: unknown) => app.log.error({ err }, 'Chromium did not start; PDF renders will answer 503'));
  });
  app.addHook('onClose', async () => svc.close());
  return app as unknown as FastifyInstance & { vanban: Vanban };
}
