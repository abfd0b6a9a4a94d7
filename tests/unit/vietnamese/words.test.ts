import { describe, it, expect } from 'vitest';
import { amountInWords, numberToWords } from '../../../src/vietnamese/words.js';

// Expected strings written by hand from the rules in docs nd30-format.md, "Amounts in words".
const MAX_SAFE_WORDS =
  'chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi';

const numbers: Array<[number | bigint | string, string]> = [
  // units
  [0, 'không'],
  [1, 'một'],
  [2, 'hai'],
  [3, 'ba'],
  [4, 'bốn'],
  [5, 'năm'],
  [6, 'sáu'],
  [7, 'bảy'],
  [8, 'tám'],
  [9, 'chín'],
  // 10-19: mười, mười một, mười bốn, mười lăm
  [10, 'mười'],
  [11, 'mười một'],
  [12, 'mười hai'],
  [14, 'mười bốn'],
  [15, 'mười lăm'],
  [16, 'mười sáu'],
  [19, 'mười chín'],
  // 20-99: mươi, mốt, tư, lăm
  [20, 'hai mươi'],
  [21, 'hai mươi mốt'],
  [22, 'hai mươi hai'],
  [24, 'hai mươi tư'],
  [25, 'hai mươi lăm'],
  [30, 'ba mươi'],
  [31, 'ba mươi mốt'],
  [34, 'ba mươi tư'],
  [35, 'ba mươi lăm'],
  [44, 'bốn mươi tư'],
  [45, 'bốn mươi lăm'],
  [51, 'năm mươi mốt'],
  [54, 'năm mươi tư'],
  [55, 'năm mươi lăm'],
  [70, 'bảy mươi'],
  [77, 'bảy mươi bảy'],
  [81, 'tám mươi mốt'],
  [99, 'chín mươi chín'],
  // hundreds, linh
  [100, 'một trăm'],
  [101, 'một trăm linh một'],
  [104, 'một trăm linh bốn'],
  [105, 'một trăm linh năm'],
  [109, 'một trăm linh chín'],
  [110, 'một trăm mười'],
  [111, 'một trăm mười một'],
  [114, 'một trăm mười bốn'],
  [115, 'một trăm mười lăm'],
  [120, 'một trăm hai mươi'],
  [121, 'một trăm hai mươi mốt'],
  [124, 'một trăm hai mươi tư'],
  [125, 'một trăm hai mươi lăm'],
  [200, 'hai trăm'],
  [305, 'ba trăm linh năm'],
  [410, 'bốn trăm mười'],
  [500, 'năm trăm'],
  [555, 'năm trăm năm mươi lăm'],
  [999, 'chín trăm chín mươi chín'],
  // thousands: the inner group reads its zero hundreds
  [1000, 'một nghìn'],
  [1001, 'một nghìn không trăm linh một'],
  [1005, 'một nghìn không trăm linh năm'],
  [1010, 'một nghìn không trăm mười'],
  [1011, 'một nghìn không trăm mười một'],
  [1015, 'một nghìn không trăm mười lăm'],
  [1021, 'một nghìn không trăm hai mươi mốt'],
  [1024, 'một nghìn không trăm hai mươi tư'],
  [1100, 'một nghìn một trăm'],
  [1234, 'một nghìn hai trăm ba mươi tư'],
  [2007, 'hai nghìn không trăm linh bảy'],
  [2024, 'hai nghìn không trăm hai mươi tư'],
  [2500, 'hai nghìn năm trăm'],
  [5000, 'năm nghìn'],
  [10000, 'mười nghìn'],
  [10500, 'mười nghìn năm trăm'],
  [11000, 'mười một nghìn'],
  [15000, 'mười lăm nghìn'],
  [21000, 'hai mươi mốt nghìn'],
  [24000, 'hai mươi tư nghìn'],
  [25000, 'hai mươi lăm nghìn'],
  [100000, 'một trăm nghìn'],
  [101000, 'một trăm linh một nghìn'],
  [105000, 'một trăm linh năm nghìn'],
  [999999, 'chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
  // millions: all-zero groups skipped
  [1000000, 'một triệu'],
  [1000001, 'một triệu không trăm linh một'],
  [1000005, 'một triệu không trăm linh năm'],
  [1000010, 'một triệu không trăm mười'],
  [1000024, 'một triệu không trăm hai mươi tư'],
  [1000100, 'một triệu một trăm'],
  [1001000, 'một triệu không trăm linh một nghìn'],
  [1010000, 'một triệu không trăm mười nghìn'],
  [1100000, 'một triệu một trăm nghìn'],
  [1250000, 'một triệu hai trăm năm mươi nghìn'],
  [1500000, 'một triệu năm trăm nghìn'],
  [2000500, 'hai triệu năm trăm'],
  [3000015, 'ba triệu không trăm mười lăm'],
  [4004004, 'bốn triệu không trăm linh bốn nghìn không trăm linh bốn'],
  [7070070, 'bảy triệu không trăm bảy mươi nghìn không trăm bảy mươi'],
  [12345678, 'mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám'],
  [15000000, 'mười lăm triệu'],
  [21000000, 'hai mươi mốt triệu'],
  [50000050, 'năm mươi triệu không trăm năm mươi'],
  [100000000, 'một trăm triệu'],
  [805000000, 'tám trăm linh năm triệu'],
  [999999999, 'chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
  // tỷ
  [1000000000, 'một tỷ'],
  [1000000024, 'một tỷ không trăm hai mươi tư'],
  [1000001000, 'một tỷ không trăm linh một nghìn'],
  [1001001001, 'một tỷ không trăm linh một triệu không trăm linh một nghìn không trăm linh một'],
  [1500000000, 'một tỷ năm trăm triệu'],
  [2030000305, 'hai tỷ không trăm ba mươi triệu ba trăm linh năm'],
  [25000000000, 'hai mươi lăm tỷ'],
  [100000000000, 'một trăm tỷ'],
  [
    999999999999,
    'chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín',
  ],
  // above tỷ: the part above a tỷ is read as a number, then "tỷ" once
  [1000000000000, 'một nghìn tỷ'],
  [1000000000001, 'một nghìn tỷ không trăm linh một'],
  [5000000000005, 'năm nghìn tỷ không trăm linh năm'],
  [20000000000000, 'hai mươi nghìn tỷ'],
  [
    1234567890123,
    'một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu tám trăm chín mươi nghìn một trăm hai mươi ba',
  ],
  [1000000000000000, 'một triệu tỷ'],
  [Number.MAX_SAFE_INTEGER, `${MAX_SAFE_WORDS} mốt`],
  // bigints
  [0n, 'không'],
  [15n, 'mười lăm'],
  [1000024n, 'một triệu không trăm hai mươi tư'],
  [2n ** 53n, `${MAX_SAFE_WORDS} hai`],
  [9007199254740993n, `${MAX_SAFE_WORDS} ba`],
  [10n ** 18n, 'một tỷ tỷ'],
  [10n ** 18n + 5n * 10n ** 9n, 'một tỷ không trăm linh năm tỷ'],
  [10n ** 21n, 'một nghìn tỷ tỷ'],
  [10n ** 27n, 'một tỷ tỷ tỷ'],
  [
    2n ** 64n, // 18.446.744.073.709.551.616
    'mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn không trăm bảy mươi ba tỷ ' +
      'bảy trăm linh chín triệu năm trăm năm mươi mốt nghìn sáu trăm mười sáu',
  ],
  // strings, with or without "." thousands separators
  ['0', 'không'],
  ['007', 'bảy'],
  ['24', 'hai mươi tư'],
  ['1.000', 'một nghìn'],
  ['1.000.024', 'một triệu không trăm hai mươi tư'],
  ['2.030.000.305', 'hai tỷ không trăm ba mươi triệu ba trăm linh năm'],
  ['9007199254740993', `${MAX_SAFE_WORDS} ba`],
  ['9.007.199.254.740.993', `${MAX_SAFE_WORDS} ba`],
  [
    '9007199254740993', // spelled out in full, as in the brief
    'chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi ba',
  ],
];

const invalid: Array<[string, unknown]> = [
  ['negative number', -1],
  ['negative bigint', -1n],
  ['fraction', 1.5],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['2**53 as a number', 2 ** 53],
  ['1e21 as a number', 1e21],
  ['letters', '12a'],
  ['empty string', ''],
  ['leading space', ' 12'],
  ['minus sign', '-5'],
  ['decimal point', '1.5'],
  ['bad grouping', '1.00'],
  ['double dot', '1..000'],
  ['leading dot', '.100'],
  ['comma grouping', '1,000'],
  ['exponent', '1e3'],
  ['null', null],
];

const amounts: Array<[number | bigint | string, Parameters<typeof amountInWords>[1], string]> = [
  [1250000, undefined, 'Một triệu hai trăm năm mươi nghìn đồng'],
  [0, undefined, 'Không đồng'],
  [105000n, undefined, 'Một trăm linh năm nghìn đồng'],
  [2030000305, {}, 'Hai tỷ không trăm ba mươi triệu ba trăm linh năm đồng'],
  ['1.000.024', undefined, 'Một triệu không trăm hai mươi tư đồng'],
  ['9007199254740993', undefined, `Chín${MAX_SAFE_WORDS.slice('chín'.length)} ba đồng`],
  [1000, { unit: null }, 'Một nghìn'],
  [1000, { unit: '' }, 'Một nghìn'],
  [15, { capitalize: false }, 'mười lăm đồng'],
  [21, { unit: 'USD' }, 'Hai mươi mốt USD'],
  [45, { unit: 'người', capitalize: true }, 'Bốn mươi lăm người'],
  [4, { unit: null, capitalize: false }, 'bốn'],
];

describe('numberToWords', () => {
  it.each(numbers)('%s -> %s', (input, expected) => {
    expect(numberToWords(input)).toBe(expected);
  });

  it.each(invalid)('rejects %s', (_label, input) => {
    expect(() => numberToWords(input as string)).toThrow(RangeError);
  });

  it.each(numbers.slice(0, 40))('%s gives NFC text', (input) => {
    const words = numberToWords(input);
    expect(words).toBe(words.normalize('NFC'));
  });
});

describe('amountInWords', () => {
  it.each(amounts)('%s %o -> %s', (input, opts, expected) => {
    expect(amountInWords(input, opts)).toBe(expected);
  });

  it.each(invalid)('rejects %s', (_label, input) => {
    expect(() => amountInWords(input as string)).toThrow(RangeError);
  });
});
