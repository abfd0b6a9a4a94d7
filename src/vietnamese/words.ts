/**
 * Amounts in words ("bằng chữ") following administrative and accounting practice
 * (see docs nd30-format.md, "Amounts in words"). Exact: everything runs on BigInt.
 */
import { capitalizeFirst } from './text.js';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function digit(d: number): string {
  const w = DIGITS[d];
  if (w === undefined) throw new RangeError(`not a digit: ${d}`);
  return w;
}

const BILLION = 1_000_000_000n;

/** Parses the accepted inputs into a non-negative bigint; RangeError otherwise. */
function toBigInt(n: number | bigint | string): bigint {
  if (typeof n === 'bigint') {
    if (n < 0n) throw new RangeError(`numberToWords: negative value ${n}`);
    return n;
  }
  if (typeof n === 'number') {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(
        `numberToWords: ${String(n)} is not a safe non-negative integer (pass a bigint or a string of digits beyond 2^53 - 1)`,
      );
    }
    return BigInt(n);
  }
  if (typeof n === 'string') {
    // Plain digits, or digits grouped by "." in threes ("1.000.024"). Anything else - "1.5",
    // "1,000", spaces, signs - is refused rather than guessed at.
    if (/^\d+$/.test(n) || /^\d{1,3}(?:\.\d{3})+$/.test(n)) return BigInt(n.replace(/\./g, ''));
    throw new RangeError(`numberToWords: "${n}" is not a string of digits`);
  }
  throw new RangeError('numberToWords: expected a number, bigint or string');
}

/**
 * Words of a group of three digits (1..999). `leading`: the group is the first of the
 * number, so a zero hundreds digit is not read (24 -> "hai mươi tư"); inner groups read it
 * (024 -> "không trăm hai mươi tư").
 */
function readGroup(g: number, leading: boolean): string[] {
  const h = Math.floor(g / 100);
  const t = Math.floor(g / 10) % 10;
  const u = g % 10;
  const out: string[] = [];
  const hasHundreds = !(leading && h === 0);
  if (hasHundreds) out.push(digit(h), 'trăm');
  if (t === 0) {
    if (u !== 0) {
      if (hasHundreds) out.push('linh');
      out.push(digit(u)); // after "linh" and alone: một, bốn, năm
    }
  } else if (t === 1) {
    out.push('mười');
    if (u === 5) out.push('lăm');
    else if (u !== 0) out.push(digit(u)); // mười một, mười bốn
  } else {
    out.push(digit(t), 'mươi');
    if (u === 1) out.push('mốt');
    else if (u === 4) out.push('tư');
    else if (u === 5) out.push('lăm');
    else if (u !== 0) out.push(digit(u));
  }
  return out;
}

/** Words of 1..999.999.999 (groups triệu, nghìn, units); all-zero groups skipped. */
function readBelowBillion(n: bigint, leading: boolean): string[] {
  const groups: Array<[number, string | null]> = [
    [Number(n / 1_000_000n), 'triệu'],
    [Number((n / 1000n) % 1000n), 'nghìn'],
    [Number(n % 1000n), null],
  ];
  const out: string[] = [];
  let first = leading;
  for (const [g, unit] of groups) {
    if (g === 0) continue;
    out.push(...readGroup(g, first));
    if (unit !== null) out.push(unit);
    first = false;
  }
  return out;
}

/** Words of n >= 1: the part above a billion is read as a number of its own, followed by "tỷ". */
function read(n: bigint, leading: boolean): string[] {
  if (n < BILLION) return readBelowBillion(n, leading);
  const high = n / BILLION;
  const low = n % BILLION;
  const out = [...read(high, leading), 'tỷ'];
  if (low !== 0n) out.push(...readBelowBillion(low, false));
  return out;
}

/**
 * A non-negative integer in Vietnamese words, lower case, no unit:
 * 105 -> "một trăm linh năm", 1000024 -> "một triệu không trăm hai mươi tư", 0 -> "không".
 * Accepts a safe integer number, a bigint, or a string of digits (optionally grouped by ".").
 */
export function numberToWords(n: number | bigint | string): string {
  const value = toBigInt(n);
  if (value === 0n) return DIGITS[0];
  return read(value, true).join(' ');
}

export type AmountInWordsOptions = {
  /** Unit after the words; default "đồng"; null or "" for none. */
  unit?: string | null;
  /** Capitalise the first letter; default true. */
  capitalize?: boolean;
};

/** An amount in words as written on documents: 1250000 -> "Một triệu hai trăm năm mươi nghìn đồng". */
export function amountInWords(n: number | bigint | string, opts: AmountInWordsOptions = {}): string {
  const unit = opts.unit === undefined ? 'đồng' : opts.unit === null ? '' : opts.unit.normalize('NFC').trim();
  const words = numberToWords(n);
  const text = unit === '' ? words : `${words} ${unit}`;
  return opts.capitalize === false ? text : capitalizeFirst(text);
}
