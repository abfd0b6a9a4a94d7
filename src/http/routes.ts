import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CATALOG } from '../documents/catalog.js';
import { FIXTURES_DIR } from '../render/paths.js';
import { FORMATS, VanbanError, type Format, type Vanban } from '../service.js';
import { contentDisposition } from './disposition.js';
import { errorBody } from './errors.js';

/** The format a render request asks for, without throwing (metrics label failures with it): `invalid` if unknown. */
export function requestedFormat(req: FastifyRequest): Format | 'invalid' {
  const q = (req.query as { format?: unknown } | undefined)?.format;
  if (q !== undefined) return q === 'pdf' || q === 'docx' ? q : 'invalid';
  return (req.headers.accept ?? '').includes(FORMATS.docx.contentType) ? 'docx' : 'pdf';
}

function chooseFormat(req: FastifyRequest<{ Querystring: { format?: string } }>): Format {
  const f = requestedFormat(req);
  if (f !== 'invalid') return f;
  throw new VanbanError(400, 'unknown_format', `Định dạng "${req.query.format}" không được hỗ trợ: chọn pdf hoặc docx`, [
    { path: 'format', message: 'Chọn pdf hoặc docx' },
  ]);
}

const isStrict = (v: unknown) => v === 'true' || v === '1';

/** The request's deadline: its arrival plus the configured deadline (queueing included). */
export const deadlineOf = (reply: FastifyReply, svc: Vanban) => Date.now() - reply.elapsedTime + svc.config.deadlineMs;

/** Aborts when the client closes the connection before the answer is sent. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac.signal;
}

export function jsonSchemaOf(id: string, schema: z.ZodType): unknown {
  return { ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object), $id: `/v1/templates/${id}/schema` };
}

export async function routes(app: FastifyInstance, svc: Vanban): Promise<void> {
  // Work done once: schemas and examples are computed at start-up.
  const schemas = new Map(CATALOG.map((t) => [t.id, jsonSchemaOf(t.id, t.schema)]));
  const examples = new Map<string, unknown>();
  for (const t of CATALOG) {
    const file = path.join(FIXTURES_DIR, t.id, t.exampleFixture);
    if (existsSync(file)) examples.set(t.id, JSON.parse(readFileSync(file, 'utf8')) as unknown);
    else app.log.warn({ template: t.id, file }, 'no example fixture');
  }

  // Both answer from state, never from a live print: they take well under a millisecond whatever Chromium does.
  app.get('/health', { schema: { tags: ['service'], summary: 'Dịch vụ còn sống' } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { tags: ['service'], summary: 'Chromium sẵn sàng in PDF' } }, async (_req, reply) => {
    if (svc.pool.usable()) return { status: 'ready' };
    return reply.status(503).header('Retry-After', '1').send(errorBody('not_ready', 'Chromium chưa sẵn sàng hoặc đang được khởi động lại'));
  });

  app.get('/v1/templates', { schema: { tags: ['templates'], summary: 'Danh mục mẫu văn bản' } }, async () =>
    CATALOG.map((t) => ({ id: t.id, title: t.title, typeAbbreviation: t.typeAbbreviation, formats: ['docx', 'pdf'] })),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/templates/:id/schema',
    { schema: { tags: ['templates'], summary: 'JSON Schema của dữ liệu mẫu văn bản' } },
    async (req, reply) => {
      svc.type(req.params.id);
      return reply.type('application/schema+json; charset=utf-8').send(schemas.get(req.params.id));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/templates/:id/example',
    { schema: { tags: ['templates'], summary: 'Một bộ dữ liệu mẫu hợp lệ' } },
    async (req) => {
      svc.type(req.params.id);
      const example = examples.get(req.params.id);
      if (example === undefined) throw new VanbanError(404, 'no_example', `Mẫu "${req.params.id}" chưa có dữ liệu ví dụ`);
      return example;
    },
  );

  app.post<{ Params: { id: string }; Querystring: { format?: string; strict?: string } }>(
    '/v1/templates/:id/validate',
    { schema: { tags: ['templates'], summary: 'Kiểm tra dữ liệu, không kết xuất' } },
    async (req) => {
      const r = svc.validate(req.params.id, req.body);
      return { valid: r.problems.length === 0, errors: r.problems, warnings: r.warnings };
    },
  );

  app.post<{ Params: { id: string }; Querystring: { format?: string; strict?: string } }>(
    '/v1/templates/:id/render',
    { schema: { tags: ['templates'], summary: 'Kết xuất văn bản ra PDF hoặc DOCX' } },
    async (req, reply) => {
      svc.type(req.params.id);
      const format = chooseFormat(req);
      const r = await svc.render(req.params.id, req.body, format, {
        strict: isStrict(req.query.strict),
        deadline: deadlineOf(reply, svc),
        signal: clientGone(reply),
      });
      return reply
        .header('Content-Type', r.contentType)
        .header('Content-Disposition', contentDisposition(r.filenameAscii, r.filenameUnicode))
        .header('Vanban-Warnings', String(r.warnings.length))
        .send(r.bytes);
    },
  );
}
