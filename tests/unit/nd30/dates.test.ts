import { describe, it, expect } from 'vitest';
import {
  BLANK,
  compareDates,
  dateProblem,
  dayText,
  formatDate,
  formatPlaceDate,
  formatShortDate,
  monthText,
  parsePartialDate,
  toIsoDate,
  todayInVietnam,
  type PartialDate,
} from '../../../src/nd30/dates.js';

const parsed: Array<[string, PartialDate | null]> = [
  ['2024-01-05', { year: 2024, month: 1, day: 5 }],
  ['2014-01-22', { year: 2014, month: 1, day: 22 }],
  ['2019-06-29', { year: 2019, month: 6, day: 29 }],
  ['2024-12-31', { year: 2024, month: 12, day: 31 }],
  ['2024-02-29', { year: 2024, month: 2, day: 29 }],
  ['2000-02-29', { year: 2000, month: 2, day: 29 }],
  ['2024-01', { year: 2024, month: 1 }],
  ['2023-06', { year: 2023, month: 6 }],
  ['2023', { year: 2023 }],
  // invalid
  ['2023-02-29', null],
  ['1900-02-29', null],
  ['2024-04-31', null],
  ['2024-13', null],
  ['2024-13-01', null],
  ['2024-00', null],
  ['2024-01-00', null],
  ['2024-01-32', null],
  ['0000', null],
  ['2024-1-5', null],
  ['24-01-05', null],
  ['05/01/2024', null],
  ['2024-01-05T00:00:00Z', null],
  [' 2024', null],
  ['2024-', null],
  ['', null],
  ['abcd', null],
];

const days: Array<[number, string]> = [
  [1, '01'],
  [5, '05'],
  [9, '09'],
  [10, '10'],
  [22, '22'],
  [31, '31'],
];

const months: Array<[number, string]> = [
  [1, '01'],
  [2, '02'],
  [3, '3'],
  [6, '6'],
  [9, '9'],
  [10, '10'],
  [11, '11'],
  [12, '12'],
];

const dates: Array<[PartialDate, string]> = [
  [{ year: 2024, month: 1, day: 5 }, 'ngày 05 tháng 01 năm 2024'],
  [{ year: 2019, month: 6, day: 29 }, 'ngày 29 tháng 6 năm 2019'],
  [{ year: 2014, month: 1, day: 22 }, 'ngày 22 tháng 01 năm 2014'],
  [{ year: 2024, month: 2, day: 29 }, 'ngày 29 tháng 02 năm 2024'],
  [{ year: 2023, month: 3, day: 3 }, 'ngày 03 tháng 3 năm 2023'],
  [{ year: 2023, month: 10, day: 10 }, 'ngày 10 tháng 10 năm 2023'],
  [{ year: 2023, month: 12, day: 31 }, 'ngày 31 tháng 12 năm 2023'],
  // drafts
  [{ year: 2023, month: 6 }, `ngày ${BLANK} tháng 6 năm 2023`],
  [{ year: 2023, month: 1 }, `ngày ${BLANK} tháng 01 năm 2023`],
  [{ year: 2023 }, `ngày ${BLANK} tháng ${BLANK} năm 2023`],
  [{ year: 2023, day: 15 }, `ngày 15 tháng ${BLANK} năm 2023`],
];

const badDates: Array<[string, PartialDate]> = [
  ['29 February of a common year', { year: 2023, month: 2, day: 29 }],
  ['31 April', { year: 2024, month: 4, day: 31 }],
  ['month 13', { year: 2024, month: 13 }],
  ['month 0', { year: 2024, month: 0, day: 1 }],
  ['day 0', { year: 2024, month: 1, day: 0 }],
  ['day 32 without a month', { year: 2024, day: 32 }],
  ['year 0', { year: 0 }],
  ['fractional year', { year: 2024.5 }],
  ['fractional day', { year: 2024, month: 1, day: 1.5 }],
];

const placeDates: Array<[string, PartialDate, string]> = [
  ['Sơn La', { year: 2014, month: 1, day: 22 }, 'Sơn La, ngày 22 tháng 01 năm 2014'],
  ['Hải Dương', { year: 2019, month: 6, day: 29 }, 'Hải Dương, ngày 29 tháng 6 năm 2019'],
  ['Thanh Hóa', { year: 2023 }, `Thanh Hóa, ngày ${BLANK} tháng ${BLANK} năm 2023`],
  ['Hà Nội'.normalize('NFD'), { year: 2024, month: 9, day: 2 }, 'Hà Nội, ngày 02 tháng 9 năm 2024'],
];

const shortDates: Array<[{ year: number; month: number; day: number }, string]> = [
  [{ year: 2024, month: 1, day: 5 }, '05/01/2024'],
  [{ year: 2019, month: 6, day: 29 }, '29/06/2019'],
  [{ year: 2023, month: 12, day: 31 }, '31/12/2023'],
];

const isoDates: Array<[PartialDate, string]> = [
  [{ year: 2024, month: 1, day: 5 }, '2024-01-05'],
  [{ year: 2024, month: 11 }, '2024-11'],
  [{ year: 2024 }, '2024'],
];

const comparisons: Array<[PartialDate, PartialDate, number]> = [
  [{ year: 2024, month: 1, day: 5 }, { year: 2024, month: 1, day: 5 }, 0],
  [{ year: 2023, month: 12, day: 31 }, { year: 2024, month: 1, day: 1 }, -1],
  [{ year: 2024, month: 2, day: 1 }, { year: 2024, month: 1, day: 31 }, 1],
  [{ year: 2024, month: 1, day: 5 }, { year: 2024, month: 1, day: 6 }, -1],
  [{ year: 2024 }, { year: 2024, month: 1 }, -1],
  [{ year: 2024, month: 1 }, { year: 2024, month: 1, day: 1 }, -1],
  [{ year: 2025 }, { year: 2024, month: 12, day: 31 }, 1],
];

describe('BLANK', () => {
  it.each([[BLANK]])('is six no-break spaces', (blank) => {
    expect(blank).toBe('\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0');
  });
});

describe('parsePartialDate', () => {
  it.each(parsed)('%j -> %j', (input, expected) => {
    expect(parsePartialDate(input)).toEqual(expected);
  });
});

describe('dayText', () => {
  it.each(days)('%i -> %s', (d, expected) => {
    expect(dayText(d)).toBe(expected);
  });
  it.each([[0], [32], [1.5], [Number.NaN]])('rejects %s', (d) => {
    expect(() => dayText(d)).toThrow(RangeError);
  });
});

describe('monthText (only January and February are padded)', () => {
  it.each(months)('%i -> %s', (m, expected) => {
    expect(monthText(m)).toBe(expected);
  });
  it.each([[0], [13], [2.5]])('rejects %s', (m) => {
    expect(() => monthText(m)).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it.each(dates)('%j -> %j', (d, expected) => {
    expect(formatDate(d)).toBe(expected);
  });
  it.each(badDates)('rejects %s', (_label, d) => {
    expect(() => formatDate(d)).toThrow(RangeError);
  });
});

describe('formatPlaceDate', () => {
  it.each(placeDates)('%s %j', (place, d, expected) => {
    expect(formatPlaceDate(place, d)).toBe(expected);
  });
});

describe('formatShortDate', () => {
  it.each(shortDates)('%j -> %s', (d, expected) => {
    expect(formatShortDate(d)).toBe(expected);
  });
  it.each([[{ year: 2023, month: 2, day: 30 }]])('rejects %j', (d) => {
    expect(() => formatShortDate(d)).toThrow(RangeError);
  });
});

describe('toIsoDate', () => {
  it.each(isoDates)('%j -> %s (and back)', (d, expected) => {
    expect(toIsoDate(d)).toBe(expected);
    expect(parsePartialDate(expected)).toEqual(d);
  });
  it.each([[{ year: 2024, day: 5 }], [{ year: 2023, month: 2, day: 29 }]])('rejects %j', (d) => {
    expect(() => toIsoDate(d)).toThrow(RangeError);
  });
});

describe('compareDates', () => {
  it.each(comparisons)('%j vs %j -> %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
    expect(compareDates(b, a)).toBe(-expected || 0);
  });
});

describe('todayInVietnam', () => {
  it.each([
    ['2024-01-04T17:00:00Z', { year: 2024, month: 1, day: 5 }],
    ['2024-01-04T16:59:59Z', { year: 2024, month: 1, day: 4 }],
    ['2023-12-31T18:30:00Z', { year: 2024, month: 1, day: 1 }],
  ])('%s -> %j', (iso, expected) => {
    expect(todayInVietnam(new Date(iso))).toEqual(expected);
  });
});

describe('dateProblem', () => {
  it.each([
    ['2024-02-29', true, undefined],
    ['2024-06', false, undefined],
    ['2024', false, undefined],
    ['20/12/2024', true, { code: 'date_format', message: 'Ngày "20/12/2024" viết theo dạng YYYY-MM-DD: 2024-12-20' }],
    ['5.1.2024', true, { code: 'date_format', message: 'Ngày "5.1.2024" viết theo dạng YYYY-MM-DD: 2024-01-05' }],
    ['2024/12/20', true, { code: 'date_format', message: 'Ngày không đúng dạng: dùng dạng YYYY-MM-DD, ví dụ 2024-01-05' }],
    ['2024-06', true, { code: 'date_incomplete', message: 'Cần đủ ngày, tháng và năm: dạng YYYY-MM-DD, ví dụ 2024-01-05' }],
    ['2024-02-30', true, { code: 'date_nonexistent', message: 'Ngày 30 tháng 2 năm 2024 không có thật: tháng 2 năm 2024 có 29 ngày' }],
    ['2023-02-29', false, { code: 'date_nonexistent', message: 'Ngày 29 tháng 2 năm 2023 không có thật: tháng 2 năm 2023 có 28 ngày' }],
    ['2024-13-01', true, { code: 'date_nonexistent', message: 'Tháng 13 không có thật: tháng từ 1 đến 12' }],
    ['0000-01-01', true, { code: 'date_nonexistent', message: 'Năm 0000 không có thật' }],
  ] as const)('%s (full: %s)', (s, full, expected) => {
    expect(dateProblem(s, { full })).toEqual(expected);
    // The form and the existence of the day agree with the parser.
    if (expected === undefined) expect(parsePartialDate(s)).not.toBeNull();
    else if (expected.code === 'date_nonexistent') expect(parsePartialDate(s)).toBeNull();
  });
});
