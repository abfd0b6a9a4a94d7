/**
 * edXML over HTTP (docs/edxml.md): GET /v1/documents/:id/edxml builds the QCVN 102:2016 package of an issued
 * document (its register record, its stored data, its files; signed when a key is configured), and
 * POST /v1/edxml/inspect reads an incoming package: header, business kind, attachments with their SHA-256,
 * signature valid or not, every problem named. The package is taken raw (application/xml, text/xml) or as
 * JSON { "package": base64 }; a package with a DTD is refused before it is parsed (src/edxml/reader.ts), and
 * the reading runs in a worker thread with a memory ceiling and a deadline (src/edxml/workers.ts).
 *
 * attachmentsOf is the one place that says which files travel: the latest signed PDF when the register holds
 * one (src/signing/), else the archival PDF/A, and the DOCX when asked. The package is signed with the key of
 * EDXML_SIGNING_KEY_FILE/EDXML_SIGNING_CERT_FILE when set, else with the issuing agency's own certificate (the
 * one that seals its PDFs, src/signing/credentials.ts) when it has one, else it goes unsigned.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Archive } from '../archive/archive.js';
import type { DocRow } from '../archive/db.js';
import { IntegrityError } from '../archive/store.js';
import { findDocument } from '../archive/tenancy.js';
import { packageOfRecord } from '../edxml/from-register.js';
import type { Attachment } from '../edxml/model.js';
import { EdxmlWorkers } from '../edxml/workers.js';
import type { SigningKey } from '../edxml/signature.js';
import { writeEdxml } from '../edxml/writer.js';
import { pemOf } from '../signing/credentials.js';
import type { Signing } from '../signing/service.js';
import { FORMATS, VanbanError } from '../service.js';
import { asciiFilename, unicodeFilename } from '../vietnamese/text.js';
import { tenantOf } from './access.js';
import { contentDisposition } from './disposition.js';
import { errorAnswers, textAnswer } from './schemas.js';
import { refusedBody, refusedQuery } from './validation.js';

export type EdxmlRouteOptions = {
  /** The largest package inspected, in bytes (EDXML_MAX_BYTES). */
  maxBytes: number;
  /** The agency's key and certificate (the signing work's, when configured); unset, packages go unsigned. */
  signing?: SigningKey;
};

/** The files a package carries, in order: the signed PDF (or the archival PDF before any), and the DOCX when asked. */
export async function attachmentsOf(archive: Archive, signed: Signing, row: DocRow, o: { docx: boolean }): Promise<Attachment[]> {
  const base = `${row.typeName} ${row.kyHieu}`;
  const file = async (format: 'pdf' | 'docx', contentId: string, description: string): Promise<Attachment> => ({
    contentId,
    name: `${unicodeFilename(base) || asciiFilename(base) || row.id}.${format}`,
    description,
    contentType: FORMATS[format].contentType,
    bytes: await archive.file(row, format),
  });
  const latest = await signed.latest(row);
  const pdf: Attachment = latest
    ? { ...(await file('pdf', '1', '')), description: latest.file.stage === 'da-dong-dau' ? 'Bản PDF/A đã ký số và đóng dấu' : 'Bản PDF/A đã ký số', bytes: latest.bytes }
    : await file('pdf', '1', 'Bản PDF/A lưu trữ');
  return [pdf, ...(o.docx ? [await file('docx', '2', 'Bản DOCX')] : [])];
}

/** The issuing agency's own key and certificate (the signing work's credentials), if it has one. */
async function agencyKeyOf(signed: Signing, row: DocRow): Promise<SigningKey | undefined> {
  const cred = row.organId ? await signed.o.credentials.for(row.organId, row.agencyName) : undefined;
  if (!cred) return undefined;
  const pem = pemOf(cred);
  return { privateKeyPem: pem.key, certificatePem: pem.certificate };
}

const documentParams = z.object({ id: z.string().meta({ description: 'Mã văn bản (UUID)' }) });
const packageQuery = z.object({
  docx: z
    .enum(['true', 'false'], { error: 'docx là true hoặc false' })
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Kèm bản DOCX (mặc định chỉ bản PDF)' }),
});

const inspectBody = z
  .object({ package: z.string().min(1, { error: 'Thiếu gói tin' }).meta({ description: 'Gói edXML, mã hóa base64' }) })
  .strict()
  .meta({ description: 'Gói edXML: gửi thẳng (application/xml) hoặc base64 trong JSON' });

const organ = z.object({
  organId: z.string(),
  organizationInCharge: z.string(),
  organName: z.string(),
  organAdd: z.string(),
  email: z.string(),
  telephone: z.string(),
  fax: z.string(),
  website: z.string(),
});
const inspection = z
  .object({
    valid: z.boolean().meta({ description: 'Không có lỗi (có thể có cảnh báo)' }),
    header: z.object({
      from: organ,
      to: z.array(organ),
      documentId: z.string(),
      code: z.object({ codeNumber: z.string(), codeNotation: z.string() }),
      promulgation: z.object({ place: z.string(), date: z.string() }),
      documentType: z.object({ type: z.number(), typeDetail: z.number(), typeName: z.string() }),
      subject: z.string(),
      content: z.string(),
      signer: z.object({ competence: z.string(), position: z.string(), fullName: z.string() }),
      dueDate: z.string(),
      steeringType: z.number(),
      toPlaces: z.array(z.string()),
      other: z.object({
        priority: z.number(),
        sphereOfPromulgation: z.string(),
        typerNotation: z.string(),
        promulgationAmount: z.number(),
        pageAmount: z.number(),
        direction: z.string().optional(),
        appendixes: z.array(z.string()),
      }),
    }),
    traces: z.array(z.object({ organId: z.string(), timestamp: z.string() })),
    business: z.object({
      kind: z.enum(['new', 'revoke', 'update', 'replace']),
      reason: z.string(),
      documentId: z.string(),
      paper: z.number(),
      replaces: z.array(z.object({ documentId: z.string(), organIds: z.array(z.string()) })),
      staff: z.object({ department: z.string(), staff: z.string(), email: z.string(), mobile: z.string() }).optional(),
      updateInfo: z
        .object({ documentInfo: z.string(), documentReceiver: z.string(), receivers: z.array(z.object({ organId: z.string(), receiverType: z.string() })) })
        .optional(),
    }),
    attachments: z.array(
      z.object({
        contentId: z.string(),
        name: z.string(),
        description: z.string(),
        contentType: z.string(),
        size: z.number(),
        sha256: z.string().meta({ description: 'SHA-256 (hex) của tệp giải mã' }),
        declaredSha256: z.string().optional().meta({ description: 'SHA-256 (base64) mà chữ ký khai báo cho tệp' }),
      }),
    ),
    signature: z.object({
      present: z.boolean(),
      valid: z.boolean(),
      reason: z.string().optional(),
      certificate: z
        .object({ subject: z.string(), issuer: z.string(), serialNumber: z.string(), validFrom: z.string(), validTo: z.string(), sha256: z.string() })
        .optional()
        .meta({ description: 'Chứng thư trong KeyInfo; tin cậy hay không do bên nhận xét' }),
    }),
    problems: z.array(z.object({ path: z.string(), code: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) })),
  })
  .meta({ description: 'Kết quả đọc gói edXML' });

export const edxmlRoutes: FastifyPluginAsyncZod<EdxmlRouteOptions> = async (app, { maxBytes, signing }) => {
  const { archive } = app;
  // One package read or signed at a time, in a worker thread: the event loop keeps answering (src/edxml/workers.ts).
  const workers = new EdxmlWorkers({ concurrency: 1 });
  // Raw packages: read as bytes and handed to the route as the JSON form would carry them.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) =>
    done(null, { package: (body as Buffer).toString('base64') }),
  );

  app.get(
    '/v1/documents/:id/edxml',
    {
      schema: {
        tags: ['documents'],
        summary: 'Gói edXML (QCVN 102:2016/BTTTT) của văn bản đã ban hành',
        params: documentParams,
        querystring: packageQuery,
        response: {
          200: textAnswer('Gói edXML: tiêu đề từ sổ và dữ liệu văn bản, bản PDF (và DOCX), loại nghiệp vụ mới, thu hồi hoặc thay thế', 'application/xml'),
          ...errorAnswers({
            400: 'Tham số không hợp lệ',
            404: 'Không có văn bản này trong sổ mà khóa API được xem',
            409: 'Văn bản đang được hoàn tất hoặc không hoàn tất được',
            422: 'Cơ quan ban hành chưa có mã định danh hợp lệ',
            500: 'Tệp lưu trữ không khớp với mã băm đã ghi (integrity_error)',
          }),
        },
      },
      config: { refused: { querystring: refusedQuery('Tham số không hợp lệ') } },
    },
    async (req, reply) => {
      const row = await findDocument(archive, req.params.id, tenantOf(req));
      if (!row) throw new VanbanError(404, 'document_not_found', `Không có văn bản "${req.params.id}"`);
      const corrected = row.correctionOf ? await archive.db.get(row.correctionOf) : undefined;
      let attachments: Attachment[] = [];
      if (row.status === 'issued' || row.status === 'revoked')
        try {
          attachments = await attachmentsOf(archive, app.signing, row, { docx: req.query.docx });
        } catch (e) {
          if (e instanceof IntegrityError) throw new VanbanError(500, 'integrity_error', 'Tệp lưu trữ không khớp với mã băm đã ghi: gói edXML không được tạo; hãy báo quản trị viên');
          throw e;
        }
      const unsigned = writeEdxml(packageOfRecord({ row, attachments, corrected }));
      const key = signing ?? (await agencyKeyOf(app.signing, row));
      const xml = key ? await workers.sign(unsigned, attachments, key) : unsigned;
      const base = `${row.typeName} ${row.kyHieu}`;
      return reply
        .type('application/xml; charset=utf-8')
        .header('Content-Disposition', contentDisposition(`${asciiFilename(base) || row.id}.edxml`, `${unicodeFilename(base)}.edxml`))
        .send(xml);
    },
  );

  app.post(
    '/v1/edxml/inspect',
    {
      bodyLimit: Math.ceil((maxBytes * 4) / 3) + 1024,
      schema: {
        tags: ['documents'],
        summary: 'Đọc một gói edXML: tiêu đề, tệp đính kèm và mã băm, chữ ký, các lỗi',
        consumes: ['application/json', 'application/xml', 'text/xml'],
        body: inspectBody,
        response: {
          200: inspection,
          ...errorAnswers({
            400: 'Thiếu gói tin, hoặc nội dung không đọc được',
            413: 'Gói tin lớn quá giới hạn (EDXML_MAX_BYTES)',
            415: 'Kiểu nội dung không nhận: application/xml, text/xml hoặc application/json',
            422: 'Gói tin bị từ chối mà không đọc: có DTD/ENTITY (bom XML, thực thể ngoài), không phải XML, không phải edXML, hoặc cần quá nhiều bộ nhớ hay thời gian',
          }),
        },
      },
      config: { refused: { body: refusedBody('Yêu cầu đọc gói edXML không hợp lệ') } },
    },
    async (req) => {
      const bytes = Buffer.from(req.body.package, 'base64');
      if (bytes.length > maxBytes) throw new VanbanError(413, 'edxml_too_large', `Gói tin lớn quá ${maxBytes} byte`);
      return workers.inspect(bytes);
    },
  );
};
