/**
 * The register at scale (issue 13, item 4): loads 100,000 documents across 50 agencies straight into the
 * register's database (RegisterDb, in a few seconds), starts the real service on it (node dist/main.js) and
 * measures, through HTTP with an agency key and with the admin key:
 *   - an agency's list (first page, a deep page, filtered by type and year, by dates),
 *   - a search of the folded text (common words, a rare word; agency-scoped and admin-wide),
 *   - /health latency sampled every 20 ms while 4 clients (--clients) run those requests back to back.
 * Prints the p50/p95 of each, and exits non-zero when a target is missed (list/search p95 <= 50 ms, /health
 * p95 <= 10 ms).
 *
 *   npm run bench:register                  SQLite, 100,000 documents
 *   npm run bench:register -- --pg          PostgreSQL (a private server, as the tests start it)
 *   npm run bench:register -- --docs 20000  fewer documents
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegisterDb, type DocRow } from '../src/archive/db.js';
import { fold } from '../src/archive/archive.js';
import { hashKey } from '../src/http/access.js';
import { ROOT, request, sleep, startService } from './lib.js';
import { loadedRow } from './rows.js';
import { startPostgres } from '../tests/support/postgres.js';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const DOCS = arg('--docs', 100_000);
const AGENCIES = arg('--agencies', 50);
const SECONDS = arg('--seconds', 20);
const CLIENTS = arg('--clients', 4);
const usePg = args.includes('--pg');
/** --dir <path>: keep the loaded database there and reuse it on the next run (SQLite only). */
const keepDir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : undefined;

/** Deterministic pseudo-random numbers (a run is repeatable). */
let seed = 13;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

/** Folded words of the fixtures' text: the vocabulary of the generated documents. */
function vocabulary(): string[] {
  const words = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const w of fold(v).split(/[^a-z0-9]+/)) if (w.length >= 2) words.add(w);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const dir = path.join(ROOT, 'fixtures');
  for (const t of readdirSync(dir)) for (const f of readdirSync(path.join(dir, t))) if (f.endsWith('.json')) walk(JSON.parse(readFileSync(path.join(dir, t, f), 'utf8')));
  return [...words];
}

const identifier = (i: number) => `000.00.${String(10 + (i % 90)).padStart(2, '0')}.H${String(10 + i).padStart(2, '0')}`;
const TYPES = [
  ['quyet-dinh', 'Quyết định', 'QĐ'],
  ['ke-hoach-cchc', 'Kế hoạch', 'KH'],
  ['bao-cao-cchc', 'Báo cáo', 'BC'],
  ['cong-van', 'Công văn', ''],
] as const;

async function load(db: RegisterDb): Promise<void> {
  const vocab = vocabulary();
  const perAgency = new Map<number, number>();
  let batch: DocRow[] = [];
  const t = performance.now();
  for (let i = 0; i < DOCS; i++) {
    const a = i % AGENCIES;
    const n = (perAgency.get(a) ?? 0) + 1;
    perAgency.set(a, n);
    const [template, typeName, abbr] = pick(TYPES);
    const year = 2024 + (n % 2);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const summary = Array.from({ length: 8 }, () => pick(vocab)).join(' ');
    const body = Array.from({ length: 60 }, () => pick(vocab)).join(' ');
    const notation = `${abbr ? `${abbr}-` : ''}CQ${a}`;
    const kyHieu = `${String(n).padStart(2, '0')}/${notation}`;
    batch.push(
      loadedRow({
        agencyKey: `id:${identifier(a)}`,
        agencyName: `Cơ quan thử số ${a}`,
        organId: identifier(a),
        template,
        typeName,
        year,
        number: n,
        notation,
        kyHieu,
        issuedDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        summary,
        pageCount: 2,
        description: `${typeName} về ${summary}`,
        status: rnd() < 0.02 ? 'revoked' : 'issued',
        // A third of the documents are about administrative reform; one in 997 carries a rare word.
        searchText: fold(`${kyHieu} ${typeName} ${summary} Cơ quan thử số ${a} ${body}${rnd() < 0.33 ? ' cải cách hành chính' : ''}${i % 997 === 0 ? ' hiemgap' : ''}`),
        createdAt: new Date(Date.UTC(year, month - 1, day)).toISOString(),
      }),
    );
    if (batch.length === 5000) {
      await db.bulkInsert(batch);
      batch = [];
    }
  }
  if (batch.length) await db.bulkInsert(batch);
  console.log(`loaded ${DOCS} documents across ${AGENCIES} agencies in ${((performance.now() - t) / 1000).toFixed(1)} s (${db.kind})`);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

async function main() {
  const dir = keepDir ?? mkdtempSync(path.join(os.tmpdir(), 'vanban-bench-register-'));
  const reuse = !!keepDir && !usePg && existsSync(path.join(dir, 'vanban.sqlite'));
  const pg = usePg ? await startPostgres() : undefined;
  if (usePg && !pg) throw new Error('PostgreSQL server binaries not installed');
  const dbOpts = { dataDir: dir, ...(pg ? { databaseUrl: pg.url } : {}) };
  const db = await RegisterDb.open(dbOpts);
  if (!reuse) await load(db);
  await db.analyze();
  await db.close();

  const AGENCY_KEY = 'khoa-co-quan-7';
  const ADMIN = 'khoa-quan-tri';
  const svc = await startService({
    DATA_DIR: dir,
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    PDF_POOL_SIZE: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    API_KEYS: `a7:${hashKey(AGENCY_KEY)}:${identifier(7)},admin:${hashKey(ADMIN)}:admin`,
  });
  let failed = false;
  try {
    const q = (s: string) => encodeURIComponent(s);
    const cases: [string, string, string][] = [
      ['agency list, page 1', AGENCY_KEY, '/v1/documents?pageSize=20'],
      ['agency list, page 50', AGENCY_KEY, '/v1/documents?pageSize=20&page=50'],
      ['agency list, type+year', AGENCY_KEY, '/v1/documents?type=quyet-dinh&year=2024&pageSize=20'],
      ['agency list, dates', AGENCY_KEY, '/v1/documents?from=2024-03-01&to=2024-04-30&pageSize=20'],
      ['agency search, 2 words', AGENCY_KEY, `/v1/documents?q=${q('cải cách hành chính')}&pageSize=20`],
      ['agency search, rare word', AGENCY_KEY, '/v1/documents?q=hiemgap&pageSize=20'],
      ['admin list, page 1', ADMIN, '/v1/documents?pageSize=20'],
      ['admin search, 2 words', ADMIN, `/v1/documents?q=${q('cải cách')}&pageSize=20`],
      ['admin search, rare word', ADMIN, '/v1/documents?q=hiemgap&pageSize=20'],
    ];
    // Warm up, and check the answers are what they should be.
    for (const [name, key, url] of cases) {
      const r = await request('GET', `${svc.url}${url}`, undefined, { authorization: `Bearer ${key}` });
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${r.body}`);
      const body = JSON.parse(r.body) as { total: number; items: { agencyName: string }[] };
      if (key === AGENCY_KEY && body.items.some((i) => i.agencyName !== 'Cơ quan thử số 7')) throw new Error(`${name}: another agency's document`);
      console.log(`  ${name}: total ${body.total}`);
    }
    const times = new Map<string, number[]>(cases.map(([n]) => [n, []]));
    const health: number[] = [];
    let stop = false;
    const end = Date.now() + SECONDS * 1000;
    const client = async (offset: number) => {
      for (let i = offset; !stop; i++) {
        const [name, key, url] = cases[i % cases.length]!;
        const r = await request('GET', `${svc.url}${url}`, undefined, { authorization: `Bearer ${key}` });
        if (r.status !== 200) throw new Error(`${name}: ${r.status}`);
        times.get(name)!.push(r.ms);
        if (Date.now() > end) stop = true;
      }
    };
    const sampler = async () => {
      while (!stop) {
        health.push((await request('GET', `${svc.url}/health`)).ms);
        await sleep(20);
      }
    };
    await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => client(i * 2)), sampler()]);
    const rows: string[] = [];
    rows.push(`| request | n | p50 ms | p95 ms | target |`, `|---|---|---|---|---|`);
    for (const [name, xs] of times) {
      const p95 = pct(xs, 95);
      const ok = p95 <= 50;
      failed ||= !ok;
      rows.push(`| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(1)} | ${p95.toFixed(1)} | <= 50 ${ok ? 'yes' : 'NO'} |`);
    }
    const h95 = pct(health, 95);
    failed ||= h95 > 10;
    rows.push(`| /health meanwhile | ${health.length} | ${pct(health, 50).toFixed(1)} | ${h95.toFixed(1)} | <= 10 ${h95 <= 10 ? 'yes' : 'NO'} |`);
    console.log(`\n${DOCS} documents, ${AGENCIES} agencies, ${db.kind}, ${CLIENTS} clients for ${SECONDS} s on ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)}):\n`);
    console.log(rows.join('\n'));
  } finally {
    await svc.stop();
    pg?.stop();
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

await main();
