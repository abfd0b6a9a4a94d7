/**
 * Sổ đăng ký văn bản đi (Phụ lục IV of Nghị định 30), as printed: a portrait cover with the agency, the year, the
 * period, the numbers it runs from and to and the book number; then, on landscape pages, the register's ten
 * columns and one row per document in number order, whatever order the data gives. Rendered in both formats and
 * read back; refused data with its JSON path and Vietnamese message. (That the register is not itself issued is
 * tests/e2e/issuable.test.ts; where its rows come from is the archive's tests.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban, VanbanError } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { pdfInfo } from '../support/docs.js';
import { expectIn, expectInOrder, renderBoth, type Rendered } from '../support/render.js';

const ID = 'so-dang-ky-van-ban-di';
const REF = 'ubnd-son-la-2014';
const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());

type Entry = { number: number; kyHieu: string; issuedDate: string; typeName: string; summary: string; signer: string; recipients: string[]; archiveUnit?: string; copies?: number; note?: string };
type Body = Record<string, any> & { entries: Entry[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (): Body => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, `${REF}.json`), 'utf8')) as Body;

const COLUMNS = [
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
/** A row as read across its cells: "150/QĐ-UBND 21/01/2014 Quyết định: ... Cầm Ngọc Minh Bộ Nội vụ; ... NC 45". */
const row = (e: Entry) =>
  [e.kyHieu, e.issuedDate.split('-').reverse().join('/'), `${e.typeName}: ${e.summary}`, e.signer, e.recipients.join('; '), e.archiveUnit, e.copies, e.note]
    .filter((x) => x !== undefined)
    .join(' ');
const byNumber = (es: Entry[]) => [...es].sort((a, b) => a.number - b.number);

let ref: Rendered;
let shuffled: Rendered;
const shuffledBody = (() => {
  const b = fixture();
  const [e150, e151, e152, e153, e160] = b.entries;
  b.entries = [e160!, e152!, e150!, e153!, e151!];
  return b;
})();

beforeAll(async () => {
  ref = await renderBoth(svc, ID, fixture());
  shuffled = await renderBoth(svc, ID, shuffledBody);
}, 120_000);

it('every fixture of the type is rendered here', () => {
  expect(readdirSync(path.join(FIXTURES_DIR, ID))).toEqual([`${REF}.json`]);
});

describe('the cover', () => {
  it('the agency, the title, the year, the period, the first and last numbers and the book', () => {
    expectInOrder(ref, [
      'ỦY BAN NHÂN DÂN TỈNH SƠN LA',
      'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
      'Năm: 2014',
      'Từ ngày 01/01/2014 đến ngày 31/01/2014',
      'Từ số 150 đến số 160',
      'Quyển số: 01',
      COLUMNS[0]!,
    ]);
  });

  it('a register with no document says so', async () => {
    const b = fixture();
    b.entries = [];
    delete b.book;
    const r = await renderBoth(svc, ID, b);
    expectInOrder(r, ['SỔ ĐĂNG KÝ VĂN BẢN ĐI', 'Năm: 2014', 'Chưa có văn bản', COLUMNS.join(' ')]);
    expectIn(r, [], ['Từ số', 'Quyển số']);
  });
});

describe('the register', () => {
  it('the ten columns of Phụ lục IV, in order', () => {
    expectIn(ref, [COLUMNS.join(' ')]);
  });

  it('one row per document, every cell, in number order', () => {
    expectInOrder(ref, [COLUMNS.join(' '), ...byNumber(fixture().entries).map(row)]);
  });

  it('entries given out of order are printed in number order, and the cover counts from the lowest to the highest', () => {
    expectInOrder(shuffled, ['Từ số 150 đến số 160', ...byNumber(shuffledBody.entries).map(row)]);
    expectIn(shuffled, [], ['Từ số 160']);
  });

  it('the cover is portrait, the register landscape (PDF page sizes, DOCX section)', () => {
    const sizes = pdfInfo(ref.pdfBytes).pageSizes;
    expect(sizes[0]![0]).toBeLessThan(sizes[0]![1]);
    expect(sizes.length).toBeGreaterThan(1);
    for (const [w, h] of sizes.slice(1)) expect(w).toBeGreaterThan(h);
    expect(ref.documentXml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });
});

describe('refused data, each error with its JSON path and a Vietnamese message', () => {
  const cases: [string, (b: Body) => void, { path: string; message: string }][] = [
    ['an entry without its ký hiệu', (b) => void delete (b.entries[1] as Partial<Entry>).kyHieu, { path: '$.entries[1].kyHieu', message: 'Thiếu trường bắt buộc' }],
    ['a date written the Vietnamese way', (b) => void (b.entries[0]!.issuedDate = '21/01/2014'), { path: '$.entries[0].issuedDate', message: 'Ngày "21/01/2014" viết theo dạng YYYY-MM-DD: 2014-01-21' }],
    ['a number 0', (b) => void (b.entries[2]!.number = 0), { path: '$.entries[2].number', message: 'Nhỏ quá: ít nhất 1' }],
    ['a misspelt field', (b) => void Object.assign(b.entries[3]!, { kyhieu: '153/KH-UBND' }), { path: '$.entries[3].kyhieu', message: 'Trường "kyhieu" không được chấp nhận' }],
  ];
  it.each(cases)('%s', (_name, change, problem) => {
    const b = fixture();
    change(b);
    expect(svc.validate(ID, b).problems).toEqual([expect.objectContaining(problem)]);
  });

  it('render refuses with 422 validation_failed and the path', async () => {
    const b = fixture();
    b.entries[0]!.issuedDate = '21/01/2014';
    const err = await svc.render(ID, b, 'pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanbanError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', details: [{ path: '$.entries[0].issuedDate' }] });
  });
});
