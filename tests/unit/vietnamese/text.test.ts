import { describe, it, expect } from 'vitest';
import {
  asciiFilename,
  capitalizeFirst,
  foldKey,
  normalizeSpaces,
  stripDiacritics,
  unicodeFilename,
  upper,
} from '../../../src/vietnamese/text.js';

const NFD = (s: string): string => s.normalize('NFD');

const uppers: Array<[string, string]> = [
  ['Ủy ban nhân dân', 'ỦY BAN NHÂN DÂN'],
  ['Cộng hòa xã hội chủ nghĩa Việt Nam', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['Phó Chủ tịch', 'PHÓ CHỦ TỊCH'],
  ['quyết định', 'QUYẾT ĐỊNH'],
  ['kế hoạch', 'KẾ HOẠCH'],
  ['sở giáo dục và đào tạo', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO'],
  ['ươ ữ ỹ ặ', 'ƯƠ Ữ Ỹ Ặ'],
  [NFD('Thừa lệnh'), 'THỪA LỆNH'],
  ['', ''],
];

const capitals: Array<[string, string]> = [
  ['một triệu đồng', 'Một triệu đồng'],
  ['ủy ban', 'Ủy ban'],
  ['đồng', 'Đồng'],
  ['ấn định', 'Ấn định'],
  [NFD('ủy ban'), 'Ủy ban'],
  ['Already', 'Already'],
  ['1 cái', '1 cái'],
  ['a', 'A'],
  ['', ''],
];

const stripped: Array<[string, string]> = [
  ['Quyết định', 'Quyet dinh'],
  ['Đề án', 'De an'],
  ['đường', 'duong'],
  ['Ủy ban nhân dân tỉnh Thanh Hóa', 'Uy ban nhan dan tinh Thanh Hoa'],
  ['ƯỚC LƯỢNG', 'UOC LUONG'],
  [NFD('Hướng dẫn'), 'Huong dan'],
  ['Tờ trình số 12', 'To trinh so 12'],
  ['plain', 'plain'],
];

const asciiNames: Array<[string, string]> = [
  ['QĐ 152/QĐ-UBND', 'QD-152-QD-UBND'],
  ['Quyết định 152/QĐ-UBND.docx', 'Quyet-dinh-152-QD-UBND.docx'],
  ['  Kế hoạch  ', 'Ke-hoach'],
  ['a//b\\c', 'a-b-c'],
  ['---x---', 'x'],
  ['Báo cáo: tháng 6 (2024)', 'Bao-cao-thang-6-2024'],
  ['v1.2_final', 'v1.2_final'],
  ['©®', ''],
];

const unicodeNames: Array<[string, string]> = [
  ['Quyết định 152/QĐ-UBND', 'Quyết định 152-QĐ-UBND'],
  [NFD('Kế hoạch'), 'Kế hoạch'],
  ['a\\b:c*d?e"f<g>h|i', 'a-b-c-d-e-f-g-h-i'],
  ['  Tờ   trình \t số\n12  ', 'Tờ trình số 12'],
  ['x\u0000y\u001fz\u007f', 'x-y-z-'],
  ['Báo cáo', 'Báo cáo'],
];

const spaces: Array<[string, string]> = [
  ['  a   b  ', 'a b'],
  ['a\t\nb', 'a b'],
  ['a\u00a0\u00a0b', 'a b'],
  ['', ''],
  ['   ', ''],
  ['Ủy  ban', 'Ủy ban'],
];

const keys: Array<[string, string, boolean]> = [
  ['Giấy uỷ quyền', 'Giấy ủy quyền', true],
  ['Bản thoả thuận', 'Bản thỏa thuận', true],
  ['CỘNG HOÀ', 'cộng hòa', true],
  ['khoẻ', 'khỏe', true],
  [NFD('Phó  Giám đốc '), 'phó giám đốc', true],
  ['Phó Giám đốc', 'Giám đốc', false],
  ['quý', 'Quý', true],
  ['Hoàn', 'hòan', false],
];

describe('upper', () => {
  it.each(uppers)('%j -> %j', (input, expected) => {
    expect(upper(input)).toBe(expected);
  });
});

describe('capitalizeFirst', () => {
  it.each(capitals)('%j -> %j', (input, expected) => {
    expect(capitalizeFirst(input)).toBe(expected);
  });
});

describe('stripDiacritics', () => {
  it.each(stripped)('%j -> %j', (input, expected) => {
    expect(stripDiacritics(input)).toBe(expected);
  });
});

describe('asciiFilename', () => {
  it.each(asciiNames)('%j -> %j', (input, expected) => {
    expect(asciiFilename(input)).toBe(expected);
  });
});

describe('unicodeFilename', () => {
  it.each(unicodeNames)('%j -> %j', (input, expected) => {
    expect(unicodeFilename(input)).toBe(expected);
  });
  it.each([
    ['ASCII', 'a'.repeat(200), 150],
    ['Vietnamese', 'ữ'.repeat(200), 150],
    ['astral', '😀'.repeat(200), 150],
    ['short', 'Kế hoạch', 8],
  ])('cuts %s text to at most 150 code points', (_label, input, length) => {
    const out = unicodeFilename(input);
    expect(Array.from(out).length).toBe(length);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out)).toBe(false);
  });
  it.each([['a'.repeat(149) + ' b', 'a'.repeat(149)]])('trims after cutting', (input, expected) => {
    expect(unicodeFilename(input)).toBe(expected);
  });
});

describe('normalizeSpaces', () => {
  it.each(spaces)('%j -> %j', (input, expected) => {
    expect(normalizeSpaces(input)).toBe(expected);
  });
});

describe('foldKey', () => {
  it.each(keys)('%j vs %j equal: %s', (a, b, equal) => {
    expect(foldKey(a) === foldKey(b)).toBe(equal);
  });
});
