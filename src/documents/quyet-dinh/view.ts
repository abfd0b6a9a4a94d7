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
  signatureView,
  titleView,
  type AppendixView,
  type BlockView,
  type FootnoteView,
  type HeaderView,
  type SignatureView,
  type TitleView,
} from '../common/view.js';
import { pageAllocator, type BaseView } from '../types.js';
import type { QuyetDinh } from './schema.js';

type PointView = { label: string; text: string };
/** inline: text on the head's line; after: text in the paragraph below a titled head; '' when none. */
type ClauseView = { head: string; bold: boolean; inline: string; after: string; points: PointView[] };
type ArticleView = { head: string; inline: string; after: string; clauses: ClauseView[]; points: PointView[] };

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

const points = (ps: { text: string }[] | undefined): PointView[] =>
  (ps ?? []).map((p, i) => ({ label: `${diemLetter(i)})`, text: p.text }));

/** Puts "./." after the last sentence of the articles. */
function closeArticles(articles: ArticleView[]): void {
  const a = articles[articles.length - 1];
  if (!a) return;
  const lastPoint = (ps: PointView[]) => ps[ps.length - 1];
  const ap = lastPoint(a.points);
  if (ap) return void (ap.text = closeBody(ap.text));
  const c = a.clauses[a.clauses.length - 1];
  if (c) {
    const cp = lastPoint(c.points);
    if (cp) cp.text = closeBody(cp.text);
    else if (c.after) c.after = closeBody(c.after);
    else if (c.inline) c.inline = closeBody(c.inline);
    else c.head = closeBody(c.head);
    return;
  }
  if (a.after) a.after = closeBody(a.after);
  else if (a.inline) a.inline = closeBody(a.inline);
}

export function view(d: QuyetDinh): QuyetDinhView {
  const alloc = pageAllocator();
  const date = mustDate(d.date);
  const year = d.normative ? date.year : undefined;
  const kh = kyHieu({ ...(year !== undefined ? { year } : {}), number: d.number, typeAbbreviation: TYPE_ABBR, agencyAbbreviation: d.agency.abbreviation });
  const issuer = d.attachment?.issuedBy ?? d.agency.name;
  const decisionRef = `${TYPE_NAME} số ${kh} ${formatDate(date)} của ${issuer}`;

  const articles: ArticleView[] = d.articles.map((a, i) => ({
    head: a.title ? `Điều ${i + 1}. ${bare(a.title)}` : `Điều ${i + 1}.`,
    inline: a.title ? '' : (a.text ?? ''),
    after: a.title ? (a.text ?? '') : '',
    clauses: (a.clauses ?? []).map((c, j) => ({
      head: c.title ? `${j + 1}. ${bare(c.title)}` : `${j + 1}.`,
      bold: c.title !== undefined,
      inline: c.title ? '' : (c.text ?? ''),
      after: c.title ? (c.text ?? '') : '',
      points: points(c.points),
    })),
    points: points(a.points),
  }));
  closeArticles(articles);

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
