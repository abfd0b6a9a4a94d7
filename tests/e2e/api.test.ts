/** The HTTP API through Fastify's inject: every route and every error case of the contract. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { buildApp } from '../../src/app.js';
import { Agencies } from '../../src/agencies/store.js';
import { CATALOG } from '../../src/documents/catalog.js';

type App = Awaited<ReturnType<typeof buildApp>>;
let app: App;
let example: Record<string, unknown>;

beforeAll(async () => {
  app = await buildApp({ logger: false, bodyLimit: 256 * 1024, chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  example = (await app.inject({ url: '/v1/templates/quyet-dinh/example' })).json();
});
afterAll(() => app.close());

const render = (body: unknown, query = '', headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/v1/templates/quyet-dinh/render${query}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

function expectError(res: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string; details: unknown[] } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(Array.isArray(body.error.details)).toBe(true);
  return body.error;
}

describe('catalog', () => {
  it('lists the templates', async () => {
    const res = await app.inject({ url: '/v1/templates' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({ id: 'quyet-dinh', title: 'Quyết định', typeAbbreviation: 'QĐ', formats: ['docx', 'pdf'], issuable: true });
  });

  // What the schema says (Vietnamese titles, closed objects) is checked for every type in tests/unit/catalog.test.ts;
  // here, that the endpoint serves that schema.
  it('serves the JSON Schema of every template', async () => {
    for (const t of CATALOG) {
      const res = await app.inject({ url: `/v1/templates/${t.id}/schema` });
      expect(res.statusCode, t.id).toBe(200);
      expect(res.headers['content-type'], t.id).toMatch(/^application\/schema\+json/);
      expect(res.json(), t.id).toEqual({ ...z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }), $id: `/v1/templates/${t.id}/schema` });
    }
  });

  it('every template serves an example that validates and renders', async () => {
    const list = (await app.inject({ url: '/v1/templates' })).json() as { id: string }[];
    expect(list.map((t) => t.id)).toEqual([
      'quyet-dinh',
      'ke-hoach-cchc',
      'khung-logic-cchc',
      'bao-cao-cchc',
      'ke-hoach-kiem-tra-cchc',
      'cong-van',
      'chi-so-cchc',
      'van-ban',
      'so-dang-ky-van-ban-di',
    ]);
    for (const { id } of list) {
      const ex = await app.inject({ url: `/v1/templates/${id}/example` });
      expect(ex.statusCode, id).toBe(200);
      const v = await app.inject({
        method: 'POST',
        url: `/v1/templates/${id}/validate`,
        headers: { 'content-type': 'application/json' },
        payload: ex.body,
      });
      expect(v.json(), id).toMatchObject({ valid: true, errors: [] });
      const docx = await app.inject({
        method: 'POST',
        url: `/v1/templates/${id}/render?format=docx`,
        headers: { 'content-type': 'application/json' },
        payload: ex.body,
      });
      expect(docx.statusCode, id).toBe(200);
    }
  });

  it('serves an example the validator accepts', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/templates/quyet-dinh/validate',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(example),
    });
    expect(res.json()).toMatchObject({ valid: true, errors: [] });
  });
});

describe('render', () => {
  it('renders PDF by default with both filenames', async () => {
    const res = await render(example);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toContain('attachment; filename="QD-152-UBND.pdf"');
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('Quyết định 152-QĐ-UBND.pdf')}`);
    expect(res.headers['vanban-warnings']).toBe('0');
  });

  it('renders DOCX with ?format=docx and with the DOCX Accept header', async () => {
    const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    for (const res of [await render(example, '?format=docx'), await render(example, '', { accept: docxType })]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(docxType);
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expect(String(res.headers['content-disposition'])).toContain('filename="QD-152-UBND.docx"');
    }
    const pdf = await render(example, '', { accept: 'application/pdf' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('names a draft as a draft', async () => {
    const { number: _n, ...draft } = example;
    const res = await render({ ...draft, date: '2014-01' }, '?format=docx');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('filename="QD-UBND-du-thao.docx"');
  });
});

describe('errors', () => {
  it('400 malformed JSON', async () => expectError(await render('{"agency": '), 400, 'malformed_json'));
  it('400 missing body', async () =>
    expectError(await app.inject({ method: 'POST', url: '/v1/templates/quyet-dinh/render' }), 400, 'missing_body'));
  it('404 unknown template', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/templates/khong-co/render', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expectError(res, 404, 'unknown_template');
    expectError(await app.inject({ url: '/v1/templates/khong-co/schema' }), 404, 'unknown_template');
  });
  it('400 unknown format, naming it', async () => {
    const err = expectError(await render(example, '?format=odt'), 400, 'unknown_format');
    expect(err.message).toBe('Định dạng "odt" không được hỗ trợ: chọn pdf hoặc docx');
    expect(err.details).toEqual([{ path: 'format', message: 'Chọn pdf hoặc docx' }]);
  });
  it('looks the template up before the format: 404 for an unknown template whatever the format', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/templates/khong-co/render?format=odt', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expectError(res, 404, 'unknown_template');
  });
  it('413 body too large', async () =>
    expectError(await render({ ...example, summary: 'x'.repeat(300 * 1024) }), 413, 'body_too_large'));
  it('415 not JSON', async () => {
    expectError(await render('agency=x', '', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    expectError(await render('<a/>', '', { 'content-type': 'application/xml' }), 415, 'unsupported_media_type');
  });
  it('422 lists every problem at once with JSON paths and Vietnamese messages', async () => {
    const bad = structuredClone(example) as Record<string, any>;
    delete bad.place;
    bad.date = '2014-02-30';
    bad.number = 0;
    bad.articles[0].text = '';
    bad.signer = { authority: 'KT', position: 'Phó Chủ tịch', name: 'Nguyễn Văn A' };
    bad.unexpected = true;
    const err = expectError(await render(bad), 422, 'validation_failed');
    const paths = (err.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.place', '$.date', '$.number', '$.articles[0].text', '$.signer.head', '$.unexpected']),
    );
    for (const d of err.details as { message: string }[]) expect(d.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵéèẻẽẹóòỏõọ]/i);
  });
  it('422 for a body that is not an object', async () => expectError(await render([1, 2]), 422, 'validation_failed'));
  it('404 JSON for unknown routes', async () => expectError(await app.inject({ url: '/nope' }), 404, 'not_found'));
});

describe('service', () => {
  it('health, readiness, OpenAPI and docs', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    const spec = (await app.inject({ url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/templates', '/v1/templates/{id}/render', '/health', '/ready']));
    expect(spec.components.schemas['quyet-dinh']).toBeDefined();
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('overload', () => {
  it('refuses a PDF render with 429 before anything reads its body: invalid data gets 429, not 422', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-api-overload-'));
    const busy = await buildApp({ logger: false, dataDir: dir, poolSize: 1, chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    try {
      await busy.ready();
      const plan = readFileSync('fixtures/ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json', 'utf8');
      const post = (url: string, payload: string) => busy.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
      const first = post('/v1/templates/ke-hoach-cchc/render?format=pdf', plan);
      // The one page is printing the plan (PDF_QUEUE_SIZE 0): the pool admits nothing more.
      for (const end = Date.now() + 20_000; busy.vanban.pool.stats.busy === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 1));
      expect(busy.vanban.pool.canAdmit()).toBe(false);
      // Nor is the agency profile the document names looked up (its warnings would be for a render that is refused).
      const lookups = vi.spyOn(Agencies.prototype, 'get');
      const named = JSON.stringify({ date: 3, agency: { identifier: '000.00.12.H56' } });
      expectError(await post('/v1/templates/quyet-dinh/render?format=pdf', named), 429, 'too_many_requests');
      expect(lookups).not.toHaveBeenCalled();
      lookups.mockRestore();
      // The same data for a DOCX is not the PDF pool's to refuse: it is validated, 422.
      expectError(await post('/v1/templates/quyet-dinh/render?format=docx', JSON.stringify({ date: 3 })), 422, 'validation_failed');
      expect((await first).statusCode).toBe(200);
    } finally {
      await busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
