/**
 * Drafts on the server (issue 17), per register (the agency a key acts for), in the register's database
 * (tables drafts and draft_versions, migration 005). A draft has its author (the API key's id), its type, its
 * trích yếu, its last change and its status: draft (dự thảo) -> submitted (trình ký) -> issued (đã ban hành,
 * set by issuing it, read-only afterwards). Every save is a new version, kept; a save names the version it was
 * made from, and a save made from an older version than the current one is refused (the HTTP layer answers 412),
 * so that two people editing the same draft never overwrite each other silently.
 *
 * Tenancy as for the register (src/archive/tenancy.ts): a register sees its own drafts; another register's
 * draft is absent, never forbidden.
 */
import { randomUUID } from 'node:crypto';
import type { RegisterDb } from '../archive/db.js';
import type { Register } from '../archive/tenancy.js';

export const DRAFT_STATUSES = ['draft', 'submitted', 'issued'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** The status names the page shows. */
export const STATUS_NAMES: Record<DraftStatus, string> = { draft: 'Dự thảo', submitted: 'Trình ký', issued: 'Đã ban hành' };

export type DraftSummary = {
  id: string;
  agencyKey: string;
  author: string;
  template: string;
  summary: string;
  status: DraftStatus;
  version: number;
  documentId: string | null;
  createdAt: string;
  updatedAt: string;
};
export type Draft = DraftSummary & { data: unknown };
export type DraftVersion = { version: number; author: string; savedAt: string };

/** A save refused because the draft has moved on since the version it was made from. */
export class StaleVersionError extends Error {
  constructor(
    readonly current: DraftSummary,
    readonly given: number,
  ) {
    super(`draft ${current.id} is at version ${current.version}, the save was made from ${given}`);
  }
}

/** A change refused because the draft is issued (read-only). */
export class IssuedDraftError extends Error {
  constructor(readonly draft: DraftSummary) {
    super(`draft ${draft.id} is issued`);
  }
}

const SUMMARY_COLUMNS = 'id, agency_key, author, template, summary, status, version, document_id, created_at, updated_at';

function toSummary(r: Record<string, unknown>): DraftSummary {
  return {
    id: String(r.id),
    agencyKey: String(r.agency_key),
    author: String(r.author),
    template: String(r.template),
    summary: String(r.summary),
    status: r.status as DraftStatus,
    version: Number(r.version),
    documentId: r.document_id === null || r.document_id === undefined ? null : String(r.document_id),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

const DRAFT_ID = /^[0-9a-f-]{36}$/;
const visible = (d: DraftSummary, register: Register) => register === undefined || d.agencyKey === register;

export type DraftChange = { author: string; template: string; summary: string; data: unknown; status?: Exclude<DraftStatus, 'issued'> };

export class Drafts {
  constructor(private readonly db: RegisterDb) {}

  async create(agencyKey: string, change: DraftChange): Promise<Draft> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const data = JSON.stringify(change.data);
    await this.db.sql.tx(async (q) => {
      await q(`INSERT INTO drafts (${SUMMARY_COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, 1, NULL, ?, ?, ?)`, [
        id,
        agencyKey,
        change.author,
        change.template,
        change.summary,
        change.status ?? 'draft',
        now,
        now,
        data,
      ]);
      await q('INSERT INTO draft_versions (draft_id, version, author, data, saved_at) VALUES (?, 1, ?, ?, ?)', [id, change.author, data, now]);
    });
    return (await this.get(id, undefined))!;
  }

  /** The draft as the register sees it (undefined when absent or another register's); `version`: an older one. */
  async get(id: string, register: Register, version?: number): Promise<Draft | undefined> {
    if (!DRAFT_ID.test(id)) return undefined;
    const r = await this.db.sql.query(`SELECT ${SUMMARY_COLUMNS}, data FROM drafts WHERE id = ?`, [id]);
    if (!r[0]) return undefined;
    const d = toSummary(r[0]);
    if (!visible(d, register)) return undefined;
    if (version === undefined || version === d.version) return { ...d, data: JSON.parse(String(r[0].data)) as unknown };
    const v = await this.db.sql.query('SELECT author, data, saved_at FROM draft_versions WHERE draft_id = ? AND version = ?', [id, version]);
    if (!v[0]) return undefined;
    return { ...d, version, author: String(v[0].author), updatedAt: String(v[0].saved_at), data: JSON.parse(String(v[0].data)) as unknown };
  }

  /** The register's drafts (every register's for undefined), last changed first; `author` narrows to one author's. */
  async list(register: Register, f: { author?: string; status?: DraftStatus; limit: number; offset: number }): Promise<{ total: number; items: DraftSummary[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (register !== undefined) (where.push('agency_key = ?'), params.push(register));
    if (f.author !== undefined) (where.push('author = ?'), params.push(f.author));
    if (f.status !== undefined) (where.push('status = ?'), params.push(f.status));
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [n, rows] = await Promise.all([
      this.db.sql.query(`SELECT COUNT(*) AS n FROM drafts ${w}`, params),
      this.db.sql.query(`SELECT ${SUMMARY_COLUMNS} FROM drafts ${w} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`, [...params, f.limit, f.offset]),
    ]);
    return { total: Number(n[0]?.n ?? 0), items: rows.map(toSummary) };
  }

  async versions(id: string): Promise<DraftVersion[]> {
    const r = await this.db.sql.query('SELECT version, author, saved_at FROM draft_versions WHERE draft_id = ? ORDER BY version DESC', [id]);
    return r.map((x) => ({ version: Number(x.version), author: String(x.author), savedAt: String(x.saved_at) }));
  }

  /**
   * Saves a new version made from version `from`: StaleVersionError when the draft has moved on since,
   * IssuedDraftError when it is issued; undefined when the register does not see it.
   */
  async save(id: string, register: Register, from: number, change: DraftChange): Promise<Draft | undefined> {
    const now = new Date().toISOString();
    const data = JSON.stringify(change.data);
    const found = await this.db.sql.tx(async (q) => {
      const r = await q(`SELECT ${SUMMARY_COLUMNS} FROM drafts WHERE id = ?${this.db.kind === 'postgres' ? ' FOR UPDATE' : ''}`, [id]);
      const cur = r[0] ? toSummary(r[0]) : undefined;
      if (!cur || !visible(cur, register)) return false;
      if (cur.status === 'issued') throw new IssuedDraftError(cur);
      if (cur.version !== from) throw new StaleVersionError(cur, from);
      const version = cur.version + 1;
      await q('UPDATE drafts SET version = ?, author = ?, template = ?, summary = ?, status = ?, data = ?, updated_at = ? WHERE id = ?', [
        version,
        change.author,
        change.template,
        change.summary,
        change.status ?? cur.status,
        data,
        now,
        id,
      ]);
      await q('INSERT INTO draft_versions (draft_id, version, author, data, saved_at) VALUES (?, ?, ?, ?, ?)', [id, version, change.author, data, now]);
      return true;
    });
    return found ? this.get(id, register) : undefined;
  }

  /** Deletes a draft that is not issued (its versions with it); the same version rule as a save. */
  async remove(id: string, register: Register, from: number): Promise<boolean> {
    return this.db.sql.tx(async (q) => {
      const r = await q(`SELECT ${SUMMARY_COLUMNS} FROM drafts WHERE id = ?${this.db.kind === 'postgres' ? ' FOR UPDATE' : ''}`, [id]);
      const cur = r[0] ? toSummary(r[0]) : undefined;
      if (!cur || !visible(cur, register)) return false;
      if (cur.status === 'issued') throw new IssuedDraftError(cur);
      if (cur.version !== from) throw new StaleVersionError(cur, from);
      await q('DELETE FROM draft_versions WHERE draft_id = ?', [id]);
      await q('DELETE FROM drafts WHERE id = ?', [id]);
      return true;
    });
  }

  /** Marks the draft issued as the register's document `documentId` (read-only from then on). */
  async markIssued(id: string, documentId: string): Promise<void> {
    await this.db.sql.query("UPDATE drafts SET status = 'issued', document_id = ?, updated_at = ? WHERE id = ?", [documentId, new Date().toISOString(), id]);
  }
}
