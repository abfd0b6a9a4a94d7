/**
 * Signing in the register (issue 16): a document's PDF/A is issued with empty signature fields (fields.ts);
 * the person with authority signs it with their own tool and sends it back (an upload, or a signing tool's
 * POST to a one-time URL); the agency seals it on the server with its certificate (credentials.ts); each
 * signed file is verified (verify.ts), then stored content-addressed beside the unsigned one, never replaced,
 * with its signers, and the register's signing status moves: cho-ky, da-ky, da-dong-dau.
 *
 * A file is received only when, in this order: every signature verifies (verify.ts), the file's first bytes
 * are the stored PDF/A byte for byte, what was appended to them (before the first signature too) changes no
 * content, it extends the latest signed file (earlier signatures kept), it adds a
 * signature, and the agency's seal comes after the person's signature (Decree 30: the person signs, then the
 * agency seals). A refusal is a 422 with a machine code and a Vietnamese reason; nothing is stored before all
 * checks pass.
 */
import { createHash, randomBytes, type X509Certificate } from 'node:crypto';
import type { Archive } from '../archive/archive.js';
import type { DocRow, SignedFile, SigningStatus } from '../archive/db.js';
import { sha256 } from '../archive/store.js';
import { belongsTo, type Register } from '../archive/tenancy.js';
import { VanbanError } from '../service.js';
import type { AgencyCredentials } from './credentials.js';
import { AGENCY_FIELD, SIGNER_FIELD } from './fields.js';
import { signPdf, SigningError } from './pades.js';
import { readPng, PngError } from './png.js';
import { changesAfter, verifyPdf, type FileReport } from './verify.js';

export const SIGNING_STATUS_LABELS: Record<SigningStatus, string> = { 'cho-ky': 'Chờ ký', 'da-ky': 'Đã ký', 'da-dong-dau': 'Đã đóng dấu' };

export type SigningOptions = {
  archive: Archive;
  credentials: AgencyCredentials;
  trust: X509Certificate[];
  sessionTtlS: number;
};

const refuse = (code: string, message: string, detail?: string) =>
  new VanbanError(422, code, message, [{ path: 'body', code, message: detail ?? message }]);

/** The end offsets of a file's revisions (just past each %%EOF and its end of line). */
function revisionEnds(pdf: Buffer): number[] {
  const out: number[] = [];
  let at = 0;
  for (;;) {
    const i = pdf.indexOf('%%EOF', at, 'latin1');
    if (i < 0) break;
    let end = i + 5;
    if (pdf[end] === 0x0d) end++;
    if (pdf[end] === 0x0a) end++;
    out.push(end);
    at = end;
  }
  return out.slice(-50);
}

export class Signing {
  constructor(readonly o: SigningOptions) {}

  private get archive() {
    return this.o.archive;
  }

  /** The signing status of a document and its signed files (oldest first). */
  async statusOf(row: DocRow): Promise<{ status: SigningStatus; label: string; files: SignedFile[] }> {
    const status = row.signingStatus ?? 'cho-ky';
    return { status, label: SIGNING_STATUS_LABELS[status], files: await this.archive.db.signedFiles(row.id) };
  }

  /** The latest signed file and its bytes (checked against its hash), or undefined before any. */
  async latest(row: DocRow): Promise<{ file: SignedFile; bytes: Buffer } | undefined> {
    const files = await this.archive.db.signedFiles(row.id);
    const file = files[files.length - 1];
    return file ? { file, bytes: await this.archive.files.get(file.sha256) } : undefined;
  }

  /** What a signing tool signs next: the latest signed file, else the archived PDF/A. */
  async current(row: DocRow): Promise<Buffer> {
    return (await this.latest(row))?.bytes ?? this.archive.file(row, 'pdf');
  }

  private issued(row: DocRow) {
    if (row.status !== 'issued') throw new VanbanError(409, 'not_signable', `Văn bản đang ở trạng thái "${row.status}": chỉ văn bản đã ban hành mới ký được`);
  }

  /** Verifies a signed file of the document and stores it (see the header); the refusals are 422. */
  async receive(row: DocRow, bytes: Buffer, source: 'upload' | 'session' | 'seal'): Promise<SignedFile> {
    this.issued(row);
    const report = await verifyPdf(bytes, this.o.trust);
    if (report.code) throw refuse(report.code, `Tệp bị từ chối: ${report.reason}`);
    const stored = await this.archive.file(row, 'pdf');
    if (bytes.length <= stored.length || !bytes.subarray(0, stored.length).equals(stored))
      throw refuse('not_this_document', `Tệp bị từ chối: bản chưa ký trong tệp không phải bản PDF lưu trữ của văn bản ${row.kyHieu} (phải trùng từng byte với GET /v1/documents/${row.id}/pdf)`);
    // What was added to the archived PDF before (and with) the signatures may only be signatures.
    const changed = await changesAfter(bytes, stored.length);
    if (changed) throw refuse('content_changed_after_issue', `Tệp bị từ chối: sau bản PDF lưu trữ, tệp đã thay đổi nội dung văn bản (${changed})`);
    const files = await this.archive.db.signedFiles(row.id);
    const last = files[files.length - 1];
    if (last) {
      const prior = await this.archive.files.get(last.sha256);
      if (bytes.length <= prior.length || !bytes.subarray(0, prior.length).equals(prior))
        throw refuse('signed_file_diverges', 'Tệp bị từ chối: tệp không kế tiếp bản đã ký đang lưu (phải giữ nguyên bản đó và các chữ ký trong đó, rồi thêm chữ ký mới)');
    }
    const person = report.signatures.find((s) => s.field === SIGNER_FIELD);
    const agency = report.signatures.find((s) => s.field === AGENCY_FIELD);
    if (agency && (!person || person.revisionEnd > agency.revisionEnd))
      throw refuse('signing_order', 'Tệp bị từ chối: con dấu (chữ ký số) của cơ quan phải đóng sau chữ ký của người có thẩm quyền (Nghị định 30/2020/NĐ-CP)');
    const stage = agency ? 'da-dong-dau' : 'da-ky';
    const hash = await this.archive.files.put(bytes);
    const saved = await this.archive.db.addSignedFile(row.id, last?.seq ?? 0, {
      sha256: hash,
      bytes: bytes.length,
      stage,
      source,
      createdAt: new Date().toISOString(),
      signers: report.signatures.map((s) => ({ field: s.field, role: s.role, subject: s.subject ?? '', issuer: s.issuer ?? '', serial: s.serial ?? '', signingTime: s.signingTime ?? '' })),
    });
    if (!saved) throw new VanbanError(409, 'signed_concurrently', 'Một tệp đã ký khác vừa được lưu cho văn bản này: hãy tải bản mới nhất và ký lại');
    return saved;
  }

  /** The agency's seal on the server: the latest signed file gets the agency's signature, then is received. */
  async seal(row: DocRow): Promise<SignedFile> {
    this.issued(row);
    const latest = await this.latest(row);
    if (!latest) throw new VanbanError(409, 'not_signed_yet', 'Người có thẩm quyền chưa ký: cơ quan đóng dấu sau chữ ký của người có thẩm quyền (Nghị định 30/2020/NĐ-CP)');
    if (latest.file.stage === 'da-dong-dau') throw new VanbanError(409, 'already_sealed', 'Văn bản đã được đóng dấu');
    const cred = row.organId ? await this.o.credentials.for(row.organId, row.agencyName) : undefined;
    if (!cred)
      throw new VanbanError(409, 'no_agency_certificate', `Cơ quan ${row.agencyName} chưa có chứng thư số để đóng dấu: cấu hình SIGNING_AGENCIES_FILE theo mã định danh cơ quan`);
    let image;
    if (cred.sealPng) {
      try {
        const pixels = readPng(cred.sealPng);
        const dpi = cred.sealDpi ?? 300;
        image = { pixels, widthPt: (pixels.width / dpi) * 72, heightPt: (pixels.height / dpi) * 72 };
      } catch (e) {
        if (e instanceof PngError) throw new VanbanError(409, 'bad_seal_image', `Ảnh con dấu của cơ quan không dùng được: ${e.message}`);
        throw e;
      }
    }
    let signed: Buffer;
    try {
      signed = await signPdf(latest.bytes, {
        field: AGENCY_FIELD,
        key: cred.key,
        certificate: cred.certificate.raw,
        chain: cred.chain.map((c) => c.raw),
        ...(image ? { image } : {}),
        name: row.agencyName,
        reason: `Đóng dấu văn bản ${row.kyHieu}`,
      });
    } catch (e) {
      if (e instanceof SigningError) throw new VanbanError(409, e.code, e.message);
      throw e;
    }
    return this.receive(row, signed, 'seal');
  }

  /**
   * Any PDF: its signatures, and the document of the register it is (a stored signed file) or was signed from
   * (its unsigned revision is a stored PDF/A), among the documents the register sees.
   */
  async verify(bytes: Buffer, register: Register): Promise<FileReport & { document?: { id: string; kyHieu: string; agencyName: string; match: 'archived-pdf' | 'signed-file' | 'signed-from-archived-pdf'; signingStatus: SigningStatus } }> {
    const report = await verifyPdf(bytes, this.o.trust);
    const prefixes = new Map<string, number>([[sha256(bytes), bytes.length]]);
    for (const end of revisionEnds(bytes)) prefixes.set(sha256(bytes.subarray(0, end)), end);
    // The longest match first: the file itself as a stored signed file, before the revision it was signed from.
    const hits = (await this.archive.db.documentsWithFile([...prefixes.keys()])).sort((a, b) => prefixes.get(b.sha256)! - prefixes.get(a.sha256)!);
    for (const hit of hits) {
      const row = await this.archive.db.get(hit.id);
      if (!row || !belongsTo(row, register)) continue;
      return {
        ...report,
        document: {
          id: row.id,
          kyHieu: row.kyHieu,
          agencyName: row.agencyName,
          match: hit.kind === 'signed' ? 'signed-file' : prefixes.get(hit.sha256) === bytes.length ? 'archived-pdf' : 'signed-from-archived-pdf',
          signingStatus: row.signingStatus ?? 'cho-ky',
        },
      };
    }
    return report;
  }

  /** A signing session: a token whose download and upload URLs each work once, until it expires. */
  async openSession(row: DocRow): Promise<{ token: string; expiresAt: string }> {
    this.issued(row);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.o.sessionTtlS * 1000).toISOString();
    await this.archive.db.createSigningSession(tokenHash(token), row.id, expiresAt);
    return { token, expiresAt };
  }
}

export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
