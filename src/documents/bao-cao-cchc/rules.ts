/**
 * The rules of the report, as pure functions the schema, the view model and the warnings share:
 * the data cut-off of each period (Nghị định 09/2019/NĐ-CP, Điều 12), the consistency of dossier counts and
 * the rates computed from them, the comparison of a stated rate with the computed one.
 */
import { compareDates, formatShortDate, parsePartialDate, type FullDate } from '../../nd30/dates.js';
import { formatInteger, formatPercent } from '../../vietnamese/numbers.js';

type Path = (string | number)[];

/** The largest count a field accepts; sums of up to 50 rows stay exact. */
export const MAX_COUNT = 1_000_000_000;
export type RuleProblem = { path: Path; message: string };

// ---- the period ----

type PeriodInput = { kind: 'quy-1' | '6-thang' | 'quy-3' | 'nam' | 'dot-xuat'; year: number; from?: string; to?: string };

/**
 * The default data period of a report (Nghị định 09/2019/NĐ-CP, Điều 12, khoản 1): a quarter from the 15th of
 * the month before it to the 14th of its last month; 6 months from 15/12 of the previous year to 14/6; the year
 * from 15/12 of the previous year to 14/12. An ad hoc report has none: its dates come from the data.
 */
export function defaultCutOff(kind: PeriodInput['kind'], year: number): { from: FullDate; to: FullDate } | null {
  switch (kind) {
    case 'quy-1':
      return { from: { year: year - 1, month: 12, day: 15 }, to: { year, month: 3, day: 14 } };
    case '6-thang':
      return { from: { year: year - 1, month: 12, day: 15 }, to: { year, month: 6, day: 14 } };
    case 'quy-3':
      return { from: { year, month: 6, day: 15 }, to: { year, month: 9, day: 14 } };
    case 'nam':
      return { from: { year: year - 1, month: 12, day: 15 }, to: { year, month: 12, day: 14 } };
    case 'dot-xuat':
      return null;
  }
}

const full = (s: string): FullDate => {
  const d = parsePartialDate(s);
  if (!d || d.month === undefined || d.day === undefined) throw new Error(`not a full date after validation: ${s}`);
  return { year: d.year, month: d.month, day: d.day };
};

/** The data period: the dates the data gives, each one overriding the national default. */
export function dataPeriod(p: PeriodInput): { from: FullDate; to: FullDate } {
  const def = defaultCutOff(p.kind, p.year);
  const from = p.from ? full(p.from) : def?.from;
  const to = p.to ? full(p.to) : def?.to;
  if (!from || !to) throw new Error('an ad hoc period without its dates passed validation');
  return { from, to };
}

export function periodProblems(p: PeriodInput): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (p.kind === 'dot-xuat') {
    if (!p.from) out.push({ path: ['from'], message: 'Báo cáo đột xuất phải ghi ngày đầu kỳ số liệu (from), dạng YYYY-MM-DD' });
    if (!p.to) out.push({ path: ['to'], message: 'Báo cáo đột xuất phải ghi ngày chốt số liệu (to), dạng YYYY-MM-DD' });
  }
  // The refinement also runs when a field failed a range check: only well-formed values are compared.
  const fullOrNull = (s: string | undefined) => {
    const d = s === undefined ? null : parsePartialDate(s);
    return d && d.month !== undefined && d.day !== undefined ? d : null;
  };
  const from = fullOrNull(p.from);
  const to = fullOrNull(p.to);
  if (!out.length && Number.isInteger(p.year) && p.year >= 2000 && p.year <= 2100) {
    const def = defaultCutOff(p.kind, p.year);
    const f = from || def?.from;
    const t = to || def?.to;
    if (f && t && compareDates(f, t) > 0)
      out.push({
        path: [p.to ? 'to' : 'from'],
        message: `Kỳ số liệu không hợp lệ: ngày đầu ${formatShortDate(f as FullDate)} sau ngày chốt ${formatShortDate(t as FullDate)}`,
      });
  }
  return out;
}

// ---- dossiers ----

export type DossierInput = {
  received: { total?: number; inPerson: number; publicPost: number; online: number; carriedOver?: number };
  settled: { total?: number; onTime: number; late: number };
  pending?: number;
};

/** The counts of a row (or of the sum of rows) with its computed totals. */
export type DossierCounts = {
  inPerson: number;
  publicPost: number;
  online: number;
  carriedOver: number;
  /** Received in the period: in person + public post + online. */
  newlyReceived: number;
  /** To be handled in the period: newly received + carried over. */
  received: number;
  onTime: number;
  late: number;
  settled: number;
  pending: number;
};

export function dossierCounts(r: DossierInput): DossierCounts {
  const newlyReceived = r.received.inPerson + r.received.publicPost + r.received.online;
  const carriedOver = r.received.carriedOver ?? 0;
  const received = newlyReceived + carriedOver;
  const settled = r.settled.onTime + r.settled.late;
  return {
    inPerson: r.received.inPerson,
    publicPost: r.received.publicPost,
    online: r.received.online,
    carriedOver,
    newlyReceived,
    received,
    onTime: r.settled.onTime,
    late: r.settled.late,
    settled,
    pending: r.pending ?? Math.max(0, received - settled),
  };
}

export function sumCounts(rows: DossierCounts[]): DossierCounts {
  const keys = ['inPerson', 'publicPost', 'online', 'carriedOver', 'newlyReceived', 'received', 'onTime', 'late', 'settled', 'pending'] as const;
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as DossierCounts;
  for (const r of rows) for (const k of keys) out[k] += r[k];
  return out;
}

const n = (x: number) => formatInteger(x);

/**
 * Counts that cannot all be right are errors (a rate computed from them would be meaningless): a stated total
 * that is not the sum of its parts, more dossiers settled than received, more settled + pending than received.
 * Fewer settled + pending than received is only a warning: dossiers withdrawn or returned leave the count.
 */
export function dossierProblems(r: DossierInput): { errors: RuleProblem[]; warnings: RuleProblem[] } {
  const errors: RuleProblem[] = [];
  const warnings: RuleProblem[] = [];
  // The schema's refinement also runs when a count failed its own check (negative, fractional, too large):
  // that count already has its error, and the sums are not compared.
  const counts = [r.received.total, r.received.inPerson, r.received.publicPost, r.received.online, r.received.carriedOver];
  counts.push(r.settled.total, r.settled.onTime, r.settled.late, r.pending);
  if (!counts.every((x) => x === undefined || (Number.isSafeInteger(x) && x >= 0 && x <= MAX_COUNT))) return { errors, warnings };
  const c = dossierCounts(r);
  if (r.received.total !== undefined && r.received.total !== c.received)
    errors.push({
      path: ['received', 'total'],
      message: `Tổng số hồ sơ tiếp nhận (${n(r.received.total)}) khác tổng trực tiếp + bưu chính công ích + trực tuyến${
        c.carriedOver ? ' + kỳ trước chuyển sang' : ''
      } (${n(c.received)})`,
    });
  if (r.settled.total !== undefined && r.settled.total !== c.settled)
    errors.push({
      path: ['settled', 'total'],
      message: `Số hồ sơ đã giải quyết (${n(r.settled.total)}) khác số đúng hạn + quá hạn (${n(r.settled.onTime)} + ${n(r.settled.late)} = ${n(c.settled)})`,
    });
  else if (c.settled > c.received)
    errors.push({
      path: r.settled.total !== undefined ? ['settled', 'total'] : ['settled'],
      message: `Số hồ sơ đã giải quyết (${n(c.settled)}) nhiều hơn số hồ sơ tiếp nhận (${n(c.received)})`,
    });
  else if (r.pending !== undefined) {
    if (c.settled + r.pending > c.received)
      errors.push({
        path: ['pending'],
        message: `Số đã giải quyết (${n(c.settled)}) cộng số đang giải quyết (${n(r.pending)}) nhiều hơn số hồ sơ tiếp nhận (${n(c.received)})`,
      });
    else if (c.settled + r.pending < c.received)
      warnings.push({
        path: ['pending'],
        message: `Số đã giải quyết (${n(c.settled)}) cộng số đang giải quyết (${n(r.pending)}) ít hơn số hồ sơ tiếp nhận (${n(c.received)}) ${n(
          c.received - c.settled - r.pending,
        )} hồ sơ: nếu là hồ sơ rút hoặc trả lại thì nên ghi rõ trong báo cáo`,
      });
  }
  return { errors, warnings };
}

// ---- rates ----

/** part / whole as a percentage, or null when the whole is 0. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : (part * 100) / whole;
}

/** "95,83%", or "-" where the rate is undefined (nothing to divide by). */
export function showRate(r: number | null): string {
  return r === null ? '-' : formatPercent(r, 2);
}

/** The decimals a stated figure was written with (95 -> 0, 95.8 -> 1, 95.83 -> 2). */
function decimals(x: number): number {
  const m = /\.(\d+)$/.exec(String(x));
  return m ? (m[1] ?? '').length : 0;
}

/**
 * Whether a stated percentage disagrees with the computed one beyond rounding: by more than half a unit of its
 * own last decimal (95,8 agrees with 95,83...; 95,9 does not; 96 agrees with 95,83).
 */
export function statedDisagrees(stated: number, computed: number | null): boolean {
  if (computed === null) return true;
  const tolerance = 0.5 * 10 ** -decimals(stated) + 1e-9;
  return Math.abs(stated - computed) > tolerance;
}

/** "95,9%" written with the decimals it was given with. */
export function showStated(stated: number): string {
  return formatPercent(stated, Math.min(decimals(stated), 4));
}
