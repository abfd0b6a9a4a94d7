/**
 * The register under attack (issue 13): starts the real service (node dist/main.js, as `npm start`) with four
 * keys (admin, agencies A and B, a third agency C) and tries what an adversary and an unlucky operator would:
 * tenancy through the body, numbers far ahead, another agency's Idempotency-Key, reads and revocations across
 * agencies, hostile JSON, oversized documents, bad URLs, /metrics without the admin key, the page under its
 * file name, hostile zip names, an abbreviation-scoped key, documents of another agency in bulk, and (full run)
 * kill -9 in the middle of issuing and a retry without key after a failure. Prints what it tried and whether
 * it held; exits 1 when anything did not.
 *
 *   npm run attack                full run (about 2 minutes)
 *   npm run attack -- --short     the quick attacks only (about 40 s; what CI runs)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { RegisterDb, type DocRow } from '../src/archive/db.js';
import { fold } from '../src/archive/archive.js';
import { hashKey } from '../src/http/access.js';
import { ROOT, buildService, request, sleep, startService, type Service } from './lib.js';
import { loadedRow } from './rows.js';

const SHORT = process.argv.includes('--short');
const A_ID = '000.00.12.H56';
const B_ID = '000.00.31.H43';
const C_ID = '000.00.40.H26';
const KEYS = { admin: 'attack-admin-key', a: 'attack-key-a', b: 'attack-key-b', c: 'attack-key-c' };
const API_KEYS = [`admin:${hashKey(KEYS.admin)}:admin`, `a:${hashKey(KEYS.a)}:${A_ID}`, `b:${hashKey(KEYS.b)}:${B_ID}`, `c:${hashKey(KEYS.c)}:${C_ID}`].join(',');

type Result = { attack: string; tried: string; held: boolean; detail: string };
const results: Result[] = [];
async function attack(name: string, tried: string, fn: () => Promise<string>): Promise<void> {
  const t = performance.now();
  try {
    const detail = await fn();
    results.push({ attack: name, tried, held: true, detail: `${detail} (${Math.round(performance.now() - t)} ms)` });
  } catch (e) {
    results.push({ attack: name, tried, held: false, detail: (e as Error).message });
  }
}
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

const read = (p: string) => JSON.parse(readFileSync(path.join(ROOT, p), 'utf8')) as Record<string, any>;
const docOf = (identifier: string | undefined, summary: string) => {
  const d = read('fixtures/quyet-dinh/qd-kt-so-noi-vu.json');
  delete d.number;
  d.summary = summary;
  if (identifier) d.agency = { ...d.agency, identifier };
  return d;
};
const docB = (summary: string) => {
  const d = read('fixtures/quyet-dinh/qd-tm-kt.json');
  delete d.number;
  d.summary = summary;
  d.agency = { ...d.agency, identifier: B_ID };
  return d;
};

type Json = Record<string, any>;
let svc: Service;
const call = async (key: string | undefined, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
  const r = await request(method, `${svc.url}${url}`, body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), {
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...headers,
  });
  let json: Json = {};
  try {
    json = JSON.parse(r.body) as Json;
  } catch {
    // not JSON
  }
  return { ...r, json };
};
const shape = (j: Json) => typeof j.error?.code === 'string' && typeof j.error?.message === 'string' && Array.isArray(j.error?.details);

/** Documents of agency B loaded straight into the register, as the issue's 20,000. */
async function preload(dir: string, n: number): Promise<void> {
  const db = await RegisterDb.open({ dataDir: dir });
  const rows: DocRow[] = [];
  for (let i = 1; i <= n; i++)
    rows.push(
      loadedRow({
        agencyKey: `id:${C_ID}`,
        agencyName: 'Cơ quan C nạp sẵn',
        organId: C_ID,
        template: 'quyet-dinh',
        typeName: 'Quyết định',
        year: 2023,
        number: i,
        notation: 'QĐ-C',
        kyHieu: `${i}/QĐ-C`,
        issuedDate: `2023-${String(1 + (i % 12)).padStart(2, '0')}-10`,
        summary: `Văn bản nạp sẵn ${i}`,
        signerName: 'Trần Văn C',
        searchText: fold(`${i}/QĐ-C Văn bản nạp sẵn cải cách hành chính bimatcuac`),
        createdAt: new Date(Date.UTC(2023, 0, 1, 0, 0, i)).toISOString(),
      }),
    );
  for (let i = 0; i < rows.length; i += 5000) await db.bulkInsert(rows.slice(i, i + 5000));
  await db.close();
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main() {
  const started = Date.now();
  buildService();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-attack-'));
  const env = { DATA_DIR: dir, API_KEYS, PDF_POOL_SIZE: '2', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'fatal' };
  try {
    console.log('(a service started with a key scoped by abbreviation must refuse to start: its message follows)');
    await attack('abbreviation-scoped key', 'start with API_KEYS "snv:<hash>:SNV" (a key scoped by abbreviation)', async () => {
      try {
        const s = await startService({ ...env, DATA_DIR: path.join(dir, 'refused'), API_KEYS: `snv:${hashKey('x')}:SNV` });
        await s.stop();
      } catch (e) {
        check(/exited with 1/.test((e as Error).message), `unexpected: ${(e as Error).message}`);
        return 'refused to start (exit 1, message names the key and asks for the identifier)';
      }
      throw new Error('the service started with a key scoped by abbreviation');
    });

    const preloaded = SHORT ? 2000 : 20_000;
    await preload(dir, preloaded);
    svc = await startService(env);

    const a1 = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(undefined, 'Văn bản đầu tiên của A') });
    const b1 = await call(KEYS.b, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docB('Văn bản riêng của B bimatcuab') }, { 'idempotency-key': 'b-key-1' });
    check(a1.status === 201 && b1.status === 201, `set-up failed: ${a1.status} ${b1.status}`);
    const bId = b1.json.id as string;

    await attack('tenancy through the body', "A's key, body with A's abbreviation and B's identifier", async () => {
      const r = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(B_ID, 'Giả mạo B') });
      check(r.status === 403 && r.json.error?.details?.[0]?.path === '$.data.agency.identifier', `answered ${r.status} ${r.body.slice(0, 200)}`);
      const bList = await call(KEYS.b, 'GET', '/v1/documents?status=all');
      check(bList.json.total === 1, `B's register now has ${bList.json.total} documents`);
      return `403 ${r.json.error.code} on $.data.agency.identifier; B's register still 1 document`;
    });

    await attack('number far ahead', "A's key with register.number 999999, then 51 ahead", async () => {
      const r = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(undefined, 'Số lớn'), register: { number: 999_999 } });
      check(r.status === 422 && r.json.error?.code === 'number_gap_too_large', `answered ${r.status}`);
      const r2 = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: { ...docOf(undefined, 'Số trong dữ liệu'), number: 53 } });
      check(r2.status === 422, `number 53 in the data answered ${r2.status}`);
      const next = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(undefined, 'Số tiếp theo') });
      check(next.json.number === 2, `A's next number is ${next.json.number}`);
      const back = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(undefined, 'Số cũ'), register: { number: 1 } });
      check(back.status === 409, `a number already reached answered ${back.status}`);
      return '422 number_gap_too_large, 409 for a reached number; the next number is still 2';
    });

    await attack("another agency's Idempotency-Key", "A's key with B's Idempotency-Key", async () => {
      const r = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(undefined, 'Khóa trùng') }, { 'idempotency-key': 'b-key-1' });
      check(r.status === 201 && r.json.id !== bId && r.json.metadata?.organId === A_ID, `answered ${r.status} with ${r.json.id === bId ? "B's record" : r.json.id}`);
      return "201 with A's own new document";
    });

    await attack('reads across agencies', "A reads, downloads, revokes, corrects B's document; lists and searches with B's words", async () => {
      for (const [m, u, body] of [
        ['GET', `/v1/documents/${bId}`],
        ['GET', `/v1/documents/${bId}/pdf`],
        ['GET', `/v1/documents/${bId}/data`],
        ['GET', `/v1/documents/${bId}/metadata.xml`],
        ['POST', `/v1/documents/${bId}/revoke`, { reason: 'tấn công' }],
      ] as const) {
        const r = await call(KEYS.a, m, u, body);
        check(r.status === 404, `${m} ${u}: ${r.status}`);
      }
      const fix = await call(KEYS.a, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docOf(undefined, 'Đính chính'), correctionOf: bId });
      check(fix.status === 404, `correction of B's document: ${fix.status}`);
      const list = await call(KEYS.a, 'GET', `/v1/documents?agency=${B_ID}&status=all&pageSize=100`);
      check(list.json.items.every((i: Json) => i.agencyName === 'Sở Nội vụ tỉnh Thanh Hóa'), "another agency's document in A's list");
      const search = await call(KEYS.a, 'GET', '/v1/documents?q=bimatcuab');
      check(search.json.total === 0, `A's search finds ${search.json.total} of B's`);
      const reg = await call(KEYS.a, 'GET', `/v1/registers?agency=${B_ID}&year=${new Date().getFullYear()}&format=docx`);
      check(reg.status === 404, `A prints B's register: ${reg.status}`);
      return 'every one 404 or empty';
    });

    await attack(`listing beside ${preloaded.toLocaleString('en')} documents of another agency`, "A's list and search, 4 at once, /health meanwhile", async () => {
      const times: number[] = [];
      const health: number[] = [];
      let stop = false;
      const client = async () => {
        for (let i = 0; i < 25; i++) {
          const r = await call(KEYS.a, 'GET', i % 2 ? '/v1/documents?q=cai%20cach' : '/v1/documents');
          check(r.status === 200 && r.json.total <= 10, `A sees ${r.json.total}`);
          times.push(r.ms);
        }
      };
      const sampler = async () => {
        while (!stop) {
          health.push((await request('GET', `${svc.url}/health`)).ms);
          await sleep(20);
        }
      };
      const s = sampler();
      await Promise.all([client(), client(), client(), client()]);
      stop = true;
      await s;
      const c = await call(KEYS.c, 'GET', '/v1/documents?q=bimatcuac');
      check(c.json.total === Math.min(preloaded, 1000), `C's search total ${c.json.total}`);
      check(pct(times, 95) < 250, `list/search p95 ${pct(times, 95).toFixed(1)} ms`);
      return `list/search p95 ${pct(times, 95).toFixed(1)} ms, /health p95 ${pct(health, 95).toFixed(1)} ms`;
    });

    await attack('JSON nested 2,000 deep', 'a 4 KB body on every JSON route', async () => {
      const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
      for (const u of ['/v1/templates/quyet-dinh/render', '/v1/templates/quyet-dinh/validate', '/v1/batch', '/v1/documents', `/v1/documents/${bId}/revoke`]) {
        const r = await call(KEYS.b, 'POST', u, `{"data":${deep}}`, { 'content-type': 'application/json' });
        check(r.status === 400 && r.json.error?.code === 'json_too_deep', `${u}: ${r.status}`);
      }
      return '400 json_too_deep on 5 routes';
    });

    await attack('a document too large to print', 'a plan with 2,100 table rows (under the body limit)', async () => {
      const d = read('fixtures/ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json');
      delete d.number;
      d.areas = d.areas.map((x: Json) => ({ ...x, tasks: Array.from({ length: 300 }, (_, i) => `${x.tasks[0] ?? 'Nhiệm vụ'} ${i}`) }));
      const t = performance.now();
      const r = await call(KEYS.a, 'POST', '/v1/templates/ke-hoach-cchc/render?format=pdf', d);
      check(r.status === 413 && /tối đa/.test(r.json.error?.message ?? ''), `answered ${r.status}`);
      return `413 in ${Math.round(performance.now() - t)} ms: ${r.json.error.message.slice(0, 90)}...`;
    });

    await attack('errors in one shape', '/v1/templates/%/render, unknown route, bad query, wrong media type', async () => {
      for (const [key, m, u, body, h] of [
        [undefined, 'POST', '/v1/templates/%/render', '{}', { 'content-type': 'application/json' }],
        [KEYS.a, 'GET', '/v1/khong-co'],
        [KEYS.a, 'GET', '/v1/documents?status=nope'],
        [KEYS.a, 'POST', '/v1/templates/quyet-dinh/render', '<a/>', { 'content-type': 'text/xml' }],
      ] as const) {
        const r = await call(key, m, u, body, h as Record<string, string> | undefined);
        check(r.status >= 400 && r.status < 500 && shape(r.json), `${m} ${u}: ${r.status} ${r.body.slice(0, 100)}`);
      }
      return 'every one 4xx { error: { code, message, details } }';
    });

    await attack('/metrics', 'without a key, with an agency key', async () => {
      const none = await call(undefined, 'GET', '/metrics');
      const agency = await call(KEYS.a, 'GET', '/metrics');
      const admin = await call(KEYS.admin, 'GET', '/metrics');
      check(none.status === 401 && agency.status === 403 && admin.status === 200, `${none.status} ${agency.status} ${admin.status}`);
      return '401, 403; 200 with the admin key';
    });

    await attack('/index.html', 'the staff page under its file name', async () => {
      const r = await call(undefined, 'GET', '/index.html');
      const root = await call(undefined, 'GET', '/');
      check(r.headers['content-security-policy'] === root.headers['content-security-policy'] && r.headers['x-frame-options'] === 'DENY', 'other policy than /');
      return "the page's CSP and X-Frame-Options: DENY";
    });

    await attack('hostile zip names', 'batch file names with U+202E and CON', async () => {
      const qd = (await call(KEYS.a, 'GET', '/v1/templates/quyet-dinh/example')).json;
      const r = await call(KEYS.a, 'POST', '/v1/batch', {
        items: [
          { template: 'quyet-dinh', data: qd, format: 'docx', filename: 'hoa-don\u202Excod.exe' },
          { template: 'quyet-dinh', data: qd, format: 'docx', filename: 'CON' },
        ],
      });
      const names = Object.keys(new PizZip(r.raw).files);
      check(!names.some((n) => /[\u202a-\u202e\u2066-\u2069]/.test(n) || /^(con|nul|prn|aux)(\.|$)/i.test(n)), names.join(', '));
      return names.join(', ');
    });

    await attack('a type that cannot be issued', 'POST /v1/documents with so-dang-ky-van-ban-di', async () => {
      const r = await call(KEYS.a, 'POST', '/v1/documents', { template: 'so-dang-ky-van-ban-di', data: read('fixtures/so-dang-ky-van-ban-di/ubnd-son-la-2014.json') });
      check(r.status === 422 && r.json.error?.code === 'not_issuable', `answered ${r.status}`);
      return '422 not_issuable';
    });

    if (!SHORT) {
      await attack('kill -9 while issuing', '4 clients issuing, SIGKILL, restart', async () => {
        let stop = false;
        const client = async (i: number) => {
          for (let n = 0; !stop; n++) await call(KEYS.b, 'POST', '/v1/documents', { template: 'quyet-dinh', data: docB(`Trong lúc bị giết ${i}-${n}`) }).catch(() => undefined);
        };
        const clients = [0, 1, 2, 3].map(client);
        await sleep(2500);
        svc.proc.kill('SIGKILL');
        stop = true;
        await Promise.all(clients);
        const t = Date.now();
        svc = await startService(env);
        const ready = Date.now() - t;
        check(ready < 15_000, `ready after ${ready} ms`);
        for (let i = 0; ; i++) {
          const p = await call(KEYS.admin, 'GET', '/v1/documents?status=issuing');
          if (p.json.total === 0) break;
          check(i < 600, `${p.json.total} still issuing after 60 s`);
          await sleep(100);
        }
        const all = await call(KEYS.b, 'GET', '/v1/documents?status=all&pageSize=100');
        const numbers = (all.json.items as Json[]).map((x) => x.number as number).sort((x, y) => x - y);
        check(new Set(numbers).size === numbers.length, 'a number used twice');
        return `ready in ${ready} ms; every row completed; ${numbers.length} numbers, none twice`;
      });

      await attack('retry without key after a failure', 'deadline 400 ms on a 19-page plan, then the same request again', async () => {
        const slow = await startService({ ...env, DATA_DIR: path.join(dir, 'slow'), RENDER_DEADLINE_MS: '400', ISSUE_RETRY_MS: '300' });
        try {
          const d = read('fixtures/ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json');
          delete d.number;
          d.agency = { ...d.agency, identifier: A_ID };
          const body = { template: 'ke-hoach-cchc', data: d };
          const first = await request('POST', `${slow.url}/v1/documents`, JSON.stringify(body), { authorization: `Bearer ${KEYS.a}` });
          check(first.status === 503 && !!first.headers.location, `first answered ${first.status}`);
          const again = await request('POST', `${slow.url}/v1/documents`, JSON.stringify(body), { authorization: `Bearer ${KEYS.a}` });
          check([200, 202].includes(again.status) && again.headers.location === first.headers.location, `retry answered ${again.status} at ${again.headers.location}`);
          let status = 'issuing';
          for (let i = 0; i < 600 && status === 'issuing'; i++) {
            await sleep(100);
            status = (JSON.parse((await request('GET', `${slow.url}${first.headers.location}`, undefined, { authorization: `Bearer ${KEYS.a}` })).body) as Json).status;
          }
          check(status === 'issued', `still ${status}`);
          return `503 + Location, the retry ${again.status} at the same Location, then issued`;
        } finally {
          await slow.stop();
        }
      });
    }
  } finally {
    await svc?.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const w = Math.max(...results.map((r) => r.attack.length));
  console.log(`\nvanban attack suite (${SHORT ? 'short' : 'full'}), ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  for (const r of results) console.log(`${r.held ? 'held  ' : 'FAILED'}  ${r.attack.padEnd(w)}  tried: ${r.tried}\n        ${' '.repeat(w)}  -> ${r.detail}`);
  const failed = results.filter((r) => !r.held).length;
  console.log(`\n${results.length - failed} of ${results.length} held`);
  process.exit(failed ? 1 : 0);
}

await main();
