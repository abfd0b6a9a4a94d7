/**
 * The staff page's rich-text conversions (web/src/richtext/convert.ts), run in Node as the page runs them:
 * values to runs and back (a plain string while nothing is formatted), clipboard HTML to paragraphs and list
 * items with their bold and italic (Word's clipboard HTML, two LibreOffice exports made by `soffice --convert-to
 * html`: a DOCX this service rendered, and a DOCX with real Word lists), plain text, and the blocks a paste
 * inserts into a content-block array.
 *
 * Fixtures: word-clipboard.html has the shape Word 2016+ puts on the clipboard (xmlns:w, conditional comments,
 * <!--StartFragment-->, MsoNormal / MsoListParagraph with mso-list:l0 level1 lfo1 and the marker in
 * <![if !supportLists]>, <o:p>, <b style='mso-bidi-font-weight:normal'>). libreoffice-cong-van.html is the
 * HTML LibreOffice 7.4 writes for a công văn rendered to DOCX by this service (runs in bold and italic, list items
 * written "- ..."); libreoffice-lists.html, for a DOCX with a bulleted and a numbered list (made by LibreOffice
 * from HTML), in which LibreOffice leaves its <li> unclosed.
 *
 * Also: which schema nodes get the editor (web/src/richtext/shape.ts, schemaUi.ts), on every type's real schema
 * and on the inline shape (an anyOf of a string and { runs }, "x-rich": "inline") the API gives its rich fields.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/documents/catalog.js';
import { jsonSchemaOf } from '../../../src/http/schemas.js';
import { formSchema, uiSchemaFor } from '../../../web/src/schemaUi.js';
import { listBlockItems, richShape } from '../../../web/src/richtext/shape.js';
import {
  blocksFromPieces,
  inlineRunsFromPieces,
  inlineWith,
  normalizeRuns,
  paragraphWith,
  piecesFromHtml,
  piecesFromText,
  runsOfInline,
  runsOfParagraph,
  runsToHtml,
  spliceAt,
  splitPaste,
  type Piece,
} from '../../../web/src/richtext/convert.js';

const fixture = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

/** Pieces as short strings: "¶ **bold** _italic_ plain", "• level text", "1. text". */
const show = (pieces: Piece[]) =>
  pieces.map((p) => {
    const text = p.runs.map((r) => (r.bold && r.italic ? `***${r.text}***` : r.bold ? `**${r.text}**` : r.italic ? `_${r.text}_` : r.text)).join('');
    return p.kind === 'paragraph' ? `¶ ${text}` : `${p.marker ?? '•'.repeat(p.level)} ${text}`;
  });

describe('values and runs', () => {
  it('writes text while nothing is formatted and runs (no text) when something is; keeps the other fields', () => {
    const p = { type: 'paragraph', text: 'Cũ', lead: 'Ưu điểm:', align: 'center' };
    expect(paragraphWith(p, [{ text: 'Nội dung ' }, { text: 'mới' }])).toEqual({ type: 'paragraph', text: 'Nội dung mới', lead: 'Ưu điểm:', align: 'center' });
    expect(paragraphWith(p, [{ text: 'Lưu ý: ', bold: true }, { text: 'nộp ' }, { text: 'sớm', italic: true }])).toEqual({
      type: 'paragraph',
      runs: [{ text: 'Lưu ý: ', bold: true }, { text: 'nộp ' }, { text: 'sớm', italic: true }],
      lead: 'Ưu điểm:',
      align: 'center',
    });
    expect(paragraphWith({ type: 'paragraph', runs: [{ text: 'x', bold: true }] }, [])).toEqual({ type: 'paragraph' });
    expect(runsOfParagraph({ type: 'paragraph', runs: [{ text: 'a', bold: true }, { text: 'b', bold: true, italic: false }] })).toEqual([{ text: 'ab', bold: true }]);
    expect(runsOfParagraph({ type: 'paragraph', text: 'chữ' })).toEqual([{ text: 'chữ' }]);
  });

  it('an inline value is a plain string, or { runs } when formatted; empty is undefined', () => {
    expect(inlineWith([{ text: 'Kết quả' }, { text: ' tốt' }])).toBe('Kết quả tốt');
    expect(inlineWith([{ text: 'Kết quả', bold: true }, { text: ' tốt' }])).toEqual({ runs: [{ text: 'Kết quả', bold: true }, { text: ' tốt' }] });
    expect(inlineWith([{ text: '' }])).toBeUndefined();
    expect(runsOfInline('dòng 1\ndòng 2')).toEqual([{ text: 'dòng 1\ndòng 2' }]);
    expect(runsOfInline({ runs: [{ text: 'a', italic: true }] })).toEqual([{ text: 'a', italic: true }]);
    expect(runsOfInline(42)).toEqual([]);
  });

  it('text is NFC, whatever the clipboard or the keyboard gave', () => {
    const nfd = 'Hoà'.normalize('NFD') + ' Thuận'.normalize('NFD');
    expect(normalizeRuns([{ text: nfd }])[0]!.text).toBe('Hoà Thuận'.normalize('NFC'));
    const [piece] = piecesFromHtml(`<p><b>${'Thành phố'.normalize('NFD')}</b></p>`);
    expect(piece!.runs[0]!.text).toBe('Thành phố');
    expect(piece!.runs[0]!.text).toBe(piece!.runs[0]!.text.normalize('NFC'));
  });

  it('shows runs as <b>/<i> with line breaks, escaped, and reads them back the same', () => {
    const runs = [{ text: 'a < b & ' }, { text: 'đậm', bold: true }, { text: ' và\n', italic: true }, { text: 'cả hai', bold: true, italic: true }];
    const html = runsToHtml(runs);
    expect(html).toBe('a &lt; b &amp; <b>đậm</b><i> và<br></i><b><i>cả hai</i></b>');
    expect(inlineRunsFromPieces(piecesFromHtml(html, { lineBreaks: true }))).toEqual([
      { text: 'a < b & ' },
      { text: 'đậm', bold: true },
      { text: ' và\n', italic: true },
      { text: 'cả hai', bold: true, italic: true },
    ]);
  });

  it('reads what Chromium makes of bold and italic in a contentEditable (spans that turn bold off)', () => {
    const html = '<b>Lưu ý:&nbsp;</b>nộp <b>trước <span style="font-weight: normal;">ngày</span> 15</b><i style="font-style: normal">x</i>';
    expect(show(piecesFromHtml(html))).toEqual(['¶ **Lưu ý: **nộp **trước **ngày** 15**x']);
  });
});

describe('clipboard HTML', () => {
  it("reduces Word's clipboard HTML to bold/italic runs, bullets with their level, numbered items, and drops the rest", () => {
    const pieces = piecesFromHtml(fixture('word-clipboard.html'));
    expect(show(pieces)).toEqual([
      '¶ Thực hiện **Kế hoạch số 125/KH-UBND** ngày 20/01/2025 của _Ủy ban nhân dân tỉnh_, Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện các nội dung sau',
      '• Rà soát, đánh giá **thủ tục hành chính** thuộc phạm vi quản lý',
      '•• Thủ tục cấp tỉnh',
      '• Công khai kết quả trên Cổng Dịch vụ công quốc gia',
      '¶ Nội dung báo cáo gồm:',
      '1. Kết quả thực hiện',
      '2. Khó khăn, _vướng mắc_',
      '• Thời hạn gửi báo cáo: ***trước ngày 15/6/2025***',
      '¶ **Lưu ý:** báo cáo gửi bằng văn bản điện tử_ (có ký số)_.',
    ]);
    // Nothing of the head, the styles, the markers' fonts or the image's path came through.
    const all = pieces.flatMap((p) => p.runs.map((r) => r.text)).join(' ');
    for (const junk of ['mso', 'Font Definitions', 'Symbol', 'file:', '·', 'Normal', 'https']) expect(all).not.toContain(junk);
  });

  it('inserts Word paragraphs and lists as blocks: a list block with sub-items, numbered items as paragraphs', () => {
    const blocks = blocksFromPieces(piecesFromHtml(fixture('word-clipboard.html')));
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'Thực hiện ' },
          { text: 'Kế hoạch số 125/KH-UBND', bold: true },
          { text: ' ngày 20/01/2025 của ' },
          { text: 'Ủy ban nhân dân tỉnh', italic: true },
          { text: ', Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện các nội dung sau' },
        ],
      },
      {
        type: 'list',
        items: [{ text: 'Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý', items: ['Thủ tục cấp tỉnh'] }, 'Công khai kết quả trên Cổng Dịch vụ công quốc gia'],
      },
      { type: 'paragraph', text: 'Nội dung báo cáo gồm:' },
      { type: 'paragraph', text: '1. Kết quả thực hiện' },
      { type: 'paragraph', runs: [{ text: '2. Khó khăn, ' }, { text: 'vướng mắc', italic: true }] },
      { type: 'list', items: ['Thời hạn gửi báo cáo: trước ngày 15/6/2025'] },
      { type: 'paragraph', runs: [{ text: 'Lưu ý:', bold: true }, { text: ' báo cáo gửi bằng văn bản điện tử' }, { text: ' (có ký số)', italic: true }, { text: '.' }] },
    ]);
  });

  it('reads the HTML LibreOffice writes for a công văn this service rendered (runs, "- " items)', () => {
    const pieces = piecesFromHtml(fixture('libreoffice-cong-van.html'));
    const shown = show(pieces);
    const start = shown.indexOf('¶ Kính gửi: Sở Nội vụ tỉnh Thanh Hóa');
    expect(start).toBeGreaterThan(0);
    expect(shown.slice(start + 1, start + 6)).toEqual([
      '¶ Để chuẩn bị **Hội nghị sơ kết** công tác cải cách hành chính, _Sở Nội vụ_ đề nghị các đơn vị báo cáo ***trước ngày 15/6/2025***:',
      '• Kết quả thực hiện nhiệm vụ quý II',
      '• Khó khăn, vướng mắc và kiến nghị',
      '¶ Báo cáo gửi về Phòng Cải cách hành chính.',
      '¶ Trân trọng./.',
    ]);
    // The header's table cells: a paragraph each, their <br/> ending a line.
    expect(shown).toContain('¶ **ỦY BAN NHÂN DÂN**');
    expect(shown.join('\n')).not.toMatch(/@page|font-size|DejaVu/);
  });

  it("reads LibreOffice's real lists (<li> left unclosed): bullets become a list block, numbers stay", () => {
    const pieces = piecesFromHtml(fixture('libreoffice-lists.html'));
    expect(show(pieces)).toEqual([
      '¶ Thực hiện **Kế hoạch số 12/KH-UBND**, đề nghị các phòng _chủ động_ triển khai:',
      '• Rà soát thủ tục hành chính',
      '• Cập nhật **cơ sở dữ liệu** quốc gia',
      '1. Báo cáo quý',
      '2. Báo cáo năm',
      '¶ Thời hạn: ***trước ngày 20/12/2025***.',
    ]);
    expect(blocksFromPieces(pieces).map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('reads nested HTML lists, <ol type> and start, and a browser copy (Google Docs bold off by style)', () => {
    const html =
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><ul><li>Một<ul><li>Một một</li><li>Một <span style="font-weight:700">hai</span></li></ul></li><li>Hai</li></ul>' +
      '<ol type="a" start="3"><li>ba</li><li>bốn</li></ol><h2>Tiêu đề</h2><table><tr><td>Ô 1</td><td><em>Ô 2</em></td></tr></table></b>';
    expect(show(piecesFromHtml(html))).toEqual(['• Một', '•• Một một', '•• Một **hai**', '• Hai', 'c) ba', 'd) bốn', '¶ **Tiêu đề**', '¶ Ô 1', '¶ _Ô 2_']);
    expect(blocksFromPieces(piecesFromHtml(html)).slice(0, 1)).toEqual([{ type: 'list', items: [{ text: 'Một', items: ['Một một', 'Một hai'] }, 'Hai'] }]);
  });

  it('survives broken HTML: stray "<", unknown entities, unclosed tags, unmatched closing tags', () => {
    expect(show(piecesFromHtml('a < b &unknown; AT&T &#7871;&#x1EA1; <b>đậm</i> <p>mới</span>'))).toEqual(['¶ a < b &unknown; AT&T ếạ **đậm**', '¶ **mới**']);
    expect(piecesFromHtml('')).toEqual([]);
    expect(piecesFromHtml('<p>&nbsp;</p><p><o:p></o:p></p>')).toEqual([]);
  });
});

describe('plain text and pastes', () => {
  it('takes plain text line by line, "- " and "+ " lines as list items', () => {
    const pieces = piecesFromText('Đề nghị:\r\n- Rà soát\n+ cấp xã\n\n  1. Báo cáo  quý\t\n');
    expect(show(pieces)).toEqual(['¶ Đề nghị:', '• Rà soát', '•• cấp xã', '¶ 1. Báo cáo quý']);
  });

  it('joins pieces with "\\n" for an inline field, items keeping their "-", "+" or number', () => {
    const pieces = piecesFromHtml('<p>Ý kiến <b>Sở</b></p><ul><li>một<ul><li>con</li></ul></li></ul><ol><li>hai</li></ol>');
    expect(inlineRunsFromPieces(pieces)).toEqual([{ text: 'Ý kiến ' }, { text: 'Sở', bold: true }, { text: '\n- một\n+ con\n1. hai' }]);
    expect(blocksFromPieces(pieces, false)).toEqual([
      { type: 'paragraph', runs: [{ text: 'Ý kiến ' }, { text: 'Sở', bold: true }] },
      { type: 'paragraph', text: '- một' },
      { type: 'paragraph', text: '+ con' },
      { type: 'paragraph', text: '1. hai' },
    ]);
  });

  it('splits a paragraph at the caret: head + first pasted paragraph, the others after, the tail ending the last', () => {
    const head = [{ text: 'Đầu ' }];
    const tail = [{ text: ' cuối', italic: true }];
    const para = (t: string): Piece => ({ kind: 'paragraph', runs: [{ text: t }] });
    const item = (t: string): Piece => ({ kind: 'item', runs: [{ text: t }], level: 1, marker: null });
    expect(splitPaste(head, tail, [para('một'), item('hai'), para('ba')])).toEqual({
      current: [{ text: 'Đầu một' }],
      rest: [item('hai'), { kind: 'paragraph', runs: [{ text: 'ba' }, { text: ' cuối', italic: true }] }],
    });
    // A list first: the block keeps its head; the tail becomes a paragraph of its own after the list.
    expect(splitPaste(head, tail, [item('hai')])).toEqual({ current: [{ text: 'Đầu ' }], rest: [item('hai'), { kind: 'paragraph', runs: tail }] });
    // Pasted at the very start of an empty block: nothing is left in it.
    expect(splitPaste([], [], [item('hai'), item('ba')])).toEqual({ current: null, rest: [item('hai'), item('ba')] });
  });

  it('replaces one row of a nested list by several, leaving everything else as it was', () => {
    const data = { title: 'x', appendices: [{ body: [{ type: 'paragraph', text: 'a' }, { type: 'paragraph', text: 'b' }] }] };
    const out = spliceAt(data, ['appendices', 0, 'body', 0], [{ type: 'paragraph', text: 'a1' }, { type: 'list', items: ['a2'] }]) as typeof data;
    expect(out.appendices[0]!.body).toEqual([{ type: 'paragraph', text: 'a1' }, { type: 'list', items: ['a2'] }, { type: 'paragraph', text: 'b' }]);
    expect(data.appendices[0]!.body).toHaveLength(2);
    expect(out.title).toBe('x');
    expect(spliceAt(data, ['title', 0], [1])).toEqual(data);
    // Appends at the end, and starts a list not there yet (a required body before its first row).
    expect((spliceAt(data, ['appendices', 0, 'body', 2], [{ type: 'paragraph' }]) as typeof data).appendices[0]!.body).toHaveLength(3);
    expect(spliceAt({ title: 'x' }, ['body', 0], [{ type: 'paragraph' }])).toEqual({ title: 'x', body: [{ type: 'paragraph' }] });
  });
});

describe('which fields get the editor', () => {
  type Node = Record<string, unknown>;
  const schemaOf = (id: string) => formSchema(jsonSchemaOf(id, CATALOG.find((t) => t.id === id)!.schema)) as Node;
  const paragraphOption = (schema: Node) => {
    const body = (schema.properties as Record<string, Node>).body!;
    return ((body.items as Node).oneOf as Node[]).find((o) => (o.properties as Record<string, Node>).type!.const === 'paragraph')!;
  };
  const runs = (paragraphOption(schemaOf('cong-van')).properties as Record<string, Node>).runs!;
  /** The shape the API gives a rich field (docs/rich-text.md): a string or { runs }. */
  const inline = { anyOf: [{ type: 'string', maxLength: 20000 }, { type: 'object', properties: { runs }, required: ['runs'], additionalProperties: false }], 'x-rich': 'inline', title: 'Nhiệm vụ' };

  it("gives the paragraph block of every type's content blocks (and any rich field) the editor, list blocks for pasted lists, and nothing else", () => {
    let paragraphs = 0;
    for (const t of CATALOG) {
      const schema = formSchema(jsonSchemaOf(t.id, t.schema));
      const ui = uiSchemaFor(schema);
      (function walk(s: unknown, u: unknown): void {
        if (!s || typeof s !== 'object' || Array.isArray(s)) return;
        const node = s as Node;
        const uiNode = (u ?? {}) as Node;
        const shape = richShape(node);
        if (shape === 'paragraph') {
          expect(uiNode['ui:field']).toBe('RichText');
          // 'rich' once the list block's items take rich text (docs/rich-text.md).
          expect(uiNode['ui:options']).toMatchObject({ rich: 'paragraph', branch: true, listBlocks: expect.stringMatching(/^(plain|rich)$/) });
          paragraphs++;
        } else if (shape === 'inline') {
          expect(uiNode['ui:field']).toBe('RichText');
          expect(uiNode['ui:options']).toMatchObject({ rich: 'inline', fieldReplacesAnyOrOneOf: true });
          return;
        } else expect(uiNode['ui:field']).toBeUndefined();
        for (const [k, v] of Object.entries((node.properties ?? {}) as Node)) walk(v, (uiNode as Node)[k]);
        if (node.items) walk(node.items, uiNode.items);
        for (const key of ['oneOf', 'anyOf'] as const)
          if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((o, i) => walk(o, ((uiNode[key] ?? []) as unknown[])[i]));
      })(schema, ui);
    }
    expect(paragraphs).toBeGreaterThanOrEqual(CATALOG.length - 1);
  });

  it('gives an inline rich field the editor in place of the choice between its two branches', () => {
    expect(richShape(inline)).toBe('inline');
    const ui = uiSchemaFor({ type: 'object', properties: { tasks: { type: 'array', items: inline }, closing: inline } } as never);
    expect(ui.closing).toEqual({ 'ui:field': 'RichText', 'ui:options': { rich: 'inline', fieldReplacesAnyOrOneOf: true } });
    expect((ui.tasks as Node).items).toEqual(ui.closing);
    // Not the shape: three branches, a second property beside runs, runs without bold/italic.
    expect(richShape({ anyOf: [...inline.anyOf, { type: 'number' }] })).toBeUndefined();
    const [text, object] = inline.anyOf as unknown as [Node, Node];
    expect(richShape({ anyOf: [text, { ...object, properties: { runs, note: { type: 'string' } } }] })).toBeUndefined();
    expect(richShape({ anyOf: [text, { ...object, properties: { runs: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } } } } } }] })).toBeUndefined();
  });

  it('pastes rich list items (a string or { runs }) where the list block takes them', () => {
    const listBlock = { type: 'object', properties: { type: { type: 'string', const: 'list' }, items: { type: 'array', items: { anyOf: [inline, { type: 'object', properties: { text: inline, items: { type: 'array', items: inline } } }] } } } };
    expect(listBlockItems([paragraphOption(schemaOf('cong-van')), listBlock])).toBe('rich');
    expect(listBlockItems([paragraphOption(schemaOf('cong-van'))])).toBeUndefined();
    const pieces = piecesFromHtml('<ul><li>Rà soát <b>thủ tục</b><ul><li><i>cấp tỉnh</i></li></ul></li><li>Công khai</li></ul>');
    expect(blocksFromPieces(pieces, 'rich')).toEqual([
      { type: 'list', items: [{ text: { runs: [{ text: 'Rà soát ' }, { text: 'thủ tục', bold: true }] }, items: [{ runs: [{ text: 'cấp tỉnh', italic: true }] }] }, 'Công khai'] },
    ]);
  });
});
