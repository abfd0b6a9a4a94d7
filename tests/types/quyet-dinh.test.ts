/**
 * Quyết định (Mẫu 1.2 and 1.3 of Nghị định 30): every fixture rendered in both formats and its words read back:
 * the Số and date lines, "QUYẾT ĐỊNH" with the trích yếu and the issuing authority, the căn cứ lines (";" after
 * each, "." after the last unless a "Xét đề nghị ...," line follows), "QUYẾT ĐỊNH:", the articles numbered
 * Điều 1., Điều 2., ... with "./." after the last sentence, the Nơi nhận ending with the Lưu line, and the
 * signing authority (none, KT., TL., TM. + KT.) above the signer's name; the attached document's own tên loại and
 * "Ban hành kèm theo" line; refused data with its JSON path and Vietnamese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban, VanbanError } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { expectIn, expectInOrder, flat, renderBoth, type Rendered } from '../support/render.js';

const ID = 'quyet-dinh';
const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Body => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, `${name}.json`), 'utf8')) as Body;

/** What each fixture prints as the decree writes it: Số, place and date, and the signature block down to the name. */
const PRINTS: Record<string, { so: string; date: string; signature: string[] }> = {
  'qd-152-ubnd-son-la': { so: 'Số: 152/QĐ-UBND', date: 'Sơn La, ngày 22 tháng 01 năm 2014', signature: ['CHỦ TỊCH', 'Cầm Ngọc Minh'] },
  // a draft: the number and the day are left blank
  'qd-du-thao': { so: 'Số: /QĐ-STP', date: 'Ninh Thuận, ngày tháng 6 năm 2024', signature: ['GIÁM ĐỐC', 'Trần Minh Đức'] },
  'qd-kt-so-noi-vu': { so: 'Số: 45/QĐ-SNV', date: 'Thanh Hóa, ngày 05 tháng 3 năm 2024', signature: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Thắng'] },
  'qd-tl-van-phong': { so: 'Số: 07/QĐ-UBND', date: 'Quan Hóa, ngày 19 tháng 02 năm 2024', signature: ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Hà Văn Chiến'] },
  'qd-tm-kt': {
    so: 'Số: 1234/QĐ-UBND',
    date: 'Hải Dương, ngày 08 tháng 11 năm 2024',
    signature: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Phạm Đức Thắng'],
  },
};
const NAMES = Object.keys(PRINTS);

const rendered = new Map<string, Rendered>();
beforeAll(async () => {
  for (const name of NAMES) rendered.set(name, await renderBoth(svc, ID, fixture(name)));
}, 180_000);

it('every fixture of the type is rendered here', () => {
  expect(readdirSync(path.join(FIXTURES_DIR, ID)).map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...NAMES].sort());
});

describe.each(NAMES)('%s', (name) => {
  const d = fixture(name);
  const t = () => rendered.get(name)!;

  it('Số and the date line; "QUYẾT ĐỊNH", the trích yếu and the issuing authority in capitals', () => {
    const { so, date } = PRINTS[name]!;
    expectIn(t(), [so, date]);
    expectInOrder(t(), ['QUYẾT ĐỊNH', flat(d.summary), (d.issuingAuthority ?? d.agency.name).toUpperCase()]);
  });

  it('the căn cứ lines end with ";", the "Xét đề nghị" line with ",", then "QUYẾT ĐỊNH:" and the articles in order', () => {
    const bases = (d.bases as string[]).map((b, i, all) => `${b}${i < all.length - 1 || d.proposal ? ';' : '.'}`);
    const heads = (d.articles as Body[]).map((a, i) => `Điều ${i + 1}. ${flat(a.title ?? a.text).split(' ').slice(0, 6).join(' ')}`);
    expectInOrder(t(), [...bases, ...(d.proposal ? [`${d.proposal},`] : []), 'QUYẾT ĐỊNH:', ...heads]);
    // no article beyond the data's; "./." once, closing the last sentence of the last article
    for (const text of [t().pdf, t().docx]) {
      const decision = text.slice(0, text.indexOf('Nơi nhận:')).trimEnd();
      expect(decision).not.toContain(`Điều ${heads.length + 1}.`);
      expect(decision.match(/\.\/\./g)).toHaveLength(1);
      expect(decision).toMatch(/\.\/\.$/);
    }
  });

  it('Nơi nhận: each recipient on its own "- ...;" line, the last "- Lưu: VT, <unit>." ', () => {
    const r = d.recipients as Body;
    const lu = `- Lưu: VT, ${r.archiveUnit}${r.archiveCopies ? ` (${r.archiveCopies}b)` : ''}.`;
    expectInOrder(t(), ['Nơi nhận:', ...(r.items as string[]).map((i) => `- ${i};`), lu]);
  });

  it('the signing authority lines in capitals, then the signer\'s name', () => {
    expectIn(t(), [PRINTS[name]!.signature.join(' ')]);
  });
});

describe('the attached document and the appendix', () => {
  it('the attached Quy chế follows with its own tên loại, trích yếu and "Ban hành kèm theo" line', () => {
    expectInOrder(rendered.get('qd-tl-van-phong')!, [
      'Hà Văn Chiến',
      'QUY CHẾ',
      'Làm việc của Bộ phận Một cửa huyện Quan Hóa',
      '(Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 19 tháng 02 năm 2024 của Chủ tịch Ủy ban nhân dân huyện Quan Hóa)',
    ]);
  });

  it('a draft\'s attached Kế hoạch refers to the decision with the number and day left blank', () => {
    expectIn(rendered.get('qd-du-thao')!, ['(Ban hành kèm theo Quyết định số /QĐ-STP ngày tháng 6 năm 2024 của Giám đốc Sở Tư pháp tỉnh Ninh Thuận)']);
  });

  it('the appendix: "Phụ lục" and "(Kèm theo Quyết định số ...)"', () => {
    expectInOrder(rendered.get('qd-kt-so-noi-vu')!, ['Lê Văn Thắng', 'Phụ lục', 'DANH SÁCH THÀNH VIÊN TỔ KIỂM TRA', '(Kèm theo Quyết định số 45/QĐ-SNV ngày 05 tháng 3 năm 2024 của Sở Nội vụ tỉnh Thanh Hóa)']);
  });
});

describe('variants of the data', () => {
  it('without a "Xét đề nghị" line the last căn cứ ends with "."; a normative decision carries its year in the ký hiệu', async () => {
    const b = fixture('qd-tm-kt');
    delete b.proposal;
    b.normative = true;
    const r = await renderBoth(svc, ID, b);
    expectInOrder(r, [
      'Số: 1234/2024/QĐ-UBND',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Trung tâm Phục vụ hành chính công tỉnh Hải Dương.',
      'QUYẾT ĐỊNH:',
      'Điều 1.',
    ]);
    expectIn(r, [], ['Xét đề nghị', 'Hải Dương; QUYẾT ĐỊNH:']);
  });

  it('khoản and điểm under an article: "1.", "2." and "a)", "b)"', async () => {
    const b = fixture('qd-tm-kt');
    b.articles[1] = {
      title: 'Hiệu lực thi hành',
      clauses: [{ text: 'Quyết định này có hiệu lực kể từ ngày ký' }, { text: 'Bãi bỏ các văn bản sau', points: [{ text: 'Văn bản thứ nhất' }, { text: 'Văn bản thứ hai' }] }],
    };
    expectInOrder(await renderBoth(svc, ID, b), ['Điều 2. Hiệu lực thi hành', '1. Quyết định này có hiệu lực kể từ ngày ký', '2. Bãi bỏ các văn bản sau', 'a) Văn bản thứ nhất', 'b) Văn bản thứ hai', 'Điều 3.']);
  });
});

describe('refused data, each error with its JSON path and a Vietnamese message', () => {
  const cases: [string, (b: Body) => void, { path: string; message: string }][] = [
    ['no căn cứ', (b) => void (b.bases = []), { path: '$.bases', message: 'Quyết định cần ít nhất 1 căn cứ' }],
    ['no article', (b) => void (b.articles = []), { path: '$.articles', message: 'Quyết định cần ít nhất 1 điều' }],
    ['an article with neither title nor text', (b) => void (b.articles[1] = { clauses: [{ text: 'Khoản một' }] }), { path: '$.articles[1]', message: 'Điều cần có tên (title) hoặc nội dung (text)' }],
    ['a khoản with neither title nor text', (b) => void (b.articles[0].clauses = [{}]), { path: '$.articles[0].clauses[0]', message: 'Khoản cần có tên (title) hoặc nội dung (text)' }],
    [
      'KT. without the head it signs for',
      (b) => void (b.signer = { authority: 'KT', position: 'Phó Chủ tịch', name: 'Phạm Đức Thắng' }),
      { path: '$.signer.head', message: 'Thẩm quyền ký KT. cần chức vụ của người đứng đầu (ví dụ: Chủ tịch, Giám đốc)' },
    ],
    ['a number typed as text', (b) => void (b.number = '1234'), { path: '$.number', message: 'Sai kiểu dữ liệu: cần số, nhận được chuỗi ký tự' }],
  ];
  it.each(cases)('%s', (_name, change, problem) => {
    const b = fixture('qd-tm-kt');
    change(b);
    expect(svc.validate(ID, b).problems).toEqual([expect.objectContaining(problem)]);
  });

  it('render refuses with 422 validation_failed and the path', async () => {
    const b = fixture('qd-tm-kt');
    b.bases = [];
    const err = await svc.render(ID, b, 'docx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanbanError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', details: [{ path: '$.bases', message: 'Quyết định cần ít nhất 1 căn cứ' }] });
  });
});
