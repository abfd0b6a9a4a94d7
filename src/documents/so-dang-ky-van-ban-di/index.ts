import { formatShortDate, parsePartialDate } from '../../nd30/dates.js';
import { formatDocNumber } from '../../nd30/numbering.js';
import { asciiFilename, unicodeFilename } from '../../vietnamese/text.js';
import { agencyLines, cell, type BlockView } from '../common/view.js';
import { pageAllocator, type BaseView, type DocumentType } from '../types.js';
import { schema, type SoDangKy } from './schema.js';

export type SoDangKyView = BaseView & {
  cover: { page: string; parentLines: string[]; agencyLines: string[]; title: string; lines: string[] };
  register: { page: string; blocks: BlockView[] };
};

const short = (iso: string) => {
  const d = parsePartialDate(iso);
  return d && d.day && d.month ? formatShortDate({ year: d.year, month: d.month, day: d.day }) : iso;
};

export function view(d: SoDangKy): SoDangKyView {
  const alloc = pageAllocator();
  const entries = [...d.entries].sort((a, b) => a.number - b.number);
  const first = entries[0];
  const last = entries[entries.length - 1];
  const lines = [`Năm: ${d.year}`];
  if (d.from || d.to) lines.push(`Từ ngày ${short(d.from ?? `${d.year}-01-01`)} đến ngày ${short(d.to ?? `${d.year}-12-31`)}`);
  lines.push(first && last ? `Từ số ${formatDocNumber(first.number)} đến số ${formatDocNumber(last.number)}` : 'Chưa có văn bản');
  if (d.book) lines.push(`Quyển số: ${d.book}`);
  const cover = { page: alloc.next('portrait'), ...agencyLines(d.agency), title: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI', lines };
  const widths = [12, 9, 20, 9, 13, 8, 6, 7, 6, 10];
  const headers = [
    'Số, ký hiệu văn bản',
    'Ngày tháng văn bản',
    'Tên loại và trích yếu nội dung văn bản',
    'Người ký',
    'Nơi nhận văn bản',
    'Đơn vị, người nhận bản lưu',
    'Số lượng bản',
    'Ngày chuyển',
    'Ký nhận',
    'Ghi chú',
  ];
  const table: BlockView = {
    kind: 'table',
    small: true,
    columns: headers.map((header, i) => ({ header, widthPct: widths[i]!, align: i === 6 ? 'center' : 'left' })),
    rows: entries.map((e) => ({
      cells: [
        cell(e.kyHieu, { align: 'center' }),
        cell(short(e.issuedDate), { align: 'center' }),
        cell(`${e.typeName}: ${e.summary.replace(/\s*\n\s*/g, ' ')}`),
        cell(e.signer),
        cell(e.recipients.join('; ')),
        cell(e.archiveUnit ?? ''),
        cell(e.copies !== undefined ? String(e.copies) : '', { align: 'center' }),
        cell(''),
        cell(''),
        cell(e.note ?? '', { italic: !!e.note }),
      ],
    })),
  };
  const register = { page: alloc.next('landscape'), blocks: [table] };
  const period = d.from || d.to ? `${d.from ?? ''}-${d.to ?? ''}` : String(d.year);
  return {
    meta: {
      typeName: 'Sổ đăng ký văn bản đi',
      kyHieu: `${d.agency.abbreviation} ${period}`,
      // A register book has no number of its own.
      notation: '',
      draft: false,
      title: `Sổ đăng ký văn bản đi năm ${d.year}: ${d.agency.name}`,
      subject: `Sổ đăng ký văn bản đi năm ${d.year}`,
      author: d.agency.name,
      keywords: ['sổ đăng ký văn bản đi'],
      issued: { year: d.year },
      filenameAscii: asciiFilename(`So-dang-ky-van-ban-di-${d.agency.abbreviation}-${period}`),
      filenameUnicode: unicodeFilename(`Sổ đăng ký văn bản đi ${d.agency.abbreviation} ${period}`),
    },
    pages: alloc.pages,
    cover,
    register,
  };
}

export const soDangKyVanBanDi: DocumentType<typeof schema, SoDangKyView> = {
  id: 'so-dang-ky-van-ban-di',
  title: 'Sổ đăng ký văn bản đi',
  typeAbbreviation: null,
  schema,
  view,
  exampleFixture: 'ubnd-son-la-2014.json',
  // The register is printed from the documents issued into it (GET /v1/registers); it is not itself issued.
  // A year's register is long by nature; GET /v1/registers bounds it by REGISTER_PRINT_MAX_ENTRIES first.
  sizeLimits: { items: 20_000, text: 2_000_000 },
};
