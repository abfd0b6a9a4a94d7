/**
 * The pdf.js preview of the staff page (issue 17) in a real headless Chromium (Debian's, driven by playwright-core
 * as tests/e2e/workplace-page.test.ts does), on the 19-page kế hoạch CCHC example: on a desktop, a re-render keeps
 * the page being read (same page, same offset) and swaps without a blank moment, pages far away are drawn only when
 * near, and a click on a line of the PDF focuses the form field that holds it (unfolding its row, on the
 * self-assessment); on a phone, one page at a time fitted to the width, sharp (canvas at the device's pixels),
 * turned with "Trang sau", enlarged with "Phóng to". Screenshots in out/web/preview-*.png, looked at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fold, stringLeaves } from '../../web/src/preview/locate.js';
import { collectErrors, launchChromium, prepareStaffPage, serve, SHOTS } from '../support/browser.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const WAIT = 45_000;
const PLAN = 'ke-hoach-cchc';

let app: App;
let dir: string;
let base: string;
let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => {
  prepareStaffPage();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-preview-page-'));
  app = await buildApp({ logger: false, dataDir: dir, poolSize: 2 });
  base = await serve(app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The page of one type, its preview printed; the scripts it fetched (pdf.js comes when the preview is seen). */
async function open(options: Parameters<Browser['newContext']>[0], type = PLAN): Promise<{ context: BrowserContext; page: Page; scripts: string[] }> {
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  const scripts: string[] = [];
  context.on('request', (r) => {
    if (r.resourceType() === 'script' || /\.js$/.test(r.url())) scripts.push(r.url());
  });
  collectErrors(context, consoleErrors, { ignore4xx: false });
  const page = await context.newPage();
  await page.goto(`${base}/#/soan/${type}`);
  await page.locator('.pane-form form').waitFor({ timeout: WAIT });
  await page.waitForSelector('.preview-status[data-state="ready"]', { state: 'attached', timeout: WAIT });
  return { context, page, scripts };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `preview-${name}.png`) });

/** Where page n's top is, relative to the top of the scrolling preview (negative: scrolled past). */
const pageTop = (page: Page, n: number) =>
  page.locator('.pdf-view').evaluate((v, n) => v.querySelector(`.pdf-page[data-page="${n}"]`)!.getBoundingClientRect().top - v.getBoundingClientRect().top, n);

/** The example's strings, folded (locate.ts) to find a line of the PDF printed from a field. */
let strings: string[] = [];

/**
 * A line of page n in view, printed from a field of the example (not by the template: a heading, a date) and long
 * enough to say which, clicked where it is; its text.
 */
async function clickLine(page: Page, n: number): Promise<string> {
  if (!strings.length) strings = stringLeaves(await (await fetch(`${base}/v1/templates/${PLAN}/example`)).json()).map((l) => fold(l.text));
  const spans = page.locator(`.pdf-page[data-page="${n}"] .textLayer span`);
  const texts = await spans.evaluateAll((all) => {
    const view = document.querySelector('.pdf-view')!.getBoundingClientRect();
    return all.map((s) => {
      const r = s.getBoundingClientRect();
      return r.top > view.top + 100 && r.bottom < view.bottom ? (s.textContent ?? '') : '';
    });
  });
  const i = texts.findIndex((t) => fold(t).length >= 30 && strings.some((v) => v.includes(fold(t))));
  expect(i).toBeGreaterThanOrEqual(0);
  const text = (await spans.nth(i).textContent()) ?? '';
  const before = await page.locator('.pdf-view').evaluate((v) => v.scrollTop);
  await spans.nth(i).click();
  // Clicked where it was: the preview did not move.
  expect(await page.locator('.pdf-view').evaluate((v) => v.scrollTop)).toBe(before);
  return text;
}

/** The focused element's id and value. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
    // A rich-text editor (contentEditable) holds its text as content, a box as its value.
    return { id: el?.id ?? '', value: el?.isContentEditable ? (el.textContent ?? '') : (el?.value ?? '') };
  });

describe('the pdf.js preview', () => {
  it('on a desktop: stays on page 5 across a re-render, and a click on a line focuses its field', async () => {
    const { context, page } = await open({ viewport: { width: 1366, height: 768 } });
    const view = page.locator('.pdf-view');
    await page.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: WAIT });
    expect(await view.getAttribute('role')).toBe('document');
    expect(await view.getAttribute('aria-label')).toContain('Kế hoạch');
    const pages = await page.locator('.pdf-page').count();
    expect(pages).toBeGreaterThanOrEqual(15);
    expect(await page.locator('.pdf-page-no').innerText()).toBe(`Trang 1/${pages}`);
    // Drawn lazily: the last page is a blank box until it comes near.
    expect(await page.locator(`.pdf-page[data-page="${pages}"] canvas`).count()).toBe(0);
    // The canvases are hidden from screen readers; the text layer carries the words.
    expect(await page.locator('.pdf-page canvas:not([aria-hidden="true"])').count()).toBe(0);
    expect(await page.locator('.pdf-page[data-page="1"] .textLayer').innerText()).toContain('KẾ HOẠCH');

    // Page 5, 120 px down into it.
    await view.evaluate((v) => {
      v.scrollTop = (v.querySelector('.pdf-page[data-page="5"]') as HTMLElement).offsetTop + 120;
    });
    await page.locator('.pdf-page[data-page="5"] .textLayer span').first().waitFor({ timeout: WAIT });
    await page.getByText(`Trang 5/${pages}`).waitFor();
    const before = await pageTop(page, 5);
    expect(Math.abs(before + 120)).toBeLessThanOrEqual(2);
    await shot(page, '1-desktop-page-5');

    // An edit re-renders the preview: the old pages stay until the new ones replace them, page 5 at the same place.
    await view.evaluate((v) => {
      const w = window as unknown as { blank: number };
      w.blank = 0;
      v.firstElementChild!.setAttribute('data-old', '');
      new MutationObserver(() => {
        if (!v.querySelector('.pdf-page[data-page="5"] canvas')) w.blank++;
      }).observe(v, { childList: true, subtree: true });
    });
    // A rich-text field (web/src/richtext): typed at its end as a person types.
    await page.locator('#root_purposes_0').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Sửa để in lại.');
    await page.locator('.pdf-pages:not([data-old])').waitFor({ state: 'attached', timeout: WAIT });
    expect(await page.evaluate(() => (window as unknown as { blank: number }).blank)).toBe(0);
    expect(await page.locator('.pdf-page-no').innerText()).toMatch(/^Trang 5\/\d+$/);
    expect(Math.abs((await pageTop(page, 5)) - before)).toBeLessThanOrEqual(2);
    await shot(page, '2-desktop-after-edit');

    // A click on a line of page 5 focuses the field whose value holds it.
    const line = await clickLine(page, 5);
    const field = await focused(page);
    expect(field.id).toMatch(/^root_/);
    expect(fold(field.value)).toContain(fold(line));
    await shot(page, '3-desktop-click-focuses');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('unfolds the folded row that holds the field of a clicked line (the self-assessment\'s 81 scores)', async () => {
    const { context, page } = await open({ viewport: { width: 1366, height: 768 } }, 'chi-so-cchc');
    const toggle = page.locator('[id="root_assessment_scores_1.1.1__toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The first row of the scores table, wherever it is printed ("Kế hoạch số 05/KH-STNMT ngày" begins three rows:
    // the lines around it tell them apart).
    const view = page.locator('.pdf-view');
    await page.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: WAIT });
    let line = page.locator('.textLayer span').filter({ hasText: /^Kế hoạch số 05\/KH-STNMT/ }).first();
    for (let n = 2; !(await line.count()); n++) {
      await view.evaluate((v, n) => (v.scrollTop = (v.querySelector(`.pdf-page[data-page="${n}"]`) as HTMLElement).offsetTop), n);
      await page.locator(`.pdf-page[data-page="${n}"] .textLayer`).waitFor({ state: 'attached', timeout: WAIT });
      line = page.locator('.textLayer span').filter({ hasText: /^Kế hoạch số 05\/KH-STNMT/ }).first();
    }
    await line.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await focused(page)).id).toBe('root_assessment_scores_1.1.1_evidence_0');
    await shot(page, '3b-desktop-click-unfolds');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('on a phone: one page at a time, fitted to the width and sharp, turned with "Trang sau", enlarged, kept across an edit', async () => {
    const { context, page, scripts } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    // The form alone on the screen: pdf.js not fetched yet, though the preview is printed.
    const pdfjs = () => scripts.filter((u) => /\/assets\/(viewer|pdf\.worker)[-.]/.test(u));
    expect(pdfjs()).toEqual([]);
    await page.getByRole('button', { name: /^Xem trước/ }).click();
    const first = page.locator('.pdf-page[data-page="1"] canvas');
    await first.waitFor({ timeout: WAIT });
    expect(pdfjs()).toHaveLength(2);
    await shot(page, '4-phone-page-1');
    const pages = await page.locator('.pdf-page').count();
    expect(await page.locator('.pdf-page-no').innerText()).toBe(`Trang 1/${pages}`);
    expect(await page.locator('.pdf-page:visible').count()).toBe(1);
    const box = (await first.boundingBox())!;
    expect(box.width).toBeGreaterThan(390 * 0.85);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // The canvas has the device's pixels: twice its CSS width.
    expect(Math.abs((await first.evaluate((c: HTMLCanvasElement) => c.width)) - 2 * box.width)).toBeLessThanOrEqual(2);

    await page.getByRole('button', { name: 'Trang sau' }).click();
    await page.getByText(`Trang 2/${pages}`).waitFor();
    await page.locator('.pdf-page[data-page="2"] canvas').waitFor({ timeout: WAIT });
    expect(await page.locator('.pdf-page:visible').count()).toBe(1);
    expect(await page.locator('.pdf-page[data-page="2"]').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Trang trước' }).isEnabled()).toBe(true);
    await page.locator('.pdf-page[data-page="2"] .textLayer span').first().waitFor();
    await shot(page, '5-phone-page-2');

    // "Phóng to": the page twice the width, its print readable, the view scrolled sideways.
    const fitted = (await page.locator('.pdf-page[data-page="2"]').boundingBox())!.width;
    await page.getByRole('button', { name: 'Phóng to' }).click();
    await page.locator('.pdf-page[data-page="2"] canvas').waitFor({ timeout: WAIT });
    await page.waitForFunction((w) => document.querySelector<HTMLElement>('.pdf-page[data-page="2"]')!.offsetWidth > 1.9 * w, fitted);
    expect(await page.getByText(`Trang 2/${pages}`).count()).toBe(1);
    await shot(page, '5-phone-page-2-zoomed');
    await page.getByRole('button', { name: 'Phóng to' }).click();
    await page.waitForFunction((w) => Math.abs(document.querySelector<HTMLElement>('.pdf-page[data-page="2"]')!.offsetWidth - w) < 2, fitted);

    // An edit in the form, back to the preview: the new PDF opens at the same page.
    await page.locator('.pdf-pages').evaluate((b) => b.setAttribute('data-old', ''));
    await page.getByRole('button', { name: 'Biểu mẫu' }).click();
    // A rich-text field (web/src/richtext): typed at its end as a person types.
    await page.locator('#root_purposes_1').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Sửa để in lại.');
    await page.getByRole('button', { name: /^Xem trước/ }).click();
    await page.locator('.pdf-pages:not([data-old])').waitFor({ state: 'attached', timeout: WAIT });
    expect(await page.locator('.pdf-page-no').innerText()).toMatch(/^Trang 2\/\d+$/);
    expect(await page.locator('.pdf-page[data-page="2"]').isVisible()).toBe(true);

    // A tap on a line shows the form at the field that holds it.
    const line = await clickLine(page, 2);
    await page.locator('.pane-form').waitFor();
    const field = await focused(page);
    expect(fold(field.value)).toContain(fold(line));
    await shot(page, '6-phone-tap-focuses');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
