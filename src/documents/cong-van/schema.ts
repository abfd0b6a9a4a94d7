import { z } from 'zod';
import { abbreviation, addressees, appendices, body, documentFields, text } from '../common/schema.js';

export const schema = z
  .object({
    ...documentFields,
    unit: abbreviation(
      'Đơn vị soạn thảo',
      'Chữ viết tắt đơn vị soạn thảo, đứng sau chữ viết tắt cơ quan trong ký hiệu công văn: "725/BNV-CCHC".',
    ),
    summary: text('Trích yếu (V/v)', 'Nội dung sau "V/v" dưới số, ký hiệu, ví dụ "hướng dẫn xây dựng kế hoạch cải cách hành chính năm 2025".', 500),
    addressees: addressees.unwrap().meta({
      title: 'Kính gửi',
      description: 'Một nơi gửi thì in trên cùng dòng "Kính gửi:"; nhiều nơi thì mỗi nơi một dòng "- ...;".',
    }),
    body: body('Nội dung', 'Các đoạn văn, đề mục, danh sách, bảng; dịch vụ thêm "Trân trọng./." ở cuối trừ khi closing là "".').min(1, {
      error: 'Cần ít nhất 1 khối nội dung',
    }),
    closing: z
      .string()
      .max(200, { error: 'Dài quá: tối đa 200 ký tự' })
      .optional()
      .meta({ title: 'Câu kết', description: 'Mặc định "Trân trọng"; chuỗi rỗng để không in câu kết (khi đó đoạn cuối được thêm "./.").' }),
    asAbove: z
      .boolean()
      .optional()
      .meta({
        title: 'Dòng "Như trên"',
        description: 'Mặc định Nơi nhận bắt đầu bằng "- Như trên;" (các nơi ở Kính gửi); false để không thêm khi văn bản gốc không ghi.',
        default: true,
      }),
    appendices,
  })
  .strict()
  .meta({
    title: 'Công văn',
    description: 'Công văn theo Mẫu 1.5 Phụ lục III Nghị định 30/2020/NĐ-CP: không có tên loại, "V/v" dưới số và ký hiệu, "Kính gửi", nơi nhận bắt đầu bằng "Như trên".',
  });

export type CongVan = z.infer<typeof schema>;
