import { describe, it, expect } from 'vitest';
import {
  DIEM_ALPHABET,
  diemLetter,
  formatDecimal,
  formatInteger,
  formatPercent,
  toRoman,
} from '../../../src/vietnamese/numbers.js';

const integers: Array<[number | bigint | string, string]> = [
  [0, '0'],
  [-0, '0'],
  [1, '1'],
  [999, '999'],
  [1000, '1.000'],
  [12345, '12.345'],
  [1250000, '1.250.000'],
  [123456789, '123.456.789'],
  [-1000, '-1.000'],
  [-999, '-999'],
  [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991'],
  [1000000n, '1.000.000'],
  [-1234567n, '-1.234.567'],
  [10n ** 21n, '1.000.000.000.000.000.000.000'],
  ['9007199254740993', '9.007.199.254.740.993'],
  ['-1000', '-1.000'],
  ['0', '0'],
  ['007', '7'],
];

const badIntegers: Array<[string, unknown]> = [
  ['fraction', 1.5],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['unsafe number', 2 ** 53],
  ['letters', '12a'],
  ['empty', ''],
  ['grouped string', '1.000'],
  ['exponent', '1e3'],
  ['plus sign', '+5'],
  ['decimal string', '1,5'],
];

const decimals: Array<[number, number, string]> = [
  [1234.5, 1, '1.234,5'],
  [95, 2, '95,00'],
  [1.005, 2, '1,01'],
  [8.345, 2, '8,35'],
  [1.45, 1, '1,5'],
  [1.55, 1, '1,6'],
  [0.125, 2, '0,13'],
  [0.1 + 0.2, 2, '0,30'],
  [0, 2, '0,00'],
  [1.5, 0, '2'],
  [2.5, 0, '3'],
  [-2.5, 0, '-3'],
  [-1234.567, 2, '-1.234,57'],
  [-1.005, 2, '-1,01'],
  [-0.004, 2, '0,00'],
  [1.5, 3, '1,500'],
  [1234567.891, 2, '1.234.567,89'],
  [999.996, 2, '1.000,00'],
  [1e21, 0, '1.000.000.000.000.000.000.000'],
  [1e-7, 7, '0,0000001'],
  [1e-7, 2, '0,00'],
  [123456, 0, '123.456'],
];

const badDecimals: Array<[string, number, number]> = [
  ['NaN', Number.NaN, 2],
  ['Infinity', Number.POSITIVE_INFINITY, 2],
  ['negative digits', 1, -1],
  ['fractional digits', 1, 1.5],
  ['too many digits', 1, 101],
];

const percents: Array<[number, number | undefined, string]> = [
  [95.5, undefined, '95,50%'],
  [100, undefined, '100,00%'],
  [12.345, 1, '12,3%'],
  [12.35, 1, '12,4%'],
  [0, 0, '0%'],
  [33.333, 0, '33%'],
  [1234.5, 1, '1.234,5%'],
];

const romans: Array<[number, string]> = [
  [1, 'I'],
  [2, 'II'],
  [3, 'III'],
  [4, 'IV'],
  [5, 'V'],
  [9, 'IX'],
  [10, 'X'],
  [14, 'XIV'],
  [40, 'XL'],
  [49, 'XLIX'],
  [90, 'XC'],
  [400, 'CD'],
  [900, 'CM'],
  [1994, 'MCMXCIV'],
  [2024, 'MMXXIV'],
  [3999, 'MMMCMXCIX'],
];

const letters: Array<[number, string]> = [
  [0, 'a'],
  [1, 'b'],
  [3, 'd'],
  [4, 'đ'],
  [5, 'e'],
  [6, 'g'],
  [7, 'h'],
  [8, 'i'],
  [9, 'k'],
  [21, 'x'],
  [22, 'y'],
];

describe('formatInteger', () => {
  it.each(integers)('%s -> %s', (input, expected) => {
    expect(formatInteger(input)).toBe(expected);
  });
  it.each(badIntegers)('rejects %s', (_label, input) => {
    expect(() => formatInteger(input as number)).toThrow(RangeError);
  });
});

describe('formatDecimal', () => {
  it.each(decimals)('%s with %i digits -> %s', (x, digits, expected) => {
    expect(formatDecimal(x, digits)).toBe(expected);
  });
  it.each(badDecimals)('rejects %s', (_label, x, digits) => {
    expect(() => formatDecimal(x, digits)).toThrow(RangeError);
  });
});

describe('formatPercent', () => {
  it.each(percents)('%s with %s digits -> %s', (x, digits, expected) => {
    expect(formatPercent(x, digits)).toBe(expected);
  });
});

describe('toRoman', () => {
  it.each(romans)('%i -> %s', (n, expected) => {
    expect(toRoman(n)).toBe(expected);
  });
  it.each([[0], [4000], [-1], [1.5], [Number.NaN]])('rejects %s', (n) => {
    expect(() => toRoman(n)).toThrow(RangeError);
  });
});

describe('DIEM_ALPHABET / diemLetter', () => {
  it.each([
    ['has 23 letters', DIEM_ALPHABET.length === 23],
    ['has no f, j, w, z', !DIEM_ALPHABET.some((l) => ['f', 'j', 'w', 'z'].includes(l))],
    ['has đ after d', DIEM_ALPHABET.indexOf('đ') === DIEM_ALPHABET.indexOf('d') + 1],
    ['is frozen', Object.isFrozen(DIEM_ALPHABET)],
    [
      'is exactly the Vietnamese order',
      DIEM_ALPHABET.join(',') === 'a,b,c,d,đ,e,g,h,i,k,l,m,n,o,p,q,r,s,t,u,v,x,y',
    ],
  ])('%s', (_label, ok) => {
    expect(ok).toBe(true);
  });
  it.each(letters)('%i -> %s', (i, expected) => {
    expect(diemLetter(i)).toBe(expected);
  });
  it.each([[-1], [23], [1.5], [Number.NaN]])('rejects %s', (i) => {
    expect(() => diemLetter(i)).toThrow(RangeError);
  });
});
