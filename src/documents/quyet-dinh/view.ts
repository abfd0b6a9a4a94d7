import { formatDate } from '../../nd30/dates.js';
import { kyHieu } from '../../nd30/numbering.js';
import { diemLetter } from '../../vietnamese/numbers.js';
import { upper } from '../../vietnamese/text.js';
import {
  agencyLines,
  appendicesView,
  appendixInputs,
  bare,
  blocksView,
  footnotesOf,
  closeBody,
  documentMeta,
  headerView,
  mustDate,
  punctuate,
  richEdit,
  richView,
  signatureView,
  titleView,
  type AppendixView,
  type BlockView,
  type FootnoteView,
  type HeaderView,
  type RichView,
  type SignatureView,
  type TitleView,
} from '../common/view.js';
import { pageAllocator, type BaseView } from '../types.js';
import type { RichText } from '../common/schema.js';
import type { QuyetDinh } from './schema.js';

/**
 * A paragraph of rich text (docs/rich-text.md) printed as content blocks instead of the template's own
 * paragraph: the head as a bold lead ("Điều 1.", a titled "1. Tên khoản") or as a list marker ("1.", "a)").
 */
type RichParagraph = { blocks: BlockView[] };
type PointView = { label: string; text: string; richText?: RichParagraph };
/** inline: text on the head's line; after: text in the paragraph below a titled head; '' when none. */
type ClauseView = { head: string; bold: boolean; inline: string; after: string; richInline?: RichParagraph; richAfter?: RichParagraph; points: PointView[] };
type ArticleView = { head: string; inline: string; after: string; richInline?: RichParagraph; richAfter?: RichParagraph; clauses: ClauseView[]; points: PointView[] };

/** The articles while they are built: their texts rich, before closeArticles and the templates' shape. */
type PointDraft = { label: string; text: RichView };
type ClauseDraft = { head: string; bold: boolean; inline: RichView; after: RichView; points: PointDraft[] };
type ArticleDraft = { head: string; inline: RichView; after: RichView; clauses: ClauseDraft[]; points: PointDraft[] };

export type QuyetDinhView = BaseView & {
  main: {
    page: string;
    header: HeaderView;
    title: TitleView;
    authorityLine: string;
    bases: string[];
    proposal?: string;
    decides: string;
    articles: ArticleView[];
    signature: SignatureView;
  };
  appendices: (AppendixView & { page: string })[];
  attachment?: {
    page: string;
    header: { parentLines: string[]; agencyLines: string[] };
    title: TitleView;
    issuedLine: string;
    blocks: BlockView[];
    /** The PDF's notes of the attached document's paragraphs (the DOCX makes Word footnotes of them). */
    footnotes: FootnoteView[];
    appendices: (AppendixView & { page: string })[];
  };
};

export const TYPE_NAME = 'Quyết định';
export const TYPE_ABBR = 'QĐ';

const points = (ps: { text: RichText }[] | undefined): PointDraft[] =>
  (ps ?? []).map((p, i) => ({ label: `${diemLetter(i)})`, text: richView(p.text) }));

const NONE: RichView = { text: '' };
const close = (v: RichView): RichView => richEdit(v, closeBody);

/** Puts "./." after the last sentence of the articles. */
function closeArticles(articles: ArticleDraft[]): void {
  const a = articles[articles.length - 1];
  if (!a) return;
  const lastPoint = (ps: PointDraft[]) => ps[ps.length - 1];
  const ap = lastPoint(a.points);
  if (ap) return void (ap.text = close(ap.text));
  const c = a.clauses[a.clauses.length - 1];
  if (c) {
    const cp = lastPoint(c.points);
    if (cp) cp.text = close(cp.text);
    else if (c.after.text) c.after = close(c.after);
    else if (c.inline.text) c.inline = close(c.inline);
    else c.head = closeBody(c.head);
    return;
  }
  if (a.after.text) a.after = close(a.after);
  else if (a.inline.text) a.inline = close(a.inline);
}

const para = (v: RichView, lead?: string): RichParagraph => ({
  blocks: [{ kind: 'paragraph', ...(lead ? { lead } : {}), ...v, italic: false, align: 'justify' }],
});
const item = (marker: string, v: RichView): RichParagraph => ({ blocks: [{ kind: 'list', items: [{ marker, ...v, level: 0 }] }] });

/** The templates' shape: the whole texts, and a rich paragraph beside each text given in runs. */
const pointView = (p: PointDraft): PointView => ({ label: p.label, text: p.text.text, ...(p.text.runs ? { richText: item(p.label, p.text) } : {}) });
const inlineAfter = (head: string, bold: boolean, inline: RichView, after: RichView) => ({
  inline: inline.text,
  after: after.text,
  ...(inline.runs ? { richInline: bold ? para(inline, head) : item(head, inline) } : {}),
  ...(after.runs ? { richAfter: para(after) } : {}),
});

export function view(d: QuyetDinh): QuyetDinhView {
  const alloc = pageAllocator();
  const date = mustDate(d.date);
  const year = d.normative ? date.year : undefined;
  const kh = kyHieu({ ...(year !== undefined ? { year } : {}), number: d.number, typeAbbreviation: TYPE_ABBR, agencyAbbreviation: d.agency.abbreviation });
  const issuer = d.attachment?.issuedBy ?? d.agency.name;
  const decisionRef = `${TYPE_NAME} số ${kh} ${formatDate(date)} của ${issuer}`;

  const drafts: ArticleDraft[] = d.articles.map((a, i) => {
    const text = a.text === undefined ? NONE : richView(a.text);
    return {
      head: a.title ? `Điều ${i + 1}. ${bare(a.title)}` : `Điều ${i + 1}.`,
      inline: a.title ? NONE : text,
      after: a.title ? text : NONE,
      clauses: (a.clauses ?? []).map((c, j) => {
        const t = c.text === undefined ? NONE : richView(c.text);
        return {
          head: c.title ? `${j + 1}. ${bare(c.title)}` : `${j + 1}.`,
          bold: c.title !== undefined,
          inline: c.title ? NONE : t,
          after: c.title ? t : NONE,
          points: points(c.points),
        };
      }),
      points: points(a.points),
    };
  });
  closeArticles(drafts);
  const articles: ArticleView[] = drafts.map((a) => ({
    head: a.head,
    ...inlineAfter(a.head, true, a.inline, a.after),
    clauses: a.clauses.map((c) => ({ head: c.head, bold: c.bold, ...inlineAfter(c.head, c.bold, c.inline, c.after), points: c.points.map(pointView) })),
    points: a.points.map(pointView),
  }));

  const main = {
    page: alloc.next(),
    header: headerView({
      agency: d.agency,
      number: d.number,
      typeAbbreviation: TYPE_ABBR,
      place: d.place,
      date: d.date,
      urgency: d.urgency,
      secrecy: d.secrecy,
      ...(year !== undefined ? { year } : {}),
    }),
    title: titleView(TYPE_NAME, d.summary),
    authorityLine: upper(d.issuingAuthority ?? d.agency.name),
    bases: punctuate(d.bases, d.proposal ? ';' : '.'),
    // "Xét đề nghị ...," by default; the author's own ending ("Theo đề nghị của Bộ trưởng Bộ Nội vụ.") is kept.
    ...(d.proposal ? { proposal: /[.,;:]$/u.test(d.proposal.trim()) ? d.proposal.trim() : `${bare(d.proposal)},` } : {}),
    decides: 'QUYẾT ĐỊNH:',
    articles,
    signature: signatureView(d.signer, d.recipients),
  };

  const withPages = (list: AppendixView[]) => list.map((a) => ({ ...a, page: alloc.next(a.orientation) }));
  const appendices = withPages(appendicesView(appendixInputs(d.appendices), `(Kèm theo ${decisionRef})`));

  let attachment: QuyetDinhView['attachment'];
  if (d.attachment) {
    const att = d.attachment;
    const page = alloc.next();
    const blocks = blocksView(att.body, { close: true });
    attachment = {
      page,
      header: agencyLines(d.agency),
      title: titleView(att.typeName, att.summary),
      issuedLine: att.reference ? att.reference.replace(/\s*\n\s*/g, ' ') : `(Ban hành kèm theo ${decisionRef})`,
      blocks,
      footnotes: footnotesOf(blocks),
      appendices: withPages(
        appendicesView(appendixInputs(att.appendices), `(Kèm theo ${att.typeName} ban hành kèm theo ${decisionRef})`),
      ),
    };
  }

  return {
    meta: documentMeta({
      typeName: TYPE_NAME,
      typeAbbreviation: TYPE_ABBR,
      agency: d.agency,
      number: d.number,
      date: d.date,
      summary: d.summary,
      ...(year !== undefined ? { year } : {}),
      keywords: ['quyết định', ...(d.attachment ? [d.attachment.typeName.toLowerCase()] : [])],
    }),
    pages: alloc.pages,
    main,
    appendices,
    ...(attachment ? { attachment } : {}),
  };
}
