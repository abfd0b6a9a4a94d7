/**
 * Công văn (Mẫu 1.5 of Nghị định 30): every fixture rendered in both formats and its words read back. No tên loại
 * line; "V/v <trích yếu>" under the Số line (in the DOCX: the next paragraph of the same cell, 6 pt above it,
 * 12-13 pt, not bold); the ký hiệu "<số>/<agency>-<unit>"; "Kính gửi:" with one recipient on its line or several
 * as "- ...;" lines, the last ending "."; "Trân trọng./."; the Nơi nhận beginning with "- Như trên;" (and without
 * it when asAbove is false); refused data with its JSON path and Vietnamese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban, VanbanError } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { docxText } from '../support/docs.js';
import { expectIn, expectInOrder, renderBoth, type Rendered } from '../support/render.js';

const ID = 'cong-van';
const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 60_000 });
afterAll(() => svc.close());

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Body => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ID, `${name}.json`), 'utf8')) as Body;

/** What each fixture prints as the decree writes it. */
const PRINTS: Record<string, { so: string; date: string; kinhGui: string; signature: string }> = {
  'de-nghi-bao-cao': {
    so: 'Số: 08/UBND-NV',
    date: 'Quan Hóa, ngày 04 tháng 3 năm 2024',
    kinhGui: 'Kính gửi: Sở Nội vụ tỉnh Thanh Hóa',
    signature: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hà Văn Nam',
  },
  'huong-dan-ke-hoach-cchc': {
    so: 'Số: 2145/SNV-CCHC',
    date: 'Ninh Thuận, ngày 05 tháng 11 năm 2024',
    kinhGui: 'Kính gửi: - Các sở, ban, ngành thuộc tỉnh; - Ủy ban nhân dân các huyện, thành phố.',
    signature: 'GIÁM ĐỐC Nguyễn Văn Hậu',
  },
};
const NAMES = Object.keys(PRINTS);

const rendered = new Map<string, Rendered>();
beforeAll(async () => {
  for (const name of NAMES) rendered.set(name, await renderBoth(svc, ID, fixture(name)));
}, 120_000);

it('every fixture of the type is rendered here', () => {
  expect(readdirSync(path.join(FIXTURES_DIR, ID)).map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...NAMES].sort());
});

describe.each(NAMES)('%s', (name) => {
  const d = fixture(name);
  const p = PRINTS[name]!;
  const t = () => rendered.get(name)!;

  it('"V/v <trích yếu>" right under Số, no tên loại line; then the date line and Kính gửi', () => {
    expectIn(t(), [`${p.so} V/v ${d.summary}`, p.date], ['CÔNG VĂN']);
    expectInOrder(t(), [p.so, p.kinhGui, (d.body as Body[])[0]!.text]);
  });

  it('DOCX: the V/v line is the paragraph after Số in the same cell, 6 pt above it, 12-13 pt, not bold', () => {
    const cell = (t().documentXml.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).find((c) => c.includes('Số: '))!;
    const paras = cell.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
    const at = paras.findIndex((x) => docxText(x) === p.so);
    const vv = paras[at + 1]!;
    expect(docxText(vv)).toBe(`V/v ${d.summary}`);
    expect(vv).toContain('<w:spacing w:before="120"');
    expect(vv).toMatch(/<w:sz w:val="2[46]"\/>/);
    expect(vv).not.toContain('<w:b/>');
  });

  it('"Trân trọng./." closes the body; Nơi nhận begins with "- Như trên;" and ends with the Lưu line; the signature', () => {
    const r = d.recipients as Body;
    const lu = `- Lưu: VT, ${r.archiveUnit}${r.archiveCopies ? ` (${r.archiveCopies}b)` : ''}.`;
    expectInOrder(t(), ['Trân trọng./.', 'Nơi nhận:', '- Như trên;', ...(r.items as string[]).map((i) => `- ${i};`), lu]);
    expectIn(t(), [p.signature]);
  });
});

describe('variants of the data', () => {
  it('asAbove: false leaves "Như trên" out of the Nơi nhận', async () => {
    const b = fixture('huong-dan-ke-hoach-cchc');
    b.asAbove = false;
    const r = await renderBoth(svc, ID, b);
    expectInOrder(r, ['Nơi nhận:', '- Ủy ban nhân dân tỉnh (để báo cáo);']);
    expectIn(r, [], ['Như trên']);
  });

  it('"Như trên" given among the recipients is printed once, first; an empty closing ends the body with "./."', async () => {
    const b = fixture('de-nghi-bao-cao');
    b.recipients.items = ['Như trên', ...b.recipients.items];
    b.closing = '';
    const r = await renderBoth(svc, ID, b);
    expectInOrder(r, ['theo quy định./.', 'Nơi nhận:', '- Như trên;', '- Chủ tịch, các Phó Chủ tịch UBND huyện;', '- Lưu: VT, NV (2b).']);
    expectIn(r, [], ['Trân trọng', /Như trên.*Như trên/u]);
  });
});

describe('refused data, each error with its JSON path and a Vietnamese message', () => {
  const cases: [string, (b: Body) => void, { path: string; message: string }][] = [
    [
      'a drafting unit with a slash',
      (b) => void (b.unit = 'NV/TH'),
      {
        path: '$.unit',
        message: 'Chữ viết tắt gồm chữ cái và chữ số, có thể nối bằng dấu chấm hoặc "&", ví dụ "UBND", "SNV", "CCHC&PC"; không có dấu cách, dấu gạch ngang hay dấu gạch chéo',
      },
    ],
    ['no recipient in Kính gửi', (b) => void (b.addressees = []), { path: '$.addressees', message: 'Cần ít nhất 1 nơi gửi' }],
    ['no body', (b) => void (b.body = []), { path: '$.body', message: 'Cần ít nhất 1 khối nội dung' }],
    ['no V/v', (b) => void delete b.summary, { path: '$.summary', message: 'Thiếu trường bắt buộc' }],
    ['asAbove as text', (b) => void (b.asAbove = 'false'), { path: '$.asAbove', message: 'Sai kiểu dữ liệu: cần true hoặc false, nhận được chuỗi ký tự' }],
  ];
  it.each(cases)('%s', (_name, change, problem) => {
    const b = fixture('de-nghi-bao-cao');
    change(b);
    expect(svc.validate(ID, b).problems).toEqual([expect.objectContaining(problem)]);
  });

  it('render refuses with 422 validation_failed and the path', async () => {
    const b = fixture('de-nghi-bao-cao');
    b.addressees = [];
    const err = await svc.render(ID, b, 'pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VanbanError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', details: [{ path: '$.addressees', message: 'Cần ít nhất 1 nơi gửi' }] });
  });
});
