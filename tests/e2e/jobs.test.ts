/**
 * Background jobs through HTTP (issue 18, item 3), on both queues: the embedded one (SQLite) and pg-boss
 * (a private PostgreSQL, files in PostgreSQL too). One job of three items per backend, checked many ways:
 * 202 with Location, progress, the zip (every file, and a manifest whose hashes match), the manifest alone,
 * each item rendered once, tenancy (another agency's key gets 404, the admin sees it), and the webhook: its
 * first delivery refused with 500, the retry accepted, the signature (HMAC-SHA256 over timestamp.body)
 * checked by the receiver; then retention (the sweep removes an expired job and its files). Then the embedded
 * service (node dist/main.js) killed -9 mid-job: the next start resumes it without rendering done items again.
 * The same across instances on PostgreSQL and S3: bench/chaos-scale.ts.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';
import Database from 'better-sqlite3';
import { request, sleep, startService } from '../../bench/lib.js';
import { startPostgres, type Pg } from '../support/postgres.js';

const A_ID = '000.00.31.H43';
const B_ID = '000.00.32.H43';
const [KEY_A, KEY_B, ADMIN] = ['job-key-a-0123456789', 'job-key-b-0123456789', 'job-key-admin-0123456789'];
const SECRET = 'webhook-secret-0123456789';
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;
const decision = read('fixtures/quyet-dinh/qd-tm-kt.json');
const letter = read('fixtures/cong-van/de-nghi-bao-cao.json');

/** A receiver that refuses the first delivery with 500 and accepts the next, checking every signature. */
function receiver() {
  const got: { status: number; valid: boolean; body: any; age: number }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const t = Number(req.headers['vanban-timestamp']);
      const expected = Buffer.from(`v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers['vanban-signature'] ?? ''));
      const valid = given.length === expected.length && timingSafeEqual(given, expected) && req.headers['vanban-job'] === JSON.parse(body).id;
      const status = got.length === 0 ? 500 : 200;
      got.push({ status, valid, body: JSON.parse(body), age: Math.abs(Date.now() / 1000 - t) });
      res.writeHead(status).end();
    });
  });
  return { server, got };
}

let pg: Pg | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

describe.each(['sqlite', 'postgres'] as const)('jobs (%s)', (backend) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let dir: string;
  const hook = receiver();
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    // PostgreSQL is one of the Debian packages the project installs (scripts/debian-packages.txt).
    if (backend === 'postgres' && !pg) throw new Error('PostgreSQL binaries are not installed');
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-jobs-'));
    app = await buildApp({
      logger: false,
      dataDir: dir,
      poolSize: 2,
      ...(backend === 'postgres' ? { databaseUrl: pg!.url, fileStore: 'postgres' as const } : {}),
      apiKeys: [
        { id: 'a', sha256: hashKey(KEY_A), role: 'agency', agency: A_ID },
        { id: 'b', sha256: hashKey(KEY_B), role: 'agency', agency: B_ID },
        { id: 'admin', sha256: hashKey(ADMIN), role: 'admin' },
      ],
      ratePerMinute: 0,
      webhookSecret: SECRET,
      webhookRetryS: 1,
      // The test's receiver is on loopback: named by the operator, as a receiver inside the agency's network would be.
      webhookHosts: ['127.0.0.1'],
    });
    await app.ready();
  }, 90_000);
  afterAll(async () => {
    await app?.close();
    hook.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a job, renders each item once, keeps zip and manifest, applies tenancy, signs and retries the webhook', async () => {
    const url = `http://127.0.0.1:${(hook.server.address() as { port: number }).port}/hook`;
    const items = [
      { template: 'quyet-dinh', data: decision },
      { template: 'cong-van', data: letter, format: 'docx' },
      { template: 'quyet-dinh', data: decision, filename: 'Quyết định bản sao' },
    ];
    const r = await app.inject({ method: 'POST', url: '/v1/jobs', headers: { 'content-type': 'application/json', ...auth(KEY_A) }, payload: { items, webhook: { url } } });
    expect(r.statusCode).toBe(202);
    const location = r.headers.location as string;
    expect(location).toMatch(/^\/v1\/jobs\/[0-9a-f-]{36}$/);
    expect(r.json()).toMatchObject({ state: 'queued', items: 3, done: 0 });

    let job: any;
    for (let i = 0; i < 600; i++) {
      job = (await app.inject({ url: location, headers: auth(KEY_A) })).json();
      if (job.state === 'done' && job.webhook?.state === 'delivered') break;
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(job).toMatchObject({ state: 'done', items: 3, done: 3, failed: 0, webhook: { state: 'delivered', attempts: 2 } });

    // The zip: three files and the manifest, whose hashes match the files.
    const zip = await app.inject({ url: `${location}/result`, headers: auth(KEY_A) });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const out = mkdtempSync(path.join(os.tmpdir(), 'vanban-jobzip-'));
    writeFileSync(path.join(out, 'r.zip'), zip.rawPayload);
    execFileSync('unzip', ['-q', '-d', path.join(out, 'x'), path.join(out, 'r.zip')]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'x', 'manifest.json'), 'utf8'));
    expect(manifest.job).toBe(job.id);
    expect(manifest.items.map((m: any) => m.format)).toEqual(['pdf', 'docx', 'pdf']);
    expect(manifest.items[2].file).toBe('Quyết định bản sao.pdf');
    for (const m of manifest.items) expect(createHash('sha256').update(readFileSync(path.join(out, 'x', m.file))).digest('hex')).toBe(m.sha256);
    expect(readFileSync(path.join(out, 'x', manifest.items[0].file)).subarray(0, 5).toString()).toBe('%PDF-');
    rmSync(out, { recursive: true, force: true });
    const alone = await app.inject({ url: `${location}/manifest`, headers: auth(KEY_A) });
    expect(alone.json()).toEqual(manifest);
    expect(await app.jobs.renders(job.id)).toEqual([1, 1, 1]);

    // Tenancy: another agency's key does not see it, the admin does.
    expect((await app.inject({ url: location, headers: auth(KEY_B) })).statusCode).toBe(404);
    expect((await app.inject({ url: `${location}/result`, headers: auth(KEY_B) })).statusCode).toBe(404);
    expect((await app.inject({ url: location, headers: auth(ADMIN) })).statusCode).toBe(200);

    // The webhook: refused once, delivered on the retry, every delivery signed and fresh.
    expect(hook.got.map((g) => g.status)).toEqual([500, 200]);
    expect(hook.got.every((g) => g.valid && g.age < 60)).toBe(true);
    expect(hook.got[1]!.body).toMatchObject({ id: job.id, state: 'done', done: 3, links: { result: `${location}/result` } });

    // Retention: once expired, the sweep removes the job, its result and manifest, and its items' files.
    const files = app.archive.files;
    expect(await files.has(job.result.sha256)).toBe(true);
    await app.archive.db.sql.query('UPDATE jobs SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1000).toISOString(), job.id]);
    expect(await app.jobs.sweep()).toBe(1);
    expect((await app.inject({ url: location, headers: auth(KEY_A) })).statusCode).toBe(404);
    expect(await files.has(job.result.sha256)).toBe(false);
    for (const m of manifest.items) expect(await files.has(m.sha256)).toBe(false);
  }, 180_000);

  it('refuses bad items with every path, and a webhook the service cannot sign', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/jobs',
      headers: { 'content-type': 'application/json', ...auth(KEY_A) },
      payload: { items: [{ template: 'quyet-dinh', data: decision }, { template: 'khong-co', data: {} }] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: any) => d.path)).toContain('$.items[1].template');
    const noUrl = await app.inject({ method: 'POST', url: '/v1/jobs', headers: { 'content-type': 'application/json', ...auth(KEY_A) }, payload: { items: [{ template: 'quyet-dinh', data: decision }], webhook: { url: 'ftp://x' } } });
    expect(noUrl.statusCode).toBe(422);
    // Only the named receivers: not the cloud metadata address, not another loopback name (src/jobs/webhook.ts).
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://localhost:9/hook']) {
      const r = await app.inject({ method: 'POST', url: '/v1/jobs', headers: { 'content-type': 'application/json', ...auth(KEY_A) }, payload: { items: [{ template: 'quyet-dinh', data: decision }], webhook: { url } } });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details).toEqual([expect.objectContaining({ path: '$.webhook.url', code: 'webhook_not_allowed' })]);
    }
    expect((await app.inject({ url: '/v1/jobs/nope', headers: auth(KEY_A) })).statusCode).toBe(404);
  });
});

describe('a job through kill -9 of the embedded service', () => {
  it('resumes at the next start; items done before the kill are not rendered again', async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'vanban-jobs-kill-'));
    const env = { DATA_DIR: data, PDF_POOL_SIZE: '1', RATE_LIMIT_PER_MINUTE: '0', JOB_SLICE_ITEMS: '5', LOG_LEVEL: 'error' };
    let svc = await startService(env);
    try {
      const items = Array.from({ length: 24 }, (_, i) => ({ template: 'cong-van', data: { ...letter, summary: `Công văn số ${i + 1}` }, format: i % 2 ? 'docx' : 'pdf' }));
      const created = await request('POST', `${svc.url}/v1/jobs`, JSON.stringify({ items }));
      expect(created.status).toBe(202);
      const location = created.headers.location!;
      const state = async () => JSON.parse((await request('GET', `${svc.url}${location}`)).body) as { state: string; done: number };
      while ((await state()).done < 8) await sleep(100);
      svc.proc.kill('SIGKILL');
      await new Promise((r) => (svc.proc.exitCode !== null || svc.proc.signalCode !== null ? r(null) : svc.proc.once('exit', r)));
      const db = new Database(path.join(data, 'vanban.sqlite'), { readonly: true });
      const doneBefore = (db.prepare("SELECT idx FROM job_items WHERE state = 'done'").all() as { idx: number }[]).map((r) => r.idx);
      db.close();
      svc = await startService(env);
      for (let i = 0; (await state()).state !== 'done'; i++) {
        if (i > 1200) throw new Error('job not done 2 minutes after the restart');
        await sleep(100);
      }
      const after = new Database(path.join(data, 'vanban.sqlite'), { readonly: true });
      const renders = after.prepare('SELECT idx, renders FROM job_items ORDER BY idx').all() as { idx: number; renders: number }[];
      after.close();
      expect(doneBefore.length).toBeGreaterThanOrEqual(8);
      for (const i of doneBefore) expect(renders[i]!.renders).toBe(1);
      // At most the one item in flight at the kill was rendered twice.
      expect(renders.filter((r) => r.renders !== 1).length).toBeLessThanOrEqual(1);
      expect(renders.every((r) => r.renders >= 1 && r.renders <= 2)).toBe(true);
      const zip = await request('GET', `${svc.url}${location}/result`);
      expect(zip.status).toBe(200);
      expect(zip.raw.subarray(0, 2).toString()).toBe('PK');
    } finally {
      await svc.stop();
      rmSync(data, { recursive: true, force: true });
    }
  }, 300_000);
});
