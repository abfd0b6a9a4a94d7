import { describe, it, expect } from 'vitest';
import { BLANK } from '../../../src/nd30/dates.js';
import {
  DOCUMENT_TYPES,
  formatDocNumber,
  kyHieu,
  soLine,
  typeAbbreviation,
  type KyHieuParts,
} from '../../../src/nd30/numbering.js';

const numbers: Array<[number, string]> = [
  [1, '01'],
  [5, '05'],
  [9, '09'],
  [10, '10'],
  [15, '15'],
  [99, '99'],
  [152, '152'],
  [4707, '4707'],
];

const kyHieus: Array<[string, KyHieuParts, string]> = [
  ['quyết định', { number: 152, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }, '152/QĐ-UBND'],
  ['kế hoạch', { number: 4707, typeAbbreviation: 'KH', agencyAbbreviation: 'UBND' }, '4707/KH-UBND'],
  ['number below 10', { number: 5, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }, '05/QĐ-UBND'],
  ['number 15', { number: 15, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }, '15/QĐ-UBND'],
  ['công văn', { number: 123, agencyAbbreviation: 'UBND', unitAbbreviation: 'NC' }, '123/UBND-NC'],
  ['công văn of a ministry', { number: 725, agencyAbbreviation: 'BNV', unitAbbreviation: 'CCHC' }, '725/BNV-CCHC'],
  ['công văn without a unit', { number: 45, agencyAbbreviation: 'UBND' }, '45/UBND'],
  ['draft', { typeAbbreviation: 'KH', agencyAbbreviation: 'SNV' }, `${BLANK}/KH-SNV`],
  ['draft công văn', { agencyAbbreviation: 'UBND', unitAbbreviation: 'VP' }, `${BLANK}/UBND-VP`],
  ['mixed case QyĐ', { number: 12, typeAbbreviation: 'QyĐ', agencyAbbreviation: 'UBND' }, '12/QyĐ-UBND'],
  ['mixed case TTr', { number: 3, typeAbbreviation: 'TTr', agencyAbbreviation: 'SNV' }, '03/TTr-SNV'],
  ['mixed case CTr', { number: 20, typeAbbreviation: 'CTr', agencyAbbreviation: 'UBND' }, '20/CTr-UBND'],
  ['mixed case TrS', { number: 7, typeAbbreviation: 'TrS', agencyAbbreviation: 'VP' }, '07/TrS-VP'],
  ['ĐA', { number: 1, typeAbbreviation: 'ĐA', agencyAbbreviation: 'UBND' }, '01/ĐA-UBND'],
  ['agency upper-cased', { number: 152, typeAbbreviation: 'QĐ', agencyAbbreviation: 'ubnd' }, '152/QĐ-UBND'],
  ['agency with Đ upper-cased', { number: 8, typeAbbreviation: 'KH', agencyAbbreviation: 'sgdđt' }, '08/KH-SGDĐT'],
  ['unit upper-cased', { number: 123, agencyAbbreviation: 'UBND', unitAbbreviation: 'nc' }, '123/UBND-NC'],
  ['parts trimmed', { number: 11, typeAbbreviation: ' TB ', agencyAbbreviation: ' UBND ' }, '11/TB-UBND'],
  [
    'NFD parts normalised',
    { number: 2, typeAbbreviation: 'QĐ'.normalize('NFD'), agencyAbbreviation: 'HĐND'.normalize('NFD') },
    '02/QĐ-HĐND',
  ],
  [
    'unit ignored when there is a type',
    { number: 15, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND', unitAbbreviation: 'VP' },
    '15/QĐ-UBND',
  ],
  [
    'empty type means công văn',
    { number: 9, typeAbbreviation: '', agencyAbbreviation: 'UBND', unitAbbreviation: 'KT' },
    '09/UBND-KT',
  ],
];

const badKyHieus: Array<[string, KyHieuParts]> = [
  ['empty agency', { number: 1, typeAbbreviation: 'QĐ', agencyAbbreviation: '' }],
  ['blank agency', { number: 1, typeAbbreviation: 'QĐ', agencyAbbreviation: '   ' }],
  ['space in agency', { number: 1, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UB ND' }],
  ['slash in type', { number: 1, typeAbbreviation: 'Q/Đ', agencyAbbreviation: 'UBND' }],
  ['slash in unit', { number: 1, agencyAbbreviation: 'UBND', unitAbbreviation: 'N/C' }],
  ['number 0', { number: 0, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }],
  ['fractional number', { number: 1.5, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }],
];

const soLines: Array<[KyHieuParts, string]> = [
  [{ number: 152, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }, 'Số: 152/QĐ-UBND'],
  [{ number: 5, typeAbbreviation: 'QĐ', agencyAbbreviation: 'UBND' }, 'Số: 05/QĐ-UBND'],
  [{ number: 123, agencyAbbreviation: 'UBND', unitAbbreviation: 'NC' }, 'Số: 123/UBND-NC'],
  [{ typeAbbreviation: 'KH', agencyAbbreviation: 'SNV' }, `Số: ${BLANK}/KH-SNV`],
];

const APPENDIX_III: Array<[string, string | null]> = [
  ['Nghị quyết', 'NQ'],
  ['Quyết định', 'QĐ'],
  ['Chỉ thị', 'CT'],
  ['Quy chế', 'QC'],
  ['Quy định', 'QyĐ'],
  ['Thông cáo', 'TC'],
  ['Thông báo', 'TB'],
  ['Hướng dẫn', 'HD'],
  ['Chương trình', 'CTr'],
  ['Kế hoạch', 'KH'],
  ['Phương án', 'PA'],
  ['Đề án', 'ĐA'],
  ['Dự án', 'DA'],
  ['Báo cáo', 'BC'],
  ['Biên bản', 'BB'],
  ['Tờ trình', 'TTr'],
  ['Hợp đồng', 'HĐ'],
  ['Công điện', 'CĐ'],
  ['Bản ghi nhớ', 'BGN'],
  ['Bản thỏa thuận', 'BTT'],
  ['Giấy ủy quyền', 'GUQ'],
  ['Giấy mời', 'GM'],
  ['Giấy giới thiệu', 'GGT'],
  ['Giấy nghỉ phép', 'GNP'],
  ['Phiếu gửi', 'PG'],
  ['Phiếu chuyển', 'PC'],
  ['Phiếu báo', 'PB'],
  ['Bản sao y', 'SY'],
  ['Bản trích sao', 'TrS'],
  ['Bản sao lục', 'SL'],
  ['Công văn', null],
  ['Thư công', null],
];

const lookups: Array<[string, string | null | undefined]> = [
  ['QUYẾT ĐỊNH', 'QĐ'],
  ['quyết định', 'QĐ'],
  ['Quyết định'.normalize('NFD'), 'QĐ'],
  ['  Kế   hoạch ', 'KH'],
  ['Nghị quyết (cá biệt)', 'NQ'],
  ['Quyết định (cá biệt)', 'QĐ'],
  ['Giấy uỷ quyền', 'GUQ'],
  ['Bản thoả thuận', 'BTT'],
  ['TỜ TRÌNH', 'TTr'],
  ['công văn', null],
  ['Thư mời', undefined],
  ['Quyết', undefined],
  ['', undefined],
];

describe('formatDocNumber', () => {
  it.each(numbers)('%i -> %s', (n, expected) => {
    expect(formatDocNumber(n)).toBe(expected);
  });
  it.each([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %s', (n) => {
    expect(() => formatDocNumber(n)).toThrow(RangeError);
  });
});

describe('kyHieu', () => {
  it.each(kyHieus)('%s', (_label, parts, expected) => {
    expect(kyHieu(parts)).toBe(expected);
  });
  it.each(badKyHieus)('rejects %s', (_label, parts) => {
    expect(() => kyHieu(parts)).toThrow(RangeError);
  });
});

describe('soLine', () => {
  it.each(soLines)('%j -> %j', (parts, expected) => {
    expect(soLine(parts)).toBe(expected);
  });
});

describe('DOCUMENT_TYPES', () => {
  it.each(APPENDIX_III)('%s -> %s', (name, abbreviation) => {
    expect(DOCUMENT_TYPES.find((t) => t.name === name)?.abbreviation).toBe(abbreviation);
    expect(typeAbbreviation(name)).toBe(abbreviation);
  });
  it.each([
    ['holds exactly the Appendix III list', DOCUMENT_TYPES.length === APPENDIX_III.length],
    [
      'has unique abbreviations',
      new Set(DOCUMENT_TYPES.map((t) => t.abbreviation).filter((a) => a !== null)).size ===
        DOCUMENT_TYPES.filter((t) => t.abbreviation !== null).length,
    ],
    [
      'uses none of the pre-2020 abbreviations',
      !DOCUMENT_TYPES.some((t) => ['GN', 'TTh', 'UQ', 'NP', 'QCh', 'DAn'].includes(t.abbreviation ?? '')),
    ],
    ['names are NFC', DOCUMENT_TYPES.every((t) => t.name === t.name.normalize('NFC'))],
    ['is frozen', Object.isFrozen(DOCUMENT_TYPES) && DOCUMENT_TYPES.every((t) => Object.isFrozen(t))],
  ])('%s', (_label, ok) => {
    expect(ok).toBe(true);
  });
});

describe('typeAbbreviation', () => {
  it.each(lookups)('%j -> %s', (name, expected) => {
    expect(typeAbbreviation(name)).toBe(expected);
  });
});
