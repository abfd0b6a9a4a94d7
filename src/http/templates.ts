/**
 * /v1/templates: the catalog, each type's JSON Schema and example, validation without rendering, and the
 * render. The template in the URL is looked up first (404 unknown_template, before the format's 400); the
 * data is the service's to validate against it, after its overload check, so that under overload a render is
 * refused (429) before anything reads the body.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATALOG } from '../documents/catalog.js';
import { isIssuable } from '../documents/types.js';
import { FIXTURES_DIR } from '../render/paths.js';
import { FORMATS, VanbanError, type Format, type Rendered, type Vanban } from '../service.js';
import { FORMAT_NAMES, isFormat } from '../render/formats.js';
import { contentDisposition } from './disposition.js';
import { documentData, errorAnswers, fileAnswer, jsonSchemaOf } from './schemas.js';
import type { Refusal } from './validation.js';
import { profileCheckOf } from './agencies.js';
import { Agencies } from '../agencies/store.js';

/** The format a render request asks for, without throwing (metrics label failures with it): `invalid` if unknown. */
export function requestedFormat(req: FastifyRequest): Format | 'invalid' {
  const q = (req.query as { format?: unknown } | undefined)?.format;
  if (q !== undefined) return typeof q === 'string' && isFormat(q) ? q : 'invalid';
  return acceptedFormat(req);
}

/** Without ?format=, the Accept header chooses: a format whose content type it names, PDF otherwise. */
const acceptedFormat = (req: FastifyRequest): Format => FORMAT_NAMES.find((f) => f !== 'pdf' && (req.headers.accept ?? '').includes(FORMATS[f].contentType)) ?? 'pdf';

/** A ?format= that is neither pdf nor docx. */
const unknownFormat: Refusal = (_problems, req) =>
  new VanbanError(400, 'unknown_format', `Định dạng "${String((req.query as { format?: unknown }).format)}" không được hỗ trợ: chọn pdf hoặc docx`, [
    { path: 'format', message: 'Chọn pdf hoặc docx' },
  ]);

/** The request's deadline: its arrival plus the configured deadline (queueing included). */
export const deadlineOf = (reply: FastifyReply, svc: Vanban) => Date.now() - reply.elapsedTime + svc.config.deadlineMs;

/** A rendered file as the answer: its type, its file names, and how many warnings it was rendered with. */
export const sendRendered = (reply: FastifyReply, r: Rendered) =>
  reply
    .header('Content-Type', r.contentType)
    .header('Content-Disposition', contentDisposition(r.filenameAscii, r.filenameUnicode))
    .header('Vanban-Warnings', String(r.warnings.length))
    .send(r.bytes);

/**
 * Aborts when the client closes the connection before the answer is sent, including a client that left while
 * its body was read or validated (the 'close' came before this was called): such a request never takes a
 * place in a queue.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  if (reply.raw.destroyed || reply.request.raw.socket?.destroyed) ac.abort();
  else
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) ac.abort();
    });
  return ac.signal;
}

const templateParams = z.object({
  id: z.string().meta({ description: 'Mã mẫu văn bản trong danh mục (GET /v1/templates)', enum: CATALOG.map((t) => t.id) }),
});

const renderQuery = z.object({
  format: z
    .enum(FORMAT_NAMES)
    .optional()
    .meta({ description: 'pdf hoặc docx; không có thì theo header Accept (DOCX khi Accept nêu kiểu DOCX), mặc định pdf' }),
  strict: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === 'true' || v === '1')
    .meta({ description: 'true hoặc 1: cảnh báo thành lỗi 422 (warnings_in_strict_mode)' }),
  watermark: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === 'true' || v === '1')
    .meta({ description: 'true hoặc 1: dấu "DỰ THẢO" trên mọi trang (bản xem trước, bản tải về trước khi ban hành)' }),
});

const dataBody = documentData('Dữ liệu văn bản', 'Dữ liệu theo JSON Schema của mẫu trong đường dẫn (GET /v1/templates/{id}/schema).');

const problem = z.object({ path: z.string(), code: z.string(), message: z.string() });

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.vanban;
  // The warnings of the agency's profile join the type's (src/agencies/profile.ts).
  const agencies = new Agencies(app.archive.db);
  // Work done once: schemas and examples are computed at start-up.
  const schemas = new Map(CATALOG.map((t) => [t.id, jsonSchemaOf(t.id, t.schema)]));
  const examples = new Map<string, unknown>();
  for (const t of CATALOG) {
    const file = path.join(FIXTURES_DIR, t.id, t.exampleFixture);
    if (existsSync(file)) examples.set(t.id, JSON.parse(readFileSync(file, 'utf8')) as unknown);
    else app.log.warn({ template: t.id, file }, 'no example fixture');
  }
  /** The template in the URL exists (404 unknown_template), before the route's schemas run. */
  const knownTemplate: preValidationAsyncHookHandler = async (req) => {
    svc.type((req.params as { id: string }).id);
  };
  const unknownTemplate = errorAnswers({ 404: 'Không có mẫu văn bản này' });

  app.get(
    '/v1/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Danh mục mẫu văn bản',
        response: {
          200: z
            .array(
              z.object({
                id: z.string(),
                title: z.string(),
                typeAbbreviation: z.string().nullable(),
                formats: z.array(z.enum(FORMAT_NAMES)),
                issuable: z.boolean().meta({ description: 'Văn bản ban hành vào sổ; false: sổ đăng ký văn bản đi, in qua GET /v1/registers' }),
              }),
            )
            .meta({ description: 'Các mẫu văn bản: mã, tên loại, chữ viết tắt, định dạng' }),
        },
      },
    },
    async () => CATALOG.map((t) => ({ id: t.id, title: t.title, typeAbbreviation: t.typeAbbreviation, formats: [...FORMAT_NAMES].sort(), issuable: isIssuable(t) })),
  );

  app.get(
    '/v1/templates/:id/schema',
    {
      schema: {
        tags: ['templates'],
        summary: 'JSON Schema của dữ liệu mẫu văn bản',
        params: templateParams,
        response: {
          200: { description: 'JSON Schema (2020-12) của dữ liệu, mỗi trường có tiêu đề và mô tả tiếng Việt', content: { 'application/schema+json': { schema: z.looseObject({}) } } },
          ...unknownTemplate,
        },
      },
      preValidation: knownTemplate,
    },
    async (req, reply) => reply.type('application/schema+json; charset=utf-8').send(schemas.get(req.params.id)),
  );

  app.get(
    '/v1/templates/:id/example',
    {
      schema: {
        tags: ['templates'],
        summary: 'Một bộ dữ liệu mẫu hợp lệ',
        params: templateParams,
        response: { 200: documentData('Dữ liệu ví dụ', 'Một bộ dữ liệu hợp lệ của mẫu'), ...errorAnswers({ 404: 'Không có mẫu văn bản này, hoặc mẫu chưa có dữ liệu ví dụ' }) },
      },
      preValidation: knownTemplate,
    },
    async (req) => {
      const example = examples.get(req.params.id);
      if (example === undefined) throw new VanbanError(404, 'no_example', `Mẫu "${req.params.id}" chưa có dữ liệu ví dụ`);
      return example;
    },
  );

  app.post(
    '/v1/templates/:id/validate',
    {
      schema: {
        tags: ['templates'],
        summary: 'Kiểm tra dữ liệu, không kết xuất',
        params: templateParams,
        body: dataBody,
        response: {
          200: z
            .object({ valid: z.boolean(), errors: z.array(problem), warnings: z.array(z.object({ path: z.string(), message: z.string() })) })
            .meta({ description: 'Kết quả kiểm tra: mọi lỗi kèm đường dẫn JSON, và các cảnh báo' }),
          ...errorAnswers({ 400: 'JSON hỏng hoặc thiếu nội dung', 404: 'Không có mẫu văn bản này', 413: 'Nội dung quá lớn', 415: 'Không phải application/json' }),
        },
      },
      preValidation: knownTemplate,
    },
    async (req) => {
      const r = svc.validate(req.params.id, req.body, await profileCheckOf(agencies, req, req.body));
      return { valid: r.problems.length === 0, errors: r.problems, warnings: r.warnings };
    },
  );

  app.post(
    '/v1/templates/:id/render',
    {
      schema: {
        tags: ['templates'],
        summary: 'Kết xuất văn bản ra PDF hoặc DOCX',
        params: templateParams,
        querystring: renderQuery,
        body: dataBody,
        response: {
          200: fileAnswer('Tệp văn bản; header Vanban-Warnings cho biết số cảnh báo', [FORMATS.pdf.contentType, FORMATS.docx.contentType]),
          ...errorAnswers({
            400: 'JSON hỏng hoặc định dạng không hỗ trợ',
            404: 'Không có mẫu văn bản',
            413: 'Nội dung quá lớn, hoặc văn bản quá dài để in trong thời hạn',
            415: 'Không phải application/json',
            422: 'Dữ liệu không hợp lệ: mọi lỗi kèm đường dẫn JSON',
            429: 'Dịch vụ đang bận: thử lại sau Retry-After giây',
            503: 'Không kết xuất được lúc này (quá thời hạn, trình kết xuất khởi động lại): thử lại sau Retry-After giây',
          }),
        },
      },
      config: { refused: { querystring: unknownFormat } },
      preValidation: knownTemplate,
    },
    async (req, reply) => {
      const format = req.query.format ?? acceptedFormat(req);
      svc.admit(format);
      const r = await svc.render(req.params.id, req.body, format, {
        strict: req.query.strict,
        watermark: req.query.watermark,
        checks: await profileCheckOf(agencies, req, req.body),
        deadline: deadlineOf(reply, svc),
        signal: clientGone(reply),
      });
      return sendRendered(reply, r);
    },
  );
};
