/**
 * Báo cáo kết quả thực hiện công tác cải cách hành chính (periodic reform report, cchc-documents.md §3):
 * the period and its data cut-off, the five parts of the national outline (reference/003, Phụ lục 2) as content
 * blocks, the figures of each reform area as counts (rates are computed by the view), and the plan's tasks
 * with their status.
 */
import { z } from 'zod';
import {
  phrases,
  addressees,
  appendices,
  body,
  documentFields,
  fullDate,
  list,
  optionalRichText,
  optionalText,
  richText,
  text,
  type ContentBlock,
} from '../common/schema.js';
import { areaChoices, programme, resolveProgramme } from '../common/reform-programmes.js';
import { dossierProblems, MAX_COUNT, periodProblems } from './rules.js';

/** The fixed headings of the report; each can be replaced (headings.<key>) or left out (false). */
export const HEADINGS = {
  direction: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH',
  results: 'KẾT QUẢ THỰC HIỆN',
  assessment: 'ĐÁNH GIÁ CHUNG',
  strengths: 'Ưu điểm',
  weaknesses: 'Tồn tại, hạn chế và nguyên nhân',
  nextTasks: 'PHƯƠNG HƯỚNG, NHIỆM VỤ <kỳ tới>',
  proposals: 'KIẾN NGHỊ, ĐỀ XUẤT',
} as const;

export const PERIOD_KINDS = ['quy-1', '6-thang', 'quy-3', 'nam', 'dot-xuat'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const TASK_STATUSES = ['hoan-thanh', 'dang-thuc-hien', 'chua-thuc-hien'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The area that part I reports on; it has no section of its own in part II. */
export const DIRECTION_AREA = 'chi-dao-dieu-hanh';

const count = (title: string, description: string) =>
  z
    .number({ error: 'Cần một số nguyên không âm' })
    .int({ error: 'Phải là số nguyên' })
    .min(0, { error: 'Không được âm' })
    .max(MAX_COUNT, { error: `Lớn quá: tối đa ${MAX_COUNT}` })
    .meta({ title, description });

const statedPercent = (title: string, description: string, max = 100) =>
  z
    .number({ error: `Cần một số từ 0 đến ${max}` })
    .min(0, { error: `Tỷ lệ từ 0 đến ${max}` })
    .max(max, { error: `Tỷ lệ từ 0 đến ${max}` })
    .optional()
    .meta({ title, description });

const areaCode = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, { error: 'Mã lĩnh vực gồm chữ thường không dấu, chữ số và dấu gạch ngang' })
  .meta({
    title: 'Mã lĩnh vực',
    description:
      'Mã một lĩnh vực của chương trình cải cách, ví dụ "the-che", "thu-tuc-hanh-chinh", "chinh-quyen-so" (chương trình 2021-2030).',
    ...areaChoices,
  });

export const period = z
  .object({
    kind: z
      .enum(PERIOD_KINDS, { error: `Kỳ báo cáo là một trong: ${PERIOD_KINDS.join(', ')}` })
      .meta({
        title: 'Loại kỳ báo cáo',
        description: 'quy-1 (quý I), 6-thang (6 tháng đầu năm), quy-3 (quý III), nam (năm), dot-xuat (đột xuất: phải ghi from và to).',
      }),
    year: z
      .number({ error: 'Cần năm của kỳ báo cáo, ví dụ 2024' })
      .int({ error: 'Năm phải là số nguyên' })
      .min(2000, { error: 'Năm từ 2000 đến 2100' })
      .max(2100, { error: 'Năm từ 2000 đến 2100' })
      .meta({ title: 'Năm', description: 'Năm của kỳ báo cáo, ví dụ 2024 cho "quý I năm 2024".' }),
    from: fullDate(
      'Số liệu từ ngày',
      'Tùy chọn (bắt buộc với báo cáo đột xuất): ngày đầu kỳ số liệu, dạng YYYY-MM-DD. Bỏ trống thì tính theo Nghị định 09/2019/NĐ-CP (từ ngày 15 tháng cuối kỳ trước).',
    ).optional(),
    to: fullDate(
      'Số liệu đến ngày',
      'Tùy chọn (bắt buộc với báo cáo đột xuất): ngày chốt số liệu, dạng YYYY-MM-DD. Bỏ trống thì tính theo Nghị định 09/2019/NĐ-CP (ngày 14 tháng cuối kỳ).',
    ).optional(),
    note: z
      .union([text('Chú thích kỳ số liệu', undefined, 500), z.literal(false)], {
        error: 'Chú thích kỳ số liệu là chuỗi (in đúng như ghi) hoặc false (không in)',
      })
      .optional()
      .meta({
        title: 'Chú thích kỳ số liệu',
        description: 'Mặc định chú thích "Số liệu báo cáo tính từ ngày ... đến ngày ..." gắn vào đoạn mở đầu; chuỗi để in đúng như ghi, false để không in.',
      }),
    name: optionalText(
      'Tên kỳ báo cáo',
      'Tùy chọn: tên kỳ thay cho tên tự sinh ("quý I năm 2024", "6 tháng đầu năm 2024", ...), ví dụ "quý III và 9 tháng đầu năm 2024".',
      200,
    ),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const e of periodProblems(p)) ctx.addIssue({ code: 'custom', path: e.path, message: e.message });
  })
  .meta({
    title: 'Kỳ báo cáo',
    description: 'Loại kỳ, năm và (tùy chọn) kỳ số liệu; kỳ số liệu mặc định theo Điều 12 Nghị định 09/2019/NĐ-CP.',
  });

export const dossierRow = z
  .object({
    name: text('Cấp, lĩnh vực', 'Tên dòng số liệu, ví dụ "Cấp huyện", "Cấp xã", "Lĩnh vực đất đai".', 200),
    received: z
      .object({
        total: count(
          'Tổng số hồ sơ tiếp nhận',
          'Tùy chọn: bỏ trống thì dịch vụ tự cộng; nếu ghi thì phải bằng trực tiếp + bưu chính công ích + trực tuyến + kỳ trước chuyển sang.',
        ).optional(),
        inPerson: count('Tiếp nhận trực tiếp', 'Số hồ sơ tiếp nhận trực tiếp tại Bộ phận Một cửa trong kỳ.'),
        publicPost: count('Tiếp nhận qua bưu chính công ích', 'Số hồ sơ tiếp nhận qua dịch vụ bưu chính công ích (BCCI) trong kỳ.'),
        online: count('Tiếp nhận trực tuyến', 'Số hồ sơ tiếp nhận trực tuyến (dịch vụ công trực tuyến) trong kỳ.'),
        carriedOver: count('Kỳ trước chuyển sang', 'Tùy chọn: số hồ sơ kỳ trước chuyển sang, chưa giải quyết xong.').optional(),
      })
      .strict()
      .meta({ title: 'Hồ sơ tiếp nhận', description: 'Số hồ sơ tiếp nhận theo từng hình thức.' }),
    settled: z
      .object({
        total: count('Tổng số hồ sơ đã giải quyết', 'Tùy chọn: bỏ trống thì dịch vụ tự cộng; nếu ghi thì phải bằng đúng hạn + quá hạn.').optional(),
        onTime: count('Giải quyết đúng hạn', 'Số hồ sơ giải quyết đúng hạn, kể cả trước hạn.'),
        late: count('Giải quyết quá hạn', 'Số hồ sơ giải quyết quá hạn.'),
      })
      .strict()
      .meta({ title: 'Hồ sơ đã giải quyết', description: 'Số hồ sơ đã giải quyết đúng hạn và quá hạn.' }),
    pending: count(
      'Đang giải quyết',
      'Tùy chọn: số hồ sơ đang giải quyết; bỏ trống thì dịch vụ tính bằng tổng tiếp nhận trừ số đã giải quyết.',
    ).optional(),
    statedOnTimeRate: statedPercent(
      'Tỷ lệ đúng hạn ghi trong báo cáo',
      'Tùy chọn: tỷ lệ (%) đúng hạn mà báo cáo gốc ghi; dịch vụ tự tính và cảnh báo khi khác.',
    ),
    statedOnlineRate: statedPercent(
      'Tỷ lệ trực tuyến ghi trong báo cáo',
      'Tùy chọn: tỷ lệ (%) hồ sơ trực tuyến mà báo cáo gốc ghi; dịch vụ tự tính và cảnh báo khi khác.',
    ),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const e of dossierProblems(r).errors) ctx.addIssue({ code: 'custom', path: e.path, message: e.message });
  })
  .meta({ title: 'Dòng số liệu hồ sơ', description: 'Số hồ sơ thủ tục hành chính của một cấp hoặc một lĩnh vực.' });

export const dossiers = z
  .object({
    title: optionalText(
      'Tên bảng',
      'Tùy chọn; mặc định "Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính".',
      300,
    ),
    rows: list(
      dossierRow,
      'Các dòng số liệu',
      'Mỗi cấp hoặc lĩnh vực một dòng; từ 2 dòng trở lên dịch vụ tự cộng dòng tổng; trên 4 dòng thì bảng chi tiết đưa vào phụ lục.',
      50,
    ).min(1, { error: 'Cần ít nhất 1 dòng số liệu' }),
    statedOnTimeRate: statedPercent(
      'Tỷ lệ đúng hạn chung ghi trong báo cáo',
      'Tùy chọn: tỷ lệ (%) đúng hạn của tổng các dòng mà báo cáo gốc ghi; dịch vụ tự tính và cảnh báo khi khác.',
    ),
    statedOnlineRate: statedPercent(
      'Tỷ lệ trực tuyến chung ghi trong báo cáo',
      'Tùy chọn: tỷ lệ (%) trực tuyến của tổng các dòng mà báo cáo gốc ghi; dịch vụ tự tính và cảnh báo khi khác.',
    ),
  })
  .strict()
  .meta({
    title: 'Kết quả giải quyết hồ sơ thủ tục hành chính',
    description:
      'Số hồ sơ tiếp nhận (trực tiếp, bưu chính công ích, trực tuyến), đã giải quyết (đúng hạn, quá hạn), đang giải quyết; tỷ lệ do dịch vụ tính.',
  });

export const indicator = z
  .object({
    name: text('Chỉ tiêu', 'Tên chỉ tiêu, ví dụ "Văn bản quy phạm pháp luật được ban hành".', 500),
    unit: text('Đơn vị tính', 'Ví dụ "văn bản", "thủ tục", "người", "lớp".', 50),
    value: count('Kết quả thực hiện', 'Số đạt được trong kỳ.'),
    target: count('Kế hoạch', 'Tùy chọn: chỉ tiêu kế hoạch; khi có, dịch vụ tính tỷ lệ đạt = thực hiện / kế hoạch.').optional(),
    statedRate: statedPercent(
      'Tỷ lệ đạt ghi trong báo cáo',
      'Tùy chọn: tỷ lệ (%) đạt so với kế hoạch mà báo cáo gốc ghi (có thể trên 100); dịch vụ tự tính và cảnh báo khi khác.',
      100_000,
    ),
    note: optionalRichText('Ghi chú', 'Tùy chọn.', 500),
  })
  .strict()
  .meta({ title: 'Chỉ tiêu', description: 'Một chỉ tiêu đếm được của lĩnh vực, có thể kèm kế hoạch.' });

export const areaResult = z
  .object({
    area: areaCode,
    title: optionalText('Tên mục', 'Tùy chọn: tên mục in đúng như ghi thay cho tên lĩnh vực của chương trình.', 500),
    body: body(
      'Nội dung',
      'Kết quả thực hiện của lĩnh vực: đoạn văn, danh sách, bảng; đề mục từ cấp 3 (1.1., 1.2., ...) vì cấp 2 là tên lĩnh vực.',
    ).min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
    indicators: list(
      indicator,
      'Một số chỉ tiêu',
      'Tùy chọn: bảng chỉ tiêu đặt sau nội dung; tỷ lệ đạt do dịch vụ tính.',
      50,
    )
      .min(1, { error: 'Cần ít nhất 1 chỉ tiêu' })
      .optional(),
    dossiers: dossiers.optional(),
    bodyAfter: body('Nội dung sau bảng số liệu', 'Tùy chọn: nội dung tiếp theo, đặt sau các bảng số liệu; đề mục từ cấp 3.').optional(),
  })
  .strict()
  .meta({ title: 'Kết quả của một lĩnh vực', description: 'Một mục của phần II: nội dung và số liệu của một lĩnh vực cải cách.' });

export const task = z
  .object({
    area: areaCode,
    name: richText('Nhiệm vụ', 'Nhiệm vụ như trong kế hoạch cải cách hành chính.', 1_000),
    product: optionalText('Sản phẩm', 'Tùy chọn: sản phẩm theo kế hoạch, ví dụ "Kế hoạch", "Báo cáo", "Quyết định".', 300),
    lead: optionalText('Cơ quan chủ trì', 'Tùy chọn: cơ quan, đơn vị chủ trì.', 300),
    deadline: optionalText('Thời gian hoàn thành', 'Tùy chọn: như trong kế hoạch, ví dụ "Quý I", "Tháng 6", "Cả năm".', 100),
    status: z
      .enum(TASK_STATUSES, { error: `Tình trạng là một trong: ${TASK_STATUSES.join(', ')}` })
      .meta({ title: 'Tình trạng', description: 'hoan-thanh (Hoàn thành), dang-thuc-hien (Đang thực hiện), chua-thuc-hien (Chưa thực hiện).' }),
    result: optionalRichText('Kết quả, ghi chú', 'Tùy chọn: văn bản, sản phẩm đã có, hoặc lý do chưa hoàn thành.', 2_000),
  })
  .strict()
  .meta({ title: 'Nhiệm vụ', description: 'Một nhiệm vụ của kế hoạch cải cách hành chính và tình trạng thực hiện.' });

export const schema = z
  .object({
    ...documentFields,
    programme,
    period,
    summary: optionalText(
      'Trích yếu',
      'Tùy chọn: mặc định "Kết quả thực hiện công tác cải cách hành chính <kỳ>"; xuống dòng bằng "\\n".',
      500,
    ),
    addressees,
    basis: list(
      text('Căn cứ', 'Văn bản yêu cầu báo cáo, ví dụ "Công văn số 1234/SNV-CCHC ngày 20 tháng 11 năm 2024 của Sở Nội vụ".', 500),
      'Thực hiện',
      'Tùy chọn: các văn bản mà báo cáo thực hiện; dịch vụ viết câu mở đầu "Thực hiện ..., <cơ quan> báo cáo ... như sau:".',
      10,
    ).optional(),
    opening: optionalRichText(
      'Đoạn mở đầu',
      'Tùy chọn: đoạn mở đầu tự viết thay cho câu tự sinh; chú thích kỳ số liệu vẫn gắn vào đoạn này.',
      3_000,
    ),
    plan: optionalText(
      'Kế hoạch được báo cáo',
      'Tùy chọn: kế hoạch cải cách hành chính mà các nhiệm vụ thuộc về, ví dụ "Kế hoạch số 215/KH-UBND ngày 25 tháng 12 năm 2023 của Ủy ban nhân dân huyện".',
      500,
    ),
    direction: body('I. Công tác chỉ đạo, điều hành', 'Kế hoạch, văn bản chỉ đạo, tuyên truyền, kiểm tra, sáng kiến; đề mục từ cấp 2 (1., 2., ...). Báo cáo chuyên đề (thematic) có thể bỏ.')
      .min(1, { error: 'Cần ít nhất 1 khối nội dung' })
      .optional(),
    thematic: z
      .boolean()
      .optional()
      .meta({
        title: 'Báo cáo chuyên đề',
        description:
          'true: báo cáo về một hoặc vài lĩnh vực; phần II chỉ có các lĩnh vực trong results (ít nhất một), phần công tác chỉ đạo, điều hành (direction) có thể bỏ.',
      }),
    headings: phrases(HEADINGS),
    results: list(
      areaResult,
      'II. Kết quả thực hiện',
      'Mỗi lĩnh vực của chương trình (trừ công tác chỉ đạo, điều hành ở phần I) một mục; dịch vụ xếp theo thứ tự của chương trình.',
      20,
    ),
    assessment: z
      .object({
        strengths: body('1. Ưu điểm', 'Đề mục từ cấp 3.').min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
        weaknesses: body('2. Tồn tại, hạn chế và nguyên nhân', 'Đề mục từ cấp 3.').min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
      })
      .strict()
      .meta({ title: 'III. Đánh giá chung', description: 'Ưu điểm; tồn tại, hạn chế và nguyên nhân.' }),
    nextTasks: body('IV. Phương hướng, nhiệm vụ kỳ tới', 'Đề mục từ cấp 2 (1., 2., ...).').min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
    proposals: body(
      'V. Kiến nghị, đề xuất',
      'Đề mục từ cấp 2; khối cuối là đoạn văn hoặc danh sách, được thêm "./.". Không có kiến nghị thì ghi một đoạn "Không có."',
    ).min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
    tasks: list(
      task,
      'Nhiệm vụ của kế hoạch',
      'Tùy chọn: các nhiệm vụ của kế hoạch và tình trạng; dịch vụ tính tỷ lệ hoàn thành theo lĩnh vực và chung, lập phụ lục danh mục nhiệm vụ.',
      500,
    ).optional(),
    appendices,
  })
  .strict()
  .superRefine((d, ctx) => {
    const prog = resolveProgramme(d.programme);
    const codes = new Set(prog.areas.map((a) => a.code));
    if (!d.thematic && d.direction === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['direction'],
        message: 'Báo cáo định kỳ cần phần I. Công tác chỉ đạo, điều hành (direction, ít nhất 1 khối nội dung); báo cáo chuyên đề ghi thematic: true thì có thể bỏ',
      });
    if (d.thematic && d.results.length === 0)
      ctx.addIssue({ code: 'custom', path: ['results'], message: 'Báo cáo chuyên đề cần kết quả của ít nhất 1 lĩnh vực (results), ví dụ { "area": "thu-tuc-hanh-chinh", "body": [...] }' });
    const known = prog.areas.map((a) => a.code).join(', ');
    const seen = new Map<string, number>();
    d.results.forEach((r, i) => {
      if (r.area === DIRECTION_AREA)
        ctx.addIssue({
          code: 'custom',
          path: ['results', i, 'area'],
          message: 'Công tác chỉ đạo, điều hành trình bày ở phần I (trường direction), không thành một mục của phần II',
        });
      else if (!codes.has(r.area))
        ctx.addIssue({ code: 'custom', path: ['results', i, 'area'], message: `Lĩnh vực "${r.area}" không có trong chương trình; các mã: ${known}` });
      else if (seen.has(r.area))
        ctx.addIssue({
          code: 'custom',
          path: ['results', i, 'area'],
          message: `Lĩnh vực "${r.area}" đã có ở results[${seen.get(r.area)}]: mỗi lĩnh vực một mục`,
        });
      else seen.set(r.area, i);
      headingLevels(r.body, 3, ['results', i, 'body'], ctx);
      if (r.bodyAfter) headingLevels(r.bodyAfter, 3, ['results', i, 'bodyAfter'], ctx);
    });
    for (const a of prog.areas) {
      if (d.thematic || a.code === DIRECTION_AREA || seen.has(a.code)) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['results'],
        message: `Thiếu kết quả của lĩnh vực "${a.name}" (mã ${a.code}): báo cáo định kỳ có một mục cho mỗi lĩnh vực của chương trình; báo cáo về một vài lĩnh vực ghi thematic: true`,
      });
    }
    (d.tasks ?? []).forEach((t, i) => {
      if (!codes.has(t.area))
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'area'], message: `Lĩnh vực "${t.area}" không có trong chương trình; các mã: ${known}` });
    });
    if (d.tasks && d.tasks.length > 0 && !d.plan)
      ctx.addIssue({ code: 'custom', path: ['plan'], message: 'Có danh mục nhiệm vụ (tasks) thì ghi kế hoạch mà các nhiệm vụ thuộc về (plan), ví dụ "Kế hoạch số 215/KH-UBND ngày 25 tháng 12 năm 2023 của Ủy ban nhân dân huyện"' });
    if (d.direction) headingLevels(d.direction, 2, ['direction'], ctx);
    headingLevels(d.assessment.strengths, 3, ['assessment', 'strengths'], ctx);
    headingLevels(d.assessment.weaknesses, 3, ['assessment', 'weaknesses'], ctx);
    headingLevels(d.nextTasks, 2, ['nextTasks'], ctx);
    headingLevels(d.proposals, 2, ['proposals'], ctx);
    const last = d.proposals[d.proposals.length - 1];
    if (last && last.type !== 'paragraph' && last.type !== 'list')
      ctx.addIssue({
        code: 'custom',
        path: ['proposals', d.proposals.length - 1],
        message: 'Khối cuối của phần Kiến nghị, đề xuất phải là đoạn văn hoặc danh sách: văn bản kết thúc bằng "./." sau câu cuối',
      });
  })
  .meta({
    title: 'Báo cáo cải cách hành chính',
    description:
      'Báo cáo kết quả thực hiện công tác cải cách hành chính quý I, 6 tháng, quý III, năm hoặc đột xuất, theo đề cương 5 phần; kỳ số liệu theo Nghị định 09/2019/NĐ-CP; tỷ lệ và mức độ hoàn thành kế hoạch do dịch vụ tính.',
  });

/**
 * Headings inside a part: level 1 (I., II.) is the service's, and inside an area or a subsection of part III
 * level 2 (1., 2.) too. A level-3 heading needs a level-2 heading above it where level 2 is the writer's.
 */
function headingLevels(blocks: ContentBlock[], min: 2 | 3, path: (string | number)[], ctx: z.RefinementCtx): void {
  let seenLevel2 = false;
  blocks.forEach((b, i) => {
    if (b.type === 'part')
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'type'],
        message: 'Báo cáo không dùng Phần, Chương, Mục trong nội dung: dùng đề mục (heading)',
      });
    if (b.type !== 'heading' || b.numbered === false) return;
    if (b.level < min)
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'level'],
        message:
          min === 2
            ? 'Đề mục cấp 1 (I., II., ...) là các phần của báo cáo, do dịch vụ đánh số: trong phần này đề mục từ cấp 2 (1., 2., ...)'
            : 'Cấp 1 và cấp 2 (I., 1.) do dịch vụ đánh số cho phần và mục: ở đây đề mục từ cấp 3 (1.1., 1.2., ...) hoặc cấp 4 (a), b), ...)',
      });
    if (b.level === 2) seenLevel2 = true;
    if (min === 2 && b.level === 3 && !seenLevel2)
      ctx.addIssue({ code: 'custom', path: [...path, i, 'level'], message: 'Đề mục cấp 3 (1.1.) phải nằm sau một đề mục cấp 2 (1.)' });
  });
}

export type BaoCaoCchc = z.infer<typeof schema>;
export type Period = z.infer<typeof period>;
export type DossierRow = z.infer<typeof dossierRow>;
export type Dossiers = z.infer<typeof dossiers>;
export type Indicator = z.infer<typeof indicator>;
export type Task = z.infer<typeof task>;
