/**
 * The register book (sổ đăng ký văn bản đi, Phụ lục IV; printed by GET /v1/registers): the data of the
 * so-dang-ky-van-ban-di document for one register and a year or a date range, built from the stored records in
 * number order. A revoked document's line notes its reason and date; a correction names the number of the
 * document it corrects. Rendering that data is the service's job, not the archive's.
 */
import type { Agency, Recipients, Signer } from '../documents/common/schema.js';
import type { SoDangKy } from '../documents/so-dang-ky-van-ban-di/schema.js';
import { VanbanError } from '../service.js';
import type { Archive } from './archive.js';
import type { DocRow, DocStatus } from './db.js';
import type { Register } from './tenancy.js';

export type RegisterBookQuery = {
  /** An agency identifier code or a register key. */
  agency: string;
  year: number;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** The volume (quyển số) printed on the cover. */
  book?: string;
};

/** What the register book reads from a stored record's input data. */
type Stored = { agency: Agency; signer: Pick<Signer, 'name'>; recipients: Pick<Recipients, 'items' | 'archiveUnit' | 'copies'> };

const stored = (row: DocRow) => JSON.parse(row.data) as Stored;

/** The issuing agency of a stored record, as its data gave it. */
export const agencyOf = (row: DocRow): Agency => stored(row).agency;

const dateVi = (iso: string) => new Date(iso).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

/**
 * The register book of the agency (as the register `register` sees it) for the query: 404 register_empty when
 * the register has no issued or revoked document in it, 422 register_too_large past `maxEntries`.
 */
export async function registerBook(archive: Archive, q: RegisterBookQuery, register: Register, maxEntries: number): Promise<SoDangKy> {
  const empty = () => new VanbanError(404, 'register_empty', `Sổ của "${q.agency}" năm ${q.year} chưa có văn bản trong khoảng này`);
  const keys = (await archive.db.registersOf(q.agency, q.year)).filter((k) => register === undefined || k === register);
  if (keys.length === 0) throw empty();
  const filter = { agencyKey: keys[0]!, year: q.year, from: q.from, to: q.to, statuses: ['issued', 'revoked'] as DocStatus[] };
  const count = await archive.db.count(filter);
  if (count === 0) throw empty();
  if (count > maxEntries)
    throw new VanbanError(422, 'register_too_large', `Sổ có ${count} văn bản trong khoảng này, nhiều hơn ${maxEntries} văn bản in được một lần: in từng đợt với from và to (YYYY-MM-DD)`, [
      { path: 'from', code: 'too_many_entries', message: `Tối đa ${maxEntries} văn bản mỗi lần in` },
    ]);
  const { rows } = await archive.search({ ...filter, limit: maxEntries, offset: 0, order: 'asc', columns: 'all' });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries: SoDangKy['entries'] = [];
  for (const r of rows) {
    const data = stored(r);
    const notes: string[] = [];
    if (r.status === 'revoked' && r.revokedAt) notes.push(`${r.revokeReason ?? ''}, đã thu hồi ngày ${dateVi(r.revokedAt)}`);
    if (r.correctionOf) notes.push(`Đính chính văn bản số ${(byId.get(r.correctionOf) ?? (await archive.db.get(r.correctionOf)))?.kyHieu ?? r.correctionOf}`);
    entries.push({
      number: r.number,
      kyHieu: r.kyHieu,
      issuedDate: r.issuedDate,
      typeName: r.typeName,
      summary: r.summary.replace(/\s*\n\s*/g, ' '),
      signer: data.signer.name,
      recipients: data.recipients.items,
      ...(data.recipients.archiveUnit ? { archiveUnit: data.recipients.archiveUnit } : {}),
      ...(data.recipients.copies ? { copies: data.recipients.copies } : {}),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    });
  }
  return { agency: agencyOf(rows[0]!), year: q.year, ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.book ? { book: q.book } : {}), entries };
}
