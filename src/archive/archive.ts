/**
 * The register of outgoing documents and the archive (Nghị định 30, Phụ lục VI): issuing numbers a document
 * in its agency's yearly register, renders the final DOCX and the archival PDF, stores both with the input
 * and the metadata, and never changes them afterwards (revocation freezes a record; a correction is a new
 * document linked to the old one).
 *
 * Crash safety: the number is taken and the row inserted as 'issuing' in one transaction; the files are
 * written atomically; only then is the row marked 'issued'. A row left 'issuing' by a crash is completed from
 * its stored input when the service starts again (the same number, the same content), so numbering has no
 * gaps and no 'issued' record lacks its files.
 */
import { randomUUID } from 'node:crypto';
import PizZip from 'pizzip';
import { formatDocNumber } from '../nd30/numbering.js';
import { parsePartialDate, todayInVietnam, toIsoDate } from '../nd30/dates.js';
import { signerLines, type SignerInput } from '../nd30/signer.js';
import { stripDiacritics } from '../vietnamese/text.js';
import { VanbanError, type Vanban } from '../service.js';
import { RegisterDb, NumberTakenError, type DocRow, type SearchFilter } from './db.js';
import { FileStore, IntegrityError } from './store.js';
import { toPdfA, type ArchiveMetadata } from './pdfa.js';

export { IntegrityError, NumberTakenError };

/** Lower case without diacritics and with single spaces: "Cải cách" and "cai cach" meet here. */
export const fold = (s: string) => stripDiacritics(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();

type Agency = { name: string; abbreviation: string; identifier?: string };
type Data = {
  agency: Agency;
  number?: number;
  date: string;
  unit?: string;
  summary?: string;
  signer: SignerInput;
  recipients: { items: string[]; copies?: number };
  urgency?: string;
  secrecy?: string;
  dueDate?: string;
};

/** The register an agency numbers in: its identifier when it has one, else its abbreviation and name. */
export const agencyKeyOf = (a: Agency) => (a.identifier ? `id:${a.identifier}` : `${a.abbreviation.toUpperCase()}|${fold(a.name)}`);

/** Whether an API key's agency (identifier or abbreviation) is this agency. */
export const agencyMatches = (a: Agency, keyAgency: string) =>
  keyAgency === a.identifier || keyAgency.toUpperCase() === a.abbreviation.toUpperCase() || keyAgency === agencyKeyOf(a);

const PRIORITY: Record<string, string> = {
  khan: 'Khẩn',
  'thuong-khan': 'Thượng khẩn',
  'hoa-toc': 'Hỏa tốc',
  mat: 'Mật',
  'toi-mat': 'Tối mật',
  'tuyet-mat': 'Tuyệt mật',
};

function docxPlainText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? [])
    .map((t) => t.replace(/<[^>]+>/g, ''))
    .join(' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const pdfPageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

export type IssueInput = { template: string; data: unknown; number?: number; correctionOf?: string; idempotencyKey?: string };

export class Archive {
  private constructor(
    readonly db: RegisterDb,
    readonly files: FileStore,
    private readonly svc: Vanban,
  ) {}

  static async open(svc: Vanban, o: { dataDir: string; databaseUrl?: string }): Promise<Archive> {
    const db = await RegisterDb.open(o);
    return new Archive(db, new FileStore(o.dataDir), svc);
  }

  /** Completes documents a crash left 'issuing'. Returns how many. */
  async recover(): Promise<number> {
    let n = 0;
    for (const row of await this.db.issuing()) {
      await this.finish(row);
      n++;
    }
    return n;
  }

  /** Validated data of the type (throws the service's 422 otherwise). */
  private validated(template: string, data: unknown): { data: Data } {
    const v = this.svc.validate(template, data);
    if (v.problems.length) throw new VanbanError(422, 'validation_failed', 'Dữ liệu không hợp lệ', v.problems);
    return { data: v.data as Data };
  }

  /** Reserves the number and inserts the row; then renders, stores and completes it. */
  async issue(input: IssueInput): Promise<DocRow> {
    const { data } = this.validated(input.template, input.data);
    const given = parsePartialDate(data.date);
    // The register dates a draft whose day (or month) is still blank: it is issued today.
    const today = todayInVietnam();
    const issued = given && given.day !== undefined ? toIsoDate(given) : toIsoDate(today);
    const year = Number(issued.slice(0, 4));
    // The type name and the notation (ký hiệu without the number) as the document itself prints them.
    const meta = this.svc.type(input.template).view({ ...data, number: 1 } as never).meta;
    const typeName = meta.typeName;
    const notation = meta.kyHieu.slice(meta.kyHieu.indexOf('/') + 1);
    const signer = signerLines(data.signer);
    const row: Omit<DocRow, 'number' | 'kyHieu'> = {
      id: randomUUID(),
      agencyKey: agencyKeyOf(data.agency),
      agencyName: data.agency.name,
      organId: data.agency.identifier ?? '',
      template: input.template,
      typeName,
      year,
      notation,
      issuedDate: issued,
      summary: data.summary ?? typeName,
      signerPosition: data.signer.position ?? signer.authorityLines[signer.authorityLines.length - 1] ?? '',
      signerName: data.signer.name,
      recipients: JSON.stringify(data.recipients.items.map((name) => ({ name }))),
      priority: [data.urgency, data.secrecy].filter(Boolean).map((p) => PRIORITY[p!] ?? p).join(', '),
      copies: data.recipients.copies ?? null,
      dueDate: data.dueDate ?? null,
      pageCount: null,
      description: `${typeName} ${data.summary ? `về ${data.summary.replace(/\s+/g, ' ')}` : ''}`.trim(),
      data: JSON.stringify({ ...data, date: issued }),
      status: 'issuing',
      pdfSha256: null,
      pdfBytes: null,
      docxSha256: null,
      docxBytes: null,
      searchText: '',
      correctionOf: input.correctionOf ?? null,
      revokedAt: null,
      revokeReason: null,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: new Date().toISOString(),
    };
    const reserved = await this.db.reserve(row, input.number, (n) => `${formatDocNumber(n)}/${notation}`);
    return this.finish(reserved);
  }

  /** Renders the DOCX and the archival PDF of a reserved row, stores them, and marks the row issued. */
  private async finish(row: DocRow): Promise<DocRow> {
    const data = JSON.parse(row.data) as Data;
    const [pdf, docx] = await Promise.all([
      this.svc.render(row.template, data, 'pdf', { unbounded: true }),
      this.svc.render(row.template, data, 'docx'),
    ]);
    const pageCount = pdfPageCount(pdf.bytes);
    const archival = await toPdfA(pdf.bytes, this.metadata({ ...row, pageCount }));
    const pdfSha256 = this.files.put(archival);
    const docxSha256 = this.files.put(docx.bytes);
    const searchText = fold([row.kyHieu, row.typeName, row.summary, row.agencyName, row.signerName, row.signerPosition, docxPlainText(docx.bytes)].join(' '));
    const done = { pdfSha256, pdfBytes: archival.length, docxSha256, docxBytes: docx.bytes.length, pageCount, searchText };
    await this.db.complete(row.id, done);
    return { ...row, ...done, status: 'issued' };
  }

  /** The Appendix VI metadata of a record. */
  metadata(row: DocRow): ArchiveMetadata {
    const notation = row.notation;
    return {
      organId: row.organId,
      organName: row.agencyName,
      year: row.year,
      ordinal: row.number,
      typeName: row.typeName,
      codeNumber: String(row.number).padStart(2, '0'),
      codeNotation: notation,
      issuedDate: row.issuedDate,
      subject: row.summary.replace(/\s+/g, ' ').slice(0, 500),
      language: 'vi',
      pageCount: row.pageCount ?? 0,
      description: row.description,
      signerPosition: row.signerPosition,
      signerName: row.signerName,
      recipients: JSON.parse(row.recipients) as { id?: string; name: string }[],
      priority: row.priority,
      copies: row.copies,
      dueDate: row.dueDate,
      title: `${row.typeName} ${row.kyHieu}: ${row.summary.replace(/\s+/g, ' ')}`,
      creator: row.agencyName,
    };
  }

  /** A stored file, checked against its hash (IntegrityError otherwise). */
  file(row: DocRow, kind: 'pdf' | 'docx'): Buffer {
    const hash = kind === 'pdf' ? row.pdfSha256 : row.docxSha256;
    if (!hash) throw new IntegrityError('', null);
    return this.files.get(hash);
  }

  search(f: SearchFilter) {
    return this.db.search(f);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
