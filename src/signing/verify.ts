/**
 * The verifier: every signature of a PDF, each valid or not and why (a machine code and a Vietnamese reason).
 * For each signed field:
 *
 *   1. the /ByteRange covers the file from its first byte except exactly the /Contents hex string, and ends
 *      inside the file (a file cut short fails here and at its missing %%EOF);
 *   2. the CMS parses, its message-digest is the digest of the bytes covered, and its signature over the
 *      signed attributes verifies with the signer's certificate;
 *   3. the signer's certificate chains (through the certificates the CMS carries) to a CA of the trust list,
 *      and every certificate of the chain was valid at the signing time (the CMS signing-time attribute, else
 *      the dictionary's /M);
 *   4. no later revision changed the content: the objects a later incremental update redefines (qpdf
 *      --show-xref of the signed revision against the whole file) may only be signature fields, widgets and
 *      dictionaries, their appearances, the AcroForm, the catalog's /AcroForm, /DSS, /Extensions or /Perms,
 *      a page's /Annots gaining signature widgets, the information dictionary and the XMP stream (signing
 *      tools update their dates). Anything else (a page's
 *      content stream, a font, an annotation drawn over the text) invalidates the signatures before it.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { parseCms } from './cms.js';
import { AGENCY_FIELD, SIGNER_FIELD } from './fields.js';
import { nameOf } from './certificates.js';
import { signatureFields } from './pades.js';
import { dictAt, isDict, isoVietnam, pageNumbers, readPdf, refNumber, resolve, textOf, xrefOf, type Json, type JsonObj, type Structure } from './pdf.js';

export type VerifyCode =
  | 'not_a_pdf'
  | 'truncated'
  | 'no_signature'
  | 'bad_byte_range'
  | 'bad_cms'
  | 'digest_mismatch'
  | 'signature_invalid'
  | 'untrusted_certificate'
  | 'certificate_expired'
  | 'content_changed_after_signing';

export const VERIFY_MESSAGES: Record<VerifyCode, string> = {
  not_a_pdf: 'Không phải tệp PDF đọc được',
  truncated: 'Tệp PDF bị cắt cụt: không kết thúc bằng %%EOF, hoặc vùng được ký vượt quá độ dài tệp',
  no_signature: 'Tệp PDF không có chữ ký số nào',
  bad_byte_range: 'Vùng dữ liệu được ký (/ByteRange) không hợp lệ: phải phủ cả bản sửa đổi, trừ đúng chuỗi /Contents',
  bad_cms: 'Chữ ký không phải dữ liệu CMS (PKCS#7) đọc được, hoặc thiếu chứng thư số của người ký',
  digest_mismatch: 'Mã băm của dữ liệu không khớp với chữ ký: tệp đã bị sửa sau khi ký',
  signature_invalid: 'Chữ ký không khớp với khóa công khai trong chứng thư số của người ký',
  untrusted_certificate: 'Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực trong danh sách tin cậy cấp',
  certificate_expired: 'Chứng thư số hết hạn, hoặc chưa có hiệu lực, vào thời điểm ký',
  content_changed_after_signing: 'Một bản sửa đổi sau chữ ký đã thay đổi nội dung văn bản',
};

export type Role = 'nguoi-co-tham-quyen' | 'co-quan' | 'khac';
export const roleOf = (field: string): Role => (field === SIGNER_FIELD ? 'nguoi-co-tham-quyen' : field === AGENCY_FIELD ? 'co-quan' : 'khac');

export type SignatureReport = {
  field: string;
  role: Role;
  valid: boolean;
  code?: VerifyCode;
  reason?: string;
  subject?: string;
  issuer?: string;
  serial?: string;
  /** ISO 8601 in Vietnam's time. */
  signingTime?: string;
  subFilter?: string;
  /** The byte just after the revision this signature signed. */
  revisionEnd: number;
  coversWholeFile: boolean;
};

export type FileReport = { code?: VerifyCode; reason?: string; signatures: SignatureReport[] };

/** Parses a PDF date (D:YYYYMMDDHHmmSS+07'00'). */
function pdfDateOf(s: string | undefined): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?/.exec(s ?? '');
  if (!m) return undefined;
  const tz = !m[7] || /z/i.test(m[7]) ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5) || '00'}`;
  const d = new Date(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The chain from `cert` to a trust anchor through `pool`, or undefined when it reaches none. */
function chainTo(cert: X509Certificate, pool: X509Certificate[], trust: X509Certificate[]): X509Certificate[] | undefined {
  const path = [cert];
  let current = cert;
  for (let depth = 0; depth < 10; depth++) {
    if (trust.some((t) => t.fingerprint256 === current.fingerprint256)) return path;
    const anchor = trust.find((t) => current.checkIssued(t) && current.verify(t.publicKey));
    if (anchor) return [...path, anchor];
    const up = pool.find((c) => c.fingerprint256 !== current.fingerprint256 && current.checkIssued(c) && current.verify(c.publicKey));
    if (!up || path.includes(up)) return undefined;
    path.push(up);
    current = up;
  }
  return undefined;
}

const fail = (r: SignatureReport, code: VerifyCode, detail?: string): SignatureReport => ({ ...r, valid: false, code, reason: detail ? `${VERIFY_MESSAGES[code]} (${detail})` : VERIFY_MESSAGES[code] });

/** Checks 1 to 3 of one signed field. */
function checkSignature(pdf: Buffer, s: Structure, field: { name: string; dict: Record<string, unknown> }, trust: X509Certificate[]): SignatureReport {
  const v = dictAt(s, field.dict['/V'] as Json) ?? {};
  const br = v['/ByteRange'];
  const contents = typeof v['/Contents'] === 'string' && v['/Contents'].startsWith('b:') ? v['/Contents'].slice(2).toLowerCase() : '';
  const base: SignatureReport = { field: field.name, role: roleOf(field.name), valid: false, subFilter: String(v['/SubFilter'] ?? '').replace(/^\//, ''), revisionEnd: 0, coversWholeFile: false };
  if (!Array.isArray(br) || br.length !== 4 || !br.every((x) => Number.isInteger(x) && (x as number) >= 0)) return fail(base, 'bad_byte_range');
  const [a, b, c, d] = br as number[];
  const r = { ...base, revisionEnd: c! + d!, coversWholeFile: c! + d! === pdf.length };
  if (c! + d! > pdf.length) return fail(r, 'truncated');
  if (a !== 0 || b! >= c! || pdf[b!] !== 0x3c || pdf[c! - 1] !== 0x3e || pdf.toString('latin1', b! + 1, c! - 1).toLowerCase() !== contents) return fail(r, 'bad_byte_range');
  const signed = Buffer.concat([pdf.subarray(0, b!), pdf.subarray(c!, c! + d!)]);
  let cms;
  try {
    cms = parseCms(Buffer.from(contents, 'hex'));
  } catch (e) {
    return fail(r, 'bad_cms', (e as Error).message);
  }
  const signer = cms.signer;
  if (!signer) return fail(r, 'bad_cms');
  const time = cms.signingTime ?? pdfDateOf(textOf(v['/M'] as Json)) ?? new Date();
  const who = { ...r, subject: nameOf(signer.subject), issuer: nameOf(signer.issuer), serial: signer.serialNumber, signingTime: isoVietnam(time) };
  if (cms.digestAlgorithm === 'unknown' || !cms.messageDigest) return fail(who, 'bad_cms', 'thiếu thuộc tính message-digest');
  if (!createHash(cms.digestAlgorithm).update(signed).digest().equals(cms.messageDigest)) return fail(who, 'digest_mismatch');
  if (!cms.signatureValid()) return fail(who, 'signature_invalid');
  const chain = chainTo(signer, cms.certificates, trust);
  if (!chain) return fail(who, 'untrusted_certificate', `bên cấp: ${who.issuer}`);
  for (const cert of chain) {
    if (time < new Date(cert.validFrom) || time > new Date(cert.validTo))
      return fail(who, 'certificate_expired', `${nameOf(cert.subject)}: hiệu lực ${isoVietnam(new Date(cert.validFrom))} đến ${isoVietnam(new Date(cert.validTo))}, ký lúc ${who.signingTime}`);
  }
  return { ...who, valid: true };
}

const SIG_KEYS_OF_CATALOG = new Set(['/AcroForm', '/DSS', '/Extensions', '/Perms']);

const same = (x: Json | undefined, y: Json | undefined) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

/**
 * Why the revisions after the one ending at `end` touch the content, or undefined when they do not (see the
 * header). `last`: the whole file's structure, when the caller has read it already.
 */
export async function changesAfter(pdf: Buffer, end: number, last?: Structure): Promise<string | undefined> {
  last ??= await readPdf(pdf);
  const prefix = pdf.subarray(0, end);
  const [before, oldXref, newXref] = await Promise.all([readPdf(prefix), xrefOf(prefix), xrefOf(pdf)]);
  const isSigField = (d: JsonObj | undefined): boolean => !!d && (d['/FT'] === '/Sig' || (d['/Subtype'] === '/Widget' && dictAt(last, d['/Parent'])?.['/FT'] === '/Sig'));
  // A widget's appearance may be redrawn only if it was already one before (not a page's XObject adopted).
  const appearancesOf = (x: Structure) =>
    new Set(
      signatureFields(x).flatMap((f) => {
        const ap = resolve(x, f.dict['/AP'] as Json);
        const n = isDict(ap) ? refNumber(ap['/N']) : undefined;
        return n === undefined ? [] : [n];
      }),
    );
  const [oldAppearances, appearances] = [appearancesOf(before), appearancesOf(last)];
  const pages = new Set(pageNumbers(last));
  if (pageNumbers(before).length !== pages.size) return 'số trang đã đổi';
  const annotArrays = new Map<number, number>();
  for (const p of pages) {
    const n = refNumber(dictAt(last, p)?.['/Annots']);
    if (n !== undefined) annotArrays.set(n, p);
  }
  const onlySigWidgets = (oldList: Json | undefined, newList: Json | undefined) => {
    const was = new Set(Array.isArray(oldList) ? oldList.map(String) : []);
    return (Array.isArray(newList) ? newList : []).every((x) => was.has(String(x)) || isSigField(dictAt(last, x)));
  };
  for (const num of oldXref.keys()) if (!newXref.has(num)) return `đối tượng ${num} bị xóa`;
  for (const [num, where] of newXref) {
    const was = oldXref.get(num);
    if (was === undefined || was === where) continue; // new objects are judged where they are used
    const key = `obj:${num} 0 R`;
    const oldObj = before.objects[key];
    const newObj = last.objects[key];
    const oldD = dictAt(before, num);
    const newD = dictAt(last, num);
    if (isSigField(oldD) || isSigField(newD) || newD?.['/Type'] === '/Sig' || newD?.['/Type'] === '/DocTimeStamp') continue;
    if (appearances.has(num) && oldAppearances.has(num)) continue;
    if (refNumber(last.trailer['/Info']) === num) continue;
    // The XMP: signing tools (iText's among them) update its dates in append mode; the register keeps its own.
    if (refNumber(last.catalog['/Metadata']) === num && refNumber(before.catalog['/Metadata']) === num) continue;
    if (`obj:${num} 0 R` === last.catalogKey) {
      const keys = new Set([...Object.keys(oldD ?? {}), ...Object.keys(newD ?? {})]);
      const changed = [...keys].filter((k) => !SIG_KEYS_OF_CATALOG.has(k) && !same(oldD?.[k], newD?.[k]));
      if (changed.length) return `danh mục tài liệu đổi ${changed.join(', ')}`;
      continue;
    }
    if (refNumber(last.catalog['/AcroForm']) === num) {
      if (!onlySigWidgets(oldD?.['/Fields'], newD?.['/Fields'])) return 'thêm trường biểu mẫu không phải ô chữ ký';
      continue;
    }
    if (pages.has(num)) {
      const keys = new Set([...Object.keys(oldD ?? {}), ...Object.keys(newD ?? {})]);
      const changed = [...keys].filter((k) => k !== '/Annots' && !same(oldD?.[k], newD?.[k]));
      if (changed.length) return `trang (đối tượng ${num}) đổi ${changed.join(', ')}`;
      if (!onlySigWidgets(resolve(before, oldD?.['/Annots']), resolve(last, newD?.['/Annots']))) return `trang (đối tượng ${num}) thêm chú thích không phải ô chữ ký`;
      continue;
    }
    if (annotArrays.has(num)) {
      if (!onlySigWidgets(oldObj?.value, newObj?.value)) return `trang (đối tượng ${annotArrays.get(num)}) thêm chú thích không phải ô chữ ký`;
      continue;
    }
    const kind = String(newD?.['/Type'] ?? newD?.['/Subtype'] ?? (newObj?.stream ? 'stream' : 'đối tượng'));
    return `đối tượng ${num} (${kind}) được viết lại`;
  }
  return undefined;
}

/** Every signature of a PDF, checked against the trust list (see the header). */
export async function verifyPdf(pdf: Buffer, trust: X509Certificate[]): Promise<FileReport> {
  const problem = (code: VerifyCode): FileReport => ({ code, reason: VERIFY_MESSAGES[code], signatures: [] });
  if (!pdf.subarray(0, 1024).includes('%PDF-')) return problem('not_a_pdf');
  if (!/%%EOF\s*$/.test(pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1'))) return problem('truncated');
  let s: Structure;
  try {
    s = await readPdf(pdf);
  } catch {
    return problem('not_a_pdf');
  }
  const signed = signatureFields(s).filter((f) => f.signed);
  if (signed.length === 0) return problem('no_signature');
  const reports = signed.map((f) => checkSignature(pdf, s, f, trust)).sort((x, y) => x.revisionEnd - y.revisionEnd);
  const verdicts = new Map<number, string | undefined>();
  for (const r of reports) {
    if (!r.valid || r.coversWholeFile) continue;
    if (!verdicts.has(r.revisionEnd)) verdicts.set(r.revisionEnd, await changesAfter(pdf, r.revisionEnd, s).catch((e: Error) => `không đọc được bản sửa đổi đã ký: ${e.message}`));
  }
  const out = reports.map((r) => {
    const why = verdicts.get(r.revisionEnd);
    return why ? fail(r, 'content_changed_after_signing', why) : r;
  });
  const firstBad = out.find((r) => !r.valid);
  return { ...(firstBad ? { code: firstBad.code, reason: `${firstBad.field}: ${firstBad.reason}` } : {}), signatures: out };
}
