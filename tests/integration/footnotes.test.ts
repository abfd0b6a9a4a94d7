/**
 * PDF footnotes at the foot of the page that holds their mark (issue 14; src/render/pdf/footnotes.ts), printed
 * by real Chromium and read back with poppler: each note's text is on its mark's page (pdftotext -f N -l N),
 * below all the body text of that page and under the short rule at the left margin (pdftotext -bbox-layout,
 * and the rule found in a rendering of the page). Cases: a note of page 1, notes of later pages and of an
 * appendix, a mark in the last lines of a page, a paragraph split at the foot of a page; and the page box the
 * pass lays pages out in is the one Chromium prints in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { PAGE_MARGINS_MM, printedContentBox } from '../../src/render/html.js';
import type { BaseView } from '../../src/documents/types.js';
import { pageLayoutText, pdfInfo, pdfLines, pdfRules, type PdfLine } from '../support/docs.js';

const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());

const PT_PER_MM = 72 / 25.4;
const LEFT = PAGE_MARGINS_MM.left * PT_PER_MM;
const flat = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
const fixture = (type: string, name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, type, name), 'utf8')) as Record<string, any>;

type Note = { n: number; mark: string; text: string };
/** The notes of a document as its view numbers them, in their order. */
function notesOf(type: string, data: unknown): Note[] {
  const v = svc.validate(type, data);
  expect(v.problems).toEqual([]);
  const out: Note[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const f = o.kind === 'paragraph' ? (o.footnote as { n: number; mark: string; text: string } | undefined) : undefined;
      if (f && !out.some((n) => n.n === f.n)) out.push({ n: f.n, mark: f.mark, text: f.text });
      Object.values(o).forEach(walk);
    }
  };
  walk(svc.type(type).view(v.data as never) as BaseView);
  return out.sort((a, b) => a.n - b.n);
}

/** A mark as printed in the body: the superscript, not part of a longer number. */
const markIn = (text: string, mark: string) => new RegExp(`(^|[^⁰¹²³⁴⁵⁶⁷⁸⁹])${mark}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, 'u').test(text);

/**
 * Finds each note's page and checks it: the note's text on that page only, its mark in the body of that page
 * and of no other, the note below every line of the body and under a rule 30% of the text width at the left
 * margin, at the foot of the page. Returns the pages.
 */
function checkNotes(pdf: Buffer, notes: Note[]): number[] {
  const info = pdfInfo(pdf);
  const texts = Array.from({ length: info.pages }, (_, i) => flat(pageLayoutText(pdf, i + 1)));
  return notes.map(({ mark, text }) => {
    const note = `${mark} ${flat(text)}`;
    const on = texts.flatMap((t, i) => (t.includes(note) ? [i + 1] : []));
    expect(on, `the note "${note.slice(0, 40)}" is printed on one page`).toHaveLength(1);
    const page = on[0]!;
    for (const [i, t] of texts.entries()) if (i + 1 !== page) expect(markIn(t, mark), `no mark ${mark} on page ${i + 1}`).toBe(false);

    const [width, height] = info.pageSizes[page - 1]!;
    const lines = pdfLines(pdf, page);
    const textWidth = width - (PAGE_MARGINS_MM.left + PAGE_MARGINS_MM.right) * PT_PER_MM;
    const rules = pdfRules(pdf, page, 0.2 * textWidth).filter((r) => Math.abs(r.x0 - LEFT) < 2 && Math.abs(r.x1 - r.x0 - 0.3 * textWidth) < 3);
    expect(rules, `one footnote rule on page ${page}`).toHaveLength(1);
    const rule = rules[0]!.y;
    const body = lines.filter((l) => l.yMax <= rule);
    const foot = lines.filter((l) => l.yMin >= rule);
    expect(body.length + foot.length, `no line crosses the rule on page ${page}`).toBe(lines.length);
    expect(markIn(body.map((l) => l.text).join(' '), mark), `mark ${mark} in the body of page ${page}`).toBe(true);
    expect(flat(foot.map((l) => l.text).join(' ')), `the note under the rule on page ${page}`).toContain(note);
    // at the foot: the last note line ends just above the bottom margin
    expect(height - PAGE_MARGINS_MM.bottom * PT_PER_MM - Math.max(...foot.map((l) => l.yMax))).toBeLessThan(6);
    return page;
  });
}

const body = (lines: PdfLine[]) => lines.filter((l) => l.yMin > 60); // below the page number

describe('PDF footnotes at the foot of the page of their mark', () => {
  it('Chromium prints in the content box the pass lays pages out in', async () => {
    // a block the height of the box fits on one page and a 0.1 px taller one does not; two blocks half the
    // box's width side by side fit on one line, 0.1 px wider they wrap (and, each over half the height, take two pages)
    for (const orientation of ['portrait', 'landscape'] as const) {
      const box = printedContentBox(orientation);
      const m = PAGE_MARGINS_MM;
      const pageCss = `@page { size: A4 ${orientation}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }`;
      const pages = async (html: string) => pdfInfo(await svc.pool.print({ title: 'probe', pageCss, body: html }, { deadline: Date.now() + 30_000 })).pages;
      const tall = (h: number) => `<div style="height:${h}px"></div>`;
      const wide = (w: number) => `<div style="display:flex;flex-wrap:wrap">${`<div style="width:${w / 2}px;height:${box.height / 2 + 1}px"></div>`.repeat(2)}</div>`;
      expect([await pages(tall(box.height)), await pages(tall(box.height + 0.1))], `${orientation} height`).toEqual([1, 2]);
      expect([await pages(wide(box.width)), await pages(wide(box.width + 0.1))], `${orientation} width`).toEqual([1, 2]);
    }
  }, 60_000);

  it('a document without footnotes does not run the pass', () => {
    const d = fixture('ke-hoach-cchc', 'ke-hoach-cchc-2025-so-noi-vu.json');
    const v = svc.validate('ke-hoach-cchc', d);
    expect(svc.html.render('ke-hoach-cchc', svc.type('ke-hoach-cchc').view(v.data as never)).footnotePages).toBeUndefined();
    const r = fixture('bao-cao-cchc', 'bc-nam-2024-ubnd-huyen-dong-son.json');
    const rv = svc.validate('bao-cao-cchc', r);
    const pages = svc.html.render('bao-cao-cchc', svc.type('bao-cao-cchc').view(rv.data as never)).footnotePages;
    expect(pages).toMatchObject({ s0: printedContentBox('portrait'), s1: printedContentBox('landscape') });
  });

  it('a note of page 1 (the report\'s period)', async () => {
    const d = fixture('bao-cao-cchc', 'bc-nam-2024-ubnd-huyen-dong-son.json');
    const pdf = (await svc.render('bao-cao-cchc', d, 'pdf')).bytes;
    expect(checkNotes(pdf, notesOf('bao-cao-cchc', d))).toEqual([1]);
  }, 60_000);

  it('notes of later pages and of an appendix, two on one page, numbered through the document', async () => {
    const d = fixture('ke-hoach-kiem-tra-cchc', 'ubnd-nong-cong-2024.json');
    const notes = notesOf('ke-hoach-kiem-tra-cchc', d);
    expect(notes.map((n) => n.mark)).toEqual(['¹', '²', '³', '⁴']);
    const pdf = (await svc.render('ke-hoach-kiem-tra-cchc', d, 'pdf')).bytes;
    const pages = checkNotes(pdf, notes);
    expect(pages[0]).toBe(1);
    expect(pages[1]).toBe(pages[2]);
    expect(pages[3]).toBeGreaterThan(pages[2]!);
    expect(pdfInfo(pdf).pages).toBe(7);
  }, 60_000);

  const sentence = 'các cơ quan, đơn vị tiếp tục rà soát, đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính được giao, bảo đảm đúng tiến độ và chất lượng; ';
  const letter = (paragraphs: Record<string, unknown>[]) => ({ ...fixture('van-ban', 'thong-bao-ket-luan.json'), body: paragraphs });

  it('a mark in the last lines of a page: the note is on the page where the mark is printed', async () => {
    const paragraphs: Record<string, unknown>[] = Array.from({ length: 16 }, (_, k) => ({ type: 'paragraph', text: `Đoạn ${k + 1}: ${sentence.repeat(3)}hết đoạn ${k + 1}.` }));
    // the last paragraph that ends on page 1 without notes: its end is among the last lines of the page
    const plain = (await svc.render('van-ban', letter(paragraphs), 'pdf')).bytes;
    const first = flat(pageLayoutText(plain, 1));
    const k = paragraphs.findLastIndex((_, i) => first.includes(`hết đoạn ${i + 1}.`));
    expect(k).toBeGreaterThan(2);
    const lastLines = body(pdfLines(plain, 1)).slice(-4).map((l) => l.text).join(' ');
    expect(lastLines).toContain(`hết đoạn ${k + 1}.`);
    for (const note of ['Chú thích ngắn ở dòng cuối trang.', `Chú thích dài: ${sentence.repeat(6)}hết chú thích.`]) {
      paragraphs[k]!.footnote = note;
      const d = letter(paragraphs);
      const pdf = (await svc.render('van-ban', d, 'pdf')).bytes;
      const notes = notesOf('van-ban', d);
      const pages = checkNotes(pdf, notes);
      expect(pages).toHaveLength(1);
      expect(flat(pageLayoutText(pdf, pages[0]!))).toContain(`hết đoạn ${k + 1}.¹`);
    }
  }, 120_000);

  it('a paragraph split at the foot of the page keeps its justified last line there, and no indent on the next page', async () => {
    const long = { type: 'paragraph', text: `Mở đầu đoạn dài có chú thích, ${sentence.repeat(40)}hết đoạn.`, footnote: 'Chú thích của đoạn dài.', footnoteAt: 'Mở đầu đoạn dài có chú thích' };
    const d = letter([long]);
    const pdf = (await svc.render('van-ban', d, 'pdf')).bytes;
    expect(checkNotes(pdf, notesOf('van-ban', d))).toEqual([1]);
    const [width] = pdfInfo(pdf).pageSizes[0]!;
    const right = width - PAGE_MARGINS_MM.right * PT_PER_MM;
    const rule = pdfRules(pdf, 1, 100).filter((r) => Math.abs(r.x0 - LEFT) < 2).at(-1)!.y;
    const last = pdfLines(pdf, 1).filter((l) => l.yMax <= rule).at(-1)!;
    expect(last.text).not.toMatch(/hết đoạn/);
    expect(Math.abs(last.xMax - right), `justified to the right margin: ${last.text}`).toBeLessThan(1.5);
    const next = body(pdfLines(pdf, 2))[0]!;
    expect(Math.abs(next.xMin - LEFT), `no first-line indent: ${next.text}`).toBeLessThan(1.5);
  }, 60_000);
});
