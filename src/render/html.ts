/**
 * HTML side: Handlebars templates compiled once at start-up. templates/_shared/html holds the national-format
 * partials (header, title, signature, content blocks, appendix) and the print CSS; templates/<id>/document.hbs
 * holds each type's layout. Page rules (size, orientation, numbering per section) come from the view's pages.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { BaseView } from '../documents/types.js';
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

/** A document as the PDF pool prints it: the shell page keeps fonts and base CSS; these parts change. */
export type HtmlDoc = { title: string; pageCss: string; body: string };

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
  for (const name of ['header', 'title', 'signature', 'blocks', 'appendix', 'footnotes', 'kinhgui', 'standard']) {
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
  const full = (doc: HtmlDoc) => layout({ ...doc, fontCss, baseCss, fontOrigin: FONT_ORIGIN });
  const shell = full({ title: 'vanban', pageCss: '', body: '' });
  return {
    has: (id) => templates.has(id),
    shell: () => shell,
    full,
    render(id, view) {
      const t = templates.get(id);
      if (!t) throw new Error(`no HTML template for ${id}`);
      return { title: view.meta.title, pageCss: pagesCss({ pages: view.pages }), body: t(view) };
    },
  };
}
