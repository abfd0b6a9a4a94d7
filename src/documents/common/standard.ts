/**
 * The standard document: header, tên loại and trích yếu (none for a công văn, which has "V/v" under its Số),
 * optional Kính gửi, a body of content blocks, Nơi nhận and signature, and appendices each numbering its own
 * pages. Every catalog type except the decision builds this view and uses templates/_shared/*\/standard.
 */
import { formatDate } from '../../nd30/dates.js';
import { kyHieu } from '../../nd30/numbering.js';
import type { Secrecy, Urgency } from '../../nd30/priority.js';
import { pageAllocator, type BaseView } from '../types.js';
import type { Agency, Recipients, Signer } from './schema.js';
import {
  appendicesView,
  documentMeta,
  footnotesOf,
  headerView,
  kinhGuiView,
  mustDate,
  signatureView,
  titleView,
  type AppendixInput,
  type AppendixView,
  type BlockView,
  type FootnoteView,
  type HeaderView,
  type KinhGuiView,
  type SignatureView,
  type TitleView,
} from './view.js';

export type StandardView = BaseView & {
  main: {
    page: string;
    header: HeaderView;
    title: TitleView | '';
    kinhGui: KinhGuiView | '';
    blocks: BlockView[];
    footnotes: FootnoteView[];
    signature: SignatureView | '';
  };
  appendices: (AppendixView & { page: string })[];
};

export type StandardInput = {
  /** Type name in sentence case ("Kế hoạch"); null for a công văn. */
  typeName: string | null;
  typeAbbreviation?: string;
  agency: Agency;
  number?: number;
  /** Công văn: the drafting unit in the ký hiệu ("123/UBND-NC"). */
  unitAbbreviation?: string;
  place: string;
  date: string;
  urgency?: Urgency;
  secrecy?: Secrecy;
  summary: string;
  addressees?: string[];
  blocks: BlockView[];
  signer: Signer;
  recipients: Recipients;
  /** Nơi nhận lines before the given ones ("Như trên" for a công văn). */
  leadingRecipients?: string[];
  appendices?: AppendixInput[];
  keywords?: string[];
  /** A legal normative document: its ký hiệu carries the year of its date ("15/2023/NQ-HĐND"). */
  normative?: boolean;
};

export function standardView(p: StandardInput): StandardView {
  const alloc = pageAllocator();
  const date = mustDate(p.date);
  const year = p.normative ? { year: date.year } : {};
  const kh = kyHieu({
    ...year,
    number: p.number,
    typeAbbreviation: p.typeAbbreviation,
    agencyAbbreviation: p.agency.abbreviation,
    unitAbbreviation: p.unitAbbreviation,
  });
  const refName = p.typeName ?? 'Công văn';
  const reference = `(Kèm theo ${refName} số ${kh} ${formatDate(date)} của ${p.agency.name})`;
  const main = {
    page: alloc.next(),
    header: headerView({
      agency: p.agency,
      number: p.number,
      typeAbbreviation: p.typeAbbreviation,
      unitAbbreviation: p.unitAbbreviation,
      place: p.place,
      date: p.date,
      urgency: p.urgency,
      secrecy: p.secrecy,
      ...year,
      ...(p.typeName === null ? { vv: p.summary } : {}),
    }),
    title: p.typeName === null ? ('' as const) : titleView(p.typeName, p.summary),
    kinhGui: kinhGuiView(p.addressees),
    blocks: p.blocks,
    footnotes: footnotesOf(p.blocks),
    signature: signatureView(p.signer, p.recipients, { leadingItems: p.leadingRecipients ?? [] }),
  };
  const appendices = appendicesView(p.appendices ?? [], reference).map((a) => ({ ...a, page: alloc.next(a.orientation) }));
  return {
    meta: documentMeta({
      typeName: refName,
      typeAbbreviation: p.typeAbbreviation,
      agency: p.agency,
      number: p.number,
      unitAbbreviation: p.unitAbbreviation,
      date: p.date,
      summary: p.summary,
      keywords: p.keywords,
      ...year,
    }),
    pages: alloc.pages,
    main,
    appendices,
  };
}
