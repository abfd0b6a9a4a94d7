/**
 * /v1/documents: the register of outgoing documents and the archive. Issued documents are immutable: there is
 * no update and no delete; revocation freezes a record; a correction is a new document linked to the old one.
 * With API keys, a key belongs to one agency (or is an admin key) and sees only its agency's documents
 * (others answer 404).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Archive, IntegrityError, NumberTakenError, agencyKeyOf, agencyMatches, fold } from '../archive/archive.js';
import type { DocRow } from '../archive/db.js';
import { problemsOf } from '../documents/validate.js';
import { asciiFilename, unicodeFilename } from '../vietnamese/text.js';
import { FORMATS, VanbanError, type Vanban } from '../service.js';
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
  status: z.enum(['issued', 'revoked', 'all']).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

type Agency = { name: string; abbreviation: string; identifier?: string };
const agencyOf = (row: DocRow) => (JSON.parse(row.data) as { agency: Agency }).agency;

function visible(req: FastifyRequest, row: DocRow): boolean {
  const key = req.apiKey;
  if (!key || key.role === 'admin') return true;
  return !!key.agency && agencyMatches(agencyOf(row), key.agency);
}

function summaryOf(row: DocRow) {
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
  };
}

function recordOf(archive: Archive, row: DocRow, corrections: string[]) {
  const base = `/v1/documents/${row.id}`;
  return {
    ...summaryOf(row),
    notation: row.notation,
    correctionOf: row.correctionOf,
    correctedBy: corrections,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
    createdAt: row.createdAt,
    metadata: archive.metadata(row),
    files:
      row.status === 'issuing'
        ? null
        : {
            pdf: { sha256: row.pdfSha256, bytes: row.pdfBytes, url: `${base}/pdf`, format: 'PDF/A-2b' },
            docx: { sha256: row.docxSha256, bytes: row.docxBytes, url: `${base}/docx` },
          },
    links: { self: base, data: `${base}/data`, metadata: `${base}/metadata.xml` },
  };
}

/** The namespace of the Appendix VI fields (the same as in the archival PDF's XMP, docs/pdfa.md). */
const ND30_NS = 'https://vanban.dev/ns/nd30/1.0/';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The Appendix VI metadata of an outgoing document as XML, in the namespace of the archival PDF's XMP. */
function metadataXml(archive: Archive, row: DocRow): string {
  const m = archive.metadata(row);
  const el = (name: string, v: unknown) => `  <nd30:${name}>${xmlEscape(v === null || v === undefined ? '' : String(v))}</nd30:${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<nd30:OutgoingDocument xmlns:nd30="${ND30_NS}" id="${row.id}" status="${row.status}">`,
    el('OrganId', m.organId),
    el('OrganName', m.organName),
    el('FileCatalog', m.year),
    el('FileNotation', ''),
    el('DocOrdinal', m.ordinal),
    el('TypeName', m.typeName),
    el('CodeNumber', m.codeNumber),
    el('CodeNotation', m.codeNotation),
    el('IssuedDate', m.issuedDate),
    el('Subject', m.subject),
    el('Language', m.language),
    el('PageAmount', m.pageCount),
    el('Description', m.description),
    `  <nd30:SignerInfo>`,
    `  ${el('Position', m.signerPosition)}`,
    `  ${el('FullName', m.signerName)}`,
    `  </nd30:SignerInfo>`,
    `  <nd30:ToPlaces>`,
    ...m.recipients.map((r: { id?: string; name: string }) => `    <nd30:Place${r.id ? ` id="${xmlEscape(r.id)}"` : ''}>${xmlEscape(r.name)}</nd30:Place>`),
    `  </nd30:ToPlaces>`,
    el('Priority', m.priority),
    el('Copies', m.copies),
    el('DueDate', m.dueDate),
    `</nd30:OutgoingDocument>`,
    '',
  ].join('\n');
}

export async function documentRoutes(app: FastifyInstance, archive: Archive, svc: Vanban): Promise<void> {
  async function load(req: FastifyRequest<{ Params: { id: string } }>): Promise<DocRow> {
    const id = req.params.id;
    const row = /^[0-9a-f-]{36}$/.test(id) ? await archive.db.get(id) : undefined;
    if (!row || !visible(req, row)) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${id}"`);
    return row;
  }

  function sendFile(req: FastifyRequest, reply: FastifyReply, row: DocRow, kind: 'pdf' | 'docx') {
    if (row.status === 'issuing') throw new VanbanError(409, 'not_ready', 'Văn bản đang được hoàn tất, hãy thử lại sau giây lát', [], 2);
    let bytes: Buffer;
    try {
      bytes = archive.file(row, kind);
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
      .header('Digest', `sha-256=${Buffer.from(kind === 'pdf' ? row.pdfSha256! : row.docxSha256!, 'hex').toString('base64')}`)
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .send(bytes);
  }

  app.post('/v1/documents', { schema: { tags: ['documents'], summary: 'Ban hành: cấp số, lưu DOCX và PDF/A' } }, async (req, reply) => {
    const env = issueSchema.safeParse(req.body);
    if (!env.success) throw new VanbanError(422, 'validation_failed', 'Yêu cầu ban hành không hợp lệ', problemsOf(env.error));
    const { template, data, register, correctionOf } = env.data;
    svc.type(template);
    const valid = svc.validate(template, data);
    if (valid.problems.length)
      throw new VanbanError(422, 'validation_failed', 'Dữ liệu không hợp lệ', valid.problems.map((p) => ({ ...p, path: p.path.replace(/^\$/, '$.data') })));
    const agency = (valid.data as { agency: Agency }).agency;
    const key = req.apiKey;
    if (key && key.role !== 'admin' && !(key.agency && agencyMatches(agency, key.agency)))
      throw new VanbanError(403, 'forbidden_agency', 'Khóa API này không được ban hành văn bản của cơ quan khác', [
        { path: '$.data.agency', message: 'Cơ quan ban hành không phải cơ quan của khóa API' },
      ]);
    if (correctionOf) {
      const old = await archive.db.get(correctionOf);
      if (!old || !visible(req, old)) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${correctionOf}"`);
      if (!agencyMatches(agency, agencyOf(old).abbreviation) || fold(agencyOf(old).name) !== fold(agency.name))
        throw new VanbanError(422, 'validation_failed', 'Văn bản đính chính phải do cùng cơ quan ban hành', [
          { path: '$.correctionOf', message: 'Văn bản gốc thuộc cơ quan khác' },
        ]);
    }
    const idem = req.headers['idempotency-key'];
    const idempotencyKey = typeof idem === 'string' && /^[\w.:-]{1,100}$/.test(idem) ? idem : undefined;
    if (idempotencyKey) {
      const prior = await archive.db.byIdempotencyKey(agencyKeyOf(agency), idempotencyKey);
      if (prior) return reply.status(200).header('Location', `/v1/documents/${prior.id}`).send(recordOf(archive, prior, await archive.db.corrections(prior.id)));
    }
    let row: DocRow;
    try {
      // The number given: register.number, else a number already in the data; otherwise the next of the register.
      const given = register?.number ?? (valid.data as { number?: number }).number;
      row = await archive.issue({ template, data, number: given, correctionOf, idempotencyKey });
    } catch (e) {
      if (e instanceof NumberTakenError)
        throw new VanbanError(409, 'number_taken', `Số ${e.number} đã được dùng cho văn bản cùng ký hiệu của cơ quan trong năm`, [
          { path: '$.register.number', message: 'Số đã dùng' },
        ]);
      throw e;
    }
    return reply.status(201).header('Location', `/v1/documents/${row.id}`).send(recordOf(archive, row, []));
  });

  app.get('/v1/documents', { schema: { tags: ['documents'], summary: 'Tra cứu sổ văn bản đi' } }, async (req) => {
    const q = listSchema.safeParse(req.query);
    if (!q.success) throw new VanbanError(400, 'bad_query', 'Tham số tra cứu không hợp lệ', problemsOf(q.error));
    const f = q.data;
    const key = req.apiKey;
    // An agency key sees its agency only: its key's agency is matched on the folded text (abbreviation or name).
    const words = f.q ? fold(f.q).split(' ').filter(Boolean).slice(0, 10) : [];
    const { total, rows } = await archive.search({
      year: f.year,
      template: f.type,
      number: f.number,
      agencyLike: f.agency ? fold(f.agency) : undefined,
      words,
      from: f.from,
      to: f.to,
      statuses: f.status === 'all' ? ['issued', 'revoked'] : [f.status],
      // Tenancy filters after the query would break the total: fetch all of the agency's matches instead.
      limit: key && key.role !== 'admin' ? 100_000 : f.pageSize,
      offset: key && key.role !== 'admin' ? 0 : (f.page - 1) * f.pageSize,
      order: 'desc',
    });
    if (key && key.role !== 'admin') {
      const mine = rows.filter((r) => visible(req, r));
      return { total: mine.length, page: f.page, pageSize: f.pageSize, items: mine.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map(summaryOf) };
    }
    return { total, page: f.page, pageSize: f.pageSize, items: rows.map(summaryOf) };
  });

  app.get<{ Params: { id: string } }>('/v1/documents/:id', { schema: { tags: ['documents'], summary: 'Siêu dữ liệu và trạng thái' } }, async (req) => {
    const row = await load(req);
    return recordOf(archive, row, await archive.db.corrections(row.id));
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
  app.get<{ Params: { id: string } }>('/v1/documents/:id/metadata.xml', { schema: { tags: ['documents'], summary: 'Siêu dữ liệu Phụ lục VI (XML)' } }, async (req, reply) =>
    reply.type('application/xml; charset=utf-8').send(metadataXml(archive, await load(req))),
  );
  app.post<{ Params: { id: string } }>('/v1/documents/:id/revoke', { schema: { tags: ['documents'], summary: 'Thu hồi văn bản' } }, async (req) => {
    const row = await load(req);
    const body = z
      .object({ reason: z.string().trim().min(1, { error: 'Cần lý do thu hồi' }).max(1000, { error: 'Dài quá: tối đa 1000 ký tự' }) })
      .strict()
      .safeParse(req.body);
    if (!body.success) throw new VanbanError(422, 'validation_failed', 'Yêu cầu thu hồi không hợp lệ', problemsOf(body.error));
    const ok = await archive.db.revoke(row.id, body.data.reason.normalize('NFC'), new Date().toISOString());
    if (!ok) throw new VanbanError(409, 'not_revocable', `Văn bản đang ở trạng thái "${row.status}": không thu hồi được`);
    const after = (await archive.db.get(row.id))!;
    return recordOf(archive, after, await archive.db.corrections(row.id));
  });
}

const registerQuery = z.object({
  agency: z.string().min(1, { error: 'Cần cơ quan' }).max(300).meta({ description: 'Mã định danh, chữ viết tắt hoặc khóa sổ của cơ quan' }),
  year: z.coerce.number().int().min(1900).max(9999),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' }).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày dạng YYYY-MM-DD' }).optional(),
  book: z.string().max(20).optional(),
  format: z.enum(['pdf', 'docx'], { error: 'Định dạng là pdf hoặc docx' }).default('pdf'),
});

/** GET /v1/registers: an agency's register of outgoing documents for a year or a date range, printed. */
export async function registerRoutes(app: FastifyInstance, archive: Archive, svc: Vanban): Promise<void> {
  app.get('/v1/registers', { schema: { tags: ['documents'], summary: 'In sổ đăng ký văn bản đi của một cơ quan' } }, async (req, reply) => {
    const q = registerQuery.safeParse(req.query);
    if (!q.success) throw new VanbanError(400, 'bad_query', 'Tham số không hợp lệ', problemsOf(q.error));
    const f = q.data;
    const { rows } = await archive.search({
      year: f.year,
      from: f.from,
      to: f.to,
      statuses: ['issued', 'revoked'],
      limit: 100_000,
      offset: 0,
      order: 'asc',
    });
    const mine = rows.filter((r) => visible(req, r) && (r.agencyKey === f.agency || agencyMatches(agencyOf(r), f.agency)));
    const keys = [...new Set(mine.map((r) => r.agencyKey))];
    if (keys.length === 0) throw new VanbanError(404, 'register_empty', `Sổ của "${f.agency}" năm ${f.year} chưa có văn bản trong khoảng này`);
    if (keys.length > 1)
      throw new VanbanError(422, 'ambiguous_agency', `"${f.agency}" ứng với nhiều cơ quan: dùng mã định danh hoặc khóa sổ`, keys.map((k) => ({ path: 'agency', message: k })));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const entries = mine.map((r) => {
      const data = JSON.parse(r.data) as { signer: { name: string }; recipients: { items: string[]; archiveUnit?: string; copies?: number } };
      const notes: string[] = [];
      if (r.status === 'revoked' && r.revokedAt)
        notes.push(`${r.revokeReason ?? ''}, đã thu hồi ngày ${new Date(r.revokedAt).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })}`);
      if (r.correctionOf) notes.push(`Đính chính văn bản số ${byId.get(r.correctionOf)?.kyHieu ?? r.correctionOf}`);
      return {
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
      };
    });
    const agency = agencyOf(mine[0]!);
    const body = { agency, year: f.year, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), ...(f.book ? { book: f.book } : {}), entries };
    const r = await svc.render('so-dang-ky-van-ban-di', body, f.format, { unbounded: true });
    return reply
      .header('Content-Type', r.contentType)
      .header('Content-Disposition', contentDisposition(r.filenameAscii, r.filenameUnicode))
      .send(r.bytes);
  });
}
