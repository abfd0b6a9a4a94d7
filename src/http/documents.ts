/**
 * /v1/documents: the register of outgoing documents and the archive, over HTTP. Issued documents are immutable:
 * there is no update and no delete; revocation freezes a record; a correction is a new document linked to the
 * old one. With API keys, a key belongs to one agency (or is an admin key) and sees only its agency's
 * documents: which register a request acts for comes from its key (tenantOf), and the archive applies it
 * (src/archive/tenancy.ts), answering another register's documents as absent (404).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Archive, IntegrityError, NumberGapError, NumberTakenError, PendingError, fold, isDiskFull, registerOfIdentifier } from '../archive/archive.js';
import type { DocRow } from '../archive/db.js';
import { correctionsOf, findDocument, issuedWithKey, pendingRetryOf, revokeDocument } from '../archive/tenancy.js';
import { AGENCY_IDENTIFIER } from '../config.js';
import { isIssuable } from '../documents/types.js';
import { asciiFilename, unicodeFilename } from '../vietnamese/text.js';
import { FORMATS, VanbanError, type Format } from '../service.js';
import { appendix6Xml } from '../archive/pdfa/index.js';
import { contentDisposition } from './disposition.js';
import { errorBody } from './errors.js';
import { documentData, errorAnswers, fileAnswer, textAnswer } from './schemas.js';
import { tenantOf } from './access.js';
import { deadlineOf } from './templates.js';
import { refusedBody, refusedQuery, type Refusal } from './validation.js';

const issueSchema = z
  .object({
    template: z.string().max(100).meta({ title: 'Mã mẫu văn bản', description: 'Ví dụ "quyet-dinh".' }),
    data: documentData('Dữ liệu', 'Dữ liệu văn bản theo JSON Schema của mẫu; số và ngày do sổ cấp.'),
    register: z
      .object({
        number: z
          .number()
          .int({ error: 'Số phải là số nguyên' })
          .min(1, { error: 'Số bắt đầu từ 1' })
          .max(999_999)
          .optional()
          .meta({ title: 'Số', description: 'Tùy chọn: số đã định; mặc định là số tiếp theo của sổ trong năm.' }),
      })
      .strict()
      .optional()
      .meta({ title: 'Đăng ký', description: 'Tùy chọn của việc đăng ký vào sổ.' }),
    correctionOf: z.string().uuid({ error: 'Mã văn bản không hợp lệ' }).optional().meta({ title: 'Đính chính văn bản', description: 'Mã của văn bản được đính chính, thay thế.' }),
  })
  .strict()
  .meta({ title: 'Yêu cầu ban hành', description: 'Mẫu, dữ liệu, và tùy chọn số đăng ký hoặc văn bản được đính chính.' });

const issueHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\w.:-]{1,100}$/)
    .optional()
    .meta({ description: 'Tùy chọn: 1 đến 100 ký tự (chữ, số, dấu chấm, gạch, hai chấm); gửi lại cùng khóa trả về cùng văn bản, không cấp số mới' }),
});

/** An Idempotency-Key header that is not a plain token. */
const badIdempotencyKey: Refusal = () =>
  new VanbanError(400, 'bad_idempotency_key', 'Idempotency-Key gồm 1 đến 100 ký tự: chữ, số, dấu chấm, gạch, hai chấm', [
    { path: 'Idempotency-Key', code: 'invalid_format', message: 'Định dạng không hợp lệ' },
  ]);

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' });

const listSchema = z.object({
  year: z.coerce.number().int().min(1900).max(9999).optional().meta({ description: 'Năm của sổ' }),
  agency: z.string().max(300).optional().meta({ description: 'Mã định danh cơ quan, khóa sổ, hoặc chữ trong tên cơ quan' }),
  type: z.string().max(100).optional().meta({ description: 'Mã mẫu văn bản, ví dụ quyet-dinh' }),
  number: z.coerce.number().int().min(1).max(999_999).optional().meta({ description: 'Số văn bản' }),
  q: z.string().max(500).optional().meta({ description: 'Tìm trong số, ký hiệu, trích yếu, cơ quan, người ký và nội dung (không phân biệt dấu)' }),
  from: date.optional().meta({ description: 'Từ ngày ban hành (YYYY-MM-DD)' }),
  to: date.optional().meta({ description: 'Đến ngày ban hành (YYYY-MM-DD)' }),
  status: z.enum(['issued', 'revoked', 'issuing', 'failed', 'all'], { error: 'Trạng thái là issued, revoked, issuing, failed hoặc all' }).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const revokeSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, { error: 'Cần lý do thu hồi' })
      .max(1000, { error: 'Dài quá: tối đa 1000 ký tự' })
      .meta({ title: 'Lý do thu hồi', description: 'Ghi vào sổ và in ở dòng của văn bản trong sổ đăng ký.' }),
  })
  .strict();

const documentParams = z.object({ id: z.string().meta({ description: 'Mã văn bản (UUID)' }) });

const statusSchema = z.enum(['issuing', 'issued', 'revoked', 'failed']);

const summarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  kyHieu: z.string().meta({ description: 'Số, ký hiệu, ví dụ "152/QĐ-UBND"' }),
  issuedDate: z.string(),
  year: z.number().int(),
  template: z.string(),
  typeName: z.string(),
  summary: z.string().meta({ description: 'Trích yếu' }),
  agencyName: z.string(),
  status: statusSchema,
  signing: z
    .enum(['cho-ky', 'da-ky', 'da-dong-dau'])
    .optional()
    .meta({ description: 'Tình trạng ký (docs/signing.md): cho-ky chờ ký, da-ky người có thẩm quyền đã ký, da-dong-dau cơ quan đã đóng dấu' }),
  attempts: z.number().int().optional().meta({ description: 'Văn bản chưa hoàn tất: số lần đã thử' }),
  failure: z.string().nullable().optional().meta({ description: 'Văn bản chưa hoàn tất: lý do (đầy đủ với khóa quản trị)' }),
});

const fileInfo = z.object({ sha256: z.string().nullable(), bytes: z.number().int().nullable(), url: z.string() });

const recordSchema = summarySchema
  .extend({
    notation: z.string().meta({ description: 'Ký hiệu, không kèm số' }),
    correctionOf: z.string().nullable(),
    correctedBy: z.array(z.string()),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
    createdAt: z.string(),
    metadata: z.looseObject({}).meta({ description: 'Siêu dữ liệu Phụ lục VI Nghị định 30/2020/NĐ-CP' }),
    files: z.object({ pdf: fileInfo.extend({ format: z.literal('PDF/A-2b') }), docx: fileInfo }).nullable().meta({ description: 'null khi văn bản chưa hoàn tất' }),
    links: z.object({ self: z.string(), data: z.string(), metadata: z.string() }),
  })
  .meta({ description: 'Văn bản trong sổ: số, ký hiệu, trạng thái, siêu dữ liệu và tệp' });

const pendingSchema = z
  .object({ id: z.string(), number: z.number().int(), kyHieu: z.string(), status: statusSchema, message: z.string(), links: z.object({ self: z.string() }) })
  .meta({ description: 'Văn bản đã được cấp số và đang được hoàn tất: theo dõi Location' });

const pageSchema = z
  .object({ total: z.number().int(), totalCapped: z.literal(true).optional(), page: z.number().int(), pageSize: z.number().int(), items: z.array(summarySchema) })
  .meta({ description: 'Một trang kết quả, mới nhất trước' });

const isAdmin = (req: FastifyRequest) => !req.apiKey || req.apiKey.role === 'admin';

function failureOf(req: FastifyRequest, row: DocRow) {
  if (row.status !== 'failed' && !(row.status === 'issuing' && row.lastError)) return {};
  return {
    attempts: row.attempts,
    // The real error is for administrators; an agency sees that its document failed and keeps its number.
    failure: isAdmin(req) ? row.lastError : row.status === 'failed' ? 'Văn bản không hoàn tất được; số đã cấp được giữ. Hãy báo quản trị viên.' : 'Đang thử hoàn tất lại.',
  };
}

function summaryOf(req: FastifyRequest, row: DocRow) {
  return {
    id: row.id,
    number: row.number,
    kyHieu: row.kyHieu,
    issuedDate: row.issuedDate,
    year: row.year,
    template: row.template,
    typeName: row.typeName,
    summary: row.summary,
    agencyName: row.agencyName,
    status: row.status,
    ...(row.status === 'issued' || row.status === 'revoked' ? { signing: row.signingStatus ?? 'cho-ky' } : {}),
    ...failureOf(req, row),
  };
}

function recordOf(req: FastifyRequest, archive: Archive, row: DocRow, corrections: string[]) {
  const base = `/v1/documents/${row.id}`;
  return {
    ...summaryOf(req, row),
    notation: row.notation,
    correctionOf: row.correctionOf,
    correctedBy: corrections,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
    createdAt: row.createdAt,
    metadata: archive.metadata(row),
    files:
      row.status === 'issuing' || row.status === 'failed'
        ? null
        : {
            pdf: { sha256: row.files.pdf?.sha256 ?? null, bytes: row.files.pdf?.bytes ?? null, url: `${base}/pdf`, format: 'PDF/A-2b' as const },
            docx: { sha256: row.files.docx?.sha256 ?? null, bytes: row.files.docx?.bytes ?? null, url: `${base}/docx` },
          },
    links: { self: base, data: `${base}/data`, metadata: `${base}/metadata.xml` },
  };
}

export type DocumentRouteOptions = {
  /** A request without Idempotency-Key repeating a pending one within this window gets it (seconds). */
  retryWindowS: number;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export const documentRoutes: FastifyPluginAsyncZod<DocumentRouteOptions> = async (app, o) => {
  const { vanban: svc, archive } = app;
  const retryWindowMs = o.retryWindowS * 1000;

  /** The document named in the URL, as the request's register sees it (404 otherwise). */
  async function load(req: FastifyRequest, id: string): Promise<DocRow> {
    const row = await findDocument(archive, id, tenantOf(req));
    if (!row) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${id}"`);
    return row;
  }

  async function sendFile(req: FastifyRequest, reply: FastifyReply, row: DocRow, kind: Format) {
    if (row.status === 'issuing') throw new VanbanError(409, 'not_ready', 'Văn bản đang được hoàn tất, hãy thử lại sau giây lát', [], 2);
    if (row.status === 'failed') throw new VanbanError(409, 'issue_failed', `Văn bản số ${row.kyHieu} không hoàn tất được: không có tệp`);
    let bytes: Buffer;
    try {
      bytes = await archive.file(row, kind);
    } catch (e) {
      if (e instanceof IntegrityError) {
        req.log.error({ document: row.id, kind, expected: e.sha256, actual: e.actual }, 'archive integrity error');
        return reply
          .status(500)
          .send(errorBody('integrity_error', 'Tệp lưu trữ không khớp với mã băm đã ghi: tệp không được trả về; hãy báo quản trị viên khôi phục từ bản sao lưu'));
      }
      throw e;
    }
    const base = `${row.typeName} ${row.kyHieu}`;
    return reply
      .header('Content-Type', FORMATS[kind].contentType)
      .header('Content-Disposition', contentDisposition(`${asciiFilename(base) || row.id}.${kind}`, `${unicodeFilename(base)}.${kind}`))
      .header('Digest', `sha-256=${Buffer.from(row.files[kind]!.sha256, 'hex').toString('base64')}`)
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .send(bytes);
  }

  /**
   * The answer to a request that repeats an earlier one (same Idempotency-Key, or the same data while the first
   * is still pending): the document when complete; while it is being completed, a wait within the request's
   * deadline, then 202 with Location to poll; never a record without its files.
   */
  async function answerExisting(req: FastifyRequest, reply: FastifyReply, prior: DocRow) {
    let row: DocRow | undefined = prior;
    if (row.status === 'issuing') row = await archive.waitFor(prior.id, Math.max(0, Math.min(10_000, deadlineOf(reply, svc) - Date.now() - 200)));
    row ??= prior;
    const location = `/v1/documents/${row.id}`;
    if (row.status === 'issued' || row.status === 'revoked')
      return reply.status(200).header('Location', location).send(recordOf(req, archive, row, await correctionsOf(archive, row.id)));
    if (row.status === 'failed')
      return reply
        .status(409)
        .header('Location', location)
        .send(
          errorBody('issue_failed', `Văn bản số ${row.kyHieu} của yêu cầu này không hoàn tất được; số đã cấp được giữ. Hãy báo quản trị viên.`, [
            { path: '$', code: 'issue_failed', message: `Mã văn bản ${row.id}` },
          ]),
        );
    return reply
      .status(202)
      .header('Location', location)
      .header('Retry-After', '2')
      .send({
        id: row.id,
        number: row.number,
        kyHieu: row.kyHieu,
        status: row.status,
        message: 'Văn bản đã được cấp số và đang được hoàn tất: theo dõi Location',
        links: { self: location },
      });
  }

  /** A failure after the number was taken: the document is completed in the background; Location says where. */
  function answerPending(req: FastifyRequest, reply: FastifyReply, e: PendingError) {
    const cause = e.reason;
    const location = `/v1/documents/${e.row.id}`;
    const note = `Văn bản đã được cấp số ${e.row.kyHieu} và sẽ được hoàn tất tự động; gửi lại cùng yêu cầu (cùng Idempotency-Key) hoặc theo dõi Location, không cấp số mới.`;
    const details = [{ path: '$', code: 'document_pending', message: `Mã văn bản ${e.row.id}` }];
    void reply.header('Location', location);
    if (isDiskFull(cause)) {
      req.log.error({ err: cause, document: e.row.id }, 'disk full while storing an issued document');
      return reply.status(507).header('Retry-After', '30').send(errorBody('insufficient_storage', `Bộ nhớ lưu trữ đã đầy. ${note}`, details));
    }
    if (cause instanceof VanbanError && cause.status < 500 && cause.status !== 429)
      return reply.status(cause.status).send(errorBody(cause.code, cause.message, [...cause.details, ...details]));
    const status = cause instanceof VanbanError ? cause.status : 503;
    const code = cause instanceof VanbanError ? cause.code : 'issue_pending';
    const message = cause instanceof VanbanError ? cause.message : 'Không hoàn tất được văn bản lúc này';
    return reply.status(status).header('Retry-After', String(cause instanceof VanbanError ? (cause.retryAfterS ?? 2) : 2)).send(errorBody(code, `${message}. ${note}`, details));
  }

  /** Answers of the routes that read one document. */
  const unknownDocument = errorAnswers({ 404: 'Không có văn bản này trong sổ mà khóa API được xem' });

  app.post(
    '/v1/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Ban hành: cấp số, lưu DOCX và PDF/A',
        headers: issueHeaders,
        body: issueSchema,
        response: {
          201: recordSchema.meta({ description: 'Văn bản đã ban hành; Location là đường dẫn của văn bản' }),
          200: recordSchema.meta({ description: 'Yêu cầu lặp lại (cùng Idempotency-Key): văn bản đã ban hành trước đó' }),
          202: pendingSchema,
          ...errorAnswers({
            400: 'JSON hỏng, thiếu nội dung, hoặc Idempotency-Key sai định dạng',
            403: 'Khóa API chỉ ban hành vào sổ của cơ quan mình',
            404: 'Không có mẫu văn bản, hoặc văn bản được đính chính',
            409: 'Số đã cấp qua, hoặc văn bản của yêu cầu này không hoàn tất được',
            413: 'Nội dung quá lớn, hoặc văn bản quá dài để in trong thời hạn',
            415: 'Không phải application/json',
            422: 'Yêu cầu hoặc dữ liệu không hợp lệ (đường dẫn $.data...), loại văn bản không ban hành được, Idempotency-Key đã dùng cho yêu cầu khác',
            503: 'Văn bản đã được cấp số nhưng chưa hoàn tất: sẽ được hoàn tất tự động, theo dõi Location',
            507: 'Bộ nhớ lưu trữ đã đầy',
          }),
        },
      },
      config: { refused: { body: refusedBody('Yêu cầu ban hành không hợp lệ'), headers: badIdempotencyKey } },
    },
    async (req, reply) => {
      const { template, register, correctionOf } = req.body;
      const idempotencyKey = req.headers['idempotency-key'];
      let data = req.body.data;
      const type = svc.type(template);
      if (!isIssuable(type))
        throw new VanbanError(422, 'not_issuable', `"${type.title}" không phải văn bản ban hành vào sổ: không cấp số được cho loại này`, [
          { path: '$.template', code: 'not_issuable', message: `Loại "${template}" không ban hành được; sổ đăng ký văn bản đi được in qua GET /v1/registers` },
        ]);
      // Tenancy comes from the key: an agency key issues into its own agency's register only, whatever the body says.
      const tenant = tenantOf(req);
      const keyAgency = req.apiKey?.agency;
      if (tenant !== undefined && keyAgency && isPlainObject(data) && isPlainObject(data.agency)) {
        const given = data.agency.identifier;
        if (given === undefined) data = { ...data, agency: { ...data.agency, identifier: keyAgency } };
        else if (given !== keyAgency)
          throw new VanbanError(403, 'forbidden_agency', 'Khóa API này chỉ ban hành văn bản vào sổ của cơ quan mình', [
            {
              path: '$.data.agency.identifier',
              code: 'forbidden_agency',
              message: `Mã định danh cơ quan phải là "${keyAgency}" (cơ quan của khóa API), nhận được ${JSON.stringify(given)}`,
            },
          ]);
      }
      // Prepared once (validated, its view built): the register row and both renders come from it. The number
      // wanted is register.number, else a number in the data; otherwise the register's next.
      const request = svc.prepare(template, data, { prefix: '$.data' });
      const input = { template, data, number: register?.number, correctionOf, idempotencyKey };
      const prepared = archive.prepare(input, request);
      const agencyKey = prepared.agencyKey;
      if (tenant !== undefined && agencyKey !== tenant)
        throw new VanbanError(403, 'forbidden_agency', 'Khóa API này chỉ ban hành văn bản vào sổ của cơ quan mình', [
          { path: '$.data.agency.identifier', code: 'forbidden_agency', message: 'Cơ quan ban hành không phải cơ quan của khóa API' },
        ]);
      if (correctionOf) {
        const old = await findDocument(archive, correctionOf, tenant);
        if (!old) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${correctionOf}"`);
        if (old.agencyKey !== agencyKey)
          throw new VanbanError(422, 'validation_failed', 'Văn bản đính chính phải do cùng cơ quan ban hành', [
            { path: '$.correctionOf', code: 'other_agency', message: 'Văn bản gốc thuộc sổ của cơ quan khác' },
          ]);
      }
      // Idempotency keys are scoped to the register: another agency's key never finds this one's document.
      if (idempotencyKey) {
        const prior = await issuedWithKey(archive, agencyKey, idempotencyKey);
        if (prior) {
          if (prior.dataHash && prior.dataHash !== prepared.dataHash)
            throw new VanbanError(422, 'idempotency_key_reused', 'Idempotency-Key này đã dùng cho một yêu cầu ban hành khác của cơ quan', [
              { path: 'Idempotency-Key', code: 'idempotency_key_reused', message: `Đã dùng cho văn bản ${prior.id}` },
            ]);
          return answerExisting(req, reply, prior);
        }
      } else {
        // A retry without key while the first attempt is still pending gets that document, not a second number.
        const prior = await pendingRetryOf(archive, agencyKey, prepared.dataHash!, retryWindowMs);
        if (prior) return answerExisting(req, reply, prior);
      }
      let row: DocRow;
      try {
        row = await archive.issue(input, { deadline: deadlineOf(reply, svc), prepared });
      } catch (e) {
        if (e instanceof PendingError) return answerPending(req, reply, e);
        if (e instanceof NumberTakenError)
          throw new VanbanError(409, 'number_taken', `Số ${e.number} sổ đã cấp qua (sổ đang ở số ${e.last}): chỉ dùng được số sổ chưa tới`, [
            { path: '$.register.number', code: 'number_taken', message: `Chọn số từ ${e.last + 1} trở đi, hoặc bỏ trống để lấy số tiếp theo` },
          ]);
        if (e instanceof NumberGapError)
          throw new VanbanError(422, 'number_gap_too_large', `Số ${e.number} vượt quá số tiếp theo của sổ (${e.last + 1}) hơn ${e.maxGap} số: không được bỏ trống nhiều số như vậy`, [
            { path: '$.register.number', code: 'number_gap_too_large', message: `Tối đa số ${e.last + 1 + e.maxGap}` },
          ]);
        // Two requests with one Idempotency-Key at once: the second meets the first's row.
        if (idempotencyKey && /UNIQUE|duplicate key/i.test((e as Error).message ?? '')) {
          const prior = await issuedWithKey(archive, agencyKey, idempotencyKey);
          if (prior) return answerExisting(req, reply, prior);
        }
        throw e;
      }
      return reply.status(201).header('Location', `/v1/documents/${row.id}`).send(recordOf(req, archive, row, []));
    },
  );

  app.get(
    '/v1/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Tra cứu sổ văn bản đi',
        querystring: listSchema,
        response: { 200: pageSchema, ...errorAnswers({ 400: 'Tham số tra cứu không hợp lệ' }) },
      },
      config: { refused: { querystring: refusedQuery('Tham số tra cứu không hợp lệ') } },
    },
    async (req) => {
      const f = req.query;
      // Tenancy in SQL: an agency key lists its register only (an indexed column), whatever `agency` says.
      let agencyKey = tenantOf(req);
      const words = f.q ? fold(f.q).split(' ').filter(Boolean).slice(0, 10) : [];
      if (f.agency && agencyKey === undefined) {
        if (AGENCY_IDENTIFIER.test(f.agency)) agencyKey = registerOfIdentifier(f.agency);
        else if (f.agency.startsWith('id:') || f.agency.includes('|')) agencyKey = f.agency;
        else words.push(...fold(f.agency).split(' ').filter(Boolean).slice(0, 5));
      }
      const { total, totalCapped, rows } = await archive.search({
        agencyKey,
        year: f.year,
        template: f.type,
        number: f.number,
        words,
        from: f.from,
        to: f.to,
        statuses: f.status === 'all' ? ['issued', 'revoked'] : [f.status],
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
        order: 'desc',
      });
      return { total, ...(totalCapped ? { totalCapped: true as const } : {}), page: f.page, pageSize: f.pageSize, items: rows.map((r) => summaryOf(req, r)) };
    },
  );

  app.get(
    '/v1/documents/:id',
    { schema: { tags: ['documents'], summary: 'Siêu dữ liệu và trạng thái', params: documentParams, response: { 200: recordSchema, ...unknownDocument } } },
    async (req) => {
      const row = await load(req, req.params.id);
      return recordOf(req, archive, row, await correctionsOf(archive, row.id));
    },
  );

  const fileAnswers = {
    ...unknownDocument,
    ...errorAnswers({
      409: 'Văn bản đang được hoàn tất (thử lại sau Retry-After giây) hoặc không hoàn tất được',
      500: 'Tệp lưu trữ không khớp với mã băm đã ghi (integrity_error): tệp không được trả về',
    }),
  };
  for (const format of ['pdf', 'docx'] as const)
    app.get(
      `/v1/documents/:id/${format}`,
      {
        schema: {
          tags: ['documents'],
          summary: format === 'pdf' ? 'Bản PDF/A lưu trữ, sẵn sàng để ký (có ô chữ ký trống)' : 'Bản DOCX',
          params: documentParams,
          response: { 200: fileAnswer('Tệp đã lưu, không đổi; header Digest là SHA-256 của tệp', [FORMATS[format].contentType]), ...fileAnswers },
        },
      },
      async (req, reply) => sendFile(req, reply, await load(req, req.params.id), format),
    );

  app.get(
    '/v1/documents/:id/data',
    {
      schema: {
        tags: ['documents'],
        summary: 'Dữ liệu đầu vào đã lưu',
        params: documentParams,
        response: { 200: documentData('Dữ liệu đã lưu', 'Dữ liệu văn bản như đã ban hành, với ngày do sổ cấp'), ...unknownDocument },
      },
    },
    async (req) => JSON.parse((await load(req, req.params.id)).data) as unknown,
  );

  app.get(
    '/v1/documents/:id/metadata.xml',
    {
      schema: {
        tags: ['documents'],
        summary: 'Siêu dữ liệu Phụ lục VI (XML)',
        params: documentParams,
        response: { 200: textAnswer('Siêu dữ liệu Phụ lục VI, cùng không gian tên với XMP của bản PDF/A', 'application/xml'), ...unknownDocument },
      },
    },
    async (req, reply) => reply.type('application/xml; charset=utf-8').send(await load(req, req.params.id).then((row) => appendix6Xml(archive.metadata(row), row))),
  );

  app.post(
    '/v1/documents/:id/revoke',
    {
      schema: {
        tags: ['documents'],
        summary: 'Thu hồi văn bản',
        params: documentParams,
        body: revokeSchema,
        response: {
          200: recordSchema.meta({ description: 'Văn bản đã thu hồi' }),
          ...unknownDocument,
          ...errorAnswers({ 409: 'Văn bản không ở trạng thái đã ban hành: không thu hồi được', 422: 'Yêu cầu thu hồi không hợp lệ' }),
        },
      },
      config: { refused: { body: refusedBody('Yêu cầu thu hồi không hợp lệ') } },
    },
    async (req) => {
      const row = await load(req, req.params.id);
      const revoked = await revokeDocument(archive, row.id, tenantOf(req), req.body.reason);
      if (!revoked) throw new VanbanError(409, 'not_revocable', `Văn bản đang ở trạng thái "${row.status}": không thu hồi được`);
      return recordOf(req, archive, revoked, await correctionsOf(archive, row.id));
    },
  );
};
