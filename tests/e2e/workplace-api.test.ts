/**
 * The API under the staff page's workplace (issue 17), on SQLite and on a real PostgreSQL server: agency
 * profiles with tenancy and their warnings on a render; drafts with versions, If-Match and 412; the "DỰ THẢO"
 * watermark in both formats of a draft and never in the issued files; starting points (blank from the profile,
 * the example with its number cleared, "Tạo từ văn bản này"); issuing a draft through the register with the
 * number from the register, after a preview, and the register showing the trích yếu.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { Agencies } from '../../src/agencies/store.js';
import { hashKey } from '../../src/http/access.js';
import { docxParts, pdfPagesText } from '../support/docs.js';
import { pgInstalled, startPostgres, type Pg } from '../support/postgres.js';
import { writePng } from '../../src/signing/png.js';
import { SAMPLE_PROFILE } from '../support/workplace.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const A_ID = '000.00.12.H56';
const B_ID = '000.00.31.H43';
const KEY_A = 'khoa-so-noi-vu-a';
const KEY_A2 = 'khoa-so-noi-vu-a-nguoi-thu-hai';
const KEY_B = 'khoa-ubnd-b';
const ADMIN = 'khoa-quan-tri';

const fixture = (name: string) => JSON.parse(readFileSync(path.join('fixtures/quyet-dinh', name), 'utf8')) as Record<string, any>;

/** A real 2x2 RGBA PNG (the signing module's writer: signature, IHDR, IDAT, IEND with their CRCs). */
const png = (): Buffer => writePng(2, 2, Buffer.from([200, 0, 0, 255, 200, 0, 0, 128, 0, 200, 0, 0, 255, 200, 0, 0]));

const profileA = SAMPLE_PROFILE;

let pg: Pg | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

describe.each(['sqlite', 'postgres'] as const)('workplace API on %s', (backend) => {
  if (backend === 'postgres' && !pgInstalled) return void it.skip('PostgreSQL server binaries not installed', () => undefined);
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-workplace-'));
    app = await buildApp({
      logger: false,
      dataDir: dir,
      poolSize: 1,
      ...(backend === 'postgres' ? { databaseUrl: pg!.url } : {}),
      apiKeys: [
        { id: 'chuyen-vien-a', sha256: hashKey(KEY_A), role: 'agency', agency: A_ID },
        { id: 'truong-phong-a', sha256: hashKey(KEY_A2), role: 'agency', agency: A_ID },
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
  const as = (key: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });

  it('agency profiles: an agency key sees and changes its own only; the seal is kept and read back by identifier', async () => {
    expect((await as(ADMIN, 'PUT', `/v1/agencies/${A_ID}`, profileA)).statusCode).toBe(201);
    const again = await as(KEY_A, 'PUT', `/v1/agencies/${A_ID}`, profileA);
    expect(again.statusCode).toBe(200);
    expect(again.json().fields.agency).toEqual({ name: profileA.name, headerLines: ['Sở Nội vụ'], abbreviation: 'SNV', parent: profileA.parent, identifier: A_ID });
    expect((await as(ADMIN, 'PUT', `/v1/agencies/${B_ID}`, { ...profileA, name: 'Ủy ban nhân dân tỉnh Hải Dương', headerLines: undefined, abbreviation: 'UBND', parent: undefined, place: 'Hải Dương' })).statusCode).toBe(201);
    // B's profile is absent for A, and A cannot write it.
    expect((await as(KEY_A, 'GET', `/v1/agencies/${B_ID}`)).statusCode).toBe(404);
    expect((await as(KEY_A, 'PUT', `/v1/agencies/${B_ID}`, profileA)).json().error.code).toBe('forbidden_agency');
    expect((await as(KEY_A, 'GET', '/v1/agencies')).json().map((p: { identifier: string }) => p.identifier)).toEqual([A_ID]);
    expect((await as(ADMIN, 'GET', '/v1/agencies')).json()).toHaveLength(2);
    // The identifier code's structure (QĐ 20/2020): groups of digits and capitals separated by dots, at most 35.
    const bad = await as(ADMIN, 'PUT', '/v1/agencies/000..31.h43', profileA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toMatch(/chữ in hoa/);
    // The same check as the edXML reader's (src/edxml/organ-id.ts): a code longer than 13 with a lower level
    // after the first is taken; one whose first level is not a letter and two digits is not.
    expect((await as(ADMIN, 'PUT', '/v1/agencies/000.00.31.H43.01', profileA)).statusCode).toBe(201);
    expect((await as(ADMIN, 'PUT', '/v1/agencies/G12.34.56.78.90', profileA)).json().error.details[0].message).toMatch(/Cấp 1/);
    const refused = await as(ADMIN, 'PUT', `/v1/agencies/${A_ID}`, { ...profileA, abbreviation: 'S N V' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].path).toBe('$.abbreviation');
    // The seal: PNG only; read back the same bytes, over HTTP and through the one function the signing step uses.
    const notPng = await app.inject({ method: 'PUT', url: `/v1/agencies/${A_ID}/seal`, headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'image/png' }, payload: Buffer.from('GIF89a not a png at all') });
    expect(notPng.statusCode).toBe(422);
    const seal = png();
    const put = await app.inject({ method: 'PUT', url: `/v1/agencies/${A_ID}/seal`, headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'image/png' }, payload: seal });
    expect(put.statusCode).toBe(204);
    const got = await as(KEY_A, 'GET', `/v1/agencies/${A_ID}/seal`);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(seal)).toBe(true);
    expect((await as(KEY_B, 'GET', `/v1/agencies/${A_ID}/seal`)).statusCode).toBe(404);
    expect((await new Agencies(app.archive.db).sealOf(A_ID))?.equals(seal)).toBe(true);
    expect((await as(KEY_A, 'GET', `/v1/agencies/${A_ID}`)).json().hasSeal).toBe(true);
  });

  it('warns when the header, place, issuer or ký hiệu disagree with the profile of the key’s agency', async () => {
    const d = fixture('qd-kt-so-noi-vu.json');
    const clean = (await as(KEY_A, 'POST', '/v1/templates/quyet-dinh/validate', d)).json();
    expect(clean.warnings.filter((w: { message: string }) => w.message.includes('hồ sơ cơ quan'))).toEqual([]);
    const wrong = { ...d, place: 'Hải Dương', agency: { ...d.agency, headerLines: ['Sở Nội vụ tỉnh Hải Dương'], abbreviation: 'SNVHD' } };
    const v = (await as(KEY_A, 'POST', '/v1/templates/quyet-dinh/validate', wrong)).json();
    const paths = v.warnings.map((w: { path: string }) => w.path);
    expect(paths).toEqual(expect.arrayContaining(['$.place', '$.agency.headerLines', '$.agency.abbreviation']));
    expect(v.warnings.find((w: { path: string }) => w.path === '$.place').message).toContain('"Hải Dương" khác hồ sơ: "Thanh Hóa"');
    // The render counts them too, and strict mode refuses them.
    const strict = await as(KEY_A, 'POST', '/v1/templates/quyet-dinh/render?format=docx&strict=true', wrong);
    expect(strict.statusCode).toBe(422);
    expect(strict.json().error.details.map((x: { path: string }) => x.path)).toContain('$.place');
    // Another key's agency (B) has another profile: the same data warns about every agency field there.
    const forB = (await as(KEY_B, 'POST', '/v1/templates/quyet-dinh/validate', d)).json();
    expect(forB.warnings.map((w: { path: string }) => w.path)).toEqual(expect.arrayContaining(['$.agency.name', '$.place']));
  });

  it('drafts: versions with ETag and If-Match; a save over a newer version is refused with 412; tenancy', async () => {
    const created = await as(KEY_A, 'POST', '/v1/drafts', { template: 'quyet-dinh', start: 'blank' });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const d = created.json();
    // Blank: only what the profile gives.
    expect(d.data.agency.name).toBe(profileA.name);
    expect(d.data.place).toBe('Thanh Hóa');
    expect(d.data.signer.name).toBe('Lê Văn Thắng');
    expect(d.data.recipients.items).toEqual(profileA.recipients);
    expect(d.data.number).toBeUndefined();
    expect(d).toMatchObject({ status: 'draft', statusName: 'Dự thảo', author: 'chuyen-vien-a', typeName: 'Quyết định', version: 1 });
    const url = `/v1/drafts/${d.id}`;
    // Two people open version 1; the first saves (version 2), the second's save from version 1 is refused.
    const data: Record<string, any> = { ...fixture('qd-kt-so-noi-vu.json'), number: undefined, date: '2026' };
    const first = await as(KEY_A, 'PUT', url, { data, status: 'submitted' }, { 'if-match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.json()).toMatchObject({ status: 'submitted', statusName: 'Trình ký', summary: data.summary });
    const second = await as(KEY_A2, 'PUT', url, { data: { ...data, summary: 'Khác' } }, { 'if-match': '"1"' });
    expect(second.statusCode).toBe(412);
    expect(second.json().error.code).toBe('stale_version');
    expect(second.json().error.message).toMatch(/chuyen-vien-a lưu phiên bản 2 .*thay đổi của bạn chưa được lưu/);
    expect((await as(KEY_A2, 'PUT', url, { data })).statusCode).toBe(428);
    expect((await as(KEY_A2, 'GET', url)).json().summary).toBe(data.summary);
    // The older version is still there.
    expect((await as(KEY_A, 'GET', `${url}?version=1`)).json().data.summary).toBeUndefined();
    expect((await as(KEY_A, 'GET', `${url}/versions`)).json().map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Another agency sees nothing of it; the admin sees it.
    expect((await as(KEY_B, 'GET', url)).statusCode).toBe(404);
    expect((await as(KEY_B, 'PUT', url, { data }, { 'if-match': '"2"' })).statusCode).toBe(404);
    expect((await as(KEY_B, 'GET', '/v1/drafts')).json().total).toBe(0);
    expect((await as(ADMIN, 'GET', url)).statusCode).toBe(200);
    // "Văn bản của tôi": the key's own; the agency's list has both authors'.
    await as(KEY_A2, 'POST', '/v1/drafts', { template: 'quyet-dinh', start: 'blank' });
    const mine = (await as(KEY_A2, 'GET', '/v1/drafts?mine=true')).json();
    expect(mine.items.map((i: { author: string }) => i.author)).toEqual(['truong-phong-a']);
    expect((await as(KEY_A2, 'GET', '/v1/drafts')).json().total).toBe(2);
  });

  it('a draft renders with "DỰ THẢO" in both formats; issuing it takes the register’s number and the issued files carry no mark', async () => {
    // From the example: the sample's number is cleared (the page once issued 3456/... into an empty register).
    const ex = (await as(KEY_A, 'POST', '/v1/drafts', { template: 'quyet-dinh', start: 'example' })).json();
    expect(ex.data.number).toBeUndefined();
    expect(ex.data.agency.identifier).toBe(A_ID);
    const url = `/v1/drafts/${ex.id}`;
    const pdf = await as(KEY_A, 'POST', `${url}/render?format=pdf`, {});
    expect(pdf.statusCode).toBe(200);
    const pages = await pdfPagesText(pdf.rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.normalize('NFC')).toContain('DỰ THẢO');
    const docx = await as(KEY_A, 'POST', `${url}/render?format=docx`, {});
    const parts = docxParts(docx.rawPayload);
    const headers = [...parts.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(parts.get(h)).toContain('string="DỰ THẢO"');
    // Unsaved data previews too (the page's live preview), with the mark.
    expect((await as(KEY_A, 'POST', `${url}/render?format=pdf`, { data: { ...ex.data, summary: 'Xem trước chưa lưu' } })).statusCode).toBe(200);

    // The confirmation: what issuing will take.
    const preview = (await as(KEY_A, 'GET', `${url}/issue`)).json();
    expect(preview).toMatchObject({ number: 1, kyHieu: '01/QĐ-SNV', agencyName: profileA.name, identifier: A_ID, fromRegister: true, version: 1 });
    expect(preview.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await as(KEY_A, 'POST', `${url}/issue`, {}, { 'if-match': '"1"' })).statusCode).toBe(422);
    expect((await as(KEY_A, 'POST', `${url}/issue`, { confirm: true }, { 'if-match': '"0"' })).statusCode).toBe(412);
    const issued = await as(KEY_A, 'POST', `${url}/issue`, { confirm: true }, { 'if-match': '"1"', 'x-request-id': 'phat-hanh-1' });
    expect(issued.statusCode).toBe(201);
    expect(issued.headers['x-request-id']).toBe('phat-hanh-1');
    const doc = issued.json();
    expect(doc).toMatchObject({ number: 1, kyHieu: '01/QĐ-SNV', issuedDate: preview.date });
    expect(issued.headers.location).toBe(`/v1/documents/${doc.id}`);
    // The register and the archived PDF show the trích yếu.
    const listed = (await as(KEY_A, 'GET', '/v1/documents')).json().items[0];
    expect(listed.summary).toBe(ex.data.summary);
    expect(listed.summary).not.toBe(listed.typeName);
    const archived = await as(KEY_A, 'GET', `/v1/documents/${doc.id}/pdf`);
    expect(archived.rawPayload.toString('latin1')).not.toContain('vb-watermark');
    for (const p of await pdfPagesText(archived.rawPayload)) expect(p.normalize('NFC')).not.toContain('DỰ THẢO');
    const issuedDocx = docxParts((await as(KEY_A, 'GET', `/v1/documents/${doc.id}/docx`)).rawPayload);
    for (const [name, xml] of issuedDocx) if (name.startsWith('word/header')) expect(xml).not.toContain('DỰ THẢO');
    // The draft is issued and read-only; issuing it again is refused.
    const after = (await as(KEY_A, 'GET', url)).json();
    expect(after).toMatchObject({ status: 'issued', statusName: 'Đã ban hành', documentId: doc.id });
    expect((await as(KEY_A, 'PUT', url, { data: ex.data }, { 'if-match': '"1"' })).statusCode).toBe(409);
    expect((await as(KEY_A, 'POST', `${url}/issue`, { confirm: true }, { 'if-match': '"1"' })).statusCode).toBe(409);

    // "Tạo từ văn bản này" from the issued document: its archived input, number and date cleared.
    const copy = await as(KEY_A, 'POST', '/v1/drafts', { fromDocument: doc.id });
    expect(copy.statusCode).toBe(201);
    expect(copy.json().data.number).toBeUndefined();
    expect(copy.json().data.date).toBe(String(new Date().getFullYear()));
    expect(copy.json().data.summary).toBe(ex.data.summary);
    expect((await as(KEY_B, 'POST', '/v1/drafts', { fromDocument: doc.id })).statusCode).toBe(404);
    // ... and from a draft; the next issue takes number 2, a typed number is taken as typed.
    const again = (await as(KEY_A, 'POST', '/v1/drafts', { fromDraft: copy.json().id })).json();
    expect((await as(KEY_A, 'GET', `/v1/drafts/${again.id}/issue`)).json().number).toBe(2);
    expect((await as(KEY_A, 'GET', `/v1/drafts/${again.id}/issue?number=5`)).json()).toMatchObject({ number: 5, fromRegister: false });
    const typed = await as(KEY_A, 'POST', `/v1/drafts/${again.id}/issue`, { confirm: true, number: 5 }, { 'if-match': '"1"' });
    expect(typed.json()).toMatchObject({ number: 5, kyHieu: '05/QĐ-SNV' });
    // An agency cannot issue another's draft, nor put its data under another register.
    expect((await as(KEY_B, 'POST', `/v1/drafts/${copy.json().id}/issue`, { confirm: true }, { 'if-match': '"1"' })).statusCode).toBe(404);
  }, 120_000);
});

describe('rich text (docs/rich-text.md)', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-rich-'));
    app = await buildApp({ logger: false, dataDir: dir, poolSize: 1 });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runs = [
    { text: 'Lưu ý: ', bold: true },
    { text: 'báo cáo gửi trước ngày 15 hằng tháng, ' },
    { text: 'không gửi qua thư điện tử cá nhân', italic: true },
    { text: ' (bắt buộc)', bold: true, italic: true },
  ];
  const letter = () => {
    const d = JSON.parse(readFileSync('fixtures/van-ban/thong-bao-ket-luan.json', 'utf8')) as Record<string, any>;
    d.body = [...d.body, { type: 'paragraph', runs }];
    return d;
  };

  it('prints a paragraph of runs the same in both formats: each run with its bold and italic, the closing "./." on the last', async () => {
    const svc = app.vanban;
    const p = svc.prepare('van-ban', letter());
    // HTML (what Chromium prints): one span per run, classed b and i.
    const html = svc.html.render('van-ban', p.view).body;
    const spans = [...html.matchAll(/<span class="(b?)( i)?">([^<]*)<\/span>/g)].map((m) => ({ text: m[3], bold: m[1] === 'b', italic: !!m[2] }));
    // DOCX: one run per run, with <w:b/> and <w:i/>.
    const docx = (await svc.renderPrepared(p, 'docx')).bytes;
    const xml = docxParts(docx).get('word/document.xml')!;
    const para = xml.slice(xml.indexOf('Lưu ý: ') - 400, xml.indexOf('(bắt buộc)') + 200);
    const wruns = [...para.matchAll(/<w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g)]
      .map((m) => ({ text: m[2], bold: (m[1] ?? '').includes('<w:b/>'), italic: (m[1] ?? '').includes('<w:i/>') }))
      .filter((r) => r.text && para.includes('Lưu ý'));
    // The body closes with "./.", on the last run.
    const closing = './.';
    const expected = [...runs.slice(0, 3).map((r) => ({ text: r.text, bold: !!r.bold, italic: !!r.italic })), { text: ` (bắt buộc)${closing}`, bold: true, italic: true }];
    expect(spans.slice(-4)).toEqual(expected);
    expect(wruns.slice(-4)).toEqual(expected);
    // The PDF reads as one paragraph; a plain-text paragraph is printed as it always was (golden: identical).
    const pdf = await svc.renderPrepared(p, 'pdf');
    const text = (await pdfPagesText(pdf.bytes)).join(' ').normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain(`Lưu ý: báo cáo gửi trước ngày 15 hằng tháng, không gửi qua thư điện tử cá nhân (bắt buộc)${closing}`);
  }, 60_000);

  it('refuses a paragraph with both text and runs, or neither, with the path', async () => {
    const both = letter();
    both.body[both.body.length - 1].text = 'x';
    const v = app.vanban.validate('van-ban', both);
    expect(v.problems.map((x) => x.path)).toContain(`$.body[${both.body.length - 1}].runs`);
    const none = letter();
    delete none.body[none.body.length - 1].runs;
    expect(app.vanban.validate('van-ban', none).problems[0]!.message).toContain('một trong hai');
  });
});
