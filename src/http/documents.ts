/**
 * /v1/documents: the register of outgoing documents and the archive. Issued documents are immutable: there is
 * no update and no delete; revocation freezes a record; a correction is a new document linked to the old one.
 * With API keys, a key belongs to one agency (or is an admin key) and sees only its agency's documents
 * (others answer 404).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  Archive,
  IntegrityError,
  NumberGapError,
  NumberTakenError,
  PendingError,
  agencyKeyOf,
  fold,
  isDiskFull,
  registerOfIdentifier,
} from '../archive/archive.js';
import { appendix6Xml } from '../archive/pdfa/index.js';
import type { Agency } from '../documents/common/schema.js';
import { isIssuable } from '../documents/types.js';
import { AGENCY_IDENTIFIER } from './access.js';
import { deadlineOf } from './routes.js';
import type { DocRow, DocStatus } from '../archive/db.js';
import { problemsOf } from '../documents/validate.js';
import { asciiFilename, unicodeFilename } from '../vietnamese/text.js';
import { FORMATS, VanbanError, type Format, type Vanban } from '../service.js';
import { contentDisposition } from './disposition.js';
import { errorBody } from './errors.js';

const issueSchema = z
  .object({
    template: z.string().max(100).meta({ title: 'Mã mẫu văn bản', description: 'Ví dụ "quyet-dinh".' }),
    data: z.unknown().meta({ title: 'Dữ liệu', description: 'Dữ liệu văn bản theo JSON Schema của mẫu; số và ngày do sổ cấp.' }),
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
  .strict();

const listSchema = z.object({
  year: z.coerce.number().int().min(1900).max(9999).optional(),
  agency: z.string().max(300).optional(),
  type: z.string().max(100).optional(),
  number: z.coerce.number().int().min(1).max(999_999).optional(),
  q: z.string().max(500).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' }).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' }).optional(),
  status: z.enum(['issued', 'revoked', 'issuing', 'failed', 'all'], { error: 'Trạng thái là issued, revoked, issuing, failed hoặc all' }).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const agencyOf = (row: DocRow) => (JSON.parse(row.data) as { agency: Agency }).agency;

/** The register an agency key is bound to; undefined for an admin key or without keys (every register). */
function tenantOf(req: FastifyRequest): string | undefined {
  const key = req.apiKey;
  if (!key || key.role === 'admin') return undefined;
  // checkApiKeys refuses an agency key without its identifier at start; this is the belt to those braces.
  if (!key.agency) throw new VanbanError(403, 'forbidden_agency', 'Khóa API này không gắn với cơ quan nào');
  return registerOfIdentifier(key.agency);
}

function visible(req: FastifyRequest, row: DocRow): boolean {
  const tenant = tenantOf(req);
  return tenant === undefined || row.agencyKey === tenant;
}

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
            pdf: { ...row.files.pdf, url: `${base}/pdf`, format: 'PDF/A-2b' },
            docx: { ...row.files.docx, url: `${base}/docx` },
          },
    links: { self: base, data: `${base}/data`, metadata: `${base}/metadata.xml` },
  };
}

export type DocumentRouteOptions = {
  /** A request without Idempotency-Key repeating a pending one within this window gets it (seconds). */
  retryWindowS?: number;
  /** Entries of a register printed at once. */
  registerPrintMaxEntries?: number;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export async function documentRoutes(app: FastifyInstance, archive: Archive, svc: Vanban, o: DocumentRouteOptions = {}): Promise<void> {
  const retryWindowMs = (o.retryWindowS ?? 600) * 1000;

  async function load(req: FastifyRequest<{ Params: { id: string } }>): Promise<DocRow> {
    const id = req.params.id;
    const row = /^[0-9a-f-]{36}$/.test(id) ? await archive.db.get(id) : undefined;
    if (!row || !visible(req, row)) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${id}"`);
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
      return reply.status(200).header('Location', location).send(recordOf(req, archive, row, await archive.db.corrections(row.id)));
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

  app.post('/v1/documents', { schema: { tags: ['documents'], summary: 'Ban hành: cấp số, lưu DOCX và PDF/A' } }, async (req, reply) => {
    const env = issueSchema.safeParse(req.body);
    if (!env.success) throw new VanbanError(422, 'validation_failed', 'Yêu cầu ban hành không hợp lệ', problemsOf(env.error));
    const { template, register, correctionOf } = env.data;
    let data = env.data.data;
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
    // Prepared once: validated, its view built; the register row and both renders come from it.
    const request = svc.prepare(template, data, { prefix: '$.data' });
    const input = { template, data, number: register?.number ?? (request.data as { number?: number }).number, correctionOf, idempotencyKey: undefined as string | undefined };
    const prepared = archive.prepare(input, request);
    const agencyKey = prepared.agencyKey;
    if (tenant !== undefined && agencyKey !== tenant)
      throw new VanbanError(403, 'forbidden_agency', 'Khóa API này chỉ ban hành văn bản vào sổ của cơ quan mình', [
        { path: '$.data.agency.identifier', code: 'forbidden_agency', message: 'Cơ quan ban hành không phải cơ quan của khóa API' },
      ]);
    if (correctionOf) {
      const old = await archive.db.get(correctionOf);
      if (!old || !visible(req, old)) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${correctionOf}"`);
      if (old.agencyKey !== agencyKey)
        throw new VanbanError(422, 'validation_failed', 'Văn bản đính chính phải do cùng cơ quan ban hành', [
          { path: '$.correctionOf', code: 'other_agency', message: 'Văn bản gốc thuộc sổ của cơ quan khác' },
        ]);
    }
    const idem = req.headers['idempotency-key'];
    if (idem !== undefined && !(typeof idem === 'string' && /^[\w.:-]{1,100}$/.test(idem)))
      throw new VanbanError(400, 'bad_idempotency_key', 'Idempotency-Key gồm 1 đến 100 ký tự: chữ, số, dấu chấm, gạch, hai chấm', [
        { path: 'Idempotency-Key', code: 'invalid_format', message: 'Định dạng không hợp lệ' },
      ]);
    const idempotencyKey = idem;
    input.idempotencyKey = idempotencyKey;
    prepared.idempotencyKey = idempotencyKey ?? null;
    // Idempotency keys are scoped to the register: another agency's key never finds this one's document.
    if (idempotencyKey) {
      const prior = await archive.db.byIdempotencyKey(agencyKey, idempotencyKey);
      if (prior) {
        if (prior.dataHash && prior.dataHash !== prepared.dataHash)
          throw new VanbanError(422, 'idempotency_key_reused', 'Idempotency-Key này đã dùng cho một yêu cầu ban hành khác của cơ quan', [
            { path: 'Idempotency-Key', code: 'idempotency_key_reused', message: `Đã dùng cho văn bản ${prior.id}` },
          ]);
        return answerExisting(req, reply, prior);
      }
    } else {
      // A retry without key while the first attempt is still pending gets that document, not a second number.
      const prior = await archive.db.pendingRetryOf(agencyKey, prepared.dataHash!, new Date(Date.now() - retryWindowMs).toISOString());
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
        const prior = await archive.db.byIdempotencyKey(agencyKey, idempotencyKey);
        if (prior) return answerExisting(req, reply, prior);
      }
      throw e;
    }
    return reply.status(201).header('Location', `/v1/documents/${row.id}`).send(recordOf(req, archive, row, []));
  });

  app.get('/v1/documents', { schema: { tags: ['documents'], summary: 'Tra cứu sổ văn bản đi' } }, async (req) => {
    const q = listSchema.safeParse(req.query);
    if (!q.success) throw new VanbanError(400, 'bad_query', 'Tham số tra cứu không hợp lệ', problemsOf(q.error));
    const f = q.data;
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
    return { total, ...(totalCapped ? { totalCapped: true } : {}), page: f.page, pageSize: f.pageSize, items: rows.map((r) => summaryOf(req, r)) };
  });

  app.get<{ Params: { id: string } }>('/v1/documents/:id', { schema: { tags: ['documents'], summary: 'Siêu dữ liệu và trạng thái' } }, async (req) => {
    const row = await load(req);
    return recordOf(req, archive, row, await archive.db.corrections(row.id));
  });
  app.get<{ Params: { id: string } }>('/v1/documents/:id/pdf', { schema: { tags: ['documents'], summary: 'Bản PDF/A lưu trữ' } }, async (req, reply) =>
    sendFile(req, reply, await load(req), 'pdf'),
  );
  app.get<{ Params: { id: string } }>('/v1/documents/:id/docx', { schema: { tags: ['documents'], summary: 'Bản DOCX' } }, async (req, reply) =>
    sendFile(req, reply, await load(req), 'docx'),
  );
  app.get<{ Params: { id: string } }>('/v1/documents/:id/data', { schema: { tags: ['documents'], summary: 'Dữ liệu đầu vào đã lưu' } }, async (req) =>
    JSON.parse((await load(req)).data),
  );
  app.get<{ Params: { id: string } }>('/v1/documents/:id/metadata.xml', { schema: { tags: ['documents'], summary: 'Siêu dữ liệu Phụ lục VI (XML)' } }, async (req, reply) => {
    const row = await load(req);
    return reply.type('application/xml; charset=utf-8').send(appendix6Xml(archive.metadata(row), row));
  });
  app.post<{ Params: { id: string } }>('/v1/documents/:id/revoke', { schema: { tags: ['documents'], summary: 'Thu hồi văn bản' } }, async (req) => {
    const row = await load(req);
    const body = z
      .object({ reason: z.string().trim().min(1, { error: 'Cần lý do thu hồi' }).max(1000, { error: 'Dài quá: tối đa 1000 ký tự' }) })
      .strict()
      .safeParse(req.body);
    if (!body.success) throw new VanbanError(422, 'validation_failed', 'Yêu cầu thu hồi không hợp lệ', problemsOf(body.error));
    const ok = await archive.db.revoke(row.id, tenantOf(req), body.data.reason.normalize('NFC'), new Date().toISOString());
    if (!ok) throw new VanbanError(409, 'not_revocable', `Văn bản đang ở trạng thái "${row.status}": không thu hồi được`);
    const after = (await archive.db.get(row.id))!;
    return recordOf(req, archive, after, await archive.db.corrections(row.id));
  });
}

const registerQuery = z.object({
  agency: z.string().min(1, { error: 'Cần cơ quan' }).max(300).optional().meta({ description: 'Mã định danh của cơ quan, hoặc khóa sổ; khóa API của cơ quan: mặc định là cơ quan của khóa' }),
  year: z.coerce.number().int().min(1900).max(9999),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' }).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' }).optional(),
  book: z.string().max(20).optional(),
  format: z.enum(['pdf', 'docx'], { error: 'Định dạng là pdf hoặc docx' }).default('pdf'),
});

/** GET /v1/registers: an agency's register of outgoing documents for a year or a date range, printed. */
export async function registerRoutes(app: FastifyInstance, archive: Archive, svc: Vanban, o: DocumentRouteOptions = {}): Promise<void> {
  const maxEntries = o.registerPrintMaxEntries ?? 2000;
  app.get('/v1/registers', { schema: { tags: ['documents'], summary: 'In sổ đăng ký văn bản đi của một cơ quan' } }, async (req, reply) => {
    const q = registerQuery.safeParse(req.query);
    if (!q.success) throw new VanbanError(400, 'bad_query', 'Tham số không hợp lệ', problemsOf(q.error));
    const f = q.data;
    const tenant = tenantOf(req);
    const wanted = f.agency ?? (tenant !== undefined ? req.apiKey!.agency! : undefined);
    if (wanted === undefined)
      throw new VanbanError(400, 'bad_query', 'Tham số không hợp lệ', [{ path: 'agency', code: 'invalid_type', message: 'Cần mã định danh của cơ quan hoặc khóa sổ' }]);
    const keys = (await archive.db.registersOf(wanted, f.year)).filter((k) => tenant === undefined || k === tenant);
    if (keys.length === 0) throw new VanbanError(404, 'register_empty', `Sổ của "${wanted}" năm ${f.year} chưa có văn bản trong khoảng này`);
    const agencyKey = keys[0]!;
    const filter = { agencyKey, year: f.year, from: f.from, to: f.to, statuses: ['issued', 'revoked'] as DocStatus[] };
    const count = await archive.db.count(filter);
    if (count === 0) throw new VanbanError(404, 'register_empty', `Sổ của "${wanted}" năm ${f.year} chưa có văn bản trong khoảng này`);
    if (count > maxEntries)
      throw new VanbanError(422, 'register_too_large', `Sổ có ${count} văn bản trong khoảng này, nhiều hơn ${maxEntries} văn bản in được một lần: in từng đợt với from và to (YYYY-MM-DD)`, [
        { path: 'from', code: 'too_many_entries', message: `Tối đa ${maxEntries} văn bản mỗi lần in` },
      ]);
    const { rows } = await archive.search({ ...filter, limit: maxEntries, offset: 0, order: 'asc', columns: 'all' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const entries = [];
    for (const r of rows) {
      const data = JSON.parse(r.data) as { signer: { name: string }; recipients: { items: string[]; archiveUnit?: string; copies?: number } };
      const notes: string[] = [];
      if (r.status === 'revoked' && r.revokedAt)
        notes.push(`${r.revokeReason ?? ''}, đã thu hồi ngày ${new Date(r.revokedAt).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })}`);
      if (r.correctionOf) notes.push(`Đính chính văn bản số ${(byId.get(r.correctionOf) ?? (await archive.db.get(r.correctionOf)))?.kyHieu ?? r.correctionOf}`);
      entries.push({
        number: r.number,
        kyHieu: r.kyHieu,
        issuedDate: r.issuedDate,
        typeName: r.typeName,
        summary: r.summary.replace(/\s*\n\s*/g, ' '),
        signer: data.signer.name,
        recipients: data.recipients.items,
        ...(data.recipients.archiveUnit ? { archiveUnit: data.recipients.archiveUnit } : {}),
        ...(data.recipients.copies ? { copies: data.recipients.copies } : {}),
        ...(notes.length ? { note: notes.join('; ') } : {}),
      });
    }
    const agency = agencyOf(rows[0]!);
    const body = { agency, year: f.year, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), ...(f.book ? { book: f.book } : {}), entries };
    const r = await svc.render('so-dang-ky-van-ban-di', body, f.format, { unbounded: true, deadline: deadlineOf(reply, svc) });
    return reply
      .header('Content-Type', r.contentType)
      .header('Content-Disposition', contentDisposition(r.filenameAscii, r.filenameUnicode))
      .send(r.bytes);
  });
}
