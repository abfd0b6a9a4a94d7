/**
 * GET /v1/suggestions?field=agencies|recipients: what the key's agency has written before in that field (its
 * drafts and issued documents, the most used first: src/suggestions/past-values.ts), for the staff page's
 * autocomplete (issue 17). Tenancy from the key exactly as the drafts and the register: an agency key reads its
 * own register only, so agency B never sees agency A's values; an admin key reads every register's.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pastValues, SUGGESTION_FIELDS } from '../suggestions/past-values.js';
import { tenantOf } from './access.js';
import { errorAnswers } from './schemas.js';
import { refusedQuery } from './validation.js';

const query = z.object({
  field: z
    .enum(SUGGESTION_FIELDS, { error: `field là một trong: ${SUGGESTION_FIELDS.join(', ')}` })
    .meta({ description: 'agencies: tên cơ quan ban hành và cơ quan chủ quản; recipients: các dòng Nơi nhận' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Số giá trị tối đa (mặc định 50)' }),
});

export const suggestionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/suggestions',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Gợi ý từ các bản thảo và văn bản đã ban hành của cơ quan: tên cơ quan, nơi nhận',
        querystring: query,
        response: {
          200: z
            .object({ field: z.enum(SUGGESTION_FIELDS), values: z.array(z.string()) })
            .meta({ description: 'Các giá trị đã dùng, dùng nhiều nhất trước' }),
          ...errorAnswers({ 400: 'Tham số không hợp lệ' }),
        },
      },
      config: { refused: { querystring: refusedQuery('Tham số không hợp lệ') } },
    },
    async (req) => ({ field: req.query.field, values: await pastValues(app.archive.db, tenantOf(req), req.query.field, req.query.limit) }),
  );
};
