/**
 * HTML side: Handlebars templates compiled once at start-up. templates/_shared/html holds the national-format
 * partials (header, title, signature, content blocks, appendix) and the print CSS; templates/<id>/document.hbs
 * holds each type's layout. Page rules (size, orientation, numbering per section) come from the view's pages.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { BaseView, PageSection } from '../documents/types.js';
import { braceLayout } from './brace.js';
import { FONT_FILES } from './fonts.js';
import { TEMPLATES_DIR } from './paths.js';

/** The origin the page loads fonts from; the PDF renderer answers it from memory and blocks everything else. */
export const FONT_ORIGIN = 'https://fonts.vanban.invalid';

const fontCss = (
  [
    ['regular', 'normal', 'normal'],
    ['bold', 'bold', 'normal'],
    ['italic', 'normal', 'italic'],
    ['boldItalic', 'bold', 'italic'],
  ] as const
)
  .map(
    ([k, weight, style]) =>
      `@font-face { font-family: "VB Serif"; src: url("${FONT_ORIGIN}/${FONT_FILES[k]}") format("truetype"); font-weight: ${weight}; font-style: ${style}; font-display: block; }`,
  )
  .join('\n');

/** The printed page: A4, and the margins of Nghị định 30 (top, right, bottom, left). */
const A4_MM = { width: 210, height: 297 };
export const PAGE_MARGINS_MM = { top: 20, right: 15, bottom: 20, left: 30 } as const;
const PX_PER_MM = 96 / 25.4;

/** A page's content box in CSS px. */
export type PageBox = { width: number; height: number };

/**
 * The content box Chromium lays a printed page out in, in CSS px: the page and each margin rounded down to
 * whole px (A4 portrait 624 x 972, not 623.6 x 971.3), as found by printing probes (tests/integration/footnotes.test.ts
 * checks it against the Chromium in use). The footnote pass paginates in boxes of this size.
 */
export function printedContentBox(orientation: PageSection['orientation']): PageBox {
  const [w, h] = orientation === 'landscape' ? [A4_MM.height, A4_MM.width] : [A4_MM.width, A4_MM.height];
  const px = (mm: number) => Math.floor(mm * PX_PER_MM);
  const m = PAGE_MARGINS_MM;
  return { width: px(w) - px(m.left) - px(m.right), height: px(h) - px(m.top) - px(m.bottom) };
}

/**
 * A document as the PDF pool prints it: the shell page keeps fonts and base CSS; these parts change.
 * `footnotePages`, only on a document with footnotes, gives the content box of each named page for the pass
 * that sets every footnote at the foot of its mark's page (pdf/footnotes.ts).
 */
export type HtmlDoc = { title: string; pageCss: string; body: string; footnotePages?: Record<string, PageBox> };

/** How blocks.hbs opens a footnote mark: a body holding none needs no footnote pass. */
const FOOTNOTE_MARK = '<span class="fn-mark"';

export type HtmlRenderer = {
  render(id: string, view: BaseView): HtmlDoc;
  /** The page every render starts from: fonts, base CSS, a Content-Security-Policy that forbids everything else. */
  shell(): string;
  /** A whole standalone HTML document (the benchmark's floor, debugging). */
  full(doc: HtmlDoc): string;
  has(id: string): boolean;
};

export function createHtmlRenderer(ids: string[], templatesDir: string = TEMPLATES_DIR): HtmlRenderer {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  // A group of Nơi nhận lines under one note: the widths of brace.ts, as the DOCX has them.
  hb.registerHelper('brace', (g: { lines: string[]; note: string }) => {
    const l = braceLayout(g.lines, g.note);
    const pt = (x: number) => `${x.toFixed(2)}pt`;
    return { ...g, viewBox: l.viewBox, em: l.em, linesStyle: `width: ${pt(l.linesPt)}`, braceStyle: `width: ${pt(l.inkPt)}; margin: 0 ${pt(l.bracePt - l.leftPt - l.inkPt)} 0 ${pt(l.leftPt)}` };
  });
  const shared = path.join(templatesDir, '_shared', 'html');
  for (const name of ['header', 'title', 'signature', 'blocks', 'runs', 'appendix', 'footnotes', 'kinhgui', 'standard']) {
    hb.registerPartial(name, hb.compile(readFileSync(path.join(shared, `${name}.hbs`), 'utf8'), { strict: false }));
  }
  const baseCss = readFileSync(path.join(shared, 'base.css'), 'utf8');
  const layout = hb.compile(readFileSync(path.join(shared, 'layout.hbs'), 'utf8'));
  const pagesCss = hb.compile(readFileSync(path.join(shared, 'pages.hbs'), 'utf8'));
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const id of ids) {
    const file = path.join(templatesDir, id, 'document.hbs');
    if (!existsSync(file)) throw new Error(`missing HTML template ${file}`);
    templates.set(id, hb.compile(readFileSync(file, 'utf8')));
  }
  const margin = `${PAGE_MARGINS_MM.top}mm ${PAGE_MARGINS_MM.right}mm ${PAGE_MARGINS_MM.bottom}mm ${PAGE_MARGINS_MM.left}mm`;
  const full = (doc: HtmlDoc) => layout({ ...doc, fontCss, baseCss, fontOrigin: FONT_ORIGIN });
  const shell = full({ title: 'vanban', pageCss: '', body: '' });
  return {
    has: (id) => templates.has(id),
    shell: () => shell,
    full,
    render(id, view) {
      const t = templates.get(id);
      if (!t) throw new Error(`no HTML template for ${id}`);
      const body = t(view);
      const doc: HtmlDoc = { title: view.meta.title, pageCss: pagesCss({ pages: view.pages, margin }), body };
      if (body.includes(FOOTNOTE_MARK)) doc.footnotePages = Object.fromEntries(view.pages.map((p) => [p.name, printedContentBox(p.orientation)]));
      return doc;
    },
  };
}
