/**
 * The empty signature fields of an archival PDF (Decree 30, Appendix I, "Electronic documents"): the archive
 * adds them to the PDF/A before it hashes and stores it, so that what the person with authority signs is the
 * archived file itself.
 *
 *   ChuKyNguoiCoThamQuyen  the signer's image: between the title lines of ô 7 and the signer's name, centred on
 *                          the name;
 *   ChuKyCoQuan            the agency's seal: a square of the seal's real size (36 mm) whose right third covers
 *                          the left third of the signer's field, centred on it vertically.
 *
 * Where ô 7 printed is read from the PDF itself (poppler's pdftotext -bbox-layout): the last line of the
 * document whose text is exactly the signer's name, and the nearest line above it that overlaps it
 * horizontally (the last title line). A file without that line (an appendix or attachment issued in its own
 * file) gets the agency's field alone, at the top right of page 1 (docs/signing.md).
 *
 * The fields are merged field/widget dictionaries (/FT /Sig, print flag, locked against deletion) with an
 * empty /AP /N form (PDF/A-2 wants an appearance on every widget, and only /N); qpdf writes them in with the
 * archive's other changes (--update-from-json) and the result keeps a classic xref table, which the
 * incremental updates of signing append to.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PdfAError } from '../archive/pdfa/errors.js';
import { lastLines, run } from '../archive/pdfa/tools.js';
import { structure, utf16, type Json, type JsonObj } from '../archive/pdfa/structure.js';
import { dictAt, pageNumbers, resolve, withFile } from './pdf.js';

export const SIGNER_FIELD = 'ChuKyNguoiCoThamQuyen';
export const AGENCY_FIELD = 'ChuKyCoQuan';

/** A rectangle in PDF user space (origin bottom left, points). */
export type Rect = [number, number, number, number];
export type Placement = { page: number; signer?: Rect; agency: Rect };

/** The real size of a round seal (Decree 30 puts it in real size): 36 mm. */
export const SEAL_PT = (36 / 25.4) * 72;
const SIGNATURE_WIDTH_PT = 150;

type Line = { page: number; pageHeight: number; pageWidth: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** The text lines of a PDF with their boxes (top-left origin, as pdftotext gives them). */
function linesOf(html: string): Line[] {
  const out: Line[] = [];
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  let page = -1;
  let height = 0;
  let width = 0;
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
    if (m[1]) {
      page++;
      width = Number(m[1]);
      height = Number(m[2]);
      continue;
    }
    const words = [...m[7]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1]!));
    out.push({ page, pageHeight: height, pageWidth: width, text: words.join(' '), xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]) });
  }
  return out;
}

/** Where the fields go, from the printed position of ô 7 (see the header). */
export function placeFields(bboxHtml: string, signerName: string): Placement {
  const lines = linesOf(bboxHtml);
  const name = norm(signerName);
  const nameLine = name ? [...lines].reverse().find((l) => norm(l.text) === name) : undefined;
  if (!nameLine) {
    const first = lines.find((l) => l.page === 0);
    const w = first?.pageWidth ?? 595;
    const h = first?.pageHeight ?? 842;
    // Top right of page 1, inside a 20 mm margin: a box for the agency's signature text.
    return { page: 0, agency: [w - 57 - 200, h - 57 - 60, w - 57, h - 57] };
  }
  const above = lines
    .filter((l) => l.page === nameLine.page && l.yMax <= nameLine.yMin && l.xMax > nameLine.xMin && l.xMin < nameLine.xMax)
    .sort((a, b) => b.yMax - a.yMax)[0];
  const top = above ? above.yMax + 2 : nameLine.yMin - 80;
  const bottom = nameLine.yMin - 2;
  const centre = (nameLine.xMin + nameLine.xMax) / 2;
  const h = nameLine.pageHeight;
  const signer: Rect = [centre - SIGNATURE_WIDTH_PT / 2, h - bottom, centre + SIGNATURE_WIDTH_PT / 2, h - top];
  const mid = (signer[1] + signer[3]) / 2;
  const right = signer[0] + SIGNATURE_WIDTH_PT / 3;
  const agency: Rect = [right - SEAL_PT, mid - SEAL_PT / 2, right, mid + SEAL_PT / 2];
  return { page: nameLine.page, signer, agency };
}

const round = (r: Rect): Rect => r.map((x) => Math.round(x * 100) / 100) as Rect;

/**
 * The archival PDF with its two empty signature fields (one, for the agency, when ô 7 is not found). Runs
 * pdftotext and qpdf in a private temporary directory; PdfAError when a tool fails or qpdf --check is not clean.
 */
export async function addSignatureFields(pdf: Buffer, signerName: string, timeoutMs = 60_000): Promise<{ pdf: Buffer; placement: Placement }> {
  return withFile(
    pdf,
    async (file, ctx) => {
      const bbox = await run('pdftotext', ['-bbox-layout', file, '-'], { ...ctx, what: 'pdftotext' });
      if (bbox.code !== 0) throw new PdfAError('qpdf_failed', `pdftotext could not read the archival PDF: ${lastLines(bbox.stderr)}`);
      const placement = placeFields(bbox.stdout.toString('utf8'), signerName);
      const s = await structure('qpdf', file, ctx, 'archival PDF', false);
      const pageNum = pageNumbers(s)[placement.page];
      const page = dictAt(s, pageNum);
      if (pageNum === undefined || !page) throw new PdfAError('qpdf_failed', 'the archival PDF has no page for the signature fields');
      let next = s.maxObjectId + 1;
      const objects: Record<string, Json> = {};
      const fieldRefs: string[] = [];
      const add = (name: string, rect: Rect) => {
        const [ap, field] = [next++, next++];
        const r = round(rect);
        objects[`obj:${ap} 0 R`] = { stream: { dict: { '/Type': '/XObject', '/Subtype': '/Form', '/BBox': [0, 0, r[2] - r[0], r[3] - r[1]] }, data: '' } };
        // /F 132: print and locked; /Ff 0; /Lock none: a signer's tool may lock what it wants.
        objects[`obj:${field} 0 R`] = {
          value: { '/Type': '/Annot', '/Subtype': '/Widget', '/FT': '/Sig', '/T': utf16(name), '/F': 132, '/Rect': r, '/P': `${pageNum} 0 R`, '/AP': { '/N': `${ap} 0 R` } },
        };
        fieldRefs.push(`${field} 0 R`);
      };
      if (placement.signer) add(SIGNER_FIELD, placement.signer);
      add(AGENCY_FIELD, placement.agency);
      const annots = resolve(s, page['/Annots']);
      const acroForm = next++;
      objects[`obj:${acroForm} 0 R`] = { value: { '/Fields': fieldRefs } };
      objects[`obj:${pageNum} 0 R`] = { value: { ...page, '/Annots': [...(Array.isArray(annots) ? annots : []), ...fieldRefs] } };
      objects[s.catalogKey] = { value: { ...s.catalog, '/AcroForm': `${acroForm} 0 R` } as JsonObj };
      const updateFile = path.join(ctx.cwd, 'fields.json');
      const output = path.join(ctx.cwd, 'fields.pdf');
      await writeFile(updateFile, JSON.stringify({ qpdf: [{ jsonversion: 2, pushedinheritedpageresources: false, calledgetallpages: false, maxobjectid: next - 1 }, objects] }));
      const u = await run('qpdf', [file, `--update-from-json=${updateFile}`, '--object-streams=disable', output], { ...ctx, what: 'qpdf' });
      if (u.code !== 0) throw new PdfAError('qpdf_failed', `qpdf could not add the signature fields (exit ${u.code}): ${lastLines(u.stderr)}`);
      const check = await run('qpdf', ['--check', output], { ...ctx, what: 'qpdf' });
      if (check.code !== 0) throw new PdfAError('qpdf_failed', `qpdf --check found problems after adding the signature fields: ${lastLines(check.stdout.toString('utf8') + check.stderr)}`);
      return { pdf: await readFile(output), placement };
    },
    timeoutMs,
  );
}
