/**
 * A register row loaded straight into the database (no render, no files), for the register bench, the attack
 * suite and the listing tests: the fields a load varies are given, every other one has a plain default.
 */
import { randomUUID } from 'node:crypto';
import type { DocRow } from '../src/archive/db.js';

export type LoadedRow = Pick<DocRow, 'agencyKey' | 'agencyName' | 'organId' | 'template' | 'typeName' | 'year' | 'number' | 'notation' | 'kyHieu' | 'issuedDate' | 'summary' | 'searchText' | 'createdAt'> &
  Partial<DocRow>;

export function loadedRow(r: LoadedRow): DocRow {
  return {
    id: randomUUID(),
    signerPosition: 'Giám đốc',
    signerName: 'Nguyễn Văn A',
    recipients: '[]',
    priority: '',
    copies: null,
    dueDate: null,
    pageCount: 1,
    description: '',
    data: '{}',
    status: 'issued',
    files: {},
    correctionOf: null,
    revokedAt: null,
    revokeReason: null,
    idempotencyKey: null,
    dataHash: null,
    attempts: 0,
    lastError: null,
    ...r,
  };
}
