/**
 * The inspection plan as a standard document: the four fixed parts computed into BlockViews, Phụ lục I the
 * table of units (group numerals I, II, III and unit numbers computed; one time or note for a whole group in a
 * merged cell), Phụ lục II the report outline. One footnote counter runs through the whole document, so the
 * DOCX footnote ids and the PDF marks follow on from the body into the appendices.
 */
import { parsePartialDate } from '../../nd30/dates.js';
import { toRoman } from '../../vietnamese/numbers.js';
import { foldKey } from '../../vietnamese/text.js';
import { resolveProgramme } from '../common/reform-programmes.js';
import { standardView, type StandardView } from '../common/standard.js';
import {
  bare,
  blocksView,
  cell,
  closeBody,
  footnoteCounter,
  phrase,
  punctuate,
  richEdit,
  richView,
  type AppendixInput,
  type BlockView,
  type CellView,
  type FootnoteView,
  type RichView,
} from '../common/view.js';
import type { RichText } from '../common/schema.js';
import type { Warning } from '../types.js';
import { HEADINGS, type KeHoachKiemTra } from './schema.js';

export const TYPE_NAME = 'Kế hoạch';
export const TYPE_ABBR = 'KH';

type AppendixPage = StandardView['appendices'][number];
/** The outline's subtitle with its footnote, as a one-paragraph block list (the templates place it above the reference line). */
export type TitleNote = { blocks: BlockView[] };
export type KeHoachKiemTraView = Omit<StandardView, 'appendices'> & {
  appendices: (AppendixPage & { titleNote: TitleNote | '' })[];
};

type Bullet = RichText | { text: RichText; items?: RichText[] | undefined };

const heading = (level: 1 | 2, label: string, text: string): BlockView => ({ kind: 'heading', level, label, text });
/** A paragraph: the service's sentence (a string), or the author's rich text (richView). */
const para = (text: string | RichView, o: { italic?: boolean; lead?: string; footnote?: FootnoteView } = {}): BlockView => ({
  kind: 'paragraph',
  ...(o.lead ? { lead: o.lead } : {}),
  ...(typeof text === 'string' ? { text } : text),
  italic: o.italic ?? false,
  align: 'justify',
  ...(o.footnote ? { footnote: o.footnote } : {}),
});
const bulletList = (items: Bullet[]): BlockView => ({
  kind: 'list',
  items: items.flatMap((it) =>
    typeof it === 'string' || 'runs' in it
      ? [{ marker: '-', ...richView(it), level: 0 }]
      : [{ marker: '-', ...richView(it.text), level: 0 }, ...(it.items ?? []).map((s) => ({ marker: '+', ...richView(s), level: 1 }))],
  ),
});

/** Ends a sentence with "." unless it already ends with a full stop, "?", "!" or ")". */
const sentence = (s: string) => (/[.?!)]$/u.test(s.trim()) ? s.trim() : `${bare(s)}.`);

/** "Phụ lục" alone when the plan has one appendix, "Phụ lục I", "Phụ lục II" when it has several (as appendicesView). */
const appendixLabel = (i: number, count: number) => (count > 1 ? `Phụ lục ${toRoman(i + 1)}` : 'Phụ lục');

/** Puts "./." after the last sentence of the body. */
function closeLast(blocks: BlockView[]): void {
  const last = blocks[blocks.length - 1];
  if (last?.kind === 'paragraph') Object.assign(last, richEdit(last, closeBody));
  else if (last?.kind === 'list') {
    const it = last.items[last.items.length - 1];
    if (it) Object.assign(it, richEdit(it, closeBody));
  }
}

export const defaultSummary = (year: number) => `Kiểm tra công tác cải cách hành chính năm ${year}`;
export const defaultUnitsTitle = (year: number) => `Danh sách cơ quan, đơn vị được kiểm tra năm ${year}`;

/** The table of Phụ lục I: TT | Cơ quan, đơn vị | Thời gian dự kiến | Ghi chú. */
export function unitsTable(u: KeHoachKiemTra['units']): Extract<BlockView, { kind: 'table' }> {
  const rows: { cells: CellView[] }[] = [];
  let n = 0;
  u.groups.forEach((g, gi) => {
    rows.push({ cells: [cell(g.label ?? toRoman(gi + 1), { bold: true, align: 'center' }), cell(g.name, { bold: true, colSpan: 3 })] });
    if (u.numbering !== 'continuous') n = 0;
    const span = g.units.length;
    g.units.forEach((unit, ui) => {
      n += 1;
      const cells = [cell(String(n), { align: 'center' }), cell(unit.name)];
      // A group-wide value is one cell merged down the group's rows; the rows below leave that column out.
      if (g.time === undefined) cells.push(cell(unit.time ?? '', { align: 'center' }));
      else if (ui === 0) cells.push(cell(g.time, { align: 'center', rowSpan: span }));
      if (g.note === undefined) cells.push(cell(unit.note ?? ''));
      else if (ui === 0) cells.push(cell(g.note, { align: 'center', rowSpan: span }));
      rows.push({ cells });
    });
  });
  const widths = [1.1, 5.5, 3, 3]; // "STT" fits on one line in the first column
  const total = widths.reduce((s, w) => s + w, 0);
  const headers = u.columns ?? ['TT', 'Cơ quan, đơn vị', 'Thời gian dự kiến', 'Ghi chú'];
  return {
    kind: 'table',
    columns: headers.map((header, i) => ({ header, widthPct: ((widths[i] ?? 1) / total) * 100, align: i === 1 || i === 3 ? 'left' : 'center' })),
    rows,
  };
}

export function view(d: KeHoachKiemTra): KeHoachKiemTraView {
  const footnote = footnoteCounter();
  const areas = resolveProgramme(d.programme ?? '2021-2030').areas;
  const appendixCount = d.reportOutline ? 2 : 1;
  const unitsLabel = d.units.label ?? appendixLabel(0, appendixCount);
  const outlineLabel = d.reportOutline?.label ?? appendixLabel(1, appendixCount);

  const blocks: BlockView[] = [];
  for (const p of d.opening) {
    blocks.push(typeof p === 'string' || 'runs' in p ? para(richView(p)) : para(richView(p.text), { footnote: footnote(p.footnote) }));
  }
  // Fixed headings and phrases: the author's text when given (printed as given), left out when false.
  const hd = (key: keyof typeof HEADINGS, fallback: string = HEADINGS[key]) => phrase(d.headings, key, fallback);
  let part = 0;
  const section = (key: keyof typeof HEADINGS) => {
    const t = hd(key);
    if (t !== undefined) blocks.push(heading(1, `${toRoman(++part)}.`, t));
  };
  let sub = 0;
  const subheading = (key: keyof typeof HEADINGS) => {
    const t = hd(key);
    if (t !== undefined) blocks.push(heading(2, `${++sub}.`, t));
  };

  section('purposeRequirement');
  sub = 0;
  subheading('purpose');
  blocks.push(bulletList(d.purposes));
  subheading('requirement');
  blocks.push(bulletList(d.requirements));

  section('targetsForms');
  sub = 0;
  subheading('targets');
  blocks.push(bulletList(d.targets ?? punctuate(d.units.groups.map((g) => g.name))));
  const unitsNote = hd('unitsNote', `(Danh sách các cơ quan, đơn vị dự kiến được kiểm tra tại ${unitsLabel} kèm theo)`);
  if (unitsNote !== undefined) blocks.push(para(unitsNote, { italic: true }));
  subheading('forms');
  blocks.push(bulletList(d.forms));
  const time = hd('time');
  blocks.push(para(richView(d.time), time === undefined ? {} : { lead: `${++sub}. ${time}` }));

  section('contents');
  const titled = d.contents.some((c) => c.text !== undefined || c.details !== undefined);
  d.contents.forEach((c, i) => {
    // The author's title as written: no full stop added, none taken away.
    const title = c.title ?? areas.find((a) => a.code === c.area)?.name ?? '';
    if (!titled) {
      // A programme's area name is the service's sentence and ends with "."; the author's title is printed as given.
      blocks.push(para(`${i + 1}. ${c.title ?? sentence(title)}`));
      return;
    }
    blocks.push(heading(2, `${i + 1}.`, title));
    if (c.text) blocks.push(para(richView(c.text)));
    if (c.details) blocks.push(bulletList(c.details));
  });
  if (d.reportOutline) {
    const note = hd('contentsNote', `(Cụ thể nội dung kiểm tra theo Đề cương báo cáo tại ${outlineLabel} kèm theo)`);
    if (note !== undefined) blocks.push(para(note, { italic: true }));
  }

  section('implementation');
  d.responsibilities.forEach((r, i) => {
    blocks.push(heading(2, `${i + 1}.`, r.agency));
    if (r.text) blocks.push(para(richView(r.text)));
    blocks.push(bulletList(r.duties));
  });
  for (const p of d.closing ?? []) blocks.push(para(richView(p)));
  closeLast(blocks);

  const appendices: AppendixInput[] = [
    {
      title: d.units.title ?? defaultUnitsTitle(d.year),
      ...(d.units.subtitle ? { subtitle: d.units.subtitle } : {}),
      orientation: 'portrait',
      blocks: [unitsTable(d.units)],
      ...(d.units.label !== undefined ? { label: d.units.label } : {}),
      ...(d.units.upperCase !== undefined ? { upperCase: d.units.upperCase } : {}),
    },
  ];
  let titleNote: TitleNote | '' = '';
  if (d.reportOutline) {
    const o = d.reportOutline;
    // The subtitle's footnote is numbered before the outline's own, after the body's.
    if (o.subtitle !== undefined && o.subtitleFootnote !== undefined) {
      titleNote = {
        blocks: [{ kind: 'paragraph', text: o.subtitle, italic: true, align: 'center', footnote: footnote(o.subtitleFootnote) }],
      };
    }
    appendices.push({
      title: o.title ?? 'Đề cương báo cáo',
      ...(o.subtitle !== undefined && titleNote === '' ? { subtitle: o.subtitle } : {}),
      orientation: 'portrait',
      blocks: blocksView(o.body, { footnote }),
      ...(o.label !== undefined ? { label: o.label } : {}),
      ...(o.upperCase !== undefined ? { upperCase: o.upperCase } : {}),
    });
  }

  const std = standardView({
    typeName: TYPE_NAME,
    typeAbbreviation: TYPE_ABBR,
    agency: d.agency,
    number: d.number,
    place: d.place,
    date: d.date,
    urgency: d.urgency,
    secrecy: d.secrecy,
    summary: d.summary ?? defaultSummary(d.year),
    blocks,
    signer: d.signer,
    recipients: d.recipients,
    appendices,
    keywords: ['kế hoạch', 'kiểm tra', 'cải cách hành chính'],
  });
  std.appendices.forEach((a, i) => {
    const given = i === 0 ? d.units.label : d.reportOutline?.label;
    if (given === undefined && a.heading !== appendixLabel(i, appendixCount)) throw new Error(`appendix heading "${a.heading}" differs from the body's reference`);
  });
  return {
    ...std,
    appendices: std.appendices.map((a, i) => {
      if (i !== 1 || titleNote === '') return { ...a, titleNote: '' as const };
      const note = titleNote.blocks[0];
      const notes = note?.kind === 'paragraph' && note.footnote ? [note.footnote] : [];
      return { ...a, titleNote, footnotes: [...notes, ...a.footnotes] };
    }),
  };
}

export function warnings(d: KeHoachKiemTra): Warning[] {
  const out: Warning[] = [];
  d.units.groups.forEach((g, i) => {
    const numeral = toRoman(i + 1);
    if (g.label !== undefined && g.label !== numeral)
      out.push({
        path: `$.units.groups[${i}].label`,
        message: `Nhóm thứ ${i + 1} ("${g.name}") ghi số "${g.label}" nhưng số thứ tự liền mạch là "${numeral}"; văn bản in "${g.label}" như đã ghi`,
      });
    if (g.statedNumeral !== undefined && g.statedNumeral !== numeral)
      out.push({
        path: `$.units.groups[${i}].statedNumeral`,
        message: `Nhóm thứ ${i + 1} ("${g.name}") ghi số "${g.statedNumeral}" nhưng số thứ tự đúng là "${numeral}"; văn bản in "${numeral}"`,
      });
  });
  const seen = new Map<string, string>();
  d.units.groups.forEach((g, i) =>
    g.units.forEach((u, j) => {
      const key = foldKey(u.name);
      const first = seen.get(key);
      if (first !== undefined)
        out.push({ path: `$.units.groups[${i}].units[${j}].name`, message: `"${u.name}" đã có trong danh sách, ở nhóm ${first}` });
      else seen.set(key, toRoman(i + 1));
    }),
  );
  const issued = parsePartialDate(d.date);
  if (issued && (issued.year > d.year || issued.year < d.year - 1))
    out.push({
      path: '$.date',
      message: `Kế hoạch kiểm tra năm ${d.year} lại ban hành năm ${issued.year}: kiểm tra lại năm kiểm tra (year) hoặc ngày ban hành`,
    });
  return out;
}
