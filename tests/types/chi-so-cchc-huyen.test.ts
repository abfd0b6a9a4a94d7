/**
 * The district framework of the Sơn La pilot index (son-la-2014-huyen): the decision's counts and split (39
 * criteria, 121 sub-criteria, 73 + 27 points), marked as a reconstruction, and a district's self-assessment
 * scored against it and rendered in both formats.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { findFramework } from '../../src/documents/chi-so-cchc/frameworks/index.js';
import { leaves, toUnits } from '../../src/documents/chi-so-cchc/framework.js';
import { docxPlainText, pdfPlainText } from '../../bench/fidelity.js';

const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());
const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');

const HUYEN = findFramework('son-la-2014-huyen')!;

describe('son-la-2014-huyen', () => {
  it('8 areas, 39 criteria, 121 sub-criteria, 100 points = 73 self-assessed + 27 survey; marked as a reconstruction', () => {
    expect(HUYEN).toMatchObject({ version: '2014.1', year: 2014, max: 100, selfMax: 73, surveyMax: 27 });
    expect(HUYEN.areas).toHaveLength(8);
    expect(HUYEN.areas.flatMap((a) => a.criteria)).toHaveLength(39);
    const subs = leaves(HUYEN).map((l) => l.sub);
    expect(subs).toHaveLength(121);
    const sum = (kind?: 'self' | 'survey') => subs.filter((s) => !kind || s.kind === kind).reduce((t, s) => t + toUnits(s.max), 0);
    expect([sum(), sum('self'), sum('survey')]).toEqual([10_000, 7_300, 2_700]);
    expect(HUYEN.provenance).toMatch(/dựng lại/);
    expect(readFileSync(path.join('src/documents/chi-so-cchc/frameworks/son-la-2014-huyen.ts'), 'utf8')).toMatch(/RECONSTRUCTION/);
  });

  it("a district's self-assessment against it, in both formats", async () => {
    const d = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'chi-so-cchc', 'so-tnmt-tu-danh-gia-2024.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    d.framework = { id: 'son-la-2014-huyen', version: '2014.1' };
    d.agency = { name: 'Ủy ban nhân dân huyện Mộc Châu', headerLines: ['Ủy ban nhân dân', 'huyện Mộc Châu'], abbreviation: 'UBND' };
    d.assessment.unit = 'Ủy ban nhân dân huyện Mộc Châu';
    const max = new Map(leaves(HUYEN).map((l) => [l.sub.code, l.sub] as const));
    const scores: Record<string, { self?: number }> = {};
    for (const [code, s] of Object.entries(d.assessment.scores as Record<string, { self?: number }>)) {
      const sub = max.get(code);
      if (!sub || sub.kind !== 'self') continue;
      scores[code] = { ...s, ...(s.self !== undefined ? { self: Math.min(s.self, sub.max) } : {}) };
    }
    // The commune-level sub-criteria the department framework does not have are scored too.
    for (const l of leaves(HUYEN)) if (l.sub.kind === 'self' && !scores[l.sub.code]) scores[l.sub.code] = { self: 0.25 };
    expect(Object.keys(scores)).toContain('8.3.5');
    d.assessment.scores = scores;
    const v = svc.validate('chi-so-cchc', d);
    expect(v.problems).toEqual([]);
    const [pdf, docx] = await Promise.all([svc.render('chi-so-cchc', d, 'pdf'), svc.render('chi-so-cchc', d, 'docx')]);
    for (const t of [flat(pdfPlainText(pdf.bytes)), flat(docxPlainText(docx.bytes))]) {
      expect(t).toContain('Tỷ lệ hồ sơ thủ tục hành chính cấp xã giải quyết đúng hạn');
      expect(t).toContain('ỦY BAN NHÂN DÂN HUYỆN MỘC CHÂU');
    }
  }, 60_000);
});
