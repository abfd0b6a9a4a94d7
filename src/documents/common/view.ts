/**
 * The national-format view model shared by every document type. A view holds finished Vietnamese strings
 * only: every number, date, ký hiệu, signer line, label and ending is computed here, so the DOCX and the
 * HTML templates (layout only) say exactly the same thing.
 */
import { formatDate, formatPlaceDate, parsePartialDate, type PartialDate } from '../../nd30/dates.js';
import { kyHieu } from '../../nd30/numbering.js';
import { SECRECY, URGENCY, type Secrecy, type Urgency } from '../../nd30/priority.js';
import { signerLines } from '../../nd30/signer.js';
import { diemLetter, toRoman } from '../../vietnamese/numbers.js';
import { asciiFilename, stripDiacritics, unicodeFilename, upper } from '../../vietnamese/text.js';
import type { Agency, Appendix, ContentBlock, Recipients, RichText, Signer } from './schema.js';

export type Align = 'left' | 'center' | 'right' | 'justify';

export type HeaderView = {
  parentLines: string[];
  agencyLines: string[];
  soLine: string;
  /** Công văn only: "V/v ..." lines under the Số line. */
  vvLines: string[];
  placeDate: string;
  urgency?: { text: string; widthMm: number };
  secrecy?: { text: string };
};

export type TitleView = { typeName: string; summaryLines: string[] };

/**
 * A line of Nơi nhận, or a group of lines under one note: the templates draw a right brace spanning the group's
 * lines with the note beside it, vertically centred; the text reads lines, "}", note.
 */
export type RecipientItem = { line: string } | { group: { lines: string[]; note: string } };

export type SignatureView = {
  authorityLines: string[];
  name: string;
  recipientsHeading: string;
  recipientItems: RecipientItem[];
  /** ô 12: drafter code and copies, e.g. "PL.(300)". */
  drafterLine?: string;
};

/** A run of rich text as the renderers print it (an HTML span classed b/i, a DOCX run with w:b/w:i). */
export type RunView = { text: string; bold: boolean; italic: boolean };
/** Rich text in a view: the whole text (what search, the plain text and the "./." read) and its runs, when given. */
export type RichView = { text: string; runs?: RunView[] };

export type CellView = {
  text: string;
  /** Rich text: the cell's text in runs (printed instead of `text`). */
  runs?: RunView[];
  colSpan: number;
  /** Rows this cell spans downwards (a merged cell); the rows below leave that column out. */
  rowSpan: number;
  bold: boolean;
  italic: boolean;
  align: Align;
};
/** A footnote: its number (DOCX footnote id, and the superscript mark shown in the PDF) and its text. */
export type FootnoteView = { n: number; mark: string; text: string };
export type BlockView =
  | { kind: 'heading'; level: number; label: string; text: string }
  | { kind: 'part'; label: string; title: string }
  | {
      kind: 'paragraph';
      lead?: string;
      /** The whole text (the runs' joined, when given): what search and the plain text read. */
      text: string;
      /** Rich text: the text in runs of their own bold and italic (printed instead of `text`). */
      runs?: RunView[];
      italic: boolean;
      align: Align;
      footnote?: FootnoteView;
      /** The text after the footnote mark, when the mark stands inside the paragraph (footnoteAt). */
      after?: string;
      /** Kept on the same page as what follows (a note above the list it introduces). */
      keepWithNext?: boolean;
    }
  | { kind: 'list'; items: ListItemView[] }
  | {
      kind: 'table';
      title?: string;
      columns: { header: string; widthPct: number; align: Align }[];
      /** The header as written (rows of cells with their spans) instead of the columns' headers; no rows: none. */
      header?: { rows: CellView[][] };
      /** keepWithNext: the row stays on the page of the row after it (a group row above its first unit). */
      rows: { cells: CellView[]; keepWithNext?: boolean }[];
      /** 12 pt instead of 13 pt, for wide tables. */
      small?: boolean;
    };

/** A list item: its marker ("-", "+", "a)", "1.") and its text, with runs when rich. */
export type ListItemView = { marker: string; text: string; level: number; runs?: RunView[] };

export type SectionView = {
  /** Page orientation of the section; each section numbers its pages on its own. */
  orientation: 'portrait' | 'landscape';
};

export type AppendixView = SectionView & {
  footnotes: FootnoteView[];
  heading: string;
  title: string;
  /** '' when none. */
  subtitle: string;
  reference: string;
  blocks: BlockView[];
};

export type DocumentMeta = {
  /** Type name as a sentence ("Quyết định"), its ký hiệu and the trích yếu. */
  typeName: string;
  kyHieu: string;
  /** The ký hiệu after the number, the same for a draft: "KH-UBND", "2018/QĐ-UBND", "UBND-NC". */
  notation: string;
  draft: boolean;
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  issued: PartialDate;
  filenameAscii: string;
  filenameUnicode: string;
};

export function mustDate(s: string): PartialDate {
  const d = parsePartialDate(s);
  if (!d) throw new Error(`invalid date after validation: ${s}`);
  return d;
}

export function agencyLines(a: Agency): { parentLines: string[]; agencyLines: string[] } {
  return {
    parentLines: a.parent ? (a.parent.headerLines ?? [a.parent.name]).map(upper) : [],
    agencyLines: (a.headerLines ?? [a.name]).map(upper),
  };
}

export function headerView(p: {
  agency: Agency;
  number?: number;
  typeAbbreviation?: string;
  unitAbbreviation?: string;
  place: string;
  date: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  vv?: string;
  /** The year in the number of a legal normative document ("Số: 30/2018/QĐ-UBND"). */
  year?: number;
}): HeaderView {
  const kh = kyHieu({
    ...(p.year !== undefined ? { year: p.year } : {}),
    number: p.number,
    typeAbbreviation: p.typeAbbreviation,
    agencyAbbreviation: p.agency.abbreviation,
    unitAbbreviation: p.unitAbbreviation,
  });
  return {
    ...agencyLines(p.agency),
    soLine: `Số: ${kh}`,
    vvLines: p.vv ? splitLines(`V/v ${p.vv}`) : [],
    placeDate: formatPlaceDate(p.place, mustDate(p.date)),
    ...(p.urgency ? { urgency: { text: upper(URGENCY[p.urgency].label), widthMm: URGENCY[p.urgency].stampWidthMm } } : {}),
    ...(p.secrecy ? { secrecy: { text: upper(SECRECY[p.secrecy].label) } } : {}),
  };
}

/** Manual line breaks ("\n") in a title or summary are kept; each line is trimmed. */
export function splitLines(s: string): string[] {
  return s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function titleView(typeName: string, summary: string): TitleView {
  return { typeName: upper(typeName), summaryLines: splitLines(summary) };
}

/** Strips the list punctuation a writer may have typed ("- ", ";", "."), so the service adds the right one. */
export function bare(s: string): string {
  return s
    .trim()
    .replace(/^[-+•]\s*/, '')
    .replace(/[\s;,.]+$/u, '')
    .trim();
}

/** Lines that each end ";" and the last "." (căn cứ, Kính gửi with several recipients, Nơi nhận). */
export function punctuate(items: string[], last = '.'): string[] {
  return items.map((s, i) => `${bare(s)}${i === items.length - 1 ? last : ';'}`);
}

export function signatureView(signer: Signer, recipients: Recipients, opts: { leadingItems?: string[] } = {}): SignatureView {
  const lines0 = signerLines(signer);
  const name = lines0.name;
  const authorityLines = [...lines0.authorityLines, ...(signer.extraLines ?? []).map(upper)];
  const archive =
    recipients.archive ?? `Lưu: VT, ${recipients.archiveUnit ?? ''}${recipients.archiveCopies ? ` (${recipients.archiveCopies}b)` : ''}`;
  const leading = (opts.leadingItems ?? []).filter((s) => !recipients.items.some((o) => bare(o).toLowerCase() === s.toLowerCase()));
  const items = [...leading, ...recipients.items.map(bare)];
  const lines = punctuate([...items, archive]).map((l) => `- ${l}`);
  if (recipients.archive !== undefined) lines[lines.length - 1] = `- ${recipients.archive.trim()}`;
  // Groups of consecutive recipients under one note (the leading items come before the author's).
  const groups = new Map((recipients.groups ?? []).map((g) => [g.first + leading.length, g] as const));
  const recipientItems: RecipientItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const g = groups.get(i);
    if (!g) {
      recipientItems.push({ line: lines[i] ?? '' });
      continue;
    }
    const last = g.last + leading.length;
    recipientItems.push({ group: { lines: lines.slice(i, last + 1), note: g.note.trim() } });
    i = last;
  }
  let drafterLine: string | undefined;
  if (recipients.drafterCode || recipients.copies) {
    drafterLine = `${recipients.drafterCode ? `${upper(recipients.drafterCode)}.` : ''}${recipients.copies ? `(${recipients.copies})` : ''}`;
  }
  return {
    authorityLines,
    name,
    recipientsHeading: 'Nơi nhận:',
    recipientItems,
    ...(drafterLine ? { drafterLine } : {}),
  };
}

/** Ends the text with "./.", the mark that closes the body of a document with a tên loại. */
export function closeBody(s: string): string {
  const t = s.trimEnd().replace(/(\.\/\.|[.;,:])$/u, '');
  return `${t}./.`;
}

// ---- rich text (docs/rich-text.md) ----

/** A rich field for the renderers: the whole text (a string, or the runs joined), and the runs when given. */
export function richView(r: RichText): RichView {
  if (typeof r === 'string') return { text: r };
  return { text: r.runs.map((x) => x.text).join(''), runs: r.runs.map((x) => ({ text: x.text, bold: x.bold ?? false, italic: x.italic ?? false })) };
}

/**
 * Applies to rich text an edit of its ends made on the whole text (sentence, bare, closeBody, a number put in
 * front): the edited text is the original with some characters taken off each end and some added. Characters
 * taken off leave their runs; text added at the end goes on the last run (its bold and italic, as a word
 * processor types on), text added in front is a plain run of its own (a label of the service's, not the
 * author's words). An edit that changes the middle (none of the callers' does) leaves the text plain. The
 * characters kept are the fewest taken off (at most 16 at each end) that the edited text still holds.
 */
export function richEdit(v: RichView, edit: (s: string) => string): RichView {
  const text = edit(v.text);
  if (!v.runs) return { text };
  const old = v.text;
  const EDGE = 16;
  for (let cut = 0; cut <= 2 * EDGE; cut++) {
    for (let a = Math.max(0, cut - EDGE); a <= Math.min(cut, EDGE); a++) {
      const b = cut - a;
      if (a + b >= old.length) continue;
      const kept = old.slice(a, old.length - b);
      const at = text.indexOf(kept);
      if (at < 0) continue;
      return { text, runs: spliceRuns(v.runs, a, old.length - b, text.slice(0, at), text.slice(at + kept.length)) };
    }
  }
  return { text };
}

/** The runs' characters from..to, with `head` in front (a plain run) and `tail` after (on the last run). */
function spliceRuns(runs: RunView[], from: number, to: number, head: string, tail: string): RunView[] {
  const out: RunView[] = head ? [{ text: head, bold: false, italic: false }] : [];
  let pos = 0;
  let last: RunView | undefined;
  for (const r of runs) {
    const s = Math.max(from, pos);
    const e = Math.min(to, pos + r.text.length);
    if (e > s) out.push((last = { ...r, text: r.text.slice(s - pos, e - pos) }));
    pos += r.text.length;
  }
  // The kept characters are never none (richEdit), so there is a last run to take the tail.
  if (tail && last) last.text += tail;
  return out;
}

// ---- content blocks ----

function cellView(c: unknown, align: Align): CellView {
  if (typeof c === 'string') return cell(c, { align });
  if (typeof c === 'number') return cell(formatCellNumber(c), { align });
  const o = c as { text: string | number; colSpan?: number; rowSpan?: number; bold?: boolean; italic?: boolean; align?: Align };
  return {
    text: typeof o.text === 'number' ? formatCellNumber(o.text) : o.text,
    colSpan: o.colSpan ?? 1,
    rowSpan: o.rowSpan ?? 1,
    bold: o.bold ?? false,
    italic: o.italic ?? false,
    align: o.align ?? align,
  };
}

/** A table cell for view models that build their own tables; a rich field keeps its runs. */
export function cell(text: RichText | RichView, o: Partial<Omit<CellView, 'text' | 'runs'>> = {}): CellView {
  return { ...(typeof text === 'object' && 'text' in text ? text : richView(text)), colSpan: o.colSpan ?? 1, rowSpan: o.rowSpan ?? 1, bold: o.bold ?? false, italic: o.italic ?? false, align: o.align ?? 'left' };
}

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
/** Numbers footnotes through a document: footnote(text) gives { n, mark: "¹", text }. */
export function footnoteCounter(): (text: string) => FootnoteView {
  let n = 0;
  return (text) => {
    n += 1;
    return { n, mark: String(n).split('').map((d) => SUPERSCRIPT[Number(d)]).join(''), text };
  };
}

/** The footnotes of a list of blocks, in order (the PDF prints them at the end of their section). */
export function footnotesOf(blocks: BlockView[]): FootnoteView[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' && b.footnote ? [b.footnote] : []));
}

/** Kính gửi (ô 9a): one recipient on the line itself; several one per line, "- ...;" and the last ".". */
export type KinhGuiView = { inline: string; multi: boolean; lines: string[] };
export function kinhGuiView(recipients: string[] | undefined): KinhGuiView | '' {
  if (!recipients || recipients.length === 0) return '';
  if (recipients.length === 1) return { inline: bare(recipients[0] ?? ''), multi: false, lines: [] };
  return { inline: '', multi: true, lines: punctuate(recipients).map((l) => `- ${l}`) };
}

const CELL_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6, useGrouping: true });
/** A number given in a table cell, in the Vietnamese way: "1.250.000", "1,5" (any finite JSON number). */
function formatCellNumber(n: number): string {
  return CELL_NUMBER.format(n);
}

/**
 * Turns content blocks into views with their numbering computed: headings level 1 "I.", level 2 "1.",
 * level 3 "1.1.", level 4 "a)"; parts "Phần I", chapters "Chương I", sections "Mục 1".
 * With closing, the last paragraph or list item ends with "./.".
 */
export function blocksView(
  blocks: ContentBlock[],
  opts: { close?: boolean; footnote?: (text: string) => FootnoteView } = {},
): BlockView[] {
  const footnote = opts.footnote ?? footnoteCounter();
  const counters = [0, 0, 0, 0];
  const partCounters = { phan: 0, chuong: 0, muc: 0 };
  const out: BlockView[] = blocks.map((b): BlockView => {
    switch (b.type) {
      case 'heading': {
        const lvl = b.level - 1;
        let label = '';
        if (b.numbered !== false) {
          counters[lvl] = (counters[lvl] ?? 0) + 1;
          for (let i = lvl + 1; i < counters.length; i++) counters[i] = 0;
          const n = counters[lvl] ?? 1;
          label =
            b.level === 1
              ? `${toRoman(n)}.`
              : b.level === 2
                ? `${n}.`
                : b.level === 3
                  ? `${counters[1] ?? 0}.${n}.`
                  : `${diemLetter(Math.min(n - 1, 22))})`;
        }
        if (b.label !== undefined) label = b.label;
        return { kind: 'heading', level: b.level, label, text: b.level === 1 && b.upperCase !== false ? upper(b.text) : b.text };
      }
      case 'part': {
        partCounters[b.kind] += 1;
        const n = partCounters[b.kind];
        if (b.kind === 'phan') {
          partCounters.chuong = 0;
          partCounters.muc = 0;
        }
        if (b.kind === 'chuong') partCounters.muc = 0;
        const label = b.label ?? (b.kind === 'phan' ? `Phần ${toRoman(n)}` : b.kind === 'chuong' ? `Chương ${toRoman(n)}` : `Mục ${n}`);
        counters.fill(0);
        return { kind: 'part', label, title: upper(b.title) };
      }
      case 'paragraph': {
        // The mark after the author's anchor: the text splits around it.
        const whole = b.text ?? (b.runs ?? []).map((r) => r.text).join('');
        const at = b.footnote && b.footnoteAt ? whole.indexOf(b.footnoteAt) : -1;
        const cut = at >= 0 ? at + (b.footnoteAt?.length ?? 0) : -1;
        return {
          kind: 'paragraph',
          ...(b.lead ? { lead: b.lead } : {}),
          text: cut >= 0 ? whole.slice(0, cut) : whole,
          ...(b.runs ? { runs: richView({ runs: b.runs }).runs } : {}),
          ...(cut >= 0 && cut < whole.length ? { after: whole.slice(cut) } : {}),
          italic: b.italic ?? false,
          align: b.align ?? 'justify',
          ...(b.footnote ? { footnote: footnote(b.footnote) } : {}),
        };
      }
      case 'list': {
        const marker = b.marker ?? '-';
        const items: ListItemView[] = [];
        for (const it of b.items) {
          if (typeof it === 'string' || 'runs' in it) items.push({ marker, ...richView(it), level: 0 });
          else {
            items.push({ marker, ...richView(it.text), level: 0 });
            for (const sub of it.items ?? []) items.push({ marker: '+', ...richView(sub), level: 1 });
          }
        }
        return { kind: 'list', items };
      }
      case 'table': {
        const total = b.columns.reduce((s, c) => s + (c.width ?? 1), 0);
        const columns = b.columns.map((c) => ({
          header: c.header ?? '',
          widthPct: ((c.width ?? 1) / total) * 100,
          align: c.align ?? 'left',
        }));
        return {
          kind: 'table',
          ...(b.title ? { title: b.title } : {}),
          columns,
          ...(b.header ? { header: { rows: b.header.map((r) => r.map((c) => ({ ...cellView(c, 'center'), bold: true }))) } } : {}),
          ...(b.small ? { small: true } : {}),
          rows: (() => {
            // Columns covered by a merged cell from a row above are skipped when matching cells to columns.
            const covered = new Array<number>(columns.length).fill(0);
            return b.rows.map((r) => {
              let col = 0;
              const skip = () => {
                while (col < covered.length && (covered[col] ?? 0) > 0) col++;
              };
              const cells = r.map((c) => {
                skip();
                const v = cellView(c, columns[col]?.align ?? 'left');
                for (let k = col; k < col + v.colSpan && k < covered.length; k++) covered[k] = v.rowSpan;
                col += v.colSpan;
                return v;
              });
              for (let k = 0; k < covered.length; k++) covered[k] = Math.max(0, (covered[k] ?? 0) - 1);
              return { cells };
            });
          })(),
        };
      }
    }
  });
  if (opts.close) closeLastBlock(out);
  return out;
}

function closeLastBlock(blocks: BlockView[]): void {
  const last = blocks[blocks.length - 1];
  if (!last) return;
  if (last.kind === 'paragraph' && last.after) last.after = closeBody(last.after);
  else if (last.kind === 'paragraph') Object.assign(last, richEdit(last, closeBody));
  else if (last.kind === 'list') {
    const it = last.items[last.items.length - 1];
    if (it) Object.assign(it, richEdit(it, closeBody));
  }
}

/** An appendix a view model builds itself (a table computed from data) or from content blocks. */
export type AppendixInput = {
  title: string;
  subtitle?: string;
  orientation?: 'portrait' | 'landscape';
  blocks: BlockView[];
  /** The "Phụ lục ..." line as the author wrote it, instead of the computed one. */
  label?: string;
  /** false: the title printed as written, not in capitals. */
  upperCase?: boolean;
};

/** Content-block appendices of the schema, as AppendixInput. */
export const appendixInputs = (list: Appendix[] | undefined): AppendixInput[] =>
  (list ?? []).map((a) => ({
    title: a.title,
    ...(a.subtitle ? { subtitle: a.subtitle } : {}),
    orientation: a.orientation ?? 'portrait',
    blocks: blocksView(a.body),
    ...(a.label !== undefined ? { label: a.label } : {}),
    ...(a.upperCase !== undefined ? { upperCase: a.upperCase } : {}),
  }));

/**
 * Phụ lục headings: "Phụ lục" alone when there is one, "Phụ lục I", "Phụ lục II", ... when there are several
 * (nd30-format.md); the title in capitals and the "(Kèm theo ...)" reference line.
 */
export function appendicesView(list: AppendixInput[], reference: string): AppendixView[] {
  return list.map((a, i) => ({
    orientation: a.orientation ?? 'portrait',
    heading: a.label ?? (list.length > 1 ? `Phụ lục ${toRoman(i + 1)}` : 'Phụ lục'),
    title: a.upperCase === false ? a.title : upper(a.title),
    subtitle: a.subtitle ?? '',
    reference,
    blocks: a.blocks,
    footnotes: footnotesOf(a.blocks),
  }));
}

/** "Quyết định số 152/QĐ-UBND ngày 22 tháng 01 năm 2014 của Ủy ban nhân dân tỉnh Sơn La". */
export function issuedReference(typeName: string, kh: string, date: PartialDate, issuer: string): string {
  return `${typeName} số ${kh} ngày ${formatDate(date).replace(/^ngày /, '')} của ${issuer}`;
}

export function documentMeta(p: {
  typeName: string;
  typeAbbreviation?: string;
  agency: Agency;
  number?: number;
  unitAbbreviation?: string;
  date: string;
  summary: string;
  keywords?: string[];
  /** The year in the ký hiệu of a legal normative document ("30/2018/QĐ-UBND"), as headerView prints it. */
  year?: number;
}): DocumentMeta {
  const kh = kyHieu({
    ...(p.year !== undefined ? { year: p.year } : {}),
    number: p.number,
    typeAbbreviation: p.typeAbbreviation,
    agencyAbbreviation: p.agency.abbreviation,
    unitAbbreviation: p.unitAbbreviation,
  }).replace(/\u00a0+/g, '');
  const draft = p.number === undefined;
  // The notation: the ký hiệu after the number ("2018/QĐ-UBND", "QĐ-UBND", "UBND-NC").
  const afterSlash = kh.slice(kh.indexOf('/') + 1);
  const yearPart = p.year !== undefined ? `${p.year}-` : '';
  const withoutYear = p.year !== undefined ? afterSlash.slice(String(p.year).length + 1) : afterSlash;
  const agencyPart = p.typeAbbreviation ? withoutYear.slice(p.typeAbbreviation.length + 1) : withoutYear;
  const abbr = stripDiacritics(p.typeAbbreviation ?? 'CV');
  const asciiBase = asciiFilename(draft ? `${abbr}-${yearPart}${agencyPart}-du-thao` : `${abbr}-${p.number}-${yearPart}${agencyPart}`);
  const unicodeBase = draft ? `Dự thảo ${p.typeName} ${afterSlash}` : `${p.typeName} ${kh}`;
  const summary = splitLines(p.summary).join(' ');
  return {
    typeName: p.typeName,
    kyHieu: draft ? `Dự thảo ${afterSlash}` : kh,
    notation: afterSlash,
    draft,
    title: `${p.typeName} ${draft ? `(dự thảo) ${afterSlash}` : kh}: ${summary}`,
    subject: summary,
    author: p.agency.name,
    keywords: p.keywords ?? [],
    issued: mustDate(p.date),
    filenameAscii: asciiBase,
    filenameUnicode: unicodeFilename(unicodeBase),
  };
}

/** A fixed heading or phrase: the author's text when given (printed as given), undefined when left out, else the default. */
export function phrase<K extends string>(given: Partial<Record<K, string | false>> | undefined, key: K, fallback: string): string | undefined {
  const v = given?.[key];
  if (v === false) return undefined;
  return v ?? fallback;
}
