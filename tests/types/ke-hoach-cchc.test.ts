/**
 * Kế hoạch cải cách hành chính năm (ke-hoach-cchc): the computed body (numbering, report cut-offs, "./."),
 * the "Khung kế hoạch" appendix (groups in programme order, merged Nhiệm vụ chung cells, subtotals, total in
 * figures and in words, landscape pages), warnings on stated totals, and rejected data with its JSON path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { docxParts, docxText, pdfInfo, pdfPagesText } from '../support/docs.js';

const svc = new Vanban({ chromiumPath: '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 30_000 });
afterAll(() => svc.close());

const ID = 'ke-hoach-cchc';
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, name), 'utf8')) as Record<string, unknown>;
const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');

type Task = Record<string, unknown>;
const task = (area: string, general: string, specific: string, budget?: number | string): Task => ({
  area,
  general,
  specific,
  product: 'Báo cáo',
  lead: 'Văn phòng Sở',
  partners: 'Các phòng thuộc Sở',
  time: 'Quý II/2025',
  ...(budget === undefined ? {} : { budget }),
});

const G_KT = 'Kiểm tra công tác cải cách hành chính';
const G_RS = 'Rà soát văn bản quy phạm pháp luật';

/** A plan whose data lists areas and tasks out of the programme's order. */
const base = () => ({
  agency: { name: 'Sở Nội vụ tỉnh Hải Dương', headerLines: ['Sở Nội vụ'], abbreviation: 'SNV', parent: { name: 'UBND tỉnh Hải Dương' } },
  number: 12,
  place: 'Hải Dương',
  date: '2024-12-20',
  year: 2025,
  programme: '2021-2030',
  opening: {
    implements: [
      'Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;',
      'Kế hoạch số 3890/KH-UBND ngày 10 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước năm 2025',
    ],
    issuer: 'Sở Nội vụ',
  },
  purposes: ['Triển khai đồng bộ các nhiệm vụ cải cách hành chính năm 2025'],
  requirements: ['Nhiệm vụ cụ thể, có sản phẩm và thời hạn hoàn thành'],
  areas: [
    { area: 'thu-tuc-hanh-chinh', targets: ['Phấn đấu 95% - 100% hồ sơ thủ tục hành chính được giải quyết đúng hạn'], tasks: ['Rà soát', 'Công khai', 'Số hóa', 'Một cửa', 'Phản ánh, kiến nghị'] },
    { area: 'chi-dao-dieu-hanh', tasks: ['Ban hành kế hoạch'] },
  ],
  reporting: {
    sendTo: 'Ủy ban nhân dân tỉnh',
    reports: [{ period: 'quy-1', deadline: '2025-03-18' }, { period: 'nam', deadline: '2025-12-18' }, { period: 'dot-xuat' }],
  },
  funding: { paragraphs: ['Kinh phí bố trí trong dự toán năm 2025 của Sở.'] },
  implementation: { responsibilities: [{ agency: 'Văn phòng Sở', duties: ['Theo dõi, tổng hợp, báo cáo'] }] },
  signer: { authority: 'none', position: 'Giám đốc', name: 'Nguyễn Văn An' },
  recipients: { items: ['Ủy ban nhân dân tỉnh'], archiveUnit: 'CCHC' },
  framework: {
    tasks: [
      task('the-che', G_RS, 'Rà soát văn bản về tổ chức bộ máy', 1_250_000),
      task('chi-dao-dieu-hanh', G_KT, 'Kiểm tra tại 05 sở, ngành', 5_000_000),
      task('chi-dao-dieu-hanh', G_KT, 'Kiểm tra tại 03 huyện', '2500000'),
      task('chi-dao-dieu-hanh', G_KT, 'Kiểm tra nội bộ'),
      task('chi-dao-dieu-hanh', 'Tuyên truyền cải cách hành chính', 'Chuyên mục trên Trang thông tin điện tử', 750_000),
      task('chinh-quyen-so', 'Số hóa tài liệu lưu trữ', 'Số hóa 120.000 trang tài liệu', 1_000_000_000),
      task('the-che', G_RS, 'Rà soát văn bản về công chức, viên chức', 3_000_000),
    ],
  },
});

describe('validation', () => {
  it('accepts the plan and every fixture without warnings', () => {
    expect(svc.validate(ID, base())).toMatchObject({ problems: [], warnings: [] });
    for (const f of ['ke-hoach-cchc-2020-so-nn-ptnt-ninh-thuan.json', 'ke-hoach-cchc-2025-so-noi-vu.json', 'ke-hoach-cchc-du-thao.json'])
      expect(svc.validate(ID, fixture(f)), f).toMatchObject({ problems: [], warnings: [] });
  });

  it('rejects an unknown area code, naming the valid ones, at the path of the field', () => {
    const b = base();
    b.framework.tasks[1]!.area = 'cai-cach-xyz';
    const codes = 'chi-dao-dieu-hanh, the-che, thu-tuc-hanh-chinh, to-chuc-bo-may, che-do-cong-vu, tai-chinh-cong, chinh-quyen-so';
    expect(svc.validate(ID, b).problems).toEqual([
      {
        path: '$.framework.tasks[1].area',
        code: 'custom',
        message: `Mã lĩnh vực "cai-cach-xyz" không có trong chương trình 2021-2030; các mã hợp lệ: ${codes}`,
      },
    ]);
    const c = base();
    c.areas[1]!.area = 'hien-dai-hoa'; // an area of the 2011-2020 programme, not of 2021-2030
    expect(svc.validate(ID, c).problems.map((p) => [p.path, p.message])).toEqual([
      ['$.areas[1].area', `Mã lĩnh vực "hien-dai-hoa" không có trong chương trình 2021-2030; các mã hợp lệ: ${codes}`],
    ]);
  });

  it('checks codes against a custom programme, and rejects a repeated area section', () => {
    const b = { ...base(), programme: { title: 'Chương trình cải cách hành chính của tỉnh', areas: [{ code: 'the-che', name: 'Cải cách thể chế' }] } };
    b.areas = [{ area: 'the-che', tasks: ['Rà soát'] }, { area: 'the-che', tasks: ['Hệ thống hóa'] }];
    b.framework.tasks = [task('the-che', G_RS, 'Rà soát'), task('chi-dao-dieu-hanh', G_KT, 'Kiểm tra')];
    expect(svc.validate(ID, b).problems.map((p) => [p.path, p.message])).toEqual([
      ['$.areas[1].area', 'Lĩnh vực "the-che" đã có ở areas[0]'],
      ['$.framework.tasks[1].area', 'Mã lĩnh vực "chi-dao-dieu-hanh" không có trong chương trình đã khai báo; các mã hợp lệ: the-che'],
    ]);
  });

  it('rejects money that is not an exact integer of đồng, each at its path', () => {
    const b = base();
    b.framework.tasks[0]!.budget = 9007199254740993; // parsed as 9007199254740992: no longer exact
    b.framework.tasks[1]!.budget = '1.250.000';
    b.framework.tasks[2]!.budget = -5;
    b.framework.tasks[3]!.budget = 1.5;
    expect(svc.validate(ID, b).problems.map((p) => [p.path, p.message])).toEqual([
      [
        '$.framework.tasks[0].budget',
        'Số tiền lớn hơn 9.007.199.254.740.991 không còn chính xác khi ghi dạng số: ghi dạng chuỗi chữ số, ví dụ "12500000000000000"',
      ],
      ['$.framework.tasks[1].budget', 'Số tiền dạng chuỗi chỉ gồm chữ số, không có dấu chấm, dấu phẩy hay dấu cách, ví dụ "12500000000000000"'],
      ['$.framework.tasks[2].budget', 'Số tiền không được âm'],
      ['$.framework.tasks[3].budget', 'Số tiền phải là số nguyên đồng'],
    ]);
  });

  it('rejects a periodic report without a deadline and more than 23 lettered tasks in an area', () => {
    const b = base();
    b.reporting.reports[0] = { period: 'quy-1' } as never;
    b.areas[1]!.tasks = Array.from({ length: 24 }, (_, i) => `Nhiệm vụ ${i + 1}`);
    expect(svc.validate(ID, b).problems.map((p) => [p.path, p.message])).toEqual([
      ['$.areas[1].tasks', 'Nhiều quá: tối đa 23 mục'],
      [
        '$.reporting.reports[0].deadline',
        'Báo cáo định kỳ cần có hạn gửi: một ngày (deadline, YYYY-MM-DD, ví dụ "2025-03-18"), một quy tắc (deadlineText, ví dụ "trước ngày 20 của tháng cuối quý"), hoặc cả dòng như ghi (text)',
      ],
    ]);
  });
});

describe('warnings', () => {
  it('reports a stated total and a stated area budget that disagree with the computed sums', () => {
    const b = { ...base(), framework: { ...base().framework, statedTotalBudget: 1_000_000_000, statedAreaBudgets: [{ area: 'the-che', amount: 4_250_000 }, { area: 'chi-dao-dieu-hanh', amount: 7_500_000 }] } };
    expect(svc.validate(ID, b).warnings).toEqual([
      {
        path: '$.framework.statedTotalBudget',
        message: 'Tổng kinh phí ghi trong dữ liệu là 1.000.000.000 đồng, khác tổng tính được từ các nhiệm vụ là 1.012.500.000 đồng; văn bản in số ghi trong dữ liệu',
      },
      {
        path: '$.framework.statedAreaBudgets[1].amount',
        message:
          'Kinh phí lĩnh vực "Công tác chỉ đạo, điều hành" ghi trong dữ liệu là 7.500.000 đồng, khác số cộng tính được từ các nhiệm vụ của lĩnh vực là 8.250.000 đồng; văn bản in số ghi trong dữ liệu',
      },
    ]);
    const ok = { ...base(), framework: { ...base().framework, statedTotalBudget: '1012500000' } };
    expect(svc.validate(ID, ok).warnings).toEqual([]);
  });

  it('prints the stated total and area subtotal as given, in figures and in words, in both formats; strict mode refuses', async () => {
    const b = { ...base(), framework: { ...base().framework, statedTotalBudget: 1_000_000_000, statedAreaBudgets: [{ area: 'chi-dao-dieu-hanh', amount: 7_500_000 }] } };
    const [d, p] = await Promise.all([svc.render(ID, b, 'docx'), svc.render(ID, b, 'pdf')]);
    const texts = { docx: flat(docxText(docxParts(d.bytes).get('word/document.xml')!)), pdf: flat((await pdfPagesText(p.bytes)).join(' ')) };
    for (const [fmt, t] of Object.entries(texts)) {
      expect(t, fmt).toContain('Tổng kinh phí dự kiến thực hiện các nhiệm vụ tại Khung kế hoạch kèm theo: 1.000.000.000 đồng (Bằng chữ: Một tỷ đồng).');
      expect(t, fmt).toMatch(/Chuyên mục trên Trang thông tin điện tử Báo cáo Văn phòng Sở Các phòng thuộc Sở Quý II\/2025 750\.000 Cộng 7\.500\.000/);
      expect(t, fmt).toMatch(/Cộng 4\.250\.000/); // an area without a stated figure keeps its computed sum
      expect(t, fmt).toMatch(/Tổng kinh phí 1\.000\.000\.000 Bằng chữ: Một tỷ đồng/);
      expect(t, fmt).not.toMatch(/1\.012\.500\.000|8\.250\.000|Một tỷ mười hai triệu/);
    }
    expect(p.warnings.map((w) => w.path)).toEqual(['$.framework.statedTotalBudget', '$.framework.statedAreaBudgets[0].amount']);
    await expect(svc.render(ID, b, 'docx', { strict: true })).rejects.toMatchObject({ status: 422, code: 'warnings_in_strict_mode' });
  });

  it('a framework without budgets prints only the figures the author states', () => {
    const b = base();
    b.framework.tasks = b.framework.tasks.map(({ budget: _, ...t }) => t);
    const rowsOf = (x: unknown) => {
      const v = svc.type(ID).view(svc.validate(ID, x).data as never) as unknown as { appendices: { blocks: { kind: string; rows?: { cells: { text: string }[] }[] }[] }[] };
      return (v.appendices[0]!.blocks[0]!.rows ?? []).map((r) => r.cells.map((c) => c.text).join(' | '));
    };
    expect(rowsOf(b).filter((r) => /Cộng|Tổng kinh phí|Bằng chữ/.test(r))).toEqual([]);
    const stated = { ...b, framework: { ...b.framework, statedTotalBudget: 9_000_000, statedAreaBudgets: [{ area: 'the-che', amount: 4_000_000 }] } };
    expect(rowsOf(stated).filter((r) => /Cộng|Tổng kinh phí|Bằng chữ/.test(r))).toEqual(['Cộng | 4.000.000 | ', 'Tổng kinh phí | 9.000.000 | ', 'Bằng chữ: Chín triệu đồng']);
  });

  it('reports a deadline before the end of the data period; strict mode refuses the render', async () => {
    const b = base();
    b.reporting.reports[1] = { period: 'nam', deadline: '2025-12-10' };
    const w = [
      {
        path: '$.reporting.reports[1].deadline',
        message: 'Hạn gửi Báo cáo cải cách hành chính năm 2025 (ngày 10 tháng 12 năm 2025) sớm hơn ngày kết thúc lấy số liệu (ngày 14 tháng 12 năm 2025)',
      },
    ];
    expect(svc.validate(ID, b).warnings).toEqual(w);
    await expect(svc.render(ID, b, 'docx', { strict: true })).rejects.toMatchObject({ status: 422, code: 'warnings_in_strict_mode' });
  });
});

describe('the rendered plan', () => {
  let doc = '';
  let docText = '';
  let pdfText = '';
  let pages: string[] = [];
  let info: ReturnType<typeof pdfInfo>;

  beforeAll(async () => {
    const [d, p] = await Promise.all([svc.render(ID, base(), 'docx'), svc.render(ID, base(), 'pdf')]);
    doc = docxParts(d.bytes).get('word/document.xml')!;
    docText = flat(docxText(doc));
    pages = (await pdfPagesText(p.bytes)).map(flat);
    pdfText = pages.join(' ');
    info = pdfInfo(p.bytes);
  }, 60_000);

  it('opens with what it implements and "... ban hành Kế hoạch ... như sau:"', () => {
    const opening =
      'Thực hiện Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; ' +
      'Kế hoạch số 3890/KH-UBND ngày 10 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước năm 2025, ' +
      'Sở Nội vụ ban hành Kế hoạch cải cách hành chính năm 2025 như sau:';
    for (const t of [docText, pdfText]) {
      expect(t).toContain('KẾ HOẠCH Cải cách hành chính năm 2025');
      expect(t).toContain(opening);
    }
  });

  it('numbers sections I. to V., areas in programme order, and tasks a) to đ)', () => {
    const order = [
      'I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích - Triển khai đồng bộ các nhiệm vụ cải cách hành chính năm 2025. 2. Yêu cầu',
      'II. CHỈ TIÊU, NHIỆM VỤ 1. Công tác chỉ đạo, điều hành a) Ban hành kế hoạch.',
      '2. Cải cách thủ tục hành chính Chỉ tiêu: - Phấn đấu 95% - 100% hồ sơ thủ tục hành chính được giải quyết đúng hạn. Nhiệm vụ: a) Rà soát. b) Công khai. c) Số hóa. d) Một cửa. đ) Phản ánh, kiến nghị.',
      'III. CHẾ ĐỘ BÁO CÁO',
      'IV. KINH PHÍ',
      'V. TỔ CHỨC THỰC HIỆN 1. Văn phòng Sở - Theo dõi, tổng hợp, báo cáo.',
    ];
    for (const t of [docText, pdfText]) {
      let at = 0;
      for (const s of order) {
        const i = t.indexOf(s, at);
        expect(i, s).toBeGreaterThanOrEqual(0);
        at = i + s.length;
      }
    }
  });

  it('computes the reports’ data cut-offs (Nghị định 09/2019/NĐ-CP) and the funding total; ends the body with "./."', () => {
    const lines = [
      '- Báo cáo cải cách hành chính quý I năm 2025: gửi Ủy ban nhân dân tỉnh trước ngày 18 tháng 3 năm 2025; số liệu tính từ ngày 15 tháng 12 năm 2024 đến ngày 14 tháng 3 năm 2025;',
      '- Báo cáo cải cách hành chính năm 2025: gửi Ủy ban nhân dân tỉnh trước ngày 18 tháng 12 năm 2025; số liệu tính từ ngày 15 tháng 12 năm 2024 đến ngày 14 tháng 12 năm 2025;',
      // No deadline given: the line says where it goes and nothing the data did not say.
      '- Báo cáo đột xuất: gửi Ủy ban nhân dân tỉnh.',
      'Tổng kinh phí dự kiến thực hiện các nhiệm vụ tại Khung kế hoạch kèm theo: 1.012.500.000 đồng (Bằng chữ: Một tỷ không trăm mười hai triệu năm trăm nghìn đồng).',
      'Trên đây là Kế hoạch cải cách hành chính năm 2025 của Sở Nội vụ. Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về Sở Nội vụ để xem xét, giải quyết./. Nơi nhận:',
    ];
    for (const l of lines) {
      expect(docText).toContain(l);
      expect(pdfText).toContain(l);
    }
  });

  it('groups the framework by area in programme order (I, II, III), with subtotals, the total and the total in words', () => {
    const seq = [
      'Phụ lục KHUNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025 (Kèm theo Kế hoạch số 12/KH-SNV ngày 20 tháng 12 năm 2024 của Sở Nội vụ tỉnh Hải Dương)',
      'TT Nhiệm vụ chung Nhiệm vụ cụ thể Sản phẩm Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện Kinh phí dự kiến (đồng) Ghi chú',
      'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH 1',
      'Kiểm tra tại 05 sở, ngành Báo cáo Văn phòng Sở Các phòng thuộc Sở Quý II/2025 5.000.000',
      '2 Kiểm tra tại 03 huyện Báo cáo Văn phòng Sở Các phòng thuộc Sở Quý II/2025 2.500.000',
      '3 Kiểm tra nội bộ Báo cáo Văn phòng Sở Các phòng thuộc Sở Quý II/2025 4',
      'Quý II/2025 750.000 Cộng 8.250.000',
      'II. CẢI CÁCH THỂ CHẾ 1',
      'Quý II/2025 3.000.000 Cộng 4.250.000',
      'III. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ 1',
      'Quý II/2025 1.000.000.000 Cộng 1.000.000.000 Tổng kinh phí 1.012.500.000 Bằng chữ: Một tỷ không trăm mười hai triệu năm trăm nghìn đồng',
    ];
    for (const t of [docText, pdfText]) {
      let at = 0;
      for (const s of seq) {
        const i = t.indexOf(s, at);
        expect(i, s).toBeGreaterThanOrEqual(0);
        at = i + s.length;
      }
    }
  });

  it('merges the Nhiệm vụ chung of consecutive tasks: a vMerge restart then continue cells in the DOCX, the text once in the PDF', () => {
    const rows = doc.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    const restartRow = rows.findIndex((r) => r.includes('<w:vMerge w:val="restart"/>') && r.includes(G_KT));
    expect(restartRow).toBeGreaterThan(0);
    const cells = (r: string) => r.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? [];
    // The two rows below carry a continuing vMerge cell in the Nhiệm vụ chung column (the second cell), empty.
    for (const r of rows.slice(restartRow + 1, restartRow + 3)) {
      const second = cells(r)[1]!;
      expect(second).toContain('<w:vMerge/>');
      expect(docxText(second).trim()).toBe('');
    }
    expect(cells(rows[restartRow + 3]!)[1]).not.toContain('<w:vMerge');
    expect((doc.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBe(2); // Kiểm tra (3 rows), Rà soát (2 rows)
    expect((doc.match(/<w:vMerge\/>/g) ?? []).length).toBe(3);
    for (const g of [G_KT, G_RS]) {
      expect(docText.split(g).length - 1, g).toBe(1);
      expect(pdfText.split(g).length - 1, g).toBe(1);
    }
  });

  it('prints the body on portrait pages and the framework on landscape pages, 12 pt, header row repeated', () => {
    const orient = info.pageSizes.map(([w, h]) => (w > h ? 'L' : 'P')).join('');
    expect(orient).toMatch(/^P+L+$/);
    const firstLandscape = orient.indexOf('L');
    expect(pages[firstLandscape]).toContain('KHUNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025');
    const sects = doc.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sects.length).toBe(2);
    expect(sects[0]).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(sects[1]).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    const frame = doc.slice(doc.indexOf('KHUNG KẾ HOẠCH'));
    expect(frame).toContain('<w:tblHeader/>');
    // A group row stays on the page of its first task; "Tổng kinh phí" stays with "Bằng chữ".
    const rows = frame.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    for (const label of ['I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'Tổng kinh phí']) expect(rows.find((r) => r.includes(label)), label).toContain('<w:keepNext/>');
    expect(frame).toMatch(/<w:sz w:val="24"\/>[^]*Kiểm tra tại 05 sở, ngành/);
  });
});

describe('amounts beyond 2^53', () => {
  it('adds a digit-string budget exactly and reads the total in words', async () => {
    const b = base();
    b.framework.tasks = [task('the-che', G_RS, 'Nhiệm vụ lớn', '9007199254740993'), task('the-che', G_RS, 'Nhiệm vụ nhỏ', 7)];
    b.framework = { ...b.framework, statedTotalBudget: '9007199254741000' } as typeof b.framework;
    expect(svc.validate(ID, b)).toMatchObject({ problems: [], warnings: [] });
    const text = flat(docxText(docxParts((await svc.render(ID, b, 'docx')).bytes).get('word/document.xml')!));
    expect(text).toContain('Nhiệm vụ lớn Báo cáo Văn phòng Sở Các phòng thuộc Sở Quý II/2025 9.007.199.254.740.993');
    expect(text).toContain(
      'Cộng 9.007.199.254.741.000 Tổng kinh phí 9.007.199.254.741.000 Bằng chữ: Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi mốt nghìn đồng',
    );
  });
});

describe('fixtures', () => {
  it('the reference plan (reference/001) follows its custom programme: I. CẢI CÁCH THỂ CHẾ ... VII. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', async () => {
    const text = flat(docxText(docxParts((await svc.render(ID, fixture('ke-hoach-cchc-2020-so-nn-ptnt-ninh-thuan.json'), 'docx')).bytes).get('word/document.xml')!));
    const groups = [
      'I. CẢI CÁCH THỂ CHẾ',
      'II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
      'III. CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC',
      'IV. XÂY DỰNG VÀ NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC',
      'V. CẢI CÁCH TÀI CHÍNH CÔNG',
      'VI. HIỆN ĐẠI HÓA HÀNH CHÍNH',
      'VII. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH',
    ];
    let at = 0;
    for (const g of groups) {
      const i = text.indexOf(g, at);
      expect(i, g).toBeGreaterThan(0);
      at = i;
    }
    // The training example of reference/001 (table 2.3: 35 + 45 + 10 + 27 million) and a 2 million task.
    expect(text).toContain('Phòng Tổ chức cán bộ Các phòng chuyên môn thuộc Sở Quý II/2020 2.000.000 Cộng 119.000.000');
    expect(text).toContain('Tổng kinh phí 216.000.000 Bằng chữ: Hai trăm mười sáu triệu đồng');
  });

  it('the large example has at least 60 tasks and runs past 8 PDF pages, its appendix landscape', async () => {
    const t = svc.type(ID);
    expect(t.exampleFixture).toBe('ke-hoach-cchc-2025-so-noi-vu.json');
    const data = fixture(t.exampleFixture);
    expect((data.framework as { tasks: unknown[] }).tasks.length).toBeGreaterThanOrEqual(60);
    const i = pdfInfo((await svc.render(ID, data, 'pdf')).bytes);
    expect(i.pages).toBeGreaterThan(8);
    expect(i.pageSizes.filter(([w, h]) => w > h).length).toBeGreaterThan(5);
  }, 60_000);

  it('the draft leaves the number and the day blank', async () => {
    const text = flat(docxText(docxParts((await svc.render(ID, fixture('ke-hoach-cchc-du-thao.json'), 'docx')).bytes).get('word/document.xml')!));
    expect(text).toContain('Số: /KH-UBND');
    expect(text).toContain('Thuận Bắc, ngày tháng 12 năm 2024');
    expect(text).toContain('(Kèm theo Kế hoạch số /KH-UBND ngày tháng 12 năm 2024 của Ủy ban nhân dân huyện Thuận Bắc)');
  });
});
