/**
 * Hostile input, isolation from the network, access control and observability, through HTTP with real
 * renderers: what is sent renders literally or is refused with a message; nothing reaches the network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';
import { docxParts, docxText, libreOfficeToPdf, pdfPagesText, words, xmlProblems } from '../support/docs.js';

type App = Awaited<ReturnType<typeof buildApp>>;
let app: App;
let example: Record<string, any>;

beforeAll(async () => {
  app = await buildApp({ logger: false, poolSize: 2, queueSize: 50 });
  await app.ready();
  example = (await app.inject({ url: '/v1/templates/quyet-dinh/example' })).json();
});
afterAll(() => app.close());

const render = (a: App, body: unknown, format: 'pdf' | 'docx', headers: Record<string, string> = {}) =>
  a.inject({
    method: 'POST',
    url: `/v1/templates/quyet-dinh/render?format=${format}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });

const LONG_WORD = 'Nghiêng'.repeat(1_430).slice(0, 10_000);
const HOSTILE = [
  '<script>alert("x")</script><b>đậm</b> &amp; &lt;',
  '{{constructor.constructor "alert(1)"}} {{{raw}}} {{> header}}',
  '{#articles}{/articles} {@rawXml} {^x}{/x} {.}',
  'Ký tự XML: < > & " \' ]]> <![CDATA[x]]>',
  'Zero\u200bwidth\u200c\u200djoiners\ufeff và bidi \u202eđảo ngược\u202c \u2066isolate\u2069',
  'Dấu kết hợp: a\u0301 e\u0323\u0302 o\u031b\u0300',
  'Biểu tượng 🇻🇳 📄 ✅',
  LONG_WORD,
];

describe('hostile content renders literally', () => {
  const body = () => {
    const b = structuredClone(example);
    b.summary = HOSTILE[0];
    b.articles = HOSTILE.map((t) => ({ text: t }));
    // NFD input arrives decomposed and must come out composed.
    b.signer = { ...b.signer, name: 'Nguyễn Văn Hải'.normalize('NFD') };
    return b;
  };

  it('DOCX stays well-formed, LibreOffice opens it, and its text is what was sent (NFC)', async () => {
    const res = await render(app, body(), 'docx');
    expect(res.statusCode).toBe(200);
    const parts = docxParts(res.rawPayload);
    expect(xmlProblems(parts)).toEqual([]);
    const text = docxText(parts.get('word/document.xml')!);
    for (const t of HOSTILE) expect(text).toContain(t.normalize('NFC').replace(/[\u200b-\u200d\ufeff]/g, (c) => c));
    expect(text).toContain('Nguyễn Văn Hải'.normalize('NFC'));
    expect(text).not.toContain('Nguyễn Văn Hải'.normalize('NFD'));
    const lo = libreOfficeToPdf([{ name: 'hostile', bytes: res.rawPayload }]);
    expect(lo.get('hostile')?.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('PDF text shows what was sent, nothing executed, the long word wrapped', async () => {
    const res = await render(app, body(), 'pdf');
    expect(res.statusCode).toBe(200);
    const pages = await pdfPagesText(res.rawPayload);
    const all = words(pages.join('\n')).join(' ');
    for (const t of HOSTILE.slice(0, 4)) for (const w of words(t)) expect(all).toContain(w);
    expect(all).toContain('Nguyễn Văn Hải'.normalize('NFC'));
    // The 10,000-character word breaks across lines and pages instead of running off the page: all of it is
    // there once the line breaks and the page numbers between its pages are taken out.
    expect(pages.join('').replace(/\s+|\d+/g, '')).toContain(LONG_WORD);
  });

  it('refuses unprintable control characters with the field and the code point', async () => {
    const b = structuredClone(example);
    b.summary = 'Trích yếu\u0007chuông';
    b.articles[1].text = 'Điều\u0000rỗng';
    const res = await render(app, b, 'docx');
    expect(res.statusCode).toBe(422);
    const details = (res.json() as { error: { details: { path: string; message: string }[] } }).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '$.summary', message: expect.stringContaining('U+0007') }),
        expect.objectContaining({ path: '$.articles[1].text', message: expect.stringContaining('U+0000') }),
      ]),
    );
  });

  it('states the limit when a string is too long', async () => {
    const res = await render(app, { ...example, summary: 'x'.repeat(1_001) }, 'docx');
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toContain('tối đa 1000 ký tự');
  });
});

describe('the renderer reaches no network and no file', () => {
  let server: http.Server;
  let hits = 0;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits += 1;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('counts zero hits while the data carries URLs, <img>, <link>, CSS url() and file:// paths', async () => {
    const b = structuredClone(example);
    b.summary = `Xem ${base}/trich-yeu`;
    b.articles = [
      { text: `<img src="${base}/img.png"> <link rel="stylesheet" href="${base}/x.css">` },
      { text: `<style>@import url("${base}/i.css"); body { background: url(${base}/bg.png) }</style>` },
      { text: `<iframe src="${base}/frame"></iframe> file:///etc/passwd <img src="file:///etc/passwd">` },
    ];
    b.attachment.body.push({ type: 'paragraph', text: `<object data="${base}/o"></object> ${base}/a` });
    const pdf = await render(app, b, 'pdf');
    expect(pdf.statusCode).toBe(200);
    const docx = await render(app, b, 'docx');
    expect(docx.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toBe(0);
    const text = (await pdfPagesText(pdf.rawPayload)).join(' ');
    expect(text).toContain('/etc/passwd');
  });
});

describe('access', () => {
  const KEY = 'vb-test-key-5d8f2a';
  const SECRET_TEXT = 'Nội dung mật 7c1e9b';
  let keyed: App;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    keyed = await buildApp({
      logStream: stream,
      logLevel: 'info',
      apiKeys: [{ id: 'so-noi-vu', sha256: hashKey(KEY), role: 'agency', agency: '000.00.12.H56' }],
      ratePerMinute: 5,
      corsOrigins: ['https://cong.vanban.example'],
    });
    await keyed.ready();
  });
  afterAll(() => keyed.close());

  it('401 without a key or with a wrong one; 200 with the key; health stays public', async () => {
    expect((await render(keyed, example, 'docx')).statusCode).toBe(401);
    const wrong = await render(keyed, example, 'docx', { authorization: 'Bearer sai' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    expect((await render(keyed, { ...example, summary: SECRET_TEXT }, 'docx', { authorization: `Bearer ${KEY}` })).statusCode).toBe(200);
    expect((await render(keyed, example, 'docx', { 'x-api-key': KEY })).statusCode).toBe(200);
    expect((await keyed.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('limits the rate per key with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retry = '';
    for (let i = 0; i < 6; i++) {
      const r = await keyed.inject({ url: '/v1/templates', headers: { 'x-api-key': KEY } });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) retry = String(r.headers['retry-after']);
    }
    expect(statuses).toContain(429);
    expect(Number(retry)).toBeGreaterThanOrEqual(1);
  });

  it('never logs keys or document contents; every line carries the request id, also sent back', async () => {
    const res = await keyed.inject({ url: '/health', headers: { 'x-request-id': 'req-abc-123', authorization: `Bearer ${KEY}` } });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    const joined = lines.join('\n');
    expect(joined).not.toContain(KEY);
    expect(joined).not.toContain(SECRET_TEXT);
    const requestLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.req || l.res);
    expect(requestLines.length).toBeGreaterThan(0);
    for (const l of requestLines) expect(typeof l.reqId).toBe('string');
    expect(requestLines.some((l) => l.reqId === 'req-abc-123')).toBe(true);
  });

  it('CORS is off unless the origin is configured', async () => {
    const off = await app.inject({ url: '/v1/templates', headers: { origin: 'https://cong.vanban.example' } });
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    const on = await keyed.inject({ method: 'OPTIONS', url: '/v1/templates', headers: { origin: 'https://cong.vanban.example' } });
    expect(on.statusCode).toBe(204);
    expect(on.headers['access-control-allow-origin']).toBe('https://cong.vanban.example');
    const other = await keyed.inject({ url: '/health', headers: { origin: 'https://khac.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('security headers on the docs page', async () => {
    const res = await app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('metrics', () => {
  it('exposes renders, durations, queue depth, pool size and restarts in the Prometheus format', async () => {
    await render(app, example, 'docx');
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const m = res.body;
    expect(m).toMatch(/vanban_renders_total\{template="quyet-dinh",format="docx",status="200"\} \d+/);
    expect(m).toContain('vanban_render_duration_seconds_bucket');
    expect(m).toMatch(/vanban_queue_depth \d+/);
    expect(m).toMatch(/vanban_pool_size \d+/);
    expect(m).toMatch(/vanban_browser_restarts_total\{reason="crash"\} \d+/);
  });
});

describe('rate limit of a draft issued through the register', () => {
  it('takes one token for "Ban hành", not two (the register call inside is the same request)', async () => {
    const KEY = 'vb-test-key-issue-rate';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-issue-rate-'));
    const limited = await buildApp({
      logger: false,
      dataDir: dir,
      poolSize: 1,
      apiKeys: [{ id: 'chuyen-vien', sha256: hashKey(KEY), role: 'agency', agency: '000.00.12.H56' }],
      ratePerMinute: 3,
    });
    try {
      const call = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
        limited.inject({ method, url, headers: { authorization: `Bearer ${KEY}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { payload: JSON.stringify(body) } : {}) });
      const draft = await call('POST', '/v1/drafts', { template: 'quyet-dinh', start: 'example' });
      expect(draft.statusCode, draft.body).toBe(201);
      const issued = await call('POST', `/v1/drafts/${draft.json().id}/issue`, { confirm: true }, { 'if-match': '"1"' });
      expect(issued.statusCode, issued.body).toBe(201);
      // Two tokens spent of three: the third request passes, the fourth is refused.
      expect((await call('GET', '/v1/documents')).statusCode).toBe(200);
      expect((await call('GET', '/v1/documents')).statusCode).toBe(429);
    } finally {
      await limited.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
