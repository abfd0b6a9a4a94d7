/** One polite live region for the whole page: what a keyboard or screen-reader user did, and what came of it. */
let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(message: string): void {
  const el = document.getElementById('announcer');
  if (!el) return;
  // Cleared first, so the same message said twice is read twice.
  el.textContent = '';
  clearTimeout(timer);
  timer = setTimeout(() => {
    el.textContent = message;
  }, 50);
}
