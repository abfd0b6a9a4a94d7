/**
 * npm run bench:flags: Chromium configurations compared on the same warm pages and HTML (puppeteer only, no
 * HTTP, no pool), to choose the pool's flags. For each configuration: the two-page decision and the 19-page
 * plan printed on 1 and on 2 pages at once for a few seconds each; p50, p95 and prints per second; the
 * processes of the browser's tree and their memory.
 *
 * Configurations are named in CONFIGS below; `--only 'a|b'` runs those whose names start so; `--seconds N` sets each run;
 * `--pages 1,2,4` the pages printing at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { Vanban } from '../src/service.js';
import { fillAndPrint, openPage, shippedFonts } from '../src/render/pdf/page.js';
import { CHROMIUM_ARGS } from '../src/render/pdf/pool.js';
import { ROOT, round, summary, table, tree, treeRssMb } from './lib.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg('--seconds') ?? 5);
const PAGES = (arg('--pages') ?? '1,2').split(',').map(Number);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const without = (...drop: string[]) => CHROMIUM_ARGS.filter((a) => !drop.includes(a));

const BASE = without('--single-process');
const CONFIGS: Record<string, string[]> = {
  'single-process (unsupported, reference)': [...BASE, '--single-process'],
  'multi, no-zygote': BASE,
  'multi, zygote': BASE.filter((a) => a !== '--no-zygote'),
  'multi, no-zygote, in-process-gpu': [...BASE, '--in-process-gpu'],
  'multi, zygote, in-process-gpu': [...BASE.filter((a) => a !== '--no-zygote'), '--in-process-gpu'],
};

const FIXTURES = [
  { type: 'quyet-dinh', file: 'quyet-dinh/qd-kt-so-noi-vu.json', dropAppendix: true },
  { type: 'ke-hoach-cchc', file: 'ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json', dropAppendix: false },
];

async function main() {
  const only = arg('--only')?.split('|');
  const lib = new Vanban({ poolSize: 1, docxWorkers: 0 });
  const shell = lib.html.shell();
  const docs = FIXTURES.map((f) => {
    const body = JSON.parse(readFileSync(path.join(ROOT, 'fixtures', f.file), 'utf8')) as Record<string, unknown>;
    if (f.dropAppendix) delete body.appendices;
    const v = lib.validate(f.type, body);
    return { type: f.type, doc: lib.html.render(f.type, lib.type(f.type).view(v.data as never)) };
  });
  await lib.close();
  const fontByUrl = shippedFonts();
  const rows: string[][] = [];
  for (const [name, args] of Object.entries(CONFIGS)) {
    if (only && !only.some((o) => name.startsWith(o))) continue;
    const browser: Browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, args });
    const pid = browser.process()!.pid!;
    try {
      const pages: Page[] = [];
      for (let i = 0; i < PAGES.at(-1)!; i++) pages.push(await openPage(browser, shell, fontByUrl, 60_000, (p) => p));
      for (const { type, doc } of docs) {
        const printOn = (p: Page) => fillAndPrint(p, doc);
        for (let i = 0; i < 10; i++) await printOn(pages[i % pages.length]!);
        for (const n of PAGES) {
          const ms: number[] = [];
          const end = Date.now() + SECONDS * 1000;
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
          rows.push([name, type, String(n), String(round(s.p50)), String(round(s.p95)), String(round(ms.length / SECONDS, 1)), String(tree(pid).length + 1), String(round(treeRssMb(pid), 0))]);
          process.stdout.write(`${rows.at(-1)!.join('  ')}\n`);
        }
      }
    } finally {
      await browser.close().catch(() => undefined);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  process.stdout.write(`\n${table(['configuration', 'document', 'pages at once', 'p50 ms', 'p95 ms', 'prints/s', 'processes', 'tree MB'], rows)}\n`);
}

await main();
