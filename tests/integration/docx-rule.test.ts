/**
 * The rule under the trích yếu, in the DOCX as LibreOffice lays it out: found on the page as a dark horizontal
 * run of pixels, it must stand clear below the trích yếu's last line and leave space before the body's first
 * line (it used to touch the text and the body started on it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { libreOfficeToPdf } from '../support/docs.js';

const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, docxWorkers: 0 });
afterAll(() => svc.close());

const DPI = 100;
type Box = { x0: number; y0: number; x1: number; y1: number; w: string };

/** Word boxes of page 1 in points (pdftotext -bbox). */
function words(pdf: string): Box[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    w: m[5]!.normalize('NFC'),
  }));
}

/** Page 1 as a grey image: width, height, pixels (0 black .. 255 white). */
function raster(pdf: string, dir: string): { w: number; h: number; px: Buffer } {
  execFileSync('pdftoppm', ['-gray', '-r', String(DPI), '-f', '1', '-l', '1', '-singlefile', pdf, path.join(dir, 'p')]);
  const buf = readFileSync(path.join(dir, 'p.pgm'));
  const head = buf.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!head) throw new Error('not a PGM');
  return { w: Number(head[1]), h: Number(head[2]), px: buf.subarray(head[0].length) };
}

describe('the rule under the trích yếu, DOCX through LibreOffice', () => {
  it.each([
    ['ke-hoach-cchc', 'ke-hoach-cchc-2025-so-noi-vu.json'],
    ['quyet-dinh', 'qd-kt-so-noi-vu.json'],
  ])('%s: clear of the trích yếu above and of the body below', async (type, file) => {
    const data = JSON.parse(readFileSync(path.join(FIXTURES_DIR, type, file), 'utf8')) as unknown;
    const docx = await svc.render(type, data, 'docx');
    const v = svc.type(type).view(svc.validate(type, data).data as never) as unknown as { main: { title: { summaryLines: string[] } } };
    const lastSummaryLine = v.main.title.summaryLines.at(-1)!;
    const pdfBytes = libreOfficeToPdf([{ name: 'd', bytes: docx.bytes }]).get('d')!;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-rule-'));
    try {
      const pdf = path.join(dir, 'd.pdf');
      writeFileSync(pdf, pdfBytes);
      const ws = words(pdf);
      // The trích yếu's last line: its last word, found after the tên loại.
      const lastWord = lastSummaryLine.split(/\s+/).at(-1)!;
      const typeLine = ws.findIndex((b) => b.w === 'KẾ' || b.w === 'QUYẾT');
      const summaryEnd = ws.findIndex((b, i) => i > typeLine && b.w === lastWord);
      expect(summaryEnd, `"${lastWord}" on page 1`).toBeGreaterThan(typeLine);
      const summaryBottom = ws[summaryEnd]!.y1;
      const next = ws.slice(summaryEnd + 1).find((b) => b.y0 > summaryBottom + 1)!;
      const img = raster(pdf, dir);
      const toPx = (pt: number) => Math.round((pt * DPI) / 72);
      // Rows between the two lines with a long dark run: the rule.
      const rows: number[] = [];
      for (let y = toPx(summaryBottom) - 2; y <= toPx(next.y0) + 2; y++) {
        let run = 0;
        let best = 0;
        for (let x = 0; x < img.w; x++) {
          run = img.px[y * img.w + x]! < 128 ? run + 1 : 0;
          best = Math.max(best, run);
        }
        if (best > toPx(60)) rows.push(y); // longer than 60 pt: no glyph is that wide
      }
      expect(rows.length, 'a rule between the trích yếu and the body').toBeGreaterThan(0);
      const ruleTop = (rows[0]! * 72) / DPI;
      const ruleBottom = (rows.at(-1)! * 72) / DPI;
      expect(ruleTop - summaryBottom, 'space between the trích yếu and the rule (pt)').toBeGreaterThanOrEqual(1.5);
      expect(next.y0 - ruleBottom, 'space between the rule and the body (pt)').toBeGreaterThanOrEqual(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
