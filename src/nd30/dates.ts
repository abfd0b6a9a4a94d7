/**
 * Dates as Decree 30/2020/NĐ-CP writes them: "ngày 05 tháng 01 năm 2024", "ngày 29 tháng 6 năm 2019".
 * Days below 10 and the months 1 and 2 take a leading zero, nothing else does.
 * A draft may leave the day and month blank; they are then filled in by hand at registration.
 */

export type PartialDate = { year: number; month?: number; day?: number };
export type FullDate = { year: number; month: number; day: number };

/** The blank left for a draft's day, month or number: six no-break spaces (they survive HTML and DOCX). */
export const BLANK = '\u00a0'.repeat(6);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether a partial date is real: integer year 1..9999; month, when given, 1..12; day, when
 * given, a day of that month (a day without a month is checked against 1..31).
 */
export function isValidPartialDate(d: PartialDate): boolean {
  if (!Number.isInteger(d.year) || d.year < 1 || d.year > 9999) return false;
  if (d.month !== undefined && (!Number.isInteger(d.month) || d.month < 1 || d.month > 12)) return false;
  if (d.day !== undefined) {
    const max = d.month === undefined ? 31 : daysInMonth(d.year, d.month);
    if (!Number.isInteger(d.day) || d.day < 1 || d.day > max) return false;
  }
  return true;
}

/**
 * Parses "2024-01-05", "2024-01" (day left blank) or "2024" (day and month left blank).
 * Returns null for anything else, including impossible dates (2023-02-29, month 13).
 */
export function parsePartialDate(s: string): PartialDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const d: PartialDate = { year: Number(m[1]) };
  if (m[2] !== undefined) d.month = Number(m[2]);
  if (m[3] !== undefined) d.day = Number(m[3]);
  return isValidPartialDate(d) ? d : null;
}

/** Why a date string is refused: its form (`date_format`), or a day, month or year that does not exist. */
export type DateProblem = { code: 'date_format' | 'date_incomplete' | 'date_nonexistent'; message: string };

/**
 * What is wrong with a date as sent, or undefined when it is right: the form (YYYY-MM-DD; a date written the
 * Vietnamese way, "20/12/2024", is named with its ISO form), a draft's partial date where a full one is
 * needed, or a day that does not exist ("2024-02-30": February 2024 has 29 days) told apart from a bad form.
 */
export function dateProblem(s: string, o: { full: boolean }): DateProblem | undefined {
  const form = o.full ? 'YYYY-MM-DD, ví dụ 2024-01-05' : 'YYYY-MM-DD (bản dự thảo có thể để trống ngày: YYYY-MM, hoặc ngày và tháng: YYYY)';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) {
    const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim());
    if (vi) {
      const iso = `${vi[3]}-${vi[2]!.padStart(2, '0')}-${vi[1]!.padStart(2, '0')}`;
      return { code: 'date_format', message: `Ngày "${s}" viết theo dạng YYYY-MM-DD: ${iso}` };
    }
    return { code: 'date_format', message: `Ngày không đúng dạng: dùng dạng ${form}` };
  }
  if (o.full && m[3] === undefined) return { code: 'date_incomplete', message: 'Cần đủ ngày, tháng và năm: dạng YYYY-MM-DD, ví dụ 2024-01-05' };
  const [year, month, day] = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  if (year < 1) return { code: 'date_nonexistent', message: `Năm ${m[1]} không có thật` };
  if (month !== undefined && (month < 1 || month > 12)) return { code: 'date_nonexistent', message: `Tháng ${month} không có thật: tháng từ 1 đến 12` };
  if (day !== undefined) {
    const max = month === undefined ? 31 : daysInMonth(year, month);
    if (day < 1 || day > max)
      return { code: 'date_nonexistent', message: month === undefined ? `Ngày ${day} không có thật` : `Ngày ${day} tháng ${month} năm ${year} không có thật: tháng ${month} năm ${year} có ${max} ngày` };
  }
  return undefined;
}

/** A day of the month as written in a date line: "05", "22". */
export function dayText(d: number): string {
  if (!Number.isInteger(d) || d < 1 || d > 31) throw new RangeError(`day ${String(d)} is outside 1..31`);
  return d < 10 ? `0${d}` : String(d);
}

/** A month as written in a date line: "01" and "02" for January and February, otherwise unpadded ("3", "12"). */
export function monthText(m: number): string {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month ${String(m)} is outside 1..12`);
  return m <= 2 ? `0${m}` : String(m);
}

function assertValid(d: PartialDate): void {
  if (!isValidPartialDate(d)) {
    throw new RangeError(`invalid date: ${JSON.stringify(d)}`);
  }
}

/**
 * "ngày 05 tháng 01 năm 2024"; a missing day or month is left as BLANK:
 * `ngày ${day ?? BLANK} tháng ${month ?? BLANK} năm ${year}`. RangeError for an impossible date.
 */
export function formatDate(d: PartialDate): string {
  assertValid(d);
  const day = d.day === undefined ? BLANK : dayText(d.day);
  const month = d.month === undefined ? BLANK : monthText(d.month);
  return `ngày ${day} tháng ${month} năm ${d.year}`;
}

/** "Sơn La, ngày 22 tháng 01 năm 2014". */
export function formatPlaceDate(place: string, d: PartialDate): string {
  return `${place.normalize('NFC').trim()}, ${formatDate(d)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "05/01/2024": dd/mm/yyyy, day and month always two digits. */
export function formatShortDate(d: FullDate): string {
  assertValid(d);
  return `${pad2(d.day)}/${pad2(d.month)}/${String(d.year).padStart(4, '0')}`;
}

/** The ISO form parsePartialDate reads: "2024-01-05", "2024-01", "2024". RangeError for an impossible date. */
export function toIsoDate(d: PartialDate): string {
  assertValid(d);
  let s = String(d.year).padStart(4, '0');
  if (d.month !== undefined) {
    s += `-${pad2(d.month)}`;
    if (d.day !== undefined) s += `-${pad2(d.day)}`;
  } else if (d.day !== undefined) {
    throw new RangeError('toIsoDate: a day without a month has no ISO form');
  }
  return s;
}

/**
 * Orders dates: negative when a < b, 0 when equal, positive when a > b (for Array.prototype.sort).
 * A missing month or day sorts before any present one: 2024 < 2024-01 < 2024-01-01.
 */
export function compareDates(a: PartialDate, b: PartialDate): number {
  const key = (d: PartialDate): [number, number, number] => [d.year, d.month ?? 0, d.day ?? 0];
  const [ay, am, ad] = key(a);
  const [by, bm, bd] = key(b);
  return Math.sign(ay - by || am - bm || ad - bd);
}

/** Today's date in Vietnam (UTC+7, no daylight saving), as a full date. */
export function todayInVietnam(now: Date = new Date()): FullDate {
  const t = new Date(now.getTime() + 7 * 3600 * 1000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
