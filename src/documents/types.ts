import type { z } from 'zod';
import type { DocumentMeta } from './common/view.js';

/** A problem that does not stop a render: a stated figure that disagrees with the computed one, ... */
export type Warning = { path: string; message: string };

/** A named page of the printed document: each section numbers its own pages. */
export type PageSection = { name: string; orientation: 'portrait' | 'landscape' };

/** What every view model carries besides the fields its own templates use. */
export type BaseView = { meta: DocumentMeta; pages: PageSection[] };

export type DocumentType<S extends z.ZodType = z.ZodType, V extends BaseView = BaseView> = {
  /** The catalog id, also the folder name under templates/ and fixtures/. */
  id: string;
  /** Vietnamese title of the type as listed in the catalog. */
  title: string;
  /** Abbreviation from Appendix III (null for a công văn). */
  typeAbbreviation: string | null;
  schema: S;
  /** Computes everything the templates show. Called only with data the schema accepted. */
  view(data: z.infer<S>): V;
  /** Figures stated in the data that disagree with computed ones, and similar advice. */
  warnings?(data: z.infer<S>): Warning[];
  /** The fixture served by GET /v1/templates/:id/example (a file name in fixtures/<id>/). */
  exampleFixture: string;
  /**
   * What the register needs from a document of the type (POST /v1/documents), read from its validated data and
   * its view's meta. A type without it is not a document an agency signs and sends (the printed register
   * itself) and is refused with 422 not_issuable. Most types use standardRegister (common/register.ts).
   */
  register?(data: z.infer<S>, meta: DocumentMeta): RegisterFacts;
  /** Larger size limits than validate.ts's SIZE_LIMITS, for a type that is meant to be long (the register). */
  sizeLimits?: { items?: number; text?: number };
};

/** What the register of outgoing documents records of a document (Nghị định 30, Phụ lục VI). */
export type RegisterFacts = {
  agency: { name: string; abbreviation: string; identifier?: string };
  /** The number given in the data (a number the register has not reached), if any. */
  number?: number;
  /** The date as given: a draft may leave the day or month blank (the register then dates it today). */
  date: string;
  /** "Kế hoạch", and the ký hiệu after the number: "KH-UBND", "2018/QĐ-UBND", "UBND-NC". */
  typeName: string;
  notation: string;
  /** The trích yếu as given in the data, or as the document computes and prints it (a plan, a report). */
  summary: string;
  signer: { name: string; position: string };
  recipients: string[];
  archiveUnit?: string;
  copies?: number;
  /** "Khẩn, Mật": the urgency and secrecy labels, or empty. */
  priority: string;
};

/** Whether documents of the type can be issued into a register (it declares what the register needs). */
export const isIssuable = (t: DocumentType) => t.register !== undefined;

/** Hands out page-section names in document order ("s0", "s1", ...). */
export function pageAllocator(): { next(orientation?: 'portrait' | 'landscape'): string; pages: PageSection[] } {
  const pages: PageSection[] = [];
  return {
    pages,
    next(orientation = 'portrait') {
      const name = `s${pages.length}`;
      pages.push({ name, orientation });
      return name;
    },
  };
}
