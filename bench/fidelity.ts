/**
 * npm run fidelity [-- <folder> ...] [--words 100] [--units 98] [--out <dir>] [--json] [--docx xml|libreoffice]
 *
 * Fidelity of real documents: each folder holds one real document as text (`source.txt`, one unit per line:
 * header field, heading, paragraph, list item, table row with cells separated by tabs, recipient, signer line)
 * and the JSON that reproduces it (`data.json`; the template is named by `meta.json` { "template", "sources" }
 * or by `data.json` itself as { "template", "data" }). Both formats are rendered through the service's own code
 * path (Vanban.render, as the API and the CLI do), their text is read back (PDF: pdftotext -raw, the order in
 * which Chromium painted the page, page numbers dropped; DOCX: word/document.xml, then word/footnotes.xml, or
 * with --docx libreoffice the DOCX converted by LibreOffice and read like the PDF), and
 * the harness prints
 *   - words: the share of the source's words found in order in the output (longest common subsequence);
 *   - units: the share of source lines whose words appear as one contiguous run in the output (a table row:
 *     its cells, each contiguous, in order);
 *   - every unit that differs, beside the nearest text of each output.
 * Words are compared after NFC, with whitespace runs as separators; a word is also split after an inner
 * hyphen ("215/KH-UBND" is "215/KH-" "UBND", as a line may break there) and loses its superscript footnote
 * digits (the DOCX has its note marks as fields, not text). Exit 1 when a document is below a threshold.
 * With no folder, every folder of fixtures/fidelity/ is run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import PizZip from 'pizzip';
import { ROOT } from '../src/render/paths.js';
import { Vanban } from '../src/service.js';

export const CORPUS_DIR = path.join(ROOT, 'fixtures', 'fidelity');

export type Pair = { name: string; dir: string; template: string; data: unknown; source: string; meta: Record<string, unknown> };

export function loadPair(dir: string): Pair {
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const meta = existsSync(path.join(dir, 'meta.json')) ? (JSON.parse(read('meta.json')) as Record<string, unknown>) : {};
  let data = JSON.parse(read('data.json')) as unknown;
  let template = typeof meta.template === 'string' ? meta.template : undefined;
  if (data && typeof data === 'object' && 'template' in data && 'data' in data) {
    const d = data as { template: unknown; data: unknown };
    if (!template && typeof d.template === 'string') template = d.template;
    data = d.data;
  }
  if (!template) throw new Error(`${dir}: no template named (meta.json "template", or data.json { "template", "data" })`);
  return { name: path.basename(path.resolve(dir)), dir, template, data, source: read('source.txt'), meta };
}

export function corpusDirs(root = CORPUS_DIR): string[] {
  return readdirSync(root)
    .map((n) => path.join(root, n))
    .filter((d) => statSync(d).isDirectory() && existsSync(path.join(d, 'source.txt')))
    .sort();
}

// ---- words ----

const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;

/**
 * One key for the two accepted placements of the tone mark in a final "oa", "oe", "uy" ("hoà" and "hòa",
 * "uỷ" and "ủy"): the same word written in the old or the new style, as NFC is one key for composed and
 * decomposed letters. Applied to both sides, it changes nothing else.
 */
const tonePlacement = (w: string) =>
  w.normalize('NFD').replace(/(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{M}])/gu, '$1$3$2').normalize('NFC');

/** The words of a text: NFC, split on whitespace (no-break and zero-width spaces included), after inner hyphens. */
export function tokens(s: string): string[] {
  return tonePlacement(s.normalize('NFC'))
    .replace(/[\u200b\u200c\u200d\ufeff]/g, '')
    .split(/[\s\u00a0\u2007\u202f]+/u)
    .flatMap((w) => w.replace(SUPERSCRIPT, '').split(/(?<=[^\s-]-)(?=[^\s-])/u))
    .filter(Boolean);
}

/** Source lines as units; a tab separates the cells of a table row. */
/** A footnote's line starts with its superscript mark ("¹ Số liệu ..."): it may stand anywhere in the output. */
export type Unit = { line: number; text: string; cells: string[][]; from: number; to: number; footnote: boolean };

export function units(source: string): { units: Unit[]; words: string[] } {
  const out: Unit[] = [];
  const all: string[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const cells = raw.split('\t').map(tokens).filter((c) => c.length > 0);
    if (!cells.length) return;
    const from = all.length;
    for (const c of cells) all.push(...c);
    out.push({ line: i + 1, text: raw.trim().replace(/\t+/g, ' | '), cells, from, to: all.length, footnote: /^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(raw) });
  });
  return { units: out, words: all };
}

/**
 * Longest common subsequence of a and b; returns for each word of a the index of its partner in b, or -1.
 * Exact dynamic programming on one byte of direction per cell (a few tens of MB for the largest plans).
 */
export function lcs(a: string[], b: string[]): Int32Array {
  const n = a.length;
  const m = b.length;
  const ids = new Map<string, number>();
  const id = (w: string) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const A = Int32Array.from(a, id);
  const B = Int32Array.from(b, id);
  const dir = new Uint8Array((n + 1) * (m + 1)); // 1 diagonal, 2 up, 3 left
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    const ai = A[i - 1]!;
    const row = i * (m + 1);
    cur[0] = 0;
    for (let j = 1; j <= m; j++) {
      if (ai === B[j - 1]) {
        cur[j] = prev[j - 1]! + 1;
        dir[row + j] = 1;
      } else if (prev[j]! >= cur[j - 1]!) {
        cur[j] = prev[j]!;
        dir[row + j] = 2;
      } else {
        cur[j] = cur[j - 1]!;
        dir[row + j] = 3;
      }
    }
    [prev, cur] = [cur, prev];
  }
  const match = new Int32Array(n).fill(-1);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const d = dir[i * (m + 1) + j];
    if (d === 1) {
      match[i - 1] = j - 1;
      i--;
      j--;
    } else if (d === 2) i--;
    else j--;
  }
  return match;
}

/** Where `seq` occurs as a contiguous run of `hay` at or after `from` (-1 if nowhere). */
function findRun(hay: string[], seq: string[], from = 0): number {
  outer: for (let i = from; i + seq.length <= hay.length; i++) {
    for (let k = 0; k < seq.length; k++) if (hay[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

/** A unit is reproduced when its words are one contiguous run of the output (a table row: each cell, in order, close together). */
export function unitFound(out: string[], u: Unit): boolean {
  const [first, ...rest] = u.cells;
  if (!first) return true;
  for (let at = findRun(out, first); at >= 0; at = findRun(out, first, at + 1)) {
    let pos = at + first.length;
    let ok = true;
    for (const c of rest) {
      const next = findRun(out, c, pos);
      // A row's cells follow one another; a merged cell painted a few rows later is still close by.
      if (next < 0 || next - pos > 400) {
        ok = false;
        break;
      }
      pos = next + c.length;
    }
    if (ok) return true;
  }
  return false;
}

export type Side = {
  words: number;
  wordsTotal: number;
  unitsOk: number;
  unitsTotal: number;
  missing: { unit: Unit; near: string }[];
  /** Source words not found in order, each with the source line it is on. */
  missedWords: { line: number; word: string }[];
};

export function compare(source: string, outputText: string): Side {
  const { units: us, words: src } = units(source);
  const out = tokens(outputText);
  // The body's words in order; each footnote's words in order on their own, wherever the note was printed
  // (end of its section in the PDF, foot of the page in Word or LibreOffice, after the body in document.xml).
  const body = us.filter((u) => !u.footnote);
  const bodyIdx = body.flatMap((u) => Array.from({ length: u.to - u.from }, (_, k) => u.from + k));
  const match = new Int32Array(src.length).fill(-1);
  const bm = lcs(bodyIdx.map((k) => src[k]!), out);
  bodyIdx.forEach((k, i) => (match[k] = bm[i]!));
  for (const u of us.filter((x) => x.footnote)) {
    const fm = lcs(src.slice(u.from, u.to), out);
    fm.forEach((m, i) => (match[u.from + i] = m));
  }
  let found = 0;
  for (const m of match) if (m >= 0) found++;
  const missing: Side['missing'] = [];
  for (const u of us) {
    if (unitFound(out, u)) continue;
    // The output near the unit: from the partner of its first matched word to that of its last, widened.
    const partners = Array.from(match.subarray(u.from, u.to)).filter((m) => m >= 0);
    let near = '';
    if (partners.length) {
      const a = Math.max(0, Math.min(...partners) - (match[u.from]! < 0 ? 3 : 0));
      const b = Math.min(out.length, Math.max(...partners) + 1 + (match[u.to - 1]! < 0 ? 3 : 0));
      near = out.slice(a, Math.min(b, a + 120)).join(' ');
    }
    missing.push({ unit: u, near });
  }
  const missedWords: Side['missedWords'] = [];
  for (const u of us) for (let k = u.from; k < u.to; k++) if (match[k]! < 0) missedWords.push({ line: u.line, word: src[k]! });
  return { words: found, wordsTotal: src.length, unitsOk: us.length - missing.length, unitsTotal: us.length, missing, missedWords };
}

// ---- reading the rendered files back ----

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function xmlParagraphs(xml: string): string[] {
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) =>
    (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:br\/>|<w:tab\/>/g) ?? [])
      .map((t) => (t.startsWith('<w:t') ? decode(t.replace(/<[^>]+>/g, '')) : ' '))
      .join(''),
  );
}

/** The DOCX as a reader sees it: the body's paragraphs in order (table cells row by row), then the footnotes. */
export function docxPlainText(bytes: Buffer): string {
  const zip = new PizZip(bytes);
  const body = zip.file('word/document.xml')?.asText() ?? '';
  const notes = (zip.file('word/footnotes.xml')?.asText() ?? '').match(/<w:footnote [^>]*w:id="[1-9]\d*"[^>]*>[\s\S]*?<\/w:footnote>/g) ?? [];
  return [...xmlParagraphs(body), ...notes.flatMap(xmlParagraphs)].filter((l) => l.trim()).join('\n');
}

/** The DOCX as LibreOffice lays it out: converted to PDF (headless soffice), then read as a PDF. */
export function docxViaLibreOffice(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-fidelity-lo-'));
  try {
    writeFileSync(path.join(dir, 'd.docx'), bytes);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'd.docx')], {
      stdio: 'pipe',
      timeout: 240_000,
    });
    // A footnote reference is a superscript digit run glued to its word ("chính1"); the source writes "chính¹".
    // LibreOffice draws the text after a reference as a run of its own: "TTHC2" | "; việc" is one "TTHC;". Only
    // a run of marks ending a word is joined back, not a line that starts with dots ("tháng" | "../năm").
    return pdfPlainText(readFileSync(path.join(dir, 'd.pdf')))
      .replace(/\n(?=[.,;:)]+(?:\s|$))/g, '')
      .replace(/(?<=\p{L}[.,;:)…]{0,6})\d{1,2}(?=[.,;:)…]{0,3}(?:\s|$))/gmu, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF in paint order (pdftotext -raw), without the page number printed at the top of a page. */
export function pdfPlainText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-fidelity-'));
  try {
    const f = path.join(dir, 'a.pdf');
    writeFileSync(f, bytes);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    return text
      .split('\f')
      .map((page) => {
        const lines = page.split('\n');
        const first = lines.findIndex((l) => l.trim() !== '');
        if (first >= 0 && /^\s*\d{1,4}\s*$/.test(lines[first]!)) lines.splice(first, 1);
        return lines.join('\n');
      })
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- running ----

export type Result = {
  name: string;
  template: string;
  sources: string[];
  pdf?: Side;
  docx?: Side;
  error?: string;
  pass: boolean;
};

export const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b);

export async function runFidelity(
  dirs: string[],
  o: { words?: number; units?: number; outDir?: string; svc?: Vanban; docxVia?: 'xml' | 'libreoffice' } = {},
): Promise<Result[]> {
  const minWords = o.words ?? 100;
  const minUnits = o.units ?? 98;
  const svc = o.svc ?? new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', poolSize: 2, docxWorkers: 0 });
  try {
    // All renders first, then the reading (pdftotext, LibreOffice: synchronous, seconds each on a busy machine),
    // so that no render waits for a reading and misses its deadline.
    const rendered = await Promise.all(
      dirs.map(async (dir) => {
        let pair: Pair | undefined;
        try {
          pair = loadPair(dir);
          const p = pair;
          const [pdf, docx] = await Promise.all([svc.render(p.template, p.data, 'pdf', { unbounded: true }), svc.render(p.template, p.data, 'docx', { unbounded: true })]);
          return { dir, pair: p, pdf: pdf.bytes, docx: docx.bytes };
        } catch (e) {
          return { dir, pair, error: e as Error & { details?: { path: string; message: string }[] } };
        }
      }),
    );
    return rendered.map((r): Result => {
      const name = r.pair?.name ?? path.basename(r.dir);
      const sources = r.pair ? sourcesOf(r.pair.meta) : [];
      try {
        if ('error' in r) throw r.error;
        const p = r.pair;
        if (o.outDir) {
          mkdirSync(o.outDir, { recursive: true });
          writeFileSync(path.join(o.outDir, `${p.name}.pdf`), r.pdf);
          writeFileSync(path.join(o.outDir, `${p.name}.docx`), r.docx);
        }
        const pdfSide = compare(p.source, pdfPlainText(r.pdf));
        const docxSide = compare(p.source, o.docxVia === 'libreoffice' ? docxViaLibreOffice(r.docx) : docxPlainText(r.docx));
        const ok = (s: Side) => pct(s.words, s.wordsTotal) >= minWords - 1e-9 && pct(s.unitsOk, s.unitsTotal) >= minUnits - 1e-9;
        return { name, template: p.template, sources, pdf: pdfSide, docx: docxSide, pass: ok(pdfSide) && ok(docxSide) };
      } catch (e) {
        const err = e as Error & { details?: { path: string; message: string }[] };
        const details = err.details?.length ? `\n${err.details.map((d) => `  ${d.path}: ${d.message}`).join('\n')}` : '';
        return { name, template: r.pair?.template ?? '?', sources, error: `${err.message}${details}`, pass: false };
      }
    });
  } finally {
    if (!o.svc) await svc.close();
  }
}

function sourcesOf(meta: Record<string, unknown>): string[] {
  const s = meta.sources ?? meta.source;
  return Array.isArray(s) ? s.map(String) : s ? [String(s)] : [];
}

const f1 = (x: number) => (Math.floor(x * 10) / 10).toFixed(1);

export function report(results: Result[]): string {
  const lines: string[] = [];
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  lines.push(row(['document', 'template', 'words PDF', 'words DOCX', 'units PDF', 'units DOCX', 'pass']));
  lines.push(row(['---', '---', '---:', '---:', '---:', '---:', '---']));
  for (const r of results) {
    if (!r.pdf || !r.docx) {
      lines.push(row([r.name, r.template, '-', '-', '-', '-', 'error']));
      continue;
    }
    lines.push(
      row([
        r.name,
        r.template,
        `${f1(pct(r.pdf.words, r.pdf.wordsTotal))}% (${r.pdf.words}/${r.pdf.wordsTotal})`,
        `${f1(pct(r.docx.words, r.docx.wordsTotal))}%`,
        `${f1(pct(r.pdf.unitsOk, r.pdf.unitsTotal))}% (${r.pdf.unitsOk}/${r.pdf.unitsTotal})`,
        `${f1(pct(r.docx.unitsOk, r.docx.unitsTotal))}%`,
        r.pass ? 'yes' : 'NO',
      ]),
    );
  }
  for (const r of results) {
    if (r.error) {
      lines.push('', `## ${r.name}: not rendered`, r.error);
      continue;
    }
    const byLine = new Map<number, { unit: { line: number; text: string }; pdf?: string; docx?: string }>();
    for (const m of r.pdf?.missing ?? []) byLine.set(m.unit.line, { unit: m.unit, pdf: m.near });
    for (const m of r.docx?.missing ?? []) byLine.set(m.unit.line, { ...(byLine.get(m.unit.line) ?? { unit: m.unit }), docx: m.near });
    for (const [label, side] of [['PDF', r.pdf], ['DOCX', r.docx]] as const) {
      const m = side?.missedWords ?? [];
      if (m.length)
        lines.push('', `## ${r.name}: ${m.length} source words not found in order in the ${label}`, m.slice(0, 40).map((w) => `source.txt:${w.line} ${w.word}`).join(', '));
    }
    if (!byLine.size) continue;
    lines.push('', `## ${r.name}: units that differ`);
    for (const d of [...byLine.values()].sort((a, b) => a.unit.line - b.unit.line)) {
      lines.push(`source.txt:${d.unit.line}`, `  source: ${d.unit.text}`);
      lines.push(`  PDF:    ${d.pdf === undefined ? '(same)' : d.pdf || '(nothing near)'}`);
      lines.push(`  DOCX:   ${d.docx === undefined ? '(same)' : d.docx || '(nothing near)'}`);
    }
  }
  const sources = results.filter((r) => r.sources.length);
  if (sources.length) {
    lines.push('', '## sources');
    for (const r of sources) lines.push(`- ${r.name}: ${r.sources.join(' ; ')}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      words: { type: 'string', default: '100' },
      units: { type: 'string', default: '98' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      docx: { type: 'string', default: 'xml' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('npm run fidelity -- [<folder> ...] [--words 100] [--units 98] [--out <dir>] [--json] [--docx xml|libreoffice]\n');
    return;
  }
  const missing = positionals.filter((d) => !existsSync(d) || !statSync(d).isDirectory());
  if (missing.length) {
    process.stderr.write(`fidelity: not a folder: ${missing.join(', ')}\n`);
    process.exit(2);
  }
  if (values.docx !== 'xml' && values.docx !== 'libreoffice') {
    process.stderr.write('fidelity: --docx is xml (word/document.xml, the default) or libreoffice (the DOCX converted by LibreOffice)\n');
    process.exit(2);
  }
  const dirs = positionals.length ? positionals.flatMap((d) => (existsSync(path.join(d, 'source.txt')) ? [d] : corpusDirs(d))) : corpusDirs();
  if (!dirs.length) {
    process.stderr.write('fidelity: no folder with source.txt\n');
    process.exit(2);
  }
  const results = await runFidelity(dirs, {
    words: Number(values.words),
    units: Number(values.units),
    outDir: values.out,
    docxVia: values.docx === 'libreoffice' ? 'libreoffice' : 'xml',
  });
  process.stdout.write(`${values.json ? JSON.stringify(results, (k, v) => (k === 'cells' ? undefined : v), 2) : report(results)}\n`);
  process.exitCode = results.every((r) => r.pass) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
