/**
 * /v1/drafts: drafts on the server (issue 17), the API under the staff page's "Văn bản của tôi". A draft is
 * saved with If-Match naming the version it was made from (its ETag): a save over a newer version answers 412
 * with a Vietnamese message, never overwrites. Its renders carry the "DỰ THẢO" watermark (both formats); it is
 * issued through the register's own issuing path (POST /v1/documents, the same tenancy, numbering, retries and
 * answers), with the number from the register unless one is given, and the date of issue today unless given.
 *
 * Starting points: blank (only what the agency profile gives), the type's example, or another draft or an issued
 * document ("Tạo từ văn bản này": its archived input with number and date cleared). Tenancy as for the register:
 * an agency key works in its own register's drafts; another register's draft is absent (404).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerOfIdentifier } from '../archive/archive.js';
import { findDocument } from '../archive/tenancy.js';
import { Agencies } from '../agencies/store.js';
import { documentFieldsOf } from '../agencies/profile.js';
import { CATALOG } from '../documents/catalog.js';
import { isIssuable } from '../documents/types.js';
import { DRAFT_STATUSES, Drafts, IssuedDraftError, STATUS_NAMES, StaleVersionError, type Draft, type DraftSummary } from '../drafts/store.js';
import { formatDocNumber } from '../nd30/numbering.js';
import { todayInVietnam, toIsoDate } from '../nd30/dates.js';
import { FIXTURES_DIR } from '../render/paths.js';
import { FORMAT_NAMES } from '../render/formats.js';
import { FORMATS, VanbanError } from '../service.js';
import { INTERNAL_CALL, tenantOf } from './access.js';
import { agencyOfKey, profileCheckOf } from './agencies.js';
import { documentData, errorAnswers, fileAnswer } from './schemas.js';
import { clientGone, deadlineOf, sendRendered } from './templates.js';
import { refusedBody, refusedQuery } from './validation.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A document's data as a starting point: number cleared, date the current year (a draft's date may leave day and month blank). */
export function cleared(data: unknown): Obj {
  const { number: _n, ...rest } = isObj(data) ? data : {};
  return { ...rest, date: String(todayInVietnam().year) };
}

const templateId = z
  .string()
  .max(100)
  .refine((id) => CATALOG.some((t) => t.id === id), { error: 'Không có mẫu văn bản này' })
  .meta({ title: 'Mã mẫu văn bản', description: 'Ví dụ "quyet-dinh" (GET /v1/templates).', enum: CATALOG.map((t) => t.id) });

const createSchema = z
  .object({
    template: templateId.optional(),
    data: documentData('Dữ liệu', 'Dữ liệu của bản thảo; chưa cần hợp lệ (kiểm tra khi kết xuất, ban hành).').optional(),
    start: z.enum(['blank', 'example'], { error: 'start là blank hoặc example' }).optional().meta({
      description: 'blank: chỉ những gì hồ sơ cơ quan điền sẵn; example: dữ liệu ví dụ của mẫu (số và ngày để trống), phần cơ quan theo hồ sơ',
    }),
    fromDraft: z.string().max(36).optional().meta({ description: '"Tạo từ văn bản này": mã một bản thảo; dữ liệu của nó, số và ngày để trống' }),
    fromDocument: z.string().max(36).optional().meta({ description: '"Tạo từ văn bản này": mã một văn bản đã ban hành; dữ liệu lưu trữ, số và ngày để trống' }),
    status: z.enum(['draft', 'submitted']).optional(),
  })
  .strict()
  .meta({ title: 'Bản thảo mới', description: 'Một trong: template với data, template với start, fromDraft, fromDocument.' });

const saveSchema = z
  .object({
    template: templateId.optional(),
    data: documentData('Dữ liệu', 'Toàn bộ dữ liệu của phiên bản mới.'),
    status: z.enum(['draft', 'submitted'], { error: 'Trạng thái là draft (dự thảo) hoặc submitted (trình ký)' }).optional(),
  })
  .strict();

const renderSchema = z
  .object({ data: documentData('Dữ liệu', 'Tùy chọn: dữ liệu đang sửa, chưa lưu (xem trước); mặc định là phiên bản đã lưu.').optional() })
  .strict()
  .meta({ description: 'Gửi {} để kết xuất phiên bản đã lưu' });

const issueSchema = z
  .object({
    confirm: z.literal(true, { error: 'Cần xác nhận ban hành: confirm = true' }).meta({ description: 'Người dùng đã xem số, ngày và cơ quan và xác nhận' }),
    number: z.number().int({ error: 'Số phải là số nguyên' }).min(1, { error: 'Số bắt đầu từ 1' }).max(999_999).optional().meta({ description: 'Tùy chọn: số đã định; mặc định là số tiếp theo của sổ' }),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' })
      .optional()
      .meta({ description: 'Tùy chọn: ngày ban hành; mặc định là hôm nay' }),
  })
  .strict();

const idParams = z.object({ id: z.string().meta({ description: 'Mã bản thảo (UUID)' }) });
const ifMatch = z.object({ 'if-match': z.string().optional().meta({ description: 'ETag của phiên bản đã mở, ví dụ "3" (bắt buộc)' }) });

const statusSchema = z.enum(DRAFT_STATUSES).meta({ description: 'draft (dự thảo), submitted (trình ký), issued (đã ban hành)' });
const summarySchema = z.object({
  id: z.string(),
  template: z.string(),
  typeName: z.string(),
  summary: z.string().meta({ description: 'Trích yếu' }),
  author: z.string().meta({ description: 'Mã khóa API của người lưu gần nhất' }),
  status: statusSchema,
  statusName: z.string(),
  version: z.number().int(),
  documentId: z.string().nullable().meta({ description: 'Văn bản đã ban hành từ bản thảo' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const draftSchema = summarySchema.extend({ data: z.unknown() }).meta({ description: 'Bản thảo; header ETag là phiên bản' });

const listQuery = z.object({
  mine: z
    .string()
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .meta({ description: 'true: chỉ bản thảo của khóa API này' }),
  status: z.enum(DRAFT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const typeName = (id: string) => CATALOG.find((t) => t.id === id)?.title ?? id;
const summaryOf = (d: DraftSummary) => ({
  id: d.id,
  template: d.template,
  typeName: typeName(d.template),
  summary: d.summary,
  author: d.author,
  status: d.status,
  statusName: STATUS_NAMES[d.status],
  version: d.version,
  documentId: d.documentId,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
const etagOf = (version: number) => `"${version}"`;

/** The version an If-Match names: a number, "*" (whatever the current one is), or undefined when absent. */
function matchedVersion(header: string | undefined, current: number): number {
  if (header === undefined || header.trim() === '')
    throw new VanbanError(428, 'if_match_required', 'Cần header If-Match với phiên bản đã mở (ETag), để không ghi đè thay đổi của người khác', [
      { path: 'If-Match', code: 'required', message: 'Gửi lại ETag nhận được khi mở bản thảo' },
    ]);
  if (header.trim() === '*') return current;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw new VanbanError(400, 'bad_if_match', 'If-Match không hợp lệ: gửi ETag của bản thảo, ví dụ "3"', [{ path: 'If-Match', code: 'invalid_format', message: 'Định dạng không hợp lệ' }]);
  return Number(m[1]);
}

/** "08:12 ngày 01/12/2026", Vietnam time. */
const vnTime = (iso: string) => {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ngày ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};

const stale = (e: StaleVersionError) =>
  new VanbanError(
    412,
    'stale_version',
    `Bản thảo đã được ${e.current.author || 'người khác'} lưu phiên bản ${e.current.version} lúc ${vnTime(e.current.updatedAt)}, sau phiên bản ${e.given} bạn đang sửa: thay đổi của bạn chưa được lưu`,
    [{ path: 'If-Match', code: 'stale_version', message: `Phiên bản hiện tại là ${e.current.version}` }],
  );
const issuedAlready = (e: IssuedDraftError) =>
  new VanbanError(409, 'draft_issued', 'Bản thảo đã ban hành: không sửa được nữa; dùng "Tạo từ văn bản này" để soạn văn bản mới từ nó', [
    { path: '$', code: 'draft_issued', message: `Văn bản ${e.draft.documentId ?? ''}`.trim() },
  ]);

export const draftRoutes: FastifyPluginAsyncZod = async (app) => {
  const { vanban: svc, archive } = app;
  const drafts = new Drafts(archive.db);
  const agencies = new Agencies(archive.db);

  const notFound = (id: string) => new VanbanError(404, 'draft_not_found', `Không có bản thảo "${id}" mà khóa API được xem`);
  async function load(req: FastifyRequest, id: string, version?: number): Promise<Draft> {
    const d = await drafts.get(id, tenantOf(req), version);
    if (!d) throw notFound(id);
    return d;
  }
  const author = (req: FastifyRequest) => req.apiKey?.id ?? '';

  /** The trích yếu of a draft: the one the document prints when its data is valid, else the data's summary. */
  function summaryOfData(template: string, data: unknown): string {
    try {
      return svc.prepare(template, data).view.meta.subject;
    } catch {
      return isObj(data) && typeof data.summary === 'string' ? data.summary.slice(0, 1000) : '';
    }
  }

  /** The register a new draft belongs to: the key's, or (admin) the identifier the data names. */
  function registerFor(req: FastifyRequest, data: unknown): string {
    const tenant = tenantOf(req);
    if (tenant !== undefined) return tenant;
    const id = isObj(data) && isObj(data.agency) ? data.agency.identifier : undefined;
    return typeof id === 'string' ? registerOfIdentifier(id) : '';
  }

  /** What the agency profile of the request fills in a document. */
  async function profileFields(req: FastifyRequest): Promise<Obj> {
    const own = agencyOfKey(req);
    const p = own ? await agencies.get(own) : undefined;
    return p ? documentFieldsOf(p) : {};
  }

  function example(template: string): Obj {
    const t = svc.type(template);
    const file = path.join(FIXTURES_DIR, t.id, t.exampleFixture);
    if (!existsSync(file)) throw new VanbanError(404, 'no_example', `Mẫu "${t.id}" chưa có dữ liệu ví dụ`);
    return JSON.parse(readFileSync(file, 'utf8')) as Obj;
  }

  const sendDraft = (reply: FastifyReply, d: Draft, status = 200) =>
    reply.status(status).header('ETag', etagOf(d.version)).header('Location', `/v1/drafts/${d.id}`).send({ ...summaryOf(d), data: d.data });

  app.get(
    '/v1/drafts',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Văn bản của tôi: các bản thảo của cơ quan, sửa gần nhất trước',
        querystring: listQuery,
        response: {
          200: z
            .object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(summarySchema) })
            .meta({ description: 'Một trang bản thảo, sửa gần nhất trước' }),
          ...errorAnswers({ 400: 'Tham số không hợp lệ' }),
        },
      },
      config: { refused: { querystring: refusedQuery('Tham số không hợp lệ') } },
    },
    async (req) => {
      const q = req.query;
      const r = await drafts.list(tenantOf(req), { author: q.mine ? author(req) : undefined, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { total: r.total, page: q.page, pageSize: q.pageSize, items: r.items.map(summaryOf) };
    },
  );

  app.post(
    '/v1/drafts',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Tạo bản thảo: trống, từ ví dụ, hoặc từ một bản thảo hay văn bản đã ban hành',
        body: createSchema,
        response: { 201: draftSchema, ...errorAnswers({ 404: 'Không có bản thảo, văn bản hoặc ví dụ được nêu', 422: 'Yêu cầu không hợp lệ' }) },
      },
      config: { refused: { body: refusedBody('Yêu cầu tạo bản thảo không hợp lệ') } },
    },
    async (req, reply) => {
      const b = req.body;
      const sources = [b.data !== undefined || b.start !== undefined, b.fromDraft !== undefined, b.fromDocument !== undefined].filter(Boolean).length;
      if (sources !== 1 || (b.data !== undefined && b.start !== undefined) || ((b.data !== undefined || b.start) && !b.template))
        throw new VanbanError(422, 'validation_failed', 'Yêu cầu tạo bản thảo không hợp lệ', [
          { path: '$', code: 'one_source', message: 'Gửi một trong: template với data, template với start (blank hoặc example), fromDraft, fromDocument' },
        ]);
      let template: string;
      let data: unknown;
      if (b.fromDraft !== undefined) {
        const from = await load(req, b.fromDraft);
        template = from.template;
        data = cleared(from.data);
      } else if (b.fromDocument !== undefined) {
        const doc = await findDocument(archive, b.fromDocument, tenantOf(req));
        if (!doc) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${b.fromDocument}"`);
        template = doc.template;
        data = cleared(JSON.parse(doc.data));
      } else if (b.start !== undefined) {
        template = b.template!;
        const fields = await profileFields(req);
        data = b.start === 'blank' ? { ...fields, date: String(todayInVietnam().year) } : { ...cleared(example(template)), ...fields };
      } else {
        template = b.template!;
        data = b.data;
      }
      const d = await drafts.create(registerFor(req, data), { author: author(req), template, summary: summaryOfData(template, data), data, status: b.status });
      return sendDraft(reply, d, 201);
    },
  );

  app.get(
    '/v1/drafts/:id',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Một bản thảo (header ETag: phiên bản)',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional().meta({ description: 'Một phiên bản cũ' }) }),
        response: { 200: draftSchema, ...errorAnswers({ 404: 'Không có bản thảo (hoặc phiên bản) này mà khóa API được xem' }) },
      },
    },
    async (req, reply) => sendDraft(reply, await load(req, req.params.id, req.query.version)),
  );

  app.get(
    '/v1/drafts/:id/versions',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Các phiên bản của bản thảo, mới nhất trước',
        params: idParams,
        response: {
          200: z.array(z.object({ version: z.number().int(), author: z.string(), savedAt: z.string() })).meta({ description: 'Phiên bản, người lưu, lúc lưu' }),
          ...errorAnswers({ 404: 'Không có bản thảo này' }),
        },
      },
    },
    async (req) => {
      const d = await load(req, req.params.id);
      return drafts.versions(d.id);
    },
  );

  app.put(
    '/v1/drafts/:id',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Lưu phiên bản mới (If-Match: phiên bản đã mở)',
        params: idParams,
        headers: ifMatch,
        body: saveSchema,
        response: {
          200: draftSchema,
          ...errorAnswers({
            404: 'Không có bản thảo này',
            409: 'Bản thảo đã ban hành: không sửa được',
            412: 'Bản thảo đã có phiên bản mới hơn phiên bản đã mở: không ghi đè',
            422: 'Yêu cầu không hợp lệ',
            428: 'Thiếu If-Match',
          }),
        },
      },
      config: { refused: { body: refusedBody('Yêu cầu lưu bản thảo không hợp lệ') } },
    },
    async (req, reply) => {
      const cur = await load(req, req.params.id);
      const from = matchedVersion(req.headers['if-match'], cur.version);
      const template = req.body.template ?? cur.template;
      try {
        const d = await drafts.save(cur.id, tenantOf(req), from, {
          author: author(req),
          template,
          summary: summaryOfData(template, req.body.data),
          data: req.body.data,
          status: req.body.status,
        });
        if (!d) throw notFound(req.params.id);
        return sendDraft(reply, d);
      } catch (e) {
        if (e instanceof StaleVersionError) throw stale(e);
        if (e instanceof IssuedDraftError) throw issuedAlready(e);
        throw e;
      }
    },
  );

  app.delete(
    '/v1/drafts/:id',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Xóa bản thảo chưa ban hành (If-Match)',
        params: idParams,
        headers: ifMatch,
        response: { 204: z.null().meta({ description: 'Đã xóa' }), ...errorAnswers({ 404: 'Không có bản thảo này', 409: 'Bản thảo đã ban hành', 412: 'Có phiên bản mới hơn', 428: 'Thiếu If-Match' }) },
      },
    },
    async (req, reply) => {
      const cur = await load(req, req.params.id);
      try {
        if (!(await drafts.remove(cur.id, tenantOf(req), matchedVersion(req.headers['if-match'], cur.version)))) throw notFound(req.params.id);
      } catch (e) {
        if (e instanceof StaleVersionError) throw stale(e);
        if (e instanceof IssuedDraftError) throw issuedAlready(e);
        throw e;
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/drafts/:id/render',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Kết xuất bản thảo với dấu "DỰ THẢO" (PDF hoặc DOCX)',
        params: idParams,
        querystring: z.object({ format: z.enum(FORMAT_NAMES).default('pdf').meta({ description: 'pdf hoặc docx' }) }),
        body: renderSchema,
        response: {
          200: fileAnswer('Tệp có dấu "DỰ THẢO" trên mọi trang; header Vanban-Warnings cho biết số cảnh báo', [FORMATS.pdf.contentType, FORMATS.docx.contentType]),
          ...errorAnswers({ 400: 'Định dạng không hỗ trợ', 404: 'Không có bản thảo này', 422: 'Dữ liệu không hợp lệ', 429: 'Dịch vụ đang bận', 503: 'Không kết xuất được lúc này' }),
        },
      },
      config: {
        refused: {
          querystring: (_p, r) => new VanbanError(400, 'unknown_format', `Định dạng "${String((r.query as { format?: unknown }).format)}" không được hỗ trợ: chọn pdf hoặc docx`),
          body: refusedBody('Yêu cầu kết xuất không hợp lệ'),
        },
      },
    },
    async (req, reply) => {
      svc.admit(req.query.format);
      const d = await load(req, req.params.id);
      const data = req.body.data ?? d.data;
      const r = await svc.render(d.template, data, req.query.format, {
        watermark: true,
        checks: await profileCheckOf(agencies, req, data),
        deadline: deadlineOf(reply, svc),
        signal: clientGone(reply),
      });
      return sendRendered(reply.header('ETag', etagOf(d.version)), r);
    },
  );

  /**
   * The data issuing the draft would use: its data with the number left to the register (or the one given) and
   * the date of issue (today unless given); an agency key's identifier filled as POST /v1/documents does.
   */
  function issuingData(d: Draft, date: string | undefined): Obj {
    const { number: _n, ...rest } = isObj(d.data) ? d.data : {};
    return { ...rest, date: date ?? toIsoDate(todayInVietnam()) };
  }

  app.get(
    '/v1/drafts/:id/issue',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Xem trước việc ban hành: số, ký hiệu, ngày và cơ quan sẽ dùng',
        params: idParams,
        querystring: z.object({ number: z.coerce.number().int().min(1).max(999_999).optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
        response: {
          200: z.object({
            version: z.number().int(),
            number: z.number().int(),
            kyHieu: z.string(),
            date: z.string(),
            agencyName: z.string(),
            identifier: z.string(),
            summary: z.string(),
            fromRegister: z.boolean().meta({ description: 'Số do sổ cấp (không nhập tay)' }),
          }).meta({ description: 'Số, ký hiệu, ngày và cơ quan mà việc ban hành sẽ dùng' }),
          ...errorAnswers({ 403: 'Cơ quan của văn bản không phải cơ quan của khóa API', 404: 'Không có bản thảo này', 409: 'Đã ban hành', 422: 'Dữ liệu chưa hợp lệ' }),
        },
      },
      config: { refused: { querystring: refusedQuery('Tham số không hợp lệ') } },
    },
    async (req) => {
      const d = await load(req, req.params.id);
      if (d.status === 'issued') throw issuedAlready(new IssuedDraftError(d));
      const type = svc.type(d.template);
      if (!isIssuable(type)) throw new VanbanError(422, 'not_issuable', `"${type.title}" không ban hành vào sổ được`);
      let data = issuingData(d, req.query.date);
      const keyAgency = agencyOfKey(req);
      if (keyAgency && isObj(data.agency) && data.agency.identifier === undefined) data = { ...data, agency: { ...data.agency, identifier: keyAgency } };
      const row = archive.prepare({ template: d.template, data: data, number: req.query.number }, svc.prepare(d.template, data, { prefix: '$.data' }));
      const tenant = tenantOf(req);
      if (tenant !== undefined && row.agencyKey !== tenant) throw new VanbanError(403, 'forbidden_agency', 'Khóa API này chỉ ban hành văn bản vào sổ của cơ quan mình');
      const number = row.wanted ?? (await archive.db.lastNumber(row.agencyKey, row.year)) + 1;
      return {
        version: d.version,
        number,
        kyHieu: `${formatDocNumber(number)}/${row.notation}`,
        date: row.issuedDate,
        agencyName: row.agencyName,
        identifier: row.organId,
        summary: row.summary,
        fromRegister: row.wanted === undefined,
      };
    },
  );

  app.post(
    '/v1/drafts/:id/issue',
    {
      schema: {
        tags: ['drafts'],
        summary: 'Ban hành bản thảo sau khi xác nhận (If-Match: phiên bản đã xem)',
        params: idParams,
        headers: ifMatch,
        body: issueSchema,
        response: {
          201: z.looseObject({}).meta({ description: 'Văn bản đã ban hành (như POST /v1/documents); Location là văn bản' }),
          200: z.looseObject({}).meta({ description: 'Văn bản đã ban hành trước đó từ cùng phiên bản' }),
          202: z.looseObject({}).meta({ description: 'Đã cấp số, đang hoàn tất: theo dõi Location' }),
          ...errorAnswers({
            403: 'Khóa API chỉ ban hành vào sổ của cơ quan mình',
            404: 'Không có bản thảo này',
            409: 'Đã ban hành, hoặc số đã cấp qua',
            412: 'Bản thảo đã có phiên bản mới hơn phiên bản đã xem',
            422: 'Chưa xác nhận, hoặc dữ liệu chưa hợp lệ (đường dẫn $.data...)',
            428: 'Thiếu If-Match',
            503: 'Đã cấp số nhưng chưa hoàn tất: theo dõi Location',
          }),
        },
      },
      config: { refused: { body: refusedBody('Yêu cầu ban hành không hợp lệ') } },
    },
    async (req, reply) => {
      const d = await load(req, req.params.id);
      if (d.status === 'issued') throw issuedAlready(new IssuedDraftError(d));
      const from = matchedVersion(req.headers['if-match'], d.version);
      if (from !== d.version) throw stale(new StaleVersionError(d, from));
      const { number, date } = req.body;
      // The register's own issuing path, as the client's key: tenancy, numbering, retries and answers are its.
      // One Idempotency-Key per draft version and number: issuing the same version twice gives one document.
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'idempotency-key': `draft.${d.id}.${d.version}.${number ?? 'next'}`,
        'x-request-id': req.id,
        [INTERNAL_CALL.header]: INTERNAL_CALL.token,
      };
      for (const h of ['authorization', 'x-api-key'] as const) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
      const res = await app.inject({
        method: 'POST',
        url: '/v1/documents',
        headers,
        payload: { template: d.template, data: issuingData(d, date), ...(number !== undefined ? { register: { number } } : {}) },
      });
      const body = res.json() as Obj;
      if ((res.statusCode === 201 || res.statusCode === 200 || res.statusCode === 202) && typeof body.id === 'string') await drafts.markIssued(d.id, body.id);
      for (const h of ['location', 'retry-after'] as const) if (res.headers[h] !== undefined) void reply.header(h, String(res.headers[h]));
      return reply.status(res.statusCode as 201).send(body);
    },
  );
};
