/**
 * Zod building blocks shared by every document type: the national-format parts (agency, number, date,
 * signer, Nơi nhận, độ khẩn/độ mật) and the general content-block body. Every field carries a Vietnamese
 * title and description: the JSON Schema, the API docs, the staff form and the error messages speak from them.
 */
import { z } from 'zod';
import { dateProblem } from '../../nd30/dates.js';
import { SECRECIES, SECRECY, URGENCIES, URGENCY } from '../../nd30/priority.js';
import { signerProblems, type Authority } from '../../nd30/signer.js';
import { upper } from '../../vietnamese/text.js';
import { organIdProblem } from '../../edxml/organ-id.js';

export const LIMITS = {
  shortText: 300,
  line: 1_000,
  text: 20_000,
  listItems: 500,
  blocks: 2_000,
  tableRows: 1_000,
  tableColumns: 12,
} as const;

type Meta = { title: string; description?: string };
const meta = (title: string, description?: string): Meta => (description ? { title, description } : { title });

/** A non-empty trimmed string with a bounded length. */
export const text = (title: string, description?: string, max: number = LIMITS.line) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Không được để trống' })
    .max(max, { error: `Dài quá: tối đa ${max} ký tự` })
    .meta(meta(title, description));

/** A field whose past values the staff page suggests (GET /v1/suggestions?field=kind): the JSON Schema says "x-suggest". */
const suggested = <T extends z.ZodType>(s: T, kind: 'agencies' | 'recipients'): T => s.meta({ ...s.meta(), 'x-suggest': kind });

export const optionalText = (title: string, description?: string, max: number = LIMITS.line) =>
  text(title, description, max).optional();

export const list = <T extends z.ZodType>(item: T, title: string, description?: string, max: number = LIMITS.listItems) =>
  z.array(item).max(max, { error: `Nhiều quá: tối đa ${max} mục` }).meta(meta(title, description));

/** A date refused with what is wrong with it (its form, or a day that does not exist: src/nd30/dates.ts). */
const dateChecked = (full: boolean) =>
  z.string().superRefine((s, ctx) => {
    const problem = dateProblem(s, { full });
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  });

/**
 * ISO 8601 date; a draft may leave the day, or the day and month, blank ("2023-06", "2023"). The JSON Schema
 * marks it "x-date": "partial" (or "full") so that a form shows a date box without knowing field names.
 */
export const partialDate = (title: string, description: string) => dateChecked(false).meta({ ...meta(title, description), 'x-date': 'partial' });

export const fullDate = (title: string, description: string) => dateChecked(true).meta({ ...meta(title, description), 'x-date': 'full' });

export const abbreviation = (title: string, description: string) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Không được để trống' })
    .max(30, { error: 'Dài quá: tối đa 30 ký tự' })
    .regex(/^[\p{L}\p{N}]+(?:[.&][\p{L}\p{N}]+)*$/u, {
      error: 'Chữ viết tắt gồm chữ cái và chữ số, có thể nối bằng dấu chấm hoặc "&", ví dụ "UBND", "SNV", "CCHC&PC"; không có dấu cách, dấu gạch ngang hay dấu gạch chéo',
    })
    .meta(meta(title, description));

/** The drafting unit of the "Lưu" line: letters and digits, joined by ".", "-" or "&" (NC, NC-KSTTHS.Th). */
const archiveUnit = z
  .string()
  .trim()
  .min(1, { error: 'Không được để trống' })
  .max(40, { error: 'Dài quá: tối đa 40 ký tự' })
  .regex(/^[\p{L}\p{N}]+(?:[.&-][\p{L}\p{N}]+)*$/u, {
    error: 'Đơn vị lưu gồm chữ cái và chữ số, nối bằng dấu chấm, gạch ngang hoặc "&", không có dấu cách, ví dụ "NC", "NC-KSTTHS.Th"; dòng lưu khác (nhiều đơn vị, dấu chấm phẩy) ghi ở archive',
  })
  .meta(meta('Đơn vị soạn thảo lưu', 'Chữ viết tắt đơn vị soạn thảo trong dòng "Lưu: VT, ...", ví dụ "NC", "NC-KSTTHS.Th".'));

export const agency = z
  .object({
    name: suggested(
      text('Tên cơ quan ban hành', 'Tên đầy đủ, viết thường như trong câu (ví dụ "Ủy ban nhân dân tỉnh Sơn La"); phần đầu văn bản tự viết hoa.', LIMITS.shortText),
      'agencies',
    ),
    headerLines: list(
      text('Dòng', 'Một dòng tên cơ quan như sẽ in.', LIMITS.shortText),
      'Cách ngắt dòng tên cơ quan ở phần đầu',
      'Tùy chọn: tên cơ quan chia thành các dòng như sẽ in (ví dụ ["Ủy ban nhân dân", "tỉnh Sơn La"]).',
      4,
    )
      .min(1, { error: 'Cần ít nhất 1 dòng' })
      .optional(),
    abbreviation: abbreviation('Chữ viết tắt của cơ quan', 'Dùng trong ký hiệu văn bản, ví dụ "UBND", "SNV", "BNV".'),
    parent: z
      .object({
        name: suggested(
          text('Tên cơ quan chủ quản', 'Cơ quan cấp trên trực tiếp; cơ quan địa phương ghi kèm địa danh, ví dụ "UBND tỉnh Hải Dương".', LIMITS.shortText),
          'agencies',
        ),
        headerLines: list(text('Dòng', 'Một dòng tên cơ quan chủ quản như sẽ in.', LIMITS.shortText), 'Cách ngắt dòng tên cơ quan chủ quản', 'Tùy chọn: tên cơ quan chủ quản chia thành các dòng như sẽ in.', 3)
          .min(1, { error: 'Cần ít nhất 1 dòng' })
          .optional(),
      })
      .strict()
      .optional()
      .meta(meta('Cơ quan chủ quản', 'Bỏ trống khi cơ quan ban hành không có cơ quan chủ quản.')),
    identifier: z
      .string()
      .regex(/^[A-Z0-9.]{13}$/, { error: 'Mã định danh gồm đúng 13 ký tự (chữ in hoa, chữ số, dấu chấm)' })
      .optional()
      .meta(meta('Mã định danh cơ quan', 'Mã định danh điện tử 13 ký tự, dùng cho siêu dữ liệu lưu trữ.')),
  })
  .strict()
  .meta(meta('Cơ quan ban hành', 'Cơ quan ban hành văn bản và cơ quan chủ quản (nếu có).'));

export const docNumber = z
  .number()
  .int({ error: 'Số văn bản phải là số nguyên' })
  .min(1, { error: 'Số văn bản bắt đầu từ 1' })
  .max(999_999, { error: 'Số văn bản tối đa 999999' })
  .optional()
  .meta(
    meta(
      'Số văn bản',
      'Số thứ tự đăng ký trong năm. Bỏ trống với bản dự thảo: số được cấp khi đăng ký, sau khi ký ("Số:      /QĐ-UBND").',
    ),
  );

export const placeField = text('Địa danh', 'Tên tỉnh, thành phố nơi cơ quan đóng trụ sở, ví dụ "Sơn La".', 100);
export const dateField = partialDate(
  'Ngày ban hành',
  'Dạng YYYY-MM-DD. Bản dự thảo có thể bỏ trống ngày (YYYY-MM) hoặc cả ngày và tháng (YYYY).',
);

/** "khan (KHẨN), thuong-khan (THƯỢNG KHẨN), hoa-toc (HỎA TỐC)." from the decree's levels (nd30/priority.ts). */
const levels = <C extends string>(codes: readonly C[], names: Readonly<Record<C, { label: string }>>) => `${codes.map((c) => `${c} (${upper(names[c].label)})`).join(', ')}.`;

export const urgency = z
  .enum(URGENCIES, { error: `Độ khẩn là một trong: ${URGENCIES.join(', ')}` })
  .optional()
  .meta(meta('Độ khẩn', levels(URGENCIES, URGENCY)));

export const secrecy = z
  .enum(SECRECIES, { error: `Độ mật là một trong: ${SECRECIES.join(', ')}` })
  .optional()
  .meta(meta('Độ mật', levels(SECRECIES, SECRECY)));

const AUTHORITIES = ['none', 'TM', 'KT', 'TL', 'TUQ', 'Q', 'TM_KT'] as const satisfies readonly Authority[];

export const signer = z
  .object({
    authority: z
      .enum(AUTHORITIES, { error: `Quyền hạn ký là một trong: ${AUTHORITIES.join(', ')}` })
      .meta(
        meta(
          'Quyền hạn ký',
          'none: người đứng đầu ký; TM: thay mặt tập thể; KT: ký thay người đứng đầu; TM_KT: cấp phó của tập thể ký thay; TL: thừa lệnh; TUQ: thừa ủy quyền; Q: quyền.',
        ),
      ),
    collective: optionalText('Tập thể', 'Với TM và TM_KT: tập thể lãnh đạo, ví dụ "Ủy ban nhân dân".', 200),
    head: optionalText('Chức vụ người đứng đầu', 'Với KT, TM_KT, TL, TUQ, Q: ví dụ "Chủ tịch", "Giám đốc".', 200),
    position: optionalText('Chức vụ người ký', 'Ví dụ "Phó Chủ tịch", "Chánh Văn phòng"; với Q bỏ trống.', 200),
    name: text('Họ và tên người ký', 'Không ghi học hàm, học vị.', 100),
    extraLines: list(
      text('Dòng', 'Một dòng chức danh, in hoa.', 200),
      'Dòng chức danh thêm',
      'Tùy chọn: các dòng in sau chức vụ, trên chỗ ký, ví dụ "Thủ tướng Chính phủ" dưới "Trưởng ban" khi người ký kiêm nhiệm.',
      3,
    ).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const p of signerProblems(s)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  })
  .meta(meta('Người ký', 'Quyền hạn, chức vụ và họ tên người ký (ô 7a, 7b).'));

export const recipients = z
  .object({
    items: list(
      suggested(text('Nơi nhận', undefined, 300), 'recipients'),
      'Danh sách nơi nhận',
      'Mỗi nơi nhận một mục, không cần gạch đầu dòng hay dấu chấm phẩy, ví dụ "Như Điều 3", "Bộ Nội vụ".',
      100,
    ),
    groups: list(
      z
        .object({
          first: z.number().int({ error: 'Vị trí là số nguyên' }).min(0, { error: 'Vị trí đếm từ 0' }).meta(meta('Mục đầu', 'Vị trí (từ 0) trong items của nơi nhận đầu nhóm.')),
          last: z.number().int({ error: 'Vị trí là số nguyên' }).min(0, { error: 'Vị trí đếm từ 0' }).meta(meta('Mục cuối', 'Vị trí (từ 0) trong items của nơi nhận cuối nhóm.')),
          note: text('Ghi chú của nhóm', 'In sau dấu "}" ở dòng cuối nhóm, ví dụ "(để báo cáo)", "(để b/c)".', 200),
        })
        .strict()
        .meta(meta('Nhóm nơi nhận', 'Các nơi nhận liền nhau chung một ghi chú: "- Bộ Nội vụ;" "- Văn phòng Chính phủ; } (để báo cáo)".')),
      'Nhóm nơi nhận',
      'Tùy chọn: nhóm các nơi nhận liền nhau dưới một ghi chú chung, ví dụ { "first": 0, "last": 1, "note": "(để báo cáo)" }.',
      30,
    ).optional(),
    archiveUnit: archiveUnit.optional(),
    archive: optionalText(
      'Dòng lưu',
      'Tùy chọn: dòng lưu in đúng như ghi, không thêm gạch đầu dòng và dấu chấm cuối, ví dụ "Lưu: VT; CCHC (02)", "Lưu: VT, NC-KSTTHS.Th". Thay cho archiveUnit và archiveCopies.',
      200,
    ),
    archiveCopies: z
      .number()
      .int({ error: 'Số bản phải là số nguyên' })
      .min(1, { error: 'Số bản ít nhất là 1' })
      .max(9999, { error: 'Số bản tối đa 9999' })
      .optional()
      .meta(meta('Số bản lưu', 'Tùy chọn: số bản lưu ghi sau đơn vị soạn thảo, ví dụ 60 cho "Lưu: VT, NC (60b)".')),
    drafterCode: abbreviation('Ký hiệu người soạn thảo', 'Tùy chọn (ô 12): chữ viết tắt tên người soạn thảo, ví dụ "PL".').optional(),
    copies: z
      .number()
      .int({ error: 'Số lượng bản phát hành phải là số nguyên' })
      .min(1, { error: 'Số lượng bản phát hành ít nhất là 1' })
      .max(99_999, { error: 'Số lượng bản phát hành tối đa 99999' })
      .optional()
      .meta(meta('Số lượng bản phát hành', 'Tùy chọn (ô 12), ví dụ 300 cho "PL.(300)".')),
    organIds: list(
      z
        .object({
          item: z.number().int({ error: 'Vị trí là số nguyên' }).min(0, { error: 'Vị trí đếm từ 0' }).meta(meta('Nơi nhận', 'Vị trí (từ 0) trong items của nơi nhận.')),
          organId: z
            .string()
            .superRefine((id, ctx) => {
              const p = organIdProblem(id);
              if (p) ctx.addIssue({ code: 'custom', message: p.message });
            })
            .meta(meta('Mã định danh', 'Mã định danh điện tử của nơi nhận theo Quyết định 20/2020/QĐ-TTg, ví dụ "000.00.00.G22".')),
        })
        .strict()
        .meta(meta('Mã định danh nơi nhận', 'Một nơi nhận nhận văn bản qua trục liên thông: vị trí của nó trong items và mã định danh.')),
      'Mã định danh các nơi nhận',
      'Tùy chọn: các nơi nhận có mã định danh (Quyết định 20/2020/QĐ-TTg), ví dụ [{ "item": 0, "organId": "000.00.00.G22" }]; gói edXML gửi văn bản đến các nơi nhận này. Không in trên văn bản.',
      100,
    ).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    (r.organIds ?? []).forEach((o, i) => {
      if (o.item >= r.items.length)
        ctx.addIssue({ code: 'custom', path: ['organIds', i, 'item'], message: `Không có nơi nhận ở vị trí ${o.item}: items có ${r.items.length} mục (đếm từ 0)` });
      if (r.organIds!.findIndex((x) => x.item === o.item) !== i)
        ctx.addIssue({ code: 'custom', path: ['organIds', i, 'item'], message: `Nơi nhận ở vị trí ${o.item} đã có mã định danh` });
    });
    if (r.archiveUnit === undefined && r.archive === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['archiveUnit'],
        message: 'Cần đơn vị soạn thảo lưu (archiveUnit, ví dụ "NC" cho "Lưu: VT, NC") hoặc cả dòng lưu (archive, ví dụ "Lưu: VT; CCHC (02)")',
      });
    if (r.archive !== undefined && (r.archiveUnit !== undefined || r.archiveCopies !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['archive'],
        message: 'Dòng lưu (archive) in đúng như ghi: bỏ archiveUnit và archiveCopies, hoặc bỏ archive để dịch vụ viết "Lưu: VT, <đơn vị> (<số bản>b)"',
      });
    let end = -1;
    (r.groups ?? []).forEach((g, i) => {
      if (g.last < g.first || g.last >= r.items.length || g.first <= end)
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i],
          message: `Nhóm nơi nhận là các mục liền nhau của items, từ first đến last (0 đến ${r.items.length - 1}), không chồng lên nhóm trước`,
        });
      end = Math.max(end, g.last);
    });
  })
  .meta(meta('Nơi nhận', 'Nơi nhận (ô 9b) và dòng lưu văn thư.'));

// ---- content blocks: the general body every document type reuses ----

const alignment = z
  .enum(['left', 'center', 'right', 'justify'], { error: 'Căn lề là một trong: left, center, right, justify' })
  .optional()
  .meta(meta('Căn lề', 'left, center, right hoặc justify (mặc định: đoạn văn căn đều, ô bảng căn trái).'));

export const heading = z
  .object({
    type: z.literal('heading'),
    level: z
      .number()
      .int({ error: 'Cấp đề mục phải là số nguyên' })
      .min(1, { error: 'Cấp đề mục từ 1 đến 4' })
      .max(4, { error: 'Cấp đề mục từ 1 đến 4' })
      .meta(meta('Cấp đề mục', '1: I., II. (in hoa); 2: 1., 2.; 3: 1.1., 1.2.; 4: a), b).')),
    text: text('Tiêu đề', 'Tiêu đề đề mục, không ghi số thứ tự (dịch vụ tự đánh số); cấp 1 tự in hoa.', LIMITS.line),
    numbered: z
      .boolean()
      .optional()
      .meta({ ...meta('Đánh số tự động', 'Mặc định có: số thứ tự do dịch vụ đánh theo cấp; false để không đánh số.'), default: true }),
    label: optionalText(
      'Số thứ tự ghi sẵn',
      'Tùy chọn: số thứ tự in đúng như ghi thay cho số dịch vụ đánh, ví dụ "IV." khi văn bản gốc đánh số khác; "" không được, dùng numbered: false.',
      20,
    ),
    upperCase: z
      .boolean()
      .optional()
      .meta(meta('In hoa', 'Đề mục cấp 1 mặc định tự in hoa; false để in đúng như ghi (ví dụ "I. Kế hoạch năm 2025" trong công văn).')),
  })
  .strict()
  .meta(meta('Đề mục'));

export const part = z
  .object({
    type: z.literal('part'),
    kind: z
      .enum(['phan', 'chuong', 'muc'], { error: 'Loại là một trong: phan, chuong, muc' })
      .meta(meta('Loại', 'phan: Phần I; chuong: Chương I; muc: Mục 1.')),
    title: text('Tên phần, chương, mục', 'In hoa ở dòng dưới "Phần I", "Chương I" hoặc "Mục 1"; xuống dòng bằng "\\n".', LIMITS.line),
    label: optionalText(
      'Dòng phần, chương, mục ghi sẵn',
      'Tùy chọn: dòng trên tên in đúng như ghi thay cho "Phần I", "Chương I", "Mục 1" dịch vụ đánh, ví dụ "PHẦN HAI", "CHUYÊN ĐỀ 3", "PHẦN A".',
      100,
    ),
  })
  .strict()
  .meta(meta('Phần, chương, mục', 'Dòng "Phần I", "Chương I" hoặc "Mục 1" căn giữa, tên ở dòng dưới in hoa.'));

/**
 * Rich text (issue 17, docs/rich-text.md): a paragraph given as runs, each with its own bold and italic, instead
 * of one plain `text`. Both renderers print the runs the same (HTML spans, DOCX runs); a plain string stays what
 * it always was.
 */
export const textRun = z
  .object({
    text: z
      .string()
      .min(1, { error: 'Không được để trống' })
      .max(LIMITS.text, { error: `Dài quá: tối đa ${LIMITS.text} ký tự` })
      .meta(meta('Chữ', 'Chữ của đoạn, in liền với đoạn trước và sau (dấu cách ghi trong chữ).')),
    bold: z.boolean().optional().meta(meta('In đậm', 'Đoạn chữ này in đậm.')),
    italic: z.boolean().optional().meta(meta('In nghiêng', 'Đoạn chữ này in nghiêng.')),
  })
  .strict()
  .meta(meta('Đoạn chữ', 'Một đoạn chữ cùng định dạng trong đoạn văn.'));

const textRuns = (description: string) =>
  list(textRun, 'Nội dung có định dạng', description, 200).min(1, { error: 'Cần ít nhất 1 đoạn chữ' });

/**
 * A free-text field of a type's body (a plan's tasks, a report's results, an article of a decision): a plain
 * string exactly as before (no character in it has a meaning), or { "runs": [...] }, the same runs as a
 * paragraph's. The JSON Schema is an anyOf of exactly these two branches, marked "x-rich": "inline": the staff
 * page's editor relies on that shape (docs/rich-text.md). The runs' joined text counts against `max`.
 */
export const richText = (title: string, description?: string, max: number = LIMITS.text) =>
  z
    .union(
      [
        text(title, description, max),
        z
          .object({
            runs: textRuns('Các đoạn chữ nối liền nhau, mỗi đoạn in đậm và/hoặc nghiêng tùy chọn, ví dụ [{ "text": "Hoàn thành ", "bold": true }, { "text": "trong quý I." }].'),
          })
          .strict()
          .superRefine((r, ctx) => {
            const n = r.runs.reduce((s, x) => s + x.text.length, 0);
            if (n > max) ctx.addIssue({ code: 'custom', path: ['runs'], message: `Dài quá: tối đa ${max} ký tự (cộng mọi đoạn chữ), đang có ${n}` });
            if (!r.runs.some((x) => x.text.trim())) ctx.addIssue({ code: 'custom', path: ['runs'], message: 'Không được để trống: các đoạn chữ chỉ có dấu cách' });
          }),
      ],
      { error: 'Cần chuỗi ký tự, hoặc { "runs": [{ "text": ..., "bold": ..., "italic": ... }] } cho chữ có định dạng' },
    )
    .meta({ ...meta(title, description), 'x-rich': 'inline' });

export const optionalRichText = (title: string, description?: string, max: number = LIMITS.text) => richText(title, description, max).optional();

export type TextRun = z.infer<typeof textRun>;
/** A rich free-text field: a plain string, or runs (richText). */
export type RichText = string | { runs: TextRun[] };

export const paragraph = z
  .object({
    type: z.literal('paragraph'),
    text: text('Nội dung', 'Nội dung đoạn văn; đoạn cuối của văn bản được thêm "./.". Bỏ trống khi dùng runs.', LIMITS.text).optional(),
    runs: textRuns('Thay cho text: các đoạn chữ nối liền nhau, mỗi đoạn in đậm và/hoặc nghiêng tùy chọn, ví dụ [{ "text": "Lưu ý: ", "bold": true }, { "text": "nộp trước ngày 15." }].').optional(),
    lead: optionalText('Phần mở đầu in đậm', 'Tùy chọn: cụm từ in đậm đứng đầu đoạn, ví dụ "Ưu điểm:".', 300),
    italic: z.boolean().optional().meta(meta('In nghiêng', 'Cả đoạn in nghiêng.')),
    align: alignment,
    footnote: optionalText('Chú thích', 'Tùy chọn: chú thích cuối trang gắn vào cuối đoạn (DOCX: chú thích thật của Word).', 2_000),
    footnoteAt: optionalText(
      'Vị trí dấu chú thích',
      'Tùy chọn: dấu chú thích đặt ngay sau đoạn chữ này (lần xuất hiện đầu tiên trong nội dung) thay vì cuối đoạn, ví dụ "hồ sơ TTHC".',
      300,
    ),
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.text === undefined) === (p.runs === undefined))
      ctx.addIssue({ code: 'custom', path: [p.text === undefined ? 'text' : 'runs'], message: 'Đoạn văn có nội dung ở text (chữ thường) hoặc runs (có định dạng), một trong hai' });
    if (p.runs !== undefined && p.footnoteAt !== undefined)
      ctx.addIssue({ code: 'custom', path: ['footnoteAt'], message: 'Đoạn có định dạng (runs) đặt dấu chú thích ở cuối đoạn: bỏ footnoteAt' });
    if (p.footnoteAt !== undefined && p.footnote === undefined)
      ctx.addIssue({ code: 'custom', path: ['footnoteAt'], message: 'Vị trí dấu chú thích cần có chú thích (footnote); bỏ footnoteAt để không có chú thích' });
    else if (p.footnoteAt !== undefined && p.text !== undefined && !p.text.includes(p.footnoteAt))
      ctx.addIssue({
        code: 'custom',
        path: ['footnoteAt'],
        message: 'Vị trí dấu chú thích phải là một đoạn chữ có trong nội dung (text), viết đúng như trong nội dung; bỏ trống thì dấu ở cuối đoạn',
      });
  })
  .meta({ ...meta('Đoạn văn', 'Một đoạn văn bản, thụt đầu dòng 1 cm, căn đều hai bên.'), 'x-rich': 'paragraph' });

const listItem = z.union([
  richText('Mục', 'Một mục gạch đầu dòng.', LIMITS.text),
  z
    .object({
      text: richText('Nội dung', 'Nội dung mục.', LIMITS.text),
      items: list(richText('Mục con', 'Một mục con "+".', LIMITS.text), 'Các mục con "+"', 'Các mục con gạch đầu dòng "+" dưới mục này.', 200).optional(),
    })
    .strict(),
]);

export const bulletList = z
  .object({
    type: z.literal('list'),
    marker: z
      .enum(['-', '+'], { error: 'Dấu đầu dòng là "-" hoặc "+"' })
      .optional()
      .meta(meta('Dấu đầu dòng', 'Mặc định "-"; các mục con dùng "+".')),
    items: list(listItem, 'Các mục', 'Mỗi mục là một chuỗi (hoặc { "runs": [...] } cho chữ có định dạng), hoặc { text, items } khi có mục con.').min(1, { error: 'Cần ít nhất 1 mục' }),
  })
  .strict()
  .meta(meta('Danh sách gạch đầu dòng'));

const cell = z.union([
  z.string().max(LIMITS.text, { error: `Dài quá: tối đa ${LIMITS.text} ký tự` }),
  z.number(),
  z
    .object({
      text: z.union([z.string().max(LIMITS.text), z.number()]).meta(meta('Nội dung ô', 'Chữ, hoặc số (in theo kiểu Việt Nam: 1.250.000).')),
      colSpan: z.number().int().min(1).max(LIMITS.tableColumns).optional().meta(meta('Số cột gộp', 'Ô chiếm bao nhiêu cột (mặc định 1).')),
      rowSpan: z
        .number()
        .int()
        .min(1)
        .max(LIMITS.tableRows)
        .optional()
        .meta(meta('Số hàng gộp', 'Ô chiếm bao nhiêu hàng xuống dưới (mặc định 1); các hàng dưới bỏ ô của cột này.')),
      bold: z.boolean().optional().meta(meta('In đậm', 'Nội dung ô in đậm.')),
      italic: z.boolean().optional().meta(meta('In nghiêng', 'Nội dung ô in nghiêng.')),
      align: alignment,
    })
    .strict(),
]);

/**
 * Rows of cells laid on the table's columns: a cell covers colSpan columns and rowSpan rows; every row must
 * cover every column (counting the cells of rows above that reach down into it). One issue per row that does not.
 */
function checkGrid(rows: unknown[][], columns: number, path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  // Columns still covered by a rowSpan from a row above, as a count of rows left per column.
  const covered = new Array<number>(columns).fill(0);
  rows.forEach((row, i) => {
    let col = 0;
    const free = () => {
      while (col < covered.length && (covered[col] ?? 0) > 0) col++;
    };
    for (const c of row) {
      free();
      const o = typeof c === 'object' && c !== null ? (c as { colSpan?: number; rowSpan?: number }) : {};
      const span = o.colSpan ?? 1;
      const down = o.rowSpan ?? 1;
      for (let k = col; k < col + span && k < covered.length; k++) covered[k] = down;
      col += span;
    }
    free();
    const width = col;
    for (let k = 0; k < covered.length; k++) covered[k] = Math.max(0, (covered[k] ?? 0) - 1);
    if (width !== columns)
      ctx.addIssue({ code: 'custom', path: [...path, i], message: `${what} chiếm ${width} cột (tính cả ô gộp hàng, gộp cột) nhưng bảng có ${columns} cột` });
  });
}

export const table = z
  .object({
    type: z.literal('table'),
    title: optionalText('Tên bảng', 'Tùy chọn: tên bảng in đậm căn giữa trên bảng.', 500),
    header: list(
      list(cell, 'Các ô', undefined, LIMITS.tableColumns),
      'Phần đầu bảng ghi sẵn',
      'Tùy chọn: các hàng tiêu đề in đúng như ghi thay cho hàng tiêu đề cột, lặp lại ở mỗi trang; ô gộp cột (colSpan), gộp hàng (rowSpan) như ở các hàng, ví dụ tiêu đề "Trách nhiệm" trên hai cột "Cơ quan đầu mối", "Cơ quan phối hợp". [] cho bảng không có hàng tiêu đề.',
      5,
    ).optional(),
    columns: list(
      z
        .object({
          header: optionalText('Tiêu đề cột', 'Tiêu đề in đậm ở hàng đầu bảng, lặp lại ở mỗi trang; bỏ trống khi bảng có phần đầu ghi sẵn (header).', 300),
          width: z.number().positive().max(100).optional().meta(meta('Độ rộng tương đối', 'Tỷ lệ độ rộng so với các cột khác (mặc định 1).')),
          align: alignment,
        })
        .strict(),
      'Các cột',
      'Các cột của bảng theo thứ tự từ trái sang phải.',
      LIMITS.tableColumns,
    ).min(1, { error: 'Cần ít nhất 1 cột' }),
    rows: list(
      list(cell, 'Các ô', undefined, LIMITS.tableColumns),
      'Các hàng',
      'Mỗi hàng là danh sách ô theo thứ tự cột; ô gộp cột khai báo colSpan.',
      LIMITS.tableRows,
    ),
    small: z.boolean().optional().meta(meta('Chữ nhỏ', 'Tùy chọn: true để in bảng cỡ chữ 12 thay cho 13, cho bảng nhiều cột.')),
  })
  .strict()
  .superRefine((t, ctx) => {
    checkGrid(t.rows, t.columns.length, ['rows'], 'Hàng', ctx);
    if (t.header) checkGrid(t.header, t.columns.length, ['header'], 'Hàng tiêu đề', ctx);
    else
      t.columns.forEach((c, i) => {
        if (c.header === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['columns', i, 'header'],
            message: 'Cần tiêu đề cột (header của cột), hoặc phần đầu bảng ghi sẵn (header của bảng: các hàng tiêu đề, [] khi bảng không có hàng tiêu đề)',
          });
      });
  })
  .meta(meta('Bảng'));

export const contentBlock = z
  .discriminatedUnion('type', [heading, part, paragraph, bulletList, table], {
    error: 'Khối nội dung phải có "type" là một trong: heading, part, paragraph, list, table',
  })
  .meta(meta('Khối nội dung'));

export const body = (title: string, description: string) =>
  list(contentBlock, title, description, LIMITS.blocks);

export const appendix = z
  .object({
    title: text('Tên phụ lục', 'Viết thường như trong câu; phần tên phụ lục tự in hoa.', 500),
    subtitle: optionalText('Dòng phụ', 'Tùy chọn: dòng in nghiêng dưới tên phụ lục.', 500),
    orientation: z
      .enum(['portrait', 'landscape'], { error: 'Hướng trang là portrait hoặc landscape' })
      .optional()
      .meta(meta('Hướng trang', 'landscape cho bảng rộng.')),
    body: body('Nội dung phụ lục', 'Đề mục, đoạn văn, danh sách, bảng.'),
    label: optionalText('Nhãn phụ lục', 'Tùy chọn: dòng "Phụ lục ..." in đúng như ghi, ví dụ "Phụ lục 1", "Phụ lục số 01"; mặc định "Phụ lục" hoặc "Phụ lục I, II, ...".', 100),
    upperCase: z.boolean().optional().meta({ ...meta('In hoa tên phụ lục', 'Mặc định tên phụ lục tự in hoa; false để in đúng như ghi.'), default: true }),
  })
  .strict()
  .meta(meta('Phụ lục', 'Phụ lục I, II, ... mỗi phụ lục đánh số trang riêng.'));

export type Agency = z.infer<typeof agency>;
export type Signer = z.infer<typeof signer>;
export type Recipients = z.infer<typeof recipients>;
export type ContentBlock = z.infer<typeof contentBlock>;
export type Appendix = z.infer<typeof appendix>;

/** The national-format fields every document has; a type's schema spreads them and adds its own. */
export const documentFields = {
  agency,
  number: docNumber,
  place: placeField,
  date: dateField,
  urgency,
  secrecy,
  signer,
  recipients,
};

export const addressees = list(
  text('Nơi gửi', 'Một cơ quan, đơn vị nhận, ví dụ "Bộ Nội vụ".', 300),
  'Kính gửi',
  'Tùy chọn: một nơi gửi thì in trên cùng dòng "Kính gửi:"; nhiều nơi thì mỗi nơi một dòng "- ...;".',
  30,
)
  .min(1, { error: 'Cần ít nhất 1 nơi gửi' })
  .optional();

export const appendices = list(
  appendix,
  'Phụ lục',
  'Tùy chọn: các phụ lục I, II, ... mỗi phụ lục đánh số trang riêng.',
  20,
).optional();

/**
 * The fixed headings and phrases of a type, each replaceable by the author's text and, where the decree allows,
 * left out (false). `defaults` maps each key to the text printed when the key is absent.
 */
export const phrases = <K extends string>(defaults: Record<K, string>, title = 'Đề mục, câu cố định') =>
  z
    .object(
      Object.fromEntries(
        Object.entries(defaults).map(([k, v]) => [
          k,
          z
            .union([text('Văn bản thay thế', undefined, LIMITS.line), z.literal(false)], {
              error: `Ghi chuỗi thay cho "${String(v)}", hoặc false để bỏ`,
            })
            .optional()
            .meta(meta(String(v), `Mặc định "${String(v)}"; ghi chuỗi để in đúng như ghi (không đổi chữ hoa, không thêm dấu), false để bỏ.`)),
        ]),
      ) as Record<K, z.ZodOptional<z.ZodUnion<[ReturnType<typeof text>, z.ZodLiteral<false>]>>>,
    )
    .strict()
    .optional()
    .meta(meta(title, `Tùy chọn: thay đề mục, câu cố định bằng chữ của văn bản gốc. Các khóa: ${Object.keys(defaults).join(', ')}.`));
