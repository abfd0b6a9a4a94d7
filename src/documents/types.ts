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
   * Whether a document of this type is issued into an agency's register (POST /v1/documents): true unless
   * said otherwise. A type that is not a document an agency signs and sends (the printed register itself)
   * sets false and is refused with 422.
   */
  issuable?: boolean;
  /** Larger size limits than validate.ts's SIZE_LIMITS, for a type that is meant to be long (the register). */
  sizeLimits?: { items?: number; text?: number };
};

/** Whether documents of the type can be issued into a register (DocumentType.issuable, true by default). */
export const isIssuable = (t: DocumentType) => t.issuable !== false;

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
