/**
 * The fidelity corpus (fixtures/fidelity/<document>/: source.txt, data.json, meta.json) through the harness of
 * `npm run fidelity`: every real document reaches 100% of its words in order and at least 98% of its units in
 * both formats, rendered by the real Chromium and docxtemplater through Vanban.render. The measure itself is
 * checked on texts whose answer is known, so that a harness that always passes would fail here.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, corpusDirs, lcs, loadPair, report, runFidelity, tokens, type Result } from '../../bench/fidelity.js';
import { Vanban } from '../../src/service.js';

describe('the measure', () => {
  it('words: NFC, whitespace, inner hyphens, footnote marks, tone placement', () => {
    expect(tokens('Số:\u00a0 215/KH-UBND\n chính¹')).toEqual(['Số:', '215/KH-', 'UBND', 'chính']);
    expect(tokens('ho\u0061\u0300')).toEqual(tokens('hoà'));
    expect(tokens('CỘNG HOÀ; Tỉnh uỷ')).toEqual(tokens('CỘNG HÒA; Tỉnh ủy'));
    expect(tokens('hoa')).not.toEqual(tokens('hòa'));
  });

  it('lcs pairs words in order', () => {
    const m = Array.from(lcs(['a', 'b', 'c', 'd'], ['x', 'a', 'c', 'b', 'd']));
    expect(m.filter((x) => x >= 0)).toHaveLength(3);
    expect(m[0]).toBe(1);
    expect(m[3]).toBe(4);
  });

  it('counts words found in order and units reproduced exactly', () => {
    const source = 'I. MỤC ĐÍCH\n- Một ý thứ nhất;\n1\tSở Tư pháp\tQuý II\n';
    const same = compare(source, 'I. MỤC ĐÍCH - Một ý thứ nhất; 1 Sở Tư pháp Quý II');
    expect([same.words, same.wordsTotal, same.unitsOk, same.unitsTotal]).toEqual([14, 14, 3, 3]);
    // A full stop added, a heading rewritten, two cells swapped: each shows.
    const diff = compare(source, 'I. MỤC ĐÍCH, YÊU CẦU - Một ý thứ nhất;. Quý II 1 Sở Tư pháp');
    expect(diff.unitsOk).toBe(0);
    expect(diff.missing.map((m) => m.unit.line)).toEqual([1, 2, 3]);
    expect(diff.words).toBe(diff.wordsTotal - 4); // "ĐÍCH", "nhất;" and the two words of "Quý II" out of order
    expect(diff.missedWords.map((w) => w.word)).toEqual(['ĐÍCH', 'nhất;', 'Quý', 'II']);
  });

  it('a footnote (a source line starting with its mark) is found wherever it was printed', () => {
    const source = 'Đoạn một có chú thích¹\nĐoạn hai\n¹ Nội dung chú thích\n';
    const atFoot = compare(source, 'Đoạn một có chú thích Nội dung chú thích Đoạn hai');
    expect([atFoot.words, atFoot.wordsTotal, atFoot.unitsOk]).toEqual([11, 11, 3]);
    // a body line out of order still counts as missing
    expect(compare(source, 'Đoạn hai Đoạn một có chú thích Nội dung chú thích').words).toBeLessThan(10);
  });
});

const dirs = corpusDirs();
const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', poolSize: 2, docxWorkers: 0 });
afterAll(() => svc.close());

describe('the corpus', () => {
  let results: Result[] = [];

  it('has the reference documents and records where each document comes from', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(8);
    for (const d of dirs) {
      const p = loadPair(d);
      expect(p.source.normalize('NFC'), `${p.name}: source.txt in NFC`).toBe(p.source);
      const meta = JSON.parse(readFileSync(path.join(d, 'meta.json'), 'utf8')) as { sources?: string[] };
      expect(meta.sources?.length, `${p.name}: meta.json sources`).toBeGreaterThan(0);
    }
  });

  it('every document: 100% of words in order and at least 98% of units, in the PDF and in the DOCX', async () => {
    results = await runFidelity(dirs, { svc, words: 100, units: 98 });
    const table = report(results);
    for (const r of results) {
      expect(r.error, `${r.name}\n${table}`).toBeUndefined();
      for (const side of [r.pdf!, r.docx!]) {
        expect(side.words, `${r.name} words\n${table}`).toBe(side.wordsTotal);
        expect(side.unitsOk / side.unitsTotal, `${r.name} units\n${table}`).toBeGreaterThanOrEqual(0.98);
      }
      expect(r.pass).toBe(true);
    }
  }, 180_000);

  it('a render that rewrites one heading of a real document is caught, with the unit beside the output', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-fidelity-'));
    try {
      const from = dirs.find((d) => d.endsWith('kh-182-ubnd-tp-hung-yen-2022'))!;
      for (const f of ['source.txt', 'meta.json']) cpSync(path.join(from, f), path.join(dir, f));
      const data = JSON.parse(readFileSync(path.join(from, 'data.json'), 'utf8')) as { headings: Record<string, string> };
      delete data.headings.tasks; // the service's default "CHỈ TIÊU, NHIỆM VỤ" instead of the plan's "NHIỆM VỤ TRỌNG TÂM"
      writeFileSync(path.join(dir, 'data.json'), JSON.stringify(data));
      const [r] = await runFidelity([dir], { svc });
      expect(r!.pass).toBe(false);
      expect(r!.pdf!.missedWords.map((w) => w.word)).toEqual(['TRỌNG', 'TÂM']);
      expect(r!.pdf!.missing.map((m) => m.unit.text)).toEqual(['III. NHIỆM VỤ TRỌNG TÂM']);
      expect(r!.pdf!.missing[0]!.near).toContain('CHỈ TIÊU, NHIỆM VỤ');
      expect(report([r!])).toMatch(/source: III\. NHIỆM VỤ TRỌNG TÂM\n\s+PDF:\s+.*CHỈ TIÊU, NHIỆM VỤ/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the DOCX as LibreOffice lays it out (footnotes at the foot of the page) reaches the same thresholds', async () => {
    const lo = await runFidelity(dirs, { svc, words: 100, units: 98, docxVia: 'libreoffice' });
    const table = report(lo);
    for (const r of lo) {
      expect(r.error, `${r.name}\n${table}`).toBeUndefined();
      expect(r.docx!.words, `${r.name}\n${table}`).toBe(r.docx!.wordsTotal);
      expect(r.docx!.unitsOk / r.docx!.unitsTotal, `${r.name}\n${table}`).toBeGreaterThanOrEqual(0.98);
    }
  }, 240_000);
});
