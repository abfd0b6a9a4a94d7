import { z } from 'zod';
import {
  agency,
  appendix,
  body,
  dateField,
  docNumber,
  list,
  LIMITS,
  optionalRichText,
  optionalText,
  placeField,
  richText,
  recipients,
  secrecy,
  signer,
  text,
  urgency,
} from '../common/schema.js';
import { DOCUMENT_TYPES, typeAbbreviation } from '../../nd30/numbering.js';

const point = z
  .object({ text: richText('Nội dung điểm', 'Nội dung của điểm, không ghi chữ cái đầu (dịch vụ tự đánh a), b), ...).', LIMITS.text) })
  .strict()
  .meta({ title: 'Điểm', description: 'Điểm a), b), c), d), đ), ... đánh theo bảng chữ cái tiếng Việt.' });

const clause = z
  .object({
    title: optionalText('Tên khoản', 'Tùy chọn: khoản có tên thì số và tên in đậm.', 500),
    text: optionalRichText('Nội dung khoản', 'Nội dung khoản, không ghi số thứ tự (dịch vụ tự đánh số).', LIMITS.text),
    points: list(point, 'Các điểm', 'Các điểm a), b), c), ... của khoản (tối đa 23).', 23).optional(),
  })
  .strict()
  .refine((c) => c.title !== undefined || c.text !== undefined, {
    error: 'Khoản cần có tên (title) hoặc nội dung (text)',
  })
  .meta({ title: 'Khoản', description: 'Khoản 1., 2., ... của một điều.' });

const article = z
  .object({
    title: optionalText('Tên điều', 'Tên điều in đậm sau "Điều n.", ví dụ "Phạm vi điều chỉnh".', 500),
    text: optionalRichText('Nội dung điều', 'Nội dung ngay sau "Điều n." (khi không có tên) hoặc đoạn dưới tên.', LIMITS.text),
    clauses: list(clause, 'Các khoản', 'Các khoản 1., 2., ... của điều.', 100).optional(),
    points: list(point, 'Các điểm', 'Điểm đặt trực tiếp dưới điều (không qua khoản).', 23).optional(),
  })
  .strict()
  .refine((a) => a.title !== undefined || a.text !== undefined, {
    error: 'Điều cần có tên (title) hoặc nội dung (text)',
  })
  .meta({ title: 'Điều', description: 'Điều 1, 2, 3, ... đánh số tự động.' });

const attachment = z
  .object({
    typeName: text(
      'Tên loại văn bản kèm theo',
      'Tên loại theo Phụ lục III Nghị định 30, ví dụ "Đề án", "Quy chế", "Quy định", "Kế hoạch"; tên khác (ví dụ "Tài liệu", "Danh mục") với typeNameAsWritten: true.',
      100,
    ),
    typeNameAsWritten: z
      .boolean()
      .optional()
      .meta({
        title: 'Tên loại ngoài Phụ lục III',
        description:
          'true: tên loại in đúng như ghi dù không có trong Phụ lục III, ví dụ "Tài liệu" bồi dưỡng, "Danh mục" ban hành kèm theo quyết định (văn bản kèm theo không có số, ký hiệu riêng). Mặc định tên loại phải có trong Phụ lục III.',
      }),
    summary: text('Trích yếu văn bản kèm theo', 'Viết như trong câu; in đậm dưới tên loại.', 1_000),
    issuedBy: optionalText(
      'Cơ quan, người ban hành (dòng "Ban hành kèm theo")',
      'Phần "của ..." trong dòng "(Ban hành kèm theo Quyết định số ... ngày ... của ...)"; mặc định là tên cơ quan ban hành.',
      300,
    ),
    reference: optionalText(
      'Dòng "Ban hành kèm theo" như ghi',
      'Tùy chọn: cả dòng in nghiêng dưới trích yếu, in đúng như ghi, ví dụ "(Ban hành kèm theo Quyết định số: 152/QĐ-UBND ngày 22/01/2014 của UBND tỉnh Sơn La)"; mặc định dịch vụ viết từ số, ngày và cơ quan ban hành.',
      500,
    ),
    body: body('Nội dung văn bản kèm theo', 'Đề mục, đoạn văn, danh sách, bảng.').min(1, { error: 'Cần ít nhất 1 khối nội dung' }),
    appendices: list(appendix, 'Phụ lục của văn bản kèm theo', 'Phụ lục I, II, ... của văn bản kèm theo, mỗi phụ lục đánh số trang riêng.', 20).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.typeNameAsWritten !== true && typeAbbreviation(a.typeName) === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['typeName'],
        message: `Tên loại không có trong bảng tên loại văn bản của Phụ lục III Nghị định 30/2020/NĐ-CP; các tên loại: ${DOCUMENT_TYPES.filter((x) => x.abbreviation !== null).map((x) => x.name).join(', ')}. Tên loại khác của văn bản kèm theo (ví dụ "Tài liệu", "Danh mục") ghi kèm typeNameAsWritten: true`,
      });
  })
  .meta({
    title: 'Văn bản ban hành kèm theo',
    description: 'Đề án, quy chế, quy định, kế hoạch, ... ban hành kèm theo quyết định, in liền sau quyết định với phần đầu riêng.',
  });

export const schema = z
  .object({
    agency,
    number: docNumber,
    place: placeField,
    date: dateField,
    urgency,
    secrecy,
    normative: z
      .boolean()
      .optional()
      .meta({
        title: 'Quyết định quy phạm pháp luật',
        description: 'true: số, ký hiệu có năm ban hành, ví dụ "Số: 30/2018/QĐ-UBND" (văn bản quy phạm pháp luật); mặc định không có năm.',
      }),
    summary: text('Trích yếu', 'Trích yếu nội dung, viết như trong câu, ví dụ "Phê duyệt Đề án ...".', 1_000),
    issuingAuthority: optionalText(
      'Thẩm quyền ban hành',
      'Dòng thẩm quyền ban hành căn giữa dưới trích yếu, ví dụ "Ủy ban nhân dân tỉnh Sơn La" hoặc "Giám đốc Sở Nội vụ"; mặc định là tên cơ quan ban hành. Tự in hoa.',
      300,
    ),
    bases: list(
      text('Căn cứ', 'Một căn cứ, ví dụ "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"; dấu ";" hoặc "." cuối dòng do dịch vụ thêm.', 2_000),
      'Căn cứ ban hành',
      'Mỗi căn cứ một dòng, in nghiêng.',
      50,
    ).min(1, { error: 'Quyết định cần ít nhất 1 căn cứ' }),
    proposal: optionalText(
      'Xét đề nghị',
      'Tùy chọn: dòng "Xét đề nghị của ..." hoặc "Theo đề nghị của ..." sau các căn cứ; dịch vụ thêm "," cuối dòng khi không có dấu; dấu đã ghi (".", ",") được giữ nguyên.',
      2_000,
    ),
    articles: list(article, 'Các điều', 'Điều 1, 2, 3, ... đánh số tự động; điều cuối được thêm "./.".', 200).min(1, { error: 'Quyết định cần ít nhất 1 điều' }),
    signer,
    recipients,
    attachment: attachment.optional(),
    appendices: list(appendix, 'Phụ lục của quyết định', 'Phụ lục I, II, ... của quyết định, mỗi phụ lục đánh số trang riêng.', 20).optional(),
  })
  .strict()
  .meta({
    title: 'Quyết định (cá biệt)',
    description: 'Quyết định theo Mẫu 1.2 và 1.3 Phụ lục III Nghị định 30/2020/NĐ-CP, có thể kèm văn bản được ban hành và phụ lục.',
  });

export type QuyetDinh = z.infer<typeof schema>;
