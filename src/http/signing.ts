/**
 * Electronic signatures over HTTP (issue 16, docs/signing.md): the agency's seal on the server, signed files
 * received (an upload, or a signing tool's POST to a one-time URL) and served, a document's signing status,
 * and POST /v1/verify for any PDF. The signing itself lives in src/signing/; which register a request acts for
 * comes from its key (tenantOf), as for every /v1/documents route. The one-time URLs of a signing session need
 * no key (a signing tool has none): the token in the URL is the credential, stored only as its hash.
 *
 * PDF bodies are taken raw (application/pdf, or application/octet-stream as some tools send), up to 64 MB
 * whatever BODY_LIMIT says for JSON.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DocRow, SignedFile } from '../archive/db.js';
import { findDocument } from '../archive/tenancy.js';
import { VanbanError } from '../service.js';
import { asciiFilename, unicodeFilename } from '../vietnamese/text.js';
import { SIGNING_STATUS_LABELS, tokenHash } from '../signing/service.js';
import { tenantOf } from './access.js';
import { contentDisposition } from './disposition.js';
import { errorAnswers, fileAnswer } from './schemas.js';

const PDF_TYPES = ['application/pdf', 'application/octet-stream'];
const MAX_BYTES = 64 * 1024 * 1024;

const documentParams = z.object({ id: z.string().meta({ description: 'Mã văn bản (UUID)' }) });
const sessionParams = z.object({ token: z.string().max(100).meta({ description: 'Mã phiên ký (dùng một lần)' }) });
const pdfBody = z.custom<Buffer>((b) => Buffer.isBuffer(b), { error: 'Nội dung phải là tệp PDF (application/pdf)' }).meta({ type: 'string', format: 'binary', description: 'Tệp PDF' });
const emptyBody = z.object({}).strict().optional().meta({ description: 'Không cần nội dung' });

const statusEnum = z.enum(['cho-ky', 'da-ky', 'da-dong-dau']).meta({ description: 'cho-ky: chờ ký; da-ky: người có thẩm quyền đã ký; da-dong-dau: cơ quan đã đóng dấu' });
const signerSchema = z.object({
  field: z.string().meta({ description: 'Ô chữ ký: ChuKyNguoiCoThamQuyen, ChuKyCoQuan, hoặc ô khác' }),
  role: z.string().meta({ description: 'nguoi-co-tham-quyen, co-quan hoặc khac' }),
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  signingTime: z.string().meta({ description: 'ISO 8601, giờ Việt Nam (+07:00)' }),
});
const signedFileSchema = z.object({
  seq: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  stage: statusEnum,
  source: z.string().meta({ description: 'upload, session (công cụ ký qua phiên ký) hoặc seal (đóng dấu trên máy chủ)' }),
  createdAt: z.string(),
  signers: z.array(signerSchema),
});
const signingSchema = z
  .object({
    id: z.string(),
    kyHieu: z.string(),
    status: statusEnum,
    label: z.string().meta({ description: 'Chờ ký, Đã ký, Đã đóng dấu' }),
    files: z.array(signedFileSchema).meta({ description: 'Các tệp đã ký, cũ trước; tệp sau chứa trọn tệp trước' }),
    links: z.object({ pdf: z.string(), signed: z.string() }),
  })
  .meta({ description: 'Tình trạng ký của văn bản và các tệp đã ký' });
const reportSchema = z
  .object({
    code: z.string().optional().meta({ description: 'Mã lỗi của chữ ký hỏng đầu tiên (không có: mọi chữ ký hợp lệ)' }),
    reason: z.string().optional(),
    signatures: z.array(
      z.object({
        field: z.string(),
        role: z.string(),
        valid: z.boolean(),
        code: z.string().optional(),
        reason: z.string().optional().meta({ description: 'Lý do không hợp lệ (tiếng Việt)' }),
        subject: z.string().optional(),
        issuer: z.string().optional(),
        serial: z.string().optional(),
        signingTime: z.string().optional(),
        subFilter: z.string().optional(),
        revisionEnd: z.number().int(),
        coversWholeFile: z.boolean(),
      }),
    ),
    document: z
      .object({ id: z.string(), kyHieu: z.string(), agencyName: z.string(), match: z.enum(['archived-pdf', 'signed-file', 'signed-from-archived-pdf']), signingStatus: statusEnum })
      .optional()
      .meta({ description: 'Văn bản trong sổ: tệp là bản PDF/A lưu trữ (archived-pdf), một tệp đã ký đang lưu (signed-file), hoặc được ký từ bản PDF/A lưu trữ (signed-from-archived-pdf)' }),
  })
  .meta({ description: 'Các chữ ký của tệp, từng chữ ký hợp lệ hay không và vì sao; văn bản trong sổ mà tệp khớp' });
const sessionSchema = z
  .object({
    download: z.string().meta({ description: 'GET: tệp cần ký (dùng một lần)' }),
    upload: z.string().meta({ description: 'POST hoặc PUT application/pdf: tệp đã ký (dùng một lần, khi tệp được nhận)' }),
    expiresAt: z.string(),
  })
  .meta({ description: 'Đường dẫn dùng một lần cho công cụ ký' });

const unknownDocument = errorAnswers({ 404: 'Không có văn bản này trong sổ mà khóa API được xem' });
const refusals = errorAnswers({
  409: 'Văn bản chưa ban hành xong hoặc đã thu hồi, hoặc một tệp đã ký khác vừa được lưu',
  413: 'Tệp quá lớn',
  415: 'Không phải application/pdf',
  422: 'Tệp bị từ chối: mã lỗi và lý do (chữ ký, chứng thư, bản lưu trữ, thứ tự ký)',
});

export const signingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { archive, signing } = app;

  app.addContentTypeParser(PDF_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) => done(null, body));

  async function load(req: FastifyRequest, id: string): Promise<DocRow> {
    const row = await findDocument(archive, id, tenantOf(req));
    if (!row) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${id}"`);
    return row;
  }

  async function statusBody(row: DocRow) {
    const s = await signing.statusOf(row);
    return { id: row.id, kyHieu: row.kyHieu, status: s.status, label: s.label, files: s.files, links: { pdf: `/v1/documents/${row.id}/pdf`, signed: `/v1/documents/${row.id}/signed` } };
  }

  const received = async (reply: FastifyReply, row: DocRow, file: SignedFile) =>
    reply
      .status(201)
      .header('Location', `/v1/documents/${row.id}/signed`)
      .send(await statusBody({ ...row, signingStatus: file.stage }));

  const sendPdf = (reply: FastifyReply, row: DocRow, bytes: Buffer, suffix: string) => {
    const base = `${row.typeName} ${row.kyHieu}${suffix}`;
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', contentDisposition(`${asciiFilename(base) || row.id}.pdf`, `${unicodeFilename(base)}.pdf`))
      .header('Cache-Control', 'private, no-store')
      .send(bytes);
  };

  app.get(
    '/v1/documents/:id/signatures',
    { schema: { tags: ['documents'], summary: 'Tình trạng ký và người ký', params: documentParams, response: { 200: signingSchema, ...unknownDocument } } },
    async (req) => statusBody(await load(req, req.params.id)),
  );

  app.post(
    '/v1/documents/:id/seal',
    {
      schema: {
        tags: ['documents'],
        summary: 'Đóng dấu: cơ quan ký số trên máy chủ, sau chữ ký của người có thẩm quyền',
        params: documentParams,
        body: emptyBody,
        response: { 201: signingSchema, ...unknownDocument, ...refusals },
      },
    },
    async (req, reply) => {
      const row = await load(req, req.params.id);
      return received(reply, row, await signing.seal(row));
    },
  );

  app.put(
    '/v1/documents/:id/signed',
    {
      bodyLimit: MAX_BYTES,
      schema: { tags: ['documents'], summary: 'Nhận tệp đã ký: kiểm tra rồi lưu', params: documentParams, consumes: PDF_TYPES, body: pdfBody, response: { 201: signingSchema, ...unknownDocument, ...refusals } },
    },
    async (req, reply) => {
      const row = await load(req, req.params.id);
      return received(reply, row, await signing.receive(row, req.body, 'upload'));
    },
  );

  app.get(
    '/v1/documents/:id/signed',
    {
      schema: {
        tags: ['documents'],
        summary: 'Tệp đã ký mới nhất',
        params: documentParams,
        response: { 200: fileAnswer('Tệp đã ký mới nhất, không đổi', ['application/pdf']), ...unknownDocument, ...errorAnswers({ 409: 'Văn bản chưa có tệp đã ký' }) },
      },
    },
    async (req, reply) => {
      const row = await load(req, req.params.id);
      const latest = await signing.latest(row);
      if (!latest) throw new VanbanError(409, 'not_signed', `Văn bản ${row.kyHieu} chưa có tệp đã ký (${SIGNING_STATUS_LABELS['cho-ky']})`);
      return sendPdf(reply.header('Digest', `sha-256=${Buffer.from(latest.file.sha256, 'hex').toString('base64')}`), row, latest.bytes, ` (${SIGNING_STATUS_LABELS[latest.file.stage]})`);
    },
  );

  app.post(
    '/v1/documents/:id/signing-session',
    {
      schema: {
        tags: ['documents'],
        summary: 'Phiên ký: đường dẫn tải về và gửi lên dùng một lần cho công cụ ký',
        params: documentParams,
        body: emptyBody,
        response: { 201: sessionSchema, ...unknownDocument, ...errorAnswers({ 409: 'Văn bản chưa ban hành xong hoặc đã thu hồi' }) },
      },
    },
    async (req, reply) => {
      const row = await load(req, req.params.id);
      const { token, expiresAt } = await signing.openSession(row);
      const base = `${req.protocol}://${req.host}/v1/signing-sessions/${token}`;
      return reply.status(201).send({ download: `${base}/pdf`, upload: `${base}/signed`, expiresAt });
    },
  );

  const expired = () => new VanbanError(404, 'session_not_found', 'Phiên ký không tồn tại, đã hết hạn, hoặc đường dẫn này đã được dùng');
  const sessionAnswers = errorAnswers({ 404: 'Phiên ký không tồn tại, đã hết hạn hoặc đã dùng' });

  app.get(
    '/v1/signing-sessions/:token/pdf',
    { schema: { tags: ['documents'], summary: 'Phiên ký: tệp cần ký (một lần)', params: sessionParams, response: { 200: fileAnswer('Tệp cần ký', ['application/pdf']), ...sessionAnswers } } },
    async (req, reply) => {
      const id = await archive.db.useSigningSession(tokenHash(req.params.token), 'download', new Date().toISOString());
      const row = id ? await archive.db.get(id) : undefined;
      if (!row) throw expired();
      return sendPdf(reply, row, await signing.current(row), '');
    },
  );

  for (const method of ['POST', 'PUT'] as const)
    app.route({
      method,
      url: '/v1/signing-sessions/:token/signed',
      bodyLimit: MAX_BYTES,
      schema: {
        tags: ['documents'],
        summary: 'Phiên ký: gửi tệp đã ký (một lần, khi tệp được nhận)',
        params: sessionParams,
        consumes: PDF_TYPES,
        body: pdfBody,
        response: { 201: signingSchema, ...sessionAnswers, ...refusals },
      },
      handler: async (req, reply) => {
        const hash = tokenHash(req.params.token);
        const id = await archive.db.openSigningSession(hash, 'upload', new Date().toISOString());
        const row = id ? await archive.db.get(id) : undefined;
        if (!row) throw expired();
        const file = await signing.receive(row, req.body, 'session');
        await archive.db.useSigningSession(hash, 'upload', new Date().toISOString());
        return received(reply, row, file);
      },
    });

  app.post(
    '/v1/verify',
    {
      bodyLimit: MAX_BYTES,
      schema: {
        tags: ['documents'],
        summary: 'Kiểm tra chữ ký số của một tệp PDF bất kỳ',
        consumes: PDF_TYPES,
        body: pdfBody,
        response: { 200: reportSchema, ...errorAnswers({ 413: 'Tệp quá lớn', 415: 'Không phải application/pdf' }) },
      },
    },
    async (req) => signing.verify(req.body, tenantOf(req)),
  );
};
