import { describe, it, expect } from 'vitest';
import { nfc, normalizeDeep } from '../../../src/vietnamese/nfc.js';

const NFD = (s: string): string => s.normalize('NFD');

const nfcCases: Array<[string, string]> = [
  [NFD('Quyết định'), 'Quyết định'],
  [NFD('Ủy ban nhân dân'), 'Ủy ban nhân dân'],
  [NFD('Độc lập - Tự do - Hạnh phúc'), 'Độc lập - Tự do - Hạnh phúc'],
  ['Quyết định', 'Quyết định'],
  ['', ''],
  ['abc 123', 'abc 123'],
];

const deepCases: Array<[string, unknown, unknown]> = [
  ['string', NFD('Sơn La'), 'Sơn La'],
  ['number', 42, 42],
  ['null', null, null],
  ['boolean', true, true],
  ['undefined', undefined, undefined],
  ['array', [NFD('Hà Nội'), 1, [NFD('Huế')]], ['Hà Nội', 1, ['Huế']]],
  [
    'object values and keys',
    { [NFD('tên')]: NFD('Nguyễn Văn A'), n: 3, nested: { [NFD('địa danh')]: [NFD('Hải Dương')] } },
    { tên: 'Nguyễn Văn A', n: 3, nested: { 'địa danh': ['Hải Dương'] } },
  ],
  ['empty object', {}, {}],
  ['empty array', [], []],
];

describe('nfc', () => {
  it.each(nfcCases)('%j -> %j', (input, expected) => {
    expect(nfc(input)).toBe(expected);
  });
});

describe('normalizeDeep', () => {
  it.each(deepCases)('%s', (_label, input, expected) => {
    expect(normalizeDeep(input)).toEqual(expected);
  });

  it.each([
    ['object', { a: [NFD('ư')] }],
    ['array', [{ b: NFD('ơ') }]],
  ])('does not mutate its %s input', (_label, input) => {
    const before = JSON.stringify(input);
    const out = normalizeDeep(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
  });

  it.each([
    ['Date', new Date(0)],
    ['bigint', 5n],
    ['Uint8Array', new Uint8Array([1, 2])],
  ])('keeps a %s as it is', (_label, value) => {
    expect(normalizeDeep({ v: value }).v).toBe(value);
  });

  it.each([['__proto__ key', '{"__proto__": {"x": 1}}']])('keeps a %s as an own property', (_label, json) => {
    const out = normalizeDeep(JSON.parse(json) as Record<string, unknown>);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
