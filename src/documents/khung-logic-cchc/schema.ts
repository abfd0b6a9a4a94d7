/**
 * Kế hoạch cải cách hành chính theo khung logic (reference/001, tables 2.2 and 2.3): Mục tiêu chung, Mục tiêu
 * cụ thể, then lĩnh vực (an area of the programme) -> kết quả -> hoạt động, each row with its success
 * indicators, means of verification, time and responsible units. Budgets are typed on activities; a result's,
 * an area's and the plan's budgets are sums the service computes, unless the author states one: it is printed
 * as given, and a warning says the sum when they differ.
 */
import { z } from 'zod';
import { documentFields, list, optionalRichText, optionalText, phrases, richText, text } from '../common/schema.js';

/** The fixed headings and computed sentences of the plan; each can be replaced (headings.<key>) or left out (false). */
export const HEADINGS = {
  objectives: 'MỤC TIÊU',
  general: 'Mục tiêu chung',
  specific: 'Mục tiêu cụ thể',
  framework: 'KHUNG LOGIC KẾ HOẠCH',
  frameworkText: 'Kế hoạch được xây dựng theo phương pháp khung logic, ... được nêu tại Phụ lục kèm theo Kế hoạch này.',
  funding: 'KINH PHÍ THỰC HIỆN',
  fundingTotal: 'Tổng kinh phí thực hiện Kế hoạch là <tổng> đồng (Bằng chữ: ...).',
  monitoring: 'THEO DÕI, ĐÁNH GIÁ VÀ BÁO CÁO',
  implementation: 'TỔ CHỨC THỰC HIỆN',
} as const;
import { areaChoices, programme, resolveProgramme } from '../common/reform-programmes.js';

const MAX_DIGITS = 24;

/** Money in integer đồng: a JSON number up to 2^53 - 1, or a string of digits for larger amounts. */
export const amount = (title: string, description: string) =>
  z
    .union([z.number(), z.string()], { error: 'Số tiền là số nguyên (đồng) hoặc chuỗi chữ số, ví dụ 35000000 hoặc "35000000"' })
    .superRefine((v, ctx) => {
      if (typeof v === 'number') {
        if (!Number.isInteger(v)) ctx.addIssue({ code: 'custom', message: 'Số tiền phải là số nguyên (đồng), không có phần thập phân' });
        else if (v < 0) ctx.addIssue({ code: 'custom', message: 'Số tiền không được âm' });
        else if (!Number.isSafeInteger(v))
          ctx.addIssue({
            code: 'custom',
            message: 'Số tiền lớn hơn 9.007.199.254.740.991 không còn chính xác khi ghi dạng số: ghi dạng chuỗi chữ số, ví dụ "12500000000000000"',
          });
      } else if (!/^\d+$/.test(v))
        ctx.addIssue({ code: 'custom', message: 'Số tiền dạng chuỗi chỉ gồm chữ số, không có dấu chấm, dấu phẩy hay khoảng trắng, ví dụ "35000000"' });
      else if (v.length > MAX_DIGITS) ctx.addIssue({ code: 'custom', message: `Số tiền quá lớn: tối đa ${MAX_DIGITS} chữ số` });
    })
    .meta({ title, description });

export type Amount = number | string;

const lines = (title: string, description: string, max = 20) =>
  list(text(title, 'Một dòng; dịch vụ tự thêm gạch đầu dòng khi có nhiều dòng.', 2_000), title, description, max);

const indicators = (level: string) =>
  lines('Chỉ số thành công', `Các chỉ số chứng tỏ ${level} được hoàn thành, mỗi chỉ số một mục, ví dụ "100% hồ sơ được giải quyết đúng hạn".`);
const verification = (level: string) =>
  lines(
    'Phương tiện xác minh (tài liệu kiểm chứng)',
    `Các tài liệu, chứng cứ thể hiện việc hoàn thành ${level}, mỗi tài liệu một mục, ví dụ "Báo cáo kết quả khóa tập huấn".`,
  );
const time = text('Thời gian thực hiện', 'Khoảng thời gian hoặc mốc hoàn thành, ví dụ "Quý II/2024", "Từ 01 đến 15 tháng 10/2024".', 200);
const lead = text('Cơ quan chủ trì', 'Cơ quan, đơn vị đầu mối chịu trách nhiệm thực hiện, ví dụ "Phòng Tổ chức cán bộ".', 300);
const partners = list(
  text('Cơ quan phối hợp', 'Một cơ quan, đơn vị phối hợp.', 300),
  'Cơ quan phối hợp',
  'Tùy chọn: các cơ quan, đơn vị tham gia phối hợp thực hiện, mỗi cơ quan một mục.',
  20,
);

const budgetItem = z
  .object({
    purpose: text('Nội dung chi', 'Khoản chi, ví dụ "Giảng viên", "Chi phí lớp học".', 200),
    amount: amount('Số tiền (đồng)', 'Số tiền của khoản chi, số nguyên đồng.'),
  })
  .strict()
  .meta({ title: 'Khoản chi', description: 'Một khoản chi của hoạt động.' });

export const activity = z
  .object({
    content: richText('Nội dung hoạt động', 'Công việc cần làm để đạt kết quả, ví dụ "Tổ chức tập huấn (01 lớp x 03 ngày)". Số thứ tự n.m.k do dịch vụ đánh.', 2_000),
    indicators: indicators('hoạt động').min(1, { error: 'Hoạt động cần ít nhất 1 chỉ số thành công' }),
    verification: verification('hoạt động').min(1, { error: 'Hoạt động cần ít nhất 1 phương tiện xác minh' }),
    budget: amount('Ngân sách (đồng)', 'Ngân sách của hoạt động, số nguyên đồng (0 khi không cần kinh phí riêng). Ghi budget hoặc budgetItems.').optional(),
    budgetItems: list(
      budgetItem,
      'Các khoản chi',
      'Thay cho budget khi ngân sách của hoạt động gồm nhiều khoản (ví dụ giảng viên, chi phí lớp học): dịch vụ cộng lại.',
      10,
    )
      .min(2, { error: 'Cần ít nhất 2 khoản chi (một khoản thì ghi budget)' })
      .optional(),
    time,
    lead,
    partners: partners.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.budget === undefined && a.budgetItems === undefined)
      ctx.addIssue({ code: 'custom', path: ['budget'], message: 'Hoạt động cần ngân sách: ghi budget (0 khi không cần kinh phí riêng) hoặc budgetItems' });
    if (a.budget !== undefined && a.budgetItems !== undefined)
      ctx.addIssue({ code: 'custom', path: ['budgetItems'], message: 'Chỉ ghi một trong budget và budgetItems' });
  })
  .meta({ title: 'Hoạt động', description: 'Hoạt động n.m.k: một hoặc một số công việc để đạt kết quả đầu ra.' });

const statedBudget = (level: string, of: string) =>
  amount(
    'Ngân sách ghi trong kế hoạch (đồng)',
    `Tùy chọn: ngân sách của ${level} như kế hoạch gốc ghi, được in đúng như ghi; không ghi thì dịch vụ tính bằng tổng ${of}. Khi con số ghi khác tổng tính được thì có cảnh báo, và ?strict=true từ chối.`,
  ).optional();

export const result = z
  .object({
    content: richText('Nội dung kết quả', 'Kết quả đầu ra, ví dụ "Nâng cao năng lực xây dựng và quản lý kế hoạch công tác". Số thứ tự n.m do dịch vụ đánh.', 2_000),
    indicators: indicators('kết quả').optional(),
    verification: verification('kết quả').optional(),
    statedBudget: statedBudget('kết quả', 'các hoạt động'),
    time: time.optional(),
    lead: lead.optional(),
    partners: partners.optional(),
    activities: list(activity, 'Các hoạt động', 'Các hoạt động n.m.1, n.m.2, ... để đạt kết quả.', 30).min(1, {
      error: 'Kết quả cần ít nhất 1 hoạt động',
    }),
  })
  .strict()
  .meta({ title: 'Kết quả', description: 'Kết quả đầu ra n.m của một lĩnh vực.' });

export const area = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, { error: 'Không được để trống' })
      .max(40, { error: 'Dài quá: tối đa 40 ký tự' })
      .meta({
        title: 'Mã lĩnh vực',
        description: 'Mã lĩnh vực của chương trình cải cách hành chính, ví dụ "the-che", "thu-tuc-hanh-chinh"; số thứ tự lĩnh vực theo thứ tự của chương trình.',
        ...areaChoices,
      }),
    indicators: indicators('lĩnh vực').optional(),
    verification: verification('lĩnh vực').optional(),
    statedBudget: statedBudget('lĩnh vực', 'các kết quả'),
    time: time.optional(),
    lead: lead.optional(),
    partners: partners.optional(),
    results: list(result, 'Các kết quả', 'Các kết quả n.1, n.2, ... của lĩnh vực.', 30).min(1, { error: 'Lĩnh vực cần ít nhất 1 kết quả' }),
  })
  .strict()
  .meta({ title: 'Lĩnh vực', description: 'Một lĩnh vực cải cách hành chính của chương trình, với các kết quả và hoạt động.' });

const responsibility = z
  .object({
    unit: text('Cơ quan, đơn vị', 'Cơ quan, đơn vị được giao trách nhiệm, ví dụ "Phòng Tổ chức cán bộ".', 300),
    duties: list(richText('Nhiệm vụ', 'Một nhiệm vụ; dấu ";" hoặc "." cuối dòng do dịch vụ thêm.', 2_000), 'Nhiệm vụ', 'Các nhiệm vụ của cơ quan, đơn vị, mỗi nhiệm vụ một mục.', 30).min(1, {
      error: 'Cần ít nhất 1 nhiệm vụ',
    }),
  })
  .strict()
  .meta({ title: 'Trách nhiệm', description: 'Trách nhiệm của một cơ quan, đơn vị trong tổ chức thực hiện.' });

const paragraphs = (title: string, description: string, max = 20) =>
  list(richText('Đoạn văn', 'Một đoạn văn.', 5_000), title, description, max);

export const schema = z
  .object({
    ...documentFields,
    year: z
      .number()
      .int({ error: 'Năm kế hoạch phải là số nguyên' })
      .min(2000, { error: 'Năm kế hoạch từ 2000 đến 2100' })
      .max(2100, { error: 'Năm kế hoạch từ 2000 đến 2100' })
      .meta({ title: 'Năm kế hoạch', description: 'Năm thực hiện kế hoạch, ví dụ 2024.' }),
    summary: optionalText(
      'Trích yếu',
      'Tùy chọn: trích yếu nội dung, viết như trong câu; mặc định "Cải cách hành chính năm <năm>". Tên phụ lục khung logic theo trích yếu.',
      500,
    ),
    programme,
    opening: paragraphs(
      'Phần mở đầu',
      'Các đoạn mở đầu: căn cứ thực hiện ("Thực hiện Nghị quyết số ...; Kế hoạch số ...") và câu "... ban hành Kế hoạch ... như sau:".',
      10,
    ).min(1, { error: 'Cần ít nhất 1 đoạn mở đầu' }),
    generalObjective: text('Mục tiêu chung', 'Mục tiêu dài hạn mà kế hoạch góp phần thực hiện; xuống dòng bằng "\\n" để tách đoạn.', 5_000),
    specificObjectives: list(
      richText('Mục tiêu cụ thể', 'Một mục tiêu cụ thể; dấu ";" hoặc "." cuối dòng do dịch vụ thêm.', 2_000),
      'Mục tiêu cụ thể',
      'Các mục tiêu cụ thể, mỗi mục tiêu một mục (in gạch đầu dòng).',
      30,
    ).min(1, { error: 'Cần ít nhất 1 mục tiêu cụ thể' }),
    areas: list(area, 'Các lĩnh vực', 'Các lĩnh vực của khung logic; in theo thứ tự của chương trình, mỗi lĩnh vực một lần.', 20).min(1, {
      error: 'Cần ít nhất 1 lĩnh vực',
    }),
    statedTotalBudget: amount(
      'Tổng ngân sách ghi trong kế hoạch (đồng)',
      'Tùy chọn: tổng ngân sách như kế hoạch gốc ghi, được in đúng như ghi (dòng Tổng cộng, bằng chữ, câu tổng kinh phí); không ghi thì dịch vụ tính bằng tổng các lĩnh vực. Khi con số ghi khác tổng tính được thì có cảnh báo, và ?strict=true từ chối.',
    ).optional(),
    funding: paragraphs(
      'Nguồn kinh phí',
      'Tùy chọn: các đoạn về nguồn kinh phí và việc lập dự toán, in trong mục Kinh phí sau dòng tổng kinh phí do dịch vụ tính.',
      10,
    ).optional(),
    monitoring: paragraphs(
      'Theo dõi, đánh giá và báo cáo',
      'Tùy chọn: các đoạn về theo dõi, đánh giá việc thực hiện theo chỉ số và chế độ báo cáo; có thì in thành mục riêng.',
      10,
    ).optional(),
    implementation: z
      .object({
        responsibilities: list(responsibility, 'Trách nhiệm các cơ quan, đơn vị', 'Mỗi cơ quan, đơn vị một mục 1., 2., ... với các nhiệm vụ của mình.', 30).min(1, {
          error: 'Cần ít nhất 1 cơ quan, đơn vị',
        }),
        closing: optionalRichText(
          'Đoạn kết',
          'Tùy chọn: đoạn cuối, ví dụ "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, ..."; dịch vụ thêm "./." vào câu cuối của văn bản.',
          2_000,
        ),
      })
      .strict()
      .meta({ title: 'Tổ chức thực hiện', description: 'Trách nhiệm của các cơ quan, đơn vị và đoạn kết.' }),
    headings: phrases(HEADINGS),
  })
  .strict()
  // Runs even when other fields have problems, so that a wrong area code is reported with them: the data may
  // then be partly unparsed, hence the defensive reads.
  .superRefine(
    (d, ctx) => {
      const prog = resolveProgramme(d.programme);
      const valid = prog.areas.map((a) => a.code);
      const seen = new Map<string, number>();
      (d.areas as unknown[]).forEach((a, i) => {
        const code = a && typeof a === 'object' ? (a as { code?: unknown }).code : undefined;
        if (typeof code !== 'string') return;
        if (!valid.includes(code))
          ctx.addIssue({
            code: 'custom',
            path: ['areas', i, 'code'],
            message: `Lĩnh vực "${code}" không có trong ${prog.title}: dùng một trong ${valid.join(', ')}`,
          });
        const before = seen.get(code);
        if (before !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['areas', i, 'code'],
            message: `Lĩnh vực "${code}" đã khai báo ở areas[${before}]: gộp các kết quả vào một lĩnh vực`,
          });
        else seen.set(code, i);
      });
    },
    {
      when: (payload) => {
        const v = payload.value as { programme?: unknown; areas?: unknown } | null;
        return !!v && typeof v === 'object' && programme.safeParse(v.programme).success && Array.isArray(v.areas);
      },
    },
  )
  .meta({
    title: 'Kế hoạch cải cách hành chính theo khung logic',
    description:
      'Kế hoạch cải cách hành chính năm lập theo phương pháp khung logic: mục tiêu chung, mục tiêu cụ thể, lĩnh vực - kết quả - hoạt động với chỉ số thành công, phương tiện xác minh, ngân sách, thời gian và trách nhiệm; ngân sách kết quả, lĩnh vực và tổng do dịch vụ tính, kèm phụ lục khung logic (trang ngang).',
  });

export type KhungLogic = z.infer<typeof schema>;
export type Area = z.infer<typeof area>;
export type Result = z.infer<typeof result>;
export type Activity = z.infer<typeof activity>;
