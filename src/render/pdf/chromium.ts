/**
 * PDF side: Debian's Chromium driven by puppeteer-core. One browser, a small set of reusable pages handed out
 * one render at a time. Each page answers the font origin from memory and aborts every other request, so a
 * document can reach no network and no file. (Pool sizing, queueing and restarts grow here: issue 4.)
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FONT_FILES, loadFonts } from '../fonts.js';
import { FONT_ORIGIN } from '../html.js';

export type ChromiumOptions = {
  executablePath: string;
  /** Pages printing at once. */
  pages: number;
  /** Per print, milliseconds. */
  timeoutMs: number;
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

export class Chromium {
  private browser?: Browser;
  private launching?: Promise<Browser>;
  private idle: Page[] = [];
  private busy = 0;
  private waiters: ((p: Page) => void)[] = [];
  private closed = false;
  private readonly fonts = new Map<string, Buffer>();

  constructor(private readonly opts: ChromiumOptions) {
    const f = loadFonts();
    for (const [k, file] of Object.entries(FONT_FILES)) this.fonts.set(`${FONT_ORIGIN}/${file}`, f.files[k as keyof typeof FONT_FILES]);
  }

  static available(executablePath: string): boolean {
    return existsSync(executablePath);
  }

  private async launch(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.launching ??= puppeteer
      .launch({ executablePath: this.opts.executablePath, headless: true, args: CHROMIUM_ARGS, protocolTimeout: 60_000 })
      .then((b) => {
        this.browser = b;
        this.idle = [];
        b.on('disconnected', () => {
          if (this.browser === b) this.browser = undefined;
        });
        return b;
      })
      .finally(() => {
        this.launching = undefined;
      });
    return this.launching;
  }

  private async newPage(): Promise<Page> {
    const b = await this.launch();
    const page = await b.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      const font = this.fonts.get(url);
      if (font) void req.respond({ status: 200, contentType: 'font/ttf', body: font });
      else if (url.startsWith('data:') || url === 'about:blank') void req.continue();
      else void req.abort('blockedbyclient');
    });
    return page;
  }

  private async acquire(): Promise<Page> {
    if (this.closed) throw new Error('renderer closed');
    const p = this.idle.pop();
    if (p && !p.isClosed() && this.browser?.connected) {
      this.busy++;
      return p;
    }
    if (this.busy < this.opts.pages) {
      this.busy++;
      try {
        return await this.newPage();
      } catch (e) {
        this.busy--;
        throw e;
      }
    }
    return new Promise<Page>((resolve) => this.waiters.push(resolve)).then((page) => page);
  }

  private release(page: Page, healthy: boolean): void {
    const next = this.waiters.shift();
    if (healthy && !page.isClosed() && this.browser?.connected) {
      if (next) return next(page);
      this.busy--;
      this.idle.push(page);
      return;
    }
    void page.close().catch(() => undefined);
    if (next) {
      this.newPage().then(next, () => {
        this.busy--;
      });
    } else this.busy--;
  }

  async print(html: string): Promise<Buffer> {
    const page = await this.acquire();
    let healthy = false;
    try {
      await page.setContent(html, { waitUntil: 'load', timeout: this.opts.timeoutMs });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: this.opts.timeoutMs });
      healthy = true;
      return Buffer.from(pdf);
    } finally {
      this.release(page, healthy);
    }
  }

  /** Whether Chromium starts and prints a trivial page. */
  async ready(): Promise<boolean> {
    try {
      const pdf = await this.print('<!doctype html><p>ok</p>');
      return pdf.subarray(0, 5).toString() === '%PDF-';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser ?? (await this.launching?.catch(() => undefined));
    this.browser = undefined;
    await b?.close().catch(() => undefined);
  }
}
