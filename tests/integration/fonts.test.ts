/**
 * The PDFs are set in the fonts the service ships (fonts/), not in whatever the host has installed. The test
 * hides the host's Liberation fonts from Chromium (a fontconfig that knows only DejaVu) and checks that every
 * face in the PDF is still Liberation Serif, and, as a control, that text asking for the system's "Liberation
 * Serif" by name really comes out in another font under that configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PdfPool } from '../../src/render/pdf/pool.js';
import { createHtmlRenderer } from '../../src/render/html.js';
import { pdfInfo } from '../support/docs.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-fc-'));
const saved = process.env.FONTCONFIG_FILE;
let pool: PdfPool;

beforeAll(async () => {
  const conf = path.join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/cache</cachedir></fontconfig>\n`,
  );
  // Chromium inherits this process's environment (each test file runs in its own process).
  process.env.FONTCONFIG_FILE = conf;
  pool = new PdfPool({ executablePath: '/usr/bin/chromium', size: 1, queueSize: 4, restartAfter: 1000, shell: createHtmlRenderer([]).shell() });
  await pool.start();
});
afterAll(async () => {
  await pool?.close();
  if (saved === undefined) delete process.env.FONTCONFIG_FILE;
  else process.env.FONTCONFIG_FILE = saved;
  rmSync(dir, { recursive: true, force: true });
});

const print = (body: string) => pool.print({ title: 'fonts', pageCss: '', body }, { deadline: Date.now() + 20_000 });

describe('fonts', () => {
  it('sets every face in the shipped Liberation Serif even when the host has none', async () => {
    const pdf = await print('<p>Cộng hòa xã hội chủ nghĩa Việt Nam <b>Độc lập</b> <i>Tự do</i> <b><i>Hạnh phúc</i></b></p>');
    const { fonts } = pdfInfo(pdf);
    expect(fonts.map((f) => f.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'LiberationSerif',
      'LiberationSerif-Bold',
      'LiberationSerif-BoldItalic',
      'LiberationSerif-Italic',
    ]);
  });

  it('control: under this configuration the host offers no Liberation Serif of its own', async () => {
    const pdf = await print('<p style="font-family: \'Liberation Serif\'">Cộng hòa xã hội chủ nghĩa Việt Nam</p>');
    const { fonts } = pdfInfo(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).not.toMatch(/Liberation/);
  });
});
