/** Reading rendered files back: DOCX parts and text, PDF text and page facts, LibreOffice conversion. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PDFParse } from 'pdf-parse';

export function docxParts(bytes: Buffer): Map<string, string> {
  const zip = new PizZip(bytes);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, f.asText());
  return out;
}

export function xmlProblems(parts: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [name, text] of parts) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const r = XMLValidator.validate(text);
    if (r !== true) out.push(`${name}: ${r.err.msg} (line ${r.err.line})`);
  }
  return out;
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Visible text of word/document.xml in document order, one line per paragraph. */
export function docxText(documentXml: string): string {
  const paras = documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
  return paras
    .map((p) =>
      (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:br\/>|<w:tab\/>/g) ?? [])
        .map((t) => (t.startsWith('<w:t') ? decode(t.replace(/<[^>]+>/g, '')) : ' '))
        .join(''),
    )
    .filter((l) => l.trim() !== '')
    .join('\n');
}

export async function pdfPagesText(bytes: Buffer): Promise<string[]> {
  const p = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const r = await p.getText();
    return r.pages.map((pg) => pg.text);
  } finally {
    await p.destroy();
  }
}

/** Words after NFC and whitespace normalisation (no-break spaces included). */
export const words = (s: string) => s.normalize('NFC').split(/\s+/u).filter(Boolean);

function withTmp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-test-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfInfo(bytes: Buffer): { pages: number; pageSizes: [number, number][]; fonts: string[] } {
  return withTmp((dir) => {
    const f = path.join(dir, 'a.pdf');
    writeFileSync(f, bytes);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', f], { encoding: 'utf8' });
    const pageSizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(
      (m) => [Number(m[1]), Number(m[2])] as [number, number],
    );
    const fontsOut = execFileSync('pdffonts', [f], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    return { pages: pageSizes.length, pageSizes, fonts: fontsOut.map((l) => l.split(/\s+/)[0] ?? '') };
  });
}

/** Text of one page laid out as printed (pdftotext -layout), for what sits at the top of the page. */
export function pageLayoutText(bytes: Buffer, page: number): string {
  return withTmp((dir) => {
    const f = path.join(dir, 'a.pdf');
    writeFileSync(f, bytes);
    return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), f, '-'], { encoding: 'utf8' });
  });
}

/** Converts DOCX files with LibreOffice (headless) in one run; returns the PDF bytes of each. */
export function libreOfficeToPdf(files: { name: string; bytes: Buffer }[]): Map<string, Buffer> {
  return withTmp((dir) => {
    for (const f of files) writeFileSync(path.join(dir, `${f.name}.docx`), f.bytes);
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), ...files.map((f) => path.join(dir, `${f.name}.docx`))],
      { stdio: 'pipe', timeout: 240_000 },
    );
    const out = new Map<string, Buffer>();
    for (const f of readdirSync(path.join(dir, 'out'))) out.set(f.replace(/\.pdf$/, ''), readFileSync(path.join(dir, 'out', f)));
    return out;
  });
}

export const xml = new XMLParser({ ignoreAttributes: false, preserveOrder: true });

/** A text line of a PDF page and its box in pt from the top left (pdftotext -bbox-layout). */
export type PdfLine = { xMin: number; yMin: number; xMax: number; yMax: number; text: string };

/** The text lines of one page of a PDF, in pdftotext's reading order. */
export function pdfLines(bytes: Buffer, page: number): PdfLine[] {
  const out = withTmp((dir) => {
    const f = path.join(dir, 'a.pdf');
    writeFileSync(f, bytes);
    return execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), f, '-'], { encoding: 'utf8' });
  });
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...out.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: [...m[5]!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1]!)).join(' ').normalize('NFC'),
  }));
}

/**
 * The horizontal rules drawn on one page of a PDF, in pt from the top left: runs of dark pixels at least
 * `minPt` long in a 144 dpi greyscale rendering (pdftoppm), one per rule however many pixel rows it covers.
 */
export function pdfRules(bytes: Buffer, page: number, minPt: number): { y: number; x0: number; x1: number }[] {
  const DPI = 144;
  const pgm = withTmp((dir) => {
    const f = path.join(dir, 'a.pdf');
    writeFileSync(f, bytes);
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-singlefile', '-f', String(page), '-l', String(page), f, path.join(dir, 'p')]);
    return readFileSync(path.join(dir, 'p.pgm'));
  });
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!head) throw new Error('pdftoppm did not write a binary greyscale PGM');
  const [w, h, start] = [Number(head[1]), Number(head[2]), head[0].length];
  const px = DPI / 72;
  const rules: { y: number; x0: number; x1: number }[] = [];
  for (let row = 0; row < h; row++) {
    for (let x = 0; x < w; ) {
      if (pgm[start + row * w + x]! >= 128) {
        x++;
        continue;
      }
      let end = x;
      while (end < w && pgm[start + row * w + end]! < 128) end++;
      const rule = { y: row / px, x0: x / px, x1: end / px };
      const same = rules.find((r) => Math.abs(r.x0 - rule.x0) < 1 && Math.abs(r.x1 - rule.x1) < 1 && rule.y - r.y < 2);
      if (end - x >= minPt * px && !same) rules.push(rule);
      x = end;
    }
  }
  return rules;
}
