/**
 * What the register of outgoing documents needs from a document (Nghị định 30, Phụ lục VI): who issues it,
 * the number and date as given, the type name and notation as the document prints them, the trích yếu, the
 * signer and the recipients. Every issuable type declares it (DocumentType.register); the archive reads these
 * facts and nothing else of the data, so it never casts the data to a shape it assumes.
 */
import { SECRECY, URGENCY, type Secrecy, type Urgency } from '../../nd30/priority.js';
import { signerLines } from '../../nd30/signer.js';
import type { RegisterFacts } from '../types.js';
import type { Agency, Recipients, Signer } from './schema.js';
import type { DocumentMeta } from './view.js';


/** The national-format fields the register reads: every issuable type's data has them (documentFields). */
export type IssuedFields = {
  agency: Agency;
  number?: number;
  date: string;
  summary?: string;
  signer: Signer;
  recipients: Recipients;
  urgency?: Urgency;
  secrecy?: Secrecy;
};

/** The register facts of a document built on documentFields, with its view's meta (type name, notation). */
export function standardRegister(d: IssuedFields, meta: DocumentMeta): RegisterFacts {
  const lines = signerLines(d.signer);
  return {
    agency: { name: d.agency.name, abbreviation: d.agency.abbreviation, ...(d.agency.identifier ? { identifier: d.agency.identifier } : {}) },
    ...(d.number !== undefined ? { number: d.number } : {}),
    date: d.date,
    typeName: meta.typeName,
    notation: meta.notation,
    // A type that computes its trích yếu (a plan, a report) has none in the data: the register takes the one printed.
    summary: d.summary ?? meta.subject,
    signer: { name: d.signer.name, position: d.signer.position ?? lines.authorityLines[lines.authorityLines.length - 1] ?? '' },
    recipients: d.recipients.items,
    ...(d.recipients.archiveUnit ? { archiveUnit: d.recipients.archiveUnit } : {}),
    ...(d.recipients.copies !== undefined ? { copies: d.recipients.copies } : {}),
    // The register's "Độ mật, khẩn" column: the decree's names, "Khẩn, Mật".
    priority: [d.urgency && URGENCY[d.urgency].label, d.secrecy && SECRECY[d.secrecy].label].filter(Boolean).join(', '),
  };
}
