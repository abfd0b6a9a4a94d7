/**
 * Leases on documents left 'issuing' (src/archive/db.ts, issue 18), on both databases, between two "instances"
 * (two owners, two connections): a live lease is never taken; an expired one is taken by exactly one of two
 * instances claiming at once; the old owner's renewal does not take it back; a released lease is taken at once;
 * an embedded start takes every issuing row. The same with real processes and kill -9: bench/chaos-scale.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterDb, type DocRow, type Lease } from '../../src/archive/db.js';
import { loadedRow } from '../../bench/rows.js';
import { startPostgres, type Pg } from '../support/postgres.js';

let pg: Pg | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

const row = (i: number): Omit<DocRow, 'number' | 'kyHieu'> => {
  const { number: _n, kyHieu: _k, ...r } = loadedRow({
    agencyKey: 'id:000.00.31.H43',
    agencyName: 'Sở Nội vụ',
    organId: '000.00.31.H43',
    template: 'quyet-dinh',
    typeName: 'Quyết định',
    year: 2026,
    number: 0,
    notation: 'QĐ-SNV',
    kyHieu: '',
    issuedDate: '2026-12-01',
    summary: `Văn bản ${i}`,
    searchText: '',
    createdAt: new Date().toISOString(),
    status: 'issuing',
  });
  return r;
};

describe.each(['sqlite', 'postgres'] as const)('leases (%s)', (kind) => {
  let a: RegisterDb;
  let b: RegisterDb;
  let dir: string;
  beforeAll(async () => {
    if (kind === 'postgres' && !pg) throw new Error('PostgreSQL binaries are not installed');
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-leases-'));
    const o = { dataDir: dir, ...(kind === 'postgres' ? { databaseUrl: pg!.url } : {}) };
    a = await RegisterDb.open(o);
    b = await RegisterDb.open(o);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never takes a live lease, gives an expired one to one instance, takes a released one at once', async () => {
    // Margins of several hundred ms around every expiry: the machine may be busy.
    const A: Lease = { owner: 'instance-a', ms: 1500 };
    const B: Lease = { owner: 'instance-b', ms: 60_000 };
    const C: Lease = { owner: 'instance-c', ms: 60_000 };
    const doc = await a.reserve(row(1), undefined, (n) => `${n}/QĐ-SNV`, 50, A);
    expect(await b.claimIssuing(B, false)).toEqual([]);
    await new Promise((r) => setTimeout(r, 800));
    await a.renewLeases(A);
    await new Promise((r) => setTimeout(r, 800));
    // Past the first lease's end, but renewed 800 ms ago for 1500 ms: still A's.
    expect(await b.claimIssuing(B, false)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1200));
    // Expired: two instances claim at once, one gets it.
    const [byB, byC] = await Promise.all([b.claimIssuing(B, false), a.claimIssuing(C, false)]);
    expect([...byB, ...byC].map((r) => r.id)).toEqual([doc.id]);
    const taken = byB.length ? B : C;
    const got = (await a.get(doc.id))!;
    expect(got.lastError).toMatch(/^interrupted/);
    // The old owner's renewal does not take it back; nobody else gets it while the new lease lives.
    await a.renewLeases(A);
    expect(await b.claimIssuing(B, false)).toEqual([]);
    expect(await a.claimIssuing(A, false)).toEqual([]);
    // Released (a graceful stop): taken at once.
    await a.releaseLeases(taken);
    expect((await b.claimIssuing(A, false)).map((r) => r.id)).toEqual([doc.id]);
    // An embedded start takes every issuing row, live leases included.
    if (kind === 'sqlite') expect((await a.claimIssuing(B, true)).map((r) => r.id)).toEqual([doc.id]);
    await a.complete(doc.id, { files: {}, pageCount: 1, searchText: '' });
    expect(await b.claimIssuing(B, true)).toEqual([]);
  });
});
