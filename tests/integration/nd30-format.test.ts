/**
 * The national format (nd30-format.md) read back from the DOCX itself: page setup, fonts, and the run and
 * paragraph properties of each part; rule lengths measured against the font metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { loadFonts } from '../../src/render/fonts.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { docxParts } from '../support/docs.js';

const svc = new Vanban({ chromiumPath: '/usr/bin/chromium', pdfPages: 1, renderTimeoutMs: 30_000 });
const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'quyet-dinh', name), 'utf8')) as Record<string, unknown>;
let doc = '';
let parts = new Map<string, string>();

/** The paragraph (as XML) whose visible text is exactly `text`. */
function para(text: string): string {
  const paras = doc.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const found = paras.find((p) => (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('') === text);
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}
const size = (p: string) => Number(/<w:sz w:val="(\d+)"\/>/.exec(p)?.[1] ?? 28) / 2;
const bold = (p: string) => /<w:b\/>/.test(p);
const italic = (p: string) => /<w:i\/>/.test(p);
const centred = (p: string) => /<w:jc w:val="center"\/>/.test(p);

beforeAll(async () => {
  const r = await svc.render('quyet-dinh', fixture('qd-152-ubnd-son-la.json'), 'docx');
  parts = docxParts(r.bytes);
  doc = parts.get('word/document.xml')!;
});
afterAll(() => svc.close());

describe('page', () => {
  it('A4 with margins in range on every section, different first page, numbering restarting at 1', () => {
    const sects = doc.match(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sects.length).toBeGreaterThanOrEqual(2); // the decision and its Đề án
    for (const s of sects) {
      expect(s).toMatch(/<w:pgSz w:w="11906" w:h="16838"\/>|<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
      const m = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(s)!;
      const [top, right, bottom, left] = m.slice(1).map(Number) as [number, number, number, number];
      expect(top).toBeGreaterThanOrEqual(1134);
      expect(top).toBeLessThanOrEqual(1417);
      expect(bottom).toBeGreaterThanOrEqual(1134);
      expect(bottom).toBeLessThanOrEqual(1417);
      expect(left).toBeGreaterThanOrEqual(1701);
      expect(left).toBeLessThanOrEqual(1984);
      expect(right).toBeGreaterThanOrEqual(850);
      expect(right).toBeLessThanOrEqual(1134);
      expect(s).toContain('<w:titlePg/>');
      expect(s).toContain('<w:pgNumType w:start="1"/>');
      expect(s).toContain('w:type="first" r:id="rIdHeaderFirst"');
    }
  });

  it('Times New Roman 14 pt by default; page number a centred PAGE field, none on the first page', () => {
    const styles = parts.get('word/styles.xml')!;
    expect(styles).toContain('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr>[\s\S]*<w:sz w:val="28"\/>/);
    const body = /<w:style w:type="paragraph" w:styleId="VBBody">[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(body).toContain('<w:spacing w:after="120"/>');
    expect(body).toContain('<w:ind w:firstLine="567"/>');
    expect(body).toContain('<w:jc w:val="both"/>');
    const h1 = parts.get('word/header1.xml')!;
    expect(h1).toContain(' PAGE ');
    expect(h1).toContain('<w:jc w:val="center"/>');
    expect(h1).toContain('<w:sz w:val="28"/>');
    expect(parts.get('word/header2.xml')!).not.toContain('PAGE');
    expect(doc).not.toMatch(/w:rFonts w:ascii="(?!Times New Roman)/);
  });
});

describe('parts of page 1', () => {
  it('Quốc hiệu 13 bold upper; Tiêu ngữ 14 bold with a rule exactly as long as its text', () => {
    const qh = para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect([size(qh), bold(qh), centred(qh)]).toEqual([13, true, true]);
    const tn = para('Độc lập - Tự do - Hạnh phúc');
    expect([size(tn), bold(tn), centred(tn)]).toEqual([14, true, true]);
    const after = doc.slice(doc.indexOf(tn) + tn.length);
    const rule = /^<w:p><w:pPr><w:pBdr><w:bottom w:val="single"[^>]*\/><\/w:pBdr>[^]*?<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(after)!;
    const length = 5800 - Number(rule[1]) - Number(rule[2]);
    const text = loadFonts().widthPt('Độc lập - Tự do - Hạnh phúc', { bold: true }, 14) * 20;
    expect(Math.abs(length - text)).toBeLessThanOrEqual(2);
  });

  it('agency: parent not bold, name bold upper 13, rule 1/3 to 1/2 of the name', () => {
    const name = para('ỦY BAN NHÂN DÂNTỈNH SƠN LA'); // two lines joined by a <w:br/>
    expect([size(name), bold(name), centred(name)]).toEqual([13, true, true]);
    expect(name).toContain('<w:br/>');
    const after = doc.slice(doc.indexOf(name) + name.length);
    const rule = /^<w:p><w:pPr><w:pBdr><w:bottom[^>]*\/><\/w:pBdr>[^]*?<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(after)!;
    const length = 3555 - Number(rule[1]) - Number(rule[2]);
    const widest = Math.max(...['ỦY BAN NHÂN DÂN', 'TỈNH SƠN LA'].map((l) => loadFonts().widthPt(l, { bold: true }, 13) * 20));
    expect(length / widest).toBeGreaterThanOrEqual(1 / 3);
    expect(length / widest).toBeLessThanOrEqual(1 / 2);
  });

  it('Số 13 upright; place and date 14 italic on the same row', () => {
    const so = para('Số: 152/QĐ-UBND');
    expect([size(so), bold(so), italic(so)]).toEqual([13, false, false]);
    const pd = para('Sơn La, ngày 22 tháng 01 năm 2014');
    expect([size(pd), bold(pd), italic(pd)]).toEqual([14, false, true]);
    const row = /<w:tr>(?:(?!<\/w:tr>)[\s\S])*Số: 152\/QĐ-UBND[\s\S]*?<\/w:tr>/.exec(doc)![0];
    expect(row).toContain('Sơn La, ngày 22 tháng 01 năm 2014');
  });

  it('tên loại and trích yếu 14 bold centred; căn cứ italic ending ";" and the last ","/"."', () => {
    const t = para('QUYẾT ĐỊNH');
    expect([size(t), bold(t), centred(t)]).toEqual([14, true, true]);
    const bases = (doc.match(/<w:t(?: [^>]*)?>Căn cứ [^<]*<\/w:t>/g) ?? []).map((x) => x.replace(/<[^>]+>/g, ''));
    expect(bases.length).toBeGreaterThan(0);
    for (const b of bases) expect(italic(para(b))).toBe(true);
    expect(para('QUYẾT ĐỊNH:')).toBeTruthy();
    expect(doc).toMatch(/<w:t(?: [^>]*)?>Xét đề nghị[^<]*,<\/w:t>/);
  });

  it('Nơi nhận 12 bold italic, never underlined; its list 11 ending "- Lưu: VT, NC (60b)."', () => {
    const nn = para('Nơi nhận:');
    expect([size(nn), bold(nn), italic(nn)]).toEqual([12, true, true]);
    expect(nn).not.toContain('<w:u ');
    const last = para('- Lưu: VT, NC (60b).');
    expect(size(last)).toBe(11);
    expect(size(para('- Bộ Nội vụ;'))).toBe(11);
  });

  it('signature: authority upper bold 14 and the name bold, centred', () => {
    const title = para('CHỦ TỊCH');
    expect([size(title), bold(title), centred(title)]).toEqual([14, true, true]);
    const name = para('Cầm Ngọc Minh');
    expect([size(name), bold(name), centred(name)]).toEqual([14, true, true]);
  });

  it('the attached Đề án has its own header, tên loại and "Ban hành kèm theo" line in italics', () => {
    const de = para('ĐỀ ÁN');
    expect([bold(de), centred(de)]).toEqual([true, true]);
    const line = (doc.match(/<w:t(?: [^>]*)?>\(Ban hành kèm theo Quyết định số 152\/QĐ-UBND ngày 22 tháng 01 năm 2014 của [^<]*\)<\/w:t>/) ?? [])[0];
    expect(line).toBeDefined();
    expect(italic(para(line!.replace(/<[^>]+>/g, '')))).toBe(true);
    expect(doc.match(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/g)?.length).toBe(2);
  });
});

describe('a decision signed KT. with an urgency stamp, points past đ) and an appendix', () => {
  let kt = '';
  beforeAll(async () => {
    const r = await svc.render('quyet-dinh', fixture('qd-kt-so-noi-vu.json'), 'docx');
    kt = docxParts(r.bytes).get('word/document.xml')!;
  });
  const p = (text: string) => {
    const saved = doc;
    doc = kt;
    try {
      return para(text);
    } finally {
      doc = saved;
    }
  };

  it('KT. lines above the deputy title, all upper case bold', () => {
    for (const l of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']) expect([bold(p(l)), size(p(l))]).toEqual([true, 14]);
    expect(kt.indexOf('KT. GIÁM ĐỐC')).toBeLessThan(kt.indexOf('PHÓ GIÁM ĐỐC'));
  });

  it('KHẨN in a single-border box 20 mm wide, bold', () => {
    const stamp = p('KHẨN');
    expect(bold(stamp)).toBe(true);
    for (const side of ['top', 'left', 'bottom', 'right']) expect(stamp).toContain(`<w:${side} w:val="single"`);
    const ind = /<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(stamp)!;
    const widthMm = ((3555 - Number(ind[1]) - Number(ind[2])) * 25.4) / 1440;
    expect(Math.abs(widthMm - 20)).toBeLessThan(0.2);
  });

  it('điểm letters follow the Vietnamese alphabet: ... d) đ) e) g) h)', () => {
    const labels = (kt.match(/<w:t xml:space="preserve">([a-zđ])\) /g) ?? []).map((t) => t.replace(/<[^>]+>/g, '').trim());
    expect(labels.slice(0, 8)).toEqual(['a)', 'b)', 'c)', 'd)', 'đ)', 'e)', 'g)', 'h)']);
  });

  it('Phụ lục heading 14 bold, not in capitals; its title in capitals; its reference in italics', () => {
    const h = p('Phụ lục');
    expect([size(h), bold(h), centred(h)]).toEqual([14, true, true]);
    expect(kt).not.toContain('>PHỤ LỤC<');
    expect(bold(p('DANH SÁCH THÀNH VIÊN TỔ KIỂM TRA'))).toBe(true);
    const ref = (kt.match(/<w:t(?: [^>]*)?>\(Kèm theo Quyết định số 45\/QĐ-SNV [^<]*\)<\/w:t>/) ?? [])[0]!;
    expect(italic(p(ref.replace(/<[^>]+>/g, '')))).toBe(true);
  });

  it('the drafter line under Nơi nhận at 11 pt', () => {
    const d = p('NTH.(12)');
    expect(size(d)).toBe(11);
  });
});
