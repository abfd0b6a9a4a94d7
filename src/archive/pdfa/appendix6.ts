/**
 * The Appendix VI metadata of an outgoing document as an XML document of its own (GET
 * /v1/documents/:id/metadata.xml), in the nd30 namespace of the archival PDF's XMP (xmp.ts), so that a records
 * system can take the metadata without opening the PDF. Values are escaped as in the XMP (one escaper,
 * src/xml.ts), so they read back as stored; the record's id and status are attributes of the root.
 */
import { xmlEscape } from '../../xml.js';
import { ND30_NS, type ArchiveMetadata } from './metadata.js';

export function appendix6Xml(m: ArchiveMetadata, record: { id: string; status: string }): string {
  const el = (name: string, v: unknown) => `  <nd30:${name}>${xmlEscape(v === null || v === undefined ? '' : String(v))}</nd30:${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<nd30:OutgoingDocument xmlns:nd30="${ND30_NS}" id="${xmlEscape(record.id)}" status="${xmlEscape(record.status)}">`,
    el('OrganId', m.organId),
    el('OrganName', m.organName),
    el('FileCatalog', m.year),
    el('FileNotation', ''),
    el('DocOrdinal', m.ordinal),
    el('TypeName', m.typeName),
    el('CodeNumber', m.codeNumber),
    el('CodeNotation', m.codeNotation),
    el('IssuedDate', m.issuedDate),
    el('Subject', m.subject),
    el('Language', m.language),
    el('PageAmount', m.pageCount),
    el('Description', m.description),
    `  <nd30:SignerInfo>`,
    `  ${el('Position', m.signerPosition)}`,
    `  ${el('FullName', m.signerName)}`,
    `  </nd30:SignerInfo>`,
    `  <nd30:ToPlaces>`,
    ...m.recipients.map((r) => `    <nd30:Place${r.id ? ` id="${xmlEscape(r.id)}"` : ''}>${xmlEscape(r.name)}</nd30:Place>`),
    `  </nd30:ToPlaces>`,
    el('Priority', m.priority),
    el('Copies', m.copies),
    el('DueDate', m.dueDate),
    `</nd30:OutgoingDocument>`,
    '',
  ].join('\n');
}
