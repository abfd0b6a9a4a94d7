/**
 * View model of the reform report: the period and its data cut-off (footnote on the opening paragraph), the
 * five parts of the outline with their numbering, the dossier and indicator tables with their computed rates,
 * the completion of the plan per area and overall, and the appendices (tasks, dossier details, the writer's).
 */
import { formatShortDate, type FullDate } from '../../nd30/dates.js';
import { formatInteger, toRoman } from '../../vietnamese/numbers.js';
import { upper } from '../../vietnamese/text.js';
import { resolveProgramme, type ReformArea } from '../common/reform-programmes.js';
import type { ContentBlock, RichText } from '../common/schema.js';
import { standardView, type StandardView } from '../common/standard.js';
import {
  bare,
  blocksView,
  cell,
  footnoteCounter,
  type AppendixInput,
  type BlockView,
  type CellView,
  type FootnoteView,
  phrase,
  richView,
  type RichView,
} from '../common/view.js';
import { dataPeriod, dossierCounts, rate, showRate, sumCounts, type DossierCounts } from './rules.js';
import { DIRECTION_AREA, HEADINGS, type BaoCaoCchc, type Dossiers, type Indicator, type Period, type Task, type TaskStatus } from './schema.js';

export const TYPE_NAME = 'Báo cáo';
export const TYPE_ABBR = 'BC';

export const STATUS_LABEL: Record<TaskStatus, string> = {
  'hoan-thanh': 'Hoàn thành',
  'dang-thuc-hien': 'Đang thực hiện',
  'chua-thuc-hien': 'Chưa thực hiện',
};

/** Dossier tables with more rows than this keep only the totals in the body and go whole to an appendix. */
export const DOSSIER_ROWS_INLINE = 4;

const short = (d: FullDate) => formatShortDate(d);
const int = (x: number) => formatInteger(x);

/** "quý I năm 2024", "6 tháng đầu năm 2024", "quý III năm 2024", "năm 2024", "từ ngày 01/01/2024 đến ngày 31/05/2024". */
export function periodName(p: Period): string {
  if (p.name) return p.name;
  switch (p.kind) {
    case 'quy-1':
      return `quý I năm ${p.year}`;
    case '6-thang':
      return `6 tháng đầu năm ${p.year}`;
    case 'quy-3':
      return `quý III năm ${p.year}`;
    case 'nam':
      return `năm ${p.year}`;
    case 'dot-xuat': {
      const { from, to } = dataPeriod(p);
      return `từ ngày ${short(from)} đến ngày ${short(to)}`;
    }
  }
}

/** The period part IV looks ahead to. */
export function nextPeriodName(p: Period): string {
  switch (p.kind) {
    case 'quy-1':
      return `quý II năm ${p.year}`;
    case '6-thang':
      return `6 tháng cuối năm ${p.year}`;
    case 'quy-3':
      return `quý IV năm ${p.year}`;
    case 'nam':
      return `năm ${p.year + 1}`;
    case 'dot-xuat':
      return 'thời gian tới';
  }
}

export function periodFootnote(p: Period): string {
  const { from, to } = dataPeriod(p);
  return `Số liệu báo cáo tính từ ngày ${short(from)} đến ngày ${short(to)}.`;
}

// ---- completion of the plan ----

export type Completion = { area: ReformArea; count: number; done: number; ongoing: number; notStarted: number; rate: string };

export function completion(areas: ReformArea[], tasks: Task[]): { areas: Completion[]; overall: Omit<Completion, 'area'> } {
  const of = (ts: Task[]) => {
    const done = ts.filter((t) => t.status === 'hoan-thanh').length;
    return {
      count: ts.length,
      done,
      ongoing: ts.filter((t) => t.status === 'dang-thuc-hien').length,
      notStarted: ts.filter((t) => t.status === 'chua-thuc-hien').length,
      rate: showRate(rate(done, ts.length)),
    };
  };
  return { areas: areas.map((area) => ({ area, ...of(tasks.filter((t) => t.area === area.code)) })), overall: of(tasks) };
}

function completionTable(c: ReturnType<typeof completion>): BlockView {
  const num = (x: number) => cell(int(x), { align: 'right' });
  return {
    kind: 'table',
    title: 'Mức độ hoàn thành nhiệm vụ theo lĩnh vực',
    small: true,
    columns: [
      { header: 'TT', widthPct: 7, align: 'center' },
      { header: 'Lĩnh vực', widthPct: 37, align: 'left' },
      { header: 'Số nhiệm vụ', widthPct: 11, align: 'right' },
      { header: 'Hoàn thành', widthPct: 11, align: 'right' },
      { header: 'Đang thực hiện', widthPct: 11, align: 'right' },
      { header: 'Chưa thực hiện', widthPct: 11, align: 'right' },
      { header: 'Tỷ lệ hoàn thành', widthPct: 12, align: 'right' },
    ],
    rows: [
      ...c.areas.map((a, i) => ({
        cells: [
          cell(toRoman(i + 1), { align: 'center' }),
          cell(a.area.name),
          num(a.count),
          num(a.done),
          num(a.ongoing),
          num(a.notStarted),
          cell(a.rate, { align: 'right' }),
        ],
      })),
      {
        cells: [
          cell('Tổng cộng', { colSpan: 2, bold: true, align: 'center' }),
          ...[c.overall.count, c.overall.done, c.overall.ongoing, c.overall.notStarted].map((x) => cell(int(x), { align: 'right', bold: true })),
          cell(c.overall.rate, { align: 'right', bold: true }),
        ],
      },
    ],
  };
}

function tasksAppendix(d: BaoCaoCchc, areas: ReformArea[], tasks: Task[], c: ReturnType<typeof completion>): AppendixInput {
  const has = (k: 'product' | 'lead' | 'deadline' | 'result') => tasks.some((t) => t[k] !== undefined);
  const cols: { header: string; width: number; align: CellView['align']; get: (t: Task, i: number) => RichText }[] = [
    { header: 'TT', width: 0.9, align: 'center', get: (_t, i) => String(i + 1) },
    { header: 'Nhiệm vụ', width: 5, align: 'left', get: (t) => t.name },
    ...(has('product') ? [{ header: 'Sản phẩm', width: 1.8, align: 'left' as const, get: (t: Task) => t.product ?? '' }] : []),
    ...(has('lead') ? [{ header: 'Cơ quan chủ trì', width: 2, align: 'left' as const, get: (t: Task) => t.lead ?? '' }] : []),
    ...(has('deadline') ? [{ header: 'Thời gian hoàn thành', width: 1.5, align: 'center' as const, get: (t: Task) => t.deadline ?? '' }] : []),
    { header: 'Tình trạng', width: 1.6, align: 'center', get: (t) => STATUS_LABEL[t.status] },
    ...(has('result') ? [{ header: 'Kết quả, ghi chú', width: 4, align: 'left' as const, get: (t: Task) => t.result ?? '' }] : []),
  ];
  const total = cols.reduce((s, x) => s + x.width, 0);
  const rows: { cells: CellView[]; keepWithNext?: boolean }[] = [];
  let group = 0;
  areas.forEach((area, ai) => {
    const ts = tasks.filter((t) => t.area === area.code);
    if (ts.length === 0) return;
    group += 1;
    const a = c.areas[ai]!;
    // The group row stays on the page of its first task.
    rows.push({
      keepWithNext: true,
      cells: [
        cell(toRoman(group), { bold: true, align: 'center' }),
        cell(`${area.name} (hoàn thành ${a.done}/${a.count} nhiệm vụ, đạt ${a.rate})`, { bold: true, colSpan: cols.length - 1 }),
      ],
    });
    ts.forEach((t, i) => rows.push({ cells: cols.map((col) => cell(col.get(t, i), { align: col.align })) }));
  });
  return {
    title: 'Kết quả thực hiện các nhiệm vụ của kế hoạch',
    subtitle: `Theo ${bare(d.plan ?? 'kế hoạch cải cách hành chính')}; số liệu đến ngày ${short(dataPeriod(d.period).to)}`,
    orientation: cols.length >= 6 ? 'landscape' : 'portrait',
    blocks: [
      {
        kind: 'table',
        small: true,
        columns: cols.map((x) => ({ header: x.header, widthPct: (x.width / total) * 100, align: x.align })),
        rows,
      },
    ],
  };
}

// ---- dossiers ----

export const DOSSIERS_TITLE = 'Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính';

export type DossierFigures = { name: string; counts: DossierCounts; onTimeRate: string; onlineRate: string };

/** Each row's counts and rates, and the total's (rates on the summed counts). */
export function dossierFigures(ds: Dossiers): { rows: DossierFigures[]; total: DossierFigures } {
  const fig = (name: string, c: DossierCounts): DossierFigures => ({
    name,
    counts: c,
    onTimeRate: showRate(rate(c.onTime, c.settled)),
    onlineRate: showRate(rate(c.online, c.newlyReceived)),
  });
  const rows = ds.rows.map((r) => fig(r.name, dossierCounts(r)));
  return { rows, total: fig('Tổng cộng', sumCounts(rows.map((r) => r.counts))) };
}

/** The body's table: one line per figure, one column per row of data (or the total only, details in an appendix). */
function dossierTable(ds: Dossiers, detailLabel: string | null): BlockView {
  const f = dossierFigures(ds);
  const units = detailLabel !== null ? [f.total] : f.rows.length > 1 ? [...f.rows, f.total] : f.rows;
  const lines: { tt: string; label: string; bold: boolean; value: (x: DossierFigures) => string }[] = [
    { tt: '1', label: 'Tổng số hồ sơ tiếp nhận', bold: true, value: (x) => int(x.counts.received) },
    { tt: '', label: '- Trực tiếp', bold: false, value: (x) => int(x.counts.inPerson) },
    { tt: '', label: '- Qua dịch vụ bưu chính công ích', bold: false, value: (x) => int(x.counts.publicPost) },
    { tt: '', label: '- Trực tuyến', bold: false, value: (x) => int(x.counts.online) },
    ...(f.total.counts.carriedOver > 0
      ? [{ tt: '', label: '- Kỳ trước chuyển sang', bold: false, value: (x: DossierFigures) => int(x.counts.carriedOver) }]
      : []),
    { tt: '2', label: 'Số hồ sơ đã giải quyết', bold: true, value: (x) => int(x.counts.settled) },
    { tt: '', label: '- Đúng hạn, trước hạn', bold: false, value: (x) => int(x.counts.onTime) },
    { tt: '', label: '- Quá hạn', bold: false, value: (x) => int(x.counts.late) },
    { tt: '3', label: 'Số hồ sơ đang giải quyết', bold: true, value: (x) => int(x.counts.pending) },
    { tt: '4', label: 'Tỷ lệ hồ sơ giải quyết đúng hạn', bold: true, value: (x) => x.onTimeRate },
    { tt: '5', label: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', bold: true, value: (x) => x.onlineRate },
  ];
  const valueWidth = units.length === 1 ? 25 : Math.min(18, 62 / units.length);
  const labelWidth = 100 - 7 - valueWidth * units.length;
  const title = ds.title ?? DOSSIERS_TITLE;
  return {
    kind: 'table',
    title: detailLabel ? `${title} (chi tiết tại ${detailLabel})` : title,
    small: units.length > 2,
    columns: [
      { header: 'TT', widthPct: 7, align: 'center' },
      { header: 'Nội dung', widthPct: labelWidth, align: 'left' },
      ...units.map((u) => ({ header: u === f.total ? 'Tổng cộng' : u.name, widthPct: valueWidth, align: 'right' as const })),
    ],
    rows: lines.map((l) => ({
      cells: [
        cell(l.tt, { align: 'center', bold: l.bold }),
        cell(l.label, { bold: l.bold }),
        ...units.map((u) => cell(l.value(u), { align: 'right', bold: l.bold })),
      ],
    })),
  };
}

/** The appendix of a dossier table with many rows: one line per row, every figure a column (landscape). */
function dossierAppendix(ds: Dossiers, p: Period): AppendixInput {
  const f = dossierFigures(ds);
  const carried = f.total.counts.carriedOver > 0;
  const cols: { header: string; width: number; get: (x: DossierFigures) => string }[] = [
    { header: 'Tổng số tiếp nhận', width: 1.2, get: (x) => int(x.counts.received) },
    { header: 'Trực tiếp', width: 1.1, get: (x) => int(x.counts.inPerson) },
    { header: 'Bưu chính công ích', width: 1.1, get: (x) => int(x.counts.publicPost) },
    { header: 'Trực tuyến', width: 1.1, get: (x) => int(x.counts.online) },
    ...(carried ? [{ header: 'Kỳ trước chuyển sang', width: 1.1, get: (x: DossierFigures) => int(x.counts.carriedOver) }] : []),
    { header: 'Đã giải quyết', width: 1.1, get: (x) => int(x.counts.settled) },
    { header: 'Đúng hạn, trước hạn', width: 1.1, get: (x) => int(x.counts.onTime) },
    { header: 'Quá hạn', width: 1, get: (x) => int(x.counts.late) },
    { header: 'Đang giải quyết', width: 1.1, get: (x) => int(x.counts.pending) },
    { header: 'Tỷ lệ đúng hạn', width: 1.2, get: (x) => x.onTimeRate },
    { header: 'Tỷ lệ trực tuyến', width: 1.2, get: (x) => x.onlineRate },
  ];
  const widths = [0.6, 3, ...cols.map((c) => c.width)];
  const sum = widths.reduce((a, b) => a + b, 0);
  const pct = (i: number) => ((widths[i] ?? 1) / sum) * 100;
  const { from, to } = dataPeriod(p);
  return {
    title: ds.title ?? DOSSIERS_TITLE,
    subtitle: `Số liệu từ ngày ${short(from)} đến ngày ${short(to)}`,
    orientation: 'landscape',
    blocks: [
      {
        kind: 'table',
        small: true,
        columns: [
          { header: 'TT', widthPct: pct(0), align: 'center' },
          { header: 'Cấp, lĩnh vực', widthPct: pct(1), align: 'left' },
          ...cols.map((c, i) => ({ header: c.header, widthPct: pct(i + 2), align: 'right' as const })),
        ],
        rows: [
          ...f.rows.map((r, i) => ({
            cells: [cell(String(i + 1), { align: 'center' }), cell(r.name), ...cols.map((c) => cell(c.get(r), { align: 'right' }))],
          })),
          {
            cells: [
              cell('Tổng cộng', { colSpan: 2, bold: true, align: 'center' }),
              ...cols.map((c) => cell(c.get(f.total), { align: 'right', bold: true })),
            ],
          },
        ],
      },
    ],
  };
}

// ---- indicators ----

export function indicatorRate(i: Indicator): string {
  return i.target === undefined ? '' : showRate(rate(i.value, i.target));
}

function indicatorTable(list: Indicator[]): BlockView {
  const hasTarget = list.some((i) => i.target !== undefined);
  const hasNote = list.some((i) => i.note !== undefined);
  const cols: { header: string; width: number; align: CellView['align']; get: (x: Indicator, i: number) => RichText }[] = [
    { header: 'TT', width: 0.8, align: 'center', get: (_x, i) => String(i + 1) },
    { header: 'Chỉ tiêu', width: hasNote ? 4.2 : 5, align: 'left', get: (x) => x.name },
    { header: 'Đơn vị tính', width: 1.4, align: 'center', get: (x) => x.unit },
    ...(hasTarget ? [{ header: 'Kế hoạch', width: 1.3, align: 'right' as const, get: (x: Indicator) => (x.target === undefined ? '' : int(x.target)) }] : []),
    { header: 'Thực hiện', width: 1.3, align: 'right', get: (x) => int(x.value) },
    ...(hasTarget ? [{ header: 'Tỷ lệ đạt', width: 1.7, align: 'right' as const, get: (x: Indicator) => indicatorRate(x) }] : []),
    ...(hasNote ? [{ header: 'Ghi chú', width: 2.3, align: 'left' as const, get: (x: Indicator) => x.note ?? '' }] : []),
  ];
  const total = cols.reduce((s, c) => s + c.width, 0);
  return {
    kind: 'table',
    title: 'Kết quả một số chỉ tiêu',
    small: cols.length > 5,
    columns: cols.map((c) => ({ header: c.header, widthPct: (c.width / total) * 100, align: c.align })),
    rows: list.map((x, i) => ({ cells: cols.map((c) => cell(c.get(x, i), { align: c.align })) })),
  };
}

// ---- the body ----

const heading = (level: number, label: string, text: string): BlockView => ({ kind: 'heading', level, label, text });

/**
 * Content blocks of a section whose level-2 number is the service's: the level-3 headings blocksView
 * numbers "0.1." (no level 2 of the writer's above them) take the section's number ("2.1.").
 */
function sectionBlocks(blocks: ContentBlock[], section: number, footnote: (t: string) => FootnoteView): BlockView[] {
  return blocksView(blocks, { footnote }).map((b) =>
    b.kind === 'heading' && b.level === 3 && b.label.startsWith('0.') ? { ...b, label: `${section}.${b.label.slice(2)}` } : b,
  );
}

/** The opening paragraph: the author's (rich) text, or the sentence the service writes. */
export function openingText(d: BaoCaoCchc): RichView {
  if (d.opening) return richView(d.opening);
  const what = `${d.agency.name} báo cáo kết quả thực hiện công tác cải cách hành chính ${periodName(d.period)} như sau:`;
  return { text: d.basis && d.basis.length > 0 ? `Thực hiện ${d.basis.map(bare).join('; ')}, ${what}` : what };
}

export function summaryText(d: BaoCaoCchc): string {
  return d.summary ?? `Kết quả thực hiện công tác cải cách hành chính ${periodName(d.period)}`;
}

export function view(d: BaoCaoCchc): StandardView {
  const prog = resolveProgramme(d.programme);
  const fn = footnoteCounter();
  const tasks = d.tasks ?? [];
  const c = completion(prog.areas, tasks);
  const sectionAreas = prog.areas.filter((a) => a.code !== DIRECTION_AREA);
  const resultOf = new Map(d.results.map((r) => [r.area, r]));

  // Appendices in order: the plan's tasks, the detail of long dossier tables, the writer's own.
  const detailAreas = sectionAreas.filter((a) => (resultOf.get(a.code)?.dossiers?.rows.length ?? 0) > DOSSIER_ROWS_INLINE);
  const appendixCount = (tasks.length > 0 ? 1 : 0) + detailAreas.length + (d.appendices?.length ?? 0);
  const label = (i: number) => (appendixCount > 1 ? `Phụ lục ${toRoman(i + 1)}` : 'Phụ lục');
  const appendices: AppendixInput[] = [];
  const tasksLabel = tasks.length > 0 ? label(0) : null;
  if (tasks.length > 0) appendices.push(tasksAppendix(d, prog.areas, tasks, c));

  // Fixed headings: the default, the author's text as given, or none (false); parts numbered as printed.
  const hd = (key: keyof typeof HEADINGS, fallback: string = HEADINGS[key]) => phrase(d.headings, key, fallback);
  let part = 0;
  const section = (key: keyof typeof HEADINGS, fallback?: string): BlockView[] => {
    const t = hd(key, fallback);
    return t === undefined ? [] : [heading(1, `${toRoman(++part)}.`, t)];
  };
  let sub = 0;
  const subsection = (key: keyof typeof HEADINGS): BlockView[] => {
    const t = hd(key);
    return t === undefined ? [] : [heading(2, `${++sub}.`, t)];
  };
  const blocks: BlockView[] = [
    {
      kind: 'paragraph',
      ...openingText(d),
      italic: false,
      align: 'justify',
      ...(d.period.note === false ? {} : { footnote: fn(d.period.note ?? periodFootnote(d.period)) }),
    },
    ...(d.direction ? [...section('direction'), ...blocksView(d.direction, { footnote: fn })] : []),
    ...section('results'),
  ];
  if (tasks.length > 0) {
    blocks.push(
      {
        kind: 'paragraph',
        text: `Kết quả thực hiện ${bare(d.plan ?? 'kế hoạch cải cách hành chính')}: tổng số ${int(c.overall.count)} nhiệm vụ, đã hoàn thành ${int(
          c.overall.done,
        )}/${int(c.overall.count)} nhiệm vụ (đạt ${c.overall.rate}), đang thực hiện ${int(c.overall.ongoing)} nhiệm vụ, chưa thực hiện ${int(
          c.overall.notStarted,
        )} nhiệm vụ (chi tiết tại ${tasksLabel}).`,
        italic: false,
        align: 'justify',
      },
      completionTable(c),
    );
  }
  // A thematic report has the areas it gives; a periodic one every area (checked by the schema).
  sectionAreas.filter((a) => !d.thematic || resultOf.has(a.code)).forEach((area, i) => {
    const r = resultOf.get(area.code);
    if (!r) throw new Error(`no result for area ${area.code} after validation`);
    const n = i + 1;
    blocks.push(heading(2, `${n}.`, r.title ?? area.name));
    const views = sectionBlocks([...r.body, ...(r.bodyAfter ?? [])], n, fn);
    const figures: BlockView[] = [];
    if (r.indicators) figures.push(indicatorTable(r.indicators));
    if (r.dossiers) {
      let detail: string | null = null;
      if (r.dossiers.rows.length > DOSSIER_ROWS_INLINE) {
        detail = label(appendices.length);
        appendices.push(dossierAppendix(r.dossiers, d.period));
      }
      figures.push(dossierTable(r.dossiers, detail));
    }
    blocks.push(...views.slice(0, r.body.length), ...figures, ...views.slice(r.body.length));
  });
  blocks.push(...section('assessment'));
  const strengths = subsection('strengths');
  blocks.push(...strengths, ...sectionBlocks(d.assessment.strengths, sub, fn));
  const weaknesses = subsection('weaknesses');
  blocks.push(...weaknesses, ...sectionBlocks(d.assessment.weaknesses, sub, fn));
  blocks.push(
    ...section('nextTasks', `PHƯƠNG HƯỚNG, NHIỆM VỤ ${upper(nextPeriodName(d.period))}`),
    ...blocksView(d.nextTasks, { footnote: fn }),
    ...section('proposals'),
    ...blocksView(d.proposals, { footnote: fn, close: true }),
  );

  for (const a of d.appendices ?? [])
    appendices.push({
      title: a.title,
      ...(a.subtitle ? { subtitle: a.subtitle } : {}),
      orientation: a.orientation ?? 'portrait',
      blocks: blocksView(a.body, { footnote: fn }),
    });

  return standardView({
    ...d,
    typeName: TYPE_NAME,
    typeAbbreviation: TYPE_ABBR,
    summary: summaryText(d),
    addressees: d.addressees,
    blocks,
    appendices,
    keywords: ['báo cáo', 'cải cách hành chính', periodName(d.period)],
  });
}
