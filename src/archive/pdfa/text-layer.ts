/**
 * The text layer check: every font's ToUnicode map before and after Ghostscript, compared code by code, so a
 * file whose text is not what was issued is refused (Ghostscript 10.00's new interpreter garbles Vietnamese
 * in Chromium's bfrange entries; docs/pdfa.md).
 */
import type { Structure } from './structure.js';

/** code -> Unicode text of a ToUnicode CMap (bfchar and bfrange, both forms). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => h.replace(/\s+/g, '');
  const text = (h: string) => {
    const b = Buffer.from(hex(h).length % 2 ? `${hex(h)}0` : hex(h), 'hex');
    if (b.length % 2) return b.toString('latin1');
    const le = Buffer.from(b);
    le.swap16();
    return le.toString('utf16le');
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const e of (block[1] ?? '').matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]*)>/g)) map.set(parseInt(hex(e[1] ?? ''), 16), text(e[2] ?? ''));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const e of (block[1] ?? '').matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]+)>\s*(?:<([0-9A-Fa-f\s]*)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(hex(e[1] ?? ''), 16);
      const hi = parseInt(hex(e[2] ?? ''), 16);
      if (!(hi >= lo) || hi - lo > 0xffff) continue;
      if (e[3] !== undefined) {
        const units = Buffer.from(hex(e[3]), 'hex');
        for (let c = lo; c <= hi; c++) {
          const b = Buffer.from(units);
          if (b.length >= 2) b.writeUInt16BE((b.readUInt16BE(b.length - 2) + (c - lo)) & 0xffff, b.length - 2);
          map.set(c, text(b.toString('hex')));
        }
      } else {
        const dsts = [...(e[4] ?? '').matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((x) => text(x[1] ?? ''));
        dsts.forEach((t, k) => {
          if (lo + k <= hi) map.set(lo + k, t);
        });
      }
    }
  return map;
}

/** font name -> (code -> text) from the ToUnicode streams of a file; a code two same-named fonts disagree on is null. */
export function unicodeMaps(s: Structure, data: Map<string, Buffer>): Map<string, Map<number, string | null>> {
  const out = new Map<string, Map<number, string | null>>();
  for (const { font, key } of s.toUnicode) {
    const d = data.get(key);
    if (!d) continue;
    const m = out.get(font) ?? new Map<number, string | null>();
    for (const [code, t] of parseToUnicode(d.toString('latin1'))) {
      const had = m.get(code);
      m.set(code, had === undefined || had === t ? t : null);
    }
    out.set(font, m);
  }
  return out;
}

/** Problems of the output's text layer against the input's: fonts that lost their map, codes that changed. */
export function textLayerProblems(input: Map<string, Map<number, string | null>>, output: Map<string, Map<number, string | null>>): string[] {
  const problems: string[] = [];
  for (const [font, inMap] of input) {
    const outMap = output.get(font);
    if (!outMap) {
      problems.push(`${font}: no ToUnicode map in the output`);
      continue;
    }
    let bad = 0;
    const examples: string[] = [];
    for (const [code, t] of outMap) {
      const want = inMap.get(code);
      if (want === null || t === null) continue;
      if (want !== t) {
        bad++;
        if (examples.length < 3) examples.push(`<${code.toString(16).padStart(4, '0')}> ${want === undefined ? '(absent)' : JSON.stringify(want)} became ${JSON.stringify(t)}`);
      }
    }
    if (bad) problems.push(`${font}: ${bad} code(s) map to other text (${examples.join(', ')})`);
  }
  return problems;
}
