/**
 * GET /v1/suggestions (issue 17: autocomplete for agencies and Nơi nhận): the values of the key's agency's
 * drafts and issued documents, the most used first, with the tenancy of the register: agency B never sees
 * agency A's values; an admin key sees both; a bad field is a 400 with its Vietnamese message; the route is in
 * the OpenAPI document. On SQLite (the SQL is the drafts' and the register's own, shared with PostgreSQL).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const fixture = (name: string) => JSON.parse(readFileSync(path.join('fixtures/quyet-dinh', name), 'utf8')) as Record<string, any>;
const A_ID = '000.00.12.H56';
const B_ID = '000.00.31.H43';
const KEY_A = 'khoa-goi-y-a';
const KEY_B = 'khoa-goi-y-b';
const ADMIN = 'khoa-goi-y-quan-tri';

/** A decision of agency A, with its own recipients; an issued one gets one more line than its draft. */
const docA = (extra: string[] = []) => {
  const d = fixture('qd-kt-so-noi-vu.json');
  delete d.number;
  d.agency = { ...d.agency, identifier: A_ID };
  d.recipients = { ...d.recipients, items: ['Bộ Nội vụ', 'Sở Tư pháp tỉnh Thanh Hóa', ...extra] };
  return d;
};
const docB = () => {
  const d = fixture('qd-tm-kt.json');
  delete d.number;
  d.agency = { ...d.agency, identifier: B_ID };
  d.recipients = { ...d.recipients, items: ['Bộ Nội vụ', 'Văn phòng UBND tỉnh Hải Dương'] };
  return d;
};

let app: App;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-suggestions-'));
  app = await buildApp({
    logger: false,
    dataDir: dir,
    poolSize: 1,
    ratePerMinute: 0,
    apiKeys: [
      { id: 'a', sha256: hashKey(KEY_A), role: 'agency', agency: A_ID },
      { id: 'b', sha256: hashKey(KEY_B), role: 'agency', agency: B_ID },
      { id: 'admin', sha256: hashKey(ADMIN), role: 'admin' },
    ],
  });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const as = (key: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
const values = async (key: string, field: string) => {
  const r = await as(key, 'GET', `/v1/suggestions?field=${field}`);
  expect(r.statusCode).toBe(200);
  return (r.json() as { values: string[] }).values;
};

describe('GET /v1/suggestions', () => {
  it('answers the agency’s own past values, drafts and issued documents, the most used first; never another agency’s', async () => {
    expect((await as(KEY_A, 'POST', '/v1/drafts', { template: 'quyet-dinh', data: docA() })).statusCode).toBe(201);
    expect((await as(KEY_A, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docA(['Công an tỉnh Thanh Hóa']) })).statusCode).toBe(201);
    expect((await as(KEY_B, 'POST', '/v1/drafts', { template: 'quyet-dinh', data: docB() })).statusCode).toBe(201);

    const a = await values(KEY_A, 'recipients');
    // In both of A's documents first; the issued document's own line is there too.
    expect(a.slice(0, 2).sort()).toEqual(['Bộ Nội vụ', 'Sở Tư pháp tỉnh Thanh Hóa']);
    expect(a).toContain('Công an tỉnh Thanh Hóa');
    expect(a).not.toContain('Văn phòng UBND tỉnh Hải Dương');
    const b = await values(KEY_B, 'recipients');
    expect(b.sort()).toEqual(['Bộ Nội vụ', 'Văn phòng UBND tỉnh Hải Dương']);
    expect(await values(ADMIN, 'recipients')).toEqual(expect.arrayContaining(['Công an tỉnh Thanh Hóa', 'Văn phòng UBND tỉnh Hải Dương']));

    const agenciesA = await values(KEY_A, 'agencies');
    expect(agenciesA).toContain(docA().agency.name);
    expect(agenciesA).not.toContain(docB().agency.name);
    expect(await values(KEY_B, 'agencies')).not.toContain(docA().agency.name);
  });

  it('refuses an unknown field with a 400 and its message; is in the OpenAPI document', async () => {
    const r = await as(KEY_A, 'GET', '/v1/suggestions?field=passwords');
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('field là một trong: agencies, recipients');
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/v1/suggestions');
  });
});
