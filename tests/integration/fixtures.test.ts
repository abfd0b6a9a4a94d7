/**
 * Every fixture, both formats, through the real renderers: docxtemplater output checked as a package and by
 * LibreOffice, Chromium output checked with poppler and pdf-parse, and the two compared word for word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vanban } from '../../src/service.js';
import { allFixtures } from '../support/fixtures.js';
import { docxParts, docxText, libreOfficeToPdf, pageLayoutText, pdfInfo, pdfPagesText, words, xmlProblems } from '../support/docs.js';

const fixtures = allFixtures();
const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 2, renderTimeoutMs: 60_000 });
const out = new Map<string, { pdf: Buffer; docx: Buffer; pages: string[]; tops: (number | null)[] }>();
const sections = new Map<string, number>();
const headings = new Map<string, string[]>();
const tableHeads = new Map<string, string[][]>();

/** The header row of every table of a view, as words (the PDF repeats it at the top of each page). */
function tableHeaders(v: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(v)) v.forEach((x) => tableHeaders(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.kind === 'table') out.push(words((o.columns as { header: string }[]).map((c) => c.header).join(' ')));
    Object.values(o).forEach((x) => tableHeaders(x, out));
  }
  return out;
}

/** Heading-like lines of a view: headings, parts, table titles (what must never end a page). */
function headingTexts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => headingTexts(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.kind === 'heading') out.push(`${String(o.label)} ${String(o.text)}`.trim());
    if (o.kind === 'part') out.push(String(o.label), String(o.title));
    if (o.kind === 'table' && o.title) out.push(String(o.title));
    Object.values(o).forEach((x) => headingTexts(x, out));
  }
  return out;
}
let lo = new Map<string, Buffer>();

beforeAll(async () => {
  await Promise.all(
    fixtures.map(async (f) => {
      const [pdf, docx] = await Promise.all([svc.render(f.type, f.data, 'pdf'), svc.render(f.type, f.data, 'docx')]);
      const pages = await pdfPagesText(pdf.bytes);
      out.set(f.name, { pdf: pdf.bytes, docx: docx.bytes, pages, tops: pageTops(pdf.bytes, pages.length) });
      const v = svc.validate(f.type, f.data);
      const view = svc.type(f.type).view(v.data as never);
      sections.set(f.name, view.pages.length);
      headings.set(f.name, headingTexts(view).map((h) => h.normalize('NFC').replace(/\s+/g, ' ')));
      tableHeads.set(f.name, tableHeaders(view));
    }),
  );
  lo = libreOfficeToPdf(fixtures.map((f) => ({ name: f.name, bytes: out.get(f.name)!.docx })));
}, 300_000);

afterAll(() => svc.close());

/**
 * Chromium may break a line after a hyphen ("215/KH-" | "UBND"): the PDF then has two words where the DOCX
 * has one. Two PDF words are joined when the first ends in "-" and the DOCX has the joined word.
 */
function joinHyphenBreaks(ws: string[], docWords: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    if (w.endsWith('-') && next !== undefined && docWords.has(w + next) && !docWords.has(w)) {
      out.push(w + next);
      i++;
    } else out.push(w);
  }
  return out;
}

/** The number printed at the top of each page (null where none), read from the page as laid out. */
function pageTops(pdf: Buffer, pages: number): (number | null)[] {
  return Array.from({ length: pages }, (_, i) => {
    const line = pageLayoutText(pdf, i + 1).split('\n').find((l) => l.trim() !== '') ?? '';
    return /^\s*\d+\s*$/.test(line) ? Number(line) : null;
  });
}

/** Page numbers are printed in the top margin of the PDF; the DOCX has them in a header part. */
function pdfBodyWords(pages: string[], tops: (number | null)[]): string[] {
  return pages.flatMap((p, i) => {
    const top = tops[i];
    const lines = p.split('\n');
    if (top !== null && top !== undefined) {
      const at = lines.findIndex((l) => l.trim() === String(top));
      if (at >= 0) lines.splice(at, 1);
    }
    return words(lines.join('\n'));
  });
}

describe.each(fixtures.map((f) => [f.type, f.name] as const))('%s / %s', (_type, name) => {
  it('DOCX is a well-formed package', () => {
    const parts = docxParts(out.get(name)!.docx);
    for (const p of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/header1.xml'])
      expect(parts.has(p), p).toBe(true);
    expect(xmlProblems(parts)).toEqual([]);
    const doc = parts.get('word/document.xml')!;
    expect(doc).not.toMatch(/\{[#/^@]?[\w.]*\}/); // no template tag left behind
  });

  it('LibreOffice converts the DOCX', () => {
    const pdf = lo.get(name);
    expect(pdf, 'LibreOffice output').toBeDefined();
    expect(pdfInfo(pdf!).pages).toBeGreaterThan(0);
  });

  it('DOCX text equals PDF text (NFC, whitespace-normalised)', () => {
    const o = out.get(name)!;
    const parts = docxParts(o.docx);
    const docWords = words(docxText(parts.get('word/document.xml')!));
    // Footnotes are real footnotes in the DOCX (word/footnotes.xml) and notes at the end of their section in
    // the PDF, marked with superscript digits: each must be in the PDF once, and the rest must be equal.
    let pdfWords = joinHyphenBreaks(pdfBodyWords(o.pages, o.tops).map((w) => w.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu, '')).filter(Boolean), new Set(docWords));
    const notes = (parts.get('word/footnotes.xml') ?? '').match(/<w:footnote w:id="[1-9]\d*">[\s\S]*?<\/w:footnote>/g) ?? [];
    for (const n of notes) {
      const nw = words(docxText(n));
      const at = pdfWords.findIndex((_, i) => nw.every((w, k) => pdfWords[i + k] === w));
      expect(at, `footnote "${nw.join(' ')}" in the PDF`).toBeGreaterThanOrEqual(0);
      pdfWords = [...pdfWords.slice(0, at), ...pdfWords.slice(at + nw.length)];
    }
    // A table running over pages repeats its header row at the top of each page in the PDF (and in Word,
    // from the one header row marked tblHeader): those repeats are skipped while the two are walked together.
    const heads = tableHeads.get(name)!.filter((h) => h.length > 0);
    const aligned: string[] = [];
    let j = 0;
    for (let i = 0; i < pdfWords.length; ) {
      if (pdfWords[i] === docWords[j]) {
        aligned.push(pdfWords[i]!);
        i++;
        j++;
        continue;
      }
      const repeat = heads.find((h) => h.every((w, k) => pdfWords[i + k] === w));
      if (!repeat) {
        aligned.push(...pdfWords.slice(i));
        break;
      }
      i += repeat.length;
    }
    expect(aligned).toEqual(docWords);
  });

  it('no heading or table title stands alone at the foot of a PDF page', () => {
    const o = out.get(name)!;
    const hs = headings.get(name)!;
    o.pages.slice(0, -1).forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.normalize('NFC').replace(/\s+/g, ' ').trim()).filter((l) => l && l !== String(o.tops[i]));
      const last = lines[lines.length - 1] ?? '';
      const prev = lines[lines.length - 2] ?? '';
      // The page's last line is a heading, or the end of one whose beginning is the line before (a heading
      // wrapped over two lines); a wrapped table cell that merely ends like a heading is not one.
      const orphan = last.length >= 6 ? hs.find((h) => h === last || (h.endsWith(last) && h.startsWith(prev) && h === `${prev} ${last}`)) : undefined;
      expect(orphan, `page ${i + 1} ends with the heading "${orphan}"`).toBeUndefined();
    });
  });

  it('PDF is A4, embeds only Liberation Serif, and numbers pages from 2 at the top', () => {
    const o = out.get(name)!;
    const info = pdfInfo(o.pdf);
    for (const [w, h] of info.pageSizes) {
      const [a, b] = w < h ? [w, h] : [h, w];
      expect(Math.abs(a - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(b - 841.9)).toBeLessThan(1.5);
    }
    expect(info.fonts.length).toBeGreaterThan(0);
    for (const f of info.fonts) expect(f).toMatch(/^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/);
    // Each section (the document, an attached document, each appendix) numbers its own pages: its first page
    // shows none, the next ones 2, 3, ... So the tops read like [-, 2, 3, -, 2, -].
    const tops = o.tops;
    expect(tops.length).toBe(info.pages);
    expect(tops[0]).toBeNull();
    tops.forEach((n, i) => {
      if (n !== null) expect(n).toBe(i > 0 && tops[i - 1] !== null ? (tops[i - 1] as number) + 1 : 2);
    });
    expect(tops.filter((n) => n === null).length).toBe(sections.get(name));
  });
});
