/**
 * npm run bench: starts the service, warms it up, and measures on a quyet-dinh fixture and the largest
 * ke-hoach-cchc fixture, each in both formats:
 *   - single-client latency p50/p95/p99;
 *   - throughput and p95 at concurrency 1, 2, 4, 8, 16 with autocannon on loopback;
 *   - peak resident memory of the Node process plus all its Chromium processes;
 *   - the floor: Chromium alone (puppeteer, no HTTP, no pool) putting the same HTML into a warm page and
 *     printing it, on 1, 2 and 4 pages at once;
 *   - the naive ways: a new page per render, a new browser per render;
 *   - a batch of 100 decisions as PDF, and memory after 500 and 5,000 renders.
 * Writes bench/results.json and bench/results.md and prints the table. `--quick` shortens every phase.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../src/render/pdf/pool.js';
import { fillAndPrint, shippedFonts } from '../src/render/pdf/page.js';
import type { HtmlDoc } from '../src/render/html.js';
import { Vanban } from '../src/service.js';
import { ROOT, request, round, rssSampler, sleep, startService, summary, table, treeRssMb } from './lib.js';

const QUICK = process.argv.includes('--quick');
const CORES = os.availableParallelism();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DURATION = QUICK ? 3 : 8;
const LEVELS = [1, 2, 4, 8, 16];

const fixture = (type: string, name: string) => ({
  type,
  name,
  body: readFileSync(path.join(ROOT, 'fixtures', type, name), 'utf8'),
});
function largest(type: string): string {
  const dir = path.join(ROOT, 'fixtures', type);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0]!;
}
/** The decision signed KT. without its appendix: two pages. */
function twoPageDecision() {
  const f = fixture('quyet-dinh', 'qd-kt-so-noi-vu.json');
  const body = JSON.parse(f.body) as Record<string, unknown>;
  delete body.appendices;
  return { ...f, name: 'qd-kt-so-noi-vu.json (without its appendix)', body: JSON.stringify(body) };
}
const FIXTURES = [twoPageDecision(), fixture('ke-hoach-cchc', largest('ke-hoach-cchc'))];

type Row = Record<string, unknown>;
const results: { machine: Row; fixtures: Row[]; single: Row[]; load: Row[]; floor: Row[]; naive: Row[]; batch?: Row; memory: Row; targets: Row[] } = {
  machine: {},
  fixtures: [],
  single: [],
  load: [],
  floor: [],
  naive: [],
  memory: {},
  targets: [],
};

function log(s: string) {
  process.stdout.write(`${s}\n`);
}

async function pdfPages(bytes: Buffer): Promise<number> {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  results.machine = {
    cpu,
    cores: CORES,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    chromium: (await import('node:child_process')).execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim(),
    date: new Date().toISOString(),
    quick: QUICK,
  };
  log(`vanban bench on ${cpu}, ${CORES} cores, ${results.machine.memoryGiB} GiB, ${results.machine.chromium}${QUICK ? ' (quick)' : ''}`);

  // The HTML Chromium prints, from the same code the service runs (for the floor and the naive ways).
  const lib = new Vanban({ poolSize: 1 });
  const docs = new Map<string, HtmlDoc>();
  for (const f of FIXTURES) {
    const t = lib.type(f.type);
    const v = lib.validate(f.type, JSON.parse(f.body));
    const doc = lib.html.render(f.type, t.view(v.data as never));
    docs.set(f.name, doc);
    const pdf = await lib.render(f.type, JSON.parse(f.body), 'pdf');
    const docx = await lib.render(f.type, JSON.parse(f.body), 'docx');
    results.fixtures.push({ fixture: `${f.type}/${f.name}`, pages: await pdfPages(pdf.bytes), pdfBytes: pdf.bytes.length, docxBytes: docx.bytes.length });
  }
  await lib.close();
  log(table(['fixture', 'PDF pages', 'PDF bytes', 'DOCX bytes'], results.fixtures.map((r) => [String(r.fixture), String(r.pages), String(r.pdfBytes), String(r.docxBytes)])));

  // ---- the service ----
  const svc = await startService({ PDF_POOL_SIZE: String(CORES), PDF_QUEUE_SIZE: '64', RATE_LIMIT_PER_MINUTE: '0' });
  const pid = svc.proc.pid!;
  let sampler = { stop: () => 0, peak: () => 0 };
  try {
    for (const f of FIXTURES) for (const format of ['docx', 'pdf'] as const) {
      const url = `${svc.url}/v1/templates/${f.type}/render?format=${format}`;
      // Warm: the JIT of the service and of each DOCX worker, and Chromium's caches.
      for (let i = 0; i < (QUICK ? 20 : 100); i++) await request('POST', url, f.body);
      const n = QUICK ? 40 : format === 'pdf' && f.type === 'ke-hoach-cchc' ? 100 : 200;
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = await request('POST', url, f.body);
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
        ms.push(r.ms);
      }
      const s = summary(ms);
      results.single.push({ fixture: f.type, format, n: s.n, p50: round(s.p50), p95: round(s.p95), p99: round(s.p99) });
    }
    // From here on, memory is sampled (once a second; the single-client latencies above ran without it).
    sampler = rssSampler(pid);
    log('\nSingle client (ms)');
    log(table(['fixture', 'format', 'n', 'p50', 'p95', 'p99'], results.single.map((r) => [String(r.fixture), String(r.format), String(r.n), String(r.p50), String(r.p95), String(r.p99)])));

    for (const f of FIXTURES) for (const format of ['docx', 'pdf'] as const) for (const c of LEVELS) {
      const before = sampler.peak();
      const r = await autocannon({
        url: `${svc.url}/v1/templates/${f.type}/render?format=${format}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: f.body,
        connections: c,
        duration: DURATION,
        timeout: 60,
      });
      const ok = r['2xx'];
      results.load.push({
        fixture: f.type,
        format,
        concurrency: c,
        rps: round(ok / r.duration, 1),
        p50: r.latency.p50,
        p95: r.latency.p97_5 !== undefined ? round(latencyP95(r), 1) : NaN,
        non2xx: r.non2xx,
        errors: r.errors,
        peakRssMb: round(Math.max(before, sampler.peak()), 0),
      });
    }
    log('\nLoad with autocannon (renders/s, ms)');
    log(table(['fixture', 'format', 'c', 'renders/s', 'p50', 'p95', 'non-2xx', 'errors'], results.load.map((r) => [String(r.fixture), String(r.format), String(r.concurrency), String(r.rps), String(r.p50), String(r.p95), String(r.non2xx), String(r.errors)])));

    // Peak memory at concurrency 16 on the PDF of the large plan, sampled alone.
    const peak16 = rssSampler(pid, 250);
    const big = FIXTURES[1]!;
    await autocannon({ url: `${svc.url}/v1/templates/${big.type}/render?format=pdf`, method: 'POST', headers: { 'content-type': 'application/json' }, body: big.body, connections: 16, duration: DURATION, timeout: 60 });
    results.memory.peakAtC16Mb = round(peak16.stop(), 0);

    // Batch: 100 decisions as PDF.
    const qd = FIXTURES[0]!;
    const items = Array.from({ length: 100 }, (_, i) => ({ template: qd.type, data: { ...JSON.parse(qd.body), number: 100 + i }, format: 'pdf' }));
    await request('POST', `${svc.url}/v1/batch`, JSON.stringify({ items: items.slice(0, 10) }));
    const b = await request('POST', `${svc.url}/v1/batch`, JSON.stringify({ items }));
    const singlePdf = results.single.find((r) => r.fixture === 'quyet-dinh' && r.format === 'pdf')!.p50 as number;
    const bound = (1.3 * 100 * singlePdf) / CORES;
    results.batch = { items: 100, status: b.status, ms: round(b.ms, 0), zipBytes: b.bytes, bound: round(bound, 0) };
    log(`\nBatch of 100 decisions as PDF: ${round(b.ms, 0)} ms (${b.status}, ${b.bytes} bytes); bound 1.3 x 100 x ${singlePdf} / ${CORES} = ${round(bound, 0)} ms`);

    // Memory after 500 and after 5,000 renders (PDF of the decision at concurrency 2).
    const total = QUICK ? 400 : 5000;
    const checkpoint = QUICK ? 50 : 500;
    let done = 0;
    let at500 = 0;
    const url = `${svc.url}/v1/templates/${qd.type}/render?format=pdf`;
    const worker = async () => {
      while (done < total) {
        done += 1;
        const r = await request('POST', url, qd.body);
        if (r.status !== 200) throw new Error(`render ${r.status}`);
        if (done === checkpoint) {
          await sleep(0);
          at500 = treeRssMb(pid);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    await sleep(500);
    const atEnd = treeRssMb(pid);
    Object.assign(results.memory, { rendersAtFirst: checkpoint, rssAtFirstMb: round(at500, 0), renders: total, rssAtEndMb: round(atEnd, 0), growthPct: round(((atEnd - at500) / at500) * 100, 1) });
    log(`\nMemory (service + Chromium): peak ${results.memory.peakAtC16Mb} MB at concurrency 16; ${round(at500, 0)} MB after ${checkpoint} renders, ${round(atEnd, 0)} MB after ${total} (${results.memory.growthPct}%)`);
  } finally {
    results.memory.peakOverallMb = round(sampler.stop(), 0);
    const code = await svc.stop();
    results.memory.exitCode = code;
  }

  // ---- Chromium alone: the floor and the naive ways ----
  await floorAndNaive(docs);

  // ---- targets ----
  const single = (fx: string, fmt: string) => results.single.find((r) => r.fixture === fx && r.format === fmt)!;
  const load = (fx: string, fmt: string) => results.load.filter((r) => r.fixture === fx && r.format === fmt);
  const floorOf = (fx: string) => results.floor.filter((r) => r.fixture === fx);
  const best = (rows: Row[], k: string) => Math.max(...rows.map((r) => r[k] as number));
  const t: Row[] = [];
  const check = (what: string, value: number, target: string, ok: boolean) => t.push({ what, value: round(value, 2), target, ok });
  check('DOCX p50 quyet-dinh (ms)', single('quyet-dinh', 'docx').p50 as number, '<= 10', (single('quyet-dinh', 'docx').p50 as number) <= 10);
  check('DOCX p50 ke-hoach-cchc (ms)', single('ke-hoach-cchc', 'docx').p50 as number, '<= 25', (single('ke-hoach-cchc', 'docx').p50 as number) <= 25);
  const c8 = load('quyet-dinh', 'docx').find((r) => r.concurrency === 8)!.rps as number;
  check('DOCX renders/s at c8 quyet-dinh', c8, '>= 150', c8 >= 150);
  for (const fx of ['quyet-dinh', 'ke-hoach-cchc']) {
    const fl = floorOf(fx).find((r) => r.pages === 1)!;
    const ratio = (single(fx, 'pdf').p50 as number) / (fl.p50 as number);
    check(`PDF p50 / floor p50, ${fx}`, ratio, '<= 1.2', ratio <= 1.2);
    const tr = best(load(fx, 'pdf'), 'rps') / best(floorOf(fx), 'rps');
    check(`PDF best throughput / floor best, ${fx}`, tr, '>= 0.8', tr >= 0.8);
    const nb = results.naive.find((r) => r.fixture === fx && r.way === 'new browser per render')!;
    const speed = (nb.p50 as number) / (single(fx, 'pdf').p50 as number);
    check(`new-browser p50 / service p50, ${fx}`, speed, '>= 5', speed >= 5);
  }
  check('peak memory at c16 (MB)', results.memory.peakAtC16Mb as number, '<= 800', (results.memory.peakAtC16Mb as number) <= 800);
  check('memory growth 500 -> 5000 renders (%)', results.memory.growthPct as number, '<= 10', (results.memory.growthPct as number) <= 10);
  if (results.batch) check('batch of 100 PDFs (ms)', results.batch.ms as number, `<= ${results.batch.bound}`, (results.batch.ms as number) <= (results.batch.bound as number));
  results.targets = t;
  log('\nTargets');
  log(table(['what', 'measured', 'target', 'met'], t.map((r) => [String(r.what), String(r.value), String(r.target), r.ok ? 'yes' : 'NO'])));

  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'bench/results.md'), markdown());
  log('\nWrote bench/results.json and bench/results.md');
}

function latencyP95(r: autocannon.Result): number {
  // autocannon reports p90 and p97.5; p95 is interpolated between them.
  const l = r.latency as unknown as Record<string, number>;
  return (l.p90! + l.p97_5!) / 2;
}

async function floorAndNaive(docs: Map<string, HtmlDoc>) {
  const fontByUrl = shippedFonts();
  const lib = new Vanban({ poolSize: 1 });
  const shell = lib.html.shell();
  const full = (d: HtmlDoc) => lib.html.full(d);
  await lib.close();
  const intercept = async (page: Page) => {
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const f = fontByUrl.get(req.url());
      if (f) void req.respond({ status: 200, contentType: 'font/ttf', headers: { 'access-control-allow-origin': '*' }, body: f });
      else void req.continue();
    });
  };
  const launch = () => puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

  const browser = await launch();
  try {
    for (const [name, doc] of docs) {
      const fx = FIXTURES.find((f) => f.name === name)!.type;
      // Floor: a warm page holding the shell (fonts loaded), the same body swapped in, printed.
      const pages: Page[] = [];
      for (let i = 0; i < 4; i++) {
        const p = await browser.newPage();
        await intercept(p);
        await p.setContent(shell, { waitUntil: 'load' });
        pages.push(p);
      }
      const printOn = (p: Page) => fillAndPrint(p, doc);
      for (let i = 0; i < 10; i++) await printOn(pages[0]!);
      for (const n of [1, 2, 4]) {
        const ms: number[] = [];
        const end = Date.now() + DURATION * 1000;
        await Promise.all(
          pages.slice(0, n).map(async (p) => {
            while (Date.now() < end) {
              const t = performance.now();
              await printOn(p);
              ms.push(performance.now() - t);
            }
          }),
        );
        const s = summary(ms);
        results.floor.push({ fixture: fx, pages: n, rps: round(ms.length / DURATION, 1), p50: round(s.p50), p95: round(s.p95) });
      }
      for (const p of pages) await p.close();

      // Naive: a new page per render (browser warm), and a new browser per render.
      const naive = async (way: string, n: number, once: () => Promise<void>) => {
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await once();
          ms.push(performance.now() - t);
        }
        const s = summary(ms);
        results.naive.push({ fixture: fx, way, n, p50: round(s.p50), p95: round(s.p95) });
      };
      const html = full(doc);
      await naive('new page per render', QUICK ? 5 : 20, async () => {
        const p = await browser.newPage();
        await intercept(p);
        await p.setContent(html, { waitUntil: 'load' });
        await p.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 });
        await p.close();
      });
      await naive('new browser per render', QUICK ? 3 : 10, async () => {
        const b = await launch();
        const p = await b.newPage();
        await intercept(p);
        await p.setContent(html, { waitUntil: 'load' });
        await p.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 });
        await b.close();
      });
    }
  } finally {
    await browser.close();
  }
  log('\nChromium alone: the floor (warm pages, same HTML, no HTTP, no pool)');
  log(table(['fixture', 'pages at once', 'prints/s', 'p50', 'p95'], results.floor.map((r) => [String(r.fixture), String(r.pages), String(r.rps), String(r.p50), String(r.p95)])));
  log('\nThe naive ways (ms)');
  log(table(['fixture', 'way', 'n', 'p50', 'p95'], results.naive.map((r) => [String(r.fixture), String(r.way), String(r.n), String(r.p50), String(r.p95)])));
}

function markdown(): string {
  const m = results.machine;
  const lines = [
    `Measured ${String(m.date).slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.chromium}${m.quick ? ' (quick run)' : ''}.`,
    '',
    'Fixtures: ' + results.fixtures.map((f) => `${f.fixture} (${f.pages} PDF pages)`).join(', ') + '.',
    '',
    'Single client (ms):',
    '',
    table(['fixture', 'format', 'p50', 'p95', 'p99'], results.single.map((r) => [String(r.fixture), String(r.format), String(r.p50), String(r.p95), String(r.p99)])),
    '',
    'Throughput (renders/s) and p95 (ms) at each concurrency, autocannon on loopback:',
    '',
    table(
      ['fixture', 'format', ...LEVELS.map((c) => `c${c}`)],
      FIXTURES.flatMap((f) =>
        (['docx', 'pdf'] as const).map((fmt) => [
          f.type,
          fmt,
          ...LEVELS.map((c) => {
            const r = results.load.find((x) => x.fixture === f.type && x.format === fmt && x.concurrency === c)!;
            return `${r.rps}/s, p95 ${r.p95}`;
          }),
        ]),
      ),
    ),
    '',
    'Chromium alone (the floor: same HTML into a warm page, printed; no HTTP, no pool) and the naive ways:',
    '',
    table(['fixture', 'floor p50', 'floor best/s', 'new page p50', 'new browser p50'], FIXTURES.map((f) => {
      const fl = results.floor.filter((r) => r.fixture === f.type);
      const nv = (way: string) => results.naive.find((r) => r.fixture === f.type && r.way === way)!.p50;
      return [f.type, String(fl.find((r) => r.pages === 1)!.p50), String(Math.max(...fl.map((r) => r.rps as number))), String(nv('new page per render')), String(nv('new browser per render'))];
    })),
    '',
    `Memory (service + Chromium): peak ${results.memory.peakAtC16Mb} MB at concurrency 16; ${results.memory.rssAtFirstMb} MB after ${results.memory.rendersAtFirst} renders, ${results.memory.rssAtEndMb} MB after ${results.memory.renders} (${results.memory.growthPct}%).`,
    results.batch ? `Batch of 100 decisions as PDF: ${results.batch.ms} ms (bound ${results.batch.bound} ms).` : '',
    '',
    table(['target', 'measured', 'wanted', 'met'], results.targets.map((r) => [String(r.what), String(r.value), String(r.target), r.ok ? 'yes' : 'no'])),
    '',
  ];
  return lines.join('\n');
}

await main();
