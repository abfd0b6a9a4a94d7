/**
 * The edXML package of an issued document, from its register record and its stored data: docs/edxml.md maps
 * each field to its source. The business kind follows the record: a revoked document is sent as a revocation
 * (kind 1) naming itself; a correction (a new document linked to the one it corrects) as a replacement (kind 3)
 * naming the corrected document and the organisations that received it; any other as new (kind 0). A package
 * goes to the recipients that carry an identifier code (recipients.organIds); without any, none is built.
 *
 * The stored data is read through a tolerant zod shape of the few national-format fields used here (place,
 * parent agency, signer, recipients' identifier codes, drafter, urgency): it was validated when issued, and a
 * field missing from an older record leaves its element empty rather than failing the package.
 */
import { z } from 'zod';
import { formatDocNumber } from '../nd30/numbering.js';
import { signerLines, type SignerInput } from '../nd30/signer.js';
import { foldKey } from '../vietnamese/text.js';
import { VanbanError } from '../service.js';
import type { DocRow } from '../archive/db.js';
import { BUSINESS_REASONS, ND30_ARTICLE7_TYPES, type Attachment, type Business, type EdxmlPackage, type Organ } from './model.js';
import { organIdProblem } from './organ-id.js';

const storedFields = z.looseObject({
  place: z.string().optional().catch(undefined),
  agency: z.looseObject({ parent: z.looseObject({ name: z.string() }).optional().catch(undefined) }).optional().catch(undefined),
  signer: z.looseObject({ authority: z.string(), name: z.string() }).optional().catch(undefined),
  recipients: z
    .looseObject({
      items: z.array(z.string()).catch([]),
      organIds: z.array(z.object({ item: z.number(), organId: z.string() })).optional().catch(undefined),
      drafterCode: z.string().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  urgency: z.string().optional().catch(undefined),
});

/** OtherInfo/Priority by the decree's urgency (0 ordinary): the samples write 0 only; see docs/edxml.md. */
const PRIORITY: Readonly<Record<string, number>> = { khan: 1, 'thuong-khan': 2, 'hoa-toc': 3 };

/** yyyy/MM/dd from an ISO date. */
export const slashDate = (iso: string) => iso.slice(0, 10).replace(/-/g, '/');

/** yyyy/MM/dd HH:mm:ss in Vietnam time (UTC+7, no daylight saving), as TraceHeader/Timestamp. */
export const vietnamTimestamp = (t: Date) => new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');

/** "OrganId,yyyy/MM/dd,số/ký hiệu": the platform's identity of a document. */
export const documentIdOf = (row: DocRow) => `${row.organId},${slashDate(row.issuedDate)},${row.kyHieu}`;

/** The Điều 7 position of a type name (DocumentType/Type), 0 when the name is not in the list. */
export const documentTypeCode = (typeName: string) => ND30_ARTICLE7_TYPES.findIndex((t) => foldKey(t) === foldKey(typeName)) + 1;

const emptyOrgan = (organId: string, organName: string, organizationInCharge = ''): Organ => ({
  organId,
  organizationInCharge,
  organName,
  organAdd: '',
  email: '',
  telephone: '',
  fax: '',
  website: '',
});

/** The recipients of a record that carry an identifier code (recipients.organIds), with their names. */
export function exchangeRecipients(row: DocRow): Organ[] {
  const d = storedFields.parse(JSON.parse(row.data));
  const items = d.recipients?.items ?? [];
  return (d.recipients?.organIds ?? []).filter((o) => items[o.item] !== undefined).map((o) => emptyOrgan(o.organId, items[o.item]!.normalize('NFC')));
}

export type PackageInput = {
  row: DocRow;
  attachments: Attachment[];
  /** The document a correction corrects (row.correctionOf), read from the register by the caller. */
  corrected?: DocRow;
  now?: Date;
};

export function packageOfRecord({ row, attachments, corrected, now = new Date() }: PackageInput): EdxmlPackage {
  if (row.status === 'issuing') throw new VanbanError(409, 'not_ready', 'Văn bản đang được hoàn tất, hãy thử lại sau giây lát', [], 2);
  if (row.status === 'failed') throw new VanbanError(409, 'issue_failed', `Văn bản số ${row.kyHieu} không hoàn tất được: không có gói edXML`);
  if (!row.organId)
    throw new VanbanError(422, 'edxml_no_organ_id', 'Cơ quan ban hành chưa có mã định danh (agency.identifier, Quyết định 20/2020/QĐ-TTg): gói edXML cần mã của cơ quan gửi', [
      { path: '$.agency.identifier', code: 'edxml_no_organ_id', message: 'Cần mã định danh của cơ quan ban hành' },
    ]);
  const bad = organIdProblem(row.organId);
  if (bad) throw new VanbanError(422, 'edxml_bad_organ_id', `Mã định danh "${row.organId}" không đúng cấu trúc: ${bad.message}`, [{ path: '$.agency.identifier', code: bad.code, message: bad.message }]);
  const d = storedFields.parse(JSON.parse(row.data));
  let competence = '';
  try {
    const lines = d.signer ? signerLines(d.signer as unknown as SignerInput).authorityLines : [];
    competence = (d.signer?.authority === 'Q' ? lines : lines.slice(0, -1)).join(' ');
  } catch {
    // A signer the current rules refuse (an older record): the competence stays empty.
  }
  const recipients = d.recipients?.items.map((r) => r.normalize('NFC')) ?? [];
  // A correction with no recipient of its own goes to those of the document it corrects.
  const own = exchangeRecipients(row);
  const to = own.length === 0 && corrected ? exchangeRecipients(corrected) : own;
  if (to.length === 0)
    throw new VanbanError(422, 'edxml_no_recipient', 'Không nơi nhận nào có mã định danh: gói edXML cần ít nhất một cơ quan nhận (recipients.organIds)', [
      { path: '$.recipients.organIds', code: 'edxml_no_recipient', message: 'Cần mã định danh của ít nhất một nơi nhận' },
    ]);
  const documentId = documentIdOf(row);
  let business: Business = { kind: 'new', reason: BUSINESS_REASONS.new, documentId: '', paper: 0, replaces: [] };
  if (row.status === 'revoked') business = { ...business, kind: 'revoke', reason: row.revokeReason || BUSINESS_REASONS.revoke, documentId };
  else if (corrected)
    business = {
      ...business,
      kind: 'replace',
      reason: `${BUSINESS_REASONS.replace} số ${corrected.kyHieu}`,
      replaces: [{ documentId: documentIdOf(corrected), organIds: exchangeRecipients(corrected).map((o) => o.organId) }],
    };
  return {
    header: {
      from: emptyOrgan(row.organId, row.agencyName, d.agency?.parent?.name ?? row.agencyName),
      to,
      documentId,
      code: { codeNumber: formatDocNumber(row.number), codeNotation: row.notation },
      promulgation: { place: d.place ?? '', date: slashDate(row.issuedDate) },
      documentType: { type: documentTypeCode(row.typeName), typeDetail: 0, typeName: row.typeName },
      subject: row.summary.replace(/\s+/g, ' ').trim(),
      content: row.description,
      signer: { competence, position: row.signerPosition, fullName: row.signerName },
      dueDate: row.dueDate ? slashDate(row.dueDate) : '',
      steeringType: 0,
      toPlaces: recipients,
      other: {
        priority: PRIORITY[d.urgency ?? ''] ?? 0,
        sphereOfPromulgation: 'Liên thông văn bản quốc gia',
        typerNotation: d.recipients?.drafterCode ?? '',
        promulgationAmount: row.copies ?? 1,
        pageAmount: row.pageCount ?? 0,
        appendixes: [],
      },
    },
    traces: [{ organId: row.organId, timestamp: vietnamTimestamp(now) }],
    business,
    attachments,
  };
}
