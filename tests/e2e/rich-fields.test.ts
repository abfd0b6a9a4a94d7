/**
 * Rich text in the type-specific free-text fields (docs/rich-text.md): for each type whose fields take
 * { "runs": [...] }, a fixture with one field turned into runs prints the same sequence of (text, bold,
 * italic) in the HTML that Chromium prints (spans classed b/i), in the DOCX word/document.xml (runs with
 * <w:b/>/<w:i/>) and, read back as words, in the PDF. The plain fixtures print as before: `npm run golden`
 * compares them with main (identical). Also: the JSON Schema shape the staff page's editor relies on, and the
 * 422 of a wrong shape.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bare, closeBody, punctuate, richEdit, type RichView } from '../../src/documents/common/view.js';
import { docxParts, pdfPagesText } from '../support/docs.js';

type App = Awaited<ReturnType<typeof buildApp>>;
type Run = { text: string; bold?: boolean; italic?: boolean };
type Printed = { text: string; bold: boolean; italic: boolean };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (file: string): Record<string, any> => JSON.parse(readFileSync(path.join('fixtures', file), 'utf8'));
const printed = (runs: Run[]): Printed[] => runs.map((r) => ({ text: r.text, bold: !!r.bold, italic: !!r.italic }));

/** Every span of the HTML with only b/i classes, and every DOCX run with its text, in document order. */
const htmlRuns = (html: string): Printed[] =>
  [...html.matchAll(/<span class="(b?)( i)?">([^<]*)<\/span>/g)].map((m) => ({ text: m[3]!, bold: m[1] === 'b', italic: !!m[2] }));
const docxRuns = (xml: string): Printed[] =>
  [...xml.matchAll(/<w:r>(?:<w:rPr>(.*?)<\/w:rPr>)?<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g)].map((m) => ({
    text: m[2]!,
    bold: (m[1] ?? '').includes('<w:b/>'),
    italic: (m[1] ?? '').includes('<w:i/>'),
  }));
/** The printed runs from the one whose text is the first expected one, as many as expected. */
const window = (all: Printed[], expected: Printed[]): Printed[] => {
  const i = all.findIndex((r) => r.text === expected[0]!.text);
  return i < 0 ? [] : all.slice(i, i + expected.length);
};
const words = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');

const RUNS: Run[] = [
  { text: 'Trọng tâm: ', bold: true },
  { text: 'hoàn thành trong quý II, ' },
  { text: 'không lùi thời hạn', italic: true },
  { text: ' (bắt buộc).', bold: true, italic: true },
];

/**
 * One case per type: a fixture, the field set to RUNS, what prints (RUNS, with the service's punctuation on the
 * last run), and whether the field's words stand together in the PDF text (not in a table cell, where the
 * other columns' lines interleave).
 */
const CASES: { name: string; type: string; data: () => Record<string, unknown>; expected?: Printed[]; pdf: boolean }[] = [
  {
    name: 'kế hoạch CCHC: a task of an area (list item "a)")',
    type: 'ke-hoach-cchc',
    data: () => {
      const d = fixture('ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json');
      d.areas[1].tasks[0] = { runs: RUNS };
      return d;
    },
    pdf: true,
  },
  {
    name: 'kế hoạch CCHC: a specific task of the framework table (cell)',
    type: 'ke-hoach-cchc',
    data: () => {
      const d = fixture('ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json');
      d.framework.tasks[0].specific = { runs: RUNS };
      return d;
    },
    pdf: false,
  },
  {
    name: 'báo cáo CCHC: the opening paragraph (with its footnote)',
    type: 'bao-cao-cchc',
    data: () => {
      const d = fixture('bao-cao-cchc/bc-quy-1-2024-so-tnmt.json');
      d.opening = { runs: RUNS };
      return d;
    },
    pdf: true,
  },
  {
    name: 'kế hoạch kiểm tra CCHC: a point to inspect (bullet)',
    type: 'ke-hoach-kiem-tra-cchc',
    data: () => {
      const d = fixture('ke-hoach-kiem-tra-cchc/ubnd-nong-cong-2024.json');
      d.contents[0].details[0] = { runs: RUNS };
      return d;
    },
    pdf: true,
  },
  {
    name: 'khung logic CCHC: a specific objective (";" put on the last run)',
    type: 'khung-logic-cchc',
    data: () => {
      const d = fixture('khung-logic-cchc/ubnd-huyen-ninh-hai-2024.json');
      d.specificObjectives[0] = { runs: RUNS };
      return d;
    },
    expected: [...printed(RUNS.slice(0, 3)), { text: ' (bắt buộc);', bold: true, italic: true }],
    pdf: false,
  },
  {
    name: 'chỉ số CCHC: the introduction',
    type: 'chi-so-cchc',
    data: () => {
      const d = fixture('chi-so-cchc/so-tnmt-tu-danh-gia-2024.json');
      d.introduction = { runs: RUNS };
      return d;
    },
    pdf: true,
  },
  {
    name: 'quyết định: an article\'s text (after the bold "Điều 1.")',
    type: 'quyet-dinh',
    data: () => {
      const d = fixture('quyet-dinh/qd-tm-kt.json');
      d.articles[0].text = { runs: RUNS };
      return d;
    },
    pdf: true,
  },
  {
    name: 'quyết định: a point of a clause (after "a)")',
    type: 'quyet-dinh',
    data: () => {
      const d = fixture('quyet-dinh/qd-kt-so-noi-vu.json');
      d.articles[1].clauses[0].points[0].text = { runs: RUNS };
      return d;
    },
    pdf: true,
  },
  {
    name: 'shared list block: an item of a văn bản\'s list',
    type: 'van-ban',
    data: () => {
      const d = fixture('van-ban/thong-bao-ket-luan.json');
      d.body = [{ type: 'list', items: [{ runs: RUNS }, 'Mục thường'] }, ...d.body];
      return d;
    },
    pdf: true,
  },
];

describe('richEdit: the service\'s edits of a text applied to its runs', () => {
  const v: RichView = {
    text: '- Trọng tâm: không lùi thời hạn;',
    runs: [
      { text: '- Trọng tâm: ', bold: true, italic: false },
      { text: 'không lùi thời hạn;', bold: false, italic: true },
    ],
  };
  it('takes characters off the ends of their runs and puts added text on the last run, or in front as a plain run', () => {
    expect(richEdit(v, (s) => punctuate([s], '.')[0]!)).toEqual({
      text: 'Trọng tâm: không lùi thời hạn.',
      runs: [
        { text: 'Trọng tâm: ', bold: true, italic: false },
        { text: 'không lùi thời hạn.', bold: false, italic: true },
      ],
    });
    expect(richEdit(v, (s) => closeBody(bare(s)))).toMatchObject({ runs: [{ text: 'Trọng tâm: ' }, { text: 'không lùi thời hạn./.', italic: true }] });
    // The space after the author's "-" is kept where it stands (in the author's bold run), the "1." put before it.
    expect(richEdit(v, (s) => `1. ${bare(s)}`).runs).toEqual([
      { text: '1.', bold: false, italic: false },
      { text: ' Trọng tâm: ', bold: true, italic: false },
      { text: 'không lùi thời hạn', bold: false, italic: true },
    ]);
    // A plain text stays plain; an edit of the middle leaves the text without runs (none of the callers' does).
    expect(richEdit({ text: 'abc' }, (s) => `${s}.`)).toEqual({ text: 'abc.' });
    expect(richEdit(v, (s) => s.toUpperCase())).toEqual({ text: v.text.toUpperCase() });
  });
});

describe('rich text in the type-specific fields (docs/rich-text.md)', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-rich-fields-'));
    app = await buildApp({ logger: false, dataDir: dir, poolSize: 1 });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.name}: the same runs in the HTML, the DOCX and the PDF`, async () => {
      const svc = app.vanban;
      const data = c.data();
      expect(svc.validate(c.type, data).problems).toEqual([]);
      const p = svc.prepare(c.type, data);
      const expected = c.expected ?? printed(RUNS);
      expect(window(htmlRuns(svc.html.render(c.type, p.view).body), expected)).toEqual(expected);
      const xml = docxParts((await svc.renderPrepared(p, 'docx')).bytes).get('word/document.xml')!;
      expect(window(docxRuns(xml), expected)).toEqual(expected);
      const pdf = words((await pdfPagesText((await svc.renderPrepared(p, 'pdf')).bytes)).join(' '));
      if (c.pdf) expect(pdf).toContain(words(expected.map((r) => r.text).join('')));
      else for (const r of expected) expect(pdf).toContain(words(r.text).trim());
    }, 30_000);
  }

  it('the JSON Schema: a rich field is anyOf a string and an object whose only property is runs, marked x-rich', async () => {
    const res = await app.inject({ url: '/v1/templates/ke-hoach-cchc/schema' });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const s = res.json() as any;
    const specific = s.properties.framework.properties.tasks.items.properties.specific;
    expect(specific['x-rich']).toBe('inline');
    expect(specific.anyOf).toHaveLength(2);
    expect(specific.anyOf[0].type).toBe('string');
    expect(specific.anyOf[1]).toMatchObject({ type: 'object', required: ['runs'], additionalProperties: false });
    expect(Object.keys(specific.anyOf[1].properties)).toEqual(['runs']);
    expect(Object.keys(specific.anyOf[1].properties.runs.items.properties)).toEqual(['text', 'bold', 'italic']);
    const para = (await app.inject({ url: '/v1/templates/van-ban/schema' })).json().properties.body.items.oneOf.find(
      (b: { properties?: { type?: { const?: string } } }) => b.properties?.type?.const === 'paragraph',
    );
    expect(para['x-rich']).toBe('paragraph');
  });

  it('refuses a wrong shape with 422, the JSON path and a Vietnamese message; runs are NFC like strings', async () => {
    const render = (d: unknown) =>
      app.inject({ method: 'POST', url: '/v1/templates/ke-hoach-cchc/render?format=docx', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(d) });
    const d = fixture('ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json');
    d.areas[1].tasks[0] = { runs: [] };
    d.areas[1].tasks[1] = { runs: [{ text: 'x', underline: true }] };
    d.purposes[0] = { runs: [{ text: '   ' }] };
    d.framework.tasks[0].specific = 42;
    const res = await render(d);
    expect(res.statusCode).toBe(422);
    const details = (res.json() as { error: { details: { path: string; code: string; message: string }[] } }).error.details;
    const at = (p: string) => details.find((x) => x.path === p);
    expect(at('$.areas[1].tasks[0].runs')?.message).toBe('Cần ít nhất 1 đoạn chữ');
    expect(at('$.areas[1].tasks[1].runs[0].underline')).toMatchObject({ code: 'unrecognized_key', message: 'Trường "underline" không được chấp nhận' });
    expect(at('$.purposes[0].runs')?.message).toContain('Không được để trống');
    expect(at('$.framework.tasks[0].specific')?.message).toContain('{ "runs"');

    const nfd = 'Nhiệm vụ trọng tâm'.normalize('NFD');
    const ok = fixture('ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json');
    ok.areas[1].tasks[0] = { runs: [{ text: nfd, bold: true }] };
    const v = app.vanban.validate('ke-hoach-cchc', ok);
    expect(v.problems).toEqual([]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    expect((v.data as any).areas[1].tasks[0].runs[0].text).toBe('Nhiệm vụ trọng tâm'.normalize('NFC'));
  });
});
