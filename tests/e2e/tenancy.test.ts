/**
 * Tenancy comes from the API key, never from the body (issue 13, item 1), on SQLite and on a real PostgreSQL
 * server: the attacks of the issue (agency A's key naming agency B's identifier, a number far ahead of the
 * register, B's Idempotency-Key, a key scoped by abbreviation) fail; each agency lists, searches, reads, prints
 * and revokes only its own register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadApiKeys } from '../../src/config.js';
import { hashKey } from '../../src/http/access.js';
import { pgInstalled, startPostgres, type Pg } from '../support/postgres.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const fixture = (name: string) => JSON.parse(readFileSync(path.join('fixtures/quyet-dinh', name), 'utf8')) as Record<string, any>;

const A_ID = '000.00.12.H56';
const B_ID = '000.00.31.H43';
const KEY_A = 'khoa-so-noi-vu-a';
const KEY_B = 'khoa-ubnd-b';
const ADMIN = 'khoa-quan-tri';

/** Agency A's decision (Sở Nội vụ, "SNV"), without number; identifier as given. */
const docA = (identifier?: string) => {
  const d = fixture('qd-kt-so-noi-vu.json');
  delete d.number;
  d.agency = { ...d.agency, ...(identifier ? { identifier } : {}) };
  return d;
};
/** Agency B's decision (UBND tỉnh Hải Dương). */
const docB = () => {
  const d = fixture('qd-tm-kt.json');
  delete d.number;
  d.agency = { ...d.agency, identifier: B_ID };
  return d;
};

let pg: Pg | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

describe.each(['sqlite', 'postgres'] as const)('tenancy on %s', (backend) => {
  if (backend === 'postgres' && !pgInstalled) return void it.skip('PostgreSQL server binaries not installed', () => undefined);
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-tenancy-'));
    app = await buildApp({
      logger: false,
      dataDir: dir,
      poolSize: 2,
      registerMaxGap: 50,
      ...(backend === 'postgres' ? { databaseUrl: pg!.url } : {}),
      apiKeys: [
        { id: 'a', sha256: hashKey(KEY_A), role: 'agency', agency: A_ID },
        { id: 'b', sha256: hashKey(KEY_B), role: 'agency', agency: B_ID },
        { id: 'admin', sha256: hashKey(ADMIN), role: 'admin' },
      ],
      ratePerMinute: 0,
    });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const as = (key: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
  const listOf = async (key: string, query = '') => (await as(key, 'GET', `/v1/documents?status=all&pageSize=100${query}`)).json() as { total: number; items: { id: string; number: number; agencyName: string }[] };

  let bDoc: { id: string; number: number };
  const B_IDEM = 'b-idem-0001';

  it('B issues into its register; A issues into its own with the identifier filled in from the key', async () => {
    const b = await as(KEY_B, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docB() }, { 'idempotency-key': B_IDEM });
    expect(b.statusCode).toBe(201);
    bDoc = b.json() as { id: string; number: number };
    expect(bDoc.number).toBe(1);
    const a = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA() });
    expect(a.statusCode).toBe(201);
    expect((a.json() as any).metadata.organId).toBe(A_ID);
    expect((a.json() as any).number).toBe(1);
  });

  it("A's key naming B's identifier (and A's abbreviation) is refused 403 on $.data.agency.identifier; B's register is untouched", async () => {
    const body = docA(B_ID);
    const res = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: body, register: { number: 999_999 } });
    expect(res.statusCode).toBe(403);
    const err = (res.json() as any).error;
    expect(err.code).toBe('forbidden_agency');
    expect(err.details[0].path).toBe('$.data.agency.identifier');
    expect(err.message).toMatch(/cơ quan/);
    expect((await listOf(KEY_B)).total).toBe(1);
    // B's next number is still 2.
    const next = await as(KEY_B, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docB() });
    expect((next.json() as { number: number }).number).toBe(2);
  });

  it('a number far ahead of the register is refused (422), one already reached is refused (409); the counter does not move', async () => {
    const far = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(), register: { number: 999_999 } });
    expect(far.statusCode).toBe(422);
    expect(far.json()).toMatchObject({ error: { code: 'number_gap_too_large', details: [{ path: '$.register.number' }] } });
    expect((far.json() as any).error.message).toMatch(/vượt quá số tiếp theo/);
    const inData = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: { ...docA(), number: 500 } });
    expect(inData.statusCode).toBe(422);
    const reached = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(), register: { number: 1 } });
    expect(reached.statusCode).toBe(409);
    expect(reached.json()).toMatchObject({ error: { code: 'number_taken' } });
    // Within the gap: allowed (numbers 2..10 are skipped for good); the next is 11.
    const within = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(), register: { number: 10 } });
    expect(within.statusCode).toBe(201);
    const after = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA() });
    expect((after.json() as { number: number }).number).toBe(11);
    const skipped = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(), register: { number: 5 } });
    expect(skipped.statusCode).toBe(409);
  });

  it("B's Idempotency-Key used with A's key gives A its own new document, never B's record", async () => {
    const res = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA() }, { 'idempotency-key': B_IDEM });
    expect(res.statusCode).toBe(201);
    const doc = res.json() as any;
    expect(doc.id).not.toBe(bDoc.id);
    expect(doc.metadata.organId).toBe(A_ID);
    // The same key again with the same body: the same document; with another body: refused.
    const again = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA() }, { 'idempotency-key': B_IDEM });
    expect(again.statusCode).toBe(200);
    expect((again.json() as any).id).toBe(doc.id);
    const other = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: { ...docA(), summary: 'Nội dung khác hẳn' } }, { 'idempotency-key': B_IDEM });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  });

  it('lists, searches, reads, prints, corrects and revokes only its own register', async () => {
    const a = await listOf(KEY_A);
    const b = await listOf(KEY_B);
    expect(a.items.every((i) => i.agencyName === 'Sở Nội vụ tỉnh Thanh Hóa')).toBe(true);
    expect(b.items.every((i) => i.agencyName === 'Ủy ban nhân dân tỉnh Hải Dương')).toBe(true);
    expect(a.total).toBe(4);
    expect(b.total).toBe(2);
    // Asking for the other agency changes nothing.
    expect((await listOf(KEY_A, `&agency=${B_ID}`)).total).toBe(4);
    expect((await listOf(KEY_A, `&q=${encodeURIComponent('Hải Dương')}`)).total).toBe(0);
    expect((await listOf(ADMIN, `&agency=${B_ID}`)).total).toBe(2);
    expect((await listOf(ADMIN)).total).toBe(6);
    expect((await as(KEY_A, 'GET', `/v1/documents/${bDoc.id}`)).statusCode).toBe(404);
    expect((await as(KEY_A, 'GET', `/v1/documents/${bDoc.id}/docx`)).statusCode).toBe(404);
    expect((await as(KEY_A, 'POST', `/v1/documents/${bDoc.id}/revoke`, { reason: 'tấn công' })).statusCode).toBe(404);
    const fix = await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(), correctionOf: bDoc.id });
    expect(fix.statusCode).toBe(404);
    // An admin correcting across registers is refused too.
    const cross = await as(ADMIN, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(A_ID), correctionOf: bDoc.id });
    expect(cross.statusCode).toBe(422);
    expect((await as(KEY_A, 'GET', `/v1/registers?agency=${B_ID}&year=2024&format=docx`)).statusCode).toBe(404);
    const own = await as(KEY_A, 'GET', '/v1/registers?year=2024&format=docx');
    expect(own.statusCode).toBe(200);
    expect((await as(KEY_B, 'GET', `/v1/registers?agency=${B_ID}&year=2024&format=docx`)).statusCode).toBe(200);
    expect((await as(KEY_B, 'POST', `/v1/documents/${bDoc.id}/revoke`, { reason: 'Sai căn cứ' })).statusCode).toBe(200);
  }, 120_000);

  it('/metrics needs the admin key', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const agency = await as(KEY_A, 'GET', '/metrics');
    expect(agency.statusCode).toBe(403);
    expect(agency.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await as(ADMIN, 'GET', '/metrics')).statusCode).toBe(200);
  });
});

describe('key configuration', () => {
  const h = hashKey('x');
  it('binds an agency key to an identifier; refuses to start with a key scoped by abbreviation or without agency', () => {
    expect(loadApiKeys({ API_KEYS: `a:${h}:${A_ID},adm:${h}:admin` })).toEqual([
      { id: 'a', sha256: h, role: 'agency', agency: A_ID },
      { id: 'adm', sha256: h, role: 'admin' },
    ]);
    expect(() => loadApiKeys({ API_KEYS: `snv:${h}:SNV` })).toThrow(/"snv" is bound to "SNV", which is not an agency identifier code/);
    expect(() => loadApiKeys({ API_KEYS: `snv:${h}` })).toThrow(/agency key without an agency/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-keys-'));
    try {
      const file = path.join(dir, 'keys.json');
      writeFileSync(file, JSON.stringify([{ id: 'snv', sha256: h, agency: 'SNV' }]));
      expect(() => loadApiKeys({ API_KEYS_FILE: file })).toThrow(/API_KEYS_FILE .*not an agency identifier code/);
      writeFileSync(file, JSON.stringify([{ id: 'snv', sha256: h, agency: A_ID }]));
      expect(loadApiKeys({ API_KEYS_FILE: file })).toEqual([{ id: 'snv', sha256: h, role: 'agency', agency: A_ID }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('buildApp refuses an abbreviation-scoped key too', async () => {
    await expect(buildApp({ logger: false, apiKeys: [{ id: 'snv', sha256: h, role: 'agency', agency: 'SNV' }] })).rejects.toThrow(/not an agency identifier code/);
  });
});
