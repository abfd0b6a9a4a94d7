/**
 * Which form field a line of the PDF preview came from (issue 17: clicking a paragraph in the preview focuses its
 * field). The PDF carries no field ids, so the match is by text: every string of the form data is a candidate
 * (its JSON path, "$.articles[0].text", the form's own path syntax: problems.ts parsePath), and the clicked line
 * is compared with each. What the printing does to the text is undone by comparing folded keys: NFC, lower case
 * (the templates print some lines in capitals), letters and digits only (line breaks, hyphenation at a line's
 * end, spacing and the punctuation the template adds such as "Điều 1." or "a)" do not count). A line is usually a
 * piece of one paragraph, so a value containing the whole line wins; a line that straddles printed labels and a
 * value is matched by its longest common run. The lines before and after the clicked one, compared with the value
 * and the strings beside it in the data, break ties (the same sentence in two fields). Pure: no DOM;
 * tests/unit/preview-locate.test.ts.
 */

export type Leaf = { path: string; text: string };

/** The clicked line and its neighbours on the page (as the text layer gives them). */
export type Picked = { line: string; before?: string; after?: string };

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The text of rich text given as runs ({ runs: [{ text }] }, docs/rich-text.md), or undefined. */
function runsText(o: Record<string, unknown>): string | undefined {
  const runs = o.runs;
  if (!Array.isArray(runs) || !runs.every((r) => r && typeof (r as { text?: unknown }).text === 'string')) return undefined;
  return (runs as { text: string }[]).map((r) => r.text).join('');
}

/**
 * Every non-empty string in the data with its JSON path, in document order. Rich text is one string, at the path of
 * its editor (web/src/richtext): a paragraph block's `text`, an inline field's own path; not one leaf per run.
 */
export function stringLeaves(data: unknown, path = '$'): Leaf[] {
  if (typeof data === 'string') return data.trim() ? [{ path, text: data }] : [];
  if (Array.isArray(data)) return data.flatMap((v, i) => stringLeaves(v, `${path}[${i}]`));
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    const rich = runsText(o);
    const rest = Object.entries(o).filter(([k]) => rich === undefined || k !== 'runs');
    const own = rich?.trim() ? [{ path: 'type' in o ? `${path}.text` : path, text: rich }] : [];
    return [...own, ...rest.flatMap(([k, v]) => stringLeaves(v, IDENT.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`))];
  }
  return [];
}

/** The comparison key of a text: NFC, lower case, letters and digits only. */
export function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The length of the longest run `a` and `b` share (`a` the short one: a line). */
export function commonRun(a: string, b: string): number {
  if (!a || !b) return 0;
  if (b.includes(a)) return a.length;
  let best = 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const v = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : 0;
      cur[j] = v;
      if (v > best) best = v;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/** Shorter keys than this say too little to point at a field (a page number, "a)", "1."). */
const MIN_KEY = 3;

/**
 * The path of the string the clicked line was printed from, or null when no string shares enough of it (a line
 * the template writes itself: "QUYẾT ĐỊNH", "Nơi nhận:").
 */
export function locate(leaves: Leaf[], picked: Picked): string | null {
  const line = fold(picked.line);
  if (line.length < MIN_KEY) return null;
  const before = fold(picked.before ?? '');
  const after = fold(picked.after ?? '');
  // Most of the line must come from one value (a line may start with a printed label: "Điều 1.", "- ").
  const needed = Math.min(line.length, Math.max(MIN_KEY, Math.ceil(line.length * 0.5)));
  const keys = leaves.map((leaf) => fold(leaf.text));
  // A value holding the whole line beats any partial one: the slower partial comparison only when there is none.
  const whole = keys.flatMap((key, i) => (key.includes(line) ? [i] : []));
  let best: { path: string; score: number; size: number } | null = null;
  for (const i of whole.length ? whole : keys.keys()) {
    const key = keys[i]!;
    const own = commonRun(line, key);
    if (own < needed) continue;
    // The lines around it against the value and its neighbours in the data (printed in the same order).
    const score = 3 * own + commonRun(before, (keys[i - 1] ?? '') + key) + commonRun(after, key + (keys[i + 1] ?? ''));
    const path = leaves[i]!.path;
    // Equal scores: the shorter value is the closer fit (a title beside a paragraph that quotes it).
    if (!best || score > best.score || (score === best.score && key.length < best.size)) best = { path, score, size: key.length };
  }
  return best?.path ?? null;
}
