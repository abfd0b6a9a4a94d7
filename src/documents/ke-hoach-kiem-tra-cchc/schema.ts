/**
 * Kế hoạch kiểm tra công tác cải cách hành chính (cchc-documents.md §4, reference/003): the plan a Sở Nội vụ
 * (or a district) issues to inspect the reform work of the units under it. The body has four fixed parts
 * (I. Mục đích, yêu cầu; II. Đối tượng và hình thức kiểm tra; III. Nội dung kiểm tra; IV. Tổ chức thực hiện);
 * Phụ lục I lists the units to inspect in groups, Phụ lục II is the report outline the units answer.
 * Every numeral (I, II, III; 1, 2, 3) is computed: the data never types one.
 */
import { z } from 'zod';
import { LIMITS, body, documentFields, list, optionalRichText, optionalText, phrases, richText, text } from '../common/schema.js';
import { areaChoices, programme, resolveProgramme } from '../common/reform-programmes.js';

const meta = (title: string, description: string) => ({ title, description });

/** The fixed headings and phrases of the plan; each can be replaced (headings.<key>) or left out (false). */
export const HEADINGS = {
  purposeRequirement: 'MỤC ĐÍCH, YÊU CẦU',
  purpose: 'Mục đích',
  requirement: 'Yêu cầu',
  targetsForms: 'ĐỐI TƯỢNG VÀ HÌNH THỨC KIỂM TRA',
  targets: 'Đối tượng',
  unitsNote: '(Danh sách các cơ quan, đơn vị dự kiến được kiểm tra tại <Phụ lục I> kèm theo)',
  forms: 'Hình thức kiểm tra',
  time: 'Thời gian kiểm tra:',
  contents: 'NỘI DUNG KIỂM TRA',
  contentsNote: '(Cụ thể nội dung kiểm tra theo Đề cương báo cáo tại <Phụ lục II> kèm theo)',
  implementation: 'TỔ CHỨC THỰC HIỆN',
} as const;

const bullet = z
  .union([
    richText('Mục', 'Một mục gạch đầu dòng "-".', LIMITS.text),
    z
      .object({
        text: richText('Nội dung', 'Nội dung mục gạch đầu dòng "-".', LIMITS.text),
        items: list(richText('Mục con', 'Một mục con "+".', LIMITS.text), 'Các mục con "+"', 'Các mục con gạch đầu dòng "+" dưới mục này.', 100)
          .min(1, { error: 'Cần ít nhất 1 mục con' })
          .optional(),
      })
      .strict(),
  ])
  .meta(meta('Mục gạch đầu dòng', 'Một chuỗi, hoặc { text, items } khi có mục con "+". Không cần gõ dấu "-" ở đầu.'));

const bullets = (title: string, description: string, max = 100) =>
  list(bullet, title, description, max).min(1, { error: 'Cần ít nhất 1 mục' });

const openingParagraph = z
  .union([
    richText('Đoạn văn', 'Một đoạn văn mở đầu.', LIMITS.text),
    z
      .object({
        text: richText('Đoạn văn', 'Một đoạn văn mở đầu.', LIMITS.text),
        footnote: text('Chú thích', 'Chú thích cuối trang gắn vào cuối đoạn (DOCX: chú thích thật của Word).', 2_000),
      })
      .strict(),
  ])
  .meta(meta('Đoạn mở đầu', 'Một chuỗi, hoặc { text, footnote } khi đoạn có chú thích cuối trang.'));

const contentItem = z
  .object({
    area: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, { error: 'Mã lĩnh vực gồm chữ thường không dấu, chữ số và dấu gạch ngang' })
      .optional()
      .meta({
        ...meta(
          'Lĩnh vực cải cách',
          'Tùy chọn: mã lĩnh vực của chương trình (ví dụ "the-che", "thu-tuc-hanh-chinh"); khi không có title, tên lĩnh vực là tên nội dung.',
        ),
        ...areaChoices,
      }),
    title: optionalText('Tên nội dung kiểm tra', 'Ví dụ "Công tác chỉ đạo, điều hành ..."; không ghi số thứ tự (dịch vụ tự đánh 1., 2., ...).', LIMITS.line),
    text: optionalRichText('Đoạn mô tả', 'Tùy chọn: đoạn văn dưới tên nội dung.', LIMITS.text),
    details: bullets('Các điểm cần kiểm tra', 'Tùy chọn: các mục gạch đầu dòng dưới nội dung này.').optional(),
  })
  .strict()
  .meta(
    meta(
      'Nội dung kiểm tra',
      'Một nội dung kiểm tra, đánh số 1., 2., ...: tên (title) hoặc lĩnh vực (area), có thể kèm đoạn mô tả và các điểm cần kiểm tra.',
    ),
  );

const responsibility = z
  .object({
    agency: text('Cơ quan, đơn vị', 'Cơ quan hoặc nhóm đơn vị được giao nhiệm vụ, ví dụ "Sở Nội vụ", "Các đơn vị được kiểm tra".', LIMITS.shortText),
    text: optionalRichText('Đoạn mô tả', 'Tùy chọn: đoạn văn dưới tên cơ quan.', LIMITS.text),
    duties: bullets('Nhiệm vụ', 'Các nhiệm vụ, mỗi nhiệm vụ một mục gạch đầu dòng (có thể bắt đầu bằng tên đơn vị: "Phòng Cải cách hành chính: ...").'),
  })
  .strict()
  .meta(meta('Trách nhiệm', 'Trách nhiệm của một cơ quan, đơn vị trong tổ chức thực hiện, đánh số 1., 2., ...'));

const unit = z
  .object({
    name: text('Tên cơ quan, đơn vị', 'Ví dụ "Sở Giáo dục và Đào tạo", "Huyện Đông Sơn"; không ghi số thứ tự.', LIMITS.shortText),
    time: optionalText(
      'Thời gian dự kiến',
      'Thời gian kiểm tra dự kiến của riêng đơn vị này, ví dụ "Tháng 5/2024". Bỏ trống khi nhóm có thời gian chung.',
      200,
    ),
    note: optionalText('Ghi chú', 'Tùy chọn: ghi chú riêng của đơn vị. Bỏ trống khi nhóm có ghi chú chung.', 300),
  })
  .strict()
  .meta(meta('Cơ quan, đơn vị được kiểm tra', 'Một hàng của Phụ lục I.'));

const ROMAN = /^[IVXLC]+$/;

const group = z
  .object({
    name: text(
      'Tên nhóm',
      'Ví dụ "Các sở, ngành cấp tỉnh", "Các cơ quan Trung ương đóng trên địa bàn tỉnh", "UBND cấp huyện"; không ghi số La Mã (dịch vụ tự đánh I, II, III).',
      LIMITS.shortText,
    ),
    time: optionalText(
      'Thời gian dự kiến chung',
      'Tùy chọn: một thời gian cho cả nhóm, in một lần trong ô gộp suốt các hàng của nhóm, ví dụ "Trong năm 2023".',
      200,
    ),
    note: optionalText('Ghi chú chung', 'Tùy chọn: một ghi chú cho cả nhóm, in một lần trong ô gộp suốt các hàng của nhóm.', 300),
    units: list(unit, 'Các cơ quan, đơn vị', 'Các cơ quan, đơn vị của nhóm theo thứ tự kiểm tra.', 300).min(1, {
      error: 'Nhóm cần ít nhất 1 cơ quan, đơn vị',
    }),
    label: optionalText(
      'Số thứ tự nhóm in như ghi',
      'Tùy chọn: số thứ tự của nhóm in đúng như văn bản gốc ghi, thay cho I, II, III do dịch vụ đánh (ví dụ văn bản gốc đánh I, II, II); dịch vụ vẫn cảnh báo khi khác số đúng.',
      20,
    ),
    statedNumeral: z
      .string()
      .trim()
      .regex(ROMAN, { error: 'Số La Mã gồm các chữ I, V, X, L, C' })
      .optional()
      .meta(
        meta(
          'Số La Mã ghi trong văn bản gốc',
          'Tùy chọn, chỉ để đối chiếu: số La Mã của nhóm như văn bản gốc ghi. Dịch vụ luôn tự đánh I, II, III theo thứ tự và cảnh báo khi số ghi khác.',
        ),
      ),
  })
  .strict()
  .superRefine((g, ctx) => {
    g.units.forEach((u, j) => {
      if (g.time !== undefined && u.time !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['units', j, 'time'],
          message: 'Nhóm đã có thời gian dự kiến chung (time của nhóm): bỏ thời gian của đơn vị, hoặc bỏ thời gian chung',
        });
      if (g.note !== undefined && u.note !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['units', j, 'note'],
          message: 'Nhóm đã có ghi chú chung (note của nhóm): bỏ ghi chú của đơn vị, hoặc bỏ ghi chú chung',
        });
    });
  })
  .meta(meta('Nhóm cơ quan, đơn vị', 'Một nhóm của Phụ lục I, đánh số I, II, III theo thứ tự; hàng nhóm in đậm.'));

const units = z
  .object({
    title: optionalText(
      'Tên phụ lục',
      'Mặc định "Danh sách cơ quan, đơn vị được kiểm tra năm <năm>"; viết thường như trong câu, tự in hoa.',
      500,
    ),
    subtitle: optionalText('Dòng phụ', 'Tùy chọn: dòng in nghiêng dưới tên phụ lục.', 500),
    numbering: z
      .enum(['per-group', 'continuous'], { error: 'Cách đánh số là per-group hoặc continuous' })
      .optional()
      .meta(
        meta(
          'Cách đánh số đơn vị',
          'per-group (mặc định, như văn bản mẫu): mỗi nhóm đánh lại từ 1; continuous: đánh liên tục 1, 2, 3 ... qua các nhóm.',
        ),
      ),
    groups: list(group, 'Các nhóm', 'Các nhóm cơ quan, đơn vị theo thứ tự trình bày.', 20).min(1, { error: 'Cần ít nhất 1 nhóm' }),
    label: optionalText('Nhãn phụ lục', 'Tùy chọn: dòng "Phụ lục ..." in đúng như ghi, ví dụ "Phụ lục 1"; mặc định "Phụ lục I" (hoặc "Phụ lục" khi chỉ có một phụ lục).', 100),
    upperCase: z.boolean().optional().meta({ ...meta('In hoa tên phụ lục', 'Mặc định tên phụ lục tự in hoa; false để in đúng như ghi.'), default: true }),
    columns: list(text('Tiêu đề cột', undefined, 200), 'Tiêu đề các cột', 'Tùy chọn: đúng 4 tiêu đề thay cho "TT", "Cơ quan, đơn vị", "Thời gian dự kiến", "Ghi chú".', 4)
      .length(4, { error: 'Ghi đúng 4 tiêu đề cột: TT, cơ quan đơn vị, thời gian, ghi chú' })
      .optional(),
  })
  .strict()
  .meta(meta('Danh sách cơ quan, đơn vị được kiểm tra', 'Phụ lục I: bảng TT | Cơ quan, đơn vị | Thời gian dự kiến | Ghi chú.'));

const reportOutline = z
  .object({
    title: optionalText('Tên phụ lục', 'Mặc định "Đề cương báo cáo"; tự in hoa.', 500),
    subtitle: optionalText(
      'Dòng dưới tên',
      'Tùy chọn: dòng in nghiêng dưới tên phụ lục, ví dụ "Tình hình, kết quả công tác cải cách hành chính".',
      500,
    ),
    subtitleFootnote: optionalText(
      'Chú thích của dòng dưới tên',
      'Tùy chọn: chú thích cuối trang gắn vào dòng dưới tên, ví dụ "Số liệu báo cáo (từ 01/01/2021 đến thời điểm báo cáo)".',
      2_000,
    ),
    body: body(
      'Nội dung đề cương',
      'Đề mục (cấp 1: I., II.; cấp 2: 1., 2.; tự đánh số), đoạn văn (có thể có chú thích cuối trang; một mục "- ..." cần chú thích thì viết thành đoạn văn bắt đầu bằng "- "), danh sách gạch đầu dòng.',
    ).min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
    label: optionalText('Nhãn phụ lục', 'Tùy chọn: dòng "Phụ lục ..." in đúng như ghi, ví dụ "Phụ lục 2"; mặc định "Phụ lục II".', 100),
    upperCase: z.boolean().optional().meta({ ...meta('In hoa tên phụ lục', 'Mặc định tên phụ lục tự in hoa; false để in đúng như ghi.'), default: true }),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.subtitleFootnote !== undefined && o.subtitle === undefined)
      ctx.addIssue({ code: 'custom', path: ['subtitleFootnote'], message: 'Chú thích gắn vào dòng dưới tên: cần có subtitle' });
  })
  .meta(meta('Đề cương báo cáo', 'Phụ lục II: đề cương báo cáo các đơn vị được kiểm tra phải gửi, có chú thích cuối trang.'));

export const schema = z
  .object({
    ...documentFields,
    number: documentFields.number.meta({
      title: 'Số văn bản',
      description: 'Bỏ trống với bản dự thảo (thường gặp ở kế hoạch kiểm tra): in "Số:      /KH-SNV", số được cấp khi đăng ký.',
    }),
    year: z
      .number()
      .int({ error: 'Năm phải là số nguyên' })
      .min(2000, { error: 'Năm từ 2000 đến 2100' })
      .max(2100, { error: 'Năm từ 2000 đến 2100' })
      .meta(meta('Năm kiểm tra', 'Năm của công tác cải cách hành chính được kiểm tra, ví dụ 2023.')),
    summary: optionalText(
      'Trích yếu',
      'Mặc định "Kiểm tra công tác cải cách hành chính năm <năm>"; xuống dòng bằng "\\n".',
      1_000,
    ),
    programme: programme.optional().meta({
      title: 'Chương trình cải cách hành chính',
      description: 'Mặc định "2021-2030" (Nghị quyết 76/NQ-CP); dùng cho tên các lĩnh vực (area) của nội dung kiểm tra.',
    }),
    opening: list(
      openingParagraph,
      'Phần mở đầu',
      'Các đoạn mở đầu: căn cứ thực hiện và câu dẫn, ví dụ "Thực hiện Quyết định số ..., Sở Nội vụ xây dựng Kế hoạch ... như sau:".',
      10,
    ).min(1, { error: 'Cần ít nhất 1 đoạn mở đầu' }),
    purposes: bullets('Mục đích', 'Mục I.1: các mục đích, mỗi mục một gạch đầu dòng.'),
    requirements: bullets('Yêu cầu', 'Mục I.2: các yêu cầu, mỗi mục một gạch đầu dòng.'),
    targets: bullets(
      'Đối tượng kiểm tra',
      'Mục II.1: các đối tượng, mỗi mục một gạch đầu dòng. Mặc định: tên các nhóm của Phụ lục I. Dịch vụ thêm dòng chỉ đến Phụ lục I.',
      30,
    ).optional(),
    forms: bullets('Hình thức kiểm tra', 'Mục II.2: các hình thức kiểm tra, mỗi hình thức một gạch đầu dòng.', 30),
    time: richText(
      'Thời gian kiểm tra',
      'Mục II.3, in sau "3. Thời gian kiểm tra:", ví dụ "Theo quyết định thành lập Đoàn kiểm tra".',
      2_000,
    ),
    contents: list(
      contentItem,
      'Nội dung kiểm tra',
      'Mục III: các nội dung kiểm tra, tự đánh số 1., 2., ... Khi có đề cương báo cáo, dịch vụ thêm dòng chỉ đến Phụ lục II.',
      30,
    ).min(1, { error: 'Cần ít nhất 1 nội dung kiểm tra' }),
    responsibilities: list(
      responsibility,
      'Tổ chức thực hiện',
      'Mục IV: trách nhiệm của từng cơ quan, đơn vị, tự đánh số 1., 2., ...; mục cuối được thêm "./.".',
      20,
    ).min(1, { error: 'Cần ít nhất 1 cơ quan, đơn vị' }),
    closing: list(
      richText('Đoạn kết', 'Một đoạn văn kết thúc.', LIMITS.text),
      'Đoạn kết',
      'Tùy chọn: các đoạn sau mục IV, ví dụ "Trên đây là Kế hoạch ..."; đoạn cuối được thêm "./.".',
      5,
    )
      .min(1, { error: 'Cần ít nhất 1 đoạn, hoặc bỏ trường này' })
      .optional(),
    units,
    reportOutline: reportOutline.optional(),
    headings: phrases(HEADINGS),
  })
  .strict()
  .superRefine((d, ctx) => {
    const areas = resolveProgramme(d.programme ?? '2021-2030').areas;
    d.contents.forEach((c, i) => {
      if (c.title === undefined && c.area === undefined)
        ctx.addIssue({ code: 'custom', path: ['contents', i, 'title'], message: 'Cần tên nội dung (title) hoặc mã lĩnh vực (area)' });
      if (c.area !== undefined && !areas.some((a) => a.code === c.area))
        ctx.addIssue({
          code: 'custom',
          path: ['contents', i, 'area'],
          message: `Chương trình không có lĩnh vực "${c.area}"; các mã: ${areas.map((a) => a.code).join(', ')}`,
        });
    });
  })
  .meta({
    title: 'Kế hoạch kiểm tra công tác cải cách hành chính',
    description:
      'Kế hoạch kiểm tra công tác cải cách hành chính năm ...: mục đích, yêu cầu; đối tượng, hình thức, thời gian; nội dung; tổ chức thực hiện; Phụ lục I danh sách đơn vị được kiểm tra theo nhóm; Phụ lục II đề cương báo cáo.',
  });

export type KeHoachKiemTra = z.infer<typeof schema>;
