/**
 * HTML side: Handlebars templates compiled once at start-up. templates/_shared/html holds the national-format
 * partials (header, title, signature, content blocks, appendix) and the print CSS; templates/<id>/document.hbs
 * holds each type's layout. Page rules (size, orientation, numbering per section) come from the view's pages.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { BaseView } from '../documents/types.js';
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

export type HtmlRenderer = { render(id: string, view: BaseView): string; has(id: string): boolean };

export function createHtmlRenderer(ids: string[], templatesDir: string = TEMPLATES_DIR): HtmlRenderer {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  const shared = path.join(templatesDir, '_shared', 'html');
  for (const name of ['header', 'title', 'signature', 'blocks', 'appendix', 'footnotes', 'kinhgui', 'standard']) {
    hb.registerPartial(name, hb.compile(readFileSync(path.join(shared, `${name}.hbs`), 'utf8'), { strict: false }));
  }
  const baseCss = readFileSync(path.join(shared, 'base.css'), 'utf8');
  const layout = hb.compile(readFileSync(path.join(shared, 'layout.hbs'), 'utf8'));
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const id of ids) {
    const file = path.join(templatesDir, id, 'document.hbs');
    if (!existsSync(file)) throw new Error(`missing HTML template ${file}`);
    templates.set(id, hb.compile(readFileSync(file, 'utf8')));
  }
  return {
    has: (id) => templates.has(id),
    render(id, view) {
      const t = templates.get(id);
      if (!t) throw new Error(`no HTML template for ${id}`);
      const content = t(view, { allowProtoPropertiesByDefault: false });
      return layout({ meta: view.meta, pages: view.pages, fontCss, baseCss, content });
    },
  };
}
