/**
 * Whether a type can be issued is part of its definition (DocumentType.issuable; issue 12, item 6): every type
 * of the catalog goes through POST /v1/documents with its example data; the issuable ones are issued (201),
 * the others answer 422 in Vietnamese, never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { CATALOG } from '../../src/documents/catalog.js';
import { isIssuable } from '../../src/documents/types.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';

type App = Awaited<ReturnType<typeof buildApp>>;
let app: App;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-issuable-'));
  app = await buildApp({ logger: false, dataDir: dir, poolSize: 2 });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every catalog type through POST /v1/documents', () => {
  it('the printed register is not issuable; every other type is', () => {
    expect(CATALOG.filter((t) => !isIssuable(t)).map((t) => t.id)).toEqual(['so-dang-ky-van-ban-di']);
  });

  for (const type of CATALOG) {
    it(`${type.id}: ${isIssuable(type) ? '201' : '422'}`, async () => {
      const data = JSON.parse(readFileSync(path.join(FIXTURES_DIR, type.id, type.exampleFixture), 'utf8')) as Record<string, unknown>;
      delete data.number;
      const res = await app.inject({
        method: 'POST',
        url: '/v1/documents',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ template: type.id, data }),
      });
      if (isIssuable(type)) {
        expect(res.statusCode, res.body).toBe(201);
        const doc = res.json() as { status: string; number: number; files: unknown };
        expect(doc.status).toBe('issued');
        expect(doc.files).not.toBeNull();
      } else {
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json()).toMatchObject({ error: { code: 'not_issuable', details: [{ path: '$.template', code: 'not_issuable' }] } });
        expect((res.json() as { error: { message: string } }).error.message).toMatch(/không phải văn bản ban hành/);
      }
    }, 120_000);
  }
});
