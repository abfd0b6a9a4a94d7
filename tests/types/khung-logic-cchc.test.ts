/**
 * Kế hoạch cải cách hành chính theo khung logic: numbering n / n.m / n.m.k, budgets rolled up from the
 * activities, the total in words, warnings for stated budgets that disagree (reference/001 states 105.000.000
 * for a result whose activities add up to 117.000.000), strict mode, rejected data with its JSON path, and
 * the framework table on landscape pages in both formats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban, VanbanError } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import type { StandardView } from '../../src/documents/common/standard.js';
import type { BlockView } from '../../src/documents/common/view.js';
import { viewOf as viewOfType } from '../support/render.js';
import { docxParts, docxText, pdfInfo, pdfPagesText } from '../support/docs.js';

const ID = 'khung-logic-cchc';
const svc = new Vanban({ chromiumPath: '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 30_000 });
afterAll(() => svc.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, name), 'utf8')) as Json;
const REFERENCE = 'tham-khao-001-so-nn-ptnt-2013.json';
const LARGE = 'ubnd-huyen-ninh-hai-2024.json';
const clone = (o: Json): Json => structuredClone(o);

const viewOf = (body: unknown) => viewOfType<StandardView>(svc, ID, body);
type Table = Extract<BlockView, { kind: 'table' }>;
const framework = (v: StandardView): Table => {
  const t = v.appendices[0]?.blocks.find((b) => b.kind === 'table');
  if (!t || t.kind !== 'table') throw new Error('no framework table');
  return t;
};
const rowsText = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));
const paragraphs = (v: StandardView) => v.main.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('the reference example (reference/001, tables 2.2 and 2.3)', () => {
  const data = fixture(REFERENCE);

  it('numbers the area by its place in the programme, results n.m and activities n.m.k', () => {
    const rows = rowsText(framework(viewOf(data)));
    expect(rows.map((r) => r[0])).toEqual(['5', '5.1', '5.1.1', '5.1.2', '5.1.3', '5.1.4', 'Tổng cộng', 'Bằng chữ: Một trăm mười bảy triệu đồng']);
    expect(rows[0]?.[1]).toBe('Lĩnh vực 5: Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức');
    expect(rows[1]?.[1]).toBe('Kết quả 5.1: Nâng cao năng lực xây dựng và quản lý kế hoạch công tác');
    expect(rows[2]?.[1]).toBe('Khảo sát đánh giá nhu cầu tập huấn (55 cán bộ, công chức thuộc 11 đơn vị trực thuộc Sở)');
  });

  it('rolls the budgets up from the activities: 35 + 45 + 10 + (15 + 12) = 117.000.000, and says it in words; the result prints its stated 105.000.000', () => {
    const v = viewOf(data);
    const rows = rowsText(framework(v));
    expect(rows.slice(0, 6).map((r) => r[4])).toEqual(['117.000.000', '105.000.000', '35.000.000', '45.000.000', '10.000.000', '27.000.000']);
    expect(rows[6]).toEqual(['Tổng cộng', '117.000.000', '']);
    expect(rows[5]?.[1]).toBe(
      'Tổ chức tập huấn (01 lớp x 03 ngày, tại Sở Nông nghiệp và Phát triển nông thôn)\n(Kinh phí gồm: giảng viên 15.000.000 đồng; chi phí lớp học 12.000.000 đồng)',
    );
    expect(paragraphs(v)).toContain('Tổng kinh phí thực hiện Kế hoạch là 117.000.000 đồng (Bằng chữ: Một trăm mười bảy triệu đồng).');
  });

  it('warns that the stated 105.000.000 disagrees with the 117.000.000 of the activities, at the stated field', () => {
    expect(svc.validate(ID, data).warnings).toEqual([
      {
        path: '$.areas[0].results[0].statedBudget',
        message: 'Ngân sách ghi 105.000.000 đồng nhưng tổng các hoạt động là 117.000.000 đồng (Kết quả 5.1); văn bản in số ghi',
      },
    ]);
  });

  it('renders with the warning, and strict mode turns the warning into a 422', async () => {
    const r = await svc.render(ID, data, 'docx');
    expect(r.warnings.map((w) => w.path)).toEqual(['$.areas[0].results[0].statedBudget']);
    const err = await svc.render(ID, data, 'docx', { strict: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VanbanError);
    const e = err as VanbanError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('warnings_in_strict_mode');
    expect(e.details).toEqual([
      {
        path: '$.areas[0].results[0].statedBudget',
        message: 'Ngân sách ghi 105.000.000 đồng nhưng tổng các hoạt động là 117.000.000 đồng (Kết quả 5.1); văn bản in số ghi',
        code: 'warning',
      },
    ]);
  });

  it('renders without warning once the stated budget is the sum', async () => {
    const d = clone(data);
    d.areas[0].results[0].statedBudget = 117_000_000;
    expect(svc.validate(ID, d).warnings).toEqual([]);
    await expect(svc.render(ID, d, 'docx', { strict: true })).resolves.toBeDefined();
  });
});

describe('the large plan (every area of the 2021-2030 programme)', () => {
  const data = fixture(LARGE);

  it('has every area, 3 or more results per area and 2 to 4 activities per result', () => {
    expect(data.areas.map((a: Json) => a.code)).toEqual([
      'chi-dao-dieu-hanh',
      'the-che',
      'thu-tuc-hanh-chinh',
      'to-chuc-bo-may',
      'che-do-cong-vu',
      'tai-chinh-cong',
      'chinh-quyen-so',
    ]);
    for (const a of data.areas) {
      expect(a.results.length).toBeGreaterThanOrEqual(3);
      for (const r of a.results) {
        expect(r.activities.length).toBeGreaterThanOrEqual(2);
        expect(r.activities.length).toBeLessThanOrEqual(4);
      }
    }
    expect(svc.validate(ID, data).warnings).toEqual([]);
  });

  it('numbers 1 ... 7, 1.1 ... 7.3, 1.1.1 ... 7.3.3 in order', () => {
    const numbers = rowsText(framework(viewOf(data))).map((r) => r[0]);
    expect(numbers.slice(0, 6)).toEqual(['1', '1.1', '1.1.1', '1.1.2', '1.1.3', '1.2']);
    expect(numbers.filter((n) => /^\d+$/.test(n ?? ''))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(numbers.filter((n) => /^\d+\.\d+$/.test(n ?? '')).length).toBe(21);
    expect(numbers.filter((n) => /^\d+\.\d+\.\d+$/.test(n ?? '')).length).toBe(54);
    expect(numbers.slice(-4)).toEqual(['7.3.2', '7.3.3', 'Tổng cộng', 'Bằng chữ: Chín trăm năm mươi ba triệu đồng']);
  });

  it('sums each area in the summary table of section II, and the total', () => {
    const v = viewOf(data);
    const summary = v.main.blocks.find((b) => b.kind === 'table');
    if (!summary || summary.kind !== 'table') throw new Error('no summary table');
    expect(rowsText(summary)).toEqual([
      ['1', 'Công tác chỉ đạo, điều hành', '3', '9', '97.000.000'],
      ['2', 'Cải cách thể chế', '3', '8', '81.000.000'],
      ['3', 'Cải cách thủ tục hành chính', '3', '8', '185.000.000'],
      ['4', 'Cải cách tổ chức bộ máy', '3', '7', '30.000.000'],
      ['5', 'Cải cách chế độ công vụ', '3', '7', '236.000.000'],
      ['6', 'Cải cách tài chính công', '3', '7', '34.000.000'],
      ['7', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số', '3', '8', '290.000.000'],
      ['Tổng cộng', '21', '54', '953.000.000'],
    ]);
    expect(paragraphs(v)).toContain('Tổng kinh phí thực hiện Kế hoạch là 953.000.000 đồng (Bằng chữ: Chín trăm năm mươi ba triệu đồng).');
    const rows = rowsText(framework(v));
    const result13 = rows.find((r) => r[0] === '1.3');
    expect(result13?.[4]).toBe('52.000.000'); // 12 + (18 + 22) + 0
  });

  it('prints the body portrait and the framework table on landscape pages, in the PDF', async () => {
    const r = await svc.render(ID, data, 'pdf');
    const info = pdfInfo(r.bytes);
    const pages = await pdfPagesText(r.bytes);
    const landscape = info.pageSizes.map(([w, h]) => w > h);
    const tablePages = pages.map((p, i) => (p.includes('Chỉ số thành công') && p.includes('Cơ quan phối') ? i : -1)).filter((i) => i >= 0);
    expect(tablePages.length).toBeGreaterThanOrEqual(5);
    for (const i of tablePages) expect(landscape[i], `page ${i + 1}`).toBe(true);
    expect(landscape[0]).toBe(false);
    const first = pages.findIndex((p) => p.includes('KHUNG LOGIC KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024'));
    expect(first).toBe(tablePages[0]);
    expect(landscape.slice(first).every(Boolean)).toBe(true);
    expect(landscape.slice(0, first).some(Boolean)).toBe(false);
  });

  it('puts the framework table in a landscape section of the DOCX, 12 pt, with a repeating header row', async () => {
    const r = await svc.render(ID, data, 'docx');
    const doc = docxParts(r.bytes).get('word/document.xml')!;
    const title = doc.indexOf('KHUNG LOGIC KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024');
    expect(title).toBeGreaterThan(0);
    // The section break closing the body is portrait; the last section (the appendix) is landscape.
    const sects = [...doc.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)];
    expect(sects.length).toBe(2);
    expect(sects[0]!.index).toBeLessThan(title);
    expect(sects[0]![0]).not.toContain('w:orient="landscape"');
    expect(sects[1]!.index).toBeGreaterThan(title);
    expect(sects[1]![0]).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    const table = doc.slice(title).match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0];
    expect(table.match(/<w:gridCol /g)?.length).toBe(8);
    expect(table).toContain('<w:tblHeader/>');
    expect(table).not.toContain('<w:sz w:val="26"/>');
    const text = docxText(table);
    expect(text).toContain('Phương tiện xác minh (tài liệu kiểm chứng)');
    expect(text).toContain('Bằng chữ: Chín trăm năm mươi ba triệu đồng');
    // Area rows bold throughout; result rows bold and italic in their number and content.
    const rowOf = (s: string) => (table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).find((tr) => docxText(tr).includes(s))!;
    const area = rowOf('Lĩnh vực 3: Cải cách thủ tục hành chính');
    expect(area.match(/<w:tc>/g)!.length).toBe(8);
    expect((area.match(/<w:r><w:rPr><w:b\/>/g) ?? []).length).toBe((area.match(/<w:r>/g) ?? []).length);
    const result = rowOf('Kết quả 3.2: Hồ sơ thủ tục hành chính');
    expect(result).toMatch(/<w:b\/><w:bCs\/><w:i\/><w:iCs\/>[^]*Kết quả 3\.2/);
    expect(rowOf('Hướng dẫn người dân nộp hồ sơ trực tuyến')).not.toContain('<w:i/>');
  });
});

describe('budgets', () => {
  const base = fixture('ubnd-xa-tan-hai-2025.json');

  it('the example fixture has no warning', () => {
    expect(svc.type(ID).exampleFixture).toBe('ubnd-xa-tan-hai-2025.json');
    expect(svc.validate(ID, base).warnings).toEqual([]);
  });

  it('adds amounts beyond 2^53 exactly when they come as digit strings', () => {
    const d = clone(base);
    d.areas[0].results[0].activities[0].budget = '9007199254740993';
    d.areas[0].results[0].activities[1].budget = 7;
    delete d.statedTotalBudget;
    const v = viewOf(d);
    const rows = rowsText(framework(v));
    expect(rows.find((r) => r[0] === '1.1')?.[4]).toBe('9.007.199.254.741.000');
    expect(rows.find((r) => r[0] === '1')?.[4]).toBe('9.007.199.254.741.000');
    expect(rows.find((r) => r[0] === 'Tổng cộng')?.[1]).toBe('9.007.199.287.741.000');
    expect(rows.at(-1)?.[0]).toBe(
      'Bằng chữ: Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm tám mươi bảy triệu bảy trăm bốn mươi mốt nghìn đồng',
    );
  });

  it('warns for a stated area budget and a stated total that disagree, each at its field', () => {
    const d = clone(base);
    d.areas[2].statedBudget = 10_000_000;
    d.statedTotalBudget = '40000000';
    expect(svc.validate(ID, d).warnings).toEqual([
      { path: '$.areas[2].statedBudget', message: 'Ngân sách ghi 10.000.000 đồng nhưng tổng các kết quả là 12.000.000 đồng (Lĩnh vực 3); văn bản in số ghi' },
      {
        path: '$.statedTotalBudget',
        message: 'Ngân sách ghi 40.000.000 đồng nhưng tổng các lĩnh vực là 37.000.000 đồng (tổng ngân sách kế hoạch); văn bản in số ghi',
      },
    ]);
  });

  it('prints stated budgets as given, in both formats: the area rows, the total and its words, the summary and the funding sentence', async () => {
    const d = clone(base);
    d.areas[2].statedBudget = 10_000_000;
    d.statedTotalBudget = '40000000';
    const [docx, pdf] = await Promise.all([svc.render(ID, d, 'docx'), svc.render(ID, d, 'pdf')]);
    const texts = { docx: docxText(docxParts(docx.bytes).get('word/document.xml')!), pdf: (await pdfPagesText(pdf.bytes)).join(' ') };
    for (const [fmt, raw] of Object.entries(texts)) {
      const t = raw.normalize('NFC').replace(/\s+/g, ' ');
      expect(t, fmt).toContain('Tổng kinh phí thực hiện Kế hoạch là 40.000.000 đồng (Bằng chữ: Bốn mươi triệu đồng).');
      expect(t, fmt).toMatch(/Tổng cộng \d+ \d+ 40\.000\.000/); // the summary table's total
      expect(t, fmt).toContain('Tổng cộng 40.000.000 Bằng chữ: Bốn mươi triệu đồng');
      expect(t, fmt).toMatch(/3 Lĩnh vực 3: [^]*? 10\.000\.000/);
      expect(t, fmt).not.toContain('37.000.000');
      expect(t, fmt).not.toContain('Ba mươi bảy triệu');
    }
    expect(pdf.warnings.map((w) => w.path)).toEqual(['$.areas[2].statedBudget', '$.statedTotalBudget']);
    await expect(svc.render(ID, d, 'pdf', { strict: true })).rejects.toMatchObject({ status: 422, code: 'warnings_in_strict_mode' });
  });

  it('rejects an activity without a budget, with both budget forms, and amounts that are not whole đồng', () => {
    const d = clone(base);
    const acts = d.areas[1].results[0].activities;
    delete acts[0].budget;
    acts[1].budgetItems = [
      { purpose: 'tài liệu', amount: 1_000_000 },
      { purpose: 'báo cáo viên', amount: 3_000_000 },
    ];
    d.areas[0].results[0].activities[0].budget = 1_500_000.5;
    d.areas[0].results[0].activities[1].budget = -1;
    d.areas[2].results[0].activities[0].budget = '2.000.000';
    d.areas[2].results[0].activities[1].budget = 2 ** 53;
    const problems = svc.validate(ID, d).problems;
    const at = (p: string) => problems.filter((x) => x.path === p).map((x) => x.message);
    expect(at('$.areas[1].results[0].activities[0].budget')).toEqual([
      'Hoạt động cần ngân sách: ghi budget (0 khi không cần kinh phí riêng) hoặc budgetItems',
    ]);
    expect(at('$.areas[1].results[0].activities[1].budgetItems')).toEqual(['Chỉ ghi một trong budget và budgetItems']);
    expect(at('$.areas[0].results[0].activities[0].budget')).toEqual(['Số tiền phải là số nguyên (đồng), không có phần thập phân']);
    expect(at('$.areas[0].results[0].activities[1].budget')).toEqual(['Số tiền không được âm']);
    expect(at('$.areas[2].results[0].activities[0].budget')[0]).toMatch(/^Số tiền dạng chuỗi chỉ gồm chữ số/);
    expect(at('$.areas[2].results[0].activities[1].budget')[0]).toMatch(/ghi dạng chuỗi chữ số/);
  });
});

describe('areas', () => {
  const base = fixture('ubnd-xa-tan-hai-2025.json');

  it('rejects an area code the programme does not have, naming the valid ones', () => {
    const d = clone(base);
    d.areas[3].code = 'hien-dai-hoa'; // an area of 2011-2020, not of 2021-2030
    expect(svc.validate(ID, d).problems).toEqual([
      {
        path: '$.areas[3].code',
        code: 'custom',
        message:
          'Lĩnh vực "hien-dai-hoa" không có trong Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030: dùng một trong chi-dao-dieu-hanh, the-che, thu-tuc-hanh-chinh, to-chuc-bo-may, che-do-cong-vu, tai-chinh-cong, chinh-quyen-so',
      },
    ]);
  });

  it('reports a wrong area code along with the other problems of the body', () => {
    const d = clone(base);
    d.areas[0].code = 'cai-cach-the-che';
    d.year = '2025';
    expect(svc.validate(ID, d).problems.map((p) => p.path)).toEqual(['$.year', '$.areas[0].code']);
  });

  it('rejects an area given twice', () => {
    const d = clone(base);
    d.areas[4].code = 'the-che';
    expect(svc.validate(ID, d).problems).toEqual([
      { path: '$.areas[4].code', code: 'custom', message: 'Lĩnh vực "the-che" đã khai báo ở areas[1]: gộp các kết quả vào một lĩnh vực' },
    ]);
  });

  it('accepts a custom programme and numbers its areas in its order, whatever the order of the data', () => {
    const d = clone(base);
    d.programme = {
      title: 'Kế hoạch cải cách hành chính giai đoạn 2021 - 2025 của huyện Ninh Hải',
      areas: [
        { code: 'so-hoa', name: 'Chuyển đổi số' },
        { code: 'phuc-vu', name: 'Nâng cao chất lượng phục vụ' },
      ],
    };
    d.areas = [
      { ...base.areas[2], code: 'phuc-vu', statedBudget: undefined },
      { ...base.areas[6], code: 'so-hoa' },
    ];
    delete d.statedTotalBudget;
    const rows = rowsText(framework(viewOf(d)));
    expect(rows.filter((r) => /^\d+$/.test(r[0] ?? '')).map((r) => r[1])).toEqual(['Lĩnh vực 1: Chuyển đổi số', 'Lĩnh vực 2: Nâng cao chất lượng phục vụ']);
    expect(rows.map((r) => r[0]).slice(0, 4)).toEqual(['1', '1.1', '1.1.1', '1.1.2']);
  });

  it('rejects a result without activities and an activity without indicators', () => {
    const d = clone(base);
    d.areas[0].results[0].activities = [];
    d.areas[1].results[0].activities[0].indicators = [];
    const problems = svc.validate(ID, d).problems;
    expect(problems).toContainEqual({ path: '$.areas[0].results[0].activities', code: 'too_small', message: 'Kết quả cần ít nhất 1 hoạt động' });
    expect(problems).toContainEqual({
      path: '$.areas[1].results[0].activities[0].indicators',
      code: 'too_small',
      message: 'Hoạt động cần ít nhất 1 chỉ số thành công',
    });
  });
});

describe('document', () => {
  let text = '';
  beforeAll(async () => {
    const r = await svc.render(ID, fixture(REFERENCE), 'docx');
    text = docxText(docxParts(r.bytes).get('word/document.xml')!);
  });

  it('has the plan outline: KẾ HOẠCH, trích yếu, objectives, framework, budget, implementation, "./."', () => {
    const lines = text.split('\n');
    const order = [
      'KẾ HOẠCH',
      'Cải cách hành chính năm 2013 về nâng cao năng lực',
      'I. MỤC TIÊU',
      '1. Mục tiêu chung',
      '2. Mục tiêu cụ thể',
      '- Hơn 70% cán bộ, công chức của Sở hoàn thành tốt nhiệm vụ được giao;',
      'II. KHUNG LOGIC KẾ HOẠCH',
      'III. KINH PHÍ THỰC HIỆN',
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Phòng Tổ chức cán bộ',
      'Nơi nhận:',
      'Phụ lục',
      'KHUNG LOGIC KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2013 VỀ NÂNG CAO NĂNG LỰC ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC',
      '(Kèm theo Kế hoạch số 2156/KH-SNNPTNT ngày 24 tháng 12 năm 2012 của Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Thuận)',
    ];
    let at = -1;
    for (const o of order) {
      const i = lines.findIndex((l, k) => k > at && l.startsWith(o));
      expect(i, o).toBeGreaterThan(at);
      at = i;
    }
    expect(text).toContain('Giám đốc Sở xem xét, giải quyết./.');
    expect(text).toContain('Số: 2156/KH-SNNPTNT');
  });
});
