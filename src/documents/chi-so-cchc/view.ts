/**
 * The reform-index report as a standard document: BÁO CÁO, a short body with the computed results (totals per
 * area and overall, index in percent, ranking summary), any further blocks the data gives, Nơi nhận, signature;
 * then the scoring sheet (Phụ lục, landscape) and the ranking (Phụ lục) as computed tables.
 */
import { toRoman } from '../../vietnamese/numbers.js';
import { upper } from '../../vietnamese/text.js';
import { standardView, type StandardView } from '../common/standard.js';
import { blocksView, cell, closeBody, phrase, richView, type AppendixInput, type BlockView, type CellView, type RichView } from '../common/view.js';
import {
  computeSheet,
  earned,
  indexText,
  rank,
  scoredMax,
  type Band,
  type Ranked,
  type SheetResult,
  type Totals,
} from './compute.js';
import { formatScore, toUnits, type Framework } from './framework.js';
import { HEADINGS, resolveFramework, type ChiSoCchc } from './schema.js';

export const TYPE_NAME = 'Báo cáo';
export const TYPE_ABBR = 'BC';

type Table = Extract<BlockView, { kind: 'table' }>;
type Column = { header: string; width: number; align?: 'left' | 'center' | 'right' };

function table(columns: Column[], rows: CellView[][], o: { title?: string; small?: boolean } = {}): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return {
    kind: 'table',
    ...(o.title ? { title: o.title } : {}),
    columns: columns.map((c) => ({ header: c.header, widthPct: (c.width / total) * 100, align: c.align ?? 'left' })),
    rows: rows.map((cells) => ({ cells })),
    ...(o.small ? { small: true } : {}),
  };
}

/** A paragraph: the service's sentence (a string), or the author's rich text (richView). */
const paragraph = (text: string | RichView): BlockView => ({ kind: 'paragraph', ...(typeof text === 'string' ? { text } : text), italic: false, align: 'justify' });
const num = (text: string, bold = false): CellView => cell(text, { align: 'center', bold });
const pts = formatScore;

/** What the document is about, as the words after "Kết quả" and before "Chỉ số". */
function verbOf(sheet: SheetResult): string {
  return sheet.stage.appraisal || sheet.stage.survey ? 'xác định' : 'tự đánh giá, chấm điểm';
}

export type Computed = {
  framework: Framework;
  unit: string;
  sheet?: SheetResult;
  ranked?: Ranked[];
  bands?: Band[];
};

export function compute(d: ChiSoCchc): Computed {
  const framework = resolveFramework(d.framework);
  return {
    framework,
    unit: d.assessment?.unit ?? d.agency.name,
    ...(d.assessment ? { sheet: computeSheet(framework, d.assessment.scores) } : {}),
    ...(d.ranking ? { ranked: rank(d.ranking.units, framework, d.ranking.bands), bands: d.ranking.bands } : {}),
  };
}

export function summaryOf(d: ChiSoCchc, c: Computed): string {
  if (d.summary) return d.summary;
  if (c.sheet) return `Kết quả ${verbOf(c.sheet)} Chỉ số cải cách hành chính\nnăm ${d.year} của ${c.unit}`;
  return `Kết quả xác định Chỉ số cải cách hành chính\nnăm ${d.year} của các ${c.framework.target}`;
}

/** "Bộ chỉ số ... ban hành kèm theo Quyết định số ..." */
function frameworkPhrase(f: Framework): string {
  return `${f.title}${f.basis ? ` ban hành kèm theo ${f.basis}` : ''}`;
}

function introduction(d: ChiSoCchc, c: Computed): string | RichView {
  if (d.introduction) return richView(d.introduction);
  const f = c.framework;
  const basis = `Căn cứ ${frameworkPhrase(f)}`;
  if (c.sheet) {
    const whose = c.unit === d.agency.name ? '' : ` của ${c.unit}`;
    return `${basis}, ${d.agency.name} báo cáo kết quả ${verbOf(c.sheet)} Chỉ số cải cách hành chính năm ${d.year}${whose} như sau:`;
  }
  return `${basis}, ${d.agency.name} báo cáo kết quả xác định Chỉ số cải cách hành chính năm ${d.year} của các ${f.target} như sau:`;
}

// ---- the results in the body ----

function sheetFigures(d: ChiSoCchc, c: Computed, sheet: SheetResult): string[] {
  const t = sheet.overall;
  const s = sheet.stage;
  const items: string[] = [];
  if (t.selfMax > 0)
    items.push(`Tổng điểm tự đánh giá: ${pts(t.self)}/${pts(t.selfMax)} điểm, đạt ${indexText(t.self, t.selfMax)} số điểm tối đa của các tiêu chí tự đánh giá`);
  if (s.appraisal) {
    const diff = t.appraised - t.self;
    const change = diff === 0 ? 'bằng điểm tự đánh giá' : `${diff < 0 ? 'giảm' : 'tăng'} ${pts(Math.abs(diff))} điểm so với điểm tự đánh giá`;
    items.push(`Tổng điểm thẩm định: ${pts(t.appraised)}/${pts(t.selfMax)} điểm, ${change}`);
  }
  if (s.survey) items.push(`Điểm điều tra xã hội học: ${pts(t.survey)}/${pts(t.surveyMax)} điểm`);
  else if (t.surveyMax > 0)
    items.push(`Các tiêu chí thành phần đánh giá qua điều tra xã hội học (${pts(t.surveyMax)} điểm) không thuộc phần tự đánh giá`);
  const points = earned(t, s);
  const max = scoredMax(t, s);
  if (s.survey || s.appraisal)
    items.push(`Tổng điểm đạt được: ${pts(points)}/${pts(max)} điểm; Chỉ số cải cách hành chính năm ${d.year} của ${c.unit} đạt ${indexText(points, max)}`);
  return items;
}

function areaSummaryTable(sheet: SheetResult): Table {
  const s = sheet.stage;
  const columns: Column[] = [
    { header: 'STT', width: 9, align: 'center' },
    { header: 'Lĩnh vực', width: 44 },
    { header: 'Điểm tối đa', width: 12, align: 'center' },
    { header: 'Điểm tự đánh giá', width: 13, align: 'center' },
    ...(s.appraisal ? [{ header: 'Điểm thẩm định', width: 13, align: 'center' as const }] : []),
    ...(s.survey ? [{ header: 'Điểm điều tra xã hội học', width: 13, align: 'center' as const }] : []),
    ...(s.survey ? [{ header: 'Điểm đạt được', width: 12, align: 'center' as const }] : []),
    { header: 'Chỉ số (%)', width: 14, align: 'center' },
  ];
  /** "-" where the area has no criterion of that kind. */
  const part = (points: number, max: number) => (max === 0 ? '-' : pts(points));
  const row = (stt: string, name: string, t: Totals, bold: boolean): CellView[] => [
    num(stt, bold),
    cell(name, { bold }),
    num(pts(scoredMax(t, s)), bold),
    num(part(t.self, t.selfMax), bold),
    ...(s.appraisal ? [num(part(t.appraised, t.selfMax), bold)] : []),
    ...(s.survey ? [num(part(t.survey, t.surveyMax), bold), num(pts(earned(t, s)), bold)] : []),
    num(indexText(earned(t, s), scoredMax(t, s)), bold),
  ];
  const rows = sheet.areas.map((a) => row(a.area.code, a.area.name, a.totals, false));
  const total = row('', 'Tổng cộng', sheet.overall, true);
  rows.push([{ ...cell('Tổng cộng', { bold: true, align: 'center' }), colSpan: 2 }, ...total.slice(2)]);
  return table(columns, rows, { title: 'Kết quả theo lĩnh vực', small: true });
}

function rankingFigures(c: Computed, ranked: Ranked[]): string[] {
  const max = toUnits(c.framework.max);
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  if (!first || !last) return [];
  const names = (points: number) =>
    ranked
      .filter((u) => u.points === points)
      .map((u) => u.name)
      .join(', ');
  const mean = ranked.reduce((s, u) => s + u.points, 0) / ranked.length;
  const items = [
    `Số cơ quan, đơn vị được xếp hạng: ${ranked.length}`,
    `Chỉ số cao nhất: ${indexText(first.points, max)} (${names(first.points)})`,
    `Chỉ số thấp nhất: ${indexText(last.points, max)} (${names(last.points)})`,
    `Chỉ số bình quân: ${indexText(mean, max)}`,
  ];
  if (c.bands) {
    const counts = c.bands.map((b) => {
      const n = ranked.filter((u) => u.band === b.name).length;
      return `${b.name}: ${n === 0 ? 'không có đơn vị nào' : `${n} đơn vị`}`;
    });
    const none = ranked.filter((u) => u.band === '').length;
    if (none) counts.push(`chưa đạt mức xếp loại nào: ${none} đơn vị`);
    items.push(`Xếp loại ${counts.join('; ')}`);
  }
  return items;
}

function list(items: string[]): BlockView {
  return { kind: 'list', items: items.map((text, i) => ({ marker: '-', text: `${text}${i === items.length - 1 ? '.' : ';'}`, level: 0 })) };
}

// ---- the scoring sheet ----

const SURVEY_NOTE = 'Điều tra xã hội học';

/**
 * The sheet: one row per area (bold, upper case), criterion (bold) and sub-criterion, with the totals of areas
 * and criteria on their rows. Area and criterion rows keep with the row after them, so none is left alone at the
 * foot of a page.
 */
function sheetTable(sheet: SheetResult): Table {
  const s = sheet.stage;
  const columns: Column[] = [
    { header: 'STT', width: 8, align: 'center' },
    { header: 'Lĩnh vực / Tiêu chí / Tiêu chí thành phần', width: 48 },
    { header: 'Điểm tối đa', width: 10, align: 'center' },
    { header: 'Điểm tự đánh giá', width: 11, align: 'center' },
    { header: 'Tài liệu kiểm chứng', width: 42 },
    { header: 'Điểm thẩm định', width: 11, align: 'center' },
    { header: 'Ghi chú', width: 18 },
  ];
  /** The "Điểm thẩm định" column: appraised points of self-assessed criteria, survey points of survey ones. */
  const appraisedCol = (t: Totals): string => {
    if (!s.appraisal && !s.survey) return '';
    return pts((s.appraisal ? t.appraised : 0) + (s.survey ? t.survey : 0));
  };
  const rows: { cells: CellView[]; keepWithNext?: boolean }[] = [];
  const group = (cells: CellView[]) => rows.push({ cells, keepWithNext: true });
  for (const a of sheet.areas) {
    group([
      num(a.area.code, true),
      cell(upper(a.area.name), { bold: true }),
      num(pts(a.totals.max), true),
      num(pts(a.totals.self), true),
      cell(''),
      num(appraisedCol(a.totals), true),
      cell(''),
    ]);
    for (const c of a.criteria) {
      const allSurvey = c.subs.every((x) => x.sub.kind === 'survey');
      group([
        num(c.criterion.code, true),
        cell(c.criterion.name, { bold: true }),
        num(pts(c.totals.max), true),
        num(allSurvey ? '' : pts(c.totals.self), true),
        cell(''),
        num(appraisedCol(c.totals), true),
        cell(allSurvey ? SURVEY_NOTE : ''),
      ]);
      for (const { sub, entry } of c.subs) {
        const self = sub.kind === 'self';
        const evidence = entry.evidence ?? [];
        const notes = [...(!self && !allSurvey ? [SURVEY_NOTE] : []), ...(entry.note ? [entry.note] : [])];
        const recognised = self ? entry.appraised : entry.survey;
        rows.push({
          cells: [
            num(sub.code),
            cell(sub.name),
            num(pts(toUnits(sub.max))),
            num(self && entry.self !== undefined ? pts(toUnits(entry.self)) : ''),
            cell(evidence.length > 1 ? evidence.map((e) => `- ${e}`).join('\n') : (evidence[0] ?? '')),
            num(recognised !== undefined ? pts(toUnits(recognised)) : ''),
            cell(notes.join('; ')),
          ],
        });
      }
    }
  }
  const t = sheet.overall;
  const last = rows[rows.length - 1];
  if (last) last.keepWithNext = true; // the total never stands alone on a page
  rows.push({
    cells: [
      { ...cell('TỔNG CỘNG', { bold: true, align: 'center' }), colSpan: 2 },
      num(pts(t.max), true),
      num(pts(t.self), true),
      cell(''),
      num(appraisedCol(t), true),
      cell(''),
    ],
  });
  return { ...table(columns, [], { small: true }), rows };
}

/** What the "Điểm thẩm định" column holds once survey points are in it. */
function sheetLegend(sheet: SheetResult): BlockView[] {
  if (!sheet.stage.survey) return [];
  const what = sheet.stage.appraisal ? 'điểm thẩm định của các tiêu chí thành phần tự đánh giá và ' : '';
  return [
    {
      kind: 'paragraph',
      text: `Ghi chú: cột "Điểm thẩm định" ghi ${what}điểm điều tra xã hội học của các tiêu chí thành phần điều tra xã hội học; ở dòng lĩnh vực, tiêu chí và dòng tổng cộng là tổng các điểm đó.`,
      italic: true,
      align: 'justify',
    },
  ];
}

// ---- the ranking ----

function thresholds(bands: Band[]): string {
  const pct = (x: number) => `${formatScore(toUnits(x))}%`;
  return bands
    .map((b, i) => {
      const above = bands[i - 1];
      const from = b.minIndex > 0 ? `từ ${pct(b.minIndex)}` : '';
      const to = above ? `dưới ${pct(above.minIndex)}` : '';
      if (from && to) return `${b.name}: ${from} đến ${to}`;
      if (from) return `${b.name}: ${from} trở lên`;
      return `${b.name}: ${to || 'mọi mức'}`;
    })
    .join('; ');
}

function rankingBlocks(c: Computed, ranked: Ranked[]): { blocks: BlockView[]; landscape: boolean } {
  const f = c.framework;
  const max = toUnits(f.max);
  const byArea = ranked.every((u) => u.areaPoints !== undefined);
  const notes = ranked.some((u) => u.note !== '');
  const bands = c.bands !== undefined;
  const columns: Column[] = [
    { header: 'Xếp hạng', width: byArea ? 9 : 12, align: 'center' },
    { header: 'Cơ quan, đơn vị', width: byArea ? 38 : 50 },
    ...(byArea ? f.areas.map((a) => ({ header: `LV${a.code}`, width: 9, align: 'center' as const })) : []),
    { header: 'Tổng điểm', width: byArea ? 10 : 14, align: 'center' },
    { header: 'Chỉ số (%)', width: byArea ? 11 : 14, align: 'center' },
    ...(bands ? [{ header: 'Xếp loại', width: byArea ? 12 : 14 }] : []),
    ...(notes ? [{ header: 'Ghi chú', width: byArea ? 14 : 18 }] : []),
  ];
  const rows = ranked.map((u) => [
    num(String(u.rank)),
    cell(u.name),
    ...(byArea ? f.areas.map((a) => num(pts(u.areaPoints?.[a.code] ?? 0))) : []),
    num(pts(u.points)),
    num(indexText(u.points, max)),
    ...(bands ? [cell(u.band)] : []),
    ...(notes ? [cell(u.note)] : []),
  ]);
  const blocks: BlockView[] = [table(columns, rows, { small: true })];
  const legend: string[] = [];
  if (byArea) legend.push(...f.areas.map((a) => `LV${a.code}: ${a.name} (tối đa ${pts(toUnits(a.max))} điểm)`));
  legend.push(`Tổng điểm tối đa: ${pts(max)} điểm; Chỉ số (%) = tổng điểm đạt được / ${pts(max)} x 100; các đơn vị bằng điểm đồng hạng`);
  if (c.bands) legend.push(`Mức xếp loại: ${thresholds(c.bands)}`);
  blocks.push({ kind: 'paragraph', text: 'Ghi chú:', italic: true, align: 'left', keepWithNext: true });
  blocks.push(list(legend));
  return { blocks, landscape: byArea };
}

// ---- the document ----

export function view(d: ChiSoCchc): StandardView {
  const c = compute(d);
  const f = c.framework;
  const summary = summaryOf(d, c);
  const appendixCount = (c.sheet ? 1 : 0) + (c.ranked ? 1 : 0);
  const appendixName = (i: number) => (appendixCount > 1 ? `Phụ lục ${toRoman(i)}` : 'Phụ lục');

  const blocks: BlockView[] = [paragraph(introduction(d, c))];
  let section = 0;
  // Fixed headings and sentences: the default, the author's text as given, or none (false).
  const hd = (key: keyof typeof HEADINGS, fallback: string) => phrase(d.headings, key, fallback);
  const heading = (text: string | undefined) => {
    if (text !== undefined) blocks.push({ kind: 'heading', level: 1, label: `${toRoman(++section)}.`, text });
  };
  const note = (text: string | undefined) => {
    if (text !== undefined) blocks.push(paragraph(text));
  };

  if (c.sheet) {
    heading(hd('sheet', upper(c.sheet.stage.appraisal || c.sheet.stage.survey ? 'Kết quả chấm điểm' : 'Kết quả tự đánh giá, chấm điểm')));
    blocks.push(list(sheetFigures(d, c, c.sheet)));
    blocks.push(areaSummaryTable(c.sheet));
    note(hd('sheetNote', `Điểm từng tiêu chí, tiêu chí thành phần và tài liệu kiểm chứng: chi tiết tại ${appendixName(1)} kèm theo.`));
  }
  if (c.ranked) {
    heading(hd('ranking', upper('Kết quả xếp hạng')));
    blocks.push(list(rankingFigures(c, c.ranked)));
    note(hd('rankingNote', `Bảng xếp hạng chi tiết tại ${appendixName(c.sheet ? 2 : 1)} kèm theo.`));
  }
  if (d.body && d.body.length) {
    const more = blocksView(d.body, { close: true });
    // The author's level-1 headings follow on from the computed parts, unless the author wrote the number.
    more.forEach((b, i) => {
      const given = d.body?.[i];
      if (b.kind === 'heading' && b.level === 1 && b.label && !(given?.type === 'heading' && given.label !== undefined)) b.label = `${toRoman(++section)}.`;
    });
    blocks.push(...more);
  } else {
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'paragraph') last.text = closeBody(last.text);
  }

  const appendices: AppendixInput[] = [];
  if (c.sheet) {
    appendices.push({
      title: `${c.sheet.stage.appraisal || c.sheet.stage.survey ? 'Kết quả chấm điểm' : 'Kết quả tự đánh giá, chấm điểm'} Chỉ số cải cách hành chính năm ${d.year} của ${c.unit}`,
      subtitle: `(Theo ${frameworkPhrase(f)})`,
      orientation: 'landscape',
      blocks: [sheetTable(c.sheet), ...sheetLegend(c.sheet)],
    });
  }
  if (c.ranked) {
    const r = rankingBlocks(c, c.ranked);
    appendices.push({
      title: d.ranking?.title ?? `Kết quả xếp hạng Chỉ số cải cách hành chính năm ${d.year} của các ${f.target}`,
      orientation: r.landscape ? 'landscape' : 'portrait',
      blocks: r.blocks,
    });
  }

  return standardView({
    ...d,
    typeName: TYPE_NAME,
    typeAbbreviation: TYPE_ABBR,
    summary,
    addressees: d.addressees,
    blocks,
    appendices,
    keywords: ['chỉ số cải cách hành chính', 'PAR Index', f.id],
  });
}
