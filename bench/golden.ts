/**
 * Output snapshot for refactors: renders every fixture (fixtures/<type>/*.json and the fidelity corpus's
 * data.json) in both formats and writes, per document, the PDF's text (pdftotext -layout, with its page count)
 * and every XML part of the DOCX. `--compare <dir>` diffs against an earlier snapshot and exits 1 on any
 * difference, naming the files; issue 15 requires "the fixtures render to the same PDF text and DOCX XML".
 *
 *   npm run golden -- --out /tmp/golden-before          (on the old tree)
 *   npm run golden -- --out /tmp/golden-after --compare /tmp/golden-before
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { Vanban } from '../src/service.js';
import { FIXTURES_DIR } from '../src/render/paths.js';

type Item = { name: string; type: string; data: unknown };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function items(): Item[] {
  const out: Item[] = [];
  for (const type of readdirSync(FIXTURES_DIR).sort()) {
    const dir = path.join(FIXTURES_DIR, type);
    if (type === 'fidelity') {
      for (const pair of readdirSync(dir).sort()) {
        const meta = JSON.parse(readFileSync(path.join(dir, pair, 'meta.json'), 'utf8')) as { template?: string; type?: string };
        const t = meta.template ?? meta.type;
        if (!t) throw new Error(`${pair}/meta.json names no template`);
        out.push({ name: `fidelity__${pair}`, type: t, data: JSON.parse(readFileSync(path.join(dir, pair, 'data.json'), 'utf8')) });
      }
      continue;
    }
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort())
      out.push({ name: `${type}__${f.replace(/\.json$/, '')}`, type, data: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) });
  }
  return out;
}

function pdfText(pdf: Buffer, tmp: string): string {
  const file = path.join(tmp, 'x.pdf');
  writeFileSync(file, pdf);
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1];
  return `pages: ${pages}\n${execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })}`;
}

function compare(a: string, b: string): string[] {
  const diffs: string[] = [];
  const walk = (rel: string) => {
    const pa = path.join(a, rel);
    const pb = path.join(b, rel);
    const names = new Set([...(existsSync(pa) ? readdirSync(pa) : []), ...(existsSync(pb) ? readdirSync(pb) : [])]);
    for (const n of [...names].sort()) {
      const r = path.join(rel, n);
      const fa = path.join(a, r);
      const fb = path.join(b, r);
      if (!existsSync(fa) || !existsSync(fb)) diffs.push(`${r}: only in ${existsSync(fa) ? 'new' : 'old'}`);
      else if (readdirSync(path.dirname(fa), { withFileTypes: true }).find((d) => d.name === n)?.isDirectory()) walk(r);
      else if (!readFileSync(fa).equals(readFileSync(fb))) diffs.push(`${r}: differs`);
    }
  };
  walk('.');
  return diffs;
}

async function main(): Promise<void> {
  const out = arg('--out');
  if (!out) {
    console.error('usage: golden --out <dir> [--compare <dir>]');
    process.exit(2);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'golden-'));
  const svc = new Vanban({ poolSize: 2 });
  await svc.pool.start();
  const list = items();
  try {
    for (const it of list) {
      const pdf = await svc.render(it.type, it.data, 'pdf');
      writeFileSync(path.join(out, `${it.name}.pdf.txt`), pdfText(pdf.bytes, tmp));
      writeFileSync(path.join(out, `${it.name}.meta.txt`), `${pdf.filenameAscii}\n${pdf.filenameUnicode}\n${JSON.stringify(pdf.warnings, null, 1)}\n`);
      const docx = await svc.render(it.type, it.data, 'docx');
      const zip = new PizZip(docx.bytes);
      const dir = path.join(out, `${it.name}.docx`);
      for (const f of Object.keys(zip.files).sort()) {
        const entry = zip.files[f]!;
        if (entry.dir || !/\.(xml|rels)$/.test(f)) continue;
        const target = path.join(dir, f);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, entry.asText());
      }
    }
  } finally {
    await svc.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`golden: ${list.length} documents in both formats written to ${out}`);
  const against = arg('--compare');
  if (against) {
    const diffs = compare(against, out);
    if (diffs.length) {
      console.log(`golden: ${diffs.length} differences against ${against}:`);
      for (const d of diffs) console.log(`  ${d}`);
      process.exit(1);
    }
    console.log(`golden: identical to ${against}`);
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
