/**
 * The signature never stands alone on its page: when Nơi nhận and the signature do not fit under the last
 * paragraph, that paragraph (or its last lines) goes over with them, in the PDF (Chromium) and in the DOCX as
 * LibreOffice lays it out. A page with only Nơi nhận and the signature is what a clerk fixes by hand before signing.
 *
 * The first case is the structure of a real decision typed on the staff page in a session: Quyết định
 * 64/2024/QĐ-UBND of UBND tỉnh Thừa Thiên Huế (https://hethongphapluat.com/quyet-dinh-64-2024-qd-ubnd-ve-quy-dinh-viec-thanh-lap-to-chuc-va-hoat-dong-cua-to-chuc-phoi-hop-lien-nganh-thuoc-tham-quyen-quyet-dinh-cua-chu-tich-uy-ban-nhan-dan-tinh-thua-thien-hue.html),
 * its articles in our words: before the fix its page 2 held only the signature, in both formats. The second is
 * the fidelity fixture of Quyết định 30/2018/QĐ-UBND of Hải Phòng, which did the same.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { keepWithSignature } from '../../src/render/docx/index.js';
import { libreOfficeToPdf, pdfPagesText, words } from '../support/docs.js';

const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, docxWorkers: 0 });
afterAll(() => svc.close());

const HUE = {
  agency: { name: 'Ủy ban nhân dân tỉnh Thừa Thiên Huế', headerLines: ['Ủy ban nhân dân', 'tỉnh Thừa Thiên Huế'], abbreviation: 'UBND' },
  number: 64,
  place: 'Thừa Thiên Huế',
  date: '2024-09-04',
  summary: 'Ban hành Quy định việc thành lập, tổ chức và hoạt động của tổ chức phối hợp liên ngành thuộc thẩm quyền quyết định của Chủ tịch Ủy ban nhân dân tỉnh Thừa Thiên Huế',
  issuingAuthority: 'Ủy ban nhân dân tỉnh Thừa Thiên Huế',
  bases: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
    'Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019',
    'Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015',
    'Căn cứ Quyết định số 23/2023/QĐ-TTg ngày 18 tháng 9 năm 2023 của Thủ tướng Chính phủ về thành lập, tổ chức và hoạt động của tổ chức phối hợp liên ngành',
  ],
  proposal: 'Theo đề nghị của Giám đốc Sở Nội vụ',
  articles: [
    { text: 'Ban hành kèm theo Quyết định này Quy định việc thành lập, tổ chức và hoạt động của tổ chức phối hợp liên ngành thuộc thẩm quyền quyết định của Chủ tịch Ủy ban nhân dân tỉnh Thừa Thiên Huế.' },
    { title: 'Hiệu lực thi hành', text: 'Quyết định này có hiệu lực thi hành kể từ ngày 14 tháng 9 năm 2024 và thay thế Quyết định số 17/2016/QĐ-UBND ngày 25 tháng 02 năm 2016 của Ủy ban nhân dân tỉnh.' },
    {
      title: 'Tổ chức thực hiện',
      text: 'Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành cấp tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này. Các cơ quan báo cáo kết quả về Sở Nội vụ.',
    },
  ],
  signer: { authority: 'TM', collective: 'Ủy ban nhân dân', position: 'Chủ tịch', name: 'Nguyễn Văn Phương' },
  recipients: {
    items: ['Văn phòng Chính phủ', 'Bộ Nội vụ', 'Cục Kiểm tra VBQPPL - Bộ Tư pháp', 'TT Tỉnh ủy, TT HĐND tỉnh', 'CT và các PCT UBND tỉnh', 'Như Điều 3', 'Cổng TTĐT tỉnh, Công báo tỉnh'],
    archiveUnit: 'NC',
  },
};
const HAI_PHONG = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'fidelity', 'qd-30-2018-ubnd-hai-phong', 'data.json'), 'utf8')) as Record<string, unknown>;
const CASES: [string, string, unknown][] = [
  ['qd-64-2024-hue', 'quyet-dinh', HUE],
  ['qd-30-2018-hai-phong', 'quyet-dinh', HAI_PHONG],
];

/** The words of the page holding "Nơi nhận:" that stand before it, less the page number. */
function aboveRecipients(pages: string[]): string[] {
  const i = pages.findIndex((p) => p.normalize('NFC').includes('Nơi nhận:'));
  expect(i, 'a page with "Nơi nhận:"').toBeGreaterThanOrEqual(0);
  const before = pages[i]!.normalize('NFC').split('Nơi nhận:')[0]!;
  return words(before).filter((w) => !/^\d+$/.test(w));
}

describe('the signature page keeps text of the body above Nơi nhận', () => {
  it('in the PDF and in the DOCX as LibreOffice lays it out', async () => {
    const docx: { name: string; bytes: Buffer }[] = [];
    for (const [name, type, data] of CASES) {
      const pdf = await svc.render(type, data, 'pdf');
      const pages = await pdfPagesText(pdf.bytes);
      expect(pages.length, `${name}: more than one page (the case needs a page break before the signature)`).toBeGreaterThan(1);
      expect(aboveRecipients(pages).length, `${name} PDF: body text above Nơi nhận on its page`).toBeGreaterThanOrEqual(8);
      docx.push({ name, bytes: (await svc.render(type, data, 'docx')).bytes });
    }
    const laid = libreOfficeToPdf(docx);
    for (const { name } of docx) {
      const pages = await pdfPagesText(laid.get(name)!);
      expect(pages.length, `${name}: LibreOffice pages`).toBeGreaterThan(1);
      expect(aboveRecipients(pages).length, `${name} DOCX (LibreOffice): body text above Nơi nhận on its page`).toBeGreaterThanOrEqual(8);
    }
  }, 240_000);

  it('marks the paragraph before the signature "keep with next", after its style, and leaves a section end alone', () => {
    const spacer = '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="exact"/></w:pPr></w:p><w:tbl>';
    expect(keepWithSignature(`<w:p><w:pPr><w:pStyle w:val="VBBody"/><w:jc w:val="both"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>${spacer}`)).toBe(
      `<w:p><w:pPr><w:pStyle w:val="VBBody"/><w:keepNext/><w:jc w:val="both"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>${spacer}`,
    );
    expect(keepWithSignature(`<w:p><w:r><w:t>a</w:t></w:r></w:p>${spacer}`)).toBe(`<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>a</w:t></w:r></w:p>${spacer}`);
    const sectionEnd = `<w:p><w:pPr><w:sectPr/></w:pPr></w:p>${spacer}`;
    expect(keepWithSignature(sectionEnd)).toBe(sectionEnd);
    const table = `<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>${spacer}`;
    expect(keepWithSignature(table)).toBe(table);
  });
});
