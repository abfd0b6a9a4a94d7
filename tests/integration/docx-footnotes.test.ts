/**
 * DOCX footnote ids are unique in the package: two appendices that each number their notes from 1 used to
 * write two <w:footnote w:id="1">, a file Word refuses. LibreOffice reads the file back with both notes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { afterAll, describe, expect, it } from 'vitest';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';

const svc = new Vanban({ docxWorkers: 0 });
afterAll(() => svc.close());

describe('DOCX footnotes', () => {
  it('gives every footnote its own id when appendices number their notes from 1 each', async () => {
    const d = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'quyet-dinh', 'qd-kt-so-noi-vu.json'), 'utf8')) as Record<string, unknown>;
    const para = (text: string, footnote: string) => ({ type: 'paragraph', text, footnote });
    d.appendices = [
      { title: 'Phụ lục một', body: [para('Đoạn có chú thích một.', 'Chú thích của phụ lục một.')] },
      { title: 'Phụ lục hai', body: [para('Đoạn có chú thích hai.', 'Chú thích của phụ lục hai.')] },
    ];
    const r = await svc.render('quyet-dinh', d, 'docx');
    const zip = new PizZip(r.bytes);
    const notes = [...zip.file('word/footnotes.xml')!.asText().matchAll(/<w:footnote w:id="(\d+)">/g)].map((m) => m[1]);
    const refs = [...zip.file('word/document.xml')!.asText().matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]);
    expect(new Set(notes).size).toBe(notes.length);
    expect(refs).toEqual(notes);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-fn-'));
    try {
      writeFileSync(path.join(dir, 'd.docx'), r.bytes);
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'd.docx')], { stdio: 'ignore', timeout: 120_000 });
      const text = execFileSync('pdftotext', [path.join(dir, 'd.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('Chú thích của phụ lục một.');
      expect(text).toContain('Chú thích của phụ lục hai.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
