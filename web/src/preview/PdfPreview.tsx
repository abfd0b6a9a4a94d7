/**
 * The preview pane's PDF (issue 17): pdf.js pages (viewer.ts, loaded when the preview is first seen, so the page's
 * first script stays small) that keep their place when a new PDF replaces the old, the page number with "Trang
 * trước" / "Trang sau" and "Phóng to", one page at a time on a narrow screen (where the composer shows one pane at
 * a time), and a click on a line of the PDF that focuses the form field it was printed from (locate.ts finds it by
 * its text; a folded row is unfolded first, then Composer's goTo brings it into view and focuses it).
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { announce } from '../announce.js';
import { fieldId, parsePath } from '../problems.js';
import { locate, stringLeaves, type Picked } from './locate.js';
import type { PageState, PdfViewer } from './viewer.js';
import './preview.css';

/** "Phóng to": twice the width of the pane (a phone's 8-pixel print becomes 16). */
const ZOOM = 2;

/** The composer's own breakpoint for one pane at a time (styles.css). */
const NARROW = '(max-width: 960px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const m = window.matchMedia(NARROW);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}

/** Resolves once the element has a width: the preview pane shown (a phone shows the form alone at first). */
function shown(el: HTMLElement): Promise<void> {
  if (el.clientWidth > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const watch = new ResizeObserver(() => {
      if (el.clientWidth === 0) return;
      watch.disconnect();
      resolve();
    });
    watch.observe(el);
  });
}

/**
 * Opens the folded rows (theme.tsx RecordEntry: a "…__toggle" button with aria-expanded) that hold the field, each
 * rendered at once so that the next one (and the field) is there.
 */
function unfold(path: string): void {
  const steps = parsePath(path);
  for (let n = 1; n <= steps.length; n++) {
    const toggle = document.getElementById(`${fieldId(steps.slice(0, n))}__toggle`);
    if (toggle?.getAttribute('aria-expanded') === 'false') flushSync(() => toggle.click());
  }
}

export function PdfPreview(props: { pdf: Blob; stale: boolean; title: string; formData: unknown; goTo: (path: string) => void }) {
  const { pdf, stale, title } = props;
  const box = useRef<HTMLDivElement>(null);
  const viewer = useRef<Promise<PdfViewer> | null>(null);
  const [state, setState] = useState<PageState>({ page: 1, pages: 0 });
  const [failed, setFailed] = useState(false);
  const [zoomed, setZoomed] = useState(false);
  const narrow = useNarrow();
  // The latest form data and goTo, for a click handled outside React's render.
  const latest = useRef(props);
  latest.current = props;
  const paged = useRef(narrow);
  paged.current = narrow;

  useEffect(() => {
    let cancelled = false;
    const pick = (p: Picked) => {
      const path = locate(stringLeaves(latest.current.formData), p);
      if (!path) return announce('Dòng này không lấy từ ô nào của biểu mẫu.');
      unfold(path);
      latest.current.goTo(path);
    };
    // pdf.js is fetched when the preview is first seen.
    const el = box.current!;
    viewer.current ??= shown(el)
      .then(() => import('./viewer.js'))
      .then((m) => new m.PdfViewer(el, { paged: paged.current, onState: setState, onPick: pick }));
    void (async () => {
      const v = await viewer.current!;
      const data = new Uint8Array(await pdf.arrayBuffer());
      if (cancelled) return;
      await v.show(data);
      setFailed(false);
    })().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
    };
  }, [pdf]);

  useEffect(() => {
    void viewer.current?.then((v) => v.setPaged(narrow));
  }, [narrow]);

  useEffect(
    () => () => {
      const v = viewer.current;
      viewer.current = null;
      void v?.then((x) => x.destroy());
    },
    [],
  );

  const go = (n: number) => void viewer.current?.then((v) => v.go(n));
  const zoom = () => {
    setZoomed(!zoomed);
    void viewer.current?.then((v) => v.setZoom(zoomed ? 1 : ZOOM));
  };
  const { page, pages } = state;
  return (
    <div className="pdf-preview">
      <div
        ref={box}
        className={`pdf-view${stale ? ' stale' : ''}`}
        role="document"
        aria-label={`Bản xem trước PDF: ${title}`}
        aria-busy={pages === 0}
        tabIndex={0}
      />
      {failed && (
        <p className="pdf-failed" role="alert">
          Trình duyệt không hiển thị được bản xem trước: mở nó trong thẻ mới.
        </p>
      )}
      {pages > 0 && (
        <div className="pdf-bar" role="group" aria-label="Trang của bản xem trước">
          <button type="button" className="btn btn-small" onClick={() => go(page - 1)} disabled={page <= 1}>
            Trang trước
          </button>
          <span className="pdf-page-no" aria-live={narrow ? 'polite' : 'off'}>
            Trang {page}/{pages}
          </span>
          <button type="button" className="btn btn-small" onClick={() => go(page + 1)} disabled={page >= pages}>
            Trang sau
          </button>
          <button type="button" className="btn btn-small" onClick={zoom} aria-pressed={zoomed}>
            Phóng to
          </button>
        </div>
      )}
    </div>
  );
}
