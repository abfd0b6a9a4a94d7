/**
 * The register and archive through HTTP, on SQLite and on a real PostgreSQL server: numbering (also under 50
 * parallel requests), immutability, revocation, corrections, integrity checks, search without diacritics,
 * tenancy, the Appendix VI metadata, the archival PDF/A and the printed register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { pgInstalled, startPostgres, type Pg } from '../support/postgres.js';
import { pdfPagesText } from '../support/docs.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const fixture = (name: string) => JSON.parse(readFileSync(path.join('fixtures/quyet-dinh', name), 'utf8')) as Record<string, any>;
const small = () => {
  const d = fixture('qd-tm-kt.json');
  delete d.number;
  return d;
};

let pg: Pg | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

const backends = ['sqlite', 'postgres'] as const;
/** Debian's PostgreSQL server binaries (.ci/run installs them); without them only SQLite is tested. */

describe.each(backends)('archive on %s', (backend) => {
  if (backend === 'postgres' && !pgInstalled) return void it.skip('PostgreSQL server binaries not installed', () => undefined);
  let app: App;
  let dir: string;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/documents', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    if (backend === 'postgres' && !pg) throw new Error('PostgreSQL is installed but did not start');
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-archive-'));
    app = await buildApp({ logger: false, dataDir: dir, ...(backend === 'postgres' ? { databaseUrl: pg!.url } : {}), poolSize: 2 });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('issues: next number, 201 with ký hiệu, date, hashes and Location; the files match their hashes', async () => {
    const res = await post({ template: 'quyet-dinh', data: { ...small(), date: '2024-11' } });
    expect(res.statusCode).toBe(201);
    const doc = res.json() as any;
    expect(doc.number).toBe(1);
    expect(doc.kyHieu).toBe('01/QĐ-UBND');
    expect(doc.issuedDate).toMatch(/^2024-11-\d{2}$|^\d{4}-\d{2}-\d{2}$/);
    expect(res.headers.location).toBe(`/v1/documents/${doc.id}`);
    const pdf = await app.inject({ url: `/v1/documents/${doc.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(doc.files.pdf.sha256);
    const docx = await app.inject({ url: `/v1/documents/${doc.id}/docx` });
    expect(createHash('sha256').update(docx.rawPayload).digest('hex')).toBe(doc.files.docx.sha256);
    const text = (await pdfPagesText(pdf.rawPayload)).join(' ');
    expect(text).toContain('Số: 01/QĐ-UBND');
    const data = (await app.inject({ url: `/v1/documents/${doc.id}/data` })).json() as any;
    expect(data.number).toBe(1);
  });

  it('gives 50 parallel requests for one agency and year 50 distinct consecutive numbers', async () => {
    const body = { ...small(), agency: { ...small().agency, abbreviation: 'UBND', name: 'Ủy ban nhân dân huyện Song Song' } };
    const res = await Promise.all(Array.from({ length: 50 }, () => post({ template: 'quyet-dinh', data: body, register: {} })));
    expect(res.filter((r) => r.statusCode !== 201).map((r) => r.body.slice(0, 300))).toEqual([]);
    const numbers = res.map((r) => (r.json() as { number: number }).number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  }, 240_000);

  it('refuses with 409 a number already used for the same ký hiệu and agency that year', async () => {
    const body = { ...small(), agency: { name: 'Ủy ban nhân dân huyện Trùng Số', abbreviation: 'UBND' } };
    expect((await post({ template: 'quyet-dinh', data: body, register: { number: 7 } })).statusCode).toBe(201);
    const again = await post({ template: 'quyet-dinh', data: body, register: { number: 7 } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'number_taken' } });
    const next = await post({ template: 'quyet-dinh', data: body });
    expect((next.json() as { number: number }).number).toBe(8);
  });

  it('keeps the Appendix VI metadata, in JSON, in metadata.xml and in the PDF/A XMP', async () => {
    const res = await post({ template: 'quyet-dinh', data: { ...fixture('qd-kt-so-noi-vu.json'), number: undefined } });
    expect(res.statusCode).toBe(201);
    const doc = res.json() as any;
    const m = doc.metadata;
    expect(m).toMatchObject({ organName: 'Sở Nội vụ tỉnh Thanh Hóa', typeName: 'Quyết định', codeNotation: 'QĐ-SNV', language: 'vi', signerName: expect.any(String) });
    expect(m.pageCount).toBeGreaterThan(1);
    expect(m.recipients.length).toBeGreaterThan(0);
    const xml = (await app.inject({ url: `/v1/documents/${doc.id}/metadata.xml` })).body;
    expect(xml).toContain('<nd30:CodeNotation>QĐ-SNV</nd30:CodeNotation>');
    expect(xml).toContain('<nd30:OrganName>Sở Nội vụ tỉnh Thanh Hóa</nd30:OrganName>');
    const pdf = (await app.inject({ url: `/v1/documents/${doc.id}/pdf` })).rawPayload;
    const f = path.join(dir, 'check.pdf');
    writeFileSync(f, pdf);
    execFileSync('qpdf', ['--check', f]);
    const raw = pdf.toString('latin1');
    expect(raw.includes('pdfaid') || raw.includes('/Metadata')).toBe(true);
  });

  it('numbers a legal normative decision in the same yearly register, with the year in its ký hiệu, notation, metadata and files', async () => {
    const agency = { name: 'Ủy ban nhân dân huyện Quy Phạm', abbreviation: 'UBND' };
    const first = await post({ template: 'quyet-dinh', data: { ...small(), agency, date: '2024-03-01' } });
    expect((first.json() as any).kyHieu).toBe('01/QĐ-UBND');
    const res = await post({ template: 'quyet-dinh', data: { ...small(), agency, date: '2024-03-05', normative: true } });
    expect(res.statusCode).toBe(201);
    const doc = res.json() as any;
    expect(doc).toMatchObject({ number: 2, kyHieu: '02/2024/QĐ-UBND', notation: '2024/QĐ-UBND' });
    expect(doc.metadata).toMatchObject({ codeNumber: '02', codeNotation: '2024/QĐ-UBND', title: expect.stringMatching(/^Quyết định 02\/2024\/QĐ-UBND: /) });
    const xml = (await app.inject({ url: `/v1/documents/${doc.id}/metadata.xml` })).body;
    expect(xml).toContain('<nd30:CodeNumber>02</nd30:CodeNumber>');
    expect(xml).toContain('<nd30:CodeNotation>2024/QĐ-UBND</nd30:CodeNotation>');
    const pdf = await app.inject({ url: `/v1/documents/${doc.id}/pdf` });
    expect((await pdfPagesText(pdf.rawPayload)).join(' ')).toContain('Số: 02/2024/QĐ-UBND');
    expect(decodeURIComponent(String(pdf.headers['content-disposition']))).toContain('Quyết định 02-2024-QĐ-UBND.pdf');
    // The next administrative decision of the same agency takes the next number of the same register.
    const next = (await post({ template: 'quyet-dinh', data: { ...small(), agency, date: '2024-03-06' } })).json() as any;
    expect(next.kyHieu).toBe('03/QĐ-UBND');
    const found = (await app.inject({ url: `/v1/documents?q=${encodeURIComponent('02/2024/QĐ-UBND')}` })).json() as { items: { kyHieu: string }[] };
    expect(found.items.map((i) => i.kyHieu)).toContain('02/2024/QĐ-UBND');
    // A render (not issued) names its file with the year too; a draft without its number as well.
    for (const [number, ascii, unicode] of [
      [30, 'QD-30-2024-UBND.docx', 'Quyết định 30-2024-QĐ-UBND.docx'],
      [undefined, 'QD-2024-UBND-du-thao.docx', 'Dự thảo Quyết định 2024-QĐ-UBND.docx'],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/templates/quyet-dinh/render?format=docx',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ ...small(), agency, date: '2024-03-05', normative: true, number }),
      });
      expect(r.statusCode).toBe(200);
      const cd = String(r.headers['content-disposition']);
      expect(cd).toContain(`filename="${ascii}"`);
      expect(decodeURIComponent(cd)).toContain(unicode);
    }
  });

  it('searches the metadata and the text with or without diacritics, paginated with a total', async () => {
    const a = await app.inject({ url: '/v1/documents?q=cai%20cach%20hanh%20chinh&pageSize=2' });
    const b = await app.inject({ url: `/v1/documents?q=${encodeURIComponent('cải cách hành chính')}&pageSize=2` });
    const ja = a.json() as { total: number; items: unknown[] };
    expect(ja.total).toBeGreaterThan(0);
    expect(ja.items.length).toBeLessThanOrEqual(2);
    expect((b.json() as { total: number }).total).toBe(ja.total);
    const byNumber = (await app.inject({ url: '/v1/documents?year=2024&number=7&type=quyet-dinh' })).json() as { items: { kyHieu: string }[] };
    expect(byNumber.items.map((i) => i.kyHieu)).toContain('07/QĐ-UBND');
    expect((await app.inject({ url: '/v1/documents?q=khongcochuoinay' })).json()).toMatchObject({ total: 0 });
  });

  it('is immutable; revocation freezes with reason and time; a correction links to the old document', async () => {
    const res = await post({ template: 'quyet-dinh', data: small() });
    const doc = res.json() as any;
    expect((await app.inject({ method: 'PUT', url: `/v1/documents/${doc.id}`, payload: {} })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/v1/documents/${doc.id}` })).statusCode).toBe(404);
    const rv = await app.inject({ method: 'POST', url: `/v1/documents/${doc.id}/revoke`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ reason: 'Sai căn cứ ban hành' }) });
    expect(rv.statusCode).toBe(200);
    expect(rv.json()).toMatchObject({ status: 'revoked', revokeReason: 'Sai căn cứ ban hành' });
    const again = await app.inject({ method: 'POST', url: `/v1/documents/${doc.id}/revoke`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ reason: 'x' }) });
    expect(again.statusCode).toBe(409);
    const fix = await post({ template: 'quyet-dinh', data: small(), correctionOf: doc.id });
    expect(fix.statusCode).toBe(201);
    const old = (await app.inject({ url: `/v1/documents/${doc.id}` })).json() as any;
    expect(old.correctedBy).toEqual([(fix.json() as any).id]);
    expect((fix.json() as any).correctionOf).toBe(doc.id);
    // The revoked document's file is still served, unchanged.
    expect((await app.inject({ url: `/v1/documents/${doc.id}/pdf` })).statusCode).toBe(200);
  });

  it('never serves a file whose bytes no longer match: integrity error', async () => {
    const doc = (await post({ template: 'quyet-dinh', data: small() })).json() as any;
    const file = path.join(dir, 'files', doc.files.docx.sha256.slice(0, 2), doc.files.docx.sha256);
    chmodSync(file, 0o644);
    const bytes = readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(file, bytes);
    const res = await app.inject({ url: `/v1/documents/${doc.id}/docx` });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'integrity_error' } });
    expect(res.rawPayload.subarray(0, 2).toString()).not.toBe('PK');
  });

  it('prints the register of an agency for a year', async () => {
    // An abbreviation names no register (several agencies share "UBND"): identifier or register key only.
    const res = await app.inject({ url: '/v1/registers?agency=UBND&year=2024&format=pdf' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'register_empty' } });
    const key = `UBND|${'ủy ban nhân dân huyện trùng số'.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')}`;
    const reg = await app.inject({ url: `/v1/registers?agency=${encodeURIComponent(key)}&year=2024&format=pdf` });
    expect(reg.statusCode).toBe(200);
    const text = (await pdfPagesText(reg.rawPayload)).join(' ').replace(/-\s+/g, '-').replace(/\s+/g, ' ');
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
    expect(text).toContain('HUYỆN TRÙNG SỐ');
    expect(text).toContain('07/QĐ-UBND');
    expect(text).toContain('08/QĐ-UBND');
  });
});

// Tenancy (keys bound to an agency identifier, the attacks of issue 13): tests/e2e/tenancy.test.ts.
