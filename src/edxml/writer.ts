/**
 * Writes an edXML package (model.ts) as XML text: the root edXML in the QCVN 102:2016 namespace, every element
 * under it written with the "edXML:" prefix (one official validator refuses unprefixed children), the header
 * in the element order of the public samples, the manifest naming each attachment by content id, and the
 * attachments base64-encoded after the envelope. The signature (signature.ts) is added afterwards, into the
 * header after the trace list; this text is what it signs.
 *
 * Empty values are written as empty elements: the samples keep every element of the header, filled or not.
 */
import { xmlEscape } from '../xml.js';
import { BUSINESS_KINDS, EDXML_NS, XLINK_NS, type EdxmlPackage, type Organ } from './model.js';

const el = (name: string, value: string | number) => {
  const text = xmlEscape(String(value));
  return text === '' ? `<edXML:${name}/>` : `<edXML:${name}>${text}</edXML:${name}>`;
};
const group = (name: string, children: string[], attrs = '') => `<edXML:${name}${attrs}>${children.join('')}</edXML:${name}>`;

const organ = (name: 'From' | 'To', o: Organ) =>
  group(name, [
    el('OrganId', o.organId),
    el('OrganizationInCharge', o.organizationInCharge),
    el('OrganName', o.organName),
    el('OrganAdd', o.organAdd),
    el('Email', o.email),
    el('Telephone', o.telephone),
    el('Fax', o.fax),
    el('Website', o.website),
  ]);

/** The content id as the manifest and the attachment write it ("cid:1"). */
export const cid = (contentId: string) => `cid:${contentId}`;

export function writeEdxml(p: EdxmlPackage): string {
  const h = p.header;
  const b = p.business;
  const header = group('MessageHeader', [
    organ('From', h.from),
    ...h.to.map((t) => organ('To', t)),
    el('DocumentId', h.documentId),
    group('Code', [el('CodeNumber', h.code.codeNumber), el('CodeNotation', h.code.codeNotation)]),
    group('PromulgationInfo', [el('Place', h.promulgation.place), el('PromulgationDate', h.promulgation.date)]),
    group('DocumentType', [el('Type', h.documentType.type), el('TypeDetail', h.documentType.typeDetail), el('TypeName', h.documentType.typeName)]),
    el('Subject', h.subject),
    el('Content', h.content),
    group('SignerInfo', [el('Competence', h.signer.competence), el('Position', h.signer.position), el('FullName', h.signer.fullName)]),
    el('DueDate', h.dueDate),
    group('OtherInfo', [
      el('Priority', h.other.priority),
      el('SphereOfPromulgation', h.other.sphereOfPromulgation),
      el('TyperNotation', h.other.typerNotation),
      el('PromulgationAmount', h.other.promulgationAmount),
      el('PageAmount', h.other.pageAmount),
      ...(h.other.direction !== undefined ? [el('Direction', h.other.direction)] : []),
      group('Appendixes', h.other.appendixes.map((a) => el('Appendix', a))),
    ]),
    el('SteeringType', h.steeringType),
    group('ToPlaces', h.toPlaces.map((t) => el('Place', t))),
  ]);
  const business = group('Bussiness', [
    ...(b.documentId ? [el('DocumentId', b.documentId)] : []),
    el('BussinessDocType', BUSINESS_KINDS[b.kind]),
    el('BussinessDocReason', b.reason),
    el('Paper', b.paper),
    ...(b.replaces.length
      ? [group('ReplacementInfoList', b.replaces.map((r) => group('ReplacementInfo', [el('DocumentId', r.documentId), group('OrganIdList', r.organIds.map((o) => el('OrganId', o)))])))]
      : []),
    ...(b.updateInfo
      ? [
          group('BussinessDocumentInfo', [
            el('DocumentInfo', b.updateInfo.documentInfo),
            el('DocumentReceiver', b.updateInfo.documentReceiver),
            group('ReceiverList', b.updateInfo.receivers.map((r) => group('Receiver', [el('OrganId', r.organId), el('ReceiverType', r.receiverType)]))),
          ]),
        ]
      : []),
    ...(b.staff ? [group('StaffInfo', [el('Department', b.staff.department), el('Staff', b.staff.staff), el('Email', b.staff.email), el('Mobile', b.staff.mobile)])] : []),
  ]);
  const traces = group('TraceHeaderList', [...p.traces.map((t) => group('TraceHeader', [el('OrganId', t.organId), el('Timestamp', t.timestamp)])), business]);
  const manifest = group(
    'edXMLManifest',
    p.attachments.map((a) =>
      group(
        'Reference',
        [el('ContentId', cid(a.contentId)), el('ContentType', a.contentType), el('Description', a.description), el('AttachmentName', a.name)],
        ` xlink:href="${xmlEscape(cid(a.contentId))}" xlink:type="simple"`,
      ),
    ),
    ' version="1.0"',
  );
  const attachments = group(
    'AttachmentEncoded',
    p.attachments.map((a) =>
      group('Attachment', [
        el('ContentId', cid(a.contentId)),
        el('AttachmentName', a.name),
        el('Description', a.description),
        el('ContentType', a.contentType),
        el('ContentTransferEncoded', a.bytes.toString('base64')),
      ]),
    ),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<edXML xmlns="${EDXML_NS}" xmlns:edXML="${EDXML_NS}" xmlns:xlink="${XLINK_NS}">` +
    group('edXMLEnvelope', [group('edXMLHeader', [header, traces]), group('edXMLBody', [manifest])]) +
    attachments +
    '</edXML>\n'
  );
}
