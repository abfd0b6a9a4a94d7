/**
 * The layout of a group of Nơi nhận lines under one note, shared by both renderers so that the PDF and the DOCX
 * draw it alike: the lines in a column as wide as the longest of them (so the brace stands right after it), a
 * right brace as tall as the lines, the note vertically centred beside it.
 *
 * The brace is the "}" of the font (Liberation Serif, metric-compatible with Times New Roman), stretched to the
 * lines' height and narrowed to 5 pt of ink, so that the text reads lines, "}", note in both formats. A tall
 * glyph has a large font size for a PDF reader (pdftotext joins it to the next word unless the gap after its
 * advance is more than 0.15 of that size: 0.18 of the height in Chromium's PDF, where the glyph's em is 1.21
 * times the lines' height; 0.15 in Word's and LibreOffice's, where the font size is the height), so the gap
 * grows with the height: 0.2 of it, plus 3 pt for a reader whose substitute font has a wider "}" (LibreOffice
 * without Times New Roman or Liberation Serif draws DejaVu's, 2.7 pt wider at 5 pt of ink). The height is the
 * lines' count, each wrapped at the column's width with the font's widths, times the 1.15 line at 11 pt.
 * The PDF stretches its brace to the lines' box as laid out; the DOCX sizes its glyph from this estimate, so a
 * substitute font that wraps otherwise changes the DOCX brace's size and the gap, never the order of the text.
 */
import { loadFonts } from './fonts.js';

const RECIPIENT_PT = 11;
/** The Nơi nhận column of both templates: 45% of the 165 mm text width (4210 twips in signature.xml). */
export const RECIPIENTS_COLUMN_PT = 210.5;
const LINE_PT = RECIPIENT_PT * 1.15;
/** The "}" in font units of 2048: ink from x 186 to 797 and y -274 to 1421, advance 983. */
const BRACE_GLYPH = { left: 186, right: 797, bottom: -274, top: 1421, advance: 983, em: 2048 } as const;
const INK_PT = 5;
/** Room after the longest line: a little, and more for a substitute font wider than Times New Roman. */
const pad = (widthPt: number) => 0.08 * widthPt + 3;

export type BraceLayout = {
  /** Width of the lines' column, of the brace's (the glyph's advance, then the gap) and of the note's, in points. */
  linesPt: number;
  bracePt: number;
  notePt: number;
  /** Where the glyph's ink starts in the brace's column (its left side bearing), and its width. */
  leftPt: number;
  inkPt: number;
  /** The lines' height: the brace's height. */
  heightPt: number;
  /** The glyph's horizontal scale, in percent, for 5 pt of ink when the font size is the height (DOCX w:w). */
  scalePct: number;
  /** The glyph's ink in font units, as an SVG viewBox ("x y width height", y downwards) to stretch it over the lines, and the em of those units. */
  viewBox: string;
  em: number;
  /** The gap after the glyph's advance (PDF: after the stretched SVG's box). */
  gapPt: number;
};

/** How many lines a paragraph takes at the given width, words wrapped greedily. */
function wrappedLines(text: string, widthPt: number, measure: (s: string) => number): number {
  let lines = 1;
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && measure(next) > widthPt) {
      lines += 1;
      current = word;
    } else current = next;
  }
  return lines;
}

export function braceLayout(lines: string[], note: string, cellPt: number = RECIPIENTS_COLUMN_PT): BraceLayout {
  const fonts = loadFonts();
  const measure = (s: string) => fonts.widthPt(s, {}, RECIPIENT_PT);
  // The gap grows with the height; a first estimate of it bounds the lines' column, then the real one is taken.
  // At most 24 pt: a group of more than ten lines keeps its lines' room rather than its "}" a word of its own.
  const gapOf = (h: number) => Math.min(24, 0.2 * h + 3);
  const advancePt = (INK_PT * BRACE_GLYPH.advance) / (BRACE_GLYPH.right - BRACE_GLYPH.left);
  const notePt = Math.min(0.4 * cellPt, measure(note) + pad(measure(note)));
  const longest = Math.max(...lines.map(measure));
  const widest = longest + pad(longest);
  const heightAt = (w: number) => lines.reduce((n, l) => n + wrappedLines(l, w, measure), 0) * LINE_PT;
  let linesPt = Math.min(widest, cellPt - notePt - advancePt - gapOf(lines.length * LINE_PT));
  let heightPt = heightAt(linesPt);
  linesPt = Math.min(widest, cellPt - notePt - advancePt - gapOf(heightPt));
  heightPt = heightAt(linesPt);
  const gapPt = gapOf(heightPt);
  const inkPerEm = (BRACE_GLYPH.right - BRACE_GLYPH.left) / BRACE_GLYPH.em;
  return {
    linesPt,
    bracePt: advancePt + gapPt,
    leftPt: (INK_PT * BRACE_GLYPH.left) / (BRACE_GLYPH.right - BRACE_GLYPH.left),
    inkPt: INK_PT,
    notePt: cellPt - linesPt - advancePt - gapPt,
    heightPt,
    scalePct: Math.max(1, Math.min(600, Math.round((100 * INK_PT) / (inkPerEm * heightPt)))),
    em: BRACE_GLYPH.em,
    viewBox: `${BRACE_GLYPH.left} ${-BRACE_GLYPH.top} ${BRACE_GLYPH.right - BRACE_GLYPH.left} ${BRACE_GLYPH.top - BRACE_GLYPH.bottom}`,
    gapPt,
  };
}
