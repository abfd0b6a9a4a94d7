/** POST /v1/batch: validation of every item first, then a zip of the rendered files and a manifest. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import PizZip from 'pizzip';
import { buildApp } from '../../src/app.js';

type App = Awaited<ReturnType<typeof buildApp>>;
let app: App;
let qd: Record<string, unknown>;

beforeAll(async () => {
  app = await buildApp({ logger: false, batchMaxItems: 5, poolSize: 2, queueSize: 2 });
  await app.ready();
  qd = (await app.inject({ url: '/v1/templates/quyet-dinh/example' })).json();
});
afterAll(() => app.close());

const post = (body: unknown) =>
  app.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('batch', () => {
  it('streams a zip with every file in item order and a manifest', async () => {
    const res = await post({
      items: [
        { template: 'quyet-dinh', data: qd, format: 'pdf' },
        { template: 'quyet-dinh', data: { ...qd, number: 153 }, format: 'docx' },
        { template: 'quyet-dinh', data: qd, format: 'pdf', filename: 'Bản gửi Sở Nội vụ' },
        { template: 'quyet-dinh', data: qd },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = new PizZip(res.rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toEqual([
      'Quyết định 152-QĐ-UBND.pdf',
      'Quyết định 153-QĐ-UBND.docx',
      'Bản gửi Sở Nội vụ.pdf',
      'Quyết định 152-QĐ-UBND (2).pdf',
      'manifest.json',
    ]);
    const manifest = JSON.parse(zip.file('manifest.json')!.asText()) as { items: { file: string; sha256: string; bytes: number }[] };
    for (const m of manifest.items) {
      const bytes = Buffer.from(zip.file(m.file)!.asUint8Array());
      expect(bytes.length).toBe(m.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(m.sha256);
    }
    expect(Buffer.from(zip.file('Quyết định 152-QĐ-UBND.pdf')!.asUint8Array()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('validates every item first: one 422 naming each bad item by index and path', async () => {
    const bad = structuredClone(qd);
    delete bad.place;
    const res = await post({
      items: [
        { template: 'quyet-dinh', data: qd },
        { template: 'khong-co', data: {} },
        { template: 'quyet-dinh', data: bad },
        { template: 'quyet-dinh', data: { ...qd, date: 'hôm nay' } },
      ],
    });
    expect(res.statusCode).toBe(422);
    const paths = (res.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path);
    expect(paths).toEqual(['$.items[1].template', '$.items[2].data.place', '$.items[3].data.date']);
  });

  it('refuses more items than configured, and an empty batch', async () => {
    const many = await post({ items: Array.from({ length: 6 }, () => ({ template: 'quyet-dinh', data: qd })) });
    expect(many.statusCode).toBe(422);
    expect(JSON.stringify(many.json())).toContain('tối đa 5');
    expect((await post({ items: [] })).statusCode).toBe(422);
    expect((await post({ items: [{ template: 'quyet-dinh', data: qd, format: 'odt' }] })).statusCode).toBe(422);
  });
});
