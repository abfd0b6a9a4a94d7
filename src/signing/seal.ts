/**
 * The test seal (SIGNING_TEST_CERTS=1 only): a red round seal, 36 mm, the agency's name around its rim, a
 * star and "TEST" in the middle, drawn as SVG, printed by the Chromium pool already running (the shell's
 * fonts: Vietnamese renders as in the documents), then rasterised by Ghostscript's pngalpha device at 300 dpi
 * with a transparent background. No native image library is needed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HtmlDoc } from '../render/html.js';
import { lastLines, run } from '../archive/pdfa/tools.js';
import { withFile } from './pdf.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SVG page of a seal of `mm` millimetres with `name` around its rim. */
export function sealDoc(name: string, mm = 36): HtmlDoc {
  const rim = name.normalize('NFC').toLocaleUpperCase('vi');
  const size = Math.max(2.6, Math.min(4.2, 230 / Math.max(1, rim.length)));
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="${mm}mm" height="${mm}mm" viewBox="0 0 100 100" style="display:block">
  <defs><path id="rim" d="M 50 50 m -36 0 a 36 36 0 1 1 72 0 a 36 36 0 1 1 -72 0" /></defs>
  <g fill="none" stroke="#d0021b"><circle cx="50" cy="50" r="48" stroke-width="2.4"/><circle cx="50" cy="50" r="29" stroke-width="1"/></g>
  <text fill="#d0021b" font-size="${size.toFixed(2)}" font-weight="bold" letter-spacing="0.3"><textPath href="#rim" startOffset="25%" text-anchor="middle">${escape(rim)}</textPath></text>
  <polygon fill="#d0021b" points="50,30 54.7,43.5 69,43.8 57.6,52.4 61.8,66.2 50,58 38.2,66.2 42.4,52.4 31,43.8 45.3,43.5"/>
  <text x="50" y="76" fill="#d0021b" font-size="7" font-weight="bold" text-anchor="middle">TEST</text>
</svg>`;
  return { title: 'seal', pageCss: `@page { size: ${mm}mm ${mm}mm; margin: 0 }`, body };
}

/** A transparent PNG of the seal at 300 dpi, from the PDF Chromium printed of sealDoc. */
export async function sealPng(printed: Buffer): Promise<Buffer> {
  return withFile(printed, async (file, ctx) => {
    const out = path.join(ctx.cwd, 'seal.png');
    const r = await run('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=pngalpha', '-r300', `-sOutputFile=${out}`, file], { ...ctx, what: 'Ghostscript' });
    if (r.code !== 0) throw new Error(`Ghostscript could not draw the test seal: ${lastLines(r.stderr)}`);
    return readFile(out);
  });
}
