import { z } from 'zod';
import { agency, fullDate, list, optionalText, text } from '../common/schema.js';

const entry = z
  .object({
    number: z.number().int().min(1).max(999_999).meta({ title: 'Số', description: 'Số thứ tự đăng ký trong năm.' }),
    kyHieu: text('Số, ký hiệu', 'Số và ký hiệu văn bản, ví dụ "152/QĐ-UBND".', 100),
    issuedDate: fullDate('Ngày tháng văn bản', 'Ngày ban hành, dạng YYYY-MM-DD.'),
    typeName: text('Tên loại', 'Tên loại văn bản, ví dụ "Quyết định".', 100),
    summary: text('Trích yếu', 'Trích yếu nội dung văn bản.', 1_000),
    signer: text('Người ký', 'Họ tên người ký.', 100),
    recipients: list(text('Nơi nhận', 'Một nơi nhận.', 300), 'Nơi nhận văn bản', 'Các nơi nhận văn bản.', 100),
    archiveUnit: optionalText('Đơn vị, người nhận bản lưu', 'Đơn vị soạn thảo giữ bản lưu, ví dụ "NC".', 100),
    copies: z.number().int().min(1).max(99_999).optional().meta({ title: 'Số lượng bản', description: 'Số lượng bản phát hành.' }),
    note: optionalText('Ghi chú', 'Ví dụ "Đã thu hồi ngày ...", "Đính chính văn bản số ...".', 500),
  })
  .strict()
  .meta({ title: 'Văn bản đi', description: 'Một dòng của sổ đăng ký văn bản đi.' });

export const schema = z
  .object({
    agency,
    year: z.number().int().min(1900).max(9999).meta({ title: 'Năm', description: 'Năm của sổ.' }),
    from: fullDate('Từ ngày', 'Tùy chọn: ngày đầu của khoảng in.').optional(),
    to: fullDate('Đến ngày', 'Tùy chọn: ngày cuối của khoảng in.').optional(),
    book: optionalText('Quyển số', 'Tùy chọn: số quyển của sổ trong năm.', 20),
    entries: list(entry, 'Các văn bản đi', 'Các văn bản theo thứ tự số đăng ký.', 10_000),
  })
  .strict()
  .meta({
    title: 'Sổ đăng ký văn bản đi',
    description: 'Sổ đăng ký văn bản đi theo Phụ lục IV Nghị định 30/2020/NĐ-CP, cho một năm hoặc một khoảng thời gian; dịch vụ lập từ sổ đăng ký (GET /v1/registers).',
  });

export type SoDangKy = z.infer<typeof schema>;
