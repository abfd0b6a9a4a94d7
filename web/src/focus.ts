import { useEffect, useRef } from 'react';

/** The first view of a page load leaves the focus where the browser put it (the skip link comes first). */
let initialView = true;

/**
 * A view's heading takes the focus when the view opens (as a page change would), so a screen reader reads
 * where the person is; `ready` delays it until the heading is there.
 */
export function useHeadingFocus<T extends HTMLElement>(ready = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!ready) return;
    if (initialView) {
      initialView = false;
      return;
    }
    ref.current?.focus();
  }, [ready]);
  return ref;
}
