/**
 * Kế hoạch kiểm tra công tác cải cách hành chính: computed group numerals and unit numbers, the group-wide time
 * in one merged cell (DOCX vMerge, PDF printed once), the outline's footnotes numbered through the whole
 * document, the draft's blank number and day, warnings and rejected data with their JSON paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban, VanbanError } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { BLANK } from '../../src/nd30/dates.js';
import type { KeHoachKiemTraView } from '../../src/documents/ke-hoach-kiem-tra-cchc/view.js';
import type { BlockView } from '../../src/documents/common/view.js';
import { viewOf as viewOfType } from '../support/render.js';
import { docxParts, docxText, pdfPagesText } from '../support/docs.js';

const ID = 'ke-hoach-kiem-tra-cchc';
const REF = 'so-noi-vu-thanh-hoa-2023-du-thao.json';
const BIG = 'ubnd-nong-cong-2024.json';
const svc = new Vanban({ chromiumPath: '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 30_000 });

type Body = Record<string, any>;
const load = (name: string): Body => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, name), 'utf8')) as Body;
const clone = (b: Body): Body => structuredClone(b);

const viewOf = (body: Body) => viewOfType<KeHoachKiemTraView>(svc, ID, body);
const problemsOf = (body: Body) => svc.validate(ID, body).problems;
const warningsOf = (body: Body) => svc.validate(ID, body).warnings;

type Rendered = { doc: string; footnotes: string; text: string; pages: string[]; filename: string };
async function render(body: Body): Promise<Rendered> {
  const [docx, pdf] = await Promise.all([svc.render(ID, body, 'docx'), svc.render(ID, body, 'pdf')]);
  const parts = docxParts(docx.bytes);
  const doc = parts.get('word/document.xml')!;
  return { doc, footnotes: parts.get('word/footnotes.xml') ?? '', text: docxText(doc), pages: await pdfPagesText(pdf.bytes), filename: docx.filenameAscii };
}

/** The Phụ lục I table of the DOCX: its rows, each a list of cells { xml, text }. */
function unitRows(doc: string): { xml: string; text: string }[][] {
  const table = (doc.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).find((t) => t.includes('Thời gian dự kiến'));
  if (!table) throw new Error('no Phụ lục I table');
  return (table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []).map((r) =>
    (r.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((xml) => ({ xml, text: docxText(xml) })),
  );
}
/** The table block of Phụ lục I in the view. */
const unitsTableOf = (v: KeHoachKiemTraView) => v.appendices[0]!.blocks[0] as Extract<BlockView, { kind: 'table' }>;
const groupRows = (v: KeHoachKiemTraView) =>
  unitsTableOf(v)
    .rows.filter((r) => r.cells[1]?.colSpan === 3)
    .map((r) => r.cells.map((c) => c.text));
/** Text with every run of whitespace (tabs and no-break spaces included) made one space. */
const flat = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ');
const count = (hay: string, needle: string) => hay.split(needle).length - 1;
/** The PDF page that begins with the given text (an appendix's first page begins with its heading). */
const pageStarting = (pages: string[], s: string) => {
  const p = pages.find((x) => flat(x).startsWith(s));
  if (p === undefined) throw new Error(`no PDF page begins with "${s}"`);
  return flat(p);
};

let ref: Rendered;
let big: Rendered;
let reordered: Rendered;
const reorderedBody = (() => {
  // The real example numbers its groups I, II, II; here the groups are also given in another order and each
  // states a numeral: the service prints I, II, III in the order given.
  const b = clone(load(REF));
  const [so, tw, huyen] = b.units.groups as Body[];
  b.units.groups = [
    { ...huyen, statedNumeral: 'II' },
    { ...so, statedNumeral: 'I' },
    { ...tw, statedNumeral: 'II' },
  ];
  return b;
})();

beforeAll(async () => {
  [ref, big, reordered] = await Promise.all([render(load(REF)), render(load(BIG)), render(reorderedBody)]);
}, 120_000);
afterAll(() => svc.close());

describe('group numerals and unit numbers', () => {
  it('groups are numbered I, II, III in order, whatever numeral the input states', () => {
    expect(groupRows(viewOf(load(REF)))).toEqual([
      ['I', 'Các Sở, ngành cấp tỉnh'],
      ['II', 'Các cơ quan Trung ương đóng trên địa bàn tỉnh'],
      ['III', 'UBND cấp huyện'],
    ]);
    expect(groupRows(viewOf(reorderedBody))).toEqual([
      ['I', 'UBND cấp huyện'],
      ['II', 'Các Sở, ngành cấp tỉnh'],
      ['III', 'Các cơ quan Trung ương đóng trên địa bàn tỉnh'],
    ]);
    const rows = unitRows(reordered.doc).filter((r) => r.length === 2);
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([
      ['I', 'UBND cấp huyện'],
      ['II', 'Các Sở, ngành cấp tỉnh'],
      ['III', 'Các cơ quan Trung ương đóng trên địa bàn tỉnh'],
    ]);
    for (const r of rows) {
      expect(r[0]!.xml).toContain('<w:b/>');
      expect(r[1]!.xml).toContain('<w:gridSpan w:val="3"/>');
      expect(r[1]!.xml).toContain('<w:b/>');
    }
    const page = pageStarting(reordered.pages, 'Phụ lục I ');
    expect(page).toContain('I UBND cấp huyện 1 Thành phố Thanh Hóa');
    expect(page).toContain('II Các Sở, ngành cấp tỉnh 1 Sở Giáo dục và Đào tạo');
    expect(page).toContain('III Các cơ quan Trung ương đóng trên địa bàn tỉnh 1 Bảo hiểm xã hội tỉnh');
    expect(page).not.toMatch(/\bII UBND cấp huyện/);
  });

  it('a stated numeral that disagrees is a warning with its path (and strict mode refuses it)', async () => {
    expect(warningsOf(reorderedBody)).toEqual([
      {
        path: '$.units.groups[0].statedNumeral',
        message: 'Nhóm thứ 1 ("UBND cấp huyện") ghi số "II" nhưng số thứ tự đúng là "I"; văn bản in "I"',
      },
      {
        path: '$.units.groups[1].statedNumeral',
        message: 'Nhóm thứ 2 ("Các Sở, ngành cấp tỉnh") ghi số "I" nhưng số thứ tự đúng là "II"; văn bản in "II"',
      },
      {
        path: '$.units.groups[2].statedNumeral',
        message: 'Nhóm thứ 3 ("Các cơ quan Trung ương đóng trên địa bàn tỉnh") ghi số "II" nhưng số thứ tự đúng là "III"; văn bản in "III"',
      },
    ]);
    const asWritten = clone(load(REF));
    asWritten.units.groups[0].statedNumeral = 'I';
    asWritten.units.groups[1].statedNumeral = 'II';
    asWritten.units.groups[2].statedNumeral = 'II';
    expect(warningsOf(asWritten)).toEqual([
      { path: '$.units.groups[2].statedNumeral', message: 'Nhóm thứ 3 ("UBND cấp huyện") ghi số "II" nhưng số thứ tự đúng là "III"; văn bản in "III"' },
    ]);
    await expect(svc.render(ID, asWritten, 'docx', { strict: true })).rejects.toMatchObject({
      status: 422,
      code: 'warnings_in_strict_mode',
      details: [{ path: '$.units.groups[2].statedNumeral', code: 'warning' }],
    });
  });

  it('units are numbered 1, 2, 3 within each group by default, continuously on request', () => {
    const tt = (v: KeHoachKiemTraView) => unitsTableOf(v).rows.map((r) => r.cells[0]!.text);
    expect(tt(viewOf(load(REF)))).toEqual(['I', '1', '2', '3', '4', '5', '6', 'II', '1', '2', 'III', ...Array.from({ length: 10 }, (_, i) => String(i + 1))]);
    expect(tt(viewOf(load(BIG)))).toEqual([
      'I', '1', '2', '3', '4', '5', '6', '7',
      'II', '8', '9', '10', '11',
      'III', ...Array.from({ length: 13 }, (_, i) => String(i + 12)),
    ]);
    const perGroup = clone(load(BIG));
    perGroup.units.numbering = 'per-group';
    expect(tt(viewOf(perGroup)).slice(8, 14)).toEqual(['II', '1', '2', '3', '4', 'III']);
    expect(unitRows(big.doc).map((r) => r[0]!.text)).toEqual(['TT', ...tt(viewOf(load(BIG)))]);
  });
});

describe('time and note of a whole group: one merged cell', () => {
  it('DOCX: the time cell restarts a vertical merge on the group\'s first unit row and continues on the others', () => {
    const rows = unitRows(ref.doc);
    // header, I, 6 units, II, 2 units, III, 10 units
    expect(rows.map((r) => r.length)).toEqual([4, 2, 4, 4, 4, 4, 4, 4, 2, 4, 4, 2, ...Array(10).fill(4)]);
    const time = (i: number) => rows[i]![2]!;
    expect(time(2).xml).toContain('<w:vMerge w:val="restart"/>');
    expect(time(2).text).toBe('Quý II, quý III năm 2023');
    for (const i of [3, 4, 5, 6, 7]) {
      expect(time(i).xml).toMatch(/<w:vMerge\/>/);
      expect(time(i).text).toBe('');
    }
    expect(time(9).xml).toContain('<w:vMerge w:val="restart"/>');
    expect(time(9).text).toBe('Trong năm 2023');
    expect(time(10).xml).toMatch(/<w:vMerge\/>/);
    expect(time(12).xml).toContain('<w:vMerge w:val="restart"/>');
    for (let i = 13; i < 22; i++) expect(time(i).xml).toMatch(/<w:vMerge\/>/);
    // the merge stops at the group: the next group row has no merged cell
    expect(rows[8]!.map((c) => c.xml).join('')).not.toContain('vMerge');
    expect(count(ref.doc, '<w:vMerge w:val="restart"/>')).toBe(3);
    expect(count(ref.doc, '<w:vMerge/>')).toBe(5 + 1 + 9);
    expect(count(ref.text, 'Trong năm 2023')).toBe(2);
  });

  it('PDF: each group time is printed once, in a cell spanning the group\'s rows', () => {
    const page = pageStarting(ref.pages, 'Phụ lục I ');
    expect(count(page, 'Quý II, quý III năm 2023')).toBe(1);
    expect(count(page, 'Trong năm 2023')).toBe(2);
    const cells = unitsTableOf(viewOf(load(REF))).rows.flatMap((r) => r.cells).filter((c) => c.rowSpan > 1);
    expect(cells.map((c) => [c.text, c.rowSpan])).toEqual([
      ['Quý II, quý III năm 2023', 6],
      ['Trong năm 2023', 2],
      ['Trong năm 2023', 10],
    ]);
  });

  it('a group with a time and a note merges both; units of a group without a time keep their own', () => {
    const rows = unitRows(big.doc);
    const g2 = rows.findIndex((r) => r[1]?.text.startsWith('Đơn vị sự nghiệp công lập'));
    expect(rows[g2 + 1]!.map((c) => c.text)).toEqual(['8', 'Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch', 'Quý III năm 2024', 'Kiểm tra qua hồ sơ, báo cáo']);
    expect(count(rows[g2 + 1]!.map((c) => c.xml).join(''), '<w:vMerge w:val="restart"/>')).toBe(2);
    for (const i of [2, 3, 4]) expect(count(rows[g2 + i]!.map((c) => c.xml).join(''), '<w:vMerge/>')).toBe(2);
    expect(count(big.doc, '<w:vMerge w:val="restart"/>')).toBe(2);
    expect(count(big.doc, '<w:vMerge/>')).toBe(6);
    // group I and III: every unit its own time (and note where it has one)
    expect(rows.slice(2, 5).map((r) => r.map((c) => c.text))).toEqual([
      ['1', 'Phòng Tư pháp', 'Tháng 5/2024', ''],
      ['2', 'Phòng Tài chính - Kế hoạch', 'Tháng 5/2024', ''],
      ['3', 'Phòng Tài nguyên và Môi trường', 'Tháng 5/2024', 'Có hồ sơ quá hạn'],
    ]);
    expect(rows.at(-1)!.map((c) => c.text)).toEqual(['24', 'UBND xã Trường Giang', 'Tháng 10/2024', '']);
    const page = pageStarting(big.pages, 'Phụ lục I ');
    expect(count(page, 'Tháng 6/2024')).toBe(4);
    expect(count(page, 'Tháng 7/2024')).toBe(4);
    expect(count(page, 'Quý III năm 2024')).toBe(1);
    expect(count(page, 'Kiểm tra qua hồ sơ, báo cáo')).toBe(1);
    expect(page).toContain('15 UBND xã Hoàng Sơn Tháng 7/2024 Chỉ số CCHC thấp');
  });
});

describe('Phụ lục II: footnotes numbered through the whole document', () => {
  it('the outline\'s footnotes are real Word footnotes, referenced where they stand', () => {
    expect(ref.footnotes).toMatch(/<w:footnote w:id="1">[\s\S]*Số liệu báo cáo \(từ 01\/01\/2021 đến thời điểm báo cáo\)\.<\/w:t>/);
    expect(ref.footnotes).toMatch(/<w:footnote w:id="2">[\s\S]*Đối với các đơn vị cấp huyện thực hiện báo cáo kết quả của UBND cấp xã thuộc quyền quản lý\.<\/w:t>/);
    expect(ref.footnotes).not.toContain('w:id="3"');
    const paras = ref.doc.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
    const withRef = (n: number) => paras.filter((p) => p.includes(`<w:footnoteReference w:id="${n}"/>`)).map((p) => docxText(p));
    expect(withRef(1)).toEqual(['Tình hình, kết quả công tác cải cách hành chính']);
    expect(withRef(2)).toHaveLength(1);
    expect(withRef(2)[0]).toMatch(/^- Việc thực hiện cơ chế một cửa, một cửa liên thông: .*\(nêu rõ mức hỗ trợ bằng tiền, vật chất\.\.\.\);$/);
    // the subtitle sits between the title and the "(Kèm theo ...)" line
    const lines = ref.text.split('\n');
    const at = lines.indexOf('ĐỀ CƯƠNG BÁO CÁO');
    expect(lines.slice(at - 1, at + 3)).toEqual([
      'Phụ lục II',
      'ĐỀ CƯƠNG BÁO CÁO',
      'Tình hình, kết quả công tác cải cách hành chính',
      `(Kèm theo Kế hoạch số ${BLANK}/KH-SNV ngày ${BLANK} tháng ${BLANK} năm 2023 của Sở Nội vụ tỉnh Thanh Hóa)`,
    ]);
  });

  it('the PDF marks them and prints each at the foot of the page of its mark', () => {
    const first = pageStarting(ref.pages, 'Phụ lục II ');
    expect(first).toContain('ĐỀ CƯƠNG BÁO CÁO Tình hình, kết quả công tác cải cách hành chính¹ (Kèm theo Kế hoạch số');
    expect(first).toMatch(/ ¹ Số liệu báo cáo \(từ 01\/01\/2021 đến thời điểm báo cáo\)\.$/);
    const second = flat(ref.pages.find((p) => flat(p).includes('(nêu rõ mức hỗ trợ bằng tiền, vật chất...);²'))!);
    expect(second).toMatch(/ ² Đối với các đơn vị cấp huyện thực hiện báo cáo kết quả của UBND cấp xã thuộc quyền quản lý\.$/);
    const all = flat(ref.pages.join('\n'));
    expect(count(all, '¹ Số liệu báo cáo')).toBe(1);
    expect(flat(ref.pages.at(-1)!)).toMatch(/V\. KIẾN NGHỊ, ĐỀ XUẤT \(NẾU CÓ\)$/);
  });

  it('one counter for the document: a footnote of the body is 1, the outline\'s follow on 2, 3, 4', () => {
    for (const n of [1, 2, 3, 4]) expect(big.footnotes).toContain(`<w:footnote w:id="${n}">`);
    const appendixAt = big.doc.indexOf('Phụ lục II');
    expect(big.doc.indexOf('<w:footnoteReference w:id="1"/>')).toBeLessThan(big.doc.indexOf('Phụ lục I<'));
    for (const n of [2, 3, 4]) expect(big.doc.indexOf(`<w:footnoteReference w:id="${n}"/>`)).toBeGreaterThan(appendixAt);
    const v = viewOf(load(BIG));
    expect(v.main.footnotes.map((f) => [f.n, f.mark])).toEqual([[1, '¹']]);
    expect(v.appendices[1]!.footnotes.map((f) => [f.n, f.mark, f.text.slice(0, 20)])).toEqual([
      [2, '²', 'Số liệu báo cáo tính'],
      [3, '³', 'UBND thị trấn và các'],
      [4, '⁴', 'Tỷ lệ do Đoàn kiểm t'],
    ]);
    // the PDF prints each note at the foot of its mark's page: the body's on page 1, the outline's on its pages
    const first = flat(big.pages[0]!);
    expect(first).toContain('huyện;¹ Ủy ban nhân dân huyện ban hành');
    expect(first).toMatch(/ ¹ Kế hoạch số 2718\/KH-UBND ngày 25\/12\/2023 của UBND huyện Nông Cống về cải cách hành chính năm 2024\.$/);
    const outline = pageStarting(big.pages, 'Phụ lục II ');
    expect(outline).toContain('Kết quả thực hiện công tác cải cách hành chính năm 2024²');
    expect(outline).toMatch(/ ² Số liệu báo cáo tính từ ngày 15\/12\/2023 đến thời điểm kiểm tra\. ³ UBND thị trấn .*\.$/);
    const last = flat(big.pages.at(-1)!);
    expect(last).toContain('thanh toán trực tuyến.⁴');
    expect(last).toMatch(/ ⁴ Tỷ lệ do Đoàn kiểm tra tính từ số liệu đơn vị báo cáo; đơn vị chỉ báo cáo số liệu\.$/);
  });
});

describe('a draft: number and day left blank', () => {
  it('Số and the date line carry the no-break-space blanks, and so do the appendices\' reference lines', () => {
    const v = viewOf(load(REF));
    expect(v.main.header.soLine).toBe(`Số: ${BLANK}/KH-SNV`);
    expect(v.main.header.placeDate).toBe(`Thanh Hóa, ngày ${BLANK} tháng ${BLANK} năm 2023`);
    const reference = `(Kèm theo Kế hoạch số ${BLANK}/KH-SNV ngày ${BLANK} tháng ${BLANK} năm 2023 của Sở Nội vụ tỉnh Thanh Hóa)`;
    expect(v.appendices.map((a) => [a.heading, a.title, a.reference])).toEqual([
      ['Phụ lục I', 'DANH SÁCH CƠ QUAN, ĐƠN VỊ DỰ KIẾN THỰC HIỆN KIỂM TRA', reference],
      ['Phụ lục II', 'ĐỀ CƯƠNG BÁO CÁO', reference],
    ]);
    const lines = ref.text.split('\n');
    expect(lines).toContain(`Số: ${BLANK}/KH-SNV`);
    expect(lines).toContain(`Thanh Hóa, ngày ${BLANK} tháng ${BLANK} năm 2023`);
    expect(lines.filter((l) => l === reference)).toHaveLength(2);
    expect(ref.filename).toBe('KH-SNV-du-thao.docx');
    const p1 = flat(ref.pages[0]!);
    expect(p1).toContain('Số: /KH-SNV Thanh Hóa, ngày tháng năm 2023 KẾ HOẠCH Kiểm tra công tác cải cách hành chính năm 2023');
    expect(count(flat(ref.pages.join('\n')), '(Kèm theo Kế hoạch số /KH-SNV ngày tháng năm 2023 của Sở Nội vụ tỉnh Thanh Hóa)')).toBe(2);
  });

  it('a month without a day: "ngày      tháng 3 năm 2023"', async () => {
    const b = load(REF);
    b.date = '2023-03';
    const v = viewOf(b);
    expect(v.main.header.placeDate).toBe(`Thanh Hóa, ngày ${BLANK} tháng 3 năm 2023`);
    expect(v.appendices[0]!.reference).toBe(`(Kèm theo Kế hoạch số ${BLANK}/KH-SNV ngày ${BLANK} tháng 3 năm 2023 của Sở Nội vụ tỉnh Thanh Hóa)`);
    const docx = await svc.render(ID, b, 'docx');
    const text = docxText(docxParts(docx.bytes).get('word/document.xml')!).split('\n');
    expect(text).toContain(`Thanh Hóa, ngày ${BLANK} tháng 3 năm 2023`);
  });

  it('a numbered, dated plan prints its number and date', () => {
    const v = viewOf(load(BIG));
    expect(v.main.header.soLine).toBe('Số: 85/KH-UBND');
    expect(v.main.header.placeDate).toBe('Nông Cống, ngày 12 tháng 3 năm 2024');
    expect(v.appendices[0]!.reference).toBe('(Kèm theo Kế hoạch số 85/KH-UBND ngày 12 tháng 3 năm 2024 của Ủy ban nhân dân huyện Nông Cống)');
    expect(big.filename).toBe('KH-85-UBND.docx');
  });
});

describe('the body', () => {
  it('fixed parts numbered I to IV, pointers to the appendices computed, "./." after the last sentence', () => {
    const v = viewOf(load(REF));
    const heads = v.main.blocks.filter((b) => b.kind === 'heading').map((b) => `${b.label} ${b.text}`);
    expect(heads).toEqual([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '2. Yêu cầu',
      'II. ĐỐI TƯỢNG VÀ HÌNH THỨC KIỂM TRA',
      '1. Đối tượng',
      '2. Hình thức kiểm tra',
      'III. NỘI DUNG KIỂM TRA',
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Sở Nội vụ',
      '2. Các đơn vị được kiểm tra',
    ]);
    const lines = ref.text.split('\n');
    expect(lines).toContain('(Danh sách các cơ quan, đơn vị dự kiến được kiểm tra tại Phụ lục I kèm theo)');
    expect(lines).toContain('3. Thời gian kiểm tra: Theo quyết định thành lập Đoàn kiểm tra.');
    expect(lines).toContain('1. Công tác chỉ đạo, điều hành, triển khai các nội dung cải cách hành chính theo Chương trình tổng thể CCHC nhà nước giai đoạn 2021 - 2030.');
    expect(lines).toContain('4. Các nội dung khác theo chỉ đạo của UBND tỉnh, Chủ tịch UBND tỉnh về cải cách hành chính.');
    expect(lines).toContain('(Cụ thể nội dung kiểm tra theo Đề cương báo cáo tại Phụ lục II kèm theo)');
    expect(lines).toContain('- Kịp thời khắc phục những tồn tại, hạn chế; xử lý hoặc kiến nghị cấp có thẩm quyền xử lý những vấn đề phát hiện qua kiểm tra (nếu có) báo cáo Sở Nội vụ theo yêu cầu của đoàn kiểm tra./.');
    expect(count(ref.text, './.')).toBe(1);
  });

  it('contents per reform area take the programme\'s area names; defaults for the summary, targets and titles', () => {
    const v = viewOf(load(BIG));
    const blocks = v.main.blocks;
    const iii = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'NỘI DUNG KIỂM TRA');
    const iv = blocks.findIndex((b) => b.kind === 'heading' && b.text === 'TỔ CHỨC THỰC HIỆN');
    expect(blocks.slice(iii, iv).filter((b) => b.kind === 'heading').map((b) => `${b.label} ${b.text}`)).toEqual([
      'III. NỘI DUNG KIỂM TRA',
      '1. Công tác chỉ đạo, điều hành',
      '2. Cải cách thể chế',
      '3. Cải cách thủ tục hành chính',
      '4. Cải cách tổ chức bộ máy',
      '5. Cải cách chế độ công vụ',
      '6. Cải cách tài chính công',
      '7. Xây dựng và phát triển chính quyền điện tử, chính quyền số',
      '8. Việc khắc phục tồn tại, hạn chế sau kiểm tra năm 2023',
    ]);
    expect(v.main.title).toEqual({ typeName: 'KẾ HOẠCH', summaryLines: ['Kiểm tra công tác cải cách hành chính năm 2024'] });
    const targets = blocks[blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Đối tượng') + 1];
    expect(targets).toEqual({
      kind: 'list',
      items: [
        { marker: '-', text: 'Cơ quan chuyên môn thuộc UBND huyện;', level: 0 },
        { marker: '-', text: 'Đơn vị sự nghiệp công lập, cơ quan ngành dọc đóng trên địa bàn huyện;', level: 0 },
        { marker: '-', text: 'UBND các xã, thị trấn.', level: 0 },
      ],
    });
    expect(v.appendices.map((a) => a.title)).toEqual(['DANH SÁCH CƠ QUAN, ĐƠN VỊ ĐƯỢC KIỂM TRA NĂM 2024', 'ĐỀ CƯƠNG BÁO CÁO']);
    expect(big.text.split('\n')).toContain(
      '3. Thời gian kiểm tra: Từ tháng 5 đến tháng 10 năm 2024; thời gian kiểm tra dự kiến đối với từng cơ quan, đơn vị, địa phương tại Phụ lục I, Đoàn kiểm tra thông báo lịch cụ thể trước ít nhất 05 ngày làm việc.',
    );
    expect(big.text).toMatch(/để xem xét, giải quyết\.\/\.\n/);
    // a custom programme: the 2011-2020 areas
    const old = clone(load(BIG));
    old.programme = '2011-2020';
    old.contents = [{ area: 'hien-dai-hoa' }, { area: 'doi-ngu' }];
    const plain = viewOf(old).main.blocks.filter((b) => b.kind === 'paragraph' && /^\d\. /.test(b.text)).map((b) => (b as { text: string }).text);
    expect(plain).toEqual(['1. Hiện đại hóa hành chính.', '2. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức.']);
  });

  it('without a report outline: one appendix headed "Phụ lục", pointed to as such, no outline line', () => {
    const b = load(REF);
    delete b.reportOutline;
    const v = viewOf(b);
    expect(v.appendices.map((a) => a.heading)).toEqual(['Phụ lục']);
    const texts = v.main.blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));
    expect(texts).toContain('(Danh sách các cơ quan, đơn vị dự kiến được kiểm tra tại Phụ lục kèm theo)');
    expect(texts.some((t) => t.startsWith('(Cụ thể nội dung'))).toBe(false);
  });
});

describe('warnings', () => {
  it('a unit listed twice, and a plan dated after its year', () => {
    const b = load(REF);
    b.units.groups[1].units.push({ name: 'Sở Tư pháp' });
    b.date = '2024-01-15';
    expect(warningsOf(b)).toEqual([
      { path: '$.units.groups[1].units[2].name', message: '"Sở Tư pháp" đã có trong danh sách, ở nhóm I' },
      { path: '$.date', message: 'Kế hoạch kiểm tra năm 2023 lại ban hành năm 2024: kiểm tra lại năm kiểm tra (year) hoặc ngày ban hành' },
    ]);
    expect(warningsOf(load(REF))).toEqual([]);
    expect(warningsOf(load(BIG))).toEqual([]);
  });
});

describe('rejected data, each error with its path', () => {
  const cases: [string, (b: Body) => void, { path: string; message: string }][] = [
    ['an empty group', (b) => void (b.units.groups[1].units = []), { path: '$.units.groups[1].units', message: 'Nhóm cần ít nhất 1 cơ quan, đơn vị' }],
    ['no group', (b) => void (b.units.groups = []), { path: '$.units.groups', message: 'Cần ít nhất 1 nhóm' }],
    [
      'a unit time inside a group that has one',
      (b) => void (b.units.groups[0].units[2].time = 'Tháng 4/2023'),
      { path: '$.units.groups[0].units[2].time', message: 'Nhóm đã có thời gian dự kiến chung (time của nhóm): bỏ thời gian của đơn vị, hoặc bỏ thời gian chung' },
    ],
    [
      'a unit note inside a group that has one',
      (b) => Object.assign(b.units.groups[2], { note: 'Kiểm tra trực tiếp' }, { units: [{ name: 'Huyện Đông Sơn', note: 'Đột xuất' }] }),
      { path: '$.units.groups[2].units[0].note', message: 'Nhóm đã có ghi chú chung (note của nhóm): bỏ ghi chú của đơn vị, hoặc bỏ ghi chú chung' },
    ],
    [
      'a numeral typed into the group',
      (b) => void (b.units.groups[0].numeral = 'I'),
      { path: '$.units.groups[0].numeral', message: 'Trường "numeral" không được chấp nhận' },
    ],
    ['a stated numeral that is not Roman', (b) => void (b.units.groups[0].statedNumeral = '1'), { path: '$.units.groups[0].statedNumeral', message: 'Số La Mã gồm các chữ I, V, X, L, C' }],
    [
      'an area the programme does not have',
      (b) => void (b.contents[0] = { area: 'hien-dai-hoa' }),
      {
        path: '$.contents[0].area',
        message: 'Chương trình không có lĩnh vực "hien-dai-hoa"; các mã: chi-dao-dieu-hanh, the-che, thu-tuc-hanh-chinh, to-chuc-bo-may, che-do-cong-vu, tai-chinh-cong, chinh-quyen-so',
      },
    ],
    ['a content with neither title nor area', (b) => void (b.contents[1] = { details: ['Kiểm tra hồ sơ'] }), { path: '$.contents[1].title', message: 'Cần tên nội dung (title) hoặc mã lĩnh vực (area)' }],
    ['a footnote on a missing subtitle', (b) => void delete b.reportOutline.subtitle, { path: '$.reportOutline.subtitleFootnote', message: 'Chú thích gắn vào dòng dưới tên: cần có subtitle' }],
    ['no purpose', (b) => void (b.purposes = []), { path: '$.purposes', message: 'Cần ít nhất 1 mục' }],
    ['a year out of range', (b) => void (b.year = 1999), { path: '$.year', message: 'Năm từ 2000 đến 2100' }],
    ['a number typed as text', (b) => void (b.number = '85'), { path: '$.number', message: 'Sai kiểu dữ liệu: cần số, nhận được chuỗi ký tự' }],
  ];
  it.each(cases)('%s', (_name, change, problem) => {
    const b = load(REF);
    change(b);
    expect(problemsOf(b)).toEqual([expect.objectContaining(problem)]);
  });

  it('render refuses an empty group with 422 and the path', async () => {
    const b = load(REF);
    b.units.groups[1].units = [];
    const err = await svc.render(ID, b, 'pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanbanError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', details: [{ path: '$.units.groups[1].units', message: 'Nhóm cần ít nhất 1 cơ quan, đơn vị' }] });
  });
});
