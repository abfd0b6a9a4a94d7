import { z } from 'zod';
import { DOCUMENT_TYPES, typeAbbreviation } from '../../nd30/numbering.js';
import { foldKey } from '../../vietnamese/text.js';
import { addressees, appendices, body, documentFields, text } from '../common/schema.js';

const NORMATIVE_TYPES = ['Nghị quyết', 'Quyết định'].map(foldKey);

export const schema = z
  .object({
    ...documentFields,
    typeName: text(
      'Tên loại văn bản',
      'Tên loại theo Phụ lục III Nghị định 30/2020/NĐ-CP, ví dụ "Thông báo", "Tờ trình", "Báo cáo", "Hướng dẫn", "Chương trình", "Đề án"; chữ viết tắt của tên loại đi vào ký hiệu.',
      100,
    ).superRefine((t, ctx) => {
      const a = typeAbbreviation(t);
      if (a === undefined)
        ctx.addIssue({
          code: 'custom',
          message: `Tên loại không có trong bảng tên loại văn bản của Phụ lục III Nghị định 30/2020/NĐ-CP; các tên loại: ${DOCUMENT_TYPES.filter((x) => x.abbreviation !== null).map((x) => x.name).join(', ')}`,
        });
      else if (a === null)
        ctx.addIssue({ code: 'custom', message: `"${t}" không có tên loại trên văn bản: dùng mẫu cong-van` });
    }),
    summary: text('Trích yếu', 'Trích yếu nội dung, viết như trong câu; xuống dòng bằng "\\n".', 1_000),
    addressees,
    body: body('Nội dung', 'Đề mục, đoạn văn, danh sách, bảng; đoạn cuối được thêm "./.".').min(1, {
      error: 'Cần ít nhất 1 khối nội dung',
    }),
    appendices,
    normative: z
      .boolean()
      .optional()
      .meta({
        title: 'Văn bản quy phạm pháp luật',
        description:
          'true với nghị quyết của Hội đồng nhân dân (hoặc quyết định) là văn bản quy phạm pháp luật: số, ký hiệu có năm ban hành, ví dụ "Số: 15/2023/NQ-HĐND"; mặc định không có năm.',
      }),
  })
  .strict()
  .superRefine((d, ctx) => {
    // Of the types of Appendix III, only these two are also legal normative documents (Luật Ban hành văn bản
    // quy phạm pháp luật: nghị quyết of a People's Council, quyết định of a People's Committee).
    if (d.normative && !NORMATIVE_TYPES.includes(foldKey(d.typeName)))
      ctx.addIssue({
        code: 'custom',
        path: ['normative'],
        message: `Chỉ nghị quyết và quyết định là văn bản quy phạm pháp luật có năm trong số, ký hiệu; "${d.typeName}" là văn bản hành chính: bỏ normative (hoặc để false)`,
      });
  })
  .meta({
    title: 'Văn bản có tên loại',
    description: 'Văn bản hành chính có tên loại theo Mẫu 1.4 Phụ lục III Nghị định 30/2020/NĐ-CP: thông báo, tờ trình, báo cáo, hướng dẫn, chương trình, đề án, ...',
  });

export type VanBan = z.infer<typeof schema>;
