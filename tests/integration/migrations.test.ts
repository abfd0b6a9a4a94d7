/**
 * Migration 003 (issue 15): a register written before it keeps every issued document's files. The database is
 * built with migrations 001 and 002 as a release before issue 15 left it, with issued and issuing rows, then
 * opened by the current code, on SQLite and on a real PostgreSQL server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterDb } from '../../src/archive/db.js';
import { ROOT } from '../../src/render/paths.js';
import { startPostgres, type Pg } from '../support/postgres.js';

const OLD = ['001_register.sql', '002_issue13.sql'];
const sqlOf = (kind: string, f: string) => readFileSync(path.join(ROOT, 'migrations', kind, f), 'utf8');

const INSERT =
  'INSERT INTO documents (id, agency_key, agency_name, template, type_name, year, number, notation, ky_hieu, issued_date, summary, signer_position, signer_name, recipients, data, status, created_at, pdf_sha256, pdf_bytes, docx_sha256, docx_bytes) VALUES ';
const rows: [string, string, string | null, number | null, string | null, number | null][] = [
  ['00000000-0000-4000-8000-000000000001', 'issued', 'a'.repeat(64), 123_456, 'b'.repeat(64), 7_890],
  ['00000000-0000-4000-8000-000000000002', 'revoked', 'c'.repeat(64), 1, 'd'.repeat(64), 2],
  ['00000000-0000-4000-8000-000000000003', 'issuing', null, null, null, null],
];
const values = (n: number) =>
  `(?, 'id:000.00.00.H53', 'Sở Nội vụ', 'quyet-dinh', 'Quyết định', 2025, ${n}, 'QĐ-SNV', '0${n}/QĐ-SNV', '2025-03-0${n}', 'Trích yếu', 'Giám đốc', 'Nguyễn Văn A', '[]', '{}', ?, '2025-03-01T00:00:00Z', ?, ?, ?, ?)`;

async function expectMigrated(db: RegisterDb): Promise<void> {
  const a = await db.get(rows[0]![0]);
  expect(a?.files).toEqual({ pdf: { sha256: 'a'.repeat(64), bytes: 123_456 }, docx: { sha256: 'b'.repeat(64), bytes: 7_890 } });
  expect((await db.get(rows[1]![0]))?.files).toEqual({ pdf: { sha256: 'c'.repeat(64), bytes: 1 }, docx: { sha256: 'd'.repeat(64), bytes: 2 } });
  expect((await db.get(rows[2]![0]))?.files).toEqual({});
  // The register print reads every column, the files with them.
  const all = await db.search({ agencyKey: 'id:000.00.00.H53', year: 2025, statuses: ['issued', 'revoked'], limit: 10, offset: 0, order: 'asc', columns: 'all' });
  expect(all.rows.map((r) => Object.keys(r.files).sort().join(','))).toEqual(['docx,pdf', 'docx,pdf']);
}

describe('migration 003: files by format', () => {
  let pgServer: Pg | undefined;
  beforeAll(async () => {
    pgServer = await startPostgres();
  }, 60_000);
  afterAll(() => pgServer?.stop());

  it('SQLite: moves the pdf and docx columns into document_files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-mig-'));
    try {
      const raw = new Database(path.join(dir, 'vanban.sqlite'));
      raw.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const f of OLD) {
        raw.exec(sqlOf('sqlite', f));
        raw.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(f, new Date().toISOString());
      }
      rows.forEach(([id, status, ps, pb, ds, db], i) => raw.prepare(INSERT + values(i + 1)).run(id, status, ps, pb, ds, db));
      raw.close();
      const db = await RegisterDb.open({ dataDir: dir });
      try {
        await expectMigrated(db);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: the same', async (ctx) => {
    if (!pgServer) return ctx.skip();
    const client = new pg.Client({ connectionString: pgServer.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const f of OLD) {
        await client.query(sqlOf('postgres', f));
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2)', [f, new Date().toISOString()]);
      }
      for (const [i, [id, status, ps, pb, ds, db]] of rows.entries()) {
        let k = 0;
        await client.query((INSERT + values(i + 1)).replace(/\?/g, () => `$${++k}`), [id, status, ps, pb, ds, db]);
      }
    } finally {
      await client.end();
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-mig-'));
    const db = await RegisterDb.open({ dataDir: dir, databaseUrl: pgServer.url });
    try {
      await expectMigrated(db);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
