/**
 * Kế hoạch cải cách hành chính năm (KH): the annual reform plan of a unit (cchc-documents.md section 1,
 * reference/001 section III). The body follows the prescribed outline (I. Mục đích, yêu cầu; II. Chỉ tiêu,
 * nhiệm vụ per reform area; III. Chế độ báo cáo; IV. Kinh phí; V. Tổ chức thực hiện) and the appendix is the
 * "Khung kế hoạch" table whose numbering, merged cells, subtotals, total and amount in words the service computes.
 */
import { z } from 'zod';
import { appendices, body, documentFields, fullDate, list, LIMITS, optionalRichText, optionalText, phrases, richText, text } from '../common/schema.js';
import { areaChoices, programme, resolveProgramme } from '../common/reform-programmes.js';
import { DIEM_ALPHABET } from '../../vietnamese/numbers.js';
import { parsePartialDate, compareDates } from '../../nd30/dates.js';

/** Money in integer đồng: a JSON safe integer, or a string of digits for larger amounts. */
export const MONEY_MAX_DIGITS = 18;
export const money = (title: string, description: string) =>
  z
    .union([z.number(), z.string()], {
      error: (iss) =>
        iss.input === undefined ? 'Thiếu trường bắt buộc' : 'Số tiền là số nguyên đồng hoặc chuỗi chữ số, ví dụ 125000000 hoặc "12500000000000000"',
    })
    .superRefine((v, ctx) => {
      if (typeof v === 'number') {
        if (!Number.isInteger(v)) ctx.addIssue({ code: 'custom', message: 'Số tiền phải là số nguyên đồng' });
        else if (v < 0) ctx.addIssue({ code: 'custom', message: 'Số tiền không được âm' });
        else if (!Number.isSafeInteger(v))
          ctx.addIssue({
            code: 'custom',
            message: 'Số tiền lớn hơn 9.007.199.254.740.991 không còn chính xác khi ghi dạng số: ghi dạng chuỗi chữ số, ví dụ "12500000000000000"',
          });
      } else if (!/^\d+$/.test(v))
        ctx.addIssue({ code: 'custom', message: 'Số tiền dạng chuỗi chỉ gồm chữ số, không có dấu chấm, dấu phẩy hay dấu cách, ví dụ "12500000000000000"' });
      else if (v.replace(/^0+(?=\d)/, '').length > MONEY_MAX_DIGITS)
        ctx.addIssue({ code: 'custom', message: `Số tiền quá lớn: tối đa ${MONEY_MAX_DIGITS} chữ số` });
    })
    .meta({ title, description });

const bullet = (title: string, description: string) => richText(title, description, 2_000);

/** Where an extra section can stand: after the opening or after one of the plan's own parts. */
export const SECTION_KEYS = ['opening', 'purposeRequirement', 'tasks', 'reporting', 'funding', 'implementation'] as const;

/** The fixed headings and phrases of the plan; each can be replaced (headings.<key>) or left out (false). */
export const HEADINGS = {
  purposeRequirement: 'MỤC ĐÍCH, YÊU CẦU',
  purpose: 'Mục đích',
  requirement: 'Yêu cầu',
  tasks: 'CHỈ TIÊU, NHIỆM VỤ',
  targets: 'Chỉ tiêu:',
  areaTasks: 'Nhiệm vụ:',
  reporting: 'CHẾ ĐỘ BÁO CÁO',
  funding: 'KINH PHÍ',
  implementation: 'TỔ CHỨC THỰC HIỆN',
} as const;

const paragraphs = (title: string, description: string, max = 10) =>
  list(richText('Đoạn văn', 'Một đoạn văn, in đúng như ghi.', LIMITS.text), title, description, max).optional();

const areaCode = (description: string) =>
  z
    .string({ error: 'Mã lĩnh vực là chuỗi ký tự, ví dụ "the-che"' })
    .trim()
    .min(1, { error: 'Không được để trống' })
    .max(40, { error: 'Dài quá: tối đa 40 ký tự' })
    .meta({ title: 'Mã lĩnh vực', description, ...areaChoices });

const areaTask = z.union([
  richText('Nhiệm vụ', 'Một nhiệm vụ, không ghi chữ cái đầu (dịch vụ tự đánh a), b), c), d), đ), ...).', LIMITS.text),
  z
    .object({
      text: richText('Nhiệm vụ', 'Nội dung nhiệm vụ, không ghi chữ cái đầu.', LIMITS.text),
      items: list(bullet('Nội dung chi tiết', 'Một ý gạch đầu dòng "-" dưới nhiệm vụ.'), 'Các ý chi tiết', 'Các ý gạch đầu dòng "-" dưới nhiệm vụ.', 30).optional(),
      after: paragraphs('Đoạn tiếp theo', 'Tùy chọn: các đoạn văn tiếp sau nhiệm vụ (và các ý của nó), không đánh số, in đúng như ghi.'),
    })
    .strict()
    .meta({ title: 'Nhiệm vụ có ý chi tiết', description: 'Nhiệm vụ kèm các ý gạch đầu dòng "-" bên dưới.' }),
]);

const areaSection = z
  .object({
    area: areaCode('Mã lĩnh vực của chương trình (ví dụ "thu-tuc-hanh-chinh"); các lĩnh vực in theo thứ tự của chương trình.'),
    title: optionalText('Tên mục', 'Tùy chọn: tên mục in đúng như ghi thay cho tên lĩnh vực của chương trình, ví dụ "Cải cách thủ tục hành chính, thực hiện cơ chế một cửa".', 500),
    after: paragraphs('Dòng kết mục', 'Tùy chọn: các đoạn in cuối mục, ví dụ "(Cụ thể tại Phụ lục kèm theo)".'),
    intro: optionalRichText('Đoạn mở đầu', 'Tùy chọn: đoạn văn ngay dưới tên lĩnh vực.', LIMITS.text),
    targets: list(
      bullet('Chỉ tiêu', 'Một chỉ tiêu đo được, ví dụ "Phấn đấu 95% - 100% hồ sơ thủ tục hành chính được giải quyết đúng hạn".'),
      'Chỉ tiêu',
      'Các chỉ tiêu của lĩnh vực, mỗi chỉ tiêu một dòng "- ...".',
      30,
    ).optional(),
    tasks: list(
      areaTask,
      'Nhiệm vụ',
      `Các nhiệm vụ của lĩnh vực, đánh a), b), c), ... theo bảng chữ cái tiếng Việt (tối đa ${DIEM_ALPHABET.length}).`,
      DIEM_ALPHABET.length,
    ).optional(),
  })
  .strict()
  .meta({ title: 'Lĩnh vực cải cách', description: 'Chỉ tiêu và nhiệm vụ của một lĩnh vực trong mục II. CHỈ TIÊU, NHIỆM VỤ.' });

export const REPORT_PERIODS = ['quy-1', 'quy-2', '6-thang', 'quy-3', '9-thang', 'quy-4', 'nam', 'dot-xuat', 'khac'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

const report = z
  .object({
    period: z
      .enum(REPORT_PERIODS, { error: `Kỳ báo cáo là một trong: ${REPORT_PERIODS.join(', ')}` })
      .meta({
        title: 'Kỳ báo cáo',
        description:
          'quy-1, quy-2, 6-thang, quy-3, 9-thang, quy-4, nam (thời gian lấy số liệu tính theo Nghị định 09/2019/NĐ-CP), dot-xuat (đột xuất), khac (tự đặt tên và thời gian).',
      }),
    name: optionalText('Tên báo cáo', 'Tùy chọn với kỳ định kỳ (mặc định "Báo cáo cải cách hành chính quý I năm 2025", ...); bắt buộc với kỳ khac.', 300),
    deadline: fullDate('Hạn gửi', 'Ngày phải gửi báo cáo (YYYY-MM-DD): "gửi trước ngày ..."; bắt buộc với báo cáo định kỳ.').optional(),
    dataFrom: fullDate('Số liệu từ ngày', 'Tùy chọn: thay ngày bắt đầu lấy số liệu tính theo Nghị định 09/2019/NĐ-CP.').optional(),
    dataTo: fullDate('Số liệu đến ngày', 'Tùy chọn: thay ngày kết thúc lấy số liệu tính theo Nghị định 09/2019/NĐ-CP.').optional(),
    note: optionalText('Ghi chú', 'Tùy chọn: nội dung thêm sau thời gian lấy số liệu, ví dụ "kèm theo biểu số liệu theo mẫu".', 500),
    deadlineText: optionalText(
      'Hạn gửi (quy tắc)',
      'Tùy chọn: hạn gửi viết thành quy tắc, in sau "gửi ... ", ví dụ "trước ngày 20 của tháng cuối kỳ báo cáo"; thay cho deadline.',
      300,
    ),
    dataPeriod: z
      .boolean()
      .optional()
      .meta({
        title: 'In thời gian lấy số liệu',
        description: 'Mặc định có với kỳ định kỳ ("số liệu tính từ ... đến ..." theo Nghị định 09/2019/NĐ-CP, hoặc dataFrom, dataTo); false để không in.',
      }),
    text: optionalRichText(
      'Cả dòng như ghi',
      'Tùy chọn: cả dòng báo cáo in đúng như ghi (không thêm gì, không bớt gì), thay cho dòng dịch vụ viết từ tên, hạn gửi và thời gian lấy số liệu.',
      LIMITS.text,
    ),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.period === 'khac' && !r.name && !r.text)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Báo cáo kỳ "khac" cần tên báo cáo (name), hoặc cả dòng như ghi (text)' });
    if (r.period !== 'dot-xuat' && r.period !== 'khac' && !r.deadline && !r.deadlineText && !r.text)
      ctx.addIssue({
        code: 'custom',
        path: ['deadline'],
        message:
          'Báo cáo định kỳ cần có hạn gửi: một ngày (deadline, YYYY-MM-DD, ví dụ "2025-03-18"), một quy tắc (deadlineText, ví dụ "trước ngày 20 của tháng cuối quý"), hoặc cả dòng như ghi (text)',
      });
    if (r.deadline && r.deadlineText)
      ctx.addIssue({ code: 'custom', path: ['deadlineText'], message: 'Ghi hạn gửi một cách: ngày (deadline, YYYY-MM-DD) hoặc quy tắc (deadlineText), không cả hai' });
    if ((r.dataFrom === undefined) !== (r.dataTo === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [r.dataFrom === undefined ? 'dataFrom' : 'dataTo'],
        message: 'Ghi cả ngày bắt đầu (dataFrom) và ngày kết thúc (dataTo) lấy số liệu, hoặc bỏ trống cả hai',
      });
    if (r.dataFrom && r.dataTo) {
      const a = parsePartialDate(r.dataFrom);
      const b = parsePartialDate(r.dataTo);
      if (a && b && compareDates(a, b) > 0)
        ctx.addIssue({ code: 'custom', path: ['dataTo'], message: 'Ngày kết thúc lấy số liệu phải sau ngày bắt đầu' });
    }
  })
  .meta({ title: 'Báo cáo', description: 'Một loại báo cáo: kỳ, hạn gửi và thời gian lấy số liệu.' });

const frameworkTask = z
  .object({
    area: areaCode('Mã lĩnh vực của chương trình mà nhiệm vụ thuộc về, ví dụ "the-che"; nhóm La Mã I, II, ... do dịch vụ đánh.'),
    general: text(
      'Nhiệm vụ chung',
      'Các nhiệm vụ liền nhau của cùng lĩnh vực có cùng nhiệm vụ chung được gộp một ô.',
      1_000,
    ),
    specific: richText('Nhiệm vụ cụ thể', 'Nội dung công việc cụ thể; xuống dòng bằng "\\n".', 2_000),
    product: text('Sản phẩm', 'Kết quả đầu ra, ví dụ "Kế hoạch", "Báo cáo", "Quyết định công bố".', 1_000),
    lead: text('Cơ quan chủ trì', 'Cơ quan, đơn vị chủ trì thực hiện.', 300),
    partners: optionalText('Cơ quan phối hợp', 'Tùy chọn: các cơ quan, đơn vị phối hợp.', 500),
    time: text('Thời gian thực hiện', 'Ví dụ "Quý I/2025", "Tháng 3/2025", "Cả năm".', 200),
    budget: money(
      'Kinh phí dự kiến',
      'Tùy chọn: số nguyên đồng (số; số tiền trên 9 triệu tỷ đồng ghi dạng chuỗi chữ số). Bỏ trống thì ô để trống và tính là 0 trong các tổng.',
    ).optional(),
    note: optionalRichText('Ghi chú', 'Tùy chọn: ghi chú, ví dụ nguồn kinh phí.', 500),
  })
  .strict()
  .meta({ title: 'Nhiệm vụ trong khung kế hoạch', description: 'Một hàng của bảng khung kế hoạch.' });

const framework = z
  .object({
    label: optionalText('Nhãn phụ lục', 'Tùy chọn: dòng "Phụ lục ..." in đúng như ghi; mặc định "Phụ lục" hoặc "Phụ lục I".', 100),
    upperCase: z.boolean().optional().meta({ title: 'In hoa tên phụ lục', description: 'Mặc định tự in hoa; false để in đúng như ghi.', default: true }),
    title: optionalText(
      'Tên khung kế hoạch',
      'Tùy chọn: tên phụ lục, viết như trong câu; mặc định "Khung kế hoạch cải cách hành chính năm <năm>".',
      500,
    ),
    subtitle: optionalText('Dòng phụ', 'Tùy chọn: dòng in nghiêng dưới tên phụ lục.', 500),
    tasks: list(frameworkTask, 'Các nhiệm vụ', 'Các hàng của khung kế hoạch; in theo thứ tự lĩnh vực của chương trình, trong mỗi lĩnh vực theo thứ tự ghi.', 500).min(1, {
      error: 'Cần ít nhất 1 nhiệm vụ',
    }),
    statedTotalBudget: money(
      'Tổng kinh phí ghi trong dữ liệu',
      'Tùy chọn: tổng kinh phí như văn bản gốc ghi; được in đúng như ghi (dòng "Tổng kinh phí", bằng chữ và câu tổng kinh phí ở mục Kinh phí) thay cho tổng dịch vụ tính từ các nhiệm vụ; khi khác tổng tính được thì có cảnh báo, và ?strict=true từ chối.',
    ).optional(),
    statedAreaBudgets: list(
      z
        .object({
          area: areaCode('Mã lĩnh vực.'),
          amount: money('Kinh phí của lĩnh vực', 'Kinh phí của lĩnh vực như văn bản gốc ghi.'),
        })
        .strict()
        .meta({
          title: 'Kinh phí lĩnh vực ghi trong dữ liệu',
          description: 'In đúng như ghi ở dòng "Cộng" của lĩnh vực; khi khác số cộng tính từ các nhiệm vụ thì có cảnh báo, và ?strict=true từ chối.',
        }),
      'Kinh phí từng lĩnh vực ghi trong dữ liệu',
      'Tùy chọn: cộng kinh phí từng lĩnh vực như văn bản gốc ghi, in thay cho số dịch vụ tính.',
      20,
    ).optional(),
  })
  .strict()
  .meta({
    title: 'Khung kế hoạch',
    description: 'Phụ lục "Khung kế hoạch" trình bày trên trang ngang: nhóm theo lĩnh vực, cộng từng lĩnh vực, tổng kinh phí bằng số và bằng chữ.',
  });

export const schema = z
  .object({
    ...documentFields,
    year: z
      .number({ error: 'Năm kế hoạch là số, ví dụ 2025' })
      .int({ error: 'Năm kế hoạch là số nguyên' })
      .min(2000, { error: 'Năm kế hoạch từ 2000 đến 2100' })
      .max(2100, { error: 'Năm kế hoạch từ 2000 đến 2100' })
      .meta({ title: 'Năm kế hoạch', description: 'Năm thực hiện kế hoạch, ví dụ 2025.' }),
    summary: optionalText('Trích yếu', 'Tùy chọn: mặc định "Cải cách hành chính năm <năm>"; xuống dòng bằng "\\n".', 500),
    programme,
    opening: z
      .object({
        paragraphs: list(richText('Đoạn văn', 'Một đoạn văn mở đầu.', LIMITS.text), 'Các đoạn mở đầu', 'Tùy chọn: các đoạn trước câu "Thực hiện ..., ... ban hành Kế hoạch ... như sau:".', 10).optional(),
        lead: z
          .enum(['Thực hiện', 'Căn cứ'], { error: 'Từ mở đầu là "Thực hiện" hoặc "Căn cứ"' })
          .optional()
          .meta({ title: 'Từ mở đầu', description: 'Mặc định "Thực hiện".' }),
        implements: list(
          text('Văn bản thực hiện', 'Ví dụ "Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ..."; không ghi "Thực hiện" và dấu chấm phẩy.', 1_000),
          'Các văn bản thực hiện',
          'Các văn bản mà kế hoạch thực hiện; dịch vụ nối bằng "; " và kết thúc câu bằng "..., <cơ quan> ban hành Kế hoạch ... như sau:".',
          20,
        )
          .min(1, { error: 'Cần ít nhất 1 văn bản' })
          .optional(),
        issuer: optionalText('Cơ quan ban hành (trong câu)', 'Tùy chọn: tên cơ quan như viết trong câu, ví dụ "Sở Nội vụ"; mặc định là tên cơ quan ban hành.', 300),
      })
      .strict()
      .refine((o) => (o.implements?.length ?? 0) > 0 || (o.paragraphs?.length ?? 0) > 0, {
        error: 'Phần mở đầu cần các văn bản thực hiện (implements, dịch vụ viết câu "Thực hiện ..., ... ban hành Kế hoạch ... như sau:") hoặc các đoạn in đúng như ghi (paragraphs)',
      })
      .meta({
        title: 'Phần mở đầu',
        description:
          'Các đoạn in đúng như ghi (paragraphs); khi có implements, dịch vụ viết thêm câu "Thực hiện ..., <cơ quan> ban hành Kế hoạch ... như sau:" sau các đoạn đó.',
      }),
    purposes: list(bullet('Mục đích', 'Một mục đích.'), 'Mục đích', 'Các ý của "1. Mục đích", mỗi ý một dòng "- ...".', 30).min(1, {
      error: 'Cần ít nhất 1 mục đích',
    }),
    requirements: list(bullet('Yêu cầu', 'Một yêu cầu.'), 'Yêu cầu', 'Các ý của "2. Yêu cầu", mỗi ý một dòng "- ...".', 30).min(1, {
      error: 'Cần ít nhất 1 yêu cầu',
    }),
    areas: list(areaSection, 'Chỉ tiêu, nhiệm vụ theo lĩnh vực', 'Mục II: mỗi lĩnh vực một mục 1., 2., ... theo thứ tự của chương trình.', 20).min(1, {
      error: 'Cần ít nhất 1 lĩnh vực',
    }),
    reporting: z
      .object({
        intro: list(richText('Đoạn văn', 'Một đoạn văn.', LIMITS.text), 'Đoạn mở đầu', 'Tùy chọn: các đoạn trước danh sách báo cáo.', 10).optional(),
        sendTo: optionalText('Nơi nhận báo cáo', 'Tùy chọn: ví dụ "Ủy ban nhân dân tỉnh (qua Sở Nội vụ)": "gửi <nơi nhận> trước ngày ...".', 300),
        reports: list(report, 'Các báo cáo', 'Các loại báo cáo, hạn gửi và thời gian lấy số liệu.', 20),
        numbered: z
          .boolean()
          .optional()
          .meta({ title: 'Đánh số các báo cáo', description: 'Mặc định mỗi báo cáo một dòng "- ..."; true để đánh số 1., 2., ...' }),
        notes: list(richText('Đoạn văn', 'Một đoạn văn.', LIMITS.text), 'Đoạn kết', 'Tùy chọn: các đoạn sau danh sách báo cáo.', 10).optional(),
      })
      .strict()
      .meta({ title: 'Chế độ báo cáo', description: 'Mục III. CHẾ ĐỘ BÁO CÁO; bỏ trống khi kế hoạch không có mục này.' })
      .optional(),
    funding: z
      .object({
        paragraphs: list(richText('Đoạn văn', 'Một đoạn văn.', LIMITS.text), 'Nội dung', 'Nguồn kinh phí và cách bố trí.', 20).min(1, {
          error: 'Cần ít nhất 1 đoạn',
        }),
        showTotal: z
          .boolean()
          .optional()
          .meta({
            title: 'Nêu tổng kinh phí',
            description: 'Mặc định có: thêm câu "Tổng kinh phí dự kiến ...: <số> đồng (Bằng chữ: ...)" tính từ khung kế hoạch khi tổng khác 0.',
            default: true,
          }),
      })
      .strict()
      .meta({ title: 'Kinh phí', description: 'Mục IV. KINH PHÍ.' })
      .optional(),
    implementation: z
      .object({
        intro: list(richText('Đoạn văn', 'Một đoạn văn.', LIMITS.text), 'Đoạn mở đầu', 'Tùy chọn: các đoạn trước phần trách nhiệm.', 10).optional(),
        responsibilities: list(
          z
            .object({
              agency: optionalText('Cơ quan, đơn vị', 'Tên in đậm sau số thứ tự, ví dụ "Văn phòng Sở"; bỏ trống khi đoạn trách nhiệm viết liền (text).', 300),
              text: optionalRichText(
                'Đoạn trách nhiệm viết liền',
                'Tùy chọn: đoạn in ngay sau số thứ tự, đúng như ghi, ví dụ "Văn phòng UBND tỉnh có trách nhiệm theo dõi, đôn đốc ..." (khi không có agency), hoặc dưới tên cơ quan.',
                LIMITS.text,
              ),
              duties: list(bullet('Nhiệm vụ', 'Một nhiệm vụ.'), 'Nhiệm vụ', 'Mỗi nhiệm vụ một dòng "- ...".', 30)
                .min(1, { error: 'Cần ít nhất 1 nhiệm vụ, hoặc bỏ trường này' })
                .optional(),
            })
            .strict()
            .refine((r) => r.agency !== undefined || r.text !== undefined, {
              error: 'Trách nhiệm cần tên cơ quan (agency, in đậm, các nhiệm vụ "- ..." bên dưới) hoặc đoạn viết liền (text)',
            })
            .meta({ title: 'Trách nhiệm', description: 'Trách nhiệm của một cơ quan, đơn vị: mục 1., 2., ...' }),
          'Trách nhiệm',
          'Trách nhiệm của từng cơ quan, đơn vị.',
          30,
        ).min(1, { error: 'Cần ít nhất 1 cơ quan, đơn vị' }),
      })
      .strict()
      .meta({ title: 'Tổ chức thực hiện', description: 'Mục V. TỔ CHỨC THỰC HIỆN.' }),
    closing: optionalRichText(
      'Đoạn kết',
      'Tùy chọn: mặc định "Trên đây là Kế hoạch ... Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, ..."; dịch vụ thêm "./.".',
      LIMITS.text,
    ),
    framework: framework.optional(),
    appendices,
    headings: phrases(HEADINGS),
    sections: list(
      z
        .object({
          after: z
            .enum(SECTION_KEYS, { error: `Vị trí là một trong: ${SECTION_KEYS.join(', ')}` })
            .meta({ title: 'Đặt sau mục', description: `Một trong: ${SECTION_KEYS.join(', ')}; phần thêm đứng ngay sau mục đó (opening: sau phần mở đầu).` }),
          title: text('Tên mục', 'In đúng như ghi sau số La Mã, ví dụ "MỤC TIÊU, CHỈ TIÊU".', 500),
          body: body('Nội dung mục', 'Đề mục (cấp 2: 1., 2.; cấp 3: 1.1.), đoạn văn, danh sách, bảng.'),
        })
        .strict()
        .meta({ title: 'Mục thêm', description: 'Một mục La Mã của văn bản gốc mà kế hoạch mẫu không có, đặt sau một mục đã có; các mục đánh số lại liên tục.' }),
      'Các mục thêm',
      'Tùy chọn: các mục La Mã khác của văn bản gốc, ví dụ "II. MỤC TIÊU, CHỈ TIÊU" giữa mục đích, yêu cầu và nhiệm vụ.',
      10,
    ).optional(),
    punctuation: z
      .enum(['auto', 'as-written'], { error: 'Dấu câu là auto hoặc as-written' })
      .optional()
      .meta({
        title: 'Dấu cuối các ý',
        description: 'auto (mặc định): thêm "." cuối mục đích, yêu cầu, chỉ tiêu, nhiệm vụ, trách nhiệm khi thiếu; as-written: in đúng như ghi, không thêm dấu.',
      }),
  })
  .strict()
  .superRefine((d, ctx) => {
    const prog = resolveProgramme(d.programme);
    const codes = prog.areas.map((a) => a.code);
    const progName = typeof d.programme === 'string' ? `chương trình ${d.programme}` : 'chương trình đã khai báo';
    const check = (code: string, path: (string | number)[]) => {
      if (!codes.includes(code))
        ctx.addIssue({ code: 'custom', path, message: `Mã lĩnh vực "${code}" không có trong ${progName}; các mã hợp lệ: ${codes.join(', ')}` });
    };
    const seen = new Map<string, number>();
    d.areas.forEach((a, i) => {
      check(a.area, ['areas', i, 'area']);
      const first = seen.get(a.area);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['areas', i, 'area'], message: `Lĩnh vực "${a.area}" đã có ở areas[${first}]` });
      else seen.set(a.area, i);
      if (!a.intro && !a.targets?.length && !a.tasks?.length)
        ctx.addIssue({ code: 'custom', path: ['areas', i], message: 'Lĩnh vực cần có đoạn mở đầu, chỉ tiêu hoặc nhiệm vụ' });
    });
    d.framework?.tasks.forEach((t, i) => check(t.area, ['framework', 'tasks', i, 'area']));
    const stated = new Map<string, number>();
    (d.framework?.statedAreaBudgets ?? []).forEach((s, i) => {
      check(s.area, ['framework', 'statedAreaBudgets', i, 'area']);
      const first = stated.get(s.area);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['framework', 'statedAreaBudgets', i, 'area'], message: `Lĩnh vực "${s.area}" đã có ở statedAreaBudgets[${first}]` });
      else stated.set(s.area, i);
    });
    if (typeof d.programme !== 'string') {
      const dup = new Map<string, number>();
      d.programme.areas.forEach((a, i) => {
        const first = dup.get(a.code);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: ['programme', 'areas', i, 'code'], message: `Mã lĩnh vực "${a.code}" đã có ở programme.areas[${first}]` });
        else dup.set(a.code, i);
      });
    }
  })
  .meta({
    title: 'Kế hoạch cải cách hành chính',
    description:
      'Kế hoạch cải cách hành chính năm của một cơ quan, đơn vị: mục đích, yêu cầu; chỉ tiêu, nhiệm vụ theo lĩnh vực của chương trình; chế độ báo cáo; kinh phí; tổ chức thực hiện; phụ lục khung kế hoạch trên trang ngang.',
  });

export type KeHoachCchc = z.infer<typeof schema>;
export type FrameworkTask = NonNullable<KeHoachCchc['framework']>['tasks'][number];
export type Money = number | string;
