/**
 * The Decree 30 Appendix VI metadata of an outgoing document (ArchiveMetadata), checked and put in NFC
 * (normalizeArchiveMetadata), and the table of its fields as properties of the nd30 namespace
 * (ND30_PROPERTIES, the table of docs/pdfa.md). The XMP packet (xmp.ts) and the Appendix VI XML
 * (appendix6.ts) are both written from here, so the two say the same thing in the same namespace.
 */
import { PdfAError } from './errors.js';

export type ArchiveMetadata = {
  /** Mã định danh cơ quan (13 characters; '' when unknown). */
  organId: string;
  /** Tên cơ quan ban hành. */
  organName: string;
  /** Năm văn bản. */
  year: number;
  /** Số thứ tự trong sổ. */
  ordinal: number;
  /** Tên loại ("Quyết định"). */
  typeName: string;
  /** Số ("152"). */
  codeNumber: string;
  /** Ký hiệu ("QĐ-UBND"). */
  codeNotation: string;
  /** ISO date "2014-01-22". */
  issuedDate: string;
  /** Trích yếu (at most 500 characters). */
  subject: string;
  /** "vi". */
  language: string;
  /** Pages of the document; 0 lets toPdfA fill in the count of the file. */
  pageCount: number;
  description: string;
  /** Chức vụ người ký. */
  signerPosition: string;
  signerName: string;
  recipients: { id?: string; name: string }[];
  /** Độ khẩn / độ mật, '' when none. */
  priority: string;
  /** Số lượng bản phát hành. */
  copies: number | null;
  /** Thời hạn trả lời / xử lý (ISO date). */
  dueDate: string | null;
  /** dc:title, e.g. "Quyết định 152/QĐ-UBND: Phê duyệt ...". */
  title: string;
  /** dc:creator (the issuing agency). */
  creator: string;
};

/** The namespace of the Appendix VI properties (prefix ND30_PREFIX). */
export const ND30_NS = 'https://vanban.dev/ns/nd30/1.0/';
export const ND30_PREFIX = 'nd30';
/** The namespace of the fields of the structured type Recipient (prefix ND30_RECIPIENT_PREFIX). */
export const ND30_RECIPIENT_NS = 'https://vanban.dev/ns/nd30/1.0/recipient/';
export const ND30_RECIPIENT_PREFIX = 'nd30r';

export type Nd30Value = string | number | { id?: string; name: string }[] | null;
export type Nd30Property = {
  name: string;
  valueType: 'Text' | 'Integer' | 'Date' | 'Seq Recipient';
  /** The Appendix VI field, as the decree names it. */
  field: string;
  description: string;
  value: (m: ArchiveMetadata) => Nd30Value;
};

/** Every Appendix VI field of an outgoing document, in the decree's order; the table of docs/pdfa.md. */
export const ND30_PROPERTIES: readonly Nd30Property[] = [
  { name: 'OrganId', valueType: 'Text', field: 'Mã định danh của cơ quan, tổ chức', description: 'Mã định danh của cơ quan, tổ chức ban hành (13 ký tự) / issuing agency identifier', value: (m) => m.organId },
  { name: 'OrganName', valueType: 'Text', field: 'Tên cơ quan, tổ chức ban hành văn bản', description: 'Tên cơ quan, tổ chức ban hành văn bản / issuing agency name', value: (m) => m.organName },
  { name: 'Year', valueType: 'Integer', field: 'Năm văn bản', description: 'Năm văn bản / year of the document', value: (m) => m.year },
  { name: 'Ordinal', valueType: 'Integer', field: 'Số thứ tự văn bản', description: 'Số thứ tự văn bản trong sổ / ordinal in the register', value: (m) => m.ordinal },
  { name: 'TypeName', valueType: 'Text', field: 'Tên loại văn bản', description: 'Tên loại văn bản / document type', value: (m) => m.typeName },
  { name: 'CodeNumber', valueType: 'Text', field: 'Số của văn bản', description: 'Số của văn bản / document number', value: (m) => m.codeNumber },
  { name: 'CodeNotation', valueType: 'Text', field: 'Ký hiệu của văn bản', description: 'Ký hiệu của văn bản / document notation', value: (m) => m.codeNotation },
  { name: 'IssuedDate', valueType: 'Date', field: 'Ngày, tháng, năm văn bản', description: 'Ngày, tháng, năm ban hành văn bản / date of issue', value: (m) => m.issuedDate },
  { name: 'Subject', valueType: 'Text', field: 'Trích yếu nội dung', description: 'Trích yếu nội dung (tối đa 500 ký tự) / subject', value: (m) => m.subject },
  { name: 'Language', valueType: 'Text', field: 'Ngôn ngữ', description: 'Ngôn ngữ (BCP 47) / language', value: (m) => m.language },
  { name: 'PageCount', valueType: 'Integer', field: 'Số trang', description: 'Số trang của văn bản / page count', value: (m) => m.pageCount },
  { name: 'Description', valueType: 'Text', field: 'Ghi chú', description: 'Ghi chú, mô tả / description', value: (m) => m.description },
  { name: 'SignerPosition', valueType: 'Text', field: 'Chức vụ của người ký', description: 'Chức vụ của người ký / signer position', value: (m) => m.signerPosition },
  { name: 'SignerName', valueType: 'Text', field: 'Họ và tên người ký', description: 'Họ và tên người ký / signer full name', value: (m) => m.signerName },
  { name: 'Recipients', valueType: 'Seq Recipient', field: 'Nơi nhận (mã định danh, tên)', description: 'Nơi nhận / recipients', value: (m) => m.recipients },
  { name: 'Priority', valueType: 'Text', field: 'Độ khẩn, độ mật', description: 'Độ khẩn, độ mật; rỗng khi không có / urgency or secrecy, empty when none', value: (m) => m.priority },
  { name: 'Copies', valueType: 'Integer', field: 'Số lượng bản phát hành', description: 'Số lượng bản phát hành; không ghi khi chưa biết / copies issued, absent when unknown', value: (m) => m.copies },
  { name: 'DueDate', valueType: 'Date', field: 'Thời hạn trả lời, xử lý', description: 'Thời hạn trả lời, xử lý; không ghi khi không có / due date, absent when none', value: (m) => m.dueDate },
];

/** The fields of the structured type Recipient (namespace ND30_RECIPIENT_NS). */
export const RECIPIENT_FIELDS = [
  { name: 'Id', valueType: 'Text', description: 'Mã định danh của nơi nhận (có thể không có) / recipient identifier (optional)' },
  { name: 'Name', valueType: 'Text', description: 'Tên nơi nhận / recipient name' },
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Characters XML 1.0 cannot carry, and C1 controls. */
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function validDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The metadata in NFC, checked; every problem at once in one PdfAError('invalid_metadata'). */
export function normalizeArchiveMetadata(meta: ArchiveMetadata): ArchiveMetadata {
  const problems: string[] = [];
  const str = (key: string, v: unknown, required: boolean): string => {
    if (typeof v !== 'string') {
      problems.push(`${key}: must be a string`);
      return '';
    }
    const s = v.normalize('NFC');
    if (required && s.trim() === '') problems.push(`${key}: must not be empty`);
    if (BAD_CHARS.test(s)) problems.push(`${key}: contains a control character or an unpaired surrogate`);
    return s;
  };
  const int = (key: string, v: unknown, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push(`${key}: must be an integer from ${min} to ${max}`);
    return typeof v === 'number' ? v : 0;
  };
  const m = meta as Partial<Record<keyof ArchiveMetadata, unknown>>;
  const out: ArchiveMetadata = {
    organId: str('organId', m.organId, false),
    organName: str('organName', m.organName, true),
    year: int('year', m.year, 1000, 9999),
    ordinal: int('ordinal', m.ordinal, 1, Number.MAX_SAFE_INTEGER),
    typeName: str('typeName', m.typeName, true),
    codeNumber: str('codeNumber', m.codeNumber, false),
    codeNotation: str('codeNotation', m.codeNotation, false),
    issuedDate: str('issuedDate', m.issuedDate, true),
    subject: str('subject', m.subject, false),
    language: str('language', m.language, true),
    pageCount: int('pageCount', m.pageCount, 0, Number.MAX_SAFE_INTEGER),
    description: str('description', m.description, false),
    signerPosition: str('signerPosition', m.signerPosition, false),
    signerName: str('signerName', m.signerName, false),
    recipients: [],
    priority: str('priority', m.priority, false),
    copies: m.copies === null ? null : int('copies', m.copies, 0, Number.MAX_SAFE_INTEGER),
    dueDate: m.dueDate === null ? null : str('dueDate', m.dueDate, true),
    title: str('title', m.title, true),
    creator: str('creator', m.creator, true),
  };
  if (out.organId !== '' && [...out.organId].length !== 13) problems.push(`organId: must have 13 characters or be empty (has ${[...out.organId].length})`);
  if (out.issuedDate && !validDate(out.issuedDate)) problems.push('issuedDate: must be a date YYYY-MM-DD');
  if (out.dueDate !== null && out.dueDate && !validDate(out.dueDate)) problems.push('dueDate: must be a date YYYY-MM-DD or null');
  if ([...out.subject].length > 500) problems.push(`subject: at most 500 characters (has ${[...out.subject].length})`);
  if (out.language && !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(out.language)) problems.push('language: must be a language tag such as "vi"');
  if (!Array.isArray(m.recipients)) problems.push('recipients: must be an array');
  else
    out.recipients = (m.recipients as unknown[]).map((r, i) => {
      const o = (r && typeof r === 'object' ? r : {}) as { id?: unknown; name?: unknown };
      const name = str(`recipients[${i}].name`, o.name, true);
      const id = o.id === undefined || o.id === '' ? undefined : str(`recipients[${i}].id`, o.id, false);
      return id === undefined ? { name } : { id, name };
    });
  if (problems.length) throw new PdfAError('invalid_metadata', `Invalid archive metadata: ${problems.join('; ')}`, problems.join('\n'));
  return out;
}

/** Info /Keywords and pdf:Keywords: type, number/notation, agency. */
export function keywordsOf(m: ArchiveMetadata): string {
  const number = m.codeNotation ? `${m.codeNumber}/${m.codeNotation}` : m.codeNumber;
  return [m.typeName, number, m.organName].filter((s) => s.trim() !== '').join('; ');
}
