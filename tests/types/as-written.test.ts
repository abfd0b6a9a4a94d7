/**
 * The author's words are printed as given (docs/fidelity.md): computed text is a default, fixed headings and
 * phrases can be replaced or left out, and the service states nothing the data did not give. Each case is
 * rendered in both formats (Chromium, docxtemplater) and the words are read back from the files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { docxPlainText, pdfPlainText } from '../../bench/fidelity.js';
import { docxParts } from '../support/docs.js';
import { expectIn, flat, renderBoth } from '../support/render.js';

const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 2, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());

const fixture = (type: string, name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, type, name), 'utf8')) as Record<string, unknown>;
const both = (type: string, data: unknown) => renderBoth(svc, type, data);

const agency = { name: 'Ủy ban nhân dân tỉnh Quảng Trị', headerLines: ['Ủy ban nhân dân', 'tỉnh Quảng Trị'], abbreviation: 'UBND' };

/** A provincial plan written the way real ones are: no framework table, run-in responsibilities, rules for deadlines. */
const plan = () => ({
  agency,
  number: 45,
  place: 'Quảng Trị',
  date: '2025-01-10',
  year: 2025,
  summary: 'Cải cách hành chính nhà nước tỉnh Quảng Trị năm 2025',
  programme: '2021-2030',
  punctuation: 'as-written',
  opening: {
    paragraphs: [
      'Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;',
      'Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 với các nội dung chủ yếu sau',
    ],
  },
  headings: { tasks: 'CÁC CHỈ TIÊU, NHIỆM VỤ CHỦ YẾU', purposeRequirement: 'MỤC ĐÍCH, YÊU CẦU', funding: 'KINH PHÍ THỰC HIỆN' },
  purposes: ['Tiếp tục đẩy mạnh cải cách hành chính gắn với chuyển đổi số'],
  requirements: ['Các nhiệm vụ phải cụ thể, gắn trách nhiệm người đứng đầu'],
  areas: [
    {
      area: 'thu-tuc-hanh-chinh',
      title: 'Cải cách thủ tục hành chính, thực hiện cơ chế một cửa',
      tasks: [
        { text: 'Rà soát, đơn giản hóa thủ tục hành chính', items: ['Rà soát ít nhất 20 thủ tục'], after: ['Các sở, ngành gửi kết quả rà soát về Văn phòng UBND tỉnh trước ngày 30/6/2025.'] },
        'Công khai thủ tục hành chính trên Cổng Dịch vụ công',
      ],
      after: ['(Cụ thể tại Phụ lục kèm theo)'],
    },
  ],
  reporting: {
    numbered: true,
    sendTo: 'UBND tỉnh (qua Sở Nội vụ)',
    reports: [
      { period: 'quy-1', deadlineText: 'trước ngày 20 của tháng cuối kỳ báo cáo', dataPeriod: false },
      { period: 'khac', name: 'Báo cáo chuyên đề về chuyển đổi số' },
      { period: 'nam', text: 'Báo cáo năm: thực hiện theo Công văn hướng dẫn của Sở Nội vụ.' },
    ],
  },
  funding: { paragraphs: ['Kinh phí thực hiện Kế hoạch bố trí trong dự toán ngân sách năm 2025 của các cơ quan, đơn vị.'] },
  implementation: {
    responsibilities: [
      { agency: 'Sở Nội vụ', duties: ['Theo dõi, đôn đốc việc thực hiện Kế hoạch'] },
      { text: 'Văn phòng UBND tỉnh có trách nhiệm chủ trì kiểm soát thủ tục hành chính.' },
    ],
  },
  signer: { authority: 'TM_KT', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'Phó Chủ tịch', name: 'Hà Sỹ Đồng' },
  recipients: {
    items: ['Bộ Nội vụ', 'Văn phòng Chính phủ', 'Các sở, ban, ngành'],
    groups: [{ first: 0, last: 1, note: '(để báo cáo)' }],
    archiveUnit: 'NC-KSTTHS.Th',
  },
});

describe('the annual plan as written (ke-hoach-cchc)', () => {
  it('prints the opening, headings, tasks, reports and responsibilities as given, and invents nothing', async () => {
    const t = await both('ke-hoach-cchc', plan());
    expectIn(
      t,
      [
        'Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà nước năm 2025 với các nội dung chủ yếu sau I. MỤC ĐÍCH, YÊU CẦU',
        'II. CÁC CHỈ TIÊU, NHIỆM VỤ CHỦ YẾU 1. Cải cách thủ tục hành chính, thực hiện cơ chế một cửa',
        // no full stop added after a task or a sub-heading, the continuation paragraph after its task, the section's closing line
        'a) Rà soát, đơn giản hóa thủ tục hành chính - Rà soát ít nhất 20 thủ tục Các sở, ngành gửi kết quả rà soát về Văn phòng UBND tỉnh trước ngày 30/6/2025. b) Công khai thủ tục hành chính trên Cổng Dịch vụ công (Cụ thể tại Phụ lục kèm theo)',
        '1. Báo cáo cải cách hành chính quý I năm 2025: gửi UBND tỉnh (qua Sở Nội vụ) trước ngày 20 của tháng cuối kỳ báo cáo;',
        '2. Báo cáo chuyên đề về chuyển đổi số: gửi UBND tỉnh (qua Sở Nội vụ);',
        '3. Báo cáo năm: thực hiện theo Công văn hướng dẫn của Sở Nội vụ.',
        'IV. KINH PHÍ THỰC HIỆN',
        '1. Sở Nội vụ - Theo dõi, đôn đốc việc thực hiện Kế hoạch 2. Văn phòng UBND tỉnh có trách nhiệm chủ trì kiểm soát thủ tục hành chính.',
        '- Bộ Nội vụ; - Văn phòng Chính phủ; } (để báo cáo) - Các sở, ban, ngành; - Lưu: VT, NC-KSTTHS.Th.',
      ],
      [
        'Thực hiện',
        'như sau:',
        'theo yêu cầu của cơ quan có thẩm quyền',
        'số liệu tính từ',
        'Khung kế hoạch',
        'Phụ lục I',
        'Tổng kinh phí',
        'Bằng chữ',
        'Cộng',
        /thủ tục hành chính\. - Rà soát/,
        'CHỈ TIÊU, NHIỆM VỤ 1.',
      ],
    );
  }, 60_000);

  it('a framework without any budget has no "Cộng", no total and no amount in words', async () => {
    const d = {
      ...plan(),
      framework: {
        tasks: [
          { area: 'thu-tuc-hanh-chinh', general: 'Rà soát thủ tục', specific: 'Rà soát 20 thủ tục', product: 'Báo cáo', lead: 'Văn phòng UBND tỉnh', time: 'Quý II/2025' },
        ],
      },
    };
    const t = await both('ke-hoach-cchc', d);
    expectIn(t, ['KHUNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025', 'Rà soát 20 thủ tục'], ['Cộng', 'Tổng kinh phí', 'Bằng chữ', 'Không đồng']);
  }, 60_000);

  it('the fixtures keep their computed defaults (opening sentence, cut-offs, framework, total)', async () => {
    const t = await both('ke-hoach-cchc', fixture('ke-hoach-cchc', 'ke-hoach-cchc-2025-so-noi-vu.json'));
    expectIn(t, ['ban hành Kế hoạch', 'như sau:', 'số liệu tính từ ngày 15 tháng 12 năm 2024', 'Tổng kinh phí', 'Bằng chữ:']);
  }, 60_000);

  it('refusals say what is allowed', () => {
    const d = plan() as Record<string, unknown>;
    d.opening = {};
    (d.reporting as { reports: unknown[] }).reports = [{ period: 'quy-2' }];
    (d.recipients as Record<string, unknown>).archiveUnit = 'NC KSTTHS';
    (d.implementation as { responsibilities: unknown[] }).responsibilities = [{ duties: ['Theo dõi'] }];
    const r = svc.validate('ke-hoach-cchc', d);
    const msg = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
    expect(msg['$.opening']).toMatch(/implements.*hoặc.*paragraphs/);
    expect(msg['$.reporting.reports[0].deadline']).toMatch(/deadline.*deadlineText.*trước ngày 20.*text/);
    expect(msg['$.recipients.archiveUnit']).toMatch(/NC-KSTTHS\.Th/);
    expect(msg['$.implementation.responsibilities[0]']).toMatch(/agency.*hoặc.*text/);
    // an agency abbreviation and a type name: the message gives examples of what is accepted
    const bad = { ...fixture('van-ban', 'thong-bao-ket-luan.json'), typeName: 'Bản tin nội bộ', agency: { ...agency, abbreviation: 'UB-ND' } };
    const m2 = Object.fromEntries(svc.validate('van-ban', bad).problems.map((p) => [p.path, p.message]));
    expect(m2['$.agency.abbreviation']).toMatch(/ví dụ "UBND"/);
    expect(m2['$.typeName']).toMatch(/các tên loại: .*Thông báo/);
  });
});

describe('other types', () => {
  it('inspection plan: headings and notes replaced or left out, appendix label and columns as written', async () => {
    const d = fixture('ke-hoach-kiem-tra-cchc', 'so-noi-vu-thanh-hoa-2023-du-thao.json');
    d.headings = { targets: 'Đối tượng kiểm tra', unitsNote: false, contentsNote: '(Theo đề cương kèm theo)' };
    (d.units as Record<string, unknown>).label = 'Phụ lục 1';
    (d.units as Record<string, unknown>).upperCase = false;
    (d.units as Record<string, unknown>).columns = ['STT', 'Các cơ quan, đơn vị', 'Thời gian', 'Ghi chú'];
    (d.recipients as Record<string, unknown>) = { items: ['Bộ Nội vụ (để b/c)', 'UBND cấp huyện'], archive: 'Lưu: VT; CCHC (02).' };
    const t = await both('ke-hoach-kiem-tra-cchc', d);
    expectIn(
      t,
      ['1. Đối tượng kiểm tra', '(Theo đề cương kèm theo)', 'Phụ lục 1 Danh sách cơ quan, đơn vị dự kiến thực hiện kiểm tra', 'STT Các cơ quan, đơn vị Thời gian Ghi chú', '- Lưu: VT; CCHC (02).'],
      ['Danh sách các cơ quan, đơn vị dự kiến được kiểm tra tại', /Phụ lục I /, /\(02\)\.\./],
    );
  }, 60_000);

  it('decision: the attached document\'s reference line as written; a content heading in the case it was written', async () => {
    const d = fixture('quyet-dinh', 'qd-152-ubnd-son-la.json');
    const att = d.attachment as { reference?: string; body: Record<string, unknown>[] };
    att.reference = '(Ban hành kèm theo Quyết định số: 152/QĐ-UBND ngày 22/01/2014 của UBND tỉnh Sơn La)';
    att.body[0] = { type: 'heading', level: 1, label: 'A.', text: 'Sự cần thiết (phần chung)', upperCase: false };
    const t = await both('quyet-dinh', d);
    expectIn(t, [att.reference, 'A. Sự cần thiết (phần chung)'], ['SỰ CẦN THIẾT (PHẦN CHUNG)', '(Ban hành kèm theo Quyết định số 152/QĐ-UBND ngày 22 tháng 01']);
  }, 60_000);

  it('report: a thematic report on two reform areas, its headings replaced, is accepted; a periodic one still needs every area', async () => {
    const d = fixture('bao-cao-cchc', 'bc-quy-1-2024-so-tnmt.json');
    const results = d.results as { area: string }[];
    d.results = results.filter((r) => r.area === 'thu-tuc-hanh-chinh' || r.area === 'chinh-quyen-so');
    delete d.tasks;
    delete d.plan;
    const periodic = svc.validate('bao-cao-cchc', d);
    expect(periodic.problems.map((p) => p.message).join('\n')).toMatch(/thematic: true/);
    d.thematic = true;
    delete d.direction;
    d.headings = { results: 'KẾT QUẢ CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ', proposals: false };
    expect(svc.validate('bao-cao-cchc', d).problems).toEqual([]);
    const t = await both('bao-cao-cchc', d);
    expectIn(
      t,
      ['I. KẾT QUẢ CẢI CÁCH THỦ TỤC HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ 1. Cải cách thủ tục hành chính', '2. Xây dựng và phát triển chính quyền điện tử, chính quyền số', 'II. ĐÁNH GIÁ CHUNG'],
      ['CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'KIẾN NGHỊ, ĐỀ XUẤT', 'Cải cách thể chế'],
    );
  }, 60_000);

  it('a legal normative resolution (van-ban): the year in the Số line, the appendix reference and the file name; refused for an administrative type', async () => {
    const d = fixture('van-ban', 'thong-bao-ket-luan.json');
    Object.assign(d, {
      typeName: 'Nghị quyết',
      normative: true,
      number: 15,
      date: '2023-12-08',
      agency: { name: 'Hội đồng nhân dân tỉnh Quảng Trị', abbreviation: 'HĐND' },
      appendices: [{ title: 'Danh mục nhiệm vụ', body: [{ type: 'paragraph', text: 'Nhiệm vụ thứ nhất.' }] }],
    });
    const [pdf, docx] = await Promise.all([svc.render('van-ban', d, 'pdf'), svc.render('van-ban', d, 'docx')]);
    const t = { pdf: flat(pdfPlainText(pdf.bytes)), docx: flat(docxPlainText(docx.bytes)) };
    expectIn(t, ['Số: 15/2023/NQ-HĐND', '(Kèm theo Nghị quyết số 15/2023/NQ-HĐND ngày 08 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh Quảng Trị)'], ['15/NQ-HĐND']);
    expect([pdf.filenameAscii, pdf.filenameUnicode]).toEqual(['NQ-15-2023-HDND.pdf', 'Nghị quyết 15-2023-NQ-HĐND.pdf']);
    const bad = svc.validate('van-ban', { ...d, typeName: 'Thông báo' });
    expect(bad.problems).toEqual([
      expect.objectContaining({ path: '$.normative', message: expect.stringMatching(/Chỉ nghị quyết và quyết định .*bỏ normative/) }),
    ]);
  }, 60_000);

  it('content blocks as written: a part\'s own label, a two-level table header, a table without header row, 12 pt; refusals say what is allowed', async () => {
    const d = fixture('van-ban', 'thong-bao-ket-luan.json');
    const twoLevel = {
      type: 'table',
      small: true,
      header: [
        [{ text: 'TT', rowSpan: 2 }, { text: 'Nội dung', rowSpan: 2 }, { text: 'Trách nhiệm', colSpan: 2 }],
        ['Cơ quan đầu mối', 'Cơ quan phối hợp'],
      ],
      columns: [{ width: 1 }, { width: 4 }, { width: 3 }, { width: 3 }],
      rows: [['1', 'Rà soát thủ tục', 'Sở Tư pháp', 'Các sở, ngành']],
    };
    const noHeader = { type: 'table', header: [], columns: [{ width: 1 }, { width: 2 }], rows: [['Đo lường được (Measurable)', 'Được thể hiện bằng các số liệu định lượng, định tính.']] };
    d.body = [
      { type: 'part', kind: 'phan', label: 'PHẦN HAI', title: 'Kỹ năng, nghiệp vụ về cải cách hành chính' },
      { type: 'part', kind: 'chuong', label: 'CHUYÊN ĐỀ 3', title: 'Lập kế hoạch cải cách hành chính\nvà xây dựng báo cáo cải cách hành chính' },
      twoLevel,
      noHeader,
      ...(d.body as unknown[]),
    ];
    const [pdf, docx] = await Promise.all([svc.render('van-ban', d, 'pdf'), svc.render('van-ban', d, 'docx')]);
    const t = { pdf: flat(pdfPlainText(pdf.bytes)), docx: flat(docxPlainText(docx.bytes)) };
    expectIn(
      t,
      [
        'PHẦN HAI KỸ NĂNG, NGHIỆP VỤ VỀ CẢI CÁCH HÀNH CHÍNH CHUYÊN ĐỀ 3 LẬP KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH VÀ XÂY DỰNG BÁO CÁO CẢI CÁCH HÀNH CHÍNH',
        'TT Nội dung Trách nhiệm Cơ quan đầu mối Cơ quan phối hợp 1 Rà soát thủ tục Sở Tư pháp Các sở, ngành',
        'Đo lường được (Measurable) Được thể hiện bằng các số liệu định lượng, định tính.',
      ],
      ['Phần I', 'Chương I'],
    );
    const xml = docxParts(docx.bytes).get('word/document.xml')!;
    const tables = xml.match(/<w:tbl>.*?<\/w:tbl>/g)!.filter((x) => x.includes('<w:tblBorders>'));
    // Two header rows, both repeated on every page: "Trách nhiệm" spans two columns, TT and Nội dung two rows; 12 pt.
    const head = tables[0]!.match(/<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>.*?<\/w:tr>/g)!;
    expect(head).toHaveLength(2);
    expect(head[0]).toMatch(/<w:gridSpan w:val="2"\/>.*Trách nhiệm/);
    expect(head[0]!.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(2);
    expect(head[1]!.match(/<w:vMerge\/>/g)).toHaveLength(2);
    expect(tables[0]).toContain('<w:sz w:val="24"/>');
    expect(tables[1]).not.toContain('<w:tblHeader/>');
    // the PDF: the same two header rows, and no header row in the second table
    expect(t.pdf).not.toMatch(/Đo lường được \(Measurable\).*Đo lường được \(Measurable\)/);

    const bad = fixture('van-ban', 'thong-bao-ket-luan.json');
    bad.body = [
      { type: 'table', columns: [{ width: 1 }, { header: 'B' }], rows: [['1', '2']] },
      { type: 'table', header: [[{ text: 'Trách nhiệm', colSpan: 3 }]], columns: [{ width: 1 }, { width: 1 }], rows: [['1', '2']] },
    ];
    const msg = Object.fromEntries(svc.validate('van-ban', bad).problems.map((p) => [p.path, p.message]));
    expect(msg['$.body[0].columns[0].header']).toMatch(/Cần tiêu đề cột .*hoặc phần đầu bảng ghi sẵn \(header của bảng.*\[\] khi bảng không có hàng tiêu đề/);
    expect(msg['$.body[1].header[0]']).toBe('Hàng tiêu đề chiếm 3 cột (tính cả ô gộp hàng, gộp cột) nhưng bảng có 2 cột');
  }, 60_000);

  it('decision: an attached document whose type is not in Appendix III ("Tài liệu") with typeNameAsWritten; refused without, saying so', () => {
    const d = fixture('quyet-dinh', 'qd-152-ubnd-son-la.json');
    (d.attachment as Record<string, unknown>).typeName = 'Tài liệu';
    const refused = svc.validate('quyet-dinh', d).problems;
    expect(refused.map((p) => p.path)).toEqual(['$.attachment.typeName']);
    expect(refused[0]!.message).toMatch(/các tên loại: Nghị quyết, .*Tên loại khác của văn bản kèm theo \(ví dụ "Tài liệu", "Danh mục"\) ghi kèm typeNameAsWritten: true/);
    (d.attachment as Record<string, unknown>).typeNameAsWritten = true;
    expect(svc.validate('quyet-dinh', d).problems).toEqual([]);
    const v = svc.type('quyet-dinh').view(svc.validate('quyet-dinh', d).data as never) as unknown as { attachment: { title: { typeName: string } } };
    expect(v.attachment.title.typeName).toBe('TÀI LIỆU');
  });

  it('letter: a heading in the case the author wrote it', async () => {
    const d = fixture('cong-van', 'huong-dan-ke-hoach-cchc.json');
    const body = d.body as Record<string, unknown>[];
    body[0] = { type: 'heading', level: 1, text: 'Kế hoạch cải cách hành chính năm 2025', upperCase: false };
    d.asAbove = false; // the source's Nơi nhận has no "Như trên"
    const t = await both('cong-van', d);
    expectIn(t, ['I. Kế hoạch cải cách hành chính năm 2025', 'Nơi nhận:'], ['KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025', 'Như trên']);
    // the default still adds it
    delete d.asAbove;
    expectIn(await both('cong-van', d), ['Nơi nhận: - Như trên;']);
  }, 60_000);

  it('logical-framework plan: fixed headings and the computed sentences replaced or left out', async () => {
    const d = fixture('khung-logic-cchc', 'ubnd-xa-tan-hai-2025.json');
    d.headings = { objectives: 'MỤC TIÊU, CHỈ TIÊU', frameworkText: false, fundingTotal: 'Kinh phí theo dự toán được giao năm 2025.' };
    const t = await both('khung-logic-cchc', d);
    expectIn(t, ['I. MỤC TIÊU, CHỈ TIÊU 1. Mục tiêu chung', 'Kinh phí theo dự toán được giao năm 2025.'], ['Kế hoạch được xây dựng theo phương pháp khung logic', 'Tổng kinh phí thực hiện Kế hoạch là']);
  }, 60_000);

  it('a footnote mark inside a paragraph, after the words the author anchored it to (PDF mark, DOCX reference)', async () => {
    const d = fixture('ke-hoach-kiem-tra-cchc', 'so-noi-vu-thanh-hoa-2023-du-thao.json');
    const body = (d.reportOutline as { body: Record<string, unknown>[] }).body;
    const p = body.find((b) => b.type === 'paragraph' && typeof b.footnote === 'string' && String(b.text).includes('hồ sơ TTHC'))!;
    p.footnoteAt = 'trễ hẹn trong giải quyết hồ sơ TTHC';
    const [pdf, docx] = await Promise.all([svc.render('ke-hoach-kiem-tra-cchc', d, 'pdf'), svc.render('ke-hoach-kiem-tra-cchc', d, 'docx')]);
    expect(flat(pdfPlainText(pdf.bytes))).toMatch(/trễ hẹn trong giải quyết hồ sơ TTHC[¹²³⁴⁵⁶⁷⁸⁹]; việc bố trí/u);
    const xml = docxParts(docx.bytes).get('word/document.xml')!;
    expect(xml).toMatch(/hồ sơ TTHC<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="\d+"\/><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t xml:space="preserve">; việc bố trí/);
    // an anchor that is not in the text is refused, saying what is expected
    p.footnoteAt = 'không có trong đoạn';
    expect(svc.validate('ke-hoach-kiem-tra-cchc', d).problems.map((x) => x.message).join()).toMatch(/đoạn chữ có trong nội dung/);
  }, 60_000);

  it('reform index: the fixed parts and their sentences replaced or left out', async () => {
    const d = fixture('chi-so-cchc', 'so-tnmt-tu-danh-gia-2024.json');
    d.headings = { sheet: 'KẾT QUẢ TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024', sheetNote: false };
    const t = await both('chi-so-cchc', d);
    expectIn(t, ['I. KẾT QUẢ TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024'], ['I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM', 'Điểm từng tiêu chí, tiêu chí thành phần và tài liệu kiểm chứng: chi tiết tại']);
  }, 60_000);
});
