/**
 * The live PDF preview drawn by pdf.js (issue 17), replacing Chromium's PDF viewer in an iframe, which went back to
 * page 1 at every re-render and which Android's Chrome does not show at all. Loaded on demand (PdfPreview.tsx
 * imports this module when the preview is first seen): pdf.js and its worker are not in the page's first script.
 *
 * - Pages are canvases sized to the device's pixels (sharp on a phone), each under a pdf.js text layer: the text
 *   can be selected, found with Ctrl+F and read by a screen reader (the canvases are aria-hidden). Only the pages
 *   near the visible ones are drawn (a plan runs to 19 pages); the others are blank boxes of the right size.
 * - A new PDF (or a new width) keeps the place: the page at the top of the view and how far down it was are
 *   carried over, and the new pages near that place are drawn before they replace the old ones in one step (no
 *   blank flash, no jump).
 * - Continuous scrolling, fitted to the width; or, on a narrow screen, one page at a time (`setPaged`) with
 *   `go(n)` and a swipe to turn pages; `setZoom` enlarges the pages past the width (scrolled sideways).
 * - A click on a line of text (not a selection) reports the line and the lines above and below it in the same
 *   column (`onPick`): the caller finds the form field it came from (locate.ts).
 */
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';
import type { Picked } from './locate.js';

// One worker for the page's life, bundled from pdfjs-dist by vite (no CDN); every document goes through it.
GlobalWorkerOptions.workerPort = new PdfWorker();

export type PageState = { page: number; pages: number };

type Size = { w: number; h: number };
/** A page's box: its offset in the scrolling box, its height and its scale (each page fits the width on its own). */
type Slot = { el: HTMLDivElement; n: number; top: number; h: number; scale: number; drawn?: Promise<void>; task?: RenderTask };
/** A document laid out at one width. */
type Layout = { doc: PDFDocumentProxy; sizes: Size[]; slots: Slot[] };
/** Where the view is: a page and how far down it (a fraction of its height). */
type Anchor = { page: number; within: number };

/** Space around and between the pages, in CSS pixels. */
const GAP = 8;
/** A horizontal swipe of at least this many pixels turns the page. */
const SWIPE = 60;

export class PdfViewer {
  private layout: Layout | null = null;
  /** A document waiting for the box to have a width (the preview pane is hidden on a phone showing the form). */
  private pending: { doc: PDFDocumentProxy; sizes: Size[] } | null = null;
  private paged = false;
  /** 1: the pages fit the width; more: wider, scrolled sideways too (a phone's small print made readable). */
  private zoom = 1;
  private current = 1;
  /** The newest show() (a newer PDF makes an older one still loading moot). */
  private docGen = 0;
  /** The newest layout being prepared (a newer PDF or width makes an older one moot). */
  private gen = 0;
  private width = 0;
  private resizeTimer = 0;
  private frame = 0;
  private touch: { x: number; y: number } | null = null;
  private readonly observer: IntersectionObserver;
  private readonly resize: ResizeObserver;

  constructor(
    private readonly root: HTMLElement,
    private readonly opts: { paged: boolean; onState: (s: PageState) => void; onPick: (p: Picked) => void },
  ) {
    this.paged = opts.paged;
    root.classList.toggle('paged', this.paged);
    // Pages within a screen's height of the view are drawn ahead of the scrolling.
    this.observer = new IntersectionObserver((entries) => this.onVisible(entries), { root, rootMargin: '100% 0px' });
    this.resize = new ResizeObserver(() => this.onResize());
    this.resize.observe(root);
    root.addEventListener('scroll', this.onScroll, { passive: true });
    root.addEventListener('click', this.onClick);
    root.addEventListener('touchstart', this.onTouchStart, { passive: true });
    root.addEventListener('touchend', this.onTouchEnd, { passive: true });
  }

  /** Shows a new PDF in place of the current one, at the same place. Rejects when pdf.js cannot read it. */
  async show(data: Uint8Array): Promise<void> {
    const mine = ++this.docGen;
    const doc = await getDocument({ data, isEvalSupported: false }).promise;
    if (mine !== this.docGen) return void doc.destroy();
    const sizes: Size[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const v = (await doc.getPage(n)).getViewport({ scale: 1 });
      sizes.push({ w: v.width, h: v.height });
    }
    if (mine !== this.docGen) return void doc.destroy();
    if (this.pending && this.pending.doc !== this.layout?.doc) void this.pending.doc.destroy();
    this.pending = { doc, sizes };
    await this.present(++this.gen);
  }

  /** One page at a time (a phone) or continuous scrolling. */
  setPaged(paged: boolean): void {
    if (paged === this.paged) return;
    this.paged = paged;
    this.root.classList.toggle('paged', paged);
    this.relayout();
  }

  /** Enlarges the pages (1: fitted to the width), at the same place. */
  setZoom(zoom: number): void {
    if (zoom === this.zoom) return;
    this.zoom = zoom;
    this.relayout();
  }

  /** Brings page n into view (the only one shown, when paged). */
  go(n: number): void {
    const l = this.layout;
    if (!l) return;
    const page = Math.min(Math.max(1, n), l.slots.length);
    if (this.paged) {
      this.current = page;
      l.slots.forEach((s) => (s.el.hidden = s.n !== page));
      this.root.scrollTop = 0;
      this.drawAround(l, page);
      this.report();
    } else this.root.scrollTop = l.slots[page - 1]!.top - GAP;
  }

  destroy(): void {
    this.docGen++;
    this.gen++;
    this.observer.disconnect();
    this.resize.disconnect();
    clearTimeout(this.resizeTimer);
    cancelAnimationFrame(this.frame);
    this.root.removeEventListener('scroll', this.onScroll);
    this.root.removeEventListener('click', this.onClick);
    this.root.removeEventListener('touchstart', this.onTouchStart);
    this.root.removeEventListener('touchend', this.onTouchEnd);
    void this.layout?.doc.destroy();
    if (this.pending && this.pending.doc !== this.layout?.doc) void this.pending.doc.destroy();
    this.layout = this.pending = null;
  }

  /** Lays the pending document out at the box's width, draws what will be in view, then swaps it in. */
  private async present(gen: number): Promise<void> {
    const next = this.pending;
    const width = this.root.clientWidth;
    if (!next || width === 0) return;
    // How far across (a fraction) when enlarged; from the left edge, where the lines start, when it was not.
    const across = this.root.scrollWidth > this.root.clientWidth ? this.root.scrollLeft / (this.root.scrollWidth - this.root.clientWidth) : 0;
    const box = document.createElement('div');
    box.className = 'pdf-pages';
    box.style.padding = `${GAP}px 0`;
    let top = GAP;
    const slots = next.sizes.map((s, i): Slot => {
      // Fitted to the width: a landscape page (a plan's table of tasks) as wide as a portrait one.
      const scale = ((width - 2 * GAP) / s.w) * this.zoom;
      const el = document.createElement('div');
      el.className = 'pdf-page';
      el.dataset.page = String(i + 1);
      el.style.width = `${s.w * scale}px`;
      el.style.height = `${s.h * scale}px`;
      el.style.marginBottom = `${GAP}px`;
      el.style.setProperty('--total-scale-factor', String(scale));
      const slot = { el, n: i + 1, top, h: s.h * scale, scale };
      top += slot.h + GAP;
      return slot;
    });
    box.append(...slots.map((s) => s.el));
    const layout: Layout = { doc: next.doc, sizes: next.sizes, slots };
    // The pages that will be in view, drawn before the swap.
    const before = this.place(slots);
    const viewTop = this.paged ? 0 : before.scrollTop;
    const inView = slots.filter((s) => (this.paged ? s.n === before.page : s.top + s.h > viewTop && s.top < viewTop + this.root.clientHeight));
    await Promise.all(inView.map((s) => this.draw(layout, s)));
    // Overtaken by a newer PDF or width (show() disposes of a document never shown).
    if (gen !== this.gen) return;
    // Placed again: the view may have moved while the pages were drawn.
    const { page, scrollTop } = this.place(slots);
    const old = this.layout;
    this.observer.disconnect();
    this.root.replaceChildren(box);
    this.root.scrollTop = scrollTop;
    this.root.scrollLeft = across * (this.root.scrollWidth - this.root.clientWidth);
    this.layout = layout;
    this.pending = null;
    this.width = width;
    this.current = page;
    if (old) {
      old.slots.forEach((s) => s.task?.cancel());
      if (old.doc !== layout.doc) void old.doc.destroy();
    }
    if (this.paged) this.drawAround(layout, page);
    else slots.forEach((s) => this.observer.observe(s.el));
    this.report();
  }

  /** The same document again (a new width, paged or not): laid out anew at the same place. */
  private relayout(): void {
    const l = this.layout;
    if (!l && !this.pending) return;
    if (l && !this.pending) this.pending = { doc: l.doc, sizes: l.sizes };
    void this.present(++this.gen).catch(() => undefined);
  }

  /** Where the place being read is in a new layout: its page (the only one shown, when paged) and the scroll. */
  private place(slots: Slot[]): { page: number; scrollTop: number } {
    const anchor = this.anchor();
    const page = Math.min(anchor.page, slots.length);
    const slot = slots[page - 1]!;
    if (this.paged) slots.forEach((s) => (s.el.hidden = s.n !== page));
    return { page, scrollTop: this.paged ? anchor.within * slot.h : slot.top - GAP + anchor.within * slot.h };
  }

  private anchor(): Anchor {
    const l = this.layout;
    if (!l) return { page: this.current, within: 0 };
    const y = this.root.scrollTop;
    if (this.paged) return { page: this.current, within: Math.min(1, y / l.slots[this.current - 1]!.h) };
    const slot = [...l.slots].reverse().find((s) => s.top - GAP <= y) ?? l.slots[0]!;
    return { page: slot.n, within: Math.max(0, (y - (slot.top - GAP)) / slot.h) };
  }

  /** Draws one page (once per layout): its canvas at the device's pixels, then its text layer. */
  private draw(l: Layout, slot: Slot): Promise<void> {
    slot.drawn ??= (async () => {
      const page = await l.doc.getPage(slot.n);
      const viewport = page.getViewport({ scale: slot.scale });
      const dpr = window.devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * dpr);
      canvas.height = Math.floor(viewport.height * dpr);
      canvas.setAttribute('aria-hidden', 'true');
      slot.task = page.render({ canvas, viewport, transform: dpr === 1 ? undefined : [dpr, 0, 0, dpr, 0, 0] });
      await slot.task.promise;
      const text = document.createElement('div');
      text.className = 'textLayer';
      await new TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
      slot.el.replaceChildren(canvas, text);
    })().catch((e: unknown) => {
      // A page of a document replaced meanwhile: its drawing was cancelled, nothing to show.
      if (this.layout === l || this.pending?.doc === l.doc) throw e;
    });
    return slot.drawn;
  }

  /** When paged: the page shown and the next one (ready for "Trang sau"). */
  private drawAround(l: Layout, page: number): void {
    for (const s of l.slots.slice(page - 1, page + 1)) void this.draw(l, s).catch(() => undefined);
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    const l = this.layout;
    if (!l) return;
    for (const e of entries) if (e.isIntersecting) void this.draw(l, l.slots[Number((e.target as HTMLElement).dataset.page) - 1]!).catch(() => undefined);
  }

  private onResize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = window.setTimeout(() => {
      const width = this.root.clientWidth;
      if (width > 0 && (Math.abs(width - this.width) > 1 || (this.pending && !this.layout))) this.relayout();
    }, 150);
  }

  private readonly onScroll = () => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      const l = this.layout;
      if (!l || this.paged) return;
      // The page under the upper third of the view is the one being read.
      const y = this.root.scrollTop + this.root.clientHeight / 3;
      this.current = ([...l.slots].reverse().find((s) => s.top - GAP <= y) ?? l.slots[0]!).n;
      this.report();
    });
  };

  private report(): void {
    this.opts.onState({ page: this.current, pages: this.layout?.slots.length ?? 0 });
  }

  private readonly onTouchStart = (e: TouchEvent) => {
    const t = e.touches[0];
    // Enlarged pages scroll sideways under the finger instead.
    this.touch = this.paged && this.zoom === 1 && t && e.touches.length === 1 ? { x: t.clientX, y: t.clientY } : null;
  };

  private readonly onTouchEnd = (e: TouchEvent) => {
    const t = e.changedTouches[0];
    const start = this.touch;
    this.touch = null;
    if (!start || !t || !window.getSelection()?.isCollapsed) return;
    const dx = t.clientX - start.x;
    if (Math.abs(dx) >= SWIPE && Math.abs(t.clientY - start.y) < Math.abs(dx) / 2) this.go(this.current + (dx < 0 ? 1 : -1));
  };

  private readonly onClick = (e: MouseEvent) => {
    const span = (e.target as Element).closest?.('.textLayer span:not(.markedContent)');
    if (!span || !window.getSelection()?.isCollapsed) return;
    const lines = linesOf(span.closest('.textLayer')!);
    const i = lines.findIndex((l) => l.spans.includes(span));
    const line = lines[i];
    if (!line) return;
    // The lines just above and below, in the same column.
    const overlaps = (o: Line) => o.left < line.right && o.right > line.left;
    const before = lines.filter((o) => o.bottom <= line.top + 1 && overlaps(o)).at(-1);
    const after = lines.find((o) => o.top >= line.bottom - 1 && overlaps(o));
    this.opts.onPick({ line: line.text, before: before?.text, after: after?.text });
  };
}

type Line = { spans: Element[]; text: string; top: number; bottom: number; left: number; right: number };

/**
 * The text layer's spans grouped into lines as printed: the same height on the page and close together (a gap wider
 * than half a letter is another column: the two halves of a document's header, the cells of a table), top to bottom.
 */
function linesOf(layer: Element): Line[] {
  const boxes = [...layer.querySelectorAll<HTMLElement>('span:not(.markedContent)')]
    // Slanted text (the watermark) is no line.
    .filter((s) => s.textContent?.trim() && !s.style.getPropertyValue('--rotate'))
    .map((s) => ({ s, r: s.getBoundingClientRect() }))
    .sort((a, b) => a.r.top - b.r.top || a.r.left - b.r.left);
  const lines: Line[] = [];
  for (const { s, r } of boxes) {
    const mid = (r.top + r.bottom) / 2;
    const line = lines.find((l) => mid > l.top && mid < l.bottom && r.left - l.right < r.height / 2 && l.left - r.right < r.height / 2);
    if (line) {
      line.spans.push(s);
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, r.right);
    } else lines.push({ spans: [s], text: '', top: r.top, bottom: r.bottom, left: r.left, right: r.right });
  }
  for (const l of lines)
    l.text = l.spans
      .map((s) => ({ s, x: s.getBoundingClientRect().left }))
      .sort((a, b) => a.x - b.x)
      .map((x) => x.s.textContent)
      .join(' ');
  return lines.sort((a, b) => a.top - b.top);
}
