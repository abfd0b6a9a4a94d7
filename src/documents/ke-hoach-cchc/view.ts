/**
 * View model of the annual reform plan: the body as computed blocks (numbering I., 1., a) in the Vietnamese
 * điểm alphabet; report periods and data cut-offs; the funding total) and the "Khung kế hoạch" appendix on
 * landscape pages (groups I, II, ... in programme order, merged Nhiệm vụ chung cells, subtotals, total in
 * figures and in words; a subtotal or total the author states is printed as given, and a warning says the
 * computed one). All figures are exact integers (BigInt), whatever their size.
 */
import { compareDates, formatDate, parsePartialDate, type FullDate } from '../../nd30/dates.js';
import { diemLetter, formatInteger, toRoman } from '../../vietnamese/numbers.js';
import { upper } from '../../vietnamese/text.js';
import { amountInWords } from '../../vietnamese/words.js';
import { resolveProgramme, type ReformArea } from '../common/reform-programmes.js';
import { standardView, type StandardView } from '../common/standard.js';
import { appendixInputs, bare, blocksView, cell, closeBody, phrase, richEdit, richView, type AppendixInput, type BlockView, type CellView, type ListItemView, type RichView, type RunView } from '../common/view.js';
import { jsonPath } from '../validate.js';
import type { Warning } from '../types.js';
import type { RichText } from '../common/schema.js';
import { HEADINGS, SECTION_KEYS, type FrameworkTask, type KeHoachCchc, type Money, type ReportPeriod } from './schema.js';

export const TYPE_NAME = 'Kế hoạch';
export const TYPE_ABBR = 'KH';

export const toAmount = (m: Money | undefined): bigint => (m === undefined ? 0n : BigInt(m));
export const formatAmount = (n: bigint): string => formatInteger(n);

/** The first letter in lower case unless the word is an abbreviation ("Cải cách ..." -> "cải cách ...", "CCHC" kept). */
export function lowerFirst(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const head = String.fromCodePoint(first);
  const next = s.slice(head.length, head.length + 1);
  if (next && next === next.toLocaleUpperCase('vi') && next !== next.toLocaleLowerCase('vi')) return s;
  return head.toLocaleLowerCase('vi') + s.slice(head.length);
}

/** A bullet as written: ends with a sentence mark, "." added when the writer left none. */
export function sentence(s: string): string {
  const t = s.trim();
  return /[.;:!?…]$/u.test(t) ? t : `${t}.`;
}

export const summaryOf = (d: KeHoachCchc): string => d.summary ?? `Cải cách hành chính năm ${d.year}`;
export const issuerOf = (d: KeHoachCchc): string => d.opening.issuer ?? d.agency.name;

// ---- reporting ----

const fd = (year: number, month: number, day: number): FullDate => ({ year, month, day });

/** Data cut-off of the periodic reports (Nghị định 09/2019/NĐ-CP): from the 15th of the month before
 * the period to the 14th of its last month. */
export const PERIODS: Record<Exclude<ReportPeriod, 'dot-xuat' | 'khac'>, { name: (y: number) => string; from: (y: number) => FullDate; to: (y: number) => FullDate }> = {
  'quy-1': { name: (y) => `quý I năm ${y}`, from: (y) => fd(y - 1, 12, 15), to: (y) => fd(y, 3, 14) },
  'quy-2': { name: (y) => `quý II năm ${y}`, from: (y) => fd(y, 3, 15), to: (y) => fd(y, 6, 14) },
  '6-thang': { name: (y) => `6 tháng đầu năm ${y}`, from: (y) => fd(y - 1, 12, 15), to: (y) => fd(y, 6, 14) },
  'quy-3': { name: (y) => `quý III năm ${y}`, from: (y) => fd(y, 6, 15), to: (y) => fd(y, 9, 14) },
  '9-thang': { name: (y) => `9 tháng năm ${y}`, from: (y) => fd(y - 1, 12, 15), to: (y) => fd(y, 9, 14) },
  'quy-4': { name: (y) => `quý IV năm ${y}`, from: (y) => fd(y, 9, 15), to: (y) => fd(y, 12, 14) },
  nam: { name: (y) => `năm ${y}`, from: (y) => fd(y - 1, 12, 15), to: (y) => fd(y, 12, 14) },
};

type Report = NonNullable<KeHoachCchc['reporting']>['reports'][number];

export function reportFacts(r: Report, year: number): { name: string; from?: FullDate; to?: FullDate } {
  const p = r.period === 'dot-xuat' || r.period === 'khac' ? undefined : PERIODS[r.period];
  const given = r.dataFrom && r.dataTo ? { from: parsePartialDate(r.dataFrom) as FullDate, to: parsePartialDate(r.dataTo) as FullDate } : undefined;
  const name = r.name ?? (p ? `Báo cáo cải cách hành chính ${p.name(year)}` : 'Báo cáo đột xuất');
  if (given) return { name, ...given };
  if (p) return { name, from: p.from(year), to: p.to(year) };
  return { name };
}

/**
 * One report line, from what the data gives and nothing else: "gửi <nơi nhận> trước <hạn>" only with a
 * deadline (a date or a rule) or a recipient, the data period only for a periodic report (or given dates)
 * unless turned off, the note. A report without any of them is its name alone.
 */
function reportLine(r: Report, year: number, sendTo: string | undefined): string {
  const f = reportFacts(r, year);
  const to = sendTo ? ` ${bare(sendTo)}` : '';
  const parts: string[] = [];
  if (r.deadline) parts.push(`gửi${to} trước ${formatDate(parsePartialDate(r.deadline) as FullDate)}`);
  else if (r.deadlineText) parts.push(`gửi${to} ${bare(r.deadlineText)}`);
  else if (sendTo) parts.push(`gửi${to}`);
  if (r.dataPeriod !== false && f.from && f.to) parts.push(`số liệu tính từ ${formatDate(f.from)} đến ${formatDate(f.to)}`);
  if (r.note) parts.push(bare(r.note));
  return parts.length ? `${bare(f.name)}: ${parts.join('; ')}` : bare(f.name);
}

// ---- the framework table ----

/**
 * subtotal and total are computed from the tasks' budgets; shown is what the document prints: the figure the
 * author states (statedAreaBudgets, statedTotalBudget) when given, printed as given (a disagreement is a warning),
 * else the computed one.
 */
export type AreaGroup = { numeral: string; area: ReformArea; tasks: FrameworkTask[]; subtotal: bigint; shown?: bigint };

export function frameworkGroups(d: KeHoachCchc): { groups: AreaGroup[]; total: bigint; shownTotal?: bigint } {
  const prog = resolveProgramme(d.programme);
  let total = 0n;
  const tasks = d.framework?.tasks ?? [];
  // Sums only of budgets the data gives: a framework without any budget or stated figure has no "Cộng" or total.
  const budgeted = tasks.some((t) => t.budget !== undefined);
  const stated = new Map((d.framework?.statedAreaBudgets ?? []).map((s) => [s.area, toAmount(s.amount)] as const));
  const groups = prog.areas
    .map((area) => ({ area, tasks: tasks.filter((t) => t.area === area.code) }))
    .filter((g) => g.tasks.length > 0)
    .map((g, i) => {
      const subtotal = g.tasks.reduce((s, t) => s + toAmount(t.budget), 0n);
      total += subtotal;
      const shown = stated.get(g.area.code) ?? (budgeted ? subtotal : undefined);
      return { numeral: toRoman(i + 1), ...g, subtotal, ...(shown !== undefined ? { shown } : {}) };
    });
  const given = d.framework?.statedTotalBudget;
  const shownTotal = given !== undefined ? toAmount(given) : budgeted ? total : undefined;
  return { groups, total, ...(shownTotal !== undefined ? { shownTotal } : {}) };
}

export const FRAMEWORK_COLUMNS = [
  { header: 'TT', widthPct: 4, align: 'center' as const },
  { header: 'Nhiệm vụ chung', widthPct: 13, align: 'left' as const },
  { header: 'Nhiệm vụ cụ thể', widthPct: 19, align: 'left' as const },
  { header: 'Sản phẩm', widthPct: 12, align: 'left' as const },
  { header: 'Cơ quan chủ trì', widthPct: 11, align: 'left' as const },
  { header: 'Cơ quan phối hợp', widthPct: 11, align: 'left' as const },
  { header: 'Thời gian thực hiện', widthPct: 9, align: 'center' as const },
  { header: 'Kinh phí dự kiến (đồng)', widthPct: 11, align: 'right' as const },
  { header: 'Ghi chú', widthPct: 10, align: 'left' as const },
];
const LABEL_SPAN = 7; // TT .. Thời gian thực hiện, before the budget column

/**
 * The table of the appendix. Rows kept with the next one (same page): a group row with its first task, the
 * last task of a group with its "Cộng" row, the last "Cộng" with "Tổng kinh phí", and that with "Bằng chữ".
 */
export function frameworkTable(d: KeHoachCchc): Extract<BlockView, { kind: 'table' }> {
  const { groups, shownTotal } = frameworkGroups(d);
  const rows: { cells: CellView[]; keepWithNext?: boolean }[] = [];
  const sumRow = (label: string, amount: bigint, keepWithNext: boolean) => ({
    cells: [
      cell(label, { colSpan: LABEL_SPAN, bold: true, align: 'center' }),
      cell(formatAmount(amount), { bold: true, align: 'right' }),
      cell(''),
    ],
    ...(keepWithNext ? { keepWithNext } : {}),
  });
  groups.forEach((g, gi) => {
    rows.push({ cells: [cell(`${g.numeral}. ${upper(g.area.name)}`, { colSpan: FRAMEWORK_COLUMNS.length, bold: true })], keepWithNext: true });
    // Runs of consecutive tasks sharing their Nhiệm vụ chung: one merged cell per run.
    let runLeft = 0;
    g.tasks.forEach((t, i) => {
      const cells: CellView[] = [cell(String(i + 1), { align: 'center' })];
      if (runLeft === 0) {
        let n = 1;
        while (g.tasks[i + n] && g.tasks[i + n]?.general === t.general) n++;
        cells.push(cell(t.general, { rowSpan: n }));
        runLeft = n;
      }
      runLeft -= 1;
      cells.push(
        cell(t.specific),
        cell(t.product),
        cell(t.lead),
        cell(t.partners ?? ''),
        cell(t.time, { align: 'center' }),
        cell(t.budget === undefined ? '' : formatAmount(toAmount(t.budget)), { align: 'right' }),
        cell(t.note ?? ''),
      );
      rows.push({ cells, ...(g.shown !== undefined && i === g.tasks.length - 1 ? { keepWithNext: true } : {}) });
    });
    if (g.shown !== undefined) rows.push(sumRow('Cộng', g.shown, gi === groups.length - 1 && shownTotal !== undefined));
  });
  if (shownTotal !== undefined) {
    rows.push(sumRow('Tổng kinh phí', shownTotal, true));
    rows.push({ cells: [cell(`Bằng chữ: ${amountInWords(shownTotal)}`, { colSpan: FRAMEWORK_COLUMNS.length, italic: true })] });
  }
  return { kind: 'table', columns: FRAMEWORK_COLUMNS, rows, small: true };
}

// ---- the body ----

const h = (level: number, label: string, text: string): BlockView => ({ kind: 'heading', level, label, text });
/** A paragraph: the service's sentence (a string), or the author's rich text (richView). */
const p = (text: string | RichView, o: { italic?: boolean } = {}): BlockView => ({
  kind: 'paragraph',
  ...(typeof text === 'string' ? { text } : text),
  italic: o.italic ?? false,
  align: 'justify',
});

export function bodyBlocks(d: KeHoachCchc): BlockView[] {
  const prog = resolveProgramme(d.programme);
  const summary = summaryOf(d).replace(/\s*\n\s*/g, ' ');
  const issuer = issuerOf(d);
  const out: BlockView[] = [];
  // The author's punctuation: "." added where missing (auto, the default), or the text as written.
  const end = (t: RichText): RichView => richEdit(richView(t), (s) => (d.punctuation === 'as-written' ? s.trim() : sentence(s)));
  const bullets = (items: RichText[], marker = '-'): BlockView => ({ kind: 'list', items: items.map((t) => ({ marker, ...end(t), level: 0 })) });
  // Fixed headings: the default in capitals (parts) or as listed; the author's text as given; none when false.
  const hd = (key: keyof typeof HEADINGS) => phrase(d.headings, key, HEADINGS[key]);
  let part = 0;
  const section = (key: keyof typeof HEADINGS) => {
    const t = hd(key);
    if (t !== undefined) out.push(h(1, `${toRoman(++part)}.`, t));
  };
  // The author's extra parts, numbered on with the plan's own.
  const extra = (after: (typeof SECTION_KEYS)[number]) => {
    for (const x of d.sections ?? []) {
      if (x.after !== after) continue;
      out.push(h(1, `${toRoman(++part)}.`, x.title));
      out.push(...blocksView(x.body));
    }
  };

  // Opening: the author's paragraphs as given; with implements, the sentence "Thực hiện ..., ... như sau:".
  for (const para of d.opening.paragraphs ?? []) out.push(p(richView(para)));
  if (d.opening.implements?.length) {
    const lead = d.opening.lead ?? 'Thực hiện';
    out.push(p(`${lead} ${d.opening.implements.map(bare).join('; ')}, ${issuer} ban hành Kế hoạch ${lowerFirst(summary)} như sau:`));
  }

  extra('opening');
  section('purposeRequirement');
  let sub = 0;
  const purpose = hd('purpose');
  if (purpose !== undefined) out.push(h(2, `${++sub}.`, purpose));
  out.push(bullets(d.purposes));
  const requirement = hd('requirement');
  if (requirement !== undefined) out.push(h(2, `${++sub}.`, requirement));
  out.push(bullets(d.requirements));

  extra('purposeRequirement');
  section('tasks');
  const byCode = new Map(d.areas.map((a) => [a.area, a] as const));
  let n = 0;
  for (const area of prog.areas) {
    const a = byCode.get(area.code);
    if (!a) continue;
    out.push(h(2, `${++n}.`, a.title ?? area.name));
    if (a.intro) out.push(p(richView(a.intro)));
    const targets = a.targets ?? [];
    const tasks = a.tasks ?? [];
    if (targets.length) {
      const t = hd('targets');
      if (t !== undefined) out.push(h(3, '', t));
      out.push(bullets(targets));
      const k = hd('areaTasks');
      if (tasks.length && k !== undefined) out.push(h(3, '', k));
    }
    let items: ListItemView[] = [];
    const flush = () => {
      if (items.length) out.push({ kind: 'list', items });
      items = [];
    };
    tasks.forEach((t, i) => {
      const marker = `${diemLetter(i)})`;
      if (typeof t === 'string' || 'runs' in t) items.push({ marker, ...end(t), level: 0 });
      else {
        items.push({ marker, ...end(t.text), level: 0 });
        for (const s of t.items ?? []) items.push({ marker: '-', ...end(s), level: 1 });
        // A continuation paragraph after the task: the list stops, the paragraph follows as written.
        if (t.after?.length) {
          flush();
          for (const para of t.after) out.push(p(richView(para)));
        }
      }
    });
    flush();
    for (const para of a.after ?? []) out.push(p(richView(para)));
  }

  extra('tasks');
  const rep = d.reporting;
  if (rep) {
    section('reporting');
    for (const para of rep.intro ?? []) out.push(p(richView(para)));
    const reports = rep.reports;
    if (reports.length) {
      const numbered = rep.numbered === true;
      out.push({
        kind: 'list',
        items: reports.map((r, i) => {
          const line = r.text ? richView(r.text) : { text: `${reportLine(r, d.year, rep.sendTo)}${i === reports.length - 1 ? '.' : ';'}` };
          return { marker: numbered ? `${i + 1}.` : '-', ...line, level: 0 };
        }),
      });
    }
    for (const para of rep.notes ?? []) out.push(p(richView(para)));
    extra('reporting');
  }

  if (d.funding) {
    section('funding');
    for (const para of d.funding.paragraphs) out.push(p(richView(para)));
    const { shownTotal } = frameworkGroups(d);
    if (d.framework && d.funding.showTotal !== false && shownTotal !== undefined && shownTotal > 0n) {
      out.push(
        p(`Tổng kinh phí dự kiến thực hiện các nhiệm vụ tại Khung kế hoạch kèm theo: ${formatAmount(shownTotal)} đồng (Bằng chữ: ${amountInWords(shownTotal)}).`),
      );
    }
  }

  if (d.funding) extra('funding');
  section('implementation');
  for (const para of d.implementation.intro ?? []) out.push(p(richView(para)));
  d.implementation.responsibilities.forEach((r, i) => {
    if (r.agency !== undefined) {
      out.push(h(2, `${i + 1}.`, d.punctuation === 'as-written' ? r.agency : bare(r.agency)));
      if (r.text) out.push(p(richView(r.text)));
    } else if (r.text) out.push(p(richEdit(richView(r.text), (s) => `${i + 1}. ${s}`)));
    if (r.duties?.length) out.push(bullets(r.duties));
  });

  extra('implementation');
  const closing = d.closing
    ? richView(d.closing)
    : {
        text: `Trên đây là Kế hoạch ${lowerFirst(summary)} của ${issuer}. Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về ${issuer} để xem xét, giải quyết`,
      };
  out.push(p(richEdit(closing, closeBody)));
  return out;
}

export function frameworkAppendix(d: KeHoachCchc): AppendixInput | undefined {
  const f = d.framework;
  if (!f) return undefined;
  return {
    title: f.title ?? `Khung kế hoạch cải cách hành chính năm ${d.year}`,
    ...(f.subtitle ? { subtitle: f.subtitle } : {}),
    ...(f.label !== undefined ? { label: f.label } : {}),
    ...(f.upperCase !== undefined ? { upperCase: f.upperCase } : {}),
    orientation: 'landscape',
    blocks: [frameworkTable(d)],
  };
}

/**
 * The framework table for the PDF. Chromium keeps a block of rows joined by a rowspan cell on one page, which
 * leaves half-empty landscape pages; so the HTML template draws each merged cell as a column of borderless
 * cells (text in the first) and every row breaks on its own. Same cells, same text as the DOCX table.
 */
export type FrameworkHtml = {
  columns: { header: string; widthPct: number }[];
  rows: { cls: string; cells: { text: string; runs?: RunView[]; colSpan: number; cls: string }[] }[];
};

export function frameworkHtml(t: Extract<BlockView, { kind: 'table' }>): FrameworkHtml {
  const pending: { col: number; left: number; cell: CellView }[] = [];
  const cls = (c: CellView, merge = '') => [`a-${c.align}`, c.bold ? 'b' : '', c.italic ? 'i' : '', merge].filter(Boolean).join(' ');
  const rows = t.rows.map((r) => {
    const cells: FrameworkHtml['rows'][number]['cells'] = [];
    let col = 0;
    const takeMerged = () => {
      for (;;) {
        const m = pending.find((x) => x.col === col && x.left > 0);
        if (!m) return;
        m.left -= 1;
        cells.push({ text: '', colSpan: m.cell.colSpan, cls: cls(m.cell, m.left === 0 ? 'm-last' : 'm-mid') });
        col += m.cell.colSpan;
      }
    };
    for (const c of r.cells) {
      takeMerged();
      cells.push({ text: c.text, ...(c.runs ? { runs: c.runs } : {}), colSpan: c.colSpan, cls: cls(c, c.rowSpan > 1 ? 'm-first' : '') });
      if (c.rowSpan > 1) pending.push({ col, left: c.rowSpan - 1, cell: c });
      col += c.colSpan;
    }
    takeMerged();
    return { cls: r.keepWithNext ? 'keep-next' : '', cells };
  });
  return { columns: t.columns.map((c) => ({ header: c.header, widthPct: c.widthPct })), rows };
}

export type KeHoachView = StandardView & { appendices: (StandardView['appendices'][number] & { framework?: FrameworkHtml })[] };

export function view(d: KeHoachCchc): KeHoachView {
  const v = standardView({
    ...d,
    typeName: TYPE_NAME,
    typeAbbreviation: TYPE_ABBR,
    summary: summaryOf(d),
    blocks: bodyBlocks(d),
    appendices: [...(d.framework ? [frameworkAppendix(d)!] : []), ...appendixInputs(d.appendices)],
    keywords: ['kế hoạch', 'cải cách hành chính', `năm ${d.year}`],
  });
  if (!d.framework) return v;
  const [first, ...rest] = v.appendices;
  const table = first?.blocks[0];
  if (!first || table?.kind !== 'table') throw new Error('ke-hoach-cchc: the framework appendix has no table');
  return { ...v, appendices: [{ ...first, framework: frameworkHtml(table) }, ...rest] };
}

// ---- warnings: stated figures that disagree with the computed ones (the document prints the stated ones) ----

export function warnings(d: KeHoachCchc): Warning[] {
  const out: Warning[] = [];
  const { groups, total } = frameworkGroups(d);
  if (d.framework?.statedTotalBudget !== undefined) {
    const stated = toAmount(d.framework.statedTotalBudget);
    if (stated !== total)
      out.push({
        path: jsonPath(['framework', 'statedTotalBudget']),
        message: `Tổng kinh phí ghi trong dữ liệu là ${formatAmount(stated)} đồng, khác tổng tính được từ các nhiệm vụ là ${formatAmount(total)} đồng; văn bản in số ghi trong dữ liệu`,
      });
  }
  const prog = resolveProgramme(d.programme);
  (d.framework?.statedAreaBudgets ?? []).forEach((s, i) => {
    const g = groups.find((x) => x.area.code === s.area);
    const computed = g?.subtotal ?? 0n;
    const stated = toAmount(s.amount);
    const name = prog.areas.find((a) => a.code === s.area)?.name ?? s.area;
    if (stated !== computed)
      out.push({
        path: jsonPath(['framework', 'statedAreaBudgets', i, 'amount']),
        message: `Kinh phí lĩnh vực "${name}" ghi trong dữ liệu là ${formatAmount(stated)} đồng, khác số cộng tính được từ các nhiệm vụ của lĩnh vực là ${formatAmount(computed)} đồng; văn bản in số ghi trong dữ liệu`,
      });
  });
  (d.reporting?.reports ?? []).forEach((r, i) => {
    const f = reportFacts(r, d.year);
    const deadline = r.deadline ? parsePartialDate(r.deadline) : null;
    if (deadline && f.to && compareDates(deadline, f.to) < 0)
      out.push({
        path: jsonPath(['reporting', 'reports', i, 'deadline']),
        message: `Hạn gửi ${bare(f.name)} (${formatDate(deadline)}) sớm hơn ngày kết thúc lấy số liệu (${formatDate(f.to)})`,
      });
  });
  return out;
}

