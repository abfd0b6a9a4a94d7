/**
 * One Chromium page as the pool uses it: opened on the shell document with the shipped fonts answered from
 * memory (every other request aborted), then filled, printed and emptied for each document.
 */
import type { Browser, Page } from 'puppeteer-core';
import { FONT_FILES, loadFonts } from '../fonts.js';
import { FONT_ORIGIN, type HtmlDoc } from '../html.js';
import { placeFootnotes } from './footnotes.js';

/** Fonts by URL of the font origin, answered from memory. */
export type FontMap = ReadonlyMap<string, Buffer>;

/** The shipped fonts, by their URL on the font origin. */
export function shippedFonts(): FontMap {
  const f = loadFonts();
  return new Map(Object.entries(FONT_FILES).map(([k, file]) => [`${FONT_ORIGIN}/${file}`, f.files[k as keyof typeof FONT_FILES]] as const));
}

/**
 * Opens a page on the shell, with request interception answering the fonts, and checks that every face
 * loaded: a page that cannot load the shipped fonts would print in a system font, so it is never used.
 * `opened` bounds the opening of the page (the caller's timeout); the rest is bounded by puppeteer's
 * protocolTimeout and `loadMs`.
 */
export async function openPage(browser: Browser, shell: string, fonts: FontMap, loadMs: number, opened: (p: Promise<Page>) => Promise<Page>): Promise<Page> {
  const page = await opened(browser.newPage());
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const font = fonts.get(req.url());
    // The shell is an about:blank document (origin "null") and fonts are fetched in CORS mode: without the
    // header Chromium refuses the font and silently sets the text in whatever system font fontconfig offers
    // for the family.
    if (font) void req.respond({ status: 200, contentType: 'font/ttf', headers: { 'access-control-allow-origin': '*' }, body: font }).catch(() => undefined);
    else if (req.url() === 'about:blank') void req.continue().catch(() => undefined);
    else void req.abort('blockedbyclient').catch(() => undefined);
  });
  await page.setContent(shell, { waitUntil: 'load', timeout: loadMs });
  const faces = await page.evaluate(() =>
    Promise.all(
      ['400 normal', '700 normal', '400 italic', '700 italic'].map((f) => {
        const [weight, style] = f.split(' ');
        return document.fonts.load(`${style} ${weight} 14pt "VB Serif"`, 'Việt').then(
          (x) => x.length,
          () => 0,
        );
      }),
    ),
  );
  if (faces.some((n) => n !== 1)) throw new Error(`the shipped fonts did not load in Chromium (faces loaded: ${faces.join(', ')})`);
  return page;
}

/**
 * Fills a warm page with one document (title, page CSS, body), waits for the fonts and prints it. This is the
 * whole of Chromium's work for a document: the benchmarks measure it alone as the floor. A document with
 * footnotes (and only such a one) takes one more evaluate before printing: the pass that sets each note at the
 * foot of its mark's page (footnotes.ts).
 */
export async function fillAndPrint(page: Page, doc: HtmlDoc): Promise<Buffer> {
  await page.evaluate((d: HtmlDoc) => {
    document.title = d.title;
    const pages = document.getElementById('vb-pages');
    if (pages) pages.textContent = d.pageCss;
    document.body.innerHTML = d.body;
    return document.fonts.ready.then(() => undefined);
  }, doc);
  if (doc.footnotePages) await placeFootnotes(page, doc.footnotePages);
  return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 }));
}

/** Prints one document, then empties the body so that no document content stays behind for the next render. */
export async function printOn(page: Page, doc: HtmlDoc): Promise<Buffer> {
  const pdf = await fillAndPrint(page, doc);
  await page.evaluate(() => {
    document.body.innerHTML = '';
  });
  return pdf;
}
