/**
 * The archival PDF of an outgoing document: a Chromium PDF turned into PDF/A-2b that carries the Decree 30
 * Appendix VI metadata (docs/pdfa.md).
 *
 * 1. Ghostscript's pdfwrite (PDFA=2) rewrites the file: fonts re-embedded, colour in DeviceRGB under an sRGB
 *    OutputIntent, PDF/A identification in its own XMP.
 * 2. qpdf replaces Ghostscript's XMP with ours (dc, xmp, pdf, pdfaid, the nd30 namespace and the PDF/A
 *    extension schema that describes it), rewrites the document information dictionary to agree with it and
 *    puts the catalog's /Lang back.
 * 3. The result is checked before it is returned: the page count is unchanged, the OutputIntent and the
 *    metadata are there, every ToUnicode map gives the same text as the input's (Ghostscript 10.00's new PDF
 *    interpreter garbles Vietnamese there, so the legacy one is used with it) and `qpdf --check` is clean.
 *
 * All the work happens in a private temporary directory (PDFA_TMP_PREFIX + pid) that is removed whatever
 * happens; a tool that runs past the deadline is killed. Directories left by a process that was killed
 * (SIGKILL runs no `finally`) are swept by the next conversions (sweepPdfATempDirs).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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

export type PdfAOptions = {
  /** Ghostscript executable (default "gs"). */
  gsPath?: string;
  /** qpdf executable (default "qpdf"). */
  qpdfPath?: string;
  /** The sRGB ICC profile of the OutputIntent (default DEFAULT_ICC_PROFILE, shipped by Debian's libgs-common). */
  iccPath?: string;
  /** Deadline of the whole conversion; the running tool is killed when it passes (default 60 s). */
  timeoutMs?: number;
  /**
   * Ghostscript's PDF interpreter. 'auto' (default) uses the legacy one on Ghostscript 9.56 to 10.01, where it
   * still exists and the new one (pdfi) garbles ToUnicode ranges, and pdfi from 10.02 on.
   */
  interpreter?: 'auto' | 'legacy' | 'pdfi';
  /** Creation date written into the file (default now). */
  now?: Date;
};

export type PdfAErrorCode =
  | 'invalid_metadata'
  | 'invalid_input'
  | 'icc_profile'
  | 'tool_missing'
  | 'ghostscript_failed'
  | 'qpdf_failed'
  | 'timeout'
  | 'not_pdfa'
  | 'page_count_mismatch'
  | 'text_layer_damaged';

export class PdfAError extends Error {
  constructor(
    readonly code: PdfAErrorCode,
    message: string,
    /** Tool output or the list of problems, for logs. */
    readonly detail = '',
  ) {
    super(message);
    this.name = 'PdfAError';
  }
}

/** The namespace of the Appendix VI properties (prefix ND30_PREFIX). */
export const ND30_NS = 'https://vanban.dev/ns/nd30/1.0/';
export const ND30_PREFIX = 'nd30';
/** The namespace of the fields of the structured type Recipient (prefix ND30_RECIPIENT_PREFIX). */
export const ND30_RECIPIENT_NS = 'https://vanban.dev/ns/nd30/1.0/recipient/';
export const ND30_RECIPIENT_PREFIX = 'nd30r';
/** Prefix of the private temporary directories, under os.tmpdir(); the owner's pid follows. */
export const PDFA_TMP_PREFIX = 'vanban-pdfa-';
export const DEFAULT_ICC_PROFILE = '/usr/share/color/icc/ghostscript/srgb.icc';
const CREATOR_TOOL = 'vanban';

type Nd30Value = string | number | { id?: string; name: string }[] | null;
type Nd30Property = {
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

const RECIPIENT_FIELDS = [
  { name: 'Id', valueType: 'Text', description: 'Mã định danh của nơi nhận (có thể không có) / recipient identifier (optional)' },
  { name: 'Name', valueType: 'Text', description: 'Tên nơi nhận / recipient name' },
] as const;

// ---------------------------------------------------------------------------------------------------------
// Metadata: validation, XMP, document information dictionary

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const XMP_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
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

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Info /Keywords and pdf:Keywords: type, number/notation, agency. */
function keywordsOf(m: ArchiveMetadata): string {
  const number = m.codeNotation ? `${m.codeNumber}/${m.codeNotation}` : m.codeNumber;
  return [m.typeName, number, m.organName].filter((s) => s.trim() !== '').join('; ');
}

function nd30Value(p: Nd30Property, v: Nd30Value, indent: string): string | null {
  if (v === null) return null;
  const tag = `${ND30_PREFIX}:${p.name}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return `${indent}<${tag}><rdf:Seq/></${tag}>`;
    const items = v.map((r) => {
      const id = r.id === undefined ? '' : `<${ND30_RECIPIENT_PREFIX}:Id>${xmlText(r.id)}</${ND30_RECIPIENT_PREFIX}:Id>`;
      return `${indent}  <rdf:li rdf:parseType="Resource">${id}<${ND30_RECIPIENT_PREFIX}:Name>${xmlText(r.name)}</${ND30_RECIPIENT_PREFIX}:Name></rdf:li>`;
    });
    return `${indent}<${tag}><rdf:Seq>\n${items.join('\n')}\n${indent}</rdf:Seq></${tag}>`;
  }
  return `${indent}<${tag}>${xmlText(String(v))}</${tag}>`;
}

function extensionSchema(indent: string): string {
  const i = indent;
  const props = ND30_PROPERTIES.map(
    (p) =>
      `${i}      <rdf:li rdf:parseType="Resource">\n` +
      `${i}       <pdfaProperty:name>${p.name}</pdfaProperty:name>\n` +
      `${i}       <pdfaProperty:valueType>${p.valueType}</pdfaProperty:valueType>\n` +
      `${i}       <pdfaProperty:category>external</pdfaProperty:category>\n` +
      `${i}       <pdfaProperty:description>${xmlText(p.description)}</pdfaProperty:description>\n` +
      `${i}      </rdf:li>`,
  ).join('\n');
  const fields = RECIPIENT_FIELDS.map(
    (f) =>
      `${i}          <rdf:li rdf:parseType="Resource">\n` +
      `${i}           <pdfaField:name>${f.name}</pdfaField:name>\n` +
      `${i}           <pdfaField:valueType>${f.valueType}</pdfaField:valueType>\n` +
      `${i}           <pdfaField:description>${xmlText(f.description)}</pdfaField:description>\n` +
      `${i}          </rdf:li>`,
  ).join('\n');
  return [
    `${i}<pdfaExtension:schemas>`,
    `${i} <rdf:Bag>`,
    `${i}  <rdf:li rdf:parseType="Resource">`,
    `${i}   <pdfaSchema:schema>Siêu dữ liệu văn bản đi, Phụ lục VI Nghị định 30/2020/NĐ-CP / outgoing document metadata, Decree 30/2020 Appendix VI</pdfaSchema:schema>`,
    `${i}   <pdfaSchema:namespaceURI>${ND30_NS}</pdfaSchema:namespaceURI>`,
    `${i}   <pdfaSchema:prefix>${ND30_PREFIX}</pdfaSchema:prefix>`,
    `${i}   <pdfaSchema:property>`,
    `${i}    <rdf:Seq>`,
    props,
    `${i}    </rdf:Seq>`,
    `${i}   </pdfaSchema:property>`,
    `${i}   <pdfaSchema:valueType>`,
    `${i}    <rdf:Seq>`,
    `${i}     <rdf:li rdf:parseType="Resource">`,
    `${i}      <pdfaType:type>Recipient</pdfaType:type>`,
    `${i}      <pdfaType:namespaceURI>${ND30_RECIPIENT_NS}</pdfaType:namespaceURI>`,
    `${i}      <pdfaType:prefix>${ND30_RECIPIENT_PREFIX}</pdfaType:prefix>`,
    `${i}      <pdfaType:description>Nơi nhận văn bản / a recipient of the document</pdfaType:description>`,
    `${i}      <pdfaType:field>`,
    `${i}       <rdf:Seq>`,
    fields,
    `${i}       </rdf:Seq>`,
    `${i}      </pdfaType:field>`,
    `${i}     </rdf:li>`,
    `${i}    </rdf:Seq>`,
    `${i}   </pdfaSchema:valueType>`,
    `${i}  </rdf:li>`,
    `${i} </rdf:Bag>`,
    `${i}</pdfaExtension:schemas>`,
  ].join('\n');
}

/**
 * The XMP packet of the archival file (UTF-8). `createDate` is an XMP date with its offset
 * ("2026-01-24T09:30:00+07:00"); it is also the modify and metadata date.
 */
export function xmpPacket(
  meta: ArchiveMetadata,
  opts: { createDate: string; producer: string; creatorTool?: string; documentId?: string; instanceId?: string },
): string {
  const m = normalizeArchiveMetadata(meta);
  if (!XMP_DATE.test(opts.createDate)) throw new PdfAError('invalid_metadata', `createDate must be an ISO date-time with an offset, got "${opts.createDate}"`);
  const t = (s: string) => xmlText(s.normalize('NFC'));
  const date = opts.createDate;
  const mm =
    opts.documentId || opts.instanceId
      ? [
          '  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
          opts.documentId ? `   <xmpMM:DocumentID>${t(opts.documentId)}</xmpMM:DocumentID>` : '',
          opts.instanceId ? `   <xmpMM:InstanceID>${t(opts.instanceId)}</xmpMM:InstanceID>` : '',
          '  </rdf:Description>',
        ].filter(Boolean)
      : [];
  const nd30 = ND30_PROPERTIES.map((p) => nd30Value(p, p.value(m), '   ')).filter((l): l is string => l !== null);
  const body = [
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '   <pdfaid:part>2</pdfaid:part>',
    '   <pdfaid:conformance>B</pdfaid:conformance>',
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${t(m.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${t(m.creator)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${t(m.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `   <dc:language><rdf:Bag><rdf:li>${t(m.language)}</rdf:li></rdf:Bag></dc:language>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `   <xmp:CreatorTool>${t(opts.creatorTool ?? CREATOR_TOOL)}</xmp:CreatorTool>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `   <pdf:Producer>${t(opts.producer)}</pdf:Producer>`,
    `   <pdf:Keywords>${t(keywordsOf(m))}</pdf:Keywords>`,
    '  </rdf:Description>',
    ...mm,
    '  <rdf:Description rdf:about=""',
    '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
    '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
    '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"',
    '    xmlns:pdfaType="http://www.aiim.org/pdfa/ns/type#"',
    '    xmlns:pdfaField="http://www.aiim.org/pdfa/ns/field#">',
    extensionSchema('   '),
    '  </rdf:Description>',
    `  <rdf:Description rdf:about="" xmlns:${ND30_PREFIX}="${ND30_NS}" xmlns:${ND30_RECIPIENT_PREFIX}="${ND30_RECIPIENT_NS}">`,
    ...nd30,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
  ].join('\n');
  // A writable packet: room for in-place edits by archive tools, as XMP recommends.
  const padding = (' '.repeat(99) + '\n').repeat(20);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${body}\n${padding}<?xpacket end="w"?>`;
}

/** `d` in the offset `offsetMin`, as an XMP date and as a PDF date, the same instant. */
function dates(d: Date, offsetMin = -d.getTimezoneOffset()): { xmp: string; pdf: string } {
  const local = new Date(d.getTime() + offsetMin * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const [Y, M, D, h, mi, s] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
  const sign = offsetMin < 0 ? '-' : '+';
  const oh = p(Math.floor(Math.abs(offsetMin) / 60));
  const om = p(Math.abs(offsetMin) % 60);
  return {
    xmp: `${p(Y, 4)}-${p(M)}-${p(D)}T${p(h)}:${p(mi)}:${p(s)}${sign}${oh}:${om}`,
    pdf: `D:${p(Y, 4)}${p(M)}${p(D)}${p(h)}${p(mi)}${p(s)}${sign}${oh}'${om}'`,
  };
}

/** A PDF text string as UTF-16BE with a byte order mark, in qpdf JSON ("b:FEFF..."). */
function utf16(s: string): string {
  const b = Buffer.from(s.normalize('NFC'), 'utf16le');
  b.swap16();
  return `b:FEFF${b.toString('hex').toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------------------
// Running the tools

type RunResult = { code: number; stdout: Buffer; stderr: string };

function run(cmd: string, args: string[], opts: { cwd: string; deadline: number; what: string; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const remaining = opts.deadline - Date.now();
    if (remaining <= 0) {
      reject(new PdfAError('timeout', `PDF/A conversion did not finish within ${opts.timeoutMs} ms (before ${opts.what})`));
      return;
    }
    let settled = false;
    let timedOut = false;
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, remaining);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 64 * 1024) err += c.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(
        e.code === 'ENOENT'
          ? new PdfAError('tool_missing', `${opts.what} not found ("${cmd}"); install it or pass its path`)
          : new PdfAError(opts.what === 'qpdf' ? 'qpdf_failed' : 'ghostscript_failed', `${opts.what} could not start: ${e.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (timedOut) reject(new PdfAError('timeout', `PDF/A conversion did not finish within ${opts.timeoutMs} ms: ${opts.what} was killed`));
      else resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

const versions = new Map<string, Promise<string>>();

/** `tool --version`, first line, once per executable path. */
function versionOf(cmd: string, what: string, timeoutMs: number): Promise<string> {
  const key = `${what}\0${cmd}`;
  let v = versions.get(key);
  if (!v) {
    v = run(cmd, ['--version'], { cwd: os.tmpdir(), deadline: Date.now() + Math.min(timeoutMs, 10_000), what, timeoutMs }).then((r) => {
      if (r.code !== 0) throw new PdfAError('tool_missing', `${what} --version failed (${cmd}): ${r.stderr.trim()}`);
      const line = r.stdout.toString('utf8').split('\n')[0]?.trim() ?? '';
      const m = /(\d+\.\d+(?:\.\d+)?)/.exec(line);
      if (!m?.[1]) throw new PdfAError('tool_missing', `unexpected ${what} --version output: ${line}`);
      return m[1];
    });
    versions.set(key, v);
    v.catch(() => versions.delete(key));
  }
  return v;
}

function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = v.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** A PostScript string literal: ASCII printable as is, everything else as octal escapes. */
function psString(s: string): string {
  let out = '(';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x20 || byte > 0x7e || c === '(' || c === ')' || c === '\\' ? `\\${byte.toString(8).padStart(3, '0')}` : c;
  }
  return `${out})`;
}

/** The ICC profile checked (an RGB ICC profile), with its description for the OutputIntent. */
async function readIcc(file: string): Promise<{ bytes: Buffer; description: string }> {
  let b: Buffer;
  try {
    b = await readFile(file);
  } catch (e) {
    throw new PdfAError('icc_profile', `sRGB ICC profile not readable at ${file} (${(e as Error).message}); Debian ships it in libgs-common (/usr/share/color/icc/ghostscript/srgb.icc), or pass iccPath`);
  }
  if (b.length < 132 || b.toString('latin1', 36, 40) !== 'acsp') throw new PdfAError('icc_profile', `${file} is not an ICC profile`);
  if (b.toString('latin1', 16, 20) !== 'RGB ') throw new PdfAError('icc_profile', `${file} is not an RGB ICC profile (colour space "${b.toString('latin1', 16, 20).trim()}")`);
  let description = 'sRGB';
  const n = b.readUInt32BE(128);
  for (let i = 0; i < n && 144 + 12 * i <= b.length; i++) {
    const at = 132 + 12 * i;
    if (b.toString('latin1', at, at + 4) !== 'desc') continue;
    const off = b.readUInt32BE(at + 4);
    if (off + 12 <= b.length && b.toString('latin1', off, off + 4) === 'desc') {
      const len = b.readUInt32BE(off + 8);
      const d = b.toString('latin1', off + 12, Math.min(b.length, off + 12 + len)).replace(/\0.*$/s, '').trim();
      if (/^[\x20-\x7e]+$/.test(d)) description = d;
    }
  }
  return { bytes: b, description };
}

/** The PDFA definition file (after Ghostscript's lib/PDFA_def.ps): the sRGB OutputIntent. */
function pdfaDef(iccPath: string, description: string): string {
  return [
    '%!',
    '% vanban: PDF/A-2b OutputIntent (after Ghostscript lib/PDFA_def.ps)',
    `/ICCProfile ${psString(iccPath)} def`,
    '[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark',
    '[{icc_PDFA} << /N 3 >> /PUT pdfmark',
    '[{icc_PDFA} ICCProfile (r) file /PUT pdfmark',
    '[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark',
    '[{OutputIntent_PDFA} <<',
    '  /Type /OutputIntent',
    '  /S /GTS_PDFA1',
    '  /DestOutputProfile {icc_PDFA}',
    '  /OutputConditionIdentifier (sRGB)',
    `  /Info ${psString(description)}`,
    '>> /PUT pdfmark',
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFA} ] >> /PUT pdfmark',
    '',
  ].join('\n');
}

/** The Ghostscript arguments (after the executable) of one conversion; docs/pdfa.md shows them. */
export function ghostscriptArgs(p: { iccPath: string; defFile: string; input: string; output: string; legacyInterpreter: boolean }): string[] {
  return [
    '-q',
    '-dPDFA=2',
    '-dPDFACompatibilityPolicy=1',
    '-sColorConversionStrategy=RGB',
    '-sDEVICE=pdfwrite',
    '-dNOPAUSE',
    '-dBATCH',
    '-dSAFER',
    ...(p.legacyInterpreter ? ['-dNEWPDF=false'] : []),
    '-dAutoRotatePages=/None',
    // Lossless images: no JPEG re-encoding of a seal or a signature, no downsampling.
    '-dAutoFilterColorImages=false',
    '-dColorImageFilter=/FlateEncode',
    '-dAutoFilterGrayImages=false',
    '-dGrayImageFilter=/FlateEncode',
    '-dDownsampleColorImages=false',
    '-dDownsampleGrayImages=false',
    '-dDownsampleMonoImages=false',
    `--permit-file-read=${p.iccPath}`,
    `-sOutputFile=${p.output}`,
    p.defFile,
    p.input,
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Reading PDF structure through qpdf JSON

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };
type PdfObjects = Record<string, { value?: Json; stream?: { dict?: JsonObj; data?: string } }>;

const isObj = (v: Json | undefined): v is JsonObj => typeof v === 'object' && v !== null && !Array.isArray(v);
const refKey = (ref: Json | undefined) => (typeof ref === 'string' && /^\d+ \d+ R$/.test(ref) ? `obj:${ref}` : null);

/** The objects of qpdf --json v2 output (qpdf 11: {"qpdf": [header, objects]}; later: {"qpdf-v2": {objects}}). */
function objectsOf(json: Json): { objects: PdfObjects; maxObjectId: number } {
  if (isObj(json)) {
    const q = json.qpdf;
    if (Array.isArray(q) && isObj(q[0]) && isObj(q[1])) return { objects: q[1] as unknown as PdfObjects, maxObjectId: Number(q[0].maxobjectid) || 0 };
    const v2 = json['qpdf-v2'];
    if (isObj(v2) && isObj(v2.objects)) return { objects: v2.objects as unknown as PdfObjects, maxObjectId: Number(v2.maxobjectid) || 0 };
  }
  throw new PdfAError('qpdf_failed', 'unexpected qpdf JSON layout');
}

type Structure = {
  objects: PdfObjects;
  maxObjectId: number;
  trailer: JsonObj;
  catalogKey: string;
  catalog: JsonObj;
  pages: number;
  /** Object key of each font's ToUnicode stream, with the font name without its subset tag. */
  toUnicode: { font: string; key: string }[];
};

function dictOf(o: PdfObjects[string] | undefined): JsonObj | null {
  if (!o) return null;
  if (isObj(o.value)) return o.value;
  if (o.stream && isObj(o.stream.dict)) return o.stream.dict;
  return null;
}

async function structure(qpdf: string, file: string, ctx: { cwd: string; deadline: number; timeoutMs: number }, what: string, allowWarnings: boolean): Promise<Structure> {
  const r = await run(qpdf, ['--json=2', '--json-key=qpdf', '--json-stream-data=none', file], { ...ctx, what: 'qpdf', timeoutMs: ctx.timeoutMs });
  if (!(r.code === 0 || (allowWarnings && r.code === 3)))
    throw new PdfAError(what === 'input' ? 'invalid_input' : 'qpdf_failed', `${what === 'input' ? 'Input is not a readable PDF' : `qpdf cannot read the ${what}`}: ${lastLines(r.stderr)}`, r.stderr);
  let json: Json;
  try {
    json = JSON.parse(r.stdout.toString('utf8')) as Json;
  } catch {
    throw new PdfAError('qpdf_failed', `qpdf printed no JSON for the ${what}`);
  }
  const { objects, maxObjectId } = objectsOf(json);
  const trailer = dictOf(objects.trailer);
  const catalogKey = refKey(trailer?.['/Root']);
  const catalog = catalogKey ? dictOf(objects[catalogKey]) : null;
  if (!trailer || !catalogKey || !catalog) throw new PdfAError(what === 'input' ? 'invalid_input' : 'qpdf_failed', `The ${what} has no document catalog`);
  const pagesKey = refKey(catalog['/Pages']);
  const count = pagesKey ? dictOf(objects[pagesKey])?.['/Count'] : undefined;
  if (typeof count !== 'number' || count < 1) throw new PdfAError(what === 'input' ? 'invalid_input' : 'qpdf_failed', `The ${what} has no pages`);
  const toUnicode: Structure['toUnicode'] = [];
  for (const o of Object.values(objects)) {
    const d = dictOf(o);
    if (!d || d['/Type'] !== '/Font') continue;
    const key = refKey(d['/ToUnicode']);
    if (key) toUnicode.push({ font: String(d['/BaseFont'] ?? '').replace(/^\/([A-Z]{6}\+)?/, ''), key });
  }
  return { objects, maxObjectId, trailer, catalogKey, catalog, pages: count, toUnicode };
}

function lastLines(s: string, n = 5): string {
  return s.trim().split('\n').slice(-n).join(' | ') || '(no message)';
}

/** code -> Unicode text of a ToUnicode CMap (bfchar and bfrange, both forms). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => h.replace(/\s+/g, '');
  const text = (h: string) => {
    const b = Buffer.from(hex(h).length % 2 ? `${hex(h)}0` : hex(h), 'hex');
    if (b.length % 2) return b.toString('latin1');
    const le = Buffer.from(b);
    le.swap16();
    return le.toString('utf16le');
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const e of (block[1] ?? '').matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]*)>/g)) map.set(parseInt(hex(e[1] ?? ''), 16), text(e[2] ?? ''));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const e of (block[1] ?? '').matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]+)>\s*(?:<([0-9A-Fa-f\s]*)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(hex(e[1] ?? ''), 16);
      const hi = parseInt(hex(e[2] ?? ''), 16);
      if (!(hi >= lo) || hi - lo > 0xffff) continue;
      if (e[3] !== undefined) {
        const units = Buffer.from(hex(e[3]), 'hex');
        for (let c = lo; c <= hi; c++) {
          const b = Buffer.from(units);
          if (b.length >= 2) b.writeUInt16BE((b.readUInt16BE(b.length - 2) + (c - lo)) & 0xffff, b.length - 2);
          map.set(c, text(b.toString('hex')));
        }
      } else {
        const dsts = [...(e[4] ?? '').matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((x) => text(x[1] ?? ''));
        dsts.forEach((t, k) => {
          if (lo + k <= hi) map.set(lo + k, t);
        });
      }
    }
  return map;
}

/** The decoded data of some streams of a file, by object key ("obj:12 0 R"). */
async function streamData(qpdf: string, file: string, keys: string[], ctx: { cwd: string; deadline: number; timeoutMs: number }): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return out;
  const args = ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', ...wanted.map((k) => `--json-object=${k.slice(4, -2).replace(' ', ',')}`), file];
  const r = await run(qpdf, args, { ...ctx, what: 'qpdf', timeoutMs: ctx.timeoutMs });
  if (r.code !== 0 && r.code !== 3) throw new PdfAError('qpdf_failed', `qpdf cannot read streams of ${path.basename(file)}: ${lastLines(r.stderr)}`, r.stderr);
  const { objects } = objectsOf(JSON.parse(r.stdout.toString('utf8')) as Json);
  for (const k of wanted) {
    const data = objects[k]?.stream?.data;
    if (typeof data === 'string') out.set(k, Buffer.from(data, 'base64'));
  }
  return out;
}

/** font name -> (code -> text) from the ToUnicode streams of a file; a code two same-named fonts disagree on is null. */
function unicodeMaps(s: Structure, data: Map<string, Buffer>): Map<string, Map<number, string | null>> {
  const out = new Map<string, Map<number, string | null>>();
  for (const { font, key } of s.toUnicode) {
    const d = data.get(key);
    if (!d) continue;
    const m = out.get(font) ?? new Map<number, string | null>();
    for (const [code, t] of parseToUnicode(d.toString('latin1'))) {
      const had = m.get(code);
      m.set(code, had === undefined || had === t ? t : null);
    }
    out.set(font, m);
  }
  return out;
}

/** Problems of the output's text layer against the input's: fonts that lost their map, codes that changed. */
function textLayerProblems(input: Map<string, Map<number, string | null>>, output: Map<string, Map<number, string | null>>): string[] {
  const problems: string[] = [];
  for (const [font, inMap] of input) {
    const outMap = output.get(font);
    if (!outMap) {
      problems.push(`${font}: no ToUnicode map in the output`);
      continue;
    }
    let bad = 0;
    const examples: string[] = [];
    for (const [code, t] of outMap) {
      const want = inMap.get(code);
      if (want === null || t === null) continue;
      if (want !== t) {
        bad++;
        if (examples.length < 3) examples.push(`<${code.toString(16).padStart(4, '0')}> ${want === undefined ? '(absent)' : JSON.stringify(want)} became ${JSON.stringify(t)}`);
      }
    }
    if (bad) problems.push(`${font}: ${bad} code(s) map to other text (${examples.join(', ')})`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Temporary directories of killed processes

/** A directory this young is never swept: its owner may be between mkdtemp and its first file. */
const SWEEP_MIN_AGE_MS = 60_000;
/** A directory this old is swept even if a process with its pid exists (the pid was reused). */
const SWEEP_MAX_AGE_MS = 24 * 3600_000;
let lastSweep = 0;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the conversion directories under `tmp` whose owner process is gone (or that are a day old), and
 * returns their names. toPdfA calls it at most once a minute; a SIGKILLed service leaves its directory behind.
 */
export async function sweepPdfATempDirs(tmp = os.tmpdir(), now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(tmp);
  } catch {
    return [];
  }
  const swept: string[] = [];
  const uid = process.getuid?.();
  await Promise.all(
    names
      .filter((n) => n.startsWith(PDFA_TMP_PREFIX))
      .map(async (n) => {
        const full = path.join(tmp, n);
        try {
          const st = await lstat(full);
          if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) return;
          const age = now - st.mtimeMs;
          if (age < SWEEP_MIN_AGE_MS) return;
          const pid = /^(\d+)-/.exec(n.slice(PDFA_TMP_PREFIX.length))?.[1];
          if (pid !== undefined && Number(pid) === process.pid) return; // ours: removed by its own finally
          const ownerGone = pid !== undefined && !pidAlive(Number(pid));
          if (!ownerGone && age < SWEEP_MAX_AGE_MS) return;
          await rm(full, { recursive: true, force: true });
          swept.push(n);
        } catch {
          // Gone already, or not ours to remove.
        }
      }),
  );
  return swept;
}

// ---------------------------------------------------------------------------------------------------------
// The conversion

/**
 * A Chromium PDF as PDF/A-2b carrying `meta` (Appendix VI) in its XMP. Rejects with a PdfAError whose `code`
 * says what went wrong; leaves nothing behind in the temporary directory.
 */
export async function toPdfA(pdf: Buffer, meta: ArchiveMetadata, opts: PdfAOptions = {}): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const gs = opts.gsPath ?? 'gs';
  const qpdf = opts.qpdfPath ?? 'qpdf';
  const iccPath = path.resolve(opts.iccPath ?? DEFAULT_ICC_PROFILE);
  const m = normalizeArchiveMetadata(meta);
  if (!Buffer.isBuffer(pdf) || pdf.length === 0 || !pdf.subarray(0, 1024).includes('%PDF-'))
    throw new PdfAError('invalid_input', 'Input is not a PDF (no "%PDF-" header in its first 1024 bytes)');
  const icc = await readIcc(iccPath);
  const [gsVersion, qpdfVersion] = await Promise.all([versionOf(gs, 'Ghostscript', timeoutMs), versionOf(qpdf, 'qpdf', timeoutMs)]);
  const interpreter = opts.interpreter ?? 'auto';
  const legacyInterpreter = interpreter === 'legacy' || (interpreter === 'auto' && versionAtLeast(gsVersion, 9, 56) && !versionAtLeast(gsVersion, 10, 2));

  if (Date.now() - lastSweep > SWEEP_MIN_AGE_MS) {
    lastSweep = Date.now();
    await sweepPdfATempDirs();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `${PDFA_TMP_PREFIX}${process.pid}-`));
  try {
    const ctx = { cwd: dir, deadline, timeoutMs };
    const input = path.join(dir, 'input.pdf');
    const converted = path.join(dir, 'converted.pdf');
    const defFile = path.join(dir, 'pdfa-def.ps');
    const updateFile = path.join(dir, 'update.json');
    const output = path.join(dir, 'archive.pdf');
    // The profile checked above, copied in: Ghostscript reads exactly it, and no path needs quoting.
    const iccCopy = path.join(dir, 'output-intent.icc');
    await Promise.all([writeFile(input, pdf), writeFile(iccCopy, icc.bytes), writeFile(defFile, pdfaDef(iccCopy, icc.description))]);

    const src = await structure(qpdf, input, ctx, 'input', true);
    if (m.pageCount !== 0 && m.pageCount !== src.pages)
      throw new PdfAError('page_count_mismatch', `meta.pageCount is ${m.pageCount} but the PDF has ${src.pages} pages`);
    const srcMaps = unicodeMaps(src, await streamData(qpdf, input, src.toUnicode.map((t) => t.key), ctx));

    const r = await run(gs, ghostscriptArgs({ iccPath: iccCopy, defFile, input, output: converted, legacyInterpreter }), { ...ctx, what: 'Ghostscript', timeoutMs });
    const gsLog = `${r.stdout.toString('utf8')}${r.stderr}`;
    if (r.code !== 0) throw new PdfAError('ghostscript_failed', `Ghostscript failed (exit ${r.code}): ${lastLines(gsLog)}`, gsLog);

    const out = await structure(qpdf, converted, ctx, 'Ghostscript output', false);
    if (out.pages !== src.pages) throw new PdfAError('page_count_mismatch', `Ghostscript wrote ${out.pages} pages for ${src.pages}`, gsLog);
    const gsMetadataKey = refKey(out.catalog['/Metadata']);
    const outData = await streamData(qpdf, converted, [...out.toUnicode.map((t) => t.key), ...(gsMetadataKey ? [gsMetadataKey] : [])], ctx);
    // Ghostscript writes pdfaid only when it kept to PDF/A; a file it reverted to plain PDF has none.
    const gsXmp = gsMetadataKey ? (outData.get(gsMetadataKey)?.toString('utf8') ?? '') : '';
    if (!gsMetadataKey || !Array.isArray(out.catalog['/OutputIntents']) || !/pdfaid:part\s*=\s*['"]2['"]|<pdfaid:part>2</.test(gsXmp))
      throw new PdfAError('not_pdfa', `Ghostscript did not write a PDF/A-2 file (no OutputIntent or no PDF/A identification): ${lastLines(gsLog)}`, gsLog);
    const problems = textLayerProblems(srcMaps, unicodeMaps(out, outData));
    if (problems.length)
      throw new PdfAError(
        'text_layer_damaged',
        `Ghostscript ${gsVersion} changed the text layer of ${problems.length} font(s); use interpreter 'legacy' or Ghostscript 10.02 or later: ${problems.join('; ')}`,
        problems.join('\n'),
      );

    // Our metadata in place of Ghostscript's, and an information dictionary that agrees with it.
    const when = dates(opts.now ?? new Date());
    const producer = `vanban (GPL Ghostscript ${gsVersion}, qpdf ${qpdfVersion})`;
    const final: ArchiveMetadata = { ...m, pageCount: src.pages };
    const xmp = xmpPacket(final, { createDate: when.xmp, producer, creatorTool: CREATOR_TOOL, documentId: `uuid:${randomUUID()}`, instanceId: `uuid:${randomUUID()}` });
    let next = out.maxObjectId + 1;
    const metadataKey = gsMetadataKey;
    const infoKey = refKey(out.trailer['/Info']) ?? `obj:${next++} 0 R`;
    const catalog: JsonObj = { ...out.catalog, '/Metadata': metadataKey.slice(4), '/Lang': `u:${m.language}`, '/ViewerPreferences': { '/DisplayDocTitle': true } };
    const info: JsonObj = {
      '/Title': utf16(m.title),
      '/Author': utf16(m.creator),
      '/Subject': utf16(m.subject),
      '/Keywords': utf16(keywordsOf(m)),
      '/Creator': utf16(CREATOR_TOOL),
      '/Producer': utf16(producer),
      '/CreationDate': `u:${when.pdf}`,
      '/ModDate': `u:${when.pdf}`,
    };
    const objects: Record<string, Json> = {
      [out.catalogKey]: { value: catalog },
      [infoKey]: { value: info },
      [metadataKey]: { stream: { dict: { '/Type': '/Metadata', '/Subtype': '/XML' }, data: Buffer.from(xmp, 'utf8').toString('base64') } },
    };
    if (!refKey(out.trailer['/Info'])) objects.trailer = { value: { ...out.trailer, '/Info': infoKey.slice(4) } };
    const update = { qpdf: [{ jsonversion: 2, pushedinheritedpageresources: false, calledgetallpages: false, maxobjectid: next - 1 }, objects] };
    await writeFile(updateFile, JSON.stringify(update));
    const u = await run(qpdf, [converted, `--update-from-json=${updateFile}`, output], { ...ctx, what: 'qpdf', timeoutMs });
    if (u.code !== 0) throw new PdfAError('qpdf_failed', `qpdf could not write the metadata (exit ${u.code}): ${lastLines(u.stderr)}`, u.stderr);
    const check = await run(qpdf, ['--check', output], { ...ctx, what: 'qpdf', timeoutMs });
    if (check.code !== 0) throw new PdfAError('qpdf_failed', `qpdf --check found problems in the archival file: ${lastLines(check.stdout.toString('utf8') + check.stderr)}`);
    return await readFile(output);
  } catch (e) {
    // Tool messages name files by their temporary path; the directory is gone by the time anyone reads them.
    if (e instanceof PdfAError) e.message = e.message.split(`${dir}${path.sep}`).join('');
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
