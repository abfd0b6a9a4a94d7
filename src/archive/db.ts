/**
 * The register's database: SQLite in the data directory by default (nothing to install or start), PostgreSQL
 * when DATABASE_URL is set. Both run the versioned migrations of migrations/<kind>/ (recorded in
 * schema_migrations) and share the same SQL, written with "?" placeholders.
 *
 * Numbering is atomic: a number is taken and the document's row inserted in one transaction (SQLite:
 * BEGIN IMMEDIATE, one writer at a time; PostgreSQL: the register row locked with SELECT ... FOR UPDATE).
 * A row left 'issuing' is under a lease (Lease below): several instances on one PostgreSQL each complete
 * their own, and take over those of an instance that died once its lease expires.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ROOT } from '../render/paths.js';

/**
 * issuing: the number is taken, the files are not stored yet (being rendered, or retried in the background);
 * issued: complete; revoked: frozen by a revocation; failed: could not be completed after its retries. A
 * failed document keeps its number (Decree 30: numbers are not reused) and its reason (lastError).
 */
export type DocStatus = 'issuing' | 'issued' | 'revoked' | 'failed';

/** A file of a document in the content-addressed file store. */
export type StoredFile = { sha256: string; bytes: number };

/** Where a document is in its signing (issue 16): waiting, signed by the person with authority, sealed. */
export type SigningStatus = 'cho-ky' | 'da-ky' | 'da-dong-dau';

/** One signature a signed file carries, as the verifier read it. */
export type SignerRecord = { field: string; role: string; subject: string; issuer: string; serial: string; signingTime: string };

/** A signed file of a document (they follow each other: each one holds the one before it). */
export type SignedFile = StoredFile & { seq: number; stage: Exclude<SigningStatus, 'cho-ky'>; source: string; createdAt: string; signers: SignerRecord[] };

export type DocRow = {
  id: string;
  agencyKey: string;
  agencyName: string;
  organId: string;
  template: string;
  typeName: string;
  year: number;
  number: number;
  notation: string;
  kyHieu: string;
  issuedDate: string;
  summary: string;
  signerPosition: string;
  signerName: string;
  /** JSON: [{ id?, name }] */
  recipients: string;
  priority: string;
  copies: number | null;
  dueDate: string | null;
  pageCount: number | null;
  description: string;
  /** JSON of the validated input, number and date included. */
  data: string;
  status: DocStatus;
  /** The stored files by format ("pdf" the archival PDF/A, "docx"): empty until the document is issued. */
  files: Record<string, StoredFile>;
  searchText: string;
  correctionOf: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  idempotencyKey: string | null;
  createdAt: string;
  /** SHA-256 of the template, the validated data and the correction link: a retry without key is caught by it. */
  dataHash: string | null;
  /** Attempts at completing the document that failed so far. */
  attempts: number;
  /** Read only (src/signing/ sets it with each signed file); 'cho-ky' until one is stored. */
  signingStatus?: SigningStatus;
  /** The last failure (while issuing), or the reason it failed for good (failed). */
  lastError: string | null;
};

/** The columns of the documents table (the files are rows of document_files). */
const COLUMNS: [Exclude<keyof DocRow, 'files'>, string][] = [
  ['id', 'id'],
  ['agencyKey', 'agency_key'],
  ['agencyName', 'agency_name'],
  ['organId', 'organ_id'],
  ['template', 'template'],
  ['typeName', 'type_name'],
  ['year', 'year'],
  ['number', 'number'],
  ['notation', 'notation'],
  ['kyHieu', 'ky_hieu'],
  ['issuedDate', 'issued_date'],
  ['summary', 'summary'],
  ['signerPosition', 'signer_position'],
  ['signerName', 'signer_name'],
  ['recipients', 'recipients'],
  ['priority', 'priority'],
  ['copies', 'copies'],
  ['dueDate', 'due_date'],
  ['pageCount', 'page_count'],
  ['description', 'description'],
  ['data', 'data'],
  ['status', 'status'],
  ['searchText', 'search_text'],
  ['correctionOf', 'correction_of'],
  ['revokedAt', 'revoked_at'],
  ['revokeReason', 'revoke_reason'],
  ['idempotencyKey', 'idempotency_key'],
  ['createdAt', 'created_at'],
  ['dataHash', 'data_hash'],
  ['attempts', 'attempts'],
  ['lastError', 'last_error'],
];

function toRow(r: Record<string, unknown>): DocRow {
  const out: Record<string, unknown> = {};
  for (const [k, c] of COLUMNS) out[k] = r[c];
  for (const k of ['year', 'number', 'copies', 'pageCount', 'attempts'] as const)
    if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  // The files column, when selected, is a JSON object by format (a string from SQLite, parsed by pg).
  out.signingStatus = r.signing_status ?? 'cho-ky';
  const files = typeof r.files === 'string' ? (JSON.parse(r.files) as unknown) : r.files;
  out.files = Object.fromEntries(
    Object.entries((files ?? {}) as Record<string, { sha256: string; bytes: number | string }>).map(([f, v]) => [f, { sha256: v.sha256, bytes: Number(v.bytes) }]),
  );
  return out as DocRow;
}

/**
 * A lease on the rows left 'issuing' (migration 006): the instance that completes them (`owner`, one id per
 * process) and for how long without renewal. Times are ISO strings of the instances' clocks: keep them in step
 * (NTP); a lease is seconds to minutes long, far more than the skew of synchronised clocks.
 */
export type Lease = { owner: string; ms: number };
const leaseEnd = (l: Lease) => new Date(Date.now() + l.ms).toISOString();

/** A number given in the request that the register has already reached (used or skipped). */
export class NumberTakenError extends Error {
  constructor(
    readonly number: number,
    readonly last: number,
  ) {
    super(`number ${number} already reached (register at ${last})`);
  }
}

/** A number given in the request further ahead of the register than the allowed gap. */
export class NumberGapError extends Error {
  constructor(
    readonly number: number,
    readonly last: number,
    readonly maxGap: number,
  ) {
    super(`number ${number} is more than ${maxGap} ahead of the register (at ${last})`);
  }
}

/** The disk (or the database's) is full: SQLite SQLITE_FULL, PostgreSQL 53100, ENOSPC. */
export function isDiskFull(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; message?: string } | undefined;
  if (!err) return false;
  return err.code === 'ENOSPC' || err.code === 'SQLITE_FULL' || err.code === '53100' || err.code === 'EDQUOT' || /database or disk is full|No space left/i.test(err.message ?? '');
}

export type SearchFilter = {
  /** The register (tenancy): filtered in SQL on an indexed column. */
  agencyKey?: string;
  year?: number;
  template?: string;
  number?: number;
  /** Folded (no diacritics, lower case) words, all of which must appear. */
  words?: string[];
  from?: string;
  to?: string;
  statuses: DocStatus[];
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
  /** 'summary': the columns a list shows (default); 'all': whole rows (the printed register needs the data). */
  columns?: 'summary' | 'all';
};

/** What a list shows: no input data, no search text (kept off the wire between the reader and the loop). */
const SUMMARY_COLUMNS = ['id', 'agency_key', 'agency_name', 'template', 'type_name', 'year', 'number', 'notation', 'ky_hieu', 'issued_date', 'summary', 'status', 'signing_status', 'attempts', 'last_error', 'created_at']
  .map((c) => `d.${c}`)
  .join(', ');

/** What the two databases do; everything else is shared SQL. */
interface Driver {
  kind: 'sqlite' | 'postgres';
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs fn in a transaction; `lockRegister` is the SQL that locks the register row where the database can. */
  tx<T>(fn: (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T>;
  forUpdate: string;
  /** A read that may take a while (lists, counts, searches): off the event loop where the database allows. */
  read(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The status column as a filter that does not steer the planner away from the ordering index. */
  statusColumn: string;
  /**
   * The FROM clause (with the documents table as "d"), its parameters, and the ordering of a text search: every
   * folded word must occur in the document's search text; `agencyKey` narrows the search inside the index.
   */
  textSearch(words: string[], agencyKey?: string): { from: string; where: string; params: unknown[]; order: string };
  close(): Promise<void>;
}

/**
 * The SQLite reader: a worker thread with its own read-only connection (WAL lets it read while the main
 * connection writes), so a list or a search never holds the event loop (and /health) while it runs.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 10000');
const statements = new Map();
parentPort.on('message', (m) => {
  try {
    let st = statements.get(m.sql);
    if (!st) {
      st = db.prepare(m.sql);
      if (statements.size > 500) statements.clear();
      statements.set(m.sql, st);
    }
    parentPort.postMessage({ id: m.id, rows: st.all(...m.params) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e), code: e && e.code });
  }
});
`;

class SqliteReaders {
  private readonly workers: { w: Worker; busy: number }[] = [];
  private readonly jobs = new Map<number, { resolve(r: Record<string, unknown>[]): void; reject(e: Error): void }>();
  private next = 1;

  constructor(file: string, size: number) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    for (let i = 0; i < size; i++) {
      const w = new Worker(READER_SOURCE, { eval: true, workerData: { file, module } });
      w.unref();
      const slot = { w, busy: 0 };
      w.on('message', (m: { id: number; rows?: Record<string, unknown>[]; error?: string; code?: string }) => {
        slot.busy--;
        const job = this.jobs.get(m.id);
        if (!job) return;
        this.jobs.delete(m.id);
        if (m.error !== undefined) job.reject(Object.assign(new Error(m.error), { code: m.code }));
        else job.resolve(m.rows ?? []);
      });
      w.on('error', (err) => {
        for (const [id, job] of this.jobs) (this.jobs.delete(id), job.reject(err));
      });
      this.workers.push(slot);
    }
  }

  read(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.next++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      slot.w.postMessage({ id, sql, params });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}

/**
 * FTS5 query text: every word required, inside search_text; the last one as a prefix (a word being typed),
 * served by the index's prefix option; with a register, its one token too.
 */
function ftsQuery(words: string[], agencyKey?: string): string {
  const terms = words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' AND ');
  const text = `search_text : (${terms})`;
  if (agencyKey === undefined) return text;
  // The documents' generated column tenant: 't' || lower(hex(agency_key)), one token.
  return `tenant : "t${Buffer.from(agencyKey, 'utf8').toString('hex')}" AND ${text}`;
}

class SqliteDriver implements Driver {
  kind = 'sqlite' as const;
  forUpdate = '';
  // "+status": the status is checked on each row met along the ordering index, not used to pick an index.
  statusColumn = '+d.status';
  private db: Database.Database;
  private chain: Promise<unknown> = Promise.resolve();
  private readers?: SqliteReaders;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
  }

  private run(sql: string, params: unknown[] = []): Record<string, unknown>[] {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, st);
    }
    return st.reader ? (st.all(...params) as Record<string, unknown>[]) : (st.run(...params), []);
  }

  async query(sql: string, params: unknown[] = []) {
    return this.run(sql, params);
  }

  async read(sql: string, params: unknown[] = []) {
    // Started after the migrations (a read-only connection cannot create the tables).
    this.readers ??= new SqliteReaders(this.file, 2);
    return this.readers.read(sql, params);
  }

  /** FTS5 over the folded text, walked newest first (rowid order), so a page stops early whatever the matches. */
  textSearch(words: string[], agencyKey?: string) {
    return {
      from: 'documents_fts CROSS JOIN documents d ON d.seq = documents_fts.rowid',
      where: 'documents_fts MATCH ?',
      params: [ftsQuery(words, agencyKey)],
      order: 'documents_fts.rowid DESC',
    };
  }

  /**
   * A migration file whole (triggers hold semicolons), foreign keys off while tables are rebuilt. Another
   * process may have applied it meanwhile (two services starting on one data directory): checked again inside
   * the write transaction.
   */
  migrateFile(sql: string, version: string, record: () => void): void {
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version)) return;
        this.db.exec(sql);
        record();
        const bad = this.db.pragma('foreign_key_check') as unknown[];
        if (bad.length) throw new Error(`migration broke ${bad.length} foreign keys`);
      }).immediate();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  recordMigration(version: string): void {
    this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
  }

  /** One transaction at a time (better-sqlite3 is synchronous; the body of a transaction here is too). */
  tx<T>(fn: (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    const next = this.chain.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const r = await fn(async (sql, params) => this.run(sql, params));
        this.db.exec('COMMIT');
        return r;
      } catch (e) {
        // SQLite rolls back by itself on some errors (a full disk among them): roll back only what is still open,
        // so the real error is the one reported.
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  async close() {
    await this.chain;
    await this.readers?.close();
    this.db.close();
  }
}

class PgDriver implements Driver {
  kind = 'postgres' as const;
  forUpdate = ' FOR UPDATE';
  statusColumn = 'd.status';

  async read(sql: string, params: unknown[] = []) {
    return this.query(sql, params);
  }

  /**
   * Substrings of the folded search text, newest first: across registers through the pg_trgm GIN index
   * (documents_search_trgm); within one register, its rows (the agency index) are read and filtered, which
   * beats the trigram index's long posting lists for common words ("(... || '')" keeps the planner off it).
   */
  textSearch(words: string[], agencyKey?: string) {
    const col = agencyKey === undefined ? 'd.search_text' : "(d.search_text || '')";
    return {
      from: 'documents d',
      where: words.map(() => `${col} LIKE ? ESCAPE '\\'`).join(' AND '),
      params: words.map((w) => `%${escapeLike(w)}%`),
      order: 'd.seq DESC',
    };
  }
  private pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
  }

  private static sql(s: string): string {
    let i = 0;
    return s.replace(/\?/g, () => `$${++i}`);
  }

  async query(sql: string, params: unknown[] = []) {
    return (await this.pool.query(PgDriver.sql(sql), params)).rows as Record<string, unknown>[];
  }

  async tx<T>(fn: (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(async (sql, params = []) =>
        // Without parameters a query may hold several statements (the migrations).
        ((params.length ? await c.query(PgDriver.sql(sql), params) : await c.query(sql)).rows ?? []) as Record<string, unknown>[],
      );
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async close() {
    await this.pool.end();
  }
}

/** The shared SQL ("?" placeholders) for the modules that keep their own tables in the register's database (src/jobs/). */
export type Sql = Pick<Driver, 'kind' | 'query' | 'tx'>;

export class RegisterDb {
  private constructor(private readonly d: Driver) {}

  get kind() {
    return this.d.kind;
  }

  /**
   * The database itself, for the modules that keep their own tables in it (agency profiles and drafts of
   * migration 005, jobs and their queue of 006): `query` with "?" placeholders, `tx` for one transaction.
   */
  get sql(): Sql {
    return this.d;
  }

  /** SQLite at <dataDir>/vanban.sqlite, or PostgreSQL at databaseUrl; migrations applied. */
  static async open(o: { dataDir: string; databaseUrl?: string }): Promise<RegisterDb> {
    const d: Driver = o.databaseUrl ? new PgDriver(o.databaseUrl) : new SqliteDriver(path.join(o.dataDir, 'vanban.sqlite'));
    const db = new RegisterDb(d);
    await db.migrate();
    return db;
  }

  private async migrate(): Promise<void> {
    const dir = path.join(ROOT, 'migrations', this.d.kind);
    await this.d.query('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await this.d.query('SELECT version FROM schema_migrations')).map((r) => String(r.version)));
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql')).sort()) {
      if (done.has(f)) continue;
      const sql = readFileSync(path.join(dir, f), 'utf8');
      if (this.d instanceof SqliteDriver) {
        const d = this.d;
        d.migrateFile(sql, f, () => d.recordMigration(f));
        continue;
      }
      await this.d.tx(async (q) => {
        // One multi-statement query; the version row in the same transaction.
        await q(`SELECT pg_advisory_xact_lock(7310)`);
        const again = await q('SELECT 1 FROM schema_migrations WHERE version = ?', [f]);
        if (again.length) return;
        await q(sql);
        await q('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [f, new Date().toISOString()]);
      });
    }
  }

  /** The files of the document row `d` as one JSON object by format, for a SELECT list. */
  private get filesColumn(): string {
    return this.d.kind === 'postgres'
      ? "(SELECT json_object_agg(f.format, json_build_object('sha256', f.sha256, 'bytes', f.bytes)) FROM document_files f WHERE f.document_id = d.id) AS files"
      : "(SELECT json_group_object(f.format, json_object('sha256', f.sha256, 'bytes', f.bytes)) FROM document_files f WHERE f.document_id = d.id) AS files";
  }

  /**
   * Takes the next number of the agency's register for the year, or the wanted one, and inserts the document's
   * row as 'issuing', in one transaction. A wanted number must be one the register has not reached yet
   * (NumberTakenError otherwise) and at most maxGap ahead of it (NumberGapError otherwise): a number given in a
   * request can never move the counter far ahead, and numbers are never given twice.
   */
  async reserve(
    row: Omit<DocRow, 'number' | 'kyHieu'>,
    wanted: number | undefined,
    kyHieuOf: (n: number) => string,
    maxGap: number,
    lease: Lease,
  ): Promise<DocRow> {
    return this.d.tx(async (q) => {
      await q(
        this.d.kind === 'postgres'
          ? 'INSERT INTO registers (agency_key, year, last_number) VALUES (?, ?, 0) ON CONFLICT DO NOTHING'
          : 'INSERT OR IGNORE INTO registers (agency_key, year, last_number) VALUES (?, ?, 0)',
        [row.agencyKey, row.year],
      );
      const reg = await q(`SELECT last_number FROM registers WHERE agency_key = ? AND year = ?${this.d.forUpdate}`, [row.agencyKey, row.year]);
      const last = Number(reg[0]?.last_number ?? 0);
      let number: number;
      if (wanted !== undefined) {
        if (wanted <= last) throw new NumberTakenError(wanted, last);
        if (wanted - last > maxGap + 1) throw new NumberGapError(wanted, last, maxGap);
        number = wanted;
      } else number = last + 1;
      await q('UPDATE registers SET last_number = ? WHERE agency_key = ? AND year = ?', [number, row.agencyKey, row.year]);
      const full: DocRow = { ...row, number, kyHieu: kyHieuOf(number) };
      const data = JSON.parse(full.data) as Record<string, unknown>;
      full.data = JSON.stringify({ ...data, number });
      await q(`INSERT INTO documents (${COLUMNS.map((c) => c[1]).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, COLUMNS.map(([k]) => full[k]));
      await q('UPDATE documents SET lease_owner = ?, lease_until = ? WHERE id = ?', [lease.owner, leaseEnd(lease), full.id]);
      return full;
    });
  }

  /** Extends the leases of the rows an instance is completing (it is alive: they stay its own). */
  async renewLeases(lease: Lease): Promise<void> {
    await this.d.query("UPDATE documents SET lease_until = ? WHERE status = 'issuing' AND lease_owner = ?", [leaseEnd(lease), lease.owner]);
  }

  /** Gives up an instance's leases (a graceful stop): another instance takes its rows over at its next round. */
  async releaseLeases(lease: Lease): Promise<void> {
    await this.d.query("UPDATE documents SET lease_until = NULL WHERE status = 'issuing' AND lease_owner = ?", [lease.owner]);
  }

  /**
   * Takes over the rows left 'issuing' whose lease has expired (their instance died or stopped), or every
   * issuing row (`all`: an embedded service at its start, alone on its data directory), and returns them. One
   * UPDATE per row, conditional on the lease still being expired: two instances never take the same row. A row
   * taken over is marked interrupted (a retry without key then finds it).
   */
  async claimIssuing(lease: Lease, all: boolean): Promise<DocRow[]> {
    const now = new Date().toISOString();
    const expired = "status = 'issuing' AND (lease_until IS NULL OR lease_until < ?)";
    const candidates = await this.d.query(`SELECT id FROM documents WHERE ${all ? "status = 'issuing'" : expired} ORDER BY created_at`, all ? [] : [now]);
    const claimed: DocRow[] = [];
    for (const c of candidates) {
      const r = await this.d.query(
        `UPDATE documents SET lease_owner = ?, lease_until = ?, last_error = COALESCE(last_error, 'interrupted: the instance completing it stopped before the document was complete')
         WHERE id = ? AND ${all ? "status = 'issuing'" : expired} RETURNING id`,
        all ? [lease.owner, leaseEnd(lease), c.id] : [lease.owner, leaseEnd(lease), c.id, now],
      );
      if (r.length) {
        const row = await this.get(String(c.id));
        if (row) claimed.push(row);
      }
    }
    return claimed;
  }

  /** The register's last number for the year (0 when it has none). */
  async lastNumber(agencyKey: string, year: number): Promise<number> {
    const r = await this.d.query('SELECT last_number FROM registers WHERE agency_key = ? AND year = ?', [agencyKey, year]);
    return Number(r[0]?.last_number ?? 0);
  }

  /**
   * Marks an issuing document issued, with its files (written to the file store before this call), in one
   * transaction: an issued document always has its files. False when the row was no longer issuing.
   */
  async complete(id: string, f: { files: Record<string, StoredFile>; pageCount: number; searchText: string }): Promise<boolean> {
    return this.d.tx(async (q) => {
      const r = await q(`SELECT status FROM documents WHERE id = ?${this.d.forUpdate}`, [id]);
      if (r[0]?.status !== 'issuing') return false;
      await this.insertFiles(q, id, f.files);
      await q("UPDATE documents SET status = 'issued', page_count = ?, search_text = ?, last_error = NULL WHERE id = ?", [f.pageCount, f.searchText, id]);
      return true;
    });
  }

  private async insertFiles(q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>, id: string, files: Record<string, StoredFile>): Promise<void> {
    for (const [format, file] of Object.entries(files))
      await q('INSERT INTO document_files (document_id, format, sha256, bytes) VALUES (?, ?, ?, ?)', [id, format, file.sha256, file.bytes]);
  }

  /** Records a failed attempt at completing an issuing document (it stays issuing, to be retried). */
  async attemptFailed(id: string, error: string): Promise<void> {
    await this.d.query("UPDATE documents SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'issuing'", [error.slice(0, 2000), id]);
  }

  /** Gives up on an issuing document: failed, with its reason; the number stays taken. */
  async fail(id: string, reason: string): Promise<void> {
    await this.d.query("UPDATE documents SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'issuing'", [reason.slice(0, 2000), id]);
  }

  async get(id: string): Promise<DocRow | undefined> {
    const r = await this.d.query(`SELECT *, ${this.filesColumn} FROM documents d WHERE id = ?`, [id]);
    return r[0] ? toRow(r[0]) : undefined;
  }

  async byIdempotencyKey(agencyKey: string, key: string): Promise<DocRow | undefined> {
    const r = await this.d.query(`SELECT *, ${this.filesColumn} FROM documents d WHERE agency_key = ? AND idempotency_key = ?`, [agencyKey, key]);
    return r[0] ? toRow(r[0]) : undefined;
  }

  /**
   * The agency's document with the same data hash, created since `since`, still issuing after a failed attempt
   * (its client was answered with an error): a retry without Idempotency-Key gets it instead of a new number.
   */
  async pendingRetryOf(agencyKey: string, dataHash: string, since: string): Promise<DocRow | undefined> {
    const r = await this.d.query(
      `SELECT *, ${this.filesColumn} FROM documents d WHERE agency_key = ? AND data_hash = ? AND status = 'issuing' AND last_error IS NOT NULL AND created_at >= ? ORDER BY created_at LIMIT 1`,
      [agencyKey, dataHash, since],
    );
    return r[0] ? toRow(r[0]) : undefined;
  }

  async corrections(id: string): Promise<string[]> {
    return (await this.d.query('SELECT id FROM documents WHERE correction_of = ? ORDER BY created_at', [id])).map((r) => String(r.id));
  }

  /**
   * The FROM, WHERE and ORDER BY of a list or a search, every filter in SQL: the register (tenancy), year,
   * type, number, dates and status on the indexed columns; the words through the database's text search.
   * A list is ordered by year, date and number; a text search by the order of issue, newest first.
   */
  private query(f: Omit<SearchFilter, 'limit' | 'offset'>): { sql: string; params: unknown[]; order: string; text: boolean } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...p: unknown[]) => (where.push(sql), params.push(...p));
    const words = (f.words ?? []).filter(Boolean);
    let from = 'documents d';
    let order = `d.year ${f.order}, d.issued_date ${f.order}, d.number ${f.order}`;
    if (words.length) {
      const t = this.d.textSearch(words, f.agencyKey);
      from = t.from;
      order = t.order;
      add(t.where, ...t.params);
    }
    add(`${this.d.statusColumn} IN (${f.statuses.map(() => '?').join(', ')})`, ...f.statuses);
    if (f.agencyKey !== undefined) add('d.agency_key = ?', f.agencyKey);
    if (f.year !== undefined) add('d.year = ?', f.year);
    if (f.template) add('d.template = ?', f.template);
    if (f.number !== undefined) add('d.number = ?', f.number);
    if (f.from) add('d.issued_date >= ?', f.from);
    if (f.to) add('d.issued_date <= ?', f.to);
    return { sql: `FROM ${from} WHERE ${where.join(' AND ')}`, params, order, text: words.length > 0 };
  }

  /**
   * Filters, text search, order and paging all in SQL. The total is counted up to a cap (10,000 for a list,
   * 1,000 for a text search; totalCapped says the real number is larger), so that a count never reads a
   * whole archive.
   */
  async search(f: SearchFilter): Promise<{ total: number; totalCapped: boolean; rows: DocRow[] }> {
    const q = this.query(f);
    const cap = q.text ? 1_000 : 10_000;
    const [counted, rows] = await Promise.all([
      this.d.read(`SELECT COUNT(*) AS n FROM (SELECT 1 ${q.sql} LIMIT ${cap + 1}) AS c`, q.params),
      this.d.read(`SELECT ${f.columns === 'all' ? `d.*, ${this.filesColumn}` : SUMMARY_COLUMNS} ${q.sql} ORDER BY ${q.order} LIMIT ? OFFSET ?`, [...q.params, f.limit, f.offset]),
    ]);
    const n = Number(counted[0]?.n ?? 0);
    return { total: Math.min(n, cap), totalCapped: n > cap, rows: rows.map(toRow) };
  }

  /** The database's plan for a list or search (EXPLAIN; tests check that it reads indexes, not the table). */
  async plan(f: SearchFilter): Promise<string> {
    const q = this.query(f);
    const sql = `SELECT ${SUMMARY_COLUMNS} ${q.sql} ORDER BY ${q.order} LIMIT ? OFFSET ?`;
    const params = [...q.params, f.limit, f.offset];
    if (this.d.kind === 'sqlite') return (await this.d.query(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => String(r.detail)).join('\n');
    return (await this.d.query(`EXPLAIN ${sql}`, params)).map((r) => String(r['QUERY PLAN'])).join('\n');
  }

  /** The exact number of documents a filter selects (the printed register checks its size with it). */
  async count(f: Omit<SearchFilter, 'limit' | 'offset' | 'order'>): Promise<number> {
    const q = this.query({ ...f, order: 'asc' });
    return Number((await this.d.read(`SELECT COUNT(*) AS n ${q.sql}`, q.params))[0]?.n ?? 0);
  }

  /** The registers (agency keys) that have documents for the year and match an identifier or a register key. */
  async registersOf(agency: string, year: number): Promise<string[]> {
    const r = await this.d.query('SELECT agency_key FROM registers WHERE year = ? AND (agency_key = ? OR agency_key = ?)', [year, agency, `id:${agency}`]);
    return r.map((x) => String(x.agency_key));
  }

  /** Freezes a document as revoked; false when it was not issued (unknown, issuing or revoked already). */
  async revoke(id: string, agencyKey: string | undefined, reason: string, at: string): Promise<boolean> {
    return this.d.tx(async (q) => {
      const r = await q(`SELECT status, agency_key FROM documents WHERE id = ?${this.d.forUpdate}`, [id]);
      if (r[0]?.status !== 'issued') return false;
      if (agencyKey !== undefined && r[0]?.agency_key !== agencyKey) return false;
      await q("UPDATE documents SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE id = ?", [at, reason, id]);
      return true;
    });
  }

  /**
   * Stores a signed file of an issued document with its signers and moves its signing status, in one
   * transaction. `after`: the seq of the signed file this one extends (0: the unsigned PDF); false when another
   * signed file was stored meanwhile (the caller verified against a state that is gone).
   */
  async addSignedFile(id: string, after: number, f: Omit<SignedFile, 'seq'>): Promise<SignedFile | false> {
    return this.d.tx(async (q) => {
      const r = await q(`SELECT COALESCE(MAX(seq), 0) AS seq FROM signed_files WHERE document_id = ?`, [id]);
      if (Number(r[0]?.seq ?? 0) !== after) return false;
      const seq = after + 1;
      await q('INSERT INTO signed_files (document_id, seq, sha256, bytes, stage, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, seq, f.sha256, f.bytes, f.stage, f.source, f.createdAt]);
      for (const [i, s] of f.signers.entries())
        await q('INSERT INTO signatures (document_id, seq, idx, field, role, subject, issuer, serial, signing_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          id,
          seq,
          i,
          s.field,
          s.role,
          s.subject,
          s.issuer,
          s.serial,
          s.signingTime,
        ]);
      await q('UPDATE documents SET signing_status = ? WHERE id = ?', [f.stage, id]);
      return { ...f, seq };
    });
  }

  /** The signed files of a document, oldest first, with their signers. */
  async signedFiles(id: string): Promise<SignedFile[]> {
    const [files, signers] = await Promise.all([
      this.d.query('SELECT seq, sha256, bytes, stage, source, created_at FROM signed_files WHERE document_id = ? ORDER BY seq', [id]),
      this.d.query('SELECT seq, field, role, subject, issuer, serial, signing_time FROM signatures WHERE document_id = ? ORDER BY seq, idx', [id]),
    ]);
    return files.map((f) => ({
      seq: Number(f.seq),
      sha256: String(f.sha256),
      bytes: Number(f.bytes),
      stage: f.stage as SignedFile['stage'],
      source: String(f.source),
      createdAt: String(f.created_at),
      signers: signers
        .filter((s) => Number(s.seq) === Number(f.seq))
        .map((s) => ({ field: String(s.field), role: String(s.role), subject: String(s.subject), issuer: String(s.issuer), serial: String(s.serial), signingTime: String(s.signing_time) })),
    }));
  }

  /** The documents holding a file with one of these hashes: as their unsigned PDF ('pdf') or a signed file ('signed'). */
  async documentsWithFile(hashes: string[]): Promise<{ id: string; kind: 'pdf' | 'signed'; sha256: string }[]> {
    if (hashes.length === 0) return [];
    const marks = hashes.map(() => '?').join(', ');
    const r = await this.d.query(
      `SELECT document_id, 'pdf' AS kind, sha256 FROM document_files WHERE format = 'pdf' AND sha256 IN (${marks}) UNION ALL SELECT document_id, 'signed' AS kind, sha256 FROM signed_files WHERE sha256 IN (${marks})`,
      [...hashes, ...hashes],
    );
    return r.map((x) => ({ id: String(x.document_id), kind: x.kind as 'pdf' | 'signed', sha256: String(x.sha256) }));
  }

  async createSigningSession(tokenSha256: string, documentId: string, expiresAt: string): Promise<void> {
    await this.d.query('INSERT INTO signing_sessions (token_sha256, document_id, expires_at, created_at) VALUES (?, ?, ?, ?)', [tokenSha256, documentId, expiresAt, new Date().toISOString()]);
  }

  /** The document of a signing session whose `use` URL is still unused and unexpired (nothing recorded). */
  async openSigningSession(tokenSha256: string, use: 'download' | 'upload', now: string): Promise<string | undefined> {
    const col = use === 'download' ? 'downloaded_at' : 'uploaded_at';
    const r = await this.d.query(`SELECT document_id FROM signing_sessions WHERE token_sha256 = ? AND ${col} IS NULL AND expires_at > ?`, [tokenSha256, now]);
    return r[0] ? String(r[0].document_id) : undefined;
  }

  /**
   * Uses one URL of a signing session, once: the document's id, or undefined when the token is unknown, expired
   * or that URL was used already. The use is recorded in the same statement that checks it (no double use).
   */
  async useSigningSession(tokenSha256: string, use: 'download' | 'upload', now: string): Promise<string | undefined> {
    const col = use === 'download' ? 'downloaded_at' : 'uploaded_at';
    return this.d.tx(async (q) => {
      const r = await q(`SELECT document_id, expires_at, ${col} AS used FROM signing_sessions WHERE token_sha256 = ?${this.d.forUpdate}`, [tokenSha256]);
      const row = r[0];
      if (!row || row.used !== null || String(row.expires_at) <= now) return undefined;
      await q(`UPDATE signing_sessions SET ${col} = ? WHERE token_sha256 = ?`, [now, tokenSha256]);
      return String(row.document_id);
    });
  }

  /** Refreshes the planner's statistics (after a bulk load; PostgreSQL's autovacuum does it in time). */
  async analyze(): Promise<void> {
    await this.d.query(this.d.kind === 'postgres' ? 'ANALYZE documents' : 'ANALYZE');
  }

  /** Loads rows straight into the register (bench/register.ts): one transaction, numbers as given. */
  async bulkInsert(rows: DocRow[]): Promise<void> {
    await this.d.tx(async (q) => {
      for (const full of rows) {
        await q(`INSERT INTO documents (${COLUMNS.map((c) => c[1]).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, COLUMNS.map(([k]) => full[k]));
        await this.insertFiles(q, full.id, full.files);
      }
      const last = new Map<string, number>();
      for (const r of rows) last.set(`${r.agencyKey}\u0000${r.year}`, Math.max(last.get(`${r.agencyKey}\u0000${r.year}`) ?? 0, r.number));
      for (const [k, n] of last) {
        const [agencyKey, year] = k.split('\u0000');
        await q(
          this.d.kind === 'postgres'
            ? 'INSERT INTO registers (agency_key, year, last_number) VALUES (?, ?, ?) ON CONFLICT (agency_key, year) DO UPDATE SET last_number = GREATEST(registers.last_number, EXCLUDED.last_number)'
            : 'INSERT INTO registers (agency_key, year, last_number) VALUES (?, ?, ?) ON CONFLICT (agency_key, year) DO UPDATE SET last_number = MAX(last_number, excluded.last_number)',
          [agencyKey, Number(year), n],
        );
      }
    });
  }

  close(): Promise<void> {
    return this.d.close();
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
