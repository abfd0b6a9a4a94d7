/**
 * The smaller items of issue 13 (item 6): Ghostscript conversions capped (PDFA_CONCURRENCY), /index.html
 * served with the page's CSP and frame options, zip entry names without bidirectional controls or Windows
 * device names, a register too long to print at once refused with 422 asking for from/to, and a damaged stored
 * file repaired when the same content is stored again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { buildApp } from '../../src/app.js';
import { LocalFileStorage, sha256 } from '../../src/archive/store.js';
import { WEB_CSP } from '../../src/http/web.js';
import { unicodeFilename } from '../../src/vietnamese/text.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const decision = (date: string, summary = 'Văn bản thử') => {
  const d = JSON.parse(readFileSync('fixtures/quyet-dinh/qd-tm-kt.json', 'utf8')) as Record<string, any>;
  delete d.number;
  return { ...d, date, summary };
};

let app: App;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-smaller-'));
  app = await buildApp({ logger: false, dataDir: dir, poolSize: 2, pdfaConcurrency: 1, registerPrintMaxEntries: 3 });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});
const post = (body: unknown) =>
  app.inject({ method: 'POST', url: '/v1/documents', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

/** Ghostscript processes this test process is running now (children whose command is gs). */
const gsNow = () =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'latin1');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && /(^|\/)gs\0/.test(readFileSync(`/proc/${p}/cmdline`, 'latin1'));
      } catch {
        return false;
      }
    }).length;

describe('Ghostscript', () => {
  it('runs at most PDFA_CONCURRENCY conversions at once (4 documents issued in parallel, cap 1)', async () => {
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, gsNow());
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const res = await Promise.all([1, 2, 3, 4].map((i) => post({ template: 'quyet-dinh', data: decision(`2024-0${i}-15`, `Song song ${i}`) })));
    sampling = false;
    await sampler;
    expect(res.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const archive = app.archive;
    expect(archive.pdfa.peak).toBe(1);
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(1);
  }, 120_000);
});

describe('the register printed', () => {
  it('refuses more entries than REGISTER_PRINT_MAX_ENTRIES with 422 asking for from/to; a narrower range prints', async () => {
    const key = `UBND|${'ủy ban nhân dân tỉnh hải dương'.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')}`;
    const all = await app.inject({ url: `/v1/registers?agency=${encodeURIComponent(key)}&year=2024&format=docx` });
    expect(all.statusCode, all.body).toBe(422);
    expect(all.json()).toMatchObject({ error: { code: 'register_too_large' } });
    expect((all.json() as any).error.message).toMatch(/4 văn bản.*from và to/);
    const part = await app.inject({ url: `/v1/registers?agency=${encodeURIComponent(key)}&year=2024&from=2024-01-01&to=2024-03-31&format=docx` });
    expect(part.statusCode, part.body).toBe(200);
  });
});

describe('/index.html', () => {
  it('carries the page policy and frame options like /', async () => {
    const root = await app.inject({ url: '/' });
    const index = await app.inject({ url: '/index.html' });
    expect(index.headers['content-security-policy']).toBe(WEB_CSP);
    expect(root.headers['content-security-policy']).toBe(WEB_CSP);
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.statusCode).toBe(root.statusCode);
  });
});

describe('zip entry names', () => {
  it('drop bidirectional controls and never use a Windows device name', async () => {
    const qd = (await app.inject({ url: '/v1/templates/quyet-dinh/example' })).json() as unknown;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        items: [
          { template: 'quyet-dinh', data: qd, format: 'docx', filename: 'hoa-don\u202Excod.exe' },
          { template: 'quyet-dinh', data: qd, format: 'docx', filename: 'CON' },
          { template: 'quyet-dinh', data: qd, format: 'docx', filename: 'nul.tar' },
          { template: 'quyet-dinh', data: qd, format: 'docx', filename: '\u2067COM1\u2069' },
        ],
      }),
    });
    expect(res.statusCode).toBe(200);
    const names = Object.keys(new PizZip(res.rawPayload).files);
    expect(names).toEqual(['hoa-donxcod.exe.docx', '_CON.docx', '_nul.tar.docx', '_COM1.docx', 'manifest.json']);
    for (const n of names) expect(n).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(unicodeFilename('..\u202Egpj.exe')).toBe('gpj.exe');
    expect(unicodeFilename('lpt9')).toBe('_lpt9');
    expect(unicodeFilename('Quyết định CONG')).toBe('Quyết định CONG');
  });
});

describe('the file store', () => {
  it('repairs a damaged file when the same content is stored again', async () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'vanban-store-'));
    try {
      const store = new LocalFileStorage(d);
      const bytes = Buffer.from('Nội dung lưu trữ '.repeat(100));
      const hash = await store.put(bytes);
      const file = path.join(d, 'files', hash.slice(0, 2), hash);
      chmodSync(file, 0o644);
      writeFileSync(file, bytes.subarray(0, 100));
      await expect(store.get(hash)).rejects.toThrow(/has hash/);
      expect(await store.put(bytes)).toBe(hash);
      expect(sha256(await store.get(hash))).toBe(hash);
      rmSync(file);
      await expect(store.get(hash)).rejects.toThrow(/is missing/);
      expect(await store.has(hash)).toBe(false);
      expect(await store.put(bytes)).toBe(hash);
      expect((await store.get(hash)).equals(bytes)).toBe(true);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
