/**
 * The one error handler, a plugin over the whole app (fastify-plugin): every error becomes
 * { error: { code, message, details } }, the shape `errorBodySchema` below describes in /openapi.json. Client
 * mistakes keep their 4xx (a request part its route schema refuses answers the route's refusal,
 * src/http/validation.ts); anything else is logged and answered 500 without internals (and is a bug to fix).
 */
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { VanbanError } from '../service.js';
import { isDiskFull } from '../archive/db.js';
import { refusalOf } from './validation.js';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Mã lỗi cho máy đọc, ví dụ validation_failed, unknown_template' }),
      message: z.string().meta({ description: 'Thông báo tiếng Việt' }),
      details: z.array(
        z.object({
          path: z.string().meta({ description: 'Đường dẫn JSON của trường lỗi, ví dụ $.articles[0].text' }),
          code: z.string().optional(),
          message: z.string(),
        }),
      ),
    }),
  })
  .meta({ title: 'Lỗi', description: 'Mọi câu trả lời lỗi: mã, thông báo tiếng Việt và từng lỗi kèm đường dẫn JSON' });

export type ErrorBody = z.infer<typeof errorBodySchema>;
export type ErrorDetail = ErrorBody['error']['details'][number];

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'Nội dung yêu cầu quá lớn'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Chỉ nhận nội dung application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'malformed_request', 'Độ dài nội dung không khớp với Content-Length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json', 'Nội dung JSON trống'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'Nội dung không phải JSON hợp lệ'],
};

const errorsPlugin: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((thrown: FastifyError, req, reply) => {
    const err = refusalOf(thrown, req) ?? thrown;
    if (err instanceof VanbanError) {
      if (err.retryAfterS !== undefined) void reply.header('Retry-After', String(err.retryAfterS));
      if (err.status >= 500) req.log.warn({ code: err.code }, err.message);
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) {
      const [status, code, message] = known;
      const limit = status === 413 ? ` (tối đa ${app.initialConfig.bodyLimit ?? 0} byte)` : '';
      return reply.status(status).send(errorBody(code, message + limit));
    }
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return reply.status(400).send(errorBody('malformed_json', `Nội dung không phải JSON hợp lệ: ${err.message}`));
    }
    if (isDiskFull(err)) {
      // Nothing half-written: files are written to a temporary name and renamed; the database rolled back.
      req.log.error({ err }, 'disk full');
      return reply.status(507).header('Retry-After', '30').send(errorBody('insufficient_storage', 'Bộ nhớ lưu trữ của dịch vụ đã đầy: yêu cầu không được ghi; hãy thử lại sau hoặc báo quản trị viên'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('bad_request', 'Yêu cầu không hợp lệ', [{ path: '$', code: err.code ?? 'bad_request', message: err.message }]));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Lỗi nội bộ của dịch vụ; yêu cầu đã được ghi lại'));
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(errorBody('not_found', `Không có đường dẫn ${req.method} ${req.url.split('?')[0] ?? ''}`)),
  );
};

export const errors = fp(errorsPlugin, { name: 'vanban-errors' });
