/**
 * Durability: the service is killed with SIGKILL again and again while documents are being issued. After the
 * last restart, every document answered 201 before a kill is there with the same SHA-256, no record lacks its
 * files, no number is used twice, and the numbers run without gaps (documents left half-issued by a kill are
 * completed in the background after the start, with the number they had taken).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { orphanChromium, request, sleep, startService, type Service } from '../../bench/lib.js';

const ROUNDS = Number(process.env.DURABILITY_ROUNDS ?? 4);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = (() => {
  const d = JSON.parse(readFileSync('fixtures/quyet-dinh/qd-tm-kt.json', 'utf8')) as Record<string, unknown>;
  delete d.number;
  return JSON.stringify({ template: 'quyet-dinh', data: d });
})();

describe('durability under kill -9', () => {
  it(`keeps every 201 across ${ROUNDS} kills, with unique consecutive numbers`, async () => {
    const answered = new Map<string, { number: number; pdf: string; docx: string }>();
    let svc: Service | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      svc = await startService({ DATA_DIR: dir, PDF_POOL_SIZE: '2', PDF_QUEUE_SIZE: '64', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error' });
      let stop = false;
      const client = async () => {
        while (!stop) {
          const r = await request('POST', `${svc!.url}/v1/documents`, body).catch(() => undefined);
          if (r?.status === 201 && r.body) {
            const d = JSON.parse(r.body) as { id: string; number: number; files: { pdf: { sha256: string }; docx: { sha256: string } } };
            answered.set(d.id, { number: d.number, pdf: d.files.pdf.sha256, docx: d.files.docx.sha256 });
          }
        }
      };
      const clients = Array.from({ length: 4 }, client);
      await sleep(1500 + Math.random() * 2000);
      svc.proc.kill('SIGKILL');
      stop = true;
      await Promise.all(clients);
      await new Promise((r) => (svc!.proc.exitCode !== null ? r(null) : svc!.proc.once('exit', r)));
    }
    svc = await startService({ DATA_DIR: dir, PDF_POOL_SIZE: '2', LOG_LEVEL: 'error' });
    try {
      // Documents left issuing by the kills are completed in the background after the start: wait for them.
      for (let i = 0; ; i++) {
        const pending = JSON.parse((await request('GET', `${svc.url}/v1/documents?status=issuing`)).body) as { total: number };
        if (pending.total === 0) break;
        if (i > 600) throw new Error(`${pending.total} documents still issuing after 60 s`);
        await sleep(100);
      }
      expect(answered.size).toBeGreaterThan(0);
      for (const [id, want] of answered) {
        const meta = JSON.parse((await request('GET', `${svc.url}/v1/documents/${id}`)).body) as { number: number; status: string };
        expect(meta.status).toBe('issued');
        expect(meta.number).toBe(want.number);
        const pdf = await request('GET', `${svc.url}/v1/documents/${id}/pdf`);
        expect(pdf.status).toBe(200);
        expect(createHash('sha256').update(pdf.raw).digest('hex')).toBe(want.pdf);
      }
      const all = JSON.parse((await request('GET', `${svc.url}/v1/documents?pageSize=100&status=all`)).body) as { total: number; items: { id: string; number: number; status: string }[] };
      let items = all.items;
      for (let page = 2; items.length < all.total; page++)
        items = items.concat((JSON.parse((await request('GET', `${svc.url}/v1/documents?pageSize=100&status=all&page=${page}`)).body) as typeof all).items);
      const numbers = items.map((i) => i.number).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      for (const i of items) {
        expect(i.status).toBe('issued');
        expect((await request('GET', `${svc.url}/v1/documents/${i.id}/docx`)).status).toBe(200);
      }
    } finally {
      await svc.stop();
    }
    await sleep(500);
    expect(orphanChromium()).toEqual([]);
  }, 600_000);
});
