/**
 * DOCX side: docxtemplater + pizzip. At start-up each type's template is assembled once, from
 * templates/_shared/docx/package (styles, settings, page-number header, properties) and the type's
 * templates/<id>/document.xml, whose `<!--include NAME-->` comments pull in the shared national-format blocks
 * and whose `<!--tag {...}-->` comments stand for a paragraph holding only a docxtemplater tag. Each render
 * opens the assembled zip, merges the view (plus the geometry computed in ooxml.ts), and zips the result.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import Docxtemplater from 'docxtemplater';
import type { BaseView } from '../../documents/types.js';
import { braceLayout } from '../brace.js';
import { loadFonts } from '../fonts.js';
import { TEMPLATES_DIR } from '../paths.js';
import { blocksXml, footnotesPart, recipientGroup, rule, sectPr, sectionBreak, stamp, textWidth } from './ooxml.js';
import type { BlockView, FootnoteView } from '../../documents/common/view.js';
import { writeZip, zipEntry, type ZipEntry } from './zip.js';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const HEADER_LEFT = 3555;
const HEADER_RIGHT = 5800;
const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** Expands includes and tag paragraphs; strips comments and the whitespace between elements. */
export function preprocess(xml: string, partials: Map<string, string>, depth = 0): string {
  if (depth > 5) throw new Error('DOCX template includes nest too deep');
  return xml
    .replace(/<!--include (\w+)-->/g, (_, name: string) => {
      const p = partials.get(name);
      if (p === undefined) throw new Error(`unknown DOCX partial ${name}`);
      return preprocess(p, partials, depth + 1);
    })
    .replace(/<!--tag (\{[^}]+\})-->/g, '<w:p><w:r><w:t>$1</w:t></w:r></w:p>')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Adds the DOCX-only fields (joined lines, raw XML of blocks, rules, section ends) to a copy of the view. */
export function docxData(view: BaseView): Obj {
  const fonts = loadFonts();
  const twips = (text: string, bold: boolean, sizePt: number) => fonts.widthPt(text, { bold }, sizePt) * 20;
  const lastPage = view.pages[view.pages.length - 1]?.name;
  const orientationOf = new Map(view.pages.map((p) => [p.name, p.orientation] as const));
  const footnotes: { n: number; text: string }[] = [];
  // A footnote's w:id must be unique in the package (Word refuses a file with two footnotes of one id). A
  // section that numbers its notes from 1 again (an appendix with its own counter) gets the next free ids;
  // Word numbers the marks it shows by position.
  const used = new Set<number>();
  const idOf = new Map<FootnoteView, number>();
  const assign = (f: FootnoteView) => {
    let id = f.n;
    if (used.has(id)) id = Math.max(...used) + 1;
    used.add(id);
    idOf.set(f, id);
    footnotes.push({ n: id, text: f.text });
  };

  const walk = (v: unknown, orientation: 'portrait' | 'landscape'): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, orientation));
    if (!isObj(v)) return v;
    const page = typeof v.page === 'string' ? v.page : undefined;
    const o = page ? (orientationOf.get(page) ?? orientation) : orientation;
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, o);
    const width = textWidth(o);
    if (Array.isArray(v.agencyLines)) {
      const lines = v.agencyLines as string[];
      const parent = (v.parentLines as string[] | undefined) ?? [];
      out.parentText = parent.join('\n');
      out.agencyText = lines.join('\n');
      out.agencyRule = rule(0.4 * Math.max(...lines.map((l) => twips(l, true, 13))), HEADER_LEFT);
      out.tnRule = rule(twips(TIEU_NGU, true, 14), HEADER_RIGHT);
      out.vvText = Array.isArray(v.vvLines) ? (v.vvLines as string[]).join('\n') : '';
      const u = v.urgency as { text: string; widthMm: number } | undefined;
      const s = v.secrecy as { text: string } | undefined;
      out.stampsXml =
        (u ? stamp(u.text, u.widthMm, HEADER_LEFT) : '') +
        (s
          ? `<w:p><w:pPr><w:spacing w:before="120"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/></w:rPr><w:t>${s.text}</w:t></w:r></w:p>`
          : '');
    }
    if (Array.isArray(v.summaryLines)) {
      const lines = v.summaryLines as string[];
      out.summaryText = lines.join('\n');
      // The rule 6 pt under the trích yếu and 12 pt above the body: with a 3 pt line and no space after,
      // LibreOffice draws it through the trích yếu's descenders and lays the body's first line over it.
      out.summaryRule = rule(0.4 * Math.min(width, Math.max(...lines.map((l) => twips(l, true, 14)))), width, 240, 140);
    }
    if (Array.isArray(v.blocks)) {
      const blocks = v.blocks as BlockView[];
      for (const b of blocks) if (b.kind === 'paragraph' && b.footnote) assign(b.footnote);
      out.blocksXml = blocksXml(blocks, width, (f) => idOf.get(f) ?? f.n);
    }
    if (isObj(v.group)) {
      const g = v.group as { lines: string[]; note: string };
      out.groupXml = recipientGroup(g.lines, g.note, braceLayout(g.lines, g.note));
    }
    if (typeof v.reference === 'string' && typeof v.heading === 'string') out.appendixRule = rule(0.3 * width, width, 240);
    if (page) out.sectionEnd = page === lastPage ? '' : sectionBreak(o);
    return out;
  };
  const data = walk(view, 'portrait') as Obj;
  data.meta = {
    ...view.meta,
    keywordsText: view.meta.keywords.join(', '),
    createdIso: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  data.footnotesXml = footnotesPart(footnotes);
  return data;
}

export type DocxRenderer = { render(id: string, view: BaseView): Buffer; has(id: string): boolean };

type Template = {
  /** The assembled package, stored uncompressed, as docxtemplater opens it. */
  bytes: Buffer;
  /** Every part in package order, with its template bytes and its entry compressed once. */
  parts: { name: string; bytes: Buffer; entry: ZipEntry }[];
};

const tagParagraph = (tag: string) => `<w:p><w:r><w:t>${tag}</w:t></w:r></w:p>`;

/**
 * The outermost sections of a body (`{#name}` ... `{/name}` standing alone in their paragraphs, not inside
 * another section), with their extent. A section whose data is empty renders nothing; dropping it from the
 * template before docxtemplater compiles it gives the same document for less compiling (a decision without
 * its attached document compiles half the XML).
 */
export function outerSections(body: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  const stack: { name: string; at: number; whole: boolean }[] = [];
  for (const m of body.matchAll(/\{([#^/])([\w.]*)\}/g)) {
    const [tag, kind, name] = m as unknown as [string, string, string];
    const at = m.index;
    const paraStart = at - '<w:p><w:r><w:t>'.length;
    const whole = body.startsWith(tagParagraph(tag), paraStart);
    if (kind !== '/') {
      stack.push({ name, at: whole ? paraStart : at, whole: whole && kind === '#' });
      continue;
    }
    const open = stack.pop();
    if (!open || open.name !== name) throw new Error(`DOCX template: {/${name}} closes ${open ? `{#${open.name}}` : 'nothing'}`);
    if (stack.length === 0 && open.whole && whole) out.push({ name, start: open.at, end: paraStart + tagParagraph(tag).length });
  }
  if (stack.length) throw new Error(`DOCX template: {#${stack[stack.length - 1]!.name}} is never closed`);
  return out;
}

/** The empty paragraph that opens the signature block (templates/_shared/docx/signature.xml), just before its table. */
const SIGNATURE_SPACER = '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="exact"/></w:pPr></w:p><w:tbl>';

/**
 * The paragraph just before the signature block kept with it ("Keep with next"), as the PDF does
 * (`.nd30-signature { break-before: avoid }`): a page holding only Nơi nhận and the signature, with none of the
 * text it signs, is what a clerk fixes by hand before signing (a page that could be swapped for another). A
 * paragraph that ends a section (its sectPr) is left alone, and so is a table before the signature.
 */
export function keepWithSignature(xml: string): string {
  let at = xml.indexOf(SIGNATURE_SPACER);
  let out = xml;
  while (at > 0) {
    if (out.endsWith('</w:p>', at)) {
      const start = Math.max(out.lastIndexOf('<w:p>', at - 1), out.lastIndexOf('<w:p ', at - 1));
      const para = out.slice(start, at);
      if (start >= 0 && !para.includes('<w:sectPr') && !para.includes('<w:keepNext/>')) {
        const open = para.indexOf('>') + 1;
        let kept: string;
        if (para.startsWith('<w:pPr>', open)) {
          const style = /^<w:pPr>(<w:pStyle [^>]*\/>)?/.exec(para.slice(open))!;
          kept = para.slice(0, open + style[0].length) + '<w:keepNext/>' + para.slice(open + style[0].length);
        } else kept = para.slice(0, open) + '<w:pPr><w:keepNext/></w:pPr>' + para.slice(open);
        out = out.slice(0, start) + kept + out.slice(at);
        at += kept.length - para.length;
      }
    }
    at = out.indexOf(SIGNATURE_SPACER, at + SIGNATURE_SPACER.length);
  }
  return out;
}

const isEmpty = (v: unknown) => !v || (Array.isArray(v) && v.length === 0);

export function createDocxRenderer(ids: string[], templatesDir: string = TEMPLATES_DIR): DocxRenderer {
  const shared = path.join(templatesDir, '_shared', 'docx');
  const partials = new Map<string, string>();
  for (const f of readdirSync(shared)) {
    if (f.endsWith('.xml')) partials.set(f.replace(/\.xml$/, ''), readFileSync(path.join(shared, f), 'utf8'));
  }
  const pkgDir = path.join(shared, 'package');
  const pkgFiles = listFiles(pkgDir).map((f) => [f, readFileSync(path.join(pkgDir, f))] as const);

  const assemble = (body: string): Template => {
    // The body-level sectPr describes the last section; its orientation is a tag-chosen alternative.
    const documentXml = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}${tagParagraph('{@finalSectPr}')}</w:body></w:document>`,
    );
    const files = [...pkgFiles, ['word/document.xml', documentXml] as const];
    const zip = new PizZip();
    for (const [name, bytes] of files) zip.file(name, bytes);
    const bytes = zip.generate({ type: 'nodebuffer', compression: 'STORE' });
    return { bytes, parts: files.map(([name, b]) => ({ name, bytes: b, entry: zipEntry(name, b) })) };
  };

  type Source = { body: string; sections: { name: string; start: number; end: number }[]; variants: Map<string, Template> };
  const sources = new Map<string, Source>();
  for (const id of ids) {
    const body = preprocess(readFileSync(path.join(templatesDir, id, 'document.xml'), 'utf8'), partials);
    const full = assemble(body);
    // Compile once now so a broken template fails at start-up, not on the first request.
    new Docxtemplater(new PizZip(full.bytes), { paragraphLoop: true, linebreaks: true });
    sources.set(id, { body, sections: outerSections(body), variants: new Map([['', full]]) });
  }

  /** The template without the outer sections whose data is empty (assembled once per combination). */
  const templateFor = (id: string, data: Obj): Template | undefined => {
    const src = sources.get(id);
    if (!src) return undefined;
    const dropped = src.sections.filter((s) => isEmpty(data[s.name]));
    const key = dropped.map((s) => s.start).join(',');
    let tpl = src.variants.get(key);
    if (!tpl) {
      let body = src.body;
      for (const s of [...dropped].reverse()) body = body.slice(0, s.start) + body.slice(s.end);
      tpl = assemble(body);
      src.variants.set(key, tpl);
    }
    return tpl;
  };

  return {
    has: (id) => sources.has(id),
    render(id, view) {
      const data = docxData(view);
      const last = view.pages[view.pages.length - 1];
      data.finalSectPr = sectPr(last?.orientation ?? 'portrait');
      const tpl = templateFor(id, data);
      if (!tpl) throw new Error(`no DOCX template for ${id}`);
      const doc = new Docxtemplater(new PizZip(tpl.bytes), {
        paragraphLoop: true,
        linebreaks: true,
        nullGetter: () => '',
      });
      doc.render(data);
      const out = doc.getZip();
      // A part docxtemplater left as it was keeps the entry compressed at start-up; the others are compressed now.
      const entries = tpl.parts.map(({ name, bytes, entry }) => {
        if (name === 'word/footnotes.xml') return zipEntry(name, Buffer.from(data.footnotesXml as string));
        if (name === 'word/document.xml') return zipEntry(name, Buffer.from(keepWithSignature(out.file(name)!.asText())));
        const rendered = out.file(name)?.asUint8Array();
        if (!rendered) throw new Error(`DOCX part ${name} missing after render`);
        return Buffer.compare(rendered, bytes) === 0 ? entry : zipEntry(name, rendered);
      });
      return writeZip(entries);
    },
  };
}
