/**
 * The multi-instance scenario of npm run chaos (issue 18, item 4): real processes (node dist/main.js) sharing
 * one PostgreSQL (a private server, tests/support/postgres.ts) and one S3 server (s3rver, tests/support/s3.ts),
 * nothing else.
 *
 * Throughput (full run only): issuing through one instance, then through three, same clients.
 *
 * Issuing: ISSUES requests (each with its own Idempotency-Key) spread over three instances; one instance is
 * killed with SIGKILL midway; a request that meets the dead instance is sent again, same key, to another (as a
 * client or a load balancer would). Then: every acknowledged document (201/200) present, issued, with both
 * files in S3 and their hashes right; numbers distinct and consecutive from 1; no row left 'issuing' once the
 * lease has passed (the dead instance's rows completed by the live ones). Pairs of requests with one key sent
 * to two instances at once get one document.
 *
 * Job: one job of JOB_ITEMS items; the instance that took the first slice is killed once half the items are
 * done; the job finishes on the others. Its zip holds every file; every item done before the kill was rendered
 * once; only the items in flight at the kill (at most one per page of the killed instance) were rendered twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { S3FileStorage } from '../src/archive/store-s3.js';
import { startPostgres } from '../tests/support/postgres.js';
import { startS3 } from '../tests/support/s3.js';
import { ROOT, cpuSeconds, request, round, sleep, startService, table, tree, treeRssMb, type Service } from './lib.js';

type Check = (what: string, value: string | number, ok: boolean, timing?: boolean) => void;

const LEASE_MS = 5_000;
/** A dead instance's slice is handed out again after this (short: 10 s; a live but slow slice is harmless). */
const SLICE_TIMEOUT_S = process.argv.includes('--short') ? 10 : 20;

const decision = (() => {
  const d = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/quyet-dinh/qd-tm-kt.json'), 'utf8')) as Record<string, unknown>;
  delete d.number;
  return d;
})();

/** The instances' configuration: everything shared goes through PostgreSQL and S3. */
function instanceEnv(databaseUrl: string, s3: Awaited<ReturnType<typeof startS3>>, dataDir: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    FILE_STORE: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    // Each instance its own data directory: nothing on disk is shared.
    DATA_DIR: dataDir,
    PDF_POOL_SIZE: '1',
    DOCX_WORKERS: '1',
    PDFA_CONCURRENCY: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    ISSUE_LEASE_MS: String(LEASE_MS),
    JOB_SLICE_ITEMS: '10',
    JOB_SLICE_TIMEOUT_S: String(SLICE_TIMEOUT_S),
    NODE_NO_WARNINGS: '1',
  };
}

/** Kills an instance with SIGKILL, and then the Chromium it leaves behind (those pids only, found before). */
async function killHard(svc: Service): Promise<void> {
  const pids = tree(svc.proc.pid!).map((p) => p.pid).filter((p) => p !== svc.proc.pid);
  svc.proc.kill('SIGKILL');
  await sleep(300);
  for (const p of pids)
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* gone with its parent */
    }
}

/**
 * One issuing request, sent again (same key) to the next instance while the one it met is down or answers 503;
 * a 202 (the document has its number and is being completed, perhaps by another instance after a kill) is
 * followed at its Location until issued, as a client would. Returns the final answer's status and document.
 */
async function issue(instances: Service[], start: number, key: string, summary: string): Promise<{ status: number; id?: string; waited: boolean }> {
  const body = JSON.stringify({ template: 'quyet-dinh', data: { ...decision, summary } });
  for (let k = 0; k < instances.length * 6; k++) {
    const svc = instances[(start + k) % instances.length]!;
    const r = await request('POST', `${svc.url}/v1/documents`, body, { 'idempotency-key': key }).catch(() => undefined);
    if (!r || r.status === 503 || r.status === 502) {
      await sleep(300);
      continue;
    }
    const id = (JSON.parse(r.body) as { id?: string }).id;
    if (r.status !== 202) return { status: r.status, id, waited: false };
    const end = Date.now() + LEASE_MS * 4 + 60_000;
    while (Date.now() < end) {
      await sleep(500);
      const g = await request('GET', `${svc.url}/v1/documents/${id}`).catch(() => undefined);
      if (!g) break;
      const status = (JSON.parse(g.body) as { status: string }).status;
      if (status === 'issued') return { status: 200, id, waited: true };
      if (status === 'failed') return { status: 409, id, waited: true };
    }
  }
  return { status: 0, waited: false };
}

export async function scale(check: Check, log: (s: string) => void, short: boolean): Promise<void> {
  const ISSUES = short ? 40 : 300;
  const JOB_ITEMS = short ? 40 : 1000;
  const [pgServer, s3] = await Promise.all([startPostgres(), startS3()]);
  if (!pgServer) throw new Error('PostgreSQL binaries are not installed');
  const dirs = [0, 1, 2].map(() => mkdtempSync(path.join(os.tmpdir(), 'vanban-scale-')));
  const db = new pg.Client({ connectionString: pgServer.url });
  const instances: Service[] = [];
  try {
    for (const d of dirs) instances.push(await startService(instanceEnv(pgServer.url, s3, d)));
    await db.connect();
    log(`\nScale: 3 instances (1 PDF page each) on one PostgreSQL and one S3 server (s3rver), lease ${LEASE_MS} ms, slice timeout ${SLICE_TIMEOUT_S} s`);

    // Throughput: one instance, then three; the same number of clients (3 per instance at most).
    if (!short) {
      const rows: (string | number)[][] = [];
      for (const n of [1, 3]) {
        const used = instances.slice(0, n);
        const before = used.map((s) => cpuSeconds(s.proc.pid!));
        const count = 60;
        let next = 0;
        const t = Date.now();
        await Promise.all(
          Array.from({ length: 3 * n }, async (_, c) => {
            while (next < count) {
              const i = next++;
              await issue(used, c, randomUUID(), `Thông lượng ${n} phiên bản, văn bản ${i}`);
            }
          }),
        );
        const s = (Date.now() - t) / 1000;
        const cpu = used.map((svc, i) => {
          const a = cpuSeconds(svc.proc.pid!);
          return a.service + a.children - before[i]!.service - before[i]!.children;
        });
        rows.push([n, count, round(s, 1), round(count / s, 2), used.map((svc) => round(treeRssMb(svc.proc.pid!), 0)).join(' / '), cpu.map((c) => round(c / s, 2)).join(' / ')]);
      }
      log('  issuing throughput (documents rendered to DOCX and PDF/A, stored in S3):');
      log(table(['instances', 'documents', 'seconds', 'documents/s', 'memory per instance, MB (node + Chromium)', 'CPU per instance (cores)'], rows));
    }

    // Issuing with one instance killed midway.
    const acknowledged: { id: string; status: number; key: string; waited: boolean }[] = [];
    const others: number[] = [];
    let next = 0;
    let killedAt = -1;
    await Promise.all(
      Array.from({ length: 6 }, async (_, c) => {
        while (next < ISSUES) {
          const i = next++;
          if (i === Math.floor(ISSUES / 2) && killedAt < 0) {
            killedAt = i;
            await killHard(instances[1]!);
          }
          const key = `chaos-${i}-${randomUUID()}`;
          const r = await issue(instances, c, key, `Văn bản thử nghiệm nhiều phiên bản số ${i}`);
          if (r.id && (r.status === 201 || r.status === 200)) acknowledged.push({ id: r.id, status: r.status, key, waited: r.waited });
          else others.push(r.status);
        }
      }),
    );
    const live = [instances[0]!, instances[2]!];
    // The same key sent to two live instances at once: one document.
    let pairsSame = 0;
    for (let i = 0; i < 5; i++) {
      const key = `pair-${randomUUID()}`;
      const [a, b] = await Promise.all(live.map((svc) => issue([svc], 0, key, `Cặp yêu cầu cùng khóa ${i}`)));
      if (a!.id && a!.id === b!.id) pairsSame++;
      else log(`  pair ${i}: ${a!.status} ${b!.status}`);
    }
    // The lease passes; the dead instance's rows are taken over by the live ones.
    const waitEnd = Date.now() + LEASE_MS * 2 + 60_000;
    let issuing = -1;
    while (Date.now() < waitEnd) {
      issuing = Number((await db.query("SELECT COUNT(*) AS n FROM documents WHERE status = 'issuing'")).rows[0].n);
      if (issuing === 0) break;
      await sleep(500);
    }
    const rows = (await db.query<{ id: string; number: number; status: string; agency_key: string }>('SELECT id, number, status, agency_key FROM documents ORDER BY number')).rows;
    const files = (await db.query<{ document_id: string; format: string; sha256: string }>('SELECT document_id, format, sha256 FROM document_files')).rows;
    const registers = new Set(rows.map((r) => r.agency_key));
    const numbers = rows.map((r) => Number(r.number));
    const consecutive = registers.size === 1 && numbers.every((n, i) => n === i + 1);
    const store = new S3FileStorage({ ...s3, prefix: 'files/' });
    let intact = 0;
    const byDoc = new Map<string, string[]>();
    for (const f of files) byDoc.set(f.document_id, [...(byDoc.get(f.document_id) ?? []), f.sha256]);
    for (const a of acknowledged) {
      const hashes = byDoc.get(a.id) ?? [];
      let ok = hashes.length === 2;
      for (const h of hashes) ok = ok && createHash('sha256').update(await store.get(h)).digest('hex') === h;
      // And through HTTP, from a live instance that did not necessarily issue it.
      const pdf = await request('GET', `${live[acknowledged.indexOf(a) % 2]!.url}/v1/documents/${a.id}/pdf`);
      ok = ok && pdf.status === 200 && hashes.includes(createHash('sha256').update(pdf.raw).digest('hex'));
      if (ok) intact++;
    }
    await store.close();
    const statuses = rows.reduce<Record<string, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
    log(`  issuing: ${ISSUES} requests over 3 instances, instance 2 killed -9 at request ${killedAt}; ${acknowledged.length} acknowledged (${acknowledged.filter((a) => a.waited).length} after a 202 followed to completion), other answers: ${others.length ? others.join(', ') : 'none'}`);
    log(`  register: ${rows.length} rows (${Object.entries(statuses).map(([s, n]) => `${n} ${s}`).join(', ')}), numbers ${numbers[0]}..${numbers.at(-1)}; pairs of one key on two instances giving one document: ${pairsSame}/5`);
    check('scale: every request acknowledged', `${acknowledged.length}/${ISSUES}`, acknowledged.length === ISSUES);
    check('scale: acknowledged documents issued, both files in S3 with their hashes, served by a live instance', `${intact}/${acknowledged.length}`, intact === acknowledged.length);
    check('scale: numbers distinct and consecutive from 1 (one register)', `${rows.length} rows, ${numbers[0]}..${numbers.at(-1)}`, consecutive);
    check(`scale: no row left issuing after the lease (${LEASE_MS} ms)`, issuing, issuing === 0);
    check('scale: one Idempotency-Key on two instances at once gives one document', `${pairsSame}/5`, pairsSame === 5);
    check('scale: no row failed', statuses.failed ?? 0, !statuses.failed);

    // A job with the instance running it killed halfway.
    const fresh = await startService(instanceEnv(pgServer.url, s3, dirs[1]!));
    instances[1] = fresh;
    const items = Array.from({ length: JOB_ITEMS }, (_, i) => ({
      template: 'quyet-dinh',
      data: { ...decision, summary: `Tác vụ nền, văn bản ${i + 1}` },
      ...(short && i % 2 ? { format: 'docx' } : {}),
    }));
    const t0 = Date.now();
    const created = await request('POST', `${instances[0]!.url}/v1/jobs`, JSON.stringify({ items }));
    if (created.status !== 202) throw new Error(`job refused: ${created.status} ${created.body}`);
    const location = created.headers.location!;
    const jobId = location.split('/').pop()!;
    // Every instance takes slices of the job; the one that accepted it is killed once half the items are done.
    const victim = 0;
    let doneBefore: number[] = [];
    for (;;) {
      const j = JSON.parse((await request('GET', `${instances[0]!.url}${location}`)).body) as { done: number; state: string };
      if (j.done >= JOB_ITEMS / 2 || j.state === 'done') {
        await killHard(instances[victim]!);
        doneBefore = (await db.query<{ idx: number }>("SELECT idx FROM job_items WHERE job_id = $1 AND state = 'done'", [jobId])).rows.map((r) => Number(r.idx));
        break;
      }
      await sleep(200);
    }
    const survivors = instances.filter((_, i) => i !== victim);
    // What each instance needs while the job runs (the killed one excepted).
    const rss = survivors.map((svc) => round(treeRssMb(svc.proc.pid!), 0));
    let state = '';
    const end = Date.now() + (short ? 240_000 : 1_800_000);
    while (Date.now() < end) {
      state = (JSON.parse((await request('GET', `${survivors[0]!.url}${location}`)).body) as { state: string }).state;
      if (state === 'done') break;
      await sleep(500);
    }
    const jobSeconds = (Date.now() - t0) / 1000;
    const renders = (await db.query<{ idx: number; renders: number }>('SELECT idx, renders FROM job_items WHERE job_id = $1 ORDER BY idx', [jobId])).rows;
    const twice = renders.filter((r) => Number(r.renders) > 1).map((r) => Number(r.idx));
    const doneBeforeOnce = doneBefore.every((i) => Number(renders[i]?.renders) === 1);
    const zip = await request('GET', `${survivors[1]!.url}${location}/result`);
    const out = mkdtempSync(path.join(os.tmpdir(), 'vanban-scale-zip-'));
    let filesInZip = 0;
    let hashesOk = false;
    if (zip.status === 200) {
      writeFileSync(path.join(out, 'r.zip'), zip.raw);
      execFileSync('unzip', ['-q', '-d', path.join(out, 'x'), path.join(out, 'r.zip')]);
      const manifest = JSON.parse(readFileSync(path.join(out, 'x', 'manifest.json'), 'utf8')) as { items: { file?: string; sha256?: string }[] };
      filesInZip = readdirSync(path.join(out, 'x')).filter((f) => f !== 'manifest.json').length;
      hashesOk = manifest.items.every((m) => m.file && createHash('sha256').update(readFileSync(path.join(out, 'x', m.file))).digest('hex') === m.sha256);
    }
    rmSync(out, { recursive: true, force: true });
    log(`  job: ${JOB_ITEMS} items, instance ${victim + 1} killed -9 with ${doneBefore.length} done; ${state} after ${round(jobSeconds, 0)} s (${round(JOB_ITEMS / jobSeconds, 2)} items/s); zip ${round(zip.bytes / 1e6, 1)} MB with ${filesInZip} files`);
    log(`  memory of the surviving instances during the job (node + Chromium), MB: ${rss.join(' / ')}`);
    log(`  renders: ${renders.reduce((n, r) => n + Number(r.renders), 0)} for ${JOB_ITEMS} items; rendered twice: ${twice.length ? twice.join(', ') : 'none'} (in flight at the kill)`);
    check('scale: the job finished on the surviving instances', state, state === 'done');
    check(`scale: its zip has ${JOB_ITEMS} files, hashes as in the manifest`, `${filesInZip}${hashesOk ? ', hashes right' : ', hashes WRONG'}`, filesInZip === JOB_ITEMS && hashesOk);
    check('scale: items done before the kill rendered once', `${doneBefore.length} items`, doneBeforeOnce);
    check('scale: items rendered twice (at most the in-flight renders of the killed instance: 1 page + 1 DOCX worker)', twice.length, twice.length <= 2);
    check('scale: every item rendered once or twice (never more)', `${renders.filter((r) => Number(r.renders) === 1).length} once, ${twice.length} twice`, renders.length === JOB_ITEMS && renders.every((r) => Number(r.renders) === 1 || Number(r.renders) === 2));
  } finally {
    await db.end().catch(() => undefined);
    // SIGTERM to the live ones (a killed one has exited already: its exitCode stays null, its signalCode is set).
    for (const svc of instances) if (svc.proc.exitCode === null && svc.proc.signalCode === null) await svc.stop().catch(() => undefined);
    await s3.stop();
    pgServer.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
