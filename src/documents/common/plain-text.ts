/**
 * The plain text of a document's view, for the register's search (issue 15: the archive used to unzip the
 * DOCX it had just written to recover it). Every string a template prints is a string of the view; the keys
 * below hold layout choices and names, not words of the document, and are skipped, and so are the rich forms
 * of a text: `runs` (rich text keeps its whole text beside them, RichView) and a decision's rich paragraphs
 * (richInline, richAfter, richText: the same text as printed instead of inline, after, text), read once.
 */
import type { BaseView } from '../types.js';

const LAYOUT_KEYS = new Set(['meta', 'pages', 'page', 'kind', 'align', 'orientation', 'marker', 'widthMm', 'widthPct', 'level', 'class', 'runs', 'richInline', 'richAfter', 'richText']);

export function plainText(view: BaseView): string {
  const out: string[] = [];
  const stack: unknown[] = [view];
  // Iterative and in document order: a view is as deep as the document's nesting, and the order is the page's.
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.trim()) out.push(v);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v).filter(([k]) => !LAYOUT_KEYS.has(k));
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]![1]);
    }
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}
