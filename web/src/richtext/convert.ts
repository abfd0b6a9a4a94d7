/**
 * Rich text on the staff page (issue 17, docs/rich-text.md): the conversions behind the editor of RichTextField.tsx,
 * kept free of the DOM so that the unit tests (tests/unit/richtext.test.ts, Node without a DOM) run them as the
 * page does.
 *
 * - Runs ({ text, bold?, italic? }) are the editor's model; a value without any bold or italic is written as a
 *   plain string (a paragraph's `text`, or the string branch of an inline field), so that nothing unformatted
 *   changes shape.
 * - HTML (what the editor holds, and what Word, LibreOffice or a browser put on the clipboard) is read by a small
 *   tolerant tokenizer rather than the browser's DOMParser: the same code runs in the tests, and clipboard HTML
 *   needs no more than tags, attributes, comments and Word's `<![if ...]>` sections. Only bold and italic are
 *   kept (from <b>/<strong>/<i>/<em> and the `font-weight` / `font-style` of a style attribute); fonts, colours,
 *   sizes, links and images are dropped. Paragraphs and list items become "pieces": Word's list paragraphs
 *   (`mso-list:l0 level1 lfo1`, their marker in `<![if !supportLists]>`), real <ul>/<ol>/<li>, and paragraphs
 *   typed with a leading "- " / "+ " (as Vietnamese documents write them) are list items.
 * - Pieces become content blocks (a paragraph block each, consecutive bullet items one `list` block, numbered
 *   items paragraphs that keep their number), or one inline value with the pieces joined by "\n".
 */

export type Run = { text: string; bold?: boolean; italic?: boolean };

/** A paragraph, or one item of a list: bulleted (marker null) or numbered ("1.", "a)"), at a level from 1. */
export type Piece = { kind: 'paragraph'; runs: Run[] } | { kind: 'item'; runs: Run[]; level: number; marker: string | null };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

// ---- runs ------------------------------------------------------------------------------------------------------

const sameLook = (a: Run, b: Run) => !!a.bold === !!b.bold && !!a.italic === !!b.italic;

/** NFC text, empty runs dropped, neighbours of the same look joined, only `true` flags kept. */
export function normalizeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const text = r.text.normalize('NFC');
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && sameLook(last, r)) last.text += text;
    else out.push({ text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}) });
  }
  return out;
}

export const plainOf = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');
export const isFormatted = (runs: readonly Run[]): boolean => runs.some((r) => r.bold || r.italic);

/** The runs a paragraph block holds (its `runs`, else its plain `text`). */
export function runsOfParagraph(value: unknown): Run[] {
  if (!isObj(value)) return [];
  if (Array.isArray(value.runs))
    return normalizeRuns(value.runs.filter(isObj).map((r) => ({ text: typeof r.text === 'string' ? r.text : '', bold: r.bold === true, italic: r.italic === true })));
  return typeof value.text === 'string' ? normalizeRuns([{ text: value.text }]) : [];
}

/** A paragraph block with new content: `text` when nothing is formatted, else `runs`; its other fields kept. */
export function paragraphWith(value: unknown, runs: readonly Run[]): Obj {
  const { text: _text, runs: _runs, ...rest } = isObj(value) ? value : { type: 'paragraph' };
  const clean = normalizeRuns(runs);
  if (!clean.length) return rest;
  return isFormatted(clean) ? { ...rest, runs: clean } : { ...rest, text: plainOf(clean) };
}

/** The runs of an inline field's value: a plain string, or { runs }. */
export function runsOfInline(value: unknown): Run[] {
  if (typeof value === 'string') return normalizeRuns([{ text: value }]);
  return isObj(value) && Array.isArray(value.runs) ? runsOfParagraph({ runs: value.runs }) : [];
}

/** The formatted form of an inline value: an object whose only property is `runs`. */
export const isInlineRich = (v: unknown): boolean => isObj(v) && Object.keys(v).length === 1 && Array.isArray(v.runs);

/** An inline field's value: a plain string when nothing is formatted, { runs } otherwise, undefined when empty. */
export function inlineWith(runs: readonly Run[]): string | { runs: Run[] } | undefined {
  const clean = normalizeRuns(runs);
  if (!clean.length) return undefined;
  return isFormatted(clean) ? { runs: clean } : plainOf(clean);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What the editor shows for runs: <b>, <i>, and <br> for a line break. */
export function runsToHtml(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      let h = escapeHtml(r.text).replace(/\n/g, '<br>');
      if (r.italic) h = `<i>${h}</i>`;
      if (r.bold) h = `<b>${h}</b>`;
      return h;
    })
    .join('');
}

// ---- HTML tokens -----------------------------------------------------------------------------------------------

type Token =
  | { t: 'text'; v: string }
  | { t: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { t: 'close'; name: string }
  | { t: 'if'; cond: string }
  | { t: 'endif' };

const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ndash: '–', mdash: '—', hellip: '…', middot: '·',
  bull: '•', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', deg: '°',
  ordm: 'º', ordf: 'ª', shy: '', zwnj: '', zwj: '', ensp: ' ', emsp: ' ', thinsp: ' ', times: '×', divide: '÷',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Igrave: 'Ì', Iacute: 'Í',
  Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ugrave: 'Ù', Uacute: 'Ú', Yacute: 'Ý', agrave: 'à', aacute: 'á',
  acirc: 'â', atilde: 'ã', egrave: 'è', eacute: 'é', ecirc: 'ê', igrave: 'ì', iacute: 'í', ograve: 'ò', oacute: 'ó',
  ocirc: 'ô', otilde: 'õ', ugrave: 'ù', uacute: 'ú', yacute: 'ý',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);?/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name] ?? all;
  });
}

const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The tokens of an HTML fragment, as forgiving as clipboard HTML needs (unclosed tags, unquoted attributes). */
function* tokens(html: string): Generator<Token> {
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      yield { t: 'text', v: decodeEntities(html.slice(i)) };
      return;
    }
    if (lt > i) yield { t: 'text', v: decodeEntities(html.slice(i, lt)) };
    i = lt;
    if (html.startsWith('<!--', i)) {
      // Comments, Word's <!--[if gte mso 9]>...<![endif]--> sections and <!--StartFragment--> alike.
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<![', i)) {
      // Word's sections shown to other readers: <![if !supportLists]> (a list marker) ... <![endif]>.
      const end = html.indexOf(']>', i + 3);
      const inner = html.slice(i + 3, end < 0 ? n : end).trim();
      i = end < 0 ? n : end + 2;
      if (/^endif$/i.test(inner)) yield { t: 'endif' };
      else if (/^if\b/i.test(inner)) yield { t: 'if', cond: inner.slice(2).trim() };
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(html.slice(i, i + 4096));
    if (!m) {
      if (/^<[!?]/.test(html.slice(i, i + 2))) {
        // <!DOCTYPE ...>, <?xml ...?>
        const end = html.indexOf('>', i);
        i = end < 0 ? n : end + 1;
        continue;
      }
      yield { t: 'text', v: '<' };
      i += 1;
      continue;
    }
    i += m[0].length;
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      yield { t: 'close', name };
      continue;
    }
    const attrs: Record<string, string> = {};
    const rest = m[3] ?? '';
    for (const a of rest.matchAll(ATTR)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    yield { t: 'open', name, attrs, selfClosing: /\/\s*$/.test(rest) };
  }
}

// ---- HTML to pieces --------------------------------------------------------------------------------------------

/** Elements whose content is not text of the document. */
const SKIPPED = new Set(['head', 'style', 'script', 'title', 'xml', 'template', 'noscript', 'svg', 'math', 'object', 'iframe', 'select', 'textarea', 'button']);
/** Elements that start and end a paragraph. */
const BLOCKS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'td', 'th', 'table',
  'thead', 'tbody', 'tfoot', 'caption', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'aside', 'nav',
  'address', 'figure', 'figcaption', 'hr', 'body', 'html', 'center', 'main',
]);
const VOID = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'area', 'base', 'wbr', 'source', 'embed', 'param', 'track']);
const BOLD_TAGS = new Set(['b', 'strong', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const ITALIC_TAGS = new Set(['i', 'em', 'cite', 'dfn', 'var']);

/** A style attribute's declarations, by lower-case property name. */
function styleOf(style: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of (style ?? '').split(';')) {
    const c = decl.indexOf(':');
    if (c > 0) out.set(decl.slice(0, c).trim().toLowerCase(), decl.slice(c + 1).trim().toLowerCase());
  }
  return out;
}

function weight(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(bold|bolder)\b/.test(v)) return true;
  const n = parseInt(v, 10);
  if (Number.isFinite(n)) return n >= 600;
  return /^(normal|lighter)\b/.test(v) ? false : undefined;
}

function slant(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (/^(italic|oblique)\b/.test(v)) return true;
  return /^normal\b/.test(v) ? false : undefined;
}

const romans: [number, string][] = [[10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
function roman(n: number): string {
  let s = '';
  for (const [v, r] of romans) while (n >= v) (s += r), (n -= v);
  return s;
}

/** The marker of the n-th item (from 1) of an <ol type=...>. */
function olMarker(type: string | undefined, n: number): string {
  if (type === 'a' || type === 'A') {
    const letter = String.fromCharCode(96 + (((n - 1) % 26) + 1));
    return `${type === 'A' ? letter.toUpperCase() : letter})`;
  }
  if (type === 'i' || type === 'I') return `${type === 'I' ? roman(n).toUpperCase() : roman(n)}.`;
  return `${n}.`;
}

/** Word's list marker text ("1.", "a)", "·", "-", "o", "§") -> a numbered marker, or null for a bullet. */
function numberedMarker(marker: string): string | null {
  const m = marker.replace(/[\s\u00a0]+/g, '');
  return /^(\d{1,3}(\.\d{1,3})*|[a-zđ]|[ivxlc]{1,6}|[A-ZĐ]|[IVXLC]{1,6})[.)]$/.test(m) ? m : null;
}

type Frame = { name: string; bold?: boolean; italic?: boolean; skip?: boolean; marker?: boolean; ol?: { type?: string; next: number } };

/** A paragraph typed as a list item: "- ", "– ", "• ", "· " (level 1) or "+ " (level 2) at its start. */
const TYPED_BULLET = /^([-–•·*]|\+)[ \u00a0\t]+/;

function typedItem(piece: Piece): Piece {
  if (piece.kind !== 'paragraph') return piece;
  const first = piece.runs[0];
  const m = first ? TYPED_BULLET.exec(first.text) : null;
  if (!first || !m) return piece;
  const runs = normalizeRuns([{ ...first, text: first.text.slice(m[0].length) }, ...piece.runs.slice(1)]);
  return runs.length ? { kind: 'item', runs, level: m[1] === '+' ? 2 : 1, marker: null } : piece;
}

/** Runs with white space made one space (HTML's rule), trimmed at both ends unless `keepEdges`, NFC. */
function finishRuns(raw: Run[], keepEdges = false): Run[] {
  const out: Run[] = [];
  let space = !keepEdges; // at the start: leading space dropped
  for (const r of raw) {
    let text = '';
    for (const ch of r.text) {
      if (ch === '\n') {
        text = text.replace(/ +$/, '') + ch;
        space = true;
      } else if (ch === ' ') {
        if (!space) text += ' ';
        space = true;
      } else {
        text += ch;
        space = false;
      }
    }
    out.push({ ...r, text });
  }
  for (let k = out.length - 1; k >= 0 && !keepEdges; k--) {
    const t = out[k]!.text.replace(/ +$/, '');
    out[k]!.text = t;
    if (t) break;
  }
  return normalizeRuns(out);
}

type HtmlOptions = {
  /** A <br> is a line break inside the piece ("\n", as an inline field keeps it) rather than the end of a piece. */
  lineBreaks?: boolean;
  /** Spaces at the ends of a piece are kept (the two halves of a paragraph split at the caret). */
  keepEdges?: boolean;
  /** A paragraph starting with "- " or "+ " stays a paragraph (what is typed in the editor is taken as typed). */
  asTyped?: boolean;
};

/** The paragraphs and list items of clipboard or editor HTML, with their bold and italic. */
export function piecesFromHtml(html: string, options: HtmlOptions = {}): Piece[] {
  const pieces: Piece[] = [];
  const stack: Frame[] = [];
  let runs: Run[] = [];
  /** What the next piece is: set by <li> and by Word's list paragraphs, used by the first text that follows. */
  let next: { level: number; marker: string | null } | null = null;
  let marker: string | null = null;
  let inMarker = 0;

  const flag = (key: 'bold' | 'italic') => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k]![key] !== undefined) return stack[k]![key];
    return false;
  };
  const flush = () => {
    const clean = finishRuns(runs, options.keepEdges);
    runs = [];
    if (!clean.length) return;
    if (next) pieces.push({ kind: 'item', runs: clean, level: next.level, marker: next.marker });
    else pieces.push(options.asTyped ? { kind: 'paragraph', runs: clean } : typedItem({ kind: 'paragraph', runs: clean }));
    next = null;
  };
  const pop = (name: string, until?: Set<string>) => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (until?.has(stack[k]!.name)) return;
      if (stack[k]!.name === name) {
        stack.length = k;
        return;
      }
    }
  };
  const skipping = () => stack.some((f) => f.skip);
  const listDepth = () => stack.filter((f) => f.name === 'ul' || f.name === 'ol').length;

  for (const tok of tokens(html)) {
    if (tok.t === 'if') {
      // <![if !supportLists]>: the marker of a Word list paragraph; other sections (<![if !vml]>) are transparent.
      if (/supportLists/i.test(tok.cond)) inMarker++;
      continue;
    }
    if (tok.t === 'endif') {
      if (inMarker && !--inMarker) finishMarker();
      continue;
    }
    if (tok.t === 'text') {
      if (skipping()) continue;
      if (inMarker || stack.some((f) => f.marker)) {
        marker = (marker ?? '') + tok.v;
        continue;
      }
      const text = tok.v.replace(/[\t\n\r\f ]+/g, ' ').replace(/[\u00a0\u2007\u202f]/g, ' ');
      if (text) runs.push({ text, bold: flag('bold'), italic: flag('italic') });
      continue;
    }
    if (tok.t === 'close') {
      if (BLOCKS.has(tok.name)) {
        finishMarker();
        flush();
      }
      if (tok.name === 'li' || tok.name === 'ul' || tok.name === 'ol') next = null;
      if (tok.name === 'li') pop('li', new Set(['ul', 'ol']));
      else if (tok.name === 'p') pop('p', new Set(['li', 'ul', 'ol', 'td', 'th']));
      else pop(tok.name);
      // The end of Word's <span style='mso-list:Ignore'>: what it held was the marker.
      if (!inMarker && !stack.some((f) => f.marker)) finishMarker();
      continue;
    }
    // An opening tag.
    const { name, attrs } = tok;
    if (name === 'br') {
      if (skipping() || inMarker) continue;
      if (options.lineBreaks) runs.push({ text: '\n', bold: flag('bold'), italic: flag('italic') });
      else flush();
      continue;
    }
    if (BLOCKS.has(name) && !skipping()) {
      flush();
      // Implied ends: a new <li> ends the open one, a new <p> the open <p>.
      if (name === 'li') pop('li', new Set(['ul', 'ol']));
      if (name === 'p') pop('p', new Set(['li', 'ul', 'ol', 'td', 'th']));
    }
    const style = styleOf(attrs.style);
    const frame: Frame = { name };
    if (SKIPPED.has(name)) frame.skip = true;
    if (BOLD_TAGS.has(name)) frame.bold = true;
    if (ITALIC_TAGS.has(name)) frame.italic = true;
    frame.bold = weight(style.get('font-weight')) ?? frame.bold;
    frame.italic = slant(style.get('font-style')) ?? frame.italic;
    if (/^ignore$/i.test(style.get('mso-list') ?? '')) {
      frame.marker = true;
      marker ??= '';
    }
    if (name === 'ol') frame.ol = { type: attrs.type, next: Number.parseInt(attrs.start ?? '1', 10) || 1 };
    if (name === 'li' && !skipping()) {
      const list = [...stack].reverse().find((f) => f.name === 'ul' || f.name === 'ol');
      const level = Math.max(1, listDepth());
      next = { level, marker: list?.ol ? olMarker(list.ol.type, list.ol.next++) : null };
    }
    const msoList = /^l\d+\s+level(\d+)/i.exec(style.get('mso-list') ?? '');
    if (msoList && !skipping()) {
      next = { level: Number(msoList[1]), marker: null };
      marker = '';
    }
    if (!VOID.has(name) && !tok.selfClosing) stack.push(frame);
  }
  flush();
  return pieces;

  /** Word's marker text decides whether its list paragraph is numbered; the text after it is the item. */
  function finishMarker(): void {
    if (marker === null) return;
    if (next && marker) next.marker = numberedMarker(marker);
    marker = null;
  }
}

/**
 * The runs the editor holds: its HTML read as typed, its pieces (a <div> Chromium may add) joined by "\n" in an
 * inline field, by a space in a paragraph.
 */
export function runsOfEditorHtml(html: string, lineBreaks: boolean, keepEdges = false): Run[] {
  const pieces = piecesFromHtml(html, { lineBreaks, keepEdges, asTyped: true });
  if (lineBreaks) return inlineRunsFromPieces(pieces);
  return normalizeRuns(pieces.flatMap((p, i) => (i ? [{ text: ' ' }, ...p.runs] : p.runs)));
}

/** Plain text (the clipboard's text/plain): a piece per non-empty line, "- " / "+ " lines list items. */
export function piecesFromText(text: string): Piece[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\t\u00a0]/g, ' ').replace(/ {2,}/g, ' ').trim().normalize('NFC'))
    .filter(Boolean)
    .map((line) => typedItem({ kind: 'paragraph', runs: [{ text: line }] }));
}

// ---- pieces to values ------------------------------------------------------------------------------------------

/** A numbered item keeps its number as text (the `list` block only bullets); a bullet item outside a list, its dash. */
function asParagraphRuns(p: Piece): Run[] {
  if (p.kind === 'paragraph') return p.runs;
  const prefix = p.marker ?? (p.level > 1 ? '+' : '-');
  return normalizeRuns([{ text: `${prefix} ` }, ...p.runs]);
}

/**
 * Content blocks for pieces: a paragraph block each, and one `list` block per run of bullet items (an item of
 * level 2 or more a sub-item "+" of the item above it). `lists`: 'plain' list items are strings; 'rich' ones keep
 * their bold and italic (a string or { runs }, as an inline field); false: there is no list block, so items are
 * paragraphs that keep their "-" / "+" / number.
 */
export function blocksFromPieces(pieces: readonly Piece[], lists: 'plain' | 'rich' | false = 'plain'): Obj[] {
  type Item = string | { runs: Run[] };
  const blocks: Obj[] = [];
  let list: { type: 'list'; items: (Item | { text: Item; items?: Item[] })[] } | null = null;
  for (const p of pieces) {
    if (lists && p.kind === 'item' && p.marker === null) {
      const item: Item = lists === 'rich' ? (inlineWith(p.runs) ?? '') : plainOf(p.runs);
      if (!list) blocks.push((list = { type: 'list', items: [] }));
      const parent = list.items[list.items.length - 1];
      if (p.level > 1 && parent !== undefined) {
        const up = typeof parent === 'object' && 'text' in parent ? { ...parent, items: [...(parent.items ?? [])] } : { text: parent, items: [] as Item[] };
        up.items.push(item);
        list.items[list.items.length - 1] = up;
      } else list.items.push(item);
      continue;
    }
    list = null;
    blocks.push(paragraphWith({ type: 'paragraph' }, asParagraphRuns(p)));
  }
  return blocks;
}

/** The runs of pieces as one inline value: lines joined with "\n", list items with their "-" / "+" / number. */
export function inlineRunsFromPieces(pieces: readonly Piece[]): Run[] {
  const out: Run[] = [];
  pieces.forEach((p, i) => {
    if (i) out.push({ text: '\n' });
    out.push(...asParagraphRuns(p));
  });
  return normalizeRuns(out);
}

/**
 * A paste of several pieces into a paragraph block, split at the caret into `head` and `tail`: the block keeps
 * its head and the first piece when that is a paragraph; the other pieces follow it; the tail ends the last
 * pasted paragraph (or is a paragraph of its own after a list). `current` is null when the block is left empty.
 */
export function splitPaste(head: readonly Run[], tail: readonly Run[], pieces: readonly Piece[]): { current: Run[] | null; rest: Piece[] } {
  const rest = [...pieces];
  let current = [...head];
  if (rest[0]?.kind === 'paragraph') current = normalizeRuns([...current, ...rest.shift()!.runs]);
  const last = rest[rest.length - 1];
  if (tail.length) {
    if (last?.kind === 'paragraph') rest[rest.length - 1] = { kind: 'paragraph', runs: normalizeRuns([...last.runs, ...tail]) };
    else if (rest.length) rest.push({ kind: 'paragraph', runs: [...tail] });
    else current = normalizeRuns([...current, ...tail]);
  }
  return { current: current.length ? normalizeRuns(current) : null, rest };
}

/** Form data with the item at `path` (a row of a list) replaced by `items`. */
export function spliceAt(data: unknown, path: readonly (string | number)[], items: readonly unknown[]): unknown {
  const [step, ...more] = path;
  if (step === undefined) return data;
  if (!more.length) {
    // A list not there yet (a required body the form has not filled) takes the rows as its first.
    if (data === undefined && typeof step === 'number') return [...items];
    if (!Array.isArray(data) || typeof step !== 'number') return data;
    return [...data.slice(0, step), ...items, ...data.slice(step + 1)];
  }
  if (Array.isArray(data) && typeof step === 'number') return data.map((v, i) => (i === step ? spliceAt(v, more, items) : v));
  if (isObj(data)) return { ...data, [step]: spliceAt(data[step], more, items) };
  return data;
}
