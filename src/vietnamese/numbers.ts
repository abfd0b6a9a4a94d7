/**
 * Figures in Vietnamese notation: "." groups thousands, "," marks decimals
 * (1.250.000 đồng; 1,5 lần). Also Roman numerals (Phần I, Chương II) and the
 * Vietnamese alphabet used to label điểm (a), b), ... đ), ...).
 */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * An integer with thousands grouped by ".": 1250000 -> "1.250.000", -1000 -> "-1.000".
 * Accepts a safe integer number, a bigint, or a string of digits with an optional leading "-".
 * Throws RangeError otherwise (including numbers beyond 2^53, which are no longer exact).
 */
export function formatInteger(n: number | bigint | string): string {
  let value: bigint;
  if (typeof n === 'bigint') {
    value = n;
  } else if (typeof n === 'number') {
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(`formatInteger: ${String(n)} is not a safe integer`);
    }
    value = BigInt(n);
  } else if (typeof n === 'string') {
    if (!/^-?\d+$/.test(n)) throw new RangeError(`formatInteger: "${n}" is not an integer`);
    value = BigInt(n);
  } else {
    throw new RangeError('formatInteger: expected a number, bigint or string');
  }
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  return (negative ? '-' : '') + groupThousands(digits);
}

/**
 * The exact decimal digits of the shortest round-trip representation of a finite,
 * non-negative number: value = mantissa * 10^exponent.
 */
function decimalParts(x: number): { mantissa: bigint; exponent: number } {
  const s = x.toString();
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new RangeError(`cannot format ${s}`);
  const intPart = m[1] ?? '0';
  const fracPart = m[2] ?? '';
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  return { mantissa: BigInt(intPart + fracPart), exponent: exp - fracPart.length };
}

/**
 * A decimal number with "," as the decimal mark and "." between thousands, rounded half
 * away from zero on the number's shortest decimal representation (so 1.005 with 2 digits
 * is "1,01", as a person reading "1.005" expects, not "1,00" as toFixed gives).
 * A result that rounds to zero carries no minus sign.
 */
export function formatDecimal(x: number, fractionDigits: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`formatDecimal: ${String(x)} is not a finite number`);
  }
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 100) {
    throw new RangeError(`formatDecimal: fractionDigits must be an integer 0..100, got ${String(fractionDigits)}`);
  }
  const negative = x < 0;
  const { mantissa, exponent } = decimalParts(Math.abs(x));
  // scaled = round(|x| * 10^fractionDigits), half away from zero
  const shift = exponent + fractionDigits;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = mantissa * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    scaled = mantissa / divisor;
    if ((mantissa % divisor) * 2n >= divisor) scaled += 1n;
  }
  const unit = 10n ** BigInt(fractionDigits);
  const intPart = groupThousands((scaled / unit).toString());
  const sign = negative && scaled !== 0n ? '-' : '';
  if (fractionDigits === 0) return sign + intPart;
  const frac = (scaled % unit).toString().padStart(fractionDigits, '0');
  return `${sign}${intPart},${frac}`;
}

/** A percentage value (95.5 means 95,5 %) as "95,50%". */
export function formatPercent(x: number, fractionDigits = 2): string {
  return `${formatDecimal(x, fractionDigits)}%`;
}

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** Upper-case Roman numeral for 1..3999 ("Phần IV", "Chương XII"). */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) {
    throw new RangeError(`toRoman: ${String(n)} is outside 1..3999`);
  }
  let rest = n;
  let out = '';
  for (const [value, symbol] of ROMAN) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** The 23 letters that label điểm, in Vietnamese alphabet order (no f, j, w, z). */
export const DIEM_ALPHABET: readonly string[] = Object.freeze([
  'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm',
  'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y',
]);

/** The letter of the điểm at a 0-based index: 0 -> "a", 4 -> "đ", 22 -> "y". */
export function diemLetter(index: number): string {
  const letter = Number.isInteger(index) ? DIEM_ALPHABET[index] : undefined;
  if (letter === undefined) {
    throw new RangeError(`diemLetter: index ${String(index)} is outside 0..${DIEM_ALPHABET.length - 1}`);
  }
  return letter;
}
