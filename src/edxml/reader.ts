/**
 * Reads an incoming edXML package (POST /v1/edxml/inspect): the header fields, the business kind, the
 * attachments with their SHA-256, the signature valid or not, and every problem named with its path.
 *
 * Hostile input is refused before any parser sees it: a package is plain XML without a document type
 * declaration, so text holding <!DOCTYPE or <!ENTITY is refused whole (a billion-laughs bomb, an external
 * entity), never parsed and so never expanded. Without a DTD only the five predefined entities and character
 * references exist, which cannot grow the text. The parser (@xmldom/xmldom, the one xml-crypto works on)
 * never fetches anything; its errors refuse the package as not XML.
 *
 * Elements are found by namespace and local name, so an unprefixed element of the edXML namespace is read; it is
 * named as a warning, because one official validator refuses children of the envelope without "edXML:". Dates
 * are taken as yyyy/MM/dd or dd/MM/yyyy (the samples write both) and given back as written.
 */
import { createHash } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { businessKindOf, EDXML_NS, type Attachment, type Business, type EdxmlPackage, type MessageHeader, type Organ, type Trace } from './model.js';
import { organIdProblem } from './organ-id.js';
import { checkSignature, sha256Base64, type SignatureCheck } from './signature.js';

export type Severity = 'error' | 'warning';
export type EdxmlProblem = { path: string; code: string; message: string; severity: Severity };

/** A package refused whole: not read at all (hostile or not XML). */
export class EdxmlRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type AttachmentReport = Omit<Attachment, 'bytes'> & {
  bytes: Buffer;
  size: number;
  sha256: string;
  /** The SHA-256 (base64) the signature's manifest declares for it, if any. */
  declaredSha256?: string;
};

export type Inspection = {
  valid: boolean;
  package: Omit<EdxmlPackage, 'attachments'> & { attachments: AttachmentReport[] };
  signature: Omit<SignatureCheck, 'declaredDigests'>;
  problems: EdxmlProblem[];
};

/** What the inspection answers over HTTP: the package as read, attachments without their bytes. */
export type InspectionSummary = Omit<EdxmlPackage, 'attachments'> & {
  valid: boolean;
  attachments: Omit<AttachmentReport, 'bytes'>[];
  signature: Inspection['signature'];
  problems: EdxmlProblem[];
};

export const summaryOf = (r: Inspection): InspectionSummary => ({
  valid: r.valid,
  header: r.package.header,
  traces: r.package.traces,
  business: r.package.business,
  attachments: r.package.attachments.map(({ bytes: _bytes, ...a }) => a),
  signature: r.signature,
  problems: r.problems,
});

const ENVELOPE = '/edXML/edXMLEnvelope';
const HEADER = `${ENVELOPE}/edXMLHeader`;
const MESSAGE = `${HEADER}/MessageHeader`;
const TRACE = `${HEADER}/TraceHeaderList`;

const DATE_YMD = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const DATE_DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isElement = (n: Node): n is Element => n.nodeType === 1;
const kids = (e: Element | undefined, name: string): Element[] =>
  e ? Array.from(e.childNodes).filter((n): n is Element => isElement(n) && n.namespaceURI === EDXML_NS && n.localName === name) : [];
const kid = (e: Element | undefined, name: string): Element | undefined => kids(e, name)[0];
const textOf = (e: Element | undefined) => (e?.textContent ?? '').trim().normalize('NFC');

/** Deepest nesting accepted: the format needs 6 levels; far deeper text is refused before the signature walks it. */
const MAX_DEPTH = 64;

function depthOf(root: Element): number {
  let max = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (const c of Array.from(e.childNodes)) if (isElement(c)) stack.push([c, d + 1]);
  }
  return max;
}

/** The package as text, or EdxmlRefused when it is not UTF-8 or declares a DTD or entities: nothing parsed yet. */
export function screenPackage(bytes: Buffer): string {
  let xml = bytes.toString('utf8');
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  if (xml.includes('\ufffd') && !bytes.includes(Buffer.from('\ufffd'))) throw new EdxmlRefused('edxml_not_utf8', 'Gói tin không phải văn bản UTF-8');
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new EdxmlRefused('edxml_dtd_forbidden', 'Gói tin có khai báo DOCTYPE/ENTITY: gói edXML không dùng DTD; bị từ chối mà không phân tích (chống bom XML và thực thể ngoài)');
  return xml;
}

/** Parses the package text, or throws EdxmlRefused (DTD, entities, not XML, not edXML, too deep). */
export function parsePackage(bytes: Buffer): { xml: string; root: Element } {
  const xml = screenPackage(bytes);
  const errors: string[] = [];
  const doc = new DOMParser({
    // xmldom reports some well-formedness faults (an unclosed element) as warnings: every report refuses.
    errorHandler: (_level: string, msg: string) => {
      errors.push(msg.replace(/^\[xmldom \w+\]\s*/, ''));
    },
  }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (errors.length || !root) throw new EdxmlRefused('edxml_not_xml', `Gói tin không phải XML hợp lệ: ${(errors[0] ?? 'không có phần tử gốc').split('\n')[0]}`);
  if (depthOf(root) > MAX_DEPTH) throw new EdxmlRefused('edxml_too_deep', `Gói tin lồng nhau quá ${MAX_DEPTH} cấp`);
  if (root.namespaceURI !== EDXML_NS || root.localName !== 'edXML')
    throw new EdxmlRefused('edxml_root', `Phần tử gốc phải là edXML trong không gian tên ${EDXML_NS}, không phải "${root.localName}" (${root.namespaceURI ?? 'không có không gian tên'})`);
  return { xml, root };
}

export function inspectEdxml(bytes: Buffer): Inspection {
  const { xml, root } = parsePackage(bytes);
  const problems: EdxmlProblem[] = [];
  const problem = (path: string, code: string, message: string, severity: Severity = 'error') => problems.push({ path, code, message, severity });

  // Unprefixed children of the envelope: read, and named.
  const envelope = kid(root, 'edXMLEnvelope');
  if (!envelope) problem(ENVELOPE, 'edxml_missing_field', 'Thiếu edXMLEnvelope');
  else {
    const unprefixed = Array.from(envelope.getElementsByTagNameNS(EDXML_NS, '*')).filter((e) => !e.prefix);
    if (!envelope.prefix || unprefixed.length)
      problem(ENVELOPE, 'edxml_unprefixed', `${unprefixed.length + (envelope.prefix ? 0 : 1)} phần tử của phong bì không có tiền tố "edXML:" (một bộ kiểm tra chính thức từ chối)`, 'warning');
  }
  const headerEl = kid(envelope, 'edXMLHeader');
  const messageEl = kid(headerEl, 'MessageHeader');
  if (envelope && !headerEl) problem(HEADER, 'edxml_missing_field', 'Thiếu edXMLHeader');
  if (headerEl && !messageEl) problem(MESSAGE, 'edxml_missing_field', 'Thiếu MessageHeader');

  /** A required text field: its value, or a problem when the element is absent or empty. */
  const required = (parent: Element | undefined, parentPath: string, name: string, label: string): string => {
    if (!parent) return '';
    const e = kid(parent, name);
    const v = textOf(e);
    if (!e) problem(`${parentPath}/${name}`, 'edxml_missing_field', `Thiếu ${name} (${label})`);
    else if (v === '') problem(`${parentPath}/${name}`, 'edxml_empty_field', `${name} (${label}) trống`);
    return v;
  };
  const optional = (parent: Element | undefined, name: string) => textOf(kid(parent, name));
  const integer = (parent: Element | undefined, parentPath: string, name: string, need: boolean): number => {
    const e = kid(parent, name);
    const v = textOf(e);
    if (v === '') {
      if (need && parent) problem(`${parentPath}/${name}`, e ? 'edxml_empty_field' : 'edxml_missing_field', `${e ? 'Trống' : 'Thiếu'} ${name}`);
      return 0;
    }
    if (!/^-?\d+$/.test(v)) {
      problem(`${parentPath}/${name}`, 'edxml_bad_number', `${name} phải là số nguyên, không phải "${v}"`);
      return 0;
    }
    return Number(v);
  };
  const organIdAt = (path: string, id: string) => {
    if (id === '') return;
    const p = organIdProblem(id);
    if (p) problem(path, 'edxml_bad_organ_id', `Mã định danh "${id}" không đúng cấu trúc Quyết định 20/2020/QĐ-TTg: ${p.message}`);
  };
  const dateAt = (path: string, v: string) => {
    if (v === '') return;
    const ymd = DATE_YMD.exec(v);
    const dmy = DATE_DMY.exec(v);
    const [y, m, d] = ymd ? [ymd[1], ymd[2], ymd[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
    const ok = y !== undefined && (() => {
      const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      return t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(m) - 1 && t.getUTCDate() === Number(d);
    })();
    if (!ok) problem(path, 'edxml_bad_date', `Ngày "${v}" không hợp lệ: dùng yyyy/MM/dd (hoặc dd/MM/yyyy)`);
    else if (dmy) problem(path, 'edxml_date_format', `Ngày "${v}" viết dd/MM/yyyy; vanban viết yyyy/MM/dd như DocumentId`, 'warning');
    return ok;
  };
  /** "OrganId,yyyy/MM/dd,số/ký hiệu": its three parts, or a problem named and undefined. */
  const documentIdAt = (path: string, v: string): string[] | undefined => {
    const parts = v.split(',');
    if (parts.length !== 3 || !DATE_YMD.test(parts[1]!) || !parts[2]!.includes('/')) {
      problem(path, 'edxml_bad_document_id', `DocumentId "${v}" không có dạng "OrganId,yyyy/MM/dd,số/ký hiệu"`);
      return undefined;
    }
    organIdAt(path, parts[0]!);
    return dateAt(path, parts[1]!) ? parts : undefined;
  };

  const organ = (e: Element | undefined, path: string): Organ => {
    const o: Organ = {
      organId: required(e, path, 'OrganId', 'mã định danh'),
      organizationInCharge: optional(e, 'OrganizationInCharge'),
      organName: required(e, path, 'OrganName', 'tên cơ quan'),
      organAdd: optional(e, 'OrganAdd'),
      email: optional(e, 'Email'),
      telephone: optional(e, 'Telephone'),
      fax: optional(e, 'Fax'),
      website: optional(e, 'Website'),
    };
    organIdAt(`${path}/OrganId`, o.organId);
    return o;
  };

  const fromEl = kid(messageEl, 'From');
  if (messageEl && !fromEl) problem(`${MESSAGE}/From`, 'edxml_missing_field', 'Thiếu From (cơ quan gửi)');
  const from = organ(fromEl, `${MESSAGE}/From`);
  const toEls = kids(messageEl, 'To');
  if (messageEl && toEls.length === 0) problem(`${MESSAGE}/To`, 'edxml_missing_field', 'Thiếu To (cơ quan nhận)');
  const to = toEls.map((e, i) => organ(e, `${MESSAGE}/To[${i + 1}]`));

  const documentId = required(messageEl, MESSAGE, 'DocumentId', 'mã văn bản "OrganId,yyyy/MM/dd,số/ký hiệu"');
  const codeEl = kid(messageEl, 'Code');
  if (messageEl && !codeEl) problem(`${MESSAGE}/Code`, 'edxml_missing_field', 'Thiếu Code (số, ký hiệu)');
  const code = { codeNumber: required(codeEl, `${MESSAGE}/Code`, 'CodeNumber', 'số'), codeNotation: required(codeEl, `${MESSAGE}/Code`, 'CodeNotation', 'ký hiệu') };
  const promEl = kid(messageEl, 'PromulgationInfo');
  if (messageEl && !promEl) problem(`${MESSAGE}/PromulgationInfo`, 'edxml_missing_field', 'Thiếu PromulgationInfo (nơi, ngày ban hành)');
  const promulgation = { place: optional(promEl, 'Place'), date: required(promEl, `${MESSAGE}/PromulgationInfo`, 'PromulgationDate', 'ngày ban hành') };
  dateAt(`${MESSAGE}/PromulgationInfo/PromulgationDate`, promulgation.date);
  if (documentId) {
    const parts = documentIdAt(`${MESSAGE}/DocumentId`, documentId);
    if (parts) {
      if (from.organId && parts[0] !== from.organId)
        problem(`${MESSAGE}/DocumentId`, 'edxml_document_id_sender', `DocumentId mang mã "${parts[0]}", khác From/OrganId "${from.organId}"`, 'warning');
      if (code.codeNumber && code.codeNotation && parts[2] !== `${code.codeNumber}/${code.codeNotation}`)
        problem(`${MESSAGE}/DocumentId`, 'edxml_document_id_code', `DocumentId mang số, ký hiệu "${parts[2]}", khác Code "${code.codeNumber}/${code.codeNotation}"`, 'warning');
    }
  }
  const typeEl = kid(messageEl, 'DocumentType');
  if (messageEl && !typeEl) problem(`${MESSAGE}/DocumentType`, 'edxml_missing_field', 'Thiếu DocumentType (loại văn bản)');
  const documentType = {
    type: integer(typeEl, `${MESSAGE}/DocumentType`, 'Type', true),
    typeDetail: integer(typeEl, `${MESSAGE}/DocumentType`, 'TypeDetail', false),
    typeName: required(typeEl, `${MESSAGE}/DocumentType`, 'TypeName', 'tên loại'),
  };
  const subject = required(messageEl, MESSAGE, 'Subject', 'trích yếu');
  const content = optional(messageEl, 'Content');
  const signerEl = kid(messageEl, 'SignerInfo');
  const signer = { competence: optional(signerEl, 'Competence'), position: optional(signerEl, 'Position'), fullName: optional(signerEl, 'FullName') };
  const dueDate = optional(messageEl, 'DueDate');
  dateAt(`${MESSAGE}/DueDate`, dueDate);
  const otherEl = kid(messageEl, 'OtherInfo');
  const directionEl = kid(otherEl, 'Direction');
  const other = {
    priority: integer(otherEl, `${MESSAGE}/OtherInfo`, 'Priority', false),
    sphereOfPromulgation: optional(otherEl, 'SphereOfPromulgation'),
    typerNotation: optional(otherEl, 'TyperNotation'),
    promulgationAmount: integer(otherEl, `${MESSAGE}/OtherInfo`, 'PromulgationAmount', false),
    pageAmount: integer(otherEl, `${MESSAGE}/OtherInfo`, 'PageAmount', false),
    ...(directionEl ? { direction: textOf(directionEl) } : {}),
    appendixes: kids(kid(otherEl, 'Appendixes'), 'Appendix').map(textOf).filter((a) => a !== ''),
  };
  const header: MessageHeader = {
    from,
    to,
    documentId,
    code,
    promulgation,
    documentType,
    subject,
    content,
    signer,
    dueDate,
    steeringType: integer(messageEl, MESSAGE, 'SteeringType', false),
    toPlaces: kids(kid(messageEl, 'ToPlaces'), 'Place').map(textOf).filter((p) => p !== ''),
    other,
  };

  // The trace list: who handled it when, and the business kind.
  const traceEl = kid(headerEl, 'TraceHeaderList');
  if (headerEl && !traceEl) problem(TRACE, 'edxml_missing_field', 'Thiếu TraceHeaderList (vết và loại nghiệp vụ)');
  const traces: Trace[] = kids(traceEl, 'TraceHeader').map((t, i) => {
    const path = `${TRACE}/TraceHeader[${i + 1}]`;
    const trace = { organId: required(t, path, 'OrganId', 'mã định danh'), timestamp: required(t, path, 'Timestamp', 'thời điểm') };
    organIdAt(`${path}/OrganId`, trace.organId);
    return trace;
  });
  const busEl = kid(traceEl, 'Bussiness');
  if (traceEl && !busEl) problem(`${TRACE}/Bussiness`, 'edxml_missing_field', 'Thiếu Bussiness (loại nghiệp vụ)');
  const kindText = required(busEl, `${TRACE}/Bussiness`, 'BussinessDocType', 'loại nghiệp vụ');
  const kind = businessKindOf(kindText);
  if (kindText && !kind) problem(`${TRACE}/Bussiness/BussinessDocType`, 'edxml_bad_business_kind', `BussinessDocType "${kindText}" không phải 0 (mới), 1 (thu hồi), 2 (cập nhật) hay 3 (thay thế)`);
  const staffEl = kid(busEl, 'StaffInfo');
  const updateEl = kid(busEl, 'BussinessDocumentInfo');
  const business: Business = {
    kind: kind ?? 'new',
    reason: optional(busEl, 'BussinessDocReason'),
    documentId: optional(busEl, 'DocumentId'),
    paper: integer(busEl, `${TRACE}/Bussiness`, 'Paper', false),
    replaces: kids(kid(busEl, 'ReplacementInfoList'), 'ReplacementInfo').map((r) => ({
      documentId: optional(r, 'DocumentId'),
      organIds: kids(kid(r, 'OrganIdList'), 'OrganId').map(textOf),
    })),
    ...(staffEl
      ? { staff: { department: optional(staffEl, 'Department'), staff: optional(staffEl, 'Staff'), email: optional(staffEl, 'Email'), mobile: optional(staffEl, 'Mobile') } }
      : {}),
    ...(updateEl
      ? {
          updateInfo: {
            documentInfo: optional(updateEl, 'DocumentInfo'),
            documentReceiver: optional(updateEl, 'DocumentReceiver'),
            receivers: kids(kid(updateEl, 'ReceiverList'), 'Receiver').map((r) => ({ organId: optional(r, 'OrganId'), receiverType: optional(r, 'ReceiverType') })),
          },
        }
      : {}),
  };
  if (business.documentId) documentIdAt(`${TRACE}/Bussiness/DocumentId`, business.documentId);
  business.replaces.forEach((r, i) => r.documentId && documentIdAt(`${TRACE}/Bussiness/ReplacementInfoList/ReplacementInfo[${i + 1}]/DocumentId`, r.documentId));
  if ((kind === 'revoke' || kind === 'update' || kind === 'replace') && business.documentId === '' && business.replaces.length === 0)
    problem(`${TRACE}/Bussiness/DocumentId`, 'edxml_missing_field', 'Gói thu hồi, cập nhật hay thay thế phải nói văn bản nào (Bussiness/DocumentId hoặc ReplacementInfoList)');

  // The signature, then the attachments against the manifest and the digests the signature declares.
  const sig = checkSignature(xml);
  const foreignSignature = headerEl && Array.from(headerEl.childNodes).some((n) => isElement(n) && n.localName === 'Signature' && n.namespaceURI !== 'http://www.w3.org/2000/09/xmldsig#');
  let signature: Inspection['signature'] = { present: sig.present, valid: sig.valid, ...(sig.reason ? { reason: sig.reason } : {}), ...(sig.certificate ? { certificate: sig.certificate } : {}) };
  if (!sig.present && foreignSignature) signature = { present: true, valid: false, reason: 'Signature is not in the XML-DSig namespace' };
  if (signature.present && !signature.valid) problem(`${HEADER}/Signature`, 'edxml_signature_invalid', `Chữ ký số không hợp lệ: ${signature.reason ?? ''}`.trim());
  if (!signature.present) problem(`${HEADER}/Signature`, 'edxml_unsigned', 'Gói tin không có chữ ký số', 'warning');

  const manifestRefs = kids(kid(kid(envelope, 'edXMLBody'), 'edXMLManifest'), 'Reference');
  const bare = (id: string) => id.replace(/^cid:/, '');
  const inManifest = new Set(manifestRefs.map((r) => bare(textOf(kid(r, 'ContentId')) || (r.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? ''))));
  const attachmentEls = kids(kid(root, 'AttachmentEncoded'), 'Attachment');
  const seen = new Set<string>();
  const attachments: AttachmentReport[] = [];
  attachmentEls.forEach((a, i) => {
    const path = `/edXML/AttachmentEncoded/Attachment[${i + 1}]`;
    const contentId = bare(required(a, path, 'ContentId', 'mã tệp'));
    const encoded = (kid(a, 'ContentTransferEncoded')?.textContent ?? '').replace(/\s+/g, '');
    if (!kid(a, 'ContentTransferEncoded')) problem(`${path}/ContentTransferEncoded`, 'edxml_missing_field', 'Thiếu ContentTransferEncoded (nội dung tệp)');
    else if (!BASE64.test(encoded) || encoded.length % 4 !== 0) problem(`${path}/ContentTransferEncoded`, 'edxml_attachment_base64', 'Nội dung tệp không phải base64 hợp lệ');
    const bytes = Buffer.from(encoded, 'base64');
    const report: AttachmentReport = {
      contentId,
      name: optional(a, 'AttachmentName'),
      description: optional(a, 'Description'),
      contentType: optional(a, 'ContentType'),
      bytes,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const declared = sig.declaredDigests.get(contentId);
    if (declared !== undefined) {
      report.declaredSha256 = declared;
      if (declared !== sha256Base64(bytes))
        problem(path, 'edxml_attachment_hash_mismatch', `Tệp "${report.name || contentId}" không khớp mã băm SHA-256 mà chữ ký khai báo: tệp đã bị thay đổi`);
    } else if (sig.present && sig.declaredDigests.size > 0) problem(path, 'edxml_attachment_undeclared', `Tệp "${report.name || contentId}" không có trong danh sách mã băm của chữ ký`);
    if (contentId && !inManifest.has(contentId)) problem(path, 'edxml_attachment_not_in_manifest', `Tệp "${contentId}" không có trong edXMLManifest`);
    if (contentId && seen.has(contentId)) problem(path, 'edxml_attachment_duplicate', `Mã tệp "${contentId}" lặp lại`);
    seen.add(contentId);
    attachments.push(report);
  });
  for (const id of inManifest) if (id && !seen.has(id)) problem(`${ENVELOPE}/edXMLBody/edXMLManifest`, 'edxml_attachment_missing', `edXMLManifest nêu tệp "${id}" nhưng gói không mang tệp đó`);
  for (const id of sig.declaredDigests.keys()) if (!seen.has(id)) problem(`${HEADER}/Signature`, 'edxml_attachment_missing', `Chữ ký khai báo tệp "${id}" nhưng gói không mang tệp đó`);

  return { valid: !problems.some((p) => p.severity === 'error'), package: { header, traces, business, attachments }, signature, problems };
}
