/**
 * Footnotes at the foot of the page that holds their mark, as Word and Decree 30 documents print them.
 *
 * Chromium has no `float: footnote` and paginates only when it prints, so before printing a document with
 * footnotes (HtmlDoc.footnotePages set), fillAndPrint runs this pass in the page. For each section holding a
 * mark it lays the section out as a multicol container of columns the size of a printed page's content box
 * (html.ts printedContentBox): Chromium's own fragmentation engine then breaks the columns where it breaks
 * printed pages (orphans and widows, break-inside: avoid on blocks and rows, break-after: avoid), so column k is
 * page k of the section. Page by page, up to the last page with a mark, the pass turns each break into an
 * explicit one (`.fn-break`), so that the printed pages are exactly the columns it measured:
 *
 * - a page with no mark ends where Chromium broke the column;
 * - a page with marks is laid out again with its notes' area (a short rule and the notes at 10 pt) at its top,
 *   so that Chromium breaks it for the height left; the area then moves to the foot, after the last line, with
 *   a margin-top that takes it to the bottom of the page.
 *
 * A break between two blocks becomes `.fn-break` on the second; a break between two lines of a paragraph splits
 * the paragraph there (the first half keeps justification on its last line, the second has no first-line
 * indent); a break between table rows splits the table, the second part with a copy of the header row, as
 * Chromium repeats it on a printed page (it does not repeat it in columns, which is one reason every break up
 * to the last mark is made explicit). The margin that an unforced break would have truncated is dropped.
 * Columns are one px shorter than the page, so that every page laid out here fits the printed page.
 *
 * A mark whose line no longer fits above the notes moves with its line to the next page, and its note with it
 * (a note is never continued on the next page, as Word may do): the page is laid out once more with that line
 * taller than a page, so that Chromium ends the page just before it, with its orphans and widows. What the
 * pass cannot split (a break inside a table row taller than a page, inside a table with a row span across the
 * break, or inside any other block) ends the pass for that section: its remaining notes stay at the end of the
 * section, as the template prints them, and so does a note too tall to share a page with its line.
 */
import type { Page } from 'puppeteer-core';
import type { PageBox } from '../html.js';

/**
 * What the pass did: notes set at the foot of a page, notes left at the end of their section, and the errors
 * that stopped it in a section (the section then prints as far as the pass got, its other notes at its end).
 */
export type FootnoteResult = { placed: number; left: number; errors: string[] };

/**
 * The pass itself, run in the page (it is serialised: it may use nothing from this module). `boxes` gives the
 * content box of each named page; a section's page is its computed `page`.
 */
function paginate(boxes: Record<string, PageBox>): FootnoteResult {
  /** px kept free at the foot of every page laid out here, for rounding between this layout and the print's. */
  const SLACK = 1;
  type Break =
    | { kind: 'before'; el: Element }
    | { kind: 'line'; el: HTMLElement; node: Text; offset: number }
    | { kind: 'row'; el: HTMLTableElement; row: HTMLTableRowElement }
    | { kind: 'end' }
    | { kind: 'unsupported' };
  const result: FootnoteResult = { placed: 0, left: 0, errors: [] };

  for (const section of Array.from(document.querySelectorAll<HTMLElement>('section.vb-section'))) {
    const box = boxes[getComputedStyle(section).getPropertyValue('page')];
    const store = section.querySelector<HTMLElement>(':scope > .footnotes');
    const notes = new Map(Array.from(store?.querySelectorAll<HTMLElement>('p.fn[data-fn]') ?? []).map((p) => [p.dataset.fn, p]));
    let pending = Array.from(section.querySelectorAll<HTMLElement>('.fn-mark[data-fn]')).filter((m) => notes.has(m.dataset.fn));
    if (!box || !store || pending.length === 0) continue;

    const storeAt = store.nextSibling;
    store.remove();
    try {
      section.style.setProperty('--fn-width', `${box.width}px`);
      section.style.setProperty('--fn-height', `${box.height - SLACK}px`);
      section.classList.add('fn-paginating');
      const pageHeight = box.height - SLACK;
      const pitch = box.width + parseFloat(getComputedStyle(section).columnGap);
      const origin = section.getBoundingClientRect();
      const colOf = (r: DOMRect) => Math.floor((r.left - origin.left + (pitch - box.width) / 2) / pitch);
      const cols = (el: Element | Range) => Array.from(el.getClientRects()).map(colOf);
      const firstCol = (el: Element) => cols(el)[0] ?? -1;

      /** The first visible character of a text node at or after `from`, and its column. */
      const charAt = (node: Text, from: number): { i: number; col: number } | undefined => {
        const r = document.createRange();
        for (let i = from; i < node.length; i++) {
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const c = cols(r)[0];
          if (c !== undefined) return { i, col: c };
        }
        return undefined;
      };

      /** Where a paragraph that runs past column k goes on to column k + 1: its first character there. */
      const lineBreak = (el: HTMLElement, k: number): Break => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let first = true;
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const range = document.createRange();
          range.selectNodeContents(n);
          const c = cols(range);
          if (c.length === 0) continue;
          if ((c.at(-1) ?? k) > k) {
            // binary search over the node for the first visible character past column k
            let lo = 0;
            let hi = n.length;
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              const ch = charAt(n, mid);
              if (!ch || ch.col > k) hi = mid;
              else lo = ch.i + 1;
            }
            const ch = charAt(n, lo);
            if (!ch) return { kind: 'unsupported' };
            if (first && c[0]! > k && (charAt(n, 0)?.i ?? 0) === ch.i) return { kind: 'before', el };
            return { kind: 'line', el, node: n, offset: ch.i };
          }
          first = false;
        }
        return { kind: 'unsupported' };
      };

      /** Where a table that runs past column k goes on to column k + 1: a row, if no row span crosses it. */
      const rowBreak = (el: HTMLTableElement, k: number): Break => {
        const body = el.tBodies[0];
        if (el.tBodies.length !== 1 || !body || getComputedStyle(el).tableLayout !== 'fixed') return { kind: 'unsupported' };
        const rows = Array.from(body.rows);
        const i = rows.findIndex((r) => firstCol(r) > k);
        if (i < 0 || rows.slice(0, i).some((r) => (cols(r).at(-1) ?? k) > k)) return { kind: 'unsupported' };
        if (i === 0) return { kind: 'before', el };
        const spans = rows.slice(0, i).some((r, j) => Array.from(r.cells).some((c) => j + c.rowSpan > i));
        return spans ? { kind: 'unsupported' } : { kind: 'row', el, row: rows[i]! };
      };

      /** Where column k + 1 begins, looking from `from` (the first block of column k) on. */
      const breakAfter = (from: Element, k: number): Break => {
        for (let el: Element | null = from; el; el = el.nextElementSibling) {
          const c = cols(el);
          if (c.length === 0) continue;
          if (c[0]! > k) return { kind: 'before', el };
          if (c.at(-1)! <= k) continue;
          if (el instanceof HTMLParagraphElement) return lineBreak(el, k);
          if (el instanceof HTMLTableElement) return rowBreak(el, k);
          return { kind: 'unsupported' };
        }
        return { kind: 'end' };
      };

      /** Makes a break explicit; returns the block that now begins the next page (null at the section's end). */
      const split = (b: Break): Element | null => {
        let next: Element | null = null;
        if (b.kind === 'before') next = b.el;
        else if (b.kind === 'line') {
          const tail = b.el.cloneNode(false) as HTMLElement;
          const r = document.createRange();
          r.setStart(b.node, b.offset);
          r.setEnd(b.el, b.el.childNodes.length);
          tail.append(r.extractContents());
          b.el.after(tail);
          // the line that ended the page was justified unless it ended at a newline of the text
          if (getComputedStyle(b.el).textAlign === 'justify' && !/\n[^\S\n]*$/u.test(b.el.textContent ?? '')) b.el.style.textAlignLast = 'justify';
          b.el.classList.add('fn-head');
          tail.classList.add('fn-tail');
          next = tail;
        } else if (b.kind === 'row') {
          const rest = b.el.cloneNode(false) as HTMLTableElement;
          for (const part of Array.from(b.el.children)) if (part.tagName === 'COLGROUP' || part.tagName === 'THEAD') rest.append(part.cloneNode(true));
          const body = b.row.parentElement!.cloneNode(false) as HTMLElement;
          for (let r: Element | null = b.row; r; ) {
            const n: Element | null = r.nextElementSibling;
            body.append(r);
            r = n;
          }
          rest.append(body);
          b.el.after(rest);
          b.el.classList.add('fn-end');
          next = rest;
        }
        next?.classList.add('fn-break', 'fn-top');
        return next;
      };

      /** The notes' area for some marks: the rule and copies of their notes (the store keeps the originals). */
      const area = (marks: HTMLElement[]): HTMLElement => {
        const a = document.createElement('div');
        a.className = 'fn-area';
        const rule = document.createElement('div');
        rule.className = 'fn-rule';
        a.append(rule, ...marks.map((m) => notes.get(m.dataset.fn)!.cloneNode(true)));
        return a;
      };

      /**
       * Lays page k out (start is its first block) with the notes of the first i marks on it at its top, and
       * the line of mark i, if any, taller than a page, so that Chromium breaks the page before that line
       * (with its orphans and widows). Says where the page breaks then and which of the marks stay on it.
       */
      const tryNotes = (start: Element, k: number, here: HTMLElement[], i: number): { brk: Break; on: HTMLElement[] } => {
        const a = i > 0 ? area(here.slice(0, i)) : undefined;
        const forced = start.classList.contains('fn-break');
        if (a) {
          start.classList.remove('fn-break');
          if (forced) a.classList.add('fn-break');
          start.before(a);
        }
        const tall = here[i];
        tall?.style.setProperty('display', 'inline-block');
        tall?.style.setProperty('height', `${pageHeight + 1}px`);
        try {
          return { brk: breakAfter(a ?? start, k), on: here.filter((m) => firstCol(m) === k) };
        } finally {
          tall?.style.removeProperty('display');
          tall?.style.removeProperty('height');
          if (a) {
            a.remove();
            if (forced) start.classList.add('fn-break');
          }
        }
      };

      let start: Element | null = section.firstElementChild;
      let k = 0;
      while (start && pending.length > 0) {
        const here = pending.filter((m) => firstCol(m) === k);
        let brk: Break;
        let placed: HTMLElement[] = [];
        if (here.length === 0) brk = breakAfter(start, k);
        else {
          // All the notes of the page's marks if they fit with their marks; else the marks that no longer fit
          // move with their lines to the next page: the first i stay (marks follow the layout's order), and
          // the page ends before the line of mark i.
          const empty = (b: Break) => b.kind === 'before' && b.el === start;
          let i = here.length;
          let t = tryNotes(start, k, here, i);
          while (i > 0 && (empty(t.brk) || t.on.length < i)) {
            i = !empty(t.brk) && t.on.length > 0 ? t.on.length : i - 1;
            t = tryNotes(start, k, here, i);
          }
          if (empty(t.brk)) {
            // nothing of the page would be left on it: the first mark's note is taller than a page can hold
            // beside its line, and stays at the end of the section
            pending = pending.filter((m) => m !== here[0]);
            continue;
          }
          brk = t.brk;
          placed = here.slice(0, i);
        }
        // a page left empty would mean that this layout and the explicit breaks disagree: stop there
        if (brk.kind === 'unsupported' || (brk.kind === 'before' && brk.el === start)) break;
        const next = split(brk);
        if (placed.length > 0) {
          const a = area(placed);
          if (next) next.before(a);
          else section.append(a);
          const before = a.previousElementSibling;
          if (before && !before.classList.contains('fn-head')) before.classList.add('fn-end');
          // to the foot of the page, a quarter px short so that rounding cannot push it onto the next column
          const r = a.getBoundingClientRect();
          a.style.marginTop = `${Math.max(0, pageHeight - (r.top - origin.top) - r.height - 0.25)}px`;
          for (const m of placed) notes.get(m.dataset.fn)!.remove();
          result.placed += placed.length;
          pending = pending.filter((m) => !placed.includes(m));
        }
        start = next;
        k += 1;
      }
    } catch (e) {
      result.errors.push(e instanceof Error ? e.message : String(e));
    } finally {
      section.classList.remove('fn-paginating');
      section.style.removeProperty('--fn-width');
      section.style.removeProperty('--fn-height');
      // the notes not placed stay at the end of the section, where the template put them
      const left = store.querySelectorAll('p.fn').length;
      result.left += left;
      if (left > 0) section.insertBefore(store, storeAt);
    }
  }
  return result;
}

/**
 * The pass as an expression, built from the function's own text so that it is type-checked with this module.
 * tsx (npm run dev, the benchmarks, golden, fidelity) compiles with esbuild's keepNames, which wraps nested
 * functions in a `__name` helper that the page does not have, so the expression defines it.
 */
const PASS = `(boxes) => { const __name = (f) => f; return (${paginate.toString()})(boxes); }`;

/** Sets every footnote of the filled page at the foot of its mark's page (one evaluate). */
export async function placeFootnotes(page: Page, boxes: Record<string, PageBox>): Promise<FootnoteResult> {
  return (await page.evaluate(`(${PASS})(${JSON.stringify(boxes)})`)) as FootnoteResult;
}
