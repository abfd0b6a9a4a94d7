/**
 * /v1/agencies: the agency profiles (issue 17) over HTTP. Tenancy as for the register: an agency key reads and
 * changes its own agency's profile only (the identifier its key is bound to), and another agency's profile is
 * answered as absent (404); an admin key (or a service without keys) sees and changes every one. The seal image
 * is a PNG sent as image/png and read back the same way (the signing step reads it through Agencies.sealOf).
 *
 * profileCheckOf(req) gives a render the warnings of its agency's profile (src/service.ts `checks`): the
 * profile of the key's agency, or for an admin key the profile of the identifier the document names.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Agencies, isPng } from '../agencies/store.js';
import { documentFieldsOf, identifierCode, profileBody, profileWarnings, type Profile } from '../agencies/profile.js';
import { VanbanError, type Check } from '../service.js';
import { errorAnswers, fileAnswer } from './schemas.js';
import { refusedBody } from './validation.js';

/** The largest seal image taken (bytes). */
const SEAL_MAX_BYTES = 2 * 1024 * 1024;

/** The agency identifier a request is confined to: its agency key's, or undefined for an admin key / no keys. */
export const agencyOfKey = (req: FastifyRequest): string | undefined =>
  req.apiKey && req.apiKey.role !== 'admin' ? (req.apiKey.agency ?? '') : undefined;

/** The profile this request may see under this identifier, or undefined. */
export async function visibleProfile(agencies: Agencies, req: FastifyRequest, identifier: string): Promise<Profile | undefined> {
  const own = agencyOfKey(req);
  if (own !== undefined && own !== identifier) return undefined;
  return agencies.get(identifier);
}

/** The profile check of a render: the key's agency profile, or (admin) the profile of the identifier in the data. */
export async function profileCheckOf(agencies: Agencies, req: FastifyRequest, data: unknown): Promise<Check | undefined> {
  const given = (data as { agency?: { identifier?: unknown } } | undefined)?.agency?.identifier;
  const identifier = agencyOfKey(req) ?? (typeof given === 'string' ? given : undefined);
  const profile = identifier ? await agencies.get(identifier) : undefined;
  return profile ? (d) => profileWarnings(profile, d) : undefined;
}

const params = z.object({ identifier: z.string().max(35).meta({ description: 'Mã định danh cơ quan, ví dụ 000.00.31.H43' }) });

const profileSchema = profileBody
  .extend({
    identifier: z.string(),
    hasSeal: z.boolean().meta({ description: 'Đã có ảnh con dấu' }),
    updatedAt: z.string(),
    fields: z.looseObject({}).meta({ description: 'Các trường văn bản hồ sơ điền sẵn: agency, place, signer, recipients' }),
  })
  .meta({ description: 'Hồ sơ cơ quan' });

const answerOf = (p: Profile) => ({ ...p, fields: documentFieldsOf(p) });

export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const agencies = new Agencies(app.archive.db);
  const notFound = (id: string) => new VanbanError(404, 'agency_not_found', `Không có hồ sơ cơ quan "${id}" mà khóa API được xem`);

  // The seal: a PNG body, in this plugin only (the service takes JSON everywhere else).
  app.addContentTypeParser('image/png', { parseAs: 'buffer', bodyLimit: SEAL_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.get(
    '/v1/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Hồ sơ các cơ quan (khóa của cơ quan: hồ sơ của mình)',
        response: { 200: z.array(profileSchema).meta({ description: 'Các hồ sơ, theo tên' }) },
      },
    },
    async (req) => (await agencies.list(agencyOfKey(req))).map(answerOf),
  );

  app.get(
    '/v1/agencies/:identifier',
    { schema: { tags: ['agencies'], summary: 'Hồ sơ một cơ quan', params, response: { 200: profileSchema, ...errorAnswers({ 404: 'Không có hồ sơ này mà khóa API được xem' }) } } },
    async (req) => {
      const p = await visibleProfile(agencies, req, req.params.identifier);
      if (!p) throw notFound(req.params.identifier);
      return answerOf(p);
    },
  );

  app.put(
    '/v1/agencies/:identifier',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Tạo hoặc sửa hồ sơ cơ quan',
        params,
        body: profileBody,
        response: {
          200: profileSchema.meta({ description: 'Hồ sơ đã sửa' }),
          201: profileSchema.meta({ description: 'Hồ sơ đã tạo' }),
          ...errorAnswers({ 400: 'Mã định danh không hợp lệ', 403: 'Khóa API của cơ quan chỉ sửa hồ sơ của cơ quan mình', 422: 'Hồ sơ không hợp lệ' }),
        },
      },
      config: { refused: { body: refusedBody('Hồ sơ cơ quan không hợp lệ') } },
    },
    async (req, reply) => {
      const { identifier } = req.params;
      const checked = identifierCode.safeParse(identifier);
      if (!checked.success)
        throw new VanbanError(400, 'bad_identifier', 'Mã định danh cơ quan không hợp lệ', [{ path: 'identifier', code: 'invalid_format', message: checked.error.issues[0]!.message }]);
      const own = agencyOfKey(req);
      if (own !== undefined && own !== identifier) throw new VanbanError(403, 'forbidden_agency', 'Khóa API này chỉ sửa hồ sơ của cơ quan mình');
      const { created, profile } = await agencies.put(identifier, req.body);
      return reply.status(created ? 201 : 200).header('Location', `/v1/agencies/${identifier}`).send(answerOf(profile));
    },
  );

  app.put(
    '/v1/agencies/:identifier/seal',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Ảnh con dấu của cơ quan (PNG nền trong, đúng kích thước thật)',
        params,
        body: z.unknown().meta({ description: 'Tệp PNG (Content-Type: image/png), tối đa 2 MB' }),
        response: {
          204: z.null().meta({ description: 'Đã lưu ảnh con dấu' }),
          ...errorAnswers({ 404: 'Không có hồ sơ này mà khóa API được xem', 413: 'Ảnh quá lớn', 415: 'Không phải image/png', 422: 'Không phải tệp PNG' }),
        },
      },
    },
    async (req, reply) => {
      const { identifier } = req.params;
      if (!(await visibleProfile(agencies, req, identifier))) throw notFound(identifier);
      const body = req.body;
      if (!Buffer.isBuffer(body) || !isPng(body))
        throw new VanbanError(422, 'not_png', 'Ảnh con dấu phải là tệp PNG', [{ path: '$', code: 'not_png', message: 'Gửi tệp PNG với Content-Type: image/png' }]);
      await agencies.putSeal(identifier, body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/agencies/:identifier/seal',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Ảnh con dấu của cơ quan',
        params,
        response: { 200: fileAnswer('Ảnh PNG', ['image/png']), ...errorAnswers({ 404: 'Không có hồ sơ hoặc chưa có ảnh con dấu' }) },
      },
    },
    async (req, reply) => {
      const { identifier } = req.params;
      const seal = (await visibleProfile(agencies, req, identifier)) ? await agencies.sealOf(identifier) : undefined;
      if (!seal) throw new VanbanError(404, 'seal_not_found', `Cơ quan "${identifier}" chưa có ảnh con dấu (hoặc khóa API không được xem)`);
      return reply.type('image/png').header('Cache-Control', 'private, no-cache').send(seal);
    },
  );
};
