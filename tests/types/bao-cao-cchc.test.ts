/**
 * bao-cao-cchc: the data cut-off of each period (Nghị định 09/2019/NĐ-CP, Điều 12), overrides and the ad hoc
 * period, dossier rates computed from counts, the warning on a stated rate, inconsistent counts rejected with
 * their path, completion of the plan per area and overall, the five-part outline, and the period footnote
 * in both formats.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import type { StandardView } from '../../src/documents/common/standard.js';
import type { BlockView } from '../../src/documents/common/view.js';
import { viewOf as viewOfType } from '../support/render.js';
import { docxParts, docxText, pdfPagesText } from '../support/docs.js';

const ID = 'bao-cao-cchc';
const svc = new Vanban({ chromiumPath: '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 30_000 });
afterAll(() => svc.close());

type Data = Record<string, any>;
const fixture = (name: string): Data =>
  JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, `${name}.json`), 'utf8')) as Data;
const ANNUAL = 'bc-nam-2024-ubnd-huyen-dong-son';
const QUARTER = 'bc-quy-1-2024-so-tnmt';
const AD_HOC = 'bc-dot-xuat-2023-ubnd-huyen-quan-hoa';

/** The quarter fixture, changed by `f`. */
function data(f: (d: Data) => void = () => {}): Data {
  const d = fixture(QUARTER);
  f(d);
  return d;
}

const viewOf = (body: Data) => viewOfType<StandardView>(svc, ID, body);

const problems = (d: Data) => svc.validate(ID, d).problems.map((p) => p.path);
const warnings = (d: Data) => svc.validate(ID, d).warnings;

type Table = Extract<BlockView, { kind: 'table' }>;
const tables = (blocks: BlockView[]) => blocks.filter((b): b is Table => b.kind === 'table');
const cells = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));
const headings = (v: StandardView) =>
  v.main.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.label} ${b.text}`] : []));

/** The body's dossier table (the one whose lines are the figures). */
function dossierTable(v: StandardView): string[][] {
  const t = tables(v.main.blocks).find((x) => x.title?.startsWith('Kết quả tiếp nhận, giải quyết hồ sơ'));
  if (!t) throw new Error('no dossier table');
  return cells(t);
}
const line = (rows: string[][], label: string) => {
  const r = rows.find((x) => x[1] === label);
  if (!r) throw new Error(`no line ${label}`);
  return r.slice(2);
};

/** One row of dossiers in the TTHC area of the quarter fixture. */
function withDossiers(rows: unknown[], extra: Data = {}): Data {
  return data((d) => {
    const r = d.results.find((x: Data) => x.area === 'thu-tuc-hanh-chinh');
    r.dossiers = { rows, ...extra };
  });
}
const row = (o: Data = {}) => ({
  name: 'Cấp tỉnh',
  received: { inPerson: 10, publicPost: 3, online: 11 },
  settled: { onTime: 23, late: 1 },
  ...o,
});
const TTHC = 1; // index of the TTHC area in results[] of the quarter fixture

describe('data cut-off (Nghị định 09/2019/NĐ-CP, Điều 12)', () => {
  const cases: [string, number, string, string, string, string][] = [
    ['quy-1', 2024, '15/12/2023', '14/03/2024', 'quý I năm 2024', 'QUÝ II NĂM 2024'],
    ['6-thang', 2024, '15/12/2023', '14/06/2024', '6 tháng đầu năm 2024', '6 THÁNG CUỐI NĂM 2024'],
    ['quy-3', 2024, '15/06/2024', '14/09/2024', 'quý III năm 2024', 'QUÝ IV NĂM 2024'],
    ['nam', 2024, '15/12/2023', '14/12/2024', 'năm 2024', 'NĂM 2025'],
    ['quy-1', 2025, '15/12/2024', '14/03/2025', 'quý I năm 2025', 'QUÝ II NĂM 2025'],
    ['nam', 2000, '15/12/1999', '14/12/2000', 'năm 2000', 'NĂM 2001'],
  ];
  it.each(cases)('%s %i: from %s to %s', (kind, year, from, to, name, next) => {
    const v = viewOf(data((d) => (d.period = { kind, year })));
    const opening = v.main.blocks[0]!;
    expect(opening.kind).toBe('paragraph');
    if (opening.kind !== 'paragraph') return;
    expect(opening.footnote?.text).toBe(`Số liệu báo cáo tính từ ngày ${from} đến ngày ${to}.`);
    expect(opening.footnote?.n).toBe(1);
    expect(v.main.title && v.main.title.summaryLines).toEqual([`Kết quả thực hiện công tác cải cách hành chính ${name}`]);
    expect(opening.text).toContain(`báo cáo kết quả thực hiện công tác cải cách hành chính ${name} như sau:`);
    expect(headings(v)).toContain(`IV. PHƯƠNG HƯỚNG, NHIỆM VỤ ${next}`);
  });

  it('dates the data gives override the defaults, one or both', () => {
    const note = (period: Data) => {
      const b = viewOf(data((d) => (d.period = period))).main.blocks[0]!;
      return b.kind === 'paragraph' ? b.footnote?.text : undefined;
    };
    expect(note({ kind: 'quy-1', year: 2024, to: '2024-02-29' })).toBe('Số liệu báo cáo tính từ ngày 15/12/2023 đến ngày 29/02/2024.');
    expect(note({ kind: 'nam', year: 2024, from: '2024-01-01' })).toBe('Số liệu báo cáo tính từ ngày 01/01/2024 đến ngày 14/12/2024.');
    expect(note({ kind: '6-thang', year: 2024, from: '2024-01-01', to: '2024-06-30' })).toBe(
      'Số liệu báo cáo tính từ ngày 01/01/2024 đến ngày 30/06/2024.',
    );
  });

  it('an ad hoc report takes its own period, names it and looks ahead to "thời gian tới"', () => {
    const v = viewOf(data((d) => (d.period = { kind: 'dot-xuat', year: 2024, from: '2024-01-01', to: '2024-05-31' })));
    const b = v.main.blocks[0]!;
    expect(b.kind === 'paragraph' && b.footnote?.text).toBe('Số liệu báo cáo tính từ ngày 01/01/2024 đến ngày 31/05/2024.');
    expect(v.main.title && v.main.title.summaryLines).toEqual([
      'Kết quả thực hiện công tác cải cách hành chính từ ngày 01/01/2024 đến ngày 31/05/2024',
    ]);
    expect(headings(v)).toContain('IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI');
  });

  it('an ad hoc report without its dates is rejected, each missing date at its path', () => {
    expect(problems(data((d) => (d.period = { kind: 'dot-xuat', year: 2024 }))).sort()).toEqual(['$.period.from', '$.period.to']);
    expect(problems(data((d) => (d.period = { kind: 'dot-xuat', year: 2024, from: '2024-01-01' })))).toEqual(['$.period.to']);
    const p = svc.validate(ID, data((d) => (d.period = { kind: 'dot-xuat', year: 2024, to: '2024-05-31' }))).problems;
    expect(p).toEqual([{ path: '$.period.from', code: 'custom', message: 'Báo cáo đột xuất phải ghi ngày đầu kỳ số liệu (from), dạng YYYY-MM-DD' }]);
  });

  it('rejects a period whose start is after its cut-off, an unknown kind, a partial date', () => {
    expect(problems(data((d) => (d.period = { kind: 'quy-1', year: 2024, from: '2024-04-01' })))).toEqual(['$.period.from']);
    expect(problems(data((d) => (d.period = { kind: 'quy-3', year: 2024, to: '2024-06-01' })))).toEqual(['$.period.to']);
    expect(problems(data((d) => (d.period = { kind: 'quy-2', year: 2024 })))).toEqual(['$.period.kind']);
    expect(problems(data((d) => (d.period = { kind: 'dot-xuat', year: 2024, from: '2024-01', to: '2024-05-31' })))).toEqual([
      '$.period.from',
    ]);
  });

  it('warns when the report is dated before its data cut-off', () => {
    expect(warnings(data((d) => (d.date = '2024-03-04')))).toEqual([
      {
        path: '$.date',
        message:
          'Ngày ban hành trước ngày chốt số liệu (14/03/2024): nếu tỉnh quy định kỳ số liệu khác thì ghi ngày chốt vào period.to; nếu là số ước tính thì nên ghi rõ trong báo cáo',
      },
    ]);
    expect(warnings(data((d) => ((d.date = '2024-03-04'), (d.period.to = '2024-02-29'))))).toEqual([]);
  });
});

describe('dossier rates, computed from counts', () => {
  it('on-time rate = on time / settled, online share = online / newly received, 2 decimals with ","', () => {
    const v = viewOf(withDossiers([row()]));
    const t = tables(v.main.blocks).find((x) => x.title === 'Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính')!;
    expect(t.columns.map((c) => c.header)).toEqual(['TT', 'Nội dung', 'Cấp tỉnh']);
    const rows = dossierTable(v);
    expect(line(rows, 'Tổng số hồ sơ tiếp nhận')).toEqual(['24']);
    expect(line(rows, 'Số hồ sơ đã giải quyết')).toEqual(['24']);
    expect(line(rows, 'Số hồ sơ đang giải quyết')).toEqual(['0']);
    expect(line(rows, 'Tỷ lệ hồ sơ giải quyết đúng hạn')).toEqual(['95,83%']);
    expect(line(rows, 'Tỷ lệ hồ sơ tiếp nhận trực tuyến')).toEqual(['45,83%']);
  });

  it('two rows get a total column whose rates come from the summed counts; carried-over dossiers count as received, not online', () => {
    const v = viewOf(
      withDossiers([
        row({ name: 'Cấp huyện', received: { inPerson: 1, publicPost: 0, online: 2, carriedOver: 5 }, settled: { onTime: 7, late: 0 }, pending: 1 }),
        row({ name: 'Cấp xã', received: { inPerson: 1200, publicPost: 34, online: 2000 }, settled: { onTime: 3000, late: 7 } }),
      ]),
    );
    const t = tables(v.main.blocks).find((x) => x.title === 'Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính')!;
    expect(t.columns.map((c) => c.header)).toEqual(['TT', 'Nội dung', 'Cấp huyện', 'Cấp xã', 'Tổng cộng']);
    const rows = cells(t);
    expect(line(rows, 'Tổng số hồ sơ tiếp nhận')).toEqual(['8', '3.234', '3.242']);
    expect(line(rows, '- Kỳ trước chuyển sang')).toEqual(['5', '0', '5']);
    expect(line(rows, 'Số hồ sơ đã giải quyết')).toEqual(['7', '3.007', '3.014']);
    expect(line(rows, 'Số hồ sơ đang giải quyết')).toEqual(['1', '227', '228']);
    expect(line(rows, 'Tỷ lệ hồ sơ giải quyết đúng hạn')).toEqual(['100,00%', '99,77%', '99,77%']);
    expect(line(rows, 'Tỷ lệ hồ sơ tiếp nhận trực tuyến')).toEqual(['66,67%', '61,84%', '61,85%']);
  });

  it('division by zero shows "-", never NaN', () => {
    const rows = dossierTable(viewOf(withDossiers([row({ received: { inPerson: 0, publicPost: 0, online: 0 }, settled: { onTime: 0, late: 0 } })])));
    expect(line(rows, 'Tỷ lệ hồ sơ giải quyết đúng hạn')).toEqual(['-']);
    expect(line(rows, 'Tỷ lệ hồ sơ tiếp nhận trực tuyến')).toEqual(['-']);
    expect(JSON.stringify(rows)).not.toMatch(/NaN|Infinity/);
  });

  it('more than 4 rows: the body keeps the total, the rows go to a landscape appendix it names', () => {
    const v = viewOf(fixture(QUARTER));
    const t = tables(v.main.blocks).find((x) => x.title?.startsWith('Kết quả tiếp nhận'))!;
    expect(t.title).toBe('Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính (chi tiết tại Phụ lục II)');
    expect(line(cells(t), 'Tỷ lệ hồ sơ giải quyết đúng hạn')).toEqual(['98,90%']);
    const a = v.appendices[1]!;
    expect([a.heading, a.title, a.orientation]).toEqual(['Phụ lục II', 'KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH', 'landscape']);
    const rows = cells(tables(a.blocks)[0]!);
    expect(rows.find((r) => r[1] === 'Đất đai')!.slice(-2)).toEqual(['98,95%', '81,51%']);
    expect(rows.find((r) => r[1] === 'Biển và hải đảo')!.slice(-2)).toEqual(['-', '100,00%']);
    expect(rows[rows.length - 1]).toEqual(['Tổng cộng', '2.235', '350', '29', '1.663', '193', '1.903', '1.882', '21', '332', '98,90%', '81,44%']);
  });

  it('a stated rate that disagrees beyond rounding is a warning with its path; one that rounds the same is not', () => {
    const w = (stated: number) => warnings(withDossiers([row({ statedOnTimeRate: stated })]));
    const p = `$.results[${TTHC}].dossiers.rows[0].statedOnTimeRate`;
    expect(w(95.9)).toEqual([
      { path: p, message: 'Tỷ lệ giải quyết đúng hạn ghi trong dữ liệu (95,9%) khác tỷ lệ tính từ số liệu: 23/24 = 95,83%' },
    ]);
    expect(w(95.84).map((x) => x.path)).toEqual([p]);
    expect(w(95)).toHaveLength(1);
    for (const ok of [95.83, 95.8, 96]) expect(w(ok)).toEqual([]);
    expect(warnings(withDossiers([row({ statedOnlineRate: 50 })]))).toEqual([
      {
        path: `$.results[${TTHC}].dossiers.rows[0].statedOnlineRate`,
        message: 'Tỷ lệ hồ sơ trực tuyến ghi trong dữ liệu (50%) khác tỷ lệ tính từ số liệu: 11/24 = 45,83%',
      },
    ]);
  });

  it('stated rates of the total, and a stated rate with nothing to divide by', () => {
    const two = [row(), row({ name: 'Cấp xã', settled: { onTime: 24, late: 0 } })];
    expect(warnings(withDossiers(two, { statedOnTimeRate: 97.92 }))).toEqual([]);
    expect(warnings(withDossiers(two, { statedOnTimeRate: 97.5 }))).toEqual([
      {
        path: `$.results[${TTHC}].dossiers.statedOnTimeRate`,
        message: 'Tỷ lệ giải quyết đúng hạn chung ghi trong dữ liệu (97,5%) khác tỷ lệ tính từ số liệu: 47/48 = 97,92%',
      },
    ]);
    const zero = row({ settled: { onTime: 0, late: 0 }, statedOnTimeRate: 100 });
    expect(warnings(withDossiers([zero]))).toEqual([
      {
        path: `$.results[${TTHC}].dossiers.rows[0].statedOnTimeRate`,
        message: 'Tỷ lệ giải quyết đúng hạn ghi trong dữ liệu là 100% nhưng không tính được tỷ lệ: chưa có hồ sơ nào được giải quyết',
      },
    ]);
  });

  it('indicators: rate achieved = value / target; a stated one that disagrees warns', () => {
    const d = data((x) => {
      x.results[0].indicators = [
        { name: 'Văn bản được rà soát', unit: 'văn bản', target: 24, value: 23 },
        { name: 'Văn bản được kiểm tra', unit: 'văn bản', target: 0, value: 3 },
        { name: 'Văn bản kiến nghị sửa đổi', unit: 'văn bản', value: 4 },
        { name: 'Văn bản quy phạm pháp luật', unit: 'văn bản', target: 8, value: 9, statedRate: 110 },
      ];
    });
    const t = tables(viewOf(d).main.blocks).find((x) => x.title === 'Kết quả một số chỉ tiêu' && x.rows[0]?.cells[1]?.text === 'Văn bản được rà soát')!;
    expect(t.columns.map((c) => c.header)).toEqual(['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện', 'Tỷ lệ đạt']);
    expect(cells(t).map((r) => r.slice(3))).toEqual([
      ['24', '23', '95,83%'],
      ['0', '3', '-'],
      ['', '4', ''],
      ['8', '9', '112,50%'],
    ]);
    expect(warnings(d)).toEqual([
      { path: '$.results[0].indicators[3].statedRate', message: 'Tỷ lệ đạt so với kế hoạch ghi trong dữ liệu (110%) khác tỷ lệ tính từ số liệu: 9/8 = 112,50%' },
    ]);
  });
});

describe('inconsistent counts', () => {
  const base = `$.results[${TTHC}].dossiers.rows[0]`;
  const rejected = (r: Data) => svc.validate(ID, withDossiers([row(r)])).problems;

  it('a stated settled total that is not on time + late: error at settled.total', () => {
    expect(rejected({ settled: { total: 25, onTime: 23, late: 1 } })).toEqual([
      { path: `${base}.settled.total`, code: 'custom', message: 'Số hồ sơ đã giải quyết (25) khác số đúng hạn + quá hạn (23 + 1 = 24)' },
    ]);
    expect(rejected({ settled: { total: 24, onTime: 23, late: 1 } })).toEqual([]);
  });

  it('a stated received total that is not the sum of the channels: error at received.total', () => {
    expect(rejected({ received: { total: 1250, inPerson: 1000, publicPost: 3, online: 200, carriedOver: 40 } })).toEqual([
      {
        path: `${base}.received.total`,
        code: 'custom',
        message: 'Tổng số hồ sơ tiếp nhận (1.250) khác tổng trực tiếp + bưu chính công ích + trực tuyến + kỳ trước chuyển sang (1.243)',
      },
    ]);
  });

  it('more settled than received: error at settled.total, or at settled when no total is given', () => {
    expect(rejected({ received: { inPerson: 10, publicPost: 0, online: 10 } }).map((p) => [p.path, p.message])).toEqual([
      [`${base}.settled`, 'Số hồ sơ đã giải quyết (24) nhiều hơn số hồ sơ tiếp nhận (20)'],
    ]);
    expect(rejected({ received: { inPerson: 10, publicPost: 0, online: 10 }, settled: { total: 24, onTime: 23, late: 1 } }).map((p) => p.path)).toEqual([
      `${base}.settled.total`,
    ]);
  });

  it('settled + pending above received is an error; below it only a warning (withdrawn or returned dossiers)', () => {
    expect(rejected({ received: { inPerson: 20, publicPost: 0, online: 10 }, pending: 7 }).map((p) => [p.path, p.message])).toEqual([
      [`${base}.pending`, 'Số đã giải quyết (24) cộng số đang giải quyết (7) nhiều hơn số hồ sơ tiếp nhận (30)'],
    ]);
    const d = withDossiers([row({ received: { inPerson: 20, publicPost: 0, online: 10 }, pending: 4 })]);
    expect(svc.validate(ID, d).problems).toEqual([]);
    expect(warnings(d)).toEqual([
      {
        path: `${base}.pending`,
        message:
          'Số đã giải quyết (24) cộng số đang giải quyết (4) ít hơn số hồ sơ tiếp nhận (30) 2 hồ sơ: nếu là hồ sơ rút hoặc trả lại thì nên ghi rõ trong báo cáo',
      },
    ]);
  });

  it('negative and fractional counts are rejected at their path', () => {
    expect(rejected({ settled: { onTime: -1, late: 1 } }).map((p) => p.path)).toEqual([`${base}.settled.onTime`]);
    expect(rejected({ received: { inPerson: 1.5, publicPost: 0, online: 30 } }).map((p) => p.path)).toEqual([`${base}.received.inPerson`]);
    // Out of every range: its own error, no sum compared (the figures would not be exact).
    expect(rejected({ pending: -9007199254740760 }).map((p) => p.path)).toEqual([`${base}.pending`]);
    expect([...new Set(problems(data((d) => (d.period.year = 1e308))))]).toEqual(['$.period.year']);
  });
});

describe('the plan: tasks and completion', () => {
  it('completion per area and overall, in the programme order, with "-" for an area without tasks', () => {
    const v = viewOf(fixture(ANNUAL));
    const t = tables(v.main.blocks).find((x) => x.title === 'Mức độ hoàn thành nhiệm vụ theo lĩnh vực')!;
    expect(cells(t)).toEqual([
      ['I', 'Công tác chỉ đạo, điều hành', '5', '5', '0', '0', '100,00%'],
      ['II', 'Cải cách thể chế', '4', '4', '0', '0', '100,00%'],
      ['III', 'Cải cách thủ tục hành chính', '5', '3', '2', '0', '60,00%'],
      ['IV', 'Cải cách tổ chức bộ máy', '4', '3', '0', '1', '75,00%'],
      ['V', 'Cải cách chế độ công vụ', '4', '3', '1', '0', '75,00%'],
      ['VI', 'Cải cách tài chính công', '3', '3', '0', '0', '100,00%'],
      ['VII', 'Xây dựng và phát triển chính quyền điện tử, chính quyền số', '4', '3', '1', '0', '75,00%'],
      ['Tổng cộng', '29', '24', '4', '1', '82,76%'],
    ]);
    const intro = v.main.blocks[v.main.blocks.indexOf(t) - 1]!;
    expect(intro.kind === 'paragraph' && intro.text).toBe(
      'Kết quả thực hiện Kế hoạch số 215/KH-UBND ngày 25 tháng 12 năm 2023 của Ủy ban nhân dân huyện về cải cách hành chính năm 2024: tổng số 29 nhiệm vụ, đã hoàn thành 24/29 nhiệm vụ (đạt 82,76%), đang thực hiện 4 nhiệm vụ, chưa thực hiện 1 nhiệm vụ (chi tiết tại Phụ lục).',
    );
    const noTasks = viewOf(data((d) => (d.tasks = d.tasks.filter((x: Data) => x.area !== 'tai-chinh-cong'))));
    const t2 = tables(noTasks.main.blocks).find((x) => x.title === 'Mức độ hoàn thành nhiệm vụ theo lĩnh vực')!;
    expect(cells(t2).find((r) => r[1] === 'Cải cách tài chính công')).toEqual(['VI', 'Cải cách tài chính công', '0', '0', '0', '0', '-']);
  });

  it('the appendix lists the tasks grouped by area, with the status in words and each area\'s completion', () => {
    const v = viewOf(fixture(ANNUAL));
    const a = v.appendices[0]!;
    expect([a.heading, a.title, a.orientation]).toEqual(['Phụ lục', 'KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH', 'landscape']);
    const t = tables(a.blocks)[0]!;
    expect(t.columns.map((c) => c.header)).toEqual(['TT', 'Nhiệm vụ', 'Sản phẩm', 'Cơ quan chủ trì', 'Thời gian hoàn thành', 'Tình trạng', 'Kết quả, ghi chú']);
    const rows = cells(t);
    expect(rows[0]).toEqual(['I', 'Công tác chỉ đạo, điều hành (hoàn thành 5/5 nhiệm vụ, đạt 100,00%)']);
    expect(rows).toContainEqual(['III', 'Cải cách thủ tục hành chính (hoàn thành 3/5 nhiệm vụ, đạt 60,00%)']);
    const statuses = new Set(rows.filter((r) => r.length === 7).map((r) => r[5]));
    expect(statuses).toEqual(new Set(['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện']));
    expect(rows.find((r) => r[1] === 'Đánh giá mô hình tổ chức và chất lượng hoạt động của chính quyền cơ sở')).toEqual([
      '4',
      'Đánh giá mô hình tổ chức và chất lượng hoạt động của chính quyền cơ sở',
      'Báo cáo',
      'Phòng Nội vụ',
      'Quý IV',
      'Chưa thực hiện',
      'Chờ hướng dẫn của Sở Nội vụ',
    ]);
  });

  it('rejects a task of an area outside the programme, an unknown status, tasks without their plan', () => {
    expect(problems(data((d) => (d.tasks[2].area = 'hien-dai-hoa')))).toEqual(['$.tasks[2].area']);
    expect(problems(data((d) => (d.tasks[0].status = 'xong')))).toEqual(['$.tasks[0].status']);
    expect(problems(data((d) => delete d.plan))).toEqual(['$.plan']);
  });

  it('a report without tasks has no completion table and no appendix', () => {
    const v = viewOf(fixture(AD_HOC));
    expect(tables(v.main.blocks).map((t) => t.title)).toEqual(['Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính']);
    expect(v.appendices).toEqual([]);
  });
});

describe('the outline', () => {
  it('five parts, one section per area of the programme in its order, part III in two, numbering computed', () => {
    const h = headings(viewOf(fixture(ANNUAL)));
    expect(h.filter((x) => /^[IVX]+\. /.test(x))).toEqual([
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. ĐÁNH GIÁ CHUNG',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
    const ii = h.slice(h.indexOf('II. KẾT QUẢ THỰC HIỆN') + 1, h.indexOf('III. ĐÁNH GIÁ CHUNG'));
    expect(ii).toEqual([
      '1. Cải cách thể chế',
      '2. Cải cách thủ tục hành chính',
      '2.1. Kiểm soát thủ tục hành chính',
      '2.2. Thực hiện cơ chế một cửa, một cửa liên thông',
      '2.3. Tiếp nhận, xử lý phản ánh, kiến nghị',
      '3. Cải cách tổ chức bộ máy',
      '4. Cải cách chế độ công vụ',
      '5. Cải cách tài chính công',
      '6. Xây dựng và phát triển chính quyền điện tử, chính quyền số',
    ]);
    expect(h.slice(h.indexOf('III. ĐÁNH GIÁ CHUNG') + 1, h.indexOf('IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'))).toEqual([
      '1. Ưu điểm',
      '2. Tồn tại, hạn chế và nguyên nhân',
      '2.1. Tồn tại, hạn chế',
      '2.2. Nguyên nhân',
    ]);
  });

  it('the dossier table sits between the area\'s body and its bodyAfter', () => {
    const blocks = viewOf(fixture(ANNUAL)).main.blocks;
    const i = blocks.findIndex((b) => b.kind === 'table' && b.title === 'Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính');
    const before = blocks[i - 1]!;
    const after = blocks[i + 1]!;
    expect(before.kind === 'paragraph' && before.text.endsWith('Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính như sau:')).toBe(true);
    expect(after.kind === 'heading' && `${after.label} ${after.text}`).toBe('2.3. Tiếp nhận, xử lý phản ánh, kiến nghị');
  });

  it('the body ends with "./." after the last sentence', () => {
    for (const name of [ANNUAL, QUARTER, AD_HOC]) {
      const last = viewOf(fixture(name)).main.blocks.at(-1)!;
      const text = last.kind === 'list' ? last.items.at(-1)!.text : last.kind === 'paragraph' ? last.text : '';
      expect(text, name).toMatch(/[^./]\.\/\.$/u);
    }
  });

  it('rejects headings the service numbers, Phần/Chương/Mục, a missing or repeated area, part I\'s area in part II, a closing table', () => {
    expect(problems(data((d) => d.direction.unshift({ type: 'heading', level: 1, text: 'Chỉ đạo' })))).toEqual(['$.direction[0].level']);
    expect(problems(data((d) => d.results[0].body.unshift({ type: 'heading', level: 2, text: 'Thể chế' })))).toEqual(['$.results[0].body[0].level']);
    expect(problems(data((d) => d.assessment.strengths.unshift({ type: 'heading', level: 2, text: 'Ưu' })))).toEqual([
      '$.assessment.strengths[0].level',
    ]);
    expect(problems(data((d) => d.nextTasks.unshift({ type: 'heading', level: 3, text: 'Nhiệm vụ' })))).toEqual(['$.nextTasks[0].level']);
    expect(problems(data((d) => d.proposals.unshift({ type: 'part', kind: 'muc', title: 'Kiến nghị' })))).toEqual(['$.proposals[0].type']);
    expect(problems(data((d) => d.results.splice(2, 1)))).toEqual(['$.results']);
    expect(problems(data((d) => d.results.push({ ...d.results[0] })))).toEqual(['$.results[6].area']);
    expect(problems(data((d) => (d.results[0].area = 'chi-dao-dieu-hanh')))).toEqual(['$.results[0].area', '$.results']);
    expect(problems(data((d) => d.proposals.push({ type: 'table', columns: [{ header: 'A' }], rows: [['x']] })))).toEqual(['$.proposals[1]']);
  });

  it('a custom programme brings its own areas', () => {
    const d = data((x) => {
      x.programme = {
        title: 'Kế hoạch cải cách hành chính của tỉnh giai đoạn 2021 - 2025',
        areas: [
          { code: 'chi-dao-dieu-hanh', name: 'Công tác chỉ đạo, điều hành' },
          { code: 'thu-tuc', name: 'Cải cách thủ tục hành chính' },
          { code: 'so-hoa', name: 'Chuyển đổi số' },
        ],
      };
      x.results = [
        { area: 'so-hoa', body: [{ type: 'paragraph', text: 'Số hóa 100% hồ sơ.' }] },
        { area: 'thu-tuc', body: [{ type: 'paragraph', text: 'Công khai 100% thủ tục.' }] },
      ];
      x.tasks = [
        { area: 'thu-tuc', name: 'Rà soát thủ tục', status: 'hoan-thanh' },
        { area: 'so-hoa', name: 'Số hóa hồ sơ', status: 'dang-thuc-hien' },
      ];
    });
    const v = viewOf(d);
    const h = headings(v);
    expect(h.slice(h.indexOf('II. KẾT QUẢ THỰC HIỆN') + 1, h.indexOf('III. ĐÁNH GIÁ CHUNG'))).toEqual([
      '1. Cải cách thủ tục hành chính',
      '2. Chuyển đổi số',
    ]);
    const t = tables(v.main.blocks).find((x) => x.title === 'Mức độ hoàn thành nhiệm vụ theo lĩnh vực')!;
    expect(cells(t).at(-1)).toEqual(['Tổng cộng', '2', '1', '1', '0', '50,00%']);
    expect(v.appendices[0]!.orientation).toBe('portrait');
  });
});

describe('rendered files', () => {
  it('DOCX: the period is a real Word footnote referenced from the opening paragraph; Kính gửi when sent upward', async () => {
    const parts = docxParts((await svc.render(ID, fixture(QUARTER), 'docx')).bytes);
    const doc = parts.get('word/document.xml')!;
    const notes = parts.get('word/footnotes.xml')!;
    expect(notes).toMatch(/<w:footnote w:id="1">[\s\S]*Số liệu báo cáo tính từ ngày 15\/12\/2023 đến ngày 14\/03\/2024\.[\s\S]*?<\/w:footnote>/);
    const opening = (doc.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).find((p) => p.includes('báo cáo kết quả thực hiện công tác cải cách hành chính'))!;
    expect(opening).toContain('<w:footnoteReference w:id="1"/>');
    const text = docxText(doc);
    expect(text).toContain('Kính gửi:');
    expect(text).toContain('Ủy ban nhân dân tỉnh Thanh Hóa;');
    expect(text).toContain('Sở Nội vụ tỉnh Thanh Hóa.');
    expect(text).toContain('Số: 86/BC-STNMT');
    expect(text).toContain('98,90%');
    expect(text).toMatch(/bảo đảm kết nối, chia sẻ dữ liệu phục vụ giải quyết thủ tục hành chính\.\/\./);
  });

  it('PDF: the footnote text is printed at the foot of page 1, where its mark is, with the rates', async () => {
    const pages = await pdfPagesText((await svc.render(ID, fixture(ANNUAL), 'pdf')).bytes);
    const all = pages.join('\n').normalize('NFC').replace(/\s+/g, ' ');
    expect(pages[0]!.normalize('NFC').replace(/\s+/g, ' ').trim()).toMatch(/như sau:¹ .* ¹ Số liệu báo cáo tính từ ngày 15\/12\/2023 đến ngày 14\/12\/2024\.$/);
    expect(all).toContain('82,76%');
    expect(all).toContain('99,68%');
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });
});
