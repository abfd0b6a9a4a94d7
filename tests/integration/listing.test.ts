/**
 * Listing by index (issue 13, item 4), on SQLite and on a real PostgreSQL server, with 12,000 documents of three
 * agencies loaded straight into the register: tenancy, year, type, dates and status filter in SQL, paging in
 * SQL, the total counted up to a cap, search through the text index on folded text, and the database's plan
 * reads the indexes, never the whole table. (Latency is measured by bench/register.ts, not here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegisterDb, type DocRow, type DocStatus } from '../../src/archive/db.js';
import { fold } from '../../src/archive/archive.js';
import { pgInstalled, startPostgres, type Pg } from '../support/postgres.js';
import { loadedRow } from '../../bench/rows.js';

let pg: Pg | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

const AGENCIES = ['id:000.00.01.H01', 'id:000.00.02.H02', 'id:000.00.03.H03'];
function row(i: number): DocRow {
  const a = i % 3;
  const n = Math.floor(i / 3) + 1;
  const month = 1 + (n % 12);
  const status: DocStatus = n % 50 === 0 ? 'revoked' : n % 97 === 0 ? 'failed' : 'issued';
  return loadedRow({
    agencyKey: AGENCIES[a]!,
    agencyName: `Cơ quan ${a}`,
    organId: AGENCIES[a]!.slice(3),
    template: n % 2 ? 'quyet-dinh' : 'cong-van',
    typeName: n % 2 ? 'Quyết định' : 'Công văn',
    year: 2025,
    number: n,
    notation: `QĐ-CQ${a}`,
    kyHieu: `${n}/QĐ-CQ${a}`,
    issuedDate: `2025-${String(month).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    summary: `Văn bản số ${n}`,
    status,
    searchText: fold(`${n}/QĐ-CQ${a} Cơ quan ${a} ${n % 10 === 0 ? 'Cải cách hành chính' : 'Thi đua khen thưởng'} ${n === 7 ? 'Đặc biệt hiếm' : ''}`),
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
  });
}

describe.each(['sqlite', 'postgres'] as const)('listing on %s', (backend) => {
  if (backend === 'postgres' && !pgInstalled) return void it.skip('PostgreSQL server binaries not installed', () => undefined);
  let db: RegisterDb;
  let dir: string;
  const base = { statuses: ['issued', 'revoked'] as DocStatus[], limit: 20, offset: 0, order: 'desc' as const };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-listing-'));
    db = await RegisterDb.open({ dataDir: dir, ...(backend === 'postgres' ? { databaseUrl: pg!.url } : {}) });
    const rows = Array.from({ length: 12_000 }, (_, i) => row(i));
    for (let i = 0; i < rows.length; i += 3000) await db.bulkInsert(rows.slice(i, i + 3000));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('filters by register, type, dates and status in SQL, pages in SQL, newest first', async () => {
    const a = await db.search({ ...base, agencyKey: AGENCIES[1] });
    expect(a.rows.every((r) => r.agencyKey === AGENCIES[1])).toBe(true);
    const failed = Math.floor(4000 / 97) - Math.floor(4000 / (97 * 50));
    expect(a.total).toBe(4000 - failed);
    expect(a.totalCapped).toBe(false);
    const p2 = await db.search({ ...base, agencyKey: AGENCIES[1], offset: 20 });
    expect(p2.rows.map((r) => r.id).some((id) => a.rows.some((x) => x.id === id))).toBe(false);
    const keys = [...a.rows, ...p2.rows].map((r) => `${r.year}-${r.issuedDate}-${String(r.number).padStart(6, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
    const typed = await db.search({ ...base, agencyKey: AGENCIES[0], template: 'cong-van', from: '2025-03-01', to: '2025-03-31' });
    expect(typed.total).toBeGreaterThan(0);
    expect(typed.rows.every((r) => r.template === 'cong-van' && r.issuedDate >= '2025-03-01' && r.issuedDate <= '2025-03-31' && r.agencyKey === AGENCIES[0])).toBe(true);
    const failedOnly = await db.search({ ...base, statuses: ['failed'], agencyKey: AGENCIES[2] });
    expect(failedOnly.rows.every((r) => r.status === 'failed')).toBe(true);
    // Every register: the count stops at 10,000.
    const all = await db.search(base);
    expect(all.total).toBe(10_000);
    expect(all.totalCapped).toBe(true);
  });

  it("searches the folded text within the register, never another's", async () => {
    const r = await db.search({ ...base, agencyKey: AGENCIES[0], words: ['cai', 'cach', 'hanh', 'chinh'] });
    expect(r.total).toBeGreaterThan(0);
    expect(r.rows.every((x) => x.agencyKey === AGENCIES[0] && x.summary.length > 0)).toBe(true);
    const rare = await db.search({ ...base, words: [fold('Đặc biệt'), 'hie'] });
    expect(rare.rows.map((x) => x.agencyKey).sort()).toEqual([...AGENCIES].sort());
    const mine = await db.search({ ...base, agencyKey: AGENCIES[2], words: ['dac', 'biet', 'hiem'] });
    expect(mine.rows.map((x) => x.agencyKey)).toEqual([AGENCIES[2]]);
    expect((await db.search({ ...base, words: ['khongcochuoinay'] })).total).toBe(0);
  });

  it('reads the indexes, not the whole table', async () => {
    const list = await db.plan({ ...base, agencyKey: AGENCIES[0], year: 2025 });
    const search = await db.plan({ ...base, agencyKey: AGENCIES[0], words: ['cai', 'cach'] });
    if (backend === 'sqlite') {
      expect(list).toMatch(/USING (COVERING )?INDEX documents_agency_order/);
      expect(list).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      expect(search).toMatch(/VIRTUAL TABLE INDEX/);
      expect(search).not.toMatch(/^SCAN d$/m);
    } else {
      expect(list).toMatch(/Index (Only )?Scan.*documents_agency_order/);
      expect(list).not.toMatch(/Seq Scan on documents/);
    }
  });
});
