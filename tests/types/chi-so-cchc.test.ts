/**
 * Chỉ số cải cách hành chính: the shipped framework as data (its maxima add up), totals and indices per area and
 * overall for the self-assessed, appraised and survey points, scores rejected with the JSON path of the score and
 * the criterion named, the framework reference (unknown id, version, inline definition), stated totals that
 * disagree, the ranking (order, ties, bands), and the sheet as printed: group rows kept with the next row.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import type { StandardView } from '../../src/documents/common/standard.js';
import type { BlockView } from '../../src/documents/common/view.js';
import { FRAMEWORKS, findFramework } from '../../src/documents/chi-so-cchc/frameworks/index.js';
import { frameworkProblems, leaves, toUnits, type Framework } from '../../src/documents/chi-so-cchc/framework.js';
import { viewOf as viewOfType } from '../support/render.js';
import { docxParts, docxText, pageLayoutText, pdfInfo } from '../support/docs.js';

const ID = 'chi-so-cchc';
const svc = new Vanban({ chromiumPath: '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 30_000 });
afterAll(() => svc.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, name), 'utf8')) as Json;
const SELF = 'so-tnmt-tu-danh-gia-2024.json';
const FINAL = 'so-tu-phap-ket-qua-2023.json';
const RANKING = 'xep-hang-so-nganh-2023.json';
const clone = (o: Json): Json => structuredClone(o);

const viewOf = (body: unknown) => viewOfType<StandardView>(svc, ID, body);
const problems = (body: unknown) => svc.validate(ID, body).problems.map((p) => ({ path: p.path, message: p.message }));
type Table = Extract<BlockView, { kind: 'table' }>;
const tables = (blocks: BlockView[]): Table[] => blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
const rowsText = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));
const listItems = (blocks: BlockView[]) => blocks.flatMap((b) => (b.kind === 'list' ? [b.items.map((i) => i.text)] : []));
const sheetOf = (v: StandardView): Table => tables(v.appendices[0]!.blocks)[0]!;

const SON_LA = findFramework('son-la-2014-so-nganh')!;

describe('the shipped framework, as data', () => {
  it('son-la-2014-so-nganh: 8 areas, 39 criteria, 102 sub-criteria, 100 points = 77,5 self-assessed + 22,5 survey', () => {
    expect(SON_LA).toMatchObject({ id: 'son-la-2014-so-nganh', version: '2014.1', year: 2014, target: 'sở, ban, ngành', max: 100, selfMax: 77.5, surveyMax: 22.5 });
    expect(SON_LA.areas).toHaveLength(8);
    expect(SON_LA.areas.flatMap((a) => a.criteria)).toHaveLength(39);
    const subs = leaves(SON_LA).map((l) => l.sub);
    expect(subs).toHaveLength(102);
    const sum = (kind?: 'self' | 'survey') => subs.filter((s) => !kind || s.kind === kind).reduce((t, s) => t + toUnits(s.max), 0);
    expect([sum(), sum('self'), sum('survey')]).toEqual([10_000, 7_750, 2_250]);
    expect(SON_LA.areas.map((a) => a.max)).toEqual([13, 9, 14, 9, 13, 10, 14, 18]);
  });

  it.each(FRAMEWORKS.map((f) => [f.id, f] as const))('%s: every maximum is the sum of its children, codes nest and are unique', (_id, f) => {
    const codes = new Set<string>();
    let total = 0;
    for (const a of f.areas) {
      expect(a.code).toMatch(/^\d+$/);
      codes.add(a.code);
      let areaSum = 0;
      for (const c of a.criteria) {
        expect(c.code.startsWith(`${a.code}.`), c.code).toBe(true);
        codes.add(c.code);
        expect(c.subCriteria.length, c.code).toBeGreaterThan(0);
        const subSum = c.subCriteria.reduce((t, s) => t + toUnits(s.max), 0);
        expect(subSum, `criterion ${c.code}`).toBe(toUnits(c.max));
        for (const s of c.subCriteria) {
          expect(s.code.startsWith(`${c.code}.`), s.code).toBe(true);
          expect(['self', 'survey']).toContain(s.kind);
          codes.add(s.code);
        }
        areaSum += toUnits(c.max);
      }
      expect(areaSum, `area ${a.code}`).toBe(toUnits(a.max));
      total += toUnits(a.max);
    }
    expect(total).toBe(toUnits(f.max));
    expect(codes.size).toBe(f.areas.length + f.areas.flatMap((a) => a.criteria).length + leaves(f).length);
    expect(frameworkProblems(f)).toEqual([]);
  });

  it('the consistency check names the criterion whose maximum is not the sum of its sub-criteria', () => {
    const broken = structuredClone(SON_LA) as Framework;
    broken.areas[0]!.criteria[0]!.max = 4.5;
    expect(frameworkProblems(broken)).toEqual([
      { path: ['areas', 0, 'criteria', 0, 'max'], message: 'Điểm tối đa của tiêu chí 1.1 là 4,5 nhưng tổng điểm tối đa các tiêu chí thành phần là 4' },
      { path: ['areas', 0, 'max'], message: 'Điểm tối đa của lĩnh vực 1 là 13 nhưng tổng điểm tối đa các tiêu chí là 13,5' },
    ]);
  });
});

describe('a self-assessment (Sở Tài nguyên và Môi trường, 2024: all 81 self-assessed sub-criteria scored)', () => {
  const data = fixture(SELF);
  const v = viewOf(data);

  it('is a BÁO CÁO with the trích yếu computed from the year and the unit', () => {
    expect(v.main.title).toEqual({
      typeName: 'BÁO CÁO',
      summaryLines: ['Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính', 'năm 2024 của Sở Tài nguyên và Môi trường'],
    });
    expect(v.main.header.soLine).toBe('Số: 418/BC-STNMT');
    expect(v.meta.subject).toBe('Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024 của Sở Tài nguyên và Môi trường');
  });

  it('totals the self-assessed points overall and per area, with the index in percent', () => {
    expect(listItems(v.main.blocks)[0]).toEqual([
      'Tổng điểm tự đánh giá: 73/77,5 điểm, đạt 94,19% số điểm tối đa của các tiêu chí tự đánh giá;',
      'Các tiêu chí thành phần đánh giá qua điều tra xã hội học (22,5 điểm) không thuộc phần tự đánh giá.',
    ]);
    const summary = tables(v.main.blocks)[0]!;
    expect(summary.title).toBe('Kết quả theo lĩnh vực');
    expect(summary.columns.map((c) => c.header)).toEqual(['STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tự đánh giá', 'Chỉ số (%)']);
    expect(rowsText(summary)).toEqual([
      ['1', 'Công tác chỉ đạo, điều hành cải cách hành chính', '11', '9,5', '86,36%'],
      ['2', 'Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật', '7', '6,5', '92,86%'],
      ['3', 'Cải cách thủ tục hành chính', '10,5', '10,5', '100,00%'],
      ['4', 'Cải cách tổ chức bộ máy hành chính nhà nước', '6', '6', '100,00%'],
      ['5', 'Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức', '9,5', '9,25', '97,37%'],
      ['6', 'Đổi mới cơ chế tài chính đối với cơ quan hành chính và đơn vị sự nghiệp công lập', '8', '7,5', '93,75%'],
      ['7', 'Hiện đại hóa nền hành chính', '11', '10', '90,91%'],
      ['8', 'Thực hiện cơ chế một cửa, cơ chế một cửa liên thông', '14,5', '13,75', '94,83%'],
      ['Tổng cộng', '77,5', '73', '94,19%'],
    ]);
  });

  it('prints the sheet: areas in capitals with their totals, criteria with theirs, sub-criteria with evidence and notes', () => {
    const sheet = sheetOf(v);
    expect(v.appendices[0]!.orientation).toBe('landscape');
    expect(v.appendices[0]!.title).toBe('KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG');
    expect(sheet.columns.map((c) => c.header)).toEqual([
      'STT',
      'Lĩnh vực / Tiêu chí / Tiêu chí thành phần',
      'Điểm tối đa',
      'Điểm tự đánh giá',
      'Tài liệu kiểm chứng',
      'Điểm thẩm định',
      'Ghi chú',
    ]);
    const rows = rowsText(sheet);
    expect(rows).toHaveLength(8 + 39 + 102 + 1);
    expect(rows[0]).toEqual(['1', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH', '13', '9,5', '', '', '']);
    expect(rows[1]).toEqual(['1.1', 'Kế hoạch cải cách hành chính năm', '4', '3,75', '', '', '']);
    expect(rows[5]).toEqual([
      '1.1.4',
      'Mức độ thực hiện kế hoạch cải cách hành chính năm',
      '1,5',
      '1,25',
      'Báo cáo số 412/BC-STNMT ngày 05/12/2024 kết quả cải cách hành chính năm 2024',
      '',
      'Hoàn thành 24/26 nhiệm vụ (92,3%)',
    ]);
    expect(rows.find((r) => r[0] === '1.2.1')?.[4]).toBe(
      '- Báo cáo số 98/BC-STNMT ngày 12/3/2024 (quý I)\n- Báo cáo số 205/BC-STNMT ngày 12/6/2024 (6 tháng)\n- Báo cáo số 301/BC-STNMT ngày 11/9/2024 (9 tháng)\n- Báo cáo số 412/BC-STNMT ngày 05/12/2024 (năm)',
    );
    // A survey criterion: no self-assessed points, marked in the notes.
    expect(rows.find((r) => r[0] === '1.6')).toEqual([
      '1.6',
      'Đánh giá của cán bộ, công chức, người dân, tổ chức về công tác chỉ đạo, điều hành cải cách hành chính',
      '2',
      '',
      '',
      '',
      'Điều tra xã hội học',
    ]);
    expect(rows.at(-1)).toEqual(['TỔNG CỘNG', '100', '73', '', '', '']);
    // Area rows bold; area and criterion rows (and the row before the total) keep with the next row.
    expect(sheet.rows[0]!.cells.every((c, i) => c.bold || [4, 6].includes(i))).toBe(true);
    const kept = sheet.rows.flatMap((r) => (r.keepWithNext ? [r.cells[0]!.text] : []));
    expect(kept).toEqual([...SON_LA.areas.flatMap((a) => [a.code, ...a.criteria.map((c) => c.code)]), '8.5.4']);
  });

  it('closes the body with "./." and refers to the single appendix as "Phụ lục"', () => {
    const paragraphs = v.main.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toContain('Điểm từng tiêu chí, tiêu chí thành phần và tài liệu kiểm chứng: chi tiết tại Phụ lục kèm theo.');
    expect(paragraphs.at(-1)).toMatch(/giảm hồ sơ giấy\.\/\.$/);
    expect(v.main.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.label} ${b.text}`] : []))).toEqual([
      'I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM',
      'II. ĐÁNH GIÁ CHUNG',
      'III. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
  });

  it('computes the opening and the trích yếu when the data leaves them out', () => {
    const d = clone(data);
    delete d.introduction;
    delete d.body;
    const w = viewOf(d);
    const first = w.main.blocks[0]!;
    expect(first.kind === 'paragraph' && first.text).toBe(
      'Căn cứ Bộ chỉ số thí điểm đánh giá kết quả thực hiện công tác cải cách hành chính hằng năm của các sở, ban, ngành tỉnh Sơn La ban hành kèm theo Quyết định số 152/QĐ-UBND ngày 22 tháng 01 năm 2014 của Ủy ban nhân dân tỉnh Sơn La, Sở Tài nguyên và Môi trường tỉnh Sơn La báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2024 của Sở Tài nguyên và Môi trường như sau:',
    );
    const last = w.main.blocks.at(-1)!;
    expect(last.kind === 'paragraph' && last.text).toBe('Điểm từng tiêu chí, tiêu chí thành phần và tài liệu kiểm chứng: chi tiết tại Phụ lục kèm theo./.');
  });

  it('DOCX: the figures as computed, and area and criterion rows of the sheet kept with the next row', async () => {
    const r = await svc.render(ID, data, 'docx');
    const doc = docxParts(r.bytes).get('word/document.xml')!;
    const text = docxText(doc);
    expect(text).toContain('- Tổng điểm tự đánh giá: 73/77,5 điểm, đạt 94,19% số điểm tối đa của các tiêu chí tự đánh giá;');
    expect(text).toContain('Số: 418/BC-STNMT');
    const flat = (xml: string) => docxText(xml).replace(/\s+/g, ' ');
    const rowOf = (start: string) => (doc.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).find((tr) => flat(tr).startsWith(`${start} `))!;
    expect(rowOf('1.1')).toContain('<w:keepNext/>');
    expect(rowOf('8 THỰC HIỆN CƠ CHẾ MỘT CỬA,')).toContain('<w:keepNext/>');
    expect(rowOf('1.1.1')).not.toContain('<w:keepNext/>');
    expect(flat(rowOf('1.1.4'))).toBe('1.1.4 Mức độ thực hiện kế hoạch cải cách hành chính năm 1,5 1,25 Báo cáo số 412/BC-STNMT ngày 05/12/2024 kết quả cải cách hành chính năm 2024 Hoàn thành 24/26 nhiệm vụ (92,3%)');
  });

  it('PDF: the sheet runs over landscape pages and no page ends with an area or criterion row', async () => {
    const r = await svc.render(ID, data, 'pdf');
    const info = pdfInfo(r.bytes);
    expect(info.pages).toBeGreaterThanOrEqual(10);
    const groups = new Set(SON_LA.areas.flatMap((a) => [a.code, ...a.criteria.map((c) => c.code)]));
    const landscape = info.pageSizes.flatMap(([w, h], i) => (w > h ? [i + 1] : []));
    expect(landscape.length).toBeGreaterThanOrEqual(8);
    for (const page of landscape.slice(0, -1)) {
      const codes = pageLayoutText(r.bytes, page)
        .split('\n')
        .flatMap((l) => /^\s{0,3}(\d+(?:\.\d+){0,2})\s+\S/.exec(l)?.slice(1, 2) ?? []);
      expect(groups.has(codes.at(-1) ?? ''), `page ${page} ends with row ${codes.at(-1)}`).toBe(false);
    }
  });
});

describe('appraised and survey points (Sở Tư pháp, 2023)', () => {
  const data = fixture(FINAL);
  const v = viewOf(data);

  it('points earned = appraised + survey; the index over 100 per area and overall', () => {
    expect(listItems(v.main.blocks)[0]).toEqual([
      'Tổng điểm tự đánh giá: 73,75/77,5 điểm, đạt 95,16% số điểm tối đa của các tiêu chí tự đánh giá;',
      'Tổng điểm thẩm định: 71,75/77,5 điểm, giảm 2 điểm so với điểm tự đánh giá;',
      'Điểm điều tra xã hội học: 18,09/22,5 điểm;',
      'Tổng điểm đạt được: 89,84/100 điểm; Chỉ số cải cách hành chính năm 2023 của Sở Tư pháp đạt 89,84%.',
    ]);
    const summary = tables(v.main.blocks)[0]!;
    expect(summary.columns.map((c) => c.header)).toEqual([
      'STT',
      'Lĩnh vực',
      'Điểm tối đa',
      'Điểm tự đánh giá',
      'Điểm thẩm định',
      'Điểm điều tra xã hội học',
      'Điểm đạt được',
      'Chỉ số (%)',
    ]);
    const rows = rowsText(summary);
    expect(rows[0]).toEqual(['1', 'Công tác chỉ đạo, điều hành cải cách hành chính', '13', '10', '9,25', '1,54', '10,79', '83,00%']);
    expect(rows[7]).toEqual(['8', 'Thực hiện cơ chế một cửa, cơ chế một cửa liên thông', '18', '14', '14', '3,02', '17,02', '94,56%']);
    expect(rows[8]).toEqual(['Tổng cộng', '100', '73,75', '71,75', '18,09', '89,84', '89,84%']);
    expect(v.main.title && v.main.title.summaryLines).toEqual(['Kết quả xác định Chỉ số cải cách hành chính', 'năm 2023 của Sở Tư pháp']);
  });

  it('the sheet carries appraised points, and survey points in the same column, with a note saying so', () => {
    const rows = rowsText(sheetOf(v));
    expect(rows.find((r) => r[0] === '1')).toEqual(['1', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH', '13', '10', '', '10,79', '']);
    expect(rows.find((r) => r[0] === '1.3')).toEqual(['1.3', 'Kiểm tra công tác cải cách hành chính', '2', '1,75', '', '1,5', '']);
    expect(rows.find((r) => r[0] === '1.6.1')?.slice(2)).toEqual(['1', '', '', '0,79', '']);
    expect(rows.at(-1)).toEqual(['TỔNG CỘNG', '100', '73,75', '', '89,84', '']);
    const note = v.appendices[0]!.blocks[1]!;
    expect(note.kind === 'paragraph' && note.text).toBe(
      'Ghi chú: cột "Điểm thẩm định" ghi điểm thẩm định của các tiêu chí thành phần tự đánh giá và điểm điều tra xã hội học của các tiêu chí thành phần điều tra xã hội học; ở dòng lĩnh vực, tiêu chí và dòng tổng cộng là tổng các điểm đó.',
    );
  });

  it('stated totals that agree give no warning; those that disagree give one each, with its path', () => {
    expect(svc.validate(ID, data).warnings).toEqual([]);
    const d = clone(data);
    d.assessment.stated = { self: 74, appraised: 71.75, survey: 18.09, total: 90, index: 89.8, areas: { '1': { appraised: 9.5 }, '8': { total: 17.02 } } };
    expect(svc.validate(ID, d).warnings).toEqual([
      { path: '$.assessment.stated.self', message: 'Tổng điểm tự đánh giá ghi trong văn bản là 74, tính từ điểm các tiêu chí thành phần là 73,75' },
      { path: '$.assessment.stated.total', message: 'Tổng điểm đạt được ghi trong văn bản là 90, tính từ điểm các tiêu chí thành phần là 89,84' },
      { path: '$.assessment.stated.index', message: 'Chỉ số ghi trong văn bản là 89,80%, tính được là 89,84%' },
      {
        path: '$.assessment.stated.areas["1"].appraised',
        message: 'Tổng điểm thẩm định của lĩnh vực 1 ghi trong văn bản là 9,5, tính từ điểm các tiêu chí thành phần là 9,25',
      },
    ]);
  });

  it('strict mode refuses a document whose stated totals disagree', async () => {
    const d = clone(data);
    d.assessment.stated.self = 74;
    await expect(svc.render(ID, d, 'docx', { strict: true })).rejects.toMatchObject({ status: 422, code: 'warnings_in_strict_mode' });
  });
});

describe('scores the service refuses', () => {
  const base = fixture(SELF);
  const withScores = (patch: Json): Json => {
    const d = clone(base);
    Object.assign(d.assessment.scores, patch);
    return d;
  };

  it('a score above its maximum, naming the criterion by code and name, at the path of the score', () => {
    expect(problems(withScores({ '1.1.4': { self: 2 } }))).toEqual([
      {
        path: '$.assessment.scores["1.1.4"].self',
        message: 'Điểm tự đánh giá 2 vượt điểm tối đa 1,5 của tiêu chí thành phần 1.1.4 "Mức độ thực hiện kế hoạch cải cách hành chính năm"',
      },
    ]);
    expect(problems(withScores({ '8.3.1': { self: 3, appraised: 3.25 } }))).toContainEqual({
      path: '$.assessment.scores["8.3.1"].appraised',
      message: 'Điểm thẩm định 3,25 vượt điểm tối đa 3 của tiêu chí thành phần 8.3.1 "Tỷ lệ hồ sơ giải quyết đúng hạn"',
    });
  });

  it('a negative score, a score with more than two decimals', () => {
    expect(problems(withScores({ '1.1.1': { self: -0.5 } }))).toEqual([{ path: '$.assessment.scores["1.1.1"].self', message: 'Điểm không được âm' }]);
    expect(problems(withScores({ '1.1.1': { self: 0.125 } }))).toEqual([
      { path: '$.assessment.scores["1.1.1"].self', message: 'Điểm có nhiều nhất 2 chữ số thập phân, ví dụ 0,25' },
    ]);
  });

  it('an unknown code, a criterion or an area scored as a whole', () => {
    // JSON object order: the integer-like key "2" comes first.
    expect(problems(withScores({ '9.9.9': { self: 1 }, '1.1': { self: 4 }, '2': { self: 9 } }))).toEqual([
      {
        path: '$.assessment.scores["2"]',
        message: 'Mã "2" là lĩnh vực "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật": chấm điểm theo từng tiêu chí thành phần; điểm lĩnh vực do dịch vụ cộng',
      },
      { path: '$.assessment.scores["9.9.9"]', message: 'Không có tiêu chí thành phần mã "9.9.9" trong bộ chỉ số' },
      {
        path: '$.assessment.scores["1.1"]',
        message: 'Mã "1.1" là tiêu chí "Kế hoạch cải cách hành chính năm": chấm điểm theo từng tiêu chí thành phần (1.1.1, 1.1.2, 1.1.3, 1.1.4); điểm tiêu chí do dịch vụ cộng',
      },
    ]);
  });

  it('a self-assessed score on a survey criterion, a survey score on a self-assessed one', () => {
    expect(problems(withScores({ '1.6.1': { self: 1 }, '1.1.1': { self: 1, survey: 1 } }))).toEqual([
      {
        path: '$.assessment.scores["1.1.1"].survey',
        message: 'Tiêu chí thành phần 1.1.1 "Ban hành kế hoạch cải cách hành chính năm kịp thời theo hướng dẫn của tỉnh" do cơ quan tự đánh giá, không lấy điểm điều tra xã hội học: dùng self (và appraised khi thẩm định)',
      },
      {
        path: '$.assessment.scores["1.6.1"].self',
        message: 'Tiêu chí thành phần 1.6.1 "Tính kịp thời, quyết liệt trong chỉ đạo, điều hành cải cách hành chính của người đứng đầu" lấy điểm từ điều tra xã hội học, không tự chấm điểm: dùng survey',
      },
    ]);
  });

  it('a missing self-assessed score is an error (0 must be written), at the entry or at its "self"', () => {
    const d = clone(base);
    delete d.assessment.scores['2.2.1'];
    d.assessment.scores['2.2.2'] = { evidence: ['Báo cáo số 290/BC-STNMT'] };
    expect(problems(d)).toEqual([
      {
        path: '$.assessment.scores["2.2.1"]',
        message: 'Thiếu điểm tự đánh giá của tiêu chí thành phần 2.2.1 "Ban hành kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật" (ghi 0 nếu không đạt)',
      },
      {
        path: '$.assessment.scores["2.2.2"].self',
        message: 'Thiếu điểm tự đánh giá của tiêu chí thành phần 2.2.2 "Mức độ thực hiện kế hoạch rà soát và công bố kết quả rà soát" (ghi 0 nếu không đạt)',
      },
    ]);
  });

  it('an appraisal is all or nothing: one appraised score asks for the 80 others', () => {
    const p = problems(withScores({ '1.1.1': { self: 1, appraised: 1 } }));
    expect(p).toHaveLength(80);
    expect(p[0]).toEqual({
      path: '$.assessment.scores["1.1.2"].appraised',
      message:
        'Thiếu điểm thẩm định của tiêu chí thành phần 1.1.2 "Xác định đầy đủ nhiệm vụ cải cách hành chính trên các lĩnh vực và bố trí kinh phí thực hiện": đã có điểm thẩm định thì phải có cho mọi tiêu chí thành phần tự đánh giá',
    });
  });

  it('a document with neither a sheet nor a ranking', () => {
    const d = clone(base);
    delete d.assessment;
    expect(problems(d)).toEqual([
      { path: '$', message: 'Cần ít nhất một trong hai: assessment (bảng chấm điểm của một cơ quan) hoặc ranking (bảng xếp hạng nhiều cơ quan)' },
    ]);
  });
});

describe('the framework a document names', () => {
  const base = fixture(SELF);

  it('an unknown framework id is rejected at $.framework.id', () => {
    const d = clone(base);
    d.framework = { id: 'son-la-2099-so-nganh' };
    expect(problems(d)).toEqual([
      {
        path: '$.framework.id',
        message:
          'Không có bộ chỉ số "son-la-2099-so-nganh". Các bộ chỉ số có sẵn: "son-la-2014-so-nganh" (Bộ chỉ số thí điểm đánh giá kết quả thực hiện công tác cải cách hành chính hằng năm của các sở, ban, ngành tỉnh Sơn La); "son-la-2014-huyen" (Bộ chỉ số thí điểm đánh giá kết quả thực hiện công tác cải cách hành chính hằng năm của Ủy ban nhân dân các huyện, thành phố tỉnh Sơn La); hoặc khai báo definition',
      },
    ]);
  });

  it('a version the service does not have is rejected at $.framework.version', () => {
    const d = clone(base);
    d.framework.version = '2016.2';
    expect(problems(d)).toEqual([{ path: '$.framework.version', message: 'Bộ chỉ số "son-la-2014-so-nganh" có phiên bản "2014.1", không có phiên bản "2016.2"' }]);
  });

  const small = {
    title: 'Bộ chỉ số cải cách hành chính cấp xã',
    year: 2024,
    target: 'Ủy ban nhân dân cấp xã',
    max: 10,
    selfMax: 8,
    surveyMax: 2,
    areas: [
      {
        code: '1',
        name: 'Công tác chỉ đạo, điều hành',
        max: 6,
        criteria: [
          {
            code: '1.1',
            name: 'Kế hoạch cải cách hành chính',
            max: 4,
            subCriteria: [
              { code: '1.1.1', name: 'Ban hành kế hoạch', max: 1.5, kind: 'self' },
              { code: '1.1.2', name: 'Thực hiện kế hoạch', max: 2.5, kind: 'self' },
            ],
          },
          {
            code: '1.2',
            name: 'Sự hài lòng',
            max: 2,
            subCriteria: [
              { code: '1.2.1', name: 'Hài lòng về thái độ phục vụ', max: 1, kind: 'survey' },
              { code: '1.2.2', name: 'Hài lòng về thời gian giải quyết', max: 1, kind: 'survey' },
            ],
          },
        ],
      },
      {
        code: '2',
        name: 'Thủ tục hành chính',
        max: 4,
        criteria: [{ code: '2.1', name: 'Công khai thủ tục hành chính', max: 4, subCriteria: [{ code: '2.1.1', name: 'Niêm yết đầy đủ', max: 4, kind: 'self' }] }],
      },
    ],
  };
  const inline = (definition: Json, scores: Json): Json => ({
    ...clone(base),
    framework: { id: 'xa-thu-nghiem-2024', version: '1', definition },
    assessment: { unit: 'Ủy ban nhân dân xã Chiềng Cơi', scores },
  });

  it('a framework declared inline is checked and used: totals, survey points and the index', () => {
    const v = viewOf(inline(small, { '1.1.1': { self: 1.5 }, '1.1.2': { self: 2 }, '1.2.1': { survey: 0.8 }, '1.2.2': { survey: 0.65 }, '2.1.1': { self: 3.5 } }));
    expect(rowsText(tables(v.main.blocks)[0]!)).toEqual([
      ['1', 'Công tác chỉ đạo, điều hành', '6', '3,5', '1,45', '4,95', '82,50%'],
      ['2', 'Thủ tục hành chính', '4', '3,5', '-', '3,5', '87,50%'],
      ['Tổng cộng', '10', '7', '1,45', '8,45', '84,50%'],
    ]);
  });

  it('an inline framework whose maxima do not add up is rejected with the path of the maximum', () => {
    const broken = structuredClone(small) as Json;
    broken.areas[0].criteria[0].max = 5;
    broken.areas[0].criteria[1].subCriteria[1].code = '1.3.2';
    expect(problems(inline(broken, {}))).toEqual([
      {
        path: '$.framework.definition.areas[0].criteria[0].max',
        message: 'Điểm tối đa của tiêu chí 1.1 là 5 nhưng tổng điểm tối đa các tiêu chí thành phần là 4',
      },
      {
        path: '$.framework.definition.areas[0].criteria[1].subCriteria[1].code',
        message: 'Mã tiêu chí thành phần "1.3.2" phải bắt đầu bằng mã tiêu chí "1.2." và thêm một số, ví dụ "1.2.1"',
      },
      { path: '$.framework.definition.areas[0].max', message: 'Điểm tối đa của lĩnh vực 1 là 6 nhưng tổng điểm tối đa các tiêu chí là 7' },
    ]);
  });

  it('an inline framework may not take the id of a shipped one', () => {
    const d = inline(small, {});
    d.framework.id = 'son-la-2014-so-nganh';
    expect(problems(d)).toEqual([
      {
        path: '$.framework.id',
        message:
          'Mã "son-la-2014-so-nganh" trùng với bộ chỉ số có sẵn "Bộ chỉ số thí điểm đánh giá kết quả thực hiện công tác cải cách hành chính hằng năm của các sở, ban, ngành tỉnh Sơn La": đặt mã khác cho bộ chỉ số tự khai báo, hoặc bỏ definition để dùng bộ có sẵn',
      },
    ]);
  });
});

describe('the ranking', () => {
  const data = fixture(RANKING);
  const v = viewOf(data);
  const table = () => tables(v.appendices[0]!.blocks)[0]!;

  it('orders the 19 units by index, equal points share a rank and the next rank skips; bands as a column', () => {
    const rows = rowsText(table());
    expect(rows.map((r) => [r[0], r[1], r[10], r[11], r[12]])).toEqual([
      ['1', 'Sở Nội vụ', '91,5', '91,50%', 'Tốt'],
      ['2', 'Sở Kế hoạch và Đầu tư', '89,75', '89,75%', 'Tốt'],
      ['3', 'Sở Thông tin và Truyền thông', '89,25', '89,25%', 'Tốt'],
      ['4', 'Sở Tư pháp', '88', '88,00%', 'Tốt'],
      ['5', 'Sở Tài chính', '85,75', '85,75%', 'Tốt'],
      ['5', 'Văn phòng Ủy ban nhân dân tỉnh', '85,75', '85,75%', 'Tốt'],
      ['7', 'Sở Tài nguyên và Môi trường', '82,5', '82,50%', 'Tốt'],
      ['8', 'Sở Khoa học và Công nghệ', '80,5', '80,50%', 'Tốt'],
      ['9', 'Sở Y tế', '79,75', '79,75%', 'Khá'],
      ['10', 'Sở Giáo dục và Đào tạo', '78,75', '78,75%', 'Khá'],
      ['10', 'Sở Công Thương', '78,75', '78,75%', 'Khá'],
      ['12', 'Sở Nông nghiệp và Phát triển nông thôn', '75', '75,00%', 'Khá'],
      ['13', 'Sở Giao thông vận tải', '74,25', '74,25%', 'Khá'],
      ['14', 'Sở Xây dựng', '73', '73,00%', 'Khá'],
      ['15', 'Sở Văn hóa, Thể thao và Du lịch', '70,25', '70,25%', 'Khá'],
      ['16', 'Sở Lao động - Thương binh và Xã hội', '68,75', '68,75%', 'Khá'],
      ['17', 'Thanh tra tỉnh', '67,75', '67,75%', 'Khá'],
      ['18', 'Ban Dân tộc', '63', '63,00%', 'Trung bình'],
      ['19', 'Ban Quản lý các khu công nghiệp tỉnh', '59,25', '59,25%', 'Trung bình'],
    ]);
    expect(table().columns.map((c) => c.header)).toEqual([
      'Xếp hạng', 'Cơ quan, đơn vị', 'LV1', 'LV2', 'LV3', 'LV4', 'LV5', 'LV6', 'LV7', 'LV8', 'Tổng điểm', 'Chỉ số (%)', 'Xếp loại', 'Ghi chú',
    ]);
    expect(rows[0]!.slice(2, 10)).toEqual(['11,75', '8,75', '13,5', '8,25', '12,25', '9', '12,25', '15,75']);
    expect(v.appendices[0]!.orientation).toBe('landscape');
  });

  it('sums up the ranking in the body and explains the columns and the bands under the table', () => {
    expect(listItems(v.main.blocks)[0]).toEqual([
      'Số cơ quan, đơn vị được xếp hạng: 19;',
      'Chỉ số cao nhất: 91,50% (Sở Nội vụ);',
      'Chỉ số thấp nhất: 59,25% (Ban Quản lý các khu công nghiệp tỉnh);',
      'Chỉ số bình quân: 77,97%;',
      'Xếp loại Tốt: 8 đơn vị; Khá: 9 đơn vị; Trung bình: 2 đơn vị; Yếu: không có đơn vị nào.',
    ]);
    const legend = listItems(v.appendices[0]!.blocks)[0]!;
    expect(legend[0]).toBe('LV1: Công tác chỉ đạo, điều hành cải cách hành chính (tối đa 13 điểm);');
    expect(legend.at(-1)).toBe('Mức xếp loại: Tốt: từ 80% trở lên; Khá: từ 65% đến dưới 80%; Trung bình: từ 50% đến dưới 65%; Yếu: dưới 50%.');
  });

  it('bands are exact at their thresholds; units given by total alone make a portrait table', () => {
    const d = clone(data);
    d.ranking = {
      units: [
        { name: 'Đơn vị A', points: 79.99 },
        { name: 'Đơn vị B', points: 80 },
        { name: 'Đơn vị C', points: 65 },
        { name: 'Đơn vị D', points: 49.75 },
        { name: 'Đơn vị E', points: 80 },
        { name: 'Đơn vị F', points: 50 },
      ],
      bands: [
        { name: 'Tốt', minIndex: 80 },
        { name: 'Khá', minIndex: 65 },
        { name: 'Trung bình', minIndex: 50 },
      ],
    };
    const w = viewOf(d);
    const t = tables(w.appendices[0]!.blocks)[0]!;
    expect(w.appendices[0]!.orientation).toBe('portrait');
    expect(rowsText(t)).toEqual([
      ['1', 'Đơn vị B', '80', '80,00%', 'Tốt'],
      ['1', 'Đơn vị E', '80', '80,00%', 'Tốt'],
      ['3', 'Đơn vị A', '79,99', '79,99%', 'Khá'],
      ['4', 'Đơn vị C', '65', '65,00%', 'Khá'],
      ['5', 'Đơn vị F', '50', '50,00%', 'Trung bình'],
      ['6', 'Đơn vị D', '49,75', '49,75%', ''],
    ]);
    expect(listItems(w.main.blocks)[0]!.at(-1)).toBe('Xếp loại Tốt: 2 đơn vị; Khá: 2 đơn vị; Trung bình: 1 đơn vị; chưa đạt mức xếp loại nào: 1 đơn vị.');
  });

  it('refuses area points over the area maximum, missing areas, both totals and area points, bands out of order', () => {
    const d = clone(data);
    d.ranking.units[0].areaPoints['3'] = 14.5;
    delete d.ranking.units[1].areaPoints['8'];
    d.ranking.units[2].points = 80;
    d.ranking.bands[2].minIndex = 70;
    expect(problems(d)).toEqual([
      {
        path: '$.ranking.units[0].areaPoints["3"]',
        message: 'Sở Kế hoạch và Đầu tư: điểm 14,5 vượt điểm tối đa 14 của lĩnh vực 3 "Cải cách thủ tục hành chính"',
      },
      { path: '$.ranking.units[1].areaPoints', message: 'Sở Nội vụ: thiếu điểm lĩnh vực 8' },
      { path: '$.ranking.units[2]', message: 'Sở Tư pháp: cần đúng một trong hai, points (tổng điểm) hoặc areaPoints (điểm từng lĩnh vực)' },
      { path: '$.ranking.bands[2].minIndex', message: 'Các mức xếp loại xếp từ cao xuống thấp: ngưỡng 70 phải nhỏ hơn ngưỡng của mức trên (65)' },
    ]);
  });

  it('a sheet and a ranking together: two appendices, "Phụ lục I" and "Phụ lục II", referred to as such', () => {
    const d = clone(fixture(SELF));
    d.ranking = { units: [{ name: 'Sở Tài nguyên và Môi trường', points: 88.5 }, { name: 'Sở Xây dựng', points: 79 }] };
    const w = viewOf(d);
    expect(w.appendices.map((a) => a.heading)).toEqual(['Phụ lục I', 'Phụ lục II']);
    const paragraphs = w.main.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toContain('Điểm từng tiêu chí, tiêu chí thành phần và tài liệu kiểm chứng: chi tiết tại Phụ lục I kèm theo.');
    expect(paragraphs).toContain('Bảng xếp hạng chi tiết tại Phụ lục II kèm theo.');
    expect(w.main.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.label} ${b.text}`] : []))).toEqual([
      'I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM',
      'II. KẾT QUẢ XẾP HẠNG',
      'III. ĐÁNH GIÁ CHUNG',
      'IV. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
  });
});
