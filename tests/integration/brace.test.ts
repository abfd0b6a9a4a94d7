/**
 * Nơi nhận lines grouped under one note (recipients.groups): a right brace as tall as the group's lines, the
 * note to its right, vertically centred, in the PDF (Chromium) and in the DOCX (its XML, and as LibreOffice lays
 * it out); the text reads lines, "}", note, each a word of its own for a PDF reader.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import type { SignatureView } from '../../src/documents/common/view.js';
import { docxParts, libreOfficeToPdf } from '../support/docs.js';

const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, docxWorkers: 0 });
afterAll(() => svc.close());

const fixture = (type: string, name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, type, name), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A decision whose first three recipients are reported to, under one note. */
function decision(): Record<string, unknown> {
  const d = fixture('quyet-dinh', 'qd-tm-kt.json');
  d.recipients = { items: ['Bộ Nội vụ', 'Văn phòng Chính phủ', 'Bộ Tư pháp', 'Như Điều 3', 'Cổng thông tin điện tử tỉnh'], groups: [{ first: 0, last: 2, note: '(để báo cáo)' }], archiveUnit: 'KSTT' };
  return d;
}

type Box = { x0: number; y0: number; x1: number; y1: number; w: string };

/** The words of the PDF page holding "Nơi nhận:" (pdftotext -bbox), and the page's text in paint order. */
function signaturePage(pdf: Buffer): { boxes: Box[]; raw: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-brace-'));
  try {
    const f = path.join(dir, 'a.pdf');
    writeFileSync(f, pdf);
    const html = execFileSync('pdftotext', ['-bbox', f, '-'], { encoding: 'utf8' });
    const page = html.split('<page ').find((p) => p.includes('>nhận:<'))!;
    const boxes = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      w: m[5]!.normalize('NFC'),
    }));
    const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    return { boxes, raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The brace, the group's lines (from the first word of its first line to the last of its last) and the note. */
function geometry(boxes: Box[]) {
  const brace = boxes.find((b) => b.w === '}')!;
  const first = boxes.find((b) => b.w === 'Nội')!;
  const last = boxes.find((b) => b.w === 'pháp;')!;
  const note = boxes.filter((b) => ['(để', 'báo', 'cáo)'].includes(b.w) && b.x0 > brace.x1);
  const noteMid = (Math.min(...note.map((b) => b.y0)) + Math.max(...note.map((b) => b.y1))) / 2;
  return { brace, top: first.y0, bottom: last.y1, linesRight: Math.max(...boxes.filter((b) => b.y0 >= first.y0 - 1 && b.y1 <= last.y1 + 1 && b.x1 < brace.x0).map((b) => b.x1)), note, noteMid };
}

describe('recipients grouped under one note', () => {
  it('the view keeps the leading "Như trên" of a letter out of the group, and the group as its lines and note', () => {
    const d = fixture('cong-van', 'de-nghi-bao-cao.json');
    d.recipients = { items: ['UBND tỉnh', 'Sở Nội vụ', 'Các phòng'], groups: [{ first: 0, last: 1, note: '(để b/c)' }], archiveUnit: 'NV' };
    const v = svc.type('cong-van').view(svc.validate('cong-van', d).data as never) as unknown as { main: { signature: SignatureView } };
    expect(v.main.signature.recipientItems).toEqual([
      { line: '- Như trên;' },
      { group: { lines: ['- UBND tỉnh;', '- Sở Nội vụ;'], note: '(để b/c)' } },
      { line: '- Các phòng;' },
      { line: '- Lưu: VT, NV.' },
    ]);
  });

  it('PDF: a brace spanning the lines, the note right of it and vertically centred; the text reads lines, "}", note', async () => {
    const pdf = await svc.render('quyet-dinh', decision(), 'pdf');
    const { boxes, raw } = signaturePage(pdf.bytes);
    expect(raw).toContain('Nơi nhận: - Bộ Nội vụ; - Văn phòng Chính phủ; - Bộ Tư pháp; } (để báo cáo) - Như Điều 3;');
    const g = geometry(boxes);
    // The stretched glyph's box is its em (taller than its ink): its ink spans the lines' box.
    const ink = { top: g.brace.y0 + ((g.brace.y1 - g.brace.y0) * (1825 - 1421)) / 2268, bottom: g.brace.y1 - ((g.brace.y1 - g.brace.y0) * (443 - 274)) / 2268 };
    expect(Math.abs(ink.top - g.top)).toBeLessThan(4);
    expect(Math.abs(ink.bottom - g.bottom)).toBeLessThan(4);
    expect(g.brace.x0).toBeGreaterThan(g.linesRight);
    expect(g.brace.x0 - g.linesRight).toBeLessThan(12);
    expect(g.note.length).toBe(3);
    expect(Math.abs(g.noteMid - (g.top + g.bottom) / 2)).toBeLessThan(3);
  }, 60_000);

  it('DOCX: a borderless nested table (lines | a "}" as tall as them, narrowed | the note centred), and LibreOffice lays it out so', async () => {
    const docx = await svc.render('quyet-dinh', decision(), 'docx');
    const xml = docxParts(docx.bytes).get('word/document.xml')!;
    const nested = xml.match(/<w:tbl><w:tblPr><w:tblW w:w="\d+" w:type="dxa"\/>(?:(?!<\/w:tbl>).)*Văn phòng Chính phủ(?:(?!<\/w:tbl>).)*<\/w:tbl>/)![0];
    expect(nested).not.toContain('<w:tblBorders>');
    const cells = nested.match(/<w:tc>.*?<\/w:tc>/g)!;
    expect(cells).toHaveLength(3);
    expect(cells[0]).toMatch(/- Bộ Nội vụ;.*- Văn phòng Chính phủ;.*- Bộ Tư pháp;/);
    // Three lines of 11 pt: 37.95 pt, the glyph at that size on an exact line of that height, narrowed.
    expect(cells[1]).toContain('<w:vAlign w:val="center"/>');
    expect(cells[1]).toMatch(/<w:spacing w:before="0" w:after="0" w:line="759" w:lineRule="exact"\/>.*<w:w w:val="44"\/><w:sz w:val="76"\/>.*<w:t>}<\/w:t>/);
    expect(cells[2]).toMatch(/<w:vAlign w:val="center"\/>.*\(để báo cáo\)/);
    const lo = libreOfficeToPdf([{ name: 'd', bytes: docx.bytes }]).get('d')!;
    const { boxes, raw } = signaturePage(lo);
    expect(raw).toMatch(/- Bộ Nội vụ; - Văn phòng Chính phủ; - Bộ Tư pháp; \} \(để báo ?cáo\) - Như Điều 3;/);
    const g = geometry(boxes);
    expect(g.brace.x0).toBeGreaterThan(g.linesRight);
    expect(g.note.every((b) => b.x0 > g.brace.x1)).toBe(true);
    // Centred on the lines (LibreOffice may draw them in a wider substitute font than Times New Roman).
    const mid = (g.top + g.bottom) / 2;
    expect(Math.abs((g.brace.y0 + g.brace.y1) / 2 - mid)).toBeLessThan(8);
    expect(Math.abs(g.noteMid - mid)).toBeLessThan(8);
  }, 120_000);
});
