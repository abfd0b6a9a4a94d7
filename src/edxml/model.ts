/**
 * The edXML package of QCVN 102:2016/BTTTT (amended by Thông tư 01/2022/TT-BTTTT) as vanban writes and reads it:
 * the message header (who sends to whom, which document), the trace header (the business kind: new, revoke,
 * update, replace), the attachments, and the constants both directions share. docs/edxml.md maps each field to
 * where it comes from and says which choices the public samples disagree on.
 *
 * Dates are written yyyy/MM/dd (the form the DocumentId uses); the reader also takes dd/MM/yyyy, which some
 * public samples write in PromulgationDate and DueDate.
 */

/** The namespace of every edXML element (QCVN 102:2016). */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** An organisation of the header (From, each To): the identifier code and the contact fields. */
export type Organ = {
  organId: string;
  organizationInCharge: string;
  organName: string;
  organAdd: string;
  email: string;
  telephone: string;
  fax: string;
  website: string;
};

/** The business kinds of TraceHeaderList/Bussiness/BussinessDocType, with the code the samples write. */
export const BUSINESS_KINDS = { new: 0, revoke: 1, update: 2, replace: 3 } as const;
export type BusinessKind = keyof typeof BUSINESS_KINDS;
export const businessKindOf = (code: string): BusinessKind | undefined =>
  (Object.keys(BUSINESS_KINDS) as BusinessKind[]).find((k) => String(BUSINESS_KINDS[k]) === code.trim());

/** The default reason of each kind, as the samples word it. */
export const BUSINESS_REASONS: Readonly<Record<BusinessKind, string>> = {
  new: 'Văn bản điện tử mới',
  revoke: 'Thu hồi văn bản điện tử',
  update: 'Cập nhật văn bản điện tử',
  replace: 'Văn bản thay thế',
};

/**
 * DocumentType/Type: the position of the type in the list of administrative documents of Nghị định 30/2020,
 * Điều 7 (công văn is 18th, the value the public .NET SDK writes for a công văn); 0 for a name not in the list.
 */
export const ND30_ARTICLE7_TYPES = [
  'Nghị quyết', 'Quyết định', 'Chỉ thị', 'Quy chế', 'Quy định', 'Thông cáo', 'Thông báo', 'Hướng dẫn', 'Chương trình', 'Kế hoạch',
  'Phương án', 'Đề án', 'Dự án', 'Báo cáo', 'Biên bản', 'Tờ trình', 'Hợp đồng', 'Công văn', 'Công điện', 'Bản ghi nhớ',
  'Bản thỏa thuận', 'Giấy ủy quyền', 'Giấy mời', 'Giấy giới thiệu', 'Giấy nghỉ phép', 'Phiếu gửi', 'Phiếu chuyển', 'Phiếu báo', 'Thư công',
] as const;

export type MessageHeader = {
  from: Organ;
  to: Organ[];
  /** "OrganId,yyyy/MM/dd,số/ký hiệu": the document's identity on the exchange platform. */
  documentId: string;
  code: { codeNumber: string; codeNotation: string };
  promulgation: { place: string; date: string };
  documentType: { type: number; typeDetail: number; typeName: string };
  subject: string;
  content: string;
  signer: { competence: string; position: string; fullName: string };
  dueDate: string;
  steeringType: number;
  toPlaces: string[];
  other: {
    priority: number;
    sphereOfPromulgation: string;
    typerNotation: string;
    promulgationAmount: number;
    pageAmount: number;
    /** OtherInfo/Direction: written by the public SDK samples ("false"), not by vanban; read when present. */
    direction?: string;
    appendixes: string[];
  };
};

export type Business = {
  kind: BusinessKind;
  reason: string;
  /** The DocumentId the business acts on (the revoked or replaced document); empty for a new document. */
  documentId: string;
  paper: number;
  /** For replace: the documents replaced, each with the organisations that received it. */
  replaces: { documentId: string; organIds: string[] }[];
  /** StaffInfo: who handled the document at the sender (the samples fill it; vanban has no such person). */
  staff?: { department: string; staff: string; email: string; mobile: string };
  /** For update: which parts changed (BussinessDocumentInfo) and the receivers concerned. */
  updateInfo?: { documentInfo: string; documentReceiver: string; receivers: { organId: string; receiverType: string }[] };
};

export type Trace = { organId: string; timestamp: string };

export type Attachment = { contentId: string; name: string; description: string; contentType: string; bytes: Buffer };

export type EdxmlPackage = { header: MessageHeader; traces: Trace[]; business: Business; attachments: Attachment[] };
