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
