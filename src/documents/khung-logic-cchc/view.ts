/**
 * The view of a logical-framework plan: numbering (lĩnh vực n, kết quả n.m, hoạt động n.m.k), budgets rolled
 * up from activities to results, areas and the plan, the total in words, the body sections and the landscape
 * appendix with the framework table. Everything shown is a finished string computed here. A budget the author
 * states (statedBudget of a result or an area, statedTotalBudget) is printed as given; a warning says the sum.
 */
import { formatInteger, toRoman } from '../../vietnamese/numbers.js';
import { lower } from '../../vietnamese/text.js';
import { amountInWords } from '../../vietnamese/words.js';
import { resolveProgramme, type ReformArea } from '../common/reform-programmes.js';
import { standardView, type StandardView } from '../common/standard.js';
import { bare, cell, closeBody, phrase, punctuate, richEdit, richView, splitLines, type BlockView, type CellView, type RichView } from '../common/view.js';
import type { RichText } from '../common/schema.js';
import { jsonPath } from '../validate.js';
import type { Warning } from '../types.js';
import { HEADINGS, type Activity, type Amount, type Area, type KhungLogic, type Result } from './schema.js';

export const TYPE_NAME = 'Kế hoạch';
export const TYPE_ABBR = 'KH';

const toBig = (a: Amount): bigint => BigInt(a);
const money = (n: bigint): string => formatInteger(n);

export type ActivityPlan = { number: string; data: Activity; index: number; budget: bigint };
/** budget: the sum computed from the activities; shown: the figure printed, the stated one when given. */
export type ResultPlan = { number: string; label: string; data: Result; index: number; budget: bigint; shown: bigint; activities: ActivityPlan[] };
export type AreaPlan = {
  number: string;
  label: string;
  name: string;
  data: Area;
  /** Index of the area in the data (paths of warnings). */
  index: number;
  budget: bigint;
  shown: bigint;
  results: ResultPlan[];
};
export type Plan = { areas: AreaPlan[]; total: bigint; shownTotal: bigint; programme: { title: string; basis?: string } };

/** The figure printed: the author's stated one when given, else the computed sum. */
const shownOf = (stated: Amount | undefined, computed: bigint): bigint => (stated === undefined ? computed : toBig(stated));

export function activityBudget(a: Activity): bigint {
  if (a.budgetItems) return a.budgetItems.reduce((s, it) => s + toBig(it.amount), 0n);
  return a.budget === undefined ? 0n : toBig(a.budget);
}

/**
 * Areas follow the programme's order and take its numbers (the reference's "Lĩnh vực 5" is the fifth area of
 * the 2011-2020 programme), so that a number means the same area in every plan of a programme; results and
 * activities are numbered in the order given.
 */
export function plan(d: KhungLogic): Plan {
  const prog = resolveProgramme(d.programme);
  const position = (code: string) => prog.areas.findIndex((a: ReformArea) => a.code === code);
  const areas = d.areas
    .map((data, index) => ({ data, index, pos: position(data.code) }))
    .sort((a, b) => a.pos - b.pos)
    .map(({ data, index, pos }): AreaPlan => {
      const n = `${pos + 1}`;
      const results = data.results.map((r, j): ResultPlan => {
        const m = `${n}.${j + 1}`;
        const activities = r.activities.map((a, k): ActivityPlan => ({ number: `${m}.${k + 1}`, data: a, index: k, budget: activityBudget(a) }));
        const budget = activities.reduce((s, a) => s + a.budget, 0n);
        return { number: m, label: `Kết quả ${m}`, data: r, index: j, budget, shown: shownOf(r.statedBudget, budget), activities };
      });
      const budget = results.reduce((s, r) => s + r.budget, 0n);
      return {
        number: n,
        label: `Lĩnh vực ${n}`,
        name: prog.areas[pos]?.name ?? data.code,
        data,
        index,
        budget,
        shown: shownOf(data.statedBudget, budget),
        results,
      };
    });
  const basis = 'basis' in prog && typeof prog.basis === 'string' ? prog.basis : undefined;
  const total = areas.reduce((s, a) => s + a.budget, 0n);
  return { areas, total, shownTotal: shownOf(d.statedTotalBudget, total), programme: { title: prog.title, ...(basis ? { basis } : {}) } };
}

/** Stated budgets (result, area, total) that disagree with the sums computed from the activities; the document prints the stated ones. */
export function warnings(d: KhungLogic): Warning[] {
  const p = plan(d);
  const out: Warning[] = [];
  const check = (stated: Amount | undefined, computed: bigint, path: (string | number)[], of: string, where: string) => {
    if (stated === undefined || toBig(stated) === computed) return;
    out.push({
      path: jsonPath(path),
      message: `Ngân sách ghi ${money(toBig(stated))} đồng nhưng tổng ${of} là ${money(computed)} đồng (${where}); văn bản in số ghi`,
    });
  };
  for (const a of [...p.areas].sort((x, y) => x.index - y.index)) {
    for (const r of a.results) check(r.data.statedBudget, r.budget, ['areas', a.index, 'results', r.index, 'statedBudget'], 'các hoạt động', r.label);
    check(a.data.statedBudget, a.budget, ['areas', a.index, 'statedBudget'], 'các kết quả', a.label);
  }
  check(d.statedTotalBudget, p.total, ['statedTotalBudget'], 'các lĩnh vực', 'tổng ngân sách kế hoạch');
  return out;
}

/** One line as it is; several lines each with "- " (a cell of the framework table). */
function cellLines(items: string[] | undefined): string {
  const xs = (items ?? []).map(bare).filter((s) => s !== '');
  if (xs.length <= 1) return xs[0] ?? '';
  return xs.map((s) => `- ${s}`).join('\n');
}

/** An activity's content, followed by the breakdown of its budget (plain, the service's) when it has several items. */
function activityContent(a: ActivityPlan): RichView {
  const content = richView(a.data.content);
  const items = a.data.budgetItems;
  if (!items) return content;
  const parts = items.map((it) => `${bare(it.purpose)} ${money(toBig(it.amount))} đồng`);
  const tail = `\n(Kinh phí gồm: ${parts.join('; ')})`;
  return { text: content.text + tail, ...(content.runs ? { runs: [...content.runs, { text: tail, bold: false, italic: false }] } : {}) };
}

const lowerFirst = (s: string): string => {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const head = String.fromCodePoint(first);
  return lower(head) + s.slice(head.length);
};

export const COLUMNS = [
  { header: 'TT', widthPct: 5, align: 'center' as const },
  { header: 'Nội dung', widthPct: 20, align: 'left' as const },
  { header: 'Chỉ số thành công', widthPct: 18, align: 'left' as const },
  { header: 'Phương tiện xác minh (tài liệu kiểm chứng)', widthPct: 14, align: 'left' as const },
  { header: 'Ngân sách (đồng)', widthPct: 10, align: 'right' as const },
  { header: 'Thời gian thực hiện', widthPct: 9, align: 'center' as const },
  { header: 'Cơ quan chủ trì', widthPct: 11, align: 'left' as const },
  { header: 'Cơ quan phối hợp', widthPct: 13, align: 'left' as const },
];

type RowFields = {
  number: string;
  content: RichView;
  indicators?: string[];
  verification?: string[];
  budget: string;
  time?: string;
  lead?: string;
  partners?: string[];
};

function row(f: RowFields, style: { bold?: boolean; italic?: boolean; boldLead?: boolean }): { cells: CellView[] } {
  const lead = { bold: style.bold || style.boldLead || false, italic: style.italic ?? false };
  const rest = { bold: style.bold ?? false, italic: style.italic ?? false };
  return {
    cells: [
      cell(f.number, { ...lead, align: 'center' }),
      cell(f.content, { ...lead, align: 'left' }),
      cell(cellLines(f.indicators), { ...rest, align: 'left' }),
      cell(cellLines(f.verification), { ...rest, align: 'left' }),
      cell(f.budget, { ...lead, align: 'right' }),
      cell(f.time ?? '', { ...rest, align: 'center' }),
      cell(f.lead ?? '', { ...rest, align: 'left' }),
      cell(cellLines(f.partners), { ...rest, align: 'left' }),
    ],
  };
}

/**
 * The framework table: area rows bold, result rows bold italic in TT, content and budget (italic elsewhere).
 * An area row and a result row stay on the page of the row after them, and the last activity, the total and
 * the amount in words stay together.
 */
export function frameworkTable(p: Plan): Extract<BlockView, { kind: 'table' }> {
  const rows: { cells: CellView[]; keepWithNext?: boolean }[] = [];
  for (const a of p.areas) {
    rows.push({ ...row({ ...a.data, number: a.number, content: { text: `${a.label}: ${a.name}` }, budget: money(a.shown) }, { bold: true }), keepWithNext: true });
    for (const r of a.results) {
      rows.push({
        ...row({ ...r.data, number: r.number, content: richEdit(richView(r.data.content), (s) => `${r.label}: ${s}`), budget: money(r.shown) }, { italic: true, boldLead: true }),
        keepWithNext: true,
      });
      for (const x of r.activities) rows.push(row({ ...x.data, number: x.number, content: activityContent(x), budget: money(x.budget) }, {}));
    }
  }
  const last = rows[rows.length - 1];
  if (last) last.keepWithNext = true;
  rows.push({
    cells: [
      cell('Tổng cộng', { colSpan: 4, bold: true, align: 'center' }),
      cell(money(p.shownTotal), { bold: true, align: 'right' }),
      cell('', { colSpan: 3 }),
    ],
    keepWithNext: true,
  });
  rows.push({ cells: [cell(`Bằng chữ: ${amountInWords(p.shownTotal)}`, { colSpan: 8, italic: true, align: 'left' })] });
  return { kind: 'table', columns: COLUMNS, rows, small: true };
}

/** The portrait summary of section II: one row per area, counts and budgets, the total. */
function summaryTable(p: Plan): Extract<BlockView, { kind: 'table' }> {
  const results = p.areas.reduce((s, a) => s + a.results.length, 0);
  const activities = p.areas.reduce((s, a) => s + a.results.reduce((t, r) => t + r.activities.length, 0), 0);
  return {
    kind: 'table',
    columns: [
      { header: 'TT', widthPct: 8, align: 'center' },
      { header: 'Lĩnh vực', widthPct: 46, align: 'left' },
      { header: 'Số kết quả', widthPct: 13, align: 'center' },
      { header: 'Số hoạt động', widthPct: 13, align: 'center' },
      { header: 'Ngân sách (đồng)', widthPct: 20, align: 'right' },
    ],
    rows: [
      ...p.areas.map((a, i) => ({
        // The last area stays with the total row.
        ...(i === p.areas.length - 1 ? { keepWithNext: true } : {}),
        cells: [
          cell(a.number, { align: 'center' }),
          cell(a.name),
          cell(String(a.results.length), { align: 'center' }),
          cell(String(a.results.reduce((t, r) => t + r.activities.length, 0)), { align: 'center' }),
          cell(money(a.shown), { align: 'right' }),
        ],
      })),
      {
        cells: [
          cell('Tổng cộng', { colSpan: 2, bold: true, align: 'center' }),
          cell(String(results), { bold: true, align: 'center' }),
          cell(String(activities), { bold: true, align: 'center' }),
          cell(money(p.shownTotal), { bold: true, align: 'right' }),
        ],
      },
    ],
  };
}

const heading = (level: number, label: string, text: string): BlockView => ({ kind: 'heading', level, label, text });
/** A paragraph: the service's sentence (a string), or the author's rich text (richView). */
const para = (text: string | RichView): BlockView => ({ kind: 'paragraph', ...(typeof text === 'string' ? { text } : text), italic: false, align: 'justify' });
/** The author's items, each ending ";" and the last "." (punctuate), their runs kept. */
const bullets = (items: RichText[]): BlockView => ({
  kind: 'list',
  items: items.map((t, i) => ({ marker: '-', ...richEdit(richView(t), (s) => punctuate([s], i === items.length - 1 ? '.' : ';')[0] ?? s), level: 0 })),
});

export function summaryOf(d: KhungLogic): string {
  return d.summary ?? `Cải cách hành chính năm ${d.year}`;
}

export function bodyBlocks(d: KhungLogic, p: Plan): BlockView[] {
  const blocks: BlockView[] = [];
  let section = 0;
  // Fixed headings and computed sentences: the default, the author's text as given, or none (false).
  const hd = (key: keyof typeof HEADINGS, fallback: string = HEADINGS[key]) => phrase(d.headings, key, fallback);
  const next = (key: keyof typeof HEADINGS) => {
    const t = hd(key);
    if (t !== undefined) blocks.push(heading(1, `${toRoman(++section)}.`, t));
  };
  let sub = 0;
  const subheading = (key: keyof typeof HEADINGS) => {
    const t = hd(key);
    if (t !== undefined) blocks.push(heading(2, `${++sub}.`, t));
  };

  for (const o of d.opening) blocks.push(para(richView(o)));

  next('objectives');
  subheading('general');
  for (const line of splitLines(d.generalObjective)) blocks.push(para(line));
  subheading('specific');
  blocks.push(bullets(d.specificObjectives));

  next('framework');
  const results = p.areas.reduce((s, a) => s + a.results.length, 0);
  const activities = p.areas.reduce((s, a) => s + a.results.reduce((t, r) => t + r.activities.length, 0), 0);
  const prog = p.programme.basis ? `${p.programme.title} (${p.programme.basis})` : p.programme.title;
  const frameworkText = hd(
    'frameworkText',
    `Kế hoạch được xây dựng theo phương pháp khung logic, bám sát các lĩnh vực của ${prog}, gồm ${p.areas.length} lĩnh vực, ${results} kết quả và ${activities} hoạt động. ` +
      `Chỉ số thành công, phương tiện xác minh, ngân sách, thời gian thực hiện, cơ quan chủ trì và cơ quan phối hợp của từng lĩnh vực, kết quả, hoạt động ` +
      `được nêu tại Phụ lục kèm theo Kế hoạch này.${p.areas.length > 1 ? ' Tổng hợp theo lĩnh vực như sau:' : ''}`,
  );
  if (frameworkText !== undefined) blocks.push(para(frameworkText));
  if (p.areas.length > 1) blocks.push(summaryTable(p));

  next('funding');
  const total = hd('fundingTotal', `Tổng kinh phí thực hiện Kế hoạch là ${money(p.shownTotal)} đồng (Bằng chữ: ${amountInWords(p.shownTotal)}).`);
  if (total !== undefined) blocks.push(para(total));
  for (const f of d.funding ?? []) blocks.push(para(richView(f)));

  if (d.monitoring?.length) {
    next('monitoring');
    for (const m of d.monitoring) blocks.push(para(richView(m)));
  }

  next('implementation');
  d.implementation.responsibilities.forEach((r, i) => {
    blocks.push(heading(2, `${i + 1}.`, bare(r.unit)));
    blocks.push(bullets(r.duties));
  });
  if (d.implementation.closing) blocks.push(para(richView(d.implementation.closing)));

  const last = blocks[blocks.length - 1];
  if (last?.kind === 'paragraph') Object.assign(last, richEdit(last, closeBody));
  else if (last?.kind === 'list') {
    const it = last.items[last.items.length - 1];
    if (it) Object.assign(it, richEdit(it, closeBody));
  }
  return blocks;
}

export function view(d: KhungLogic): StandardView {
  const p = plan(d);
  const summary = summaryOf(d);
  const appendixTitle = `Khung logic kế hoạch ${lowerFirst(splitLines(summary).join(' '))}`;
  return standardView({
    ...d,
    typeName: TYPE_NAME,
    typeAbbreviation: TYPE_ABBR,
    summary,
    blocks: bodyBlocks(d, p),
    appendices: [{ title: appendixTitle, orientation: 'landscape', blocks: [frameworkTable(p)] }],
    keywords: ['kế hoạch', 'cải cách hành chính', 'khung logic', String(d.year)],
  });
}
