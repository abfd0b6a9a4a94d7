/**
 * The rich-text editor of the staff page (issue 17, web/src/richtext/) in a real headless Chromium (Debian's,
 * driven by playwright-core as tests/e2e/workplace-page.test.ts does): in a công văn's body, a paragraph typed
 * with a word made bold by Ctrl+B and one italic by the toolbar button; Enter splitting the paragraph into a new
 * block; Word's clipboard HTML (tests/unit/richtext/word-clipboard.html) pasted through a real ClipboardEvent
 * carrying a DataTransfer, becoming a paragraph of runs, a list block with a sub-item and more paragraphs; plain
 * text pasted at the caret. What reaches the server (the validate and render request bodies) and the text of the
 * PDF preview it prints are checked. Screenshots in out/web/rich-*.png, looked at.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { collectErrors, collectPreviews, launchChromium, prepareStaffPage, ROOT, serve, SHOTS } from '../support/browser.js';

type App = Awaited<ReturnType<typeof buildApp>>;
type Block = { type: string; text?: string; runs?: { text: string; bold?: boolean; italic?: boolean }[]; items?: unknown[] };
const WAIT = 45_000;
const WORD_HTML = readFileSync(path.join(ROOT, 'tests', 'unit', 'richtext', 'word-clipboard.html'), 'utf8');

let app: App;
let dir: string;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
/** The form data of every validate request the page sent, in order. */
const sent: { body: Block[] }[] = [];
/** The data of every validate request of the quyết định (an inline rich field: an article's text). */
const decisions: Record<string, any>[] = [];
/** The text of every PDF preview the page received. */
const previews: string[] = [];

beforeAll(async () => {
  prepareStaffPage();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-rich-page-'));
  app = await buildApp({ logger: false, dataDir: dir, poolSize: 2, ratePerMinute: 0 });
  base = await serve(app);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  collectErrors(context, consoleErrors);
  context.on('request', (r) => {
    if (r.method() === 'POST' && /\/v1\/templates\/cong-van\/validate$/.test(r.url())) sent.push(JSON.parse(r.postData() ?? '{}') as { body: Block[] });
    if (r.method() === 'POST' && /\/v1\/templates\/quyet-dinh\/validate$/.test(r.url())) decisions.push(JSON.parse(r.postData() ?? '{}') as Record<string, any>);
  });
  await collectPreviews(context, previews);
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `rich-${name}.png`) });
const editor = (i: number) => page.locator(`#root_body_${i}_text`);

/** A list item's text whether it is a string or { runs } (and so for an item with sub-items). */
function plain(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item;
  const o = item as { runs?: { text: string }[]; text?: unknown; items?: unknown[] };
  if (o.runs) return o.runs.map((r) => r.text).join('');
  return { text: plain(o.text), items: (o.items ?? []).map(plain) };
}

/** The body of the last validate request once it satisfies `test` (the page checks each change after a pause). */
async function sentBody(test: (body: Block[]) => boolean): Promise<Block[]> {
  const end = Date.now() + WAIT;
  for (;;) {
    const last = sent[sent.length - 1]?.body;
    if (last && test(last)) return last;
    if (Date.now() > end) throw new Error(`no validate request matched; last body: ${JSON.stringify(last)?.slice(0, 2000)}`);
    await page.waitForTimeout(100);
  }
}

async function previewWith(words: string[]): Promise<string> {
  const end = Date.now() + WAIT;
  for (;;) {
    const hit = previews.find((t) => words.every((w) => t.replace(/\s+/g, ' ').includes(w)));
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`no preview with ${words.join(' | ')}; last: ${previews[previews.length - 1]?.slice(0, 1500)}`);
    await page.waitForTimeout(100);
  }
}

async function pasteInto(i: number, data: Record<string, string>): Promise<void> {
  await editor(i).evaluate((el, d) => {
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(d)) dt.setData(type, value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

describe('the rich-text editor in a real browser', () => {
  it('is an accessible text box with Đậm and Nghiêng in place of the paragraph textarea', async () => {
    await page.goto(`${base}/#/`);
    await page.getByRole('link', { name: 'Công văn', exact: true }).click();
    await page.locator('.pane-form form').waitFor({ timeout: WAIT });
    await page.waitForSelector('.preview-status[data-state="ready"]', { state: 'attached', timeout: WAIT });
    // The body's rows start folded (it has more than four): open the first.
    const toggle = page.locator('#root_body_0__toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    const box = page.getByRole('textbox', { name: 'Nội dung' }).first();
    await box.waitFor();
    expect(await box.getAttribute('id')).toBe('root_body_0_text');
    expect(await box.getAttribute('aria-multiline')).toBe('true');
    expect(await box.getAttribute('contenteditable')).toBe('true');
    expect(await box.getAttribute('aria-describedby')).toContain('root_body_0_text__error');
    expect(await page.locator('#root_body_0_text__label').innerText()).toBe('Nội dung');
    const bold = page.getByRole('toolbar', { name: 'Định dạng: Nội dung' }).first().getByRole('button', { name: 'Đậm' });
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    // The example's paragraph, shown as it is, and nothing sent changed: the form still holds plain text.
    expect(await box.innerText()).toMatch(/^Thực hiện Nghị quyết số 76\/NQ-CP/);
    expect((await sentBody(() => true))[0]).toEqual({ type: 'paragraph', text: expect.stringMatching(/^Thực hiện Nghị quyết/) });
    // The lead and alignment of the paragraph are still ordinary fields below it.
    await page.locator('#root_body_0_lead').waitFor();
  });

  it('types a sentence with a word bold by Ctrl+B and one italic by the button; the server gets runs, the PDF the words', async () => {
    const box = editor(0);
    await box.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Đề nghị các phòng ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('khẩn trương');
    await page.keyboard.press('Control+B');
    await page.keyboard.type(' thực hiện và ');
    const italic = page.getByRole('toolbar', { name: 'Định dạng: Nội dung' }).first().getByRole('button', { name: 'Nghiêng' });
    await italic.click();
    await page.keyboard.type('báo cáo kết quả');
    expect(await italic.getAttribute('aria-pressed')).toBe('true');
    await italic.click();
    await page.keyboard.type('.');
    expect(await italic.getAttribute('aria-pressed')).toBe('false');
    // The caret stayed where it was typed: the words are in order, at the end.
    expect((await box.innerText()).endsWith('Đề nghị các phòng khẩn trương thực hiện và báo cáo kết quả.')).toBe(true);
    const body = await sentBody((b) => (b[0]!.runs ?? []).map((r) => r.text).join('').endsWith('kết quả.'));
    const first = body[0]!;
    expect(first.text).toBeUndefined();
    expect(first.runs!.filter((r) => r.bold)).toEqual([{ text: 'khẩn trương', bold: true }]);
    expect(first.runs!.filter((r) => r.italic)).toEqual([{ text: 'báo cáo kết quả', italic: true }]);
    expect(first.runs!.map((r) => r.text).join('')).toMatch(/hướng dẫn như sau: Đề nghị các phòng khẩn trương thực hiện và báo cáo kết quả\.$/);
    for (const r of first.runs!) expect(r.text).toBe(r.text.normalize('NFC'));
    await page.waitForSelector('.preview-status[data-state="ready"]', { state: 'attached', timeout: WAIT });
    await previewWith(['Đề nghị các phòng khẩn trương thực hiện và báo cáo kết quả.']);
    await shot('1-typed');
  });

  it('splits the paragraph with Enter and inserts pasted Word paragraphs and lists as blocks after it', async () => {
    await page.keyboard.press('Enter');
    // A new empty paragraph block after the first, the caret in it.
    await page.waitForFunction(() => document.activeElement?.id === 'root_body_1_text');
    await pasteInto(1, { 'text/html': WORD_HTML, 'text/plain': 'Thực hiện Kế hoạch số 125/KH-UBND' });
    const body = await sentBody((b) => b.some((x) => x.type === 'list' && JSON.stringify(x).includes('Thủ tục cấp tỉnh')));
    expect(body[1]).toEqual({
      type: 'paragraph',
      runs: [
        { text: 'Thực hiện ' },
        { text: 'Kế hoạch số 125/KH-UBND', bold: true },
        { text: ' ngày 20/01/2025 của ' },
        { text: 'Ủy ban nhân dân tỉnh', italic: true },
        { text: ', Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện các nội dung sau' },
      ],
    });
    // List items are strings, or { runs } keeping their bold where the list block takes rich items.
    expect(body[2]!.type).toBe('list');
    expect(body[2]!.items!.map(plain)).toEqual([
      { text: 'Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý', items: ['Thủ tục cấp tỉnh'] },
      'Công khai kết quả trên Cổng Dịch vụ công quốc gia',
    ]);
    expect(body.slice(3, 6)).toEqual([
      { type: 'paragraph', text: 'Nội dung báo cáo gồm:' },
      { type: 'paragraph', text: '1. Kết quả thực hiện' },
      { type: 'paragraph', runs: [{ text: '2. Khó khăn, ' }, { text: 'vướng mắc', italic: true }] },
    ]);
    expect(body[6]!.items!.map(plain)).toEqual(['Thời hạn gửi báo cáo: trước ngày 15/6/2025']);
    expect(body[7]!.runs?.[0]).toEqual({ text: 'Lưu ý:', bold: true });
    // The example's second block (the heading "Yêu cầu chung") follows what was pasted.
    expect(body[8]).toMatchObject({ type: 'heading', text: 'Yêu cầu chung' });
    // The focus went to the first inserted block (the list), whose row was opened.
    await page.waitForFunction(() => /^root_body_2_/.test(document.activeElement?.id ?? ''));
    await page.waitForSelector('.preview-status[data-state="ready"]', { state: 'attached', timeout: WAIT });
    const text = await previewWith(['Kế hoạch số 125/KH-UBND', 'Thủ tục cấp tỉnh', 'Công khai kết quả trên Cổng Dịch vụ công quốc gia', '2. Khó khăn, vướng mắc']);
    expect(text).not.toMatch(/mso-|Symbol|StartFragment/);
    await editor(1).scrollIntoViewIfNeeded();
    await shot('2-pasted-word');
  });

  it('pastes plain text at the caret, inside the paragraph, and keeps it NFC', async () => {
    const box = editor(3);
    // Its row was folded when the rows were redrawn (the body has more than four).
    const toggle = page.locator('#root_body_3__toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await box.click();
    await page.keyboard.press('Control+End');
    await pasteInto(3, { 'text/plain': ' (xem Phụ lục)'.normalize('NFD') });
    expect((await box.innerText()).endsWith('Nội dung báo cáo gồm: (xem Phụ lục)'.normalize('NFC'))).toBe(true);
    const body = await sentBody((b) => JSON.stringify(b[3]).includes('Phụ lục'));
    expect(body[3]).toEqual({ type: 'paragraph', text: 'Nội dung báo cáo gồm: (xem Phụ lục)' });
    await shot('3-plain-paste');
    expect(consoleErrors).toEqual([]);
  });

  it('undoes a pasted set of blocks, then a split, with Ctrl+Z: the rows as they were', async () => {
    const before = await sentBody(() => true);
    const n = before.length;
    const unfold = async () => {
      const toggle = page.locator('#root_body_0__toggle');
      if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    };
    await unfold();
    await editor(0).click();
    await page.keyboard.press('Control+End');
    await pasteInto(0, { 'text/html': WORD_HTML, 'text/plain': 'Thực hiện Kế hoạch số 125/KH-UBND' });
    expect((await sentBody((b) => b.length > n)).length).toBeGreaterThan(n + 1);
    await page.keyboard.press('Control+Z');
    expect(await sentBody((b) => b.length === n)).toEqual(before);
    // Enter in the middle of the first paragraph splits it; Ctrl+Z joins it again.
    await unfold();
    await editor(0).click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect((await sentBody((b) => b.length === n + 1))[1]).toMatchObject({ type: 'paragraph' });
    await page.keyboard.press('Control+Z');
    expect(await sentBody((b) => b.length === n)).toEqual(before);
    expect(consoleErrors).toEqual([]);
  });

  it('adds a paragraph, not a heading, with the body\'s "Thêm" and with a row\'s "+"', async () => {
    const rowCount = () => page.evaluate(() => Array.from(document.querySelectorAll('[id^="root_body_"][id$="__remove"]')).filter((e) => /^root_body_\d+__remove$/.test(e.id)).length);
    const count = await rowCount();
    await page.locator('#root_body__add').click();
    const added = page.locator(`#root_body_${count}_text`);
    await added.waitFor({ state: 'attached', timeout: WAIT });
    // The paragraph's rich-text box (a heading's title is a textarea, and its level would show as missing).
    expect(await added.getAttribute('contenteditable')).toBe('true');
    await page.locator('#root_body_0__insert').click();
    await page.waitForFunction((n) => Array.from(document.querySelectorAll('[id^="root_body_"][id$="__remove"]')).filter((e) => /^root_body_\d+__remove$/.test(e.id)).length === n, count + 2, { timeout: WAIT });
    expect(await page.locator('#root_body_1_text').getAttribute('contenteditable')).toBe('true');
    // The first row is untouched, and the new rows reach the server as paragraphs.
    expect(await editor(0).innerText()).toMatch(/^Thực hiện Nghị quyết số 76\/NQ-CP/);
    const body = await sentBody((b) => b.length === count + 2);
    expect(body[1]).toEqual({ type: 'paragraph' });
    expect(body.at(-1)).toEqual({ type: 'paragraph' });
    await page.locator('#root_body_1__remove').click();
    await page.locator(`#root_body_${count}__remove`).click();
    expect(consoleErrors).toEqual([]);
  });

  it('edits an inline rich field (a decision article, string or { runs }): bold by Ctrl+B reaches the server as runs and prints', async () => {
    await page.goto(`${base}/#/soan/quyet-dinh`);
    const box = page.locator('#root_articles_0_text');
    await box.waitFor({ timeout: WAIT });
    expect(await box.getAttribute('role')).toBe('textbox');
    await box.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Quy chế áp dụng ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('từ ngày ký');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('.');
    const end = Date.now() + WAIT;
    let article: { runs?: { text: string; bold?: boolean }[] } | string | undefined;
    for (;;) {
      article = decisions.at(-1)?.articles?.[0]?.text;
      if (typeof article === 'object' && article.runs?.map((r) => r.text).join('').endsWith('từ ngày ký.')) break;
      if (Date.now() > end) throw new Error(`no decision with a bold article; last: ${JSON.stringify(article)}`);
      await page.waitForTimeout(100);
    }
    expect(article.runs!.filter((r) => r.bold)).toEqual([{ text: 'từ ngày ký', bold: true }]);
    expect(article.runs!.map((r) => r.text).join('')).toMatch(/\S Quy chế áp dụng từ ngày ký\.$/);
    await previewWith(['Quy chế áp dụng từ ngày ký']);
    // Drawn by pdf.js (web/src/preview) once the page has it: the shot shows the printed article.
    await page.waitForSelector('.preview-status[data-state="ready"]', { state: 'attached', timeout: WAIT });
    await page.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: WAIT });
    await shot('4-inline-article');
    expect(consoleErrors).toEqual([]);
  });
});
