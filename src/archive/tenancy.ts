/**
 * Tenancy: a register (an agency's register key, what an agency API key is bound to) sees and changes its own
 * documents only; no register (an admin key, or a service without keys) sees every one. The HTTP layer says
 * which register a request acts for, from its key; the rule, and the reads and writes made under it, live
 * here, so that no route filters rows or calls the database itself. Another register's document is answered
 * as absent, never as forbidden: its existence is not disclosed.
 */
import type { Archive } from './archive.js';
import type { DocRow } from './db.js';

/** The register a request acts for: a register key ("id:000.00.31.H43"), or undefined for every register. */
export type Register = string | undefined;

/** A document belongs to a register when it was numbered in it; every document belongs to "every register". */
export const belongsTo = (row: DocRow, register: Register): boolean => register === undefined || row.agencyKey === register;

/** Documents are named by UUID: anything else is looked up nowhere (PostgreSQL would refuse it as a uuid). */
const DOCUMENT_ID = /^[0-9a-f-]{36}$/;

/** The document the register sees under this id: undefined when there is none, or it is another register's. */
export async function findDocument(archive: Archive, id: string, register: Register): Promise<DocRow | undefined> {
  const row = DOCUMENT_ID.test(id) ? await archive.db.get(id) : undefined;
  return row && belongsTo(row, register) ? row : undefined;
}

/** The ids of the documents that correct this one (corrections are numbered in the same register). */
export const correctionsOf = (archive: Archive, id: string): Promise<string[]> => archive.db.corrections(id);

/**
 * Freezes an issued document of the register as revoked, with its reason (NFC) and the time: the record as it is
 * now, or undefined when the document is not issued (issuing, failed, revoked already) or is not the register's.
 */
export async function revokeDocument(archive: Archive, id: string, register: Register, reason: string): Promise<DocRow | undefined> {
  const revoked = await archive.db.revoke(id, register, reason.normalize('NFC'), new Date().toISOString());
  return revoked ? archive.db.get(id) : undefined;
}

/** The register's document issued with this Idempotency-Key: keys are scoped to a register, never shared. */
export const issuedWithKey = (archive: Archive, register: string, idempotencyKey: string): Promise<DocRow | undefined> =>
  archive.db.byIdempotencyKey(register, idempotencyKey);

/**
 * The register's document with the same data (its hash), created within the window and still issuing after a
 * failed attempt: a retry without Idempotency-Key gets it, not a second number.
 */
export const pendingRetryOf = (archive: Archive, register: string, dataHash: string, windowMs: number): Promise<DocRow | undefined> =>
  archive.db.pendingRetryOf(register, dataHash, new Date(Date.now() - windowMs).toISOString());
