/**
 * Văn bản có tên loại (Mẫu 1.4 of Nghị định 30): the tên loại comes from the data and is printed in capitals, its
 * Appendix III abbreviation goes into the ký hiệu ("312/TB-SNV", "TTr", "QyĐ"), however the name is cased. Every
 * fixture and a few type names rendered in both formats and read back: Số, tên loại and trích yếu, Kính gửi,
 * "./." after the body, Nơi nhận with its Lưu line, the signature; refused type names and data with their JSON
 * path and Vietnamese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban, VanbanError } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { expectIn, expectInOrder, flat, renderBoth, type Rendered } from '../support/render.js';

const ID = 'van-ban';
const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const REF = 'thong-bao-ket-luan';
const fixture = (name: string): Body => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, `${name}.json`), 'utf8')) as Body;

let ref: Rendered;
beforeAll(async () => {
  ref = await renderBoth(svc, ID, fixture(REF));
}, 60_000);

it('every fixture of the type is rendered here', () => {
  expect(readdirSync(path.join(FIXTURES_DIR, ID))).toEqual([`${REF}.json`]);
});

describe('the Thông báo of the fixture', () => {
  const d = fixture(REF);

  it('Số with TB, the date line; "THÔNG BÁO" and the trích yếu; Kính gửi one per line', () => {
    expectInOrder(ref, [
      'Số: 312/TB-SNV',
      'Thanh Hóa, ngày 21 tháng 10 năm 2024',
      'THÔNG BÁO',
      flat(d.summary),
      'Kính gửi: - Ủy ban nhân dân huyện Quan Hóa; - Phòng Nội vụ huyện Quan Hóa.',
      'Thực hiện Kế hoạch số 95/KH-SNV ngày 15 tháng 3 năm 2024',
    ]);
  });

  it('"./." once, after the last sentence of the body (before the PDF\'s footnotes); Nơi nhận with "Như trên" once and the Lưu line; the KT. signature', () => {
    for (const text of [ref.pdf, ref.docx]) {
      const body = text.slice(0, text.indexOf('Nơi nhận:')).trimEnd();
      expect(body.match(/\.\/\./g)).toHaveLength(1);
      expect(body).toContain('để tổng hợp, báo cáo Ủy ban nhân dân tỉnh./.');
    }
    expectInOrder(ref, ['Nơi nhận:', '- Như trên;', '- Giám đốc Sở (để báo cáo);', '- Đoàn kiểm tra;', '- Lưu: VT, CCHC.']);
    expectIn(ref, ['KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lê Văn Thắng'], [/Như trên.*Như trên/u]);
  });
});

describe('the type name from the data, printed in capitals, its abbreviation in the ký hiệu', () => {
  const names: [string, string, string][] = [
    ['tờ trình', 'TỜ TRÌNH', 'Số: 312/TTr-SNV'],
    ['Quy định', 'QUY ĐỊNH', 'Số: 312/QyĐ-SNV'],
    ['HƯỚNG DẪN', 'HƯỚNG DẪN', 'Số: 312/HD-SNV'],
  ];
  it.each(names)('%s', async (typeName, printed, so) => {
    const r = await renderBoth(svc, ID, { ...fixture(REF), typeName });
    expectInOrder(r, [so, printed, 'Kết luận kiểm tra công tác cải cách hành chính năm 2024']);
    expectIn(r, [], ['THÔNG BÁO', '/TB-']);
  });

  it('the view\'s meta names the type as a sentence and files it under its abbreviation', () => {
    const v = svc.validate(ID, { ...fixture(REF), typeName: 'tờ trình' });
    expect(v.problems).toEqual([]);
    const meta = svc.type(ID).view(v.data as never).meta;
    expect([meta.typeName, meta.kyHieu, meta.filenameAscii]).toEqual(['Tờ trình', '312/TTr-SNV', 'TTr-312-SNV']);
  });
});

describe('refused data, each error with its JSON path and a Vietnamese message', () => {
  it('a công văn has no tên loại: it is refused here and pointed to its own template', () => {
    expect(svc.validate(ID, { ...fixture(REF), typeName: 'Công văn' }).problems).toEqual([
      { path: '$.typeName', code: 'custom', message: '"Công văn" không có tên loại trên văn bản: dùng mẫu cong-van' },
    ]);
  });

  it('a name outside Appendix III lists the names it has', () => {
    const [p, ...more] = svc.validate(ID, { ...fixture(REF), typeName: 'Bản tin' }).problems;
    expect(more).toEqual([]);
    expect(p).toMatchObject({ path: '$.typeName', code: 'custom' });
    expect(p!.message).toMatch(/^Tên loại không có trong bảng tên loại văn bản của Phụ lục III Nghị định 30\/2020\/NĐ-CP; các tên loại: .*Thông báo, .*Tờ trình/u);
  });

  const cases: [string, (b: Body) => void, { path: string; message: string }][] = [
    ['no body', (b) => void (b.body = []), { path: '$.body', message: 'Cần ít nhất 1 khối nội dung' }],
    ['a blank trích yếu', (b) => void (b.summary = '   '), { path: '$.summary', message: 'Không được để trống' }],
    ['no type name', (b) => void delete b.typeName, { path: '$.typeName', message: 'Thiếu trường bắt buộc' }],
  ];
  it.each(cases)('%s', (_name, change, problem) => {
    const b = fixture(REF);
    change(b);
    expect(svc.validate(ID, b).problems).toEqual([expect.objectContaining(problem)]);
  });

  it('render refuses with 422 validation_failed and the path', async () => {
    const err = await svc.render(ID, { ...fixture(REF), typeName: 'Công văn' }, 'docx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanbanError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', details: [{ path: '$.typeName' }] });
  });
});
