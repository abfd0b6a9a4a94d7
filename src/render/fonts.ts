/**
 * The shipped Liberation Serif fonts, read once: their bytes (for @font-face in the HTML) and their advance
 * widths (Liberation Serif is metric-compatible with Times New Roman, so a width measured here is the width
 * Word and LibreOffice lay out). The DOCX renderer uses the widths to size the rules under the tiêu ngữ, the
 * agency name and the trích yếu exactly, as paragraph borders between computed indents.
 */
import { readFileSync } from 'node:fs';
import { ROOT } from './paths.js';
import path from 'node:path';

export const FONTS_DIR = path.join(ROOT, 'fonts');

export type FontStyle = { bold?: boolean; italic?: boolean };

export const FONT_FILES = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
} as const;

type Metrics = { unitsPerEm: number; advance: (codePoint: number) => number };

function parseTtf(buf: Buffer): Metrics {
  const numTables = buf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const need = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font lacks table ${tag}`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(need('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const glyphAdvance = (gid: number) => buf.readUInt16BE(hmtx + 4 * Math.min(gid, numberOfHMetrics - 1));

  // cmap: prefer a format 12 (full Unicode) subtable, else format 4 (BMP).
  const cmap = need('cmap');
  const n = buf.readUInt16BE(cmap + 2);
  let f4 = -1;
  let f12 = -1;
  for (let i = 0; i < n; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + i * 8);
    const encoding = buf.readUInt16BE(cmap + 6 + i * 8);
    const off = cmap + buf.readUInt32BE(cmap + 8 + i * 8);
    const format = buf.readUInt16BE(off);
    if (platform === 3 && encoding === 10 && format === 12) f12 = off;
    if (platform === 3 && encoding === 1 && format === 4) f4 = off;
  }
  const glyphOf = (cp: number): number => {
    if (f12 >= 0) {
      const groups = buf.readUInt32BE(f12 + 12);
      for (let g = 0; g < groups; g++) {
        const o = f12 + 16 + g * 12;
        const start = buf.readUInt32BE(o);
        const end = buf.readUInt32BE(o + 4);
        if (cp >= start && cp <= end) return buf.readUInt32BE(o + 8) + (cp - start);
      }
      return 0;
    }
    if (f4 < 0 || cp > 0xffff) return 0;
    const segX2 = buf.readUInt16BE(f4 + 6);
    const ends = f4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      if (cp > buf.readUInt16BE(ends + 2 * s)) continue;
      const start = buf.readUInt16BE(starts + 2 * s);
      if (cp < start) return 0;
      const delta = buf.readInt16BE(deltas + 2 * s);
      const rangeOffset = buf.readUInt16BE(ranges + 2 * s);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const gid = buf.readUInt16BE(ranges + 2 * s + rangeOffset + 2 * (cp - start));
      return gid === 0 ? 0 : (gid + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance(cp) {
      let w = cache.get(cp);
      if (w === undefined) {
        w = glyphAdvance(glyphOf(cp));
        cache.set(cp, w);
      }
      return w;
    },
  };
}

export type LoadedFonts = {
  files: Record<keyof typeof FONT_FILES, Buffer>;
  /** Width in points of a single line of text set in the given style and size. */
  widthPt(text: string, style: FontStyle, sizePt: number): number;
};

let loaded: LoadedFonts | undefined;

export function loadFonts(dir: string = FONTS_DIR): LoadedFonts {
  if (loaded && dir === FONTS_DIR) return loaded;
  const files = Object.fromEntries(
    Object.entries(FONT_FILES).map(([k, f]) => [k, readFileSync(path.join(dir, f))]),
  ) as Record<keyof typeof FONT_FILES, Buffer>;
  const metrics = Object.fromEntries(Object.entries(files).map(([k, b]) => [k, parseTtf(b)])) as Record<
    keyof typeof FONT_FILES,
    Metrics
  >;
  const pick = (s: FontStyle) =>
    s.bold ? (s.italic ? metrics.boldItalic : metrics.bold) : s.italic ? metrics.italic : metrics.regular;
  const fonts: LoadedFonts = {
    files,
    widthPt(text, style, sizePt) {
      const m = pick(style);
      let units = 0;
      for (const ch of text.normalize('NFC')) units += m.advance(ch.codePointAt(0) ?? 0);
      return (units / m.unitsPerEm) * sizePt;
    },
  };
  if (dir === FONTS_DIR) loaded = fonts;
  return fonts;
}
