/**
 * WordprocessingML fragments computed by the renderer: content blocks (whose tables have as many columns as
 * the data says, which a docxtemplater loop cannot express), section breaks, and rules whose length depends on
 * the measured width of a text. Layout constants live here and in templates/_shared/docx; no document logic.
 */
import type { BlockView, CellView, FootnoteView, RichView } from '../../documents/common/view.js';
import { xmlEscape } from '../../xml.js';
import type { BraceLayout } from '../brace.js';

export const TWIPS_PER_MM = 1440 / 25.4;
export const PAGE = {
  portrait: { w: 11906, h: 16838 },
  landscape: { w: 16838, h: 11906 },
  margin: { top: 1134, right: 850, bottom: 1134, left: 1701, header: 567, footer: 567 },
} as const;
export const textWidth = (o: 'portrait' | 'landscape') => PAGE[o].w - PAGE.margin.left - PAGE.margin.right;

type RunStyle = { bold?: boolean; italic?: boolean; sizeHalfPt?: number };

function rPr(s: RunStyle): string {
  const parts: string[] = [];
  if (s.bold) parts.push('<w:b/><w:bCs/>');
  if (s.italic) parts.push('<w:i/><w:iCs/>');
  if (s.sizeHalfPt) parts.push(`<w:sz w:val="${s.sizeHalfPt}"/><w:szCs w:val="${s.sizeHalfPt}"/>`);
  return parts.length ? `<w:rPr>${parts.join('')}</w:rPr>` : '';
}

/**
 * A run; line breaks in the text become <w:br/>. A carriage return stays literal, as docxtemplater writes the
 * template's text, so a run reads the same whichever of the two wrote it.
 */
export function run(text: string, s: RunStyle = {}): string {
  const pr = rPr(s);
  return text
    .split('\n')
    .map((line, i) => `${i ? `<w:r>${pr}<w:br/></w:r>` : ''}<w:r>${pr}<w:t xml:space="preserve">${xmlEscape(line, { cr: 'literal' })}</w:t></w:r>`)
    .join('');
}

/** Rich text (docs/rich-text.md): a run per run, its bold and italic added to the style; plain text: one run. */
export function richRuns(v: RichView, s: RunStyle = {}): string {
  if (!v.runs) return run(v.text, s);
  return v.runs.map((r) => run(r.text, { ...s, bold: r.bold || s.bold, italic: r.italic || s.italic })).join('');
}

const JC = { left: 'left', center: 'center', right: 'right', justify: 'both' } as const;

export function paragraph(runs: string, p: { style?: string; jc?: keyof typeof JC; keepNext?: boolean; extra?: string } = {}): string {
  const pr = [
    p.style ? `<w:pStyle w:val="${p.style}"/>` : '',
    p.keepNext ? '<w:keepNext/>' : '',
    p.extra ?? '',
    p.jc ? `<w:jc w:val="${JC[p.jc]}"/>` : '',
  ].join('');
  return `<w:p>${pr ? `<w:pPr>${pr}</w:pPr>` : ''}${runs}</w:p>`;
}

/** An empty paragraph whose bottom border is a centred rule of the given length inside a box of the given width. */
export function rule(lengthTwips: number, boxTwips: number, afterTwips = 0, lineTwips = 60): string {
  const ind = Math.max(0, Math.round((boxTwips - lengthTwips) / 2));
  return (
    '<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>' +
    `<w:spacing w:before="0" w:after="${afterTwips}" w:line="${lineTwips}" w:lineRule="exact"/><w:ind w:left="${ind}" w:right="${ind}"/>` +
    '<w:jc w:val="center"/></w:pPr></w:p>'
  );
}

/** A bordered box of fixed width (độ khẩn stamps: 20, 30 or 40 mm by 8 mm). */
export function stamp(text: string, widthMm: number, boxTwips: number): string {
  const w = Math.round(widthMm * TWIPS_PER_MM);
  const ind = Math.max(0, Math.round((boxTwips - w) / 2));
  const b = 'w:val="single" w:sz="6" w:space="1" w:color="000000"';
  return (
    `<w:p><w:pPr><w:pBdr><w:top ${b}/><w:left ${b}/><w:bottom ${b}/><w:right ${b}/></w:pBdr>` +
    `<w:spacing w:before="120" w:after="0" w:line="${Math.round(8 * TWIPS_PER_MM) - 60}" w:lineRule="exact"/>` +
    `<w:ind w:left="${ind}" w:right="${ind}"/><w:jc w:val="center"/></w:pPr>${run(text, { bold: true, sizeHalfPt: 26 })}</w:p>`
  );
}

export function sectPr(orientation: 'portrait' | 'landscape'): string {
  const { w, h } = PAGE[orientation];
  const m = PAGE.margin;
  return (
    '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/><w:headerReference w:type="first" r:id="rIdHeaderFirst"/>' +
    `<w:pgSz w:w="${w}" w:h="${h}"${orientation === 'landscape' ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${m.header}" w:footer="${m.footer}" w:gutter="0"/>` +
    '<w:pgNumType w:start="1"/><w:cols w:space="720"/><w:titlePg/></w:sectPr>'
  );
}

export const sectionBreak = (orientation: 'portrait' | 'landscape') => `<w:p><w:pPr>${sectPr(orientation)}</w:pPr></w:p>`;

/**
 * A group of Nơi nhận lines under one note (brace.ts): a borderless nested table of one row, the lines in the
 * first cell, the brace in the second, the note vertically centred in the third. The brace is the font's "}" at
 * a size equal to the lines' height, on an exact line of that height (the glyph then stands centred on 83% of
 * it), narrowed with w:w: Word and LibreOffice lay out a glyph alike, where a drawing would need namespaces and
 * anchoring they treat differently.
 */
export function recipientGroup(lines: string[], note: string, l: BraceLayout): string {
  const tw = (pt: number) => Math.round(pt * 20);
  const [a, b] = [tw(l.linesPt), tw(l.bracePt)];
  const c = tw(l.linesPt + l.bracePt + l.notePt) - a - b;
  const size = Math.round(2 * l.heightPt);
  const line = (t: string) => paragraph(run(t, { sizeHalfPt: 22 }));
  const cell = (w: number, body: string, center = false) =>
    `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>${center ? '<w:vAlign w:val="center"/>' : ''}</w:tcPr>${body}</w:tc>`;
  const brace =
    `<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="${tw(l.heightPt)}" w:lineRule="exact"/></w:pPr>` +
    `<w:r><w:rPr><w:w w:val="${l.scalePct}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t>}</w:t></w:r></w:p>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${a + b + c}" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
    '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>' +
    `<w:tblGrid><w:gridCol w:w="${a}"/><w:gridCol w:w="${b}"/><w:gridCol w:w="${c}"/></w:tblGrid>` +
    '<w:tr><w:trPr><w:cantSplit/></w:trPr>' +
    cell(a, lines.map(line).join('')) +
    cell(b, brace, true) +
    cell(c, line(note), true) +
    '</w:tr></w:tbl>'
  );
}

function cellXml(
  c: CellView,
  widthTwips: number,
  o: { header?: boolean; small?: boolean; vMerge?: 'restart' | 'continue'; keepNext?: boolean } = {},
): string {
  const size = o.small ? 24 : 26;
  const body =
    o.vMerge === 'continue'
      ? paragraph('', { style: 'VBTableText', keepNext: o.keepNext })
      : paragraph(richRuns(c, { bold: c.bold || o.header, italic: c.italic, sizeHalfPt: size }), {
          style: 'VBTableText',
          jc: c.align,
          keepNext: o.keepNext,
        });
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${Math.round(widthTwips)}" w:type="dxa"/>${c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : ''}` +
    `${o.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : o.vMerge === 'continue' ? '<w:vMerge/>' : ''}` +
    `${o.header || o.vMerge ? '<w:vAlign w:val="center"/>' : ''}</w:tcPr>${body}</w:tc>`
  );
}

function tableXml(b: Extract<BlockView, { kind: 'table' }>, width: number): string {
  const widths = b.columns.map((c) => (c.widthPct / 100) * width);
  const spanWidth = (col: number, n: number) => widths.slice(col, col + n).reduce((s, x) => s + x, 0);
  const border = 'w:val="single" w:sz="6" w:space="0" w:color="000000"';
  // A merged cell (rowSpan) leaves its column out of the rows below in the view; Word wants a continuing
  // vMerge cell there instead. The header's rows (repeated on every page) and the body's are two grids.
  const grid = (rows: { cells: CellView[]; keepWithNext?: boolean }[], header: boolean) => {
    const pending: { col: number; left: number; cell: CellView }[] = [];
    return rows
      .map((r) => {
        const out: string[] = [];
        let col = 0;
        const keepNext = header ? undefined : r.keepWithNext;
        const takeMerged = () => {
          for (;;) {
            const m = pending.find((p) => p.col === col && p.left > 0);
            if (!m) return;
            out.push(cellXml(m.cell, spanWidth(col, m.cell.colSpan), { header, small: b.small, vMerge: 'continue', keepNext }));
            m.left -= 1;
            col += m.cell.colSpan;
          }
        };
        for (const c of r.cells) {
          takeMerged();
          out.push(
            cellXml(c, spanWidth(col, c.colSpan), {
              header,
              small: b.small,
              keepNext,
              ...(c.rowSpan > 1 ? { vMerge: 'restart' as const } : {}),
            }),
          );
          if (c.rowSpan > 1) pending.push({ col, left: c.rowSpan - 1, cell: c });
          col += c.colSpan;
        }
        takeMerged();
        return `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${out.join('')}</w:tr>`;
      })
      .join('');
  };
  const head = b.header
    ? grid(
        b.header.rows.map((cells) => ({ cells })),
        true,
      )
    : grid([{ cells: b.columns.map((c) => ({ text: c.header, colSpan: 1, rowSpan: 1, bold: true, italic: false, align: 'center' as const })) }], true);
  return (
    (b.title ? paragraph(run(b.title, { bold: true }), { jc: 'center', keepNext: true, extra: '<w:spacing w:before="120" w:after="120"/>' }) : '') +
    `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
    `<w:tblBorders><w:top ${border}/><w:left ${border}/><w:bottom ${border}/><w:right ${border}/><w:insideH ${border}/><w:insideV ${border}/></w:tblBorders>` +
    `<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${Math.round(w)}"/>`).join('')}</w:tblGrid>${head}${grid(b.rows, false)}</w:tbl>` +
    paragraph('', { extra: '<w:spacing w:after="120"/>' })
  );
}

const footnoteRef = (n: number) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${n}"/></w:r>`;

/** word/footnotes.xml with the separators and the given footnotes. */
export function footnotesPart(notes: { n: number; text: string }[]): string {
  const sep = (type: string, id: number, el: string) =>
    `<w:footnote w:type="${type}" w:id="${id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:${el}/></w:r></w:p></w:footnote>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    sep('separator', -1, 'separator') +
    sep('continuationSeparator', 0, 'continuationSeparator') +
    notes
      .map(
        (f) =>
          `<w:footnote w:id="${f.n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/><w:jc w:val="both"/></w:pPr>` +
          `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${run(` ${f.text}`)}</w:p></w:footnote>`,
      )
      .join('') +
    '</w:footnotes>'
  );
}

export function blocksXml(blocks: BlockView[], width: number, footnoteId: (f: FootnoteView) => number = (f) => f.n): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return paragraph(run(b.label ? `${b.label} ${b.text}` : b.text), { style: `VBHeading${b.level}` });
        case 'part':
          return (
            paragraph(run(b.label, { bold: true }), { jc: 'center', keepNext: true, extra: '<w:spacing w:before="240"/>' }) +
            paragraph(run(b.title, { bold: true }), { jc: 'center', keepNext: true, extra: '<w:spacing w:after="240"/>' })
          );
        case 'paragraph':
          return paragraph((b.lead ? run(`${b.lead} `, { bold: true }) : '') + richRuns(b, { italic: b.italic }) + (b.footnote ? footnoteRef(footnoteId(b.footnote)) : '') + (b.after ? run(b.after, { italic: b.italic }) : ''), {
            style: 'VBBody',
            keepNext: b.keepWithNext,
            ...(b.align !== 'justify' ? { jc: b.align } : {}),
          });
        case 'list':
          return b.items
            .map((it, i) => paragraph(it.runs ? run(`${it.marker} `) + richRuns(it) : run(`${it.marker} ${it.text}`), { style: 'VBBody' }))
            .join('');
        case 'table':
          return tableXml(b, width);
      }
    })
    .join('');
}
