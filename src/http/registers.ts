/**
 * GET /v1/registers: an agency's register of outgoing documents (sổ đăng ký văn bản đi) for a year or a date
 * range, printed as PDF or DOCX. The archive builds the book from its records (src/archive/register-book.ts);
 * this route says which agency and register (an agency key: its own, whatever the query names) and renders it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerBook } from '../archive/register-book.js';
import { FORMATS, VanbanError } from '../service.js';
import { FORMAT_NAMES } from '../render/formats.js';
import { tenantOf } from './access.js';
import { contentDisposition } from './disposition.js';
import { errorAnswers, fileAnswer } from './schemas.js';
import { deadlineOf } from './templates.js';
import { refusedQuery } from './validation.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' });

const registerQuery = z.object({
  agency: z.string().min(1, { error: 'Cần cơ quan' }).max(300).optional().meta({ description: 'Mã định danh của cơ quan, hoặc khóa sổ; khóa API của cơ quan: mặc định là cơ quan của khóa' }),
  year: z.coerce.number().int().min(1900).max(9999).meta({ description: 'Năm của sổ' }),
  from: date.optional().meta({ description: 'Tùy chọn: in từ ngày (YYYY-MM-DD)' }),
  to: date.optional().meta({ description: 'Tùy chọn: in đến ngày (YYYY-MM-DD)' }),
  book: z.string().max(20).optional().meta({ description: 'Tùy chọn: quyển số' }),
  format: z.enum(FORMAT_NAMES, { error: `Định dạng là ${FORMAT_NAMES.join(' hoặc ')}` }).default('pdf'),
});

export type RegisterRouteOptions = {
  /** Entries of a register printed at once (REGISTER_PRINT_MAX_ENTRIES); more answer 422 asking for from/to. */
  maxEntries: number;
};

export const registerRoutes: FastifyPluginAsyncZod<RegisterRouteOptions> = async (app, { maxEntries }) => {
  const { vanban: svc, archive } = app;
  app.get(
    '/v1/registers',
    {
      schema: {
        tags: ['documents'],
        summary: 'In sổ đăng ký văn bản đi của một cơ quan',
        querystring: registerQuery,
        response: {
          200: fileAnswer('Sổ đăng ký văn bản đi (Phụ lục IV), theo thứ tự số', [FORMATS.pdf.contentType, FORMATS.docx.contentType]),
          ...errorAnswers({
            400: 'Tham số không hợp lệ, hoặc thiếu cơ quan',
            404: 'Sổ chưa có văn bản trong khoảng này',
            422: 'Sổ có nhiều văn bản hơn số in được một lần: in từng đợt với from và to',
          }),
        },
      },
      config: { refused: { querystring: refusedQuery('Tham số không hợp lệ') } },
    },
    async (req, reply) => {
      const f = req.query;
      const tenant = tenantOf(req);
      const agency = f.agency ?? (tenant !== undefined ? req.apiKey?.agency : undefined);
      if (agency === undefined)
        throw new VanbanError(400, 'bad_query', 'Tham số không hợp lệ', [{ path: 'agency', code: 'invalid_type', message: 'Cần mã định danh của cơ quan hoặc khóa sổ' }]);
      const book = await registerBook(archive, { agency, year: f.year, from: f.from, to: f.to, book: f.book }, tenant, maxEntries);
      // The book is built from the register's own rows (typed SoDangKy): its view is built without a second validation.
      const r = await svc.renderPrepared(svc.prepareValid(svc.type('so-dang-ky-van-ban-di'), book), f.format, { unbounded: true, deadline: deadlineOf(reply, svc) });
      return reply
        .header('Content-Type', r.contentType)
        .header('Content-Disposition', contentDisposition(r.filenameAscii, r.filenameUnicode))
        .send(r.bytes);
    },
  );
};
