/** The staff page at / (issue 7). Placeholder until the web front end is built. */
import type { FastifyInstance } from 'fastify';

export async function registerWeb(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/docs'));
}
