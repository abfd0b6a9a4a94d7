/**
 * The staff page at / (issue 7) in a real headless Chromium (Debian's, driven by playwright-core): the catalog,
 * every document type's form from its example with the live PDF preview and both downloads read back, the
 * server's errors beside their fields, rows added, moved and removed with the keyboard, drafts saved and loaded,
 * the register (issue, browse, search, archived copies), the Content-Security-Policy, and
 * screenshots at 1366x768 and 390x844 in out/web/ (looked at by a person before a change to the page lands).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import PizZip from 'pizzip';
import { buildApp } from '../../src/app.js';
import { CATALOG } from '../../src/documents/catalog.js';
import { isIssuable } from '../../src/documents/types.js';
import { collectErrors, launchChromium, prepareStaffPage, serve, SHOTS } from '../support/browser.js';

type App = Awaited<ReturnType<typeof buildApp>>;

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const WAIT = 45_000;

let app: App;
let dir: string;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every URL the pages asked for: nothing may leave the service (no CDN, no web font). */
const requested = new Set<string>();
const consoleErrors: string[] = [];

beforeAll(async () => {
  prepareStaffPage();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-web-'));
  app = await buildApp({ logger: false, dataDir: dir, poolSize: 2 });
  base = await serve(app);
  browser = await launchChromium();
  context = await newContext(DESKTOP);
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN' });
  ctx.on('request', (r) => requested.add(r.url()));
  collectErrors(ctx, consoleErrors, { ignore4xx: false });
  return ctx;
}

const shot = (p: Page, name: string) => p.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/**
 * The page of one type, from the catalog (the register book from the register), with its preview printed (unless
 * told not to wait for it).
 */
async function openType(p: Page, title: string, waitPreview = true): Promise<void> {
  if (CATALOG.some((t) => t.title === title && !isIssuable(t))) {
    await p.goto(`${base}/#/so-van-ban`);
    await p.getByRole('link', { name: 'In sổ đăng ký văn bản đi' }).click();
  } else {
    await p.goto(`${base}/#/`);
    await p.getByRole('link', { name: title, exact: true }).click();
  }
  await p.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: WAIT });
  await p.locator('.pane-form form').waitFor({ timeout: WAIT });
  if (waitPreview) await previewDone(p);
}

async function previewDone(p: Page): Promise<string> {
  const status = p.locator('.preview-status');
  await p.waitForSelector('.preview-status[data-state="ready"], .preview-status[data-state="invalid"], .preview-status[data-state="error"]', {
    state: 'attached',
    timeout: WAIT,
  });
  return (await status.getAttribute('data-state')) ?? '';
}

async function download(p: Page, button: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([p.waitForEvent('download', { timeout: WAIT }), p.getByRole('button', { name: button, exact: true }).click()]);
  const where = await file.path();
  return { file, bytes: readFileSync(where) };
}

/** The text of a DOCX body: the runs' text joined, entities decoded, NFC. */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .normalize('NFC');
}

/** The example's strings, longest first (the ones a reader would recognise in the document). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v.normalize('NFC'));
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** The Vietnamese name the service gives a file (Content-Disposition filename*). */
async function serviceFilename(id: string, data: unknown, format: 'docx' | 'pdf'): Promise<string> {
  const res = await fetch(`${base}/v1/templates/${id}/render?format=${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  const cd = res.headers.get('content-disposition') ?? '';
  await res.arrayBuffer();
  return decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(cd)?.[1] ?? '');
}

/** Every visible form control has an accessible name (a <label for>, aria-label or aria-labelledby). */
async function unlabelled(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('main input:not([type=hidden]), main select, main textarea'))
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.id || el.name),
  );
}

/** What sticks out past the right edge of the screen (nothing, when the page fits). */
const overflowing = (p: Page) =>
  p.evaluate(() => {
    const W = window.innerWidth;
    if (document.documentElement.scrollWidth <= W + 1) return [];
    return Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > W + 1)
      .filter((el) => !(el.parentElement && el.parentElement.getBoundingClientRect().right > W + 1))
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`)
      .slice(0, 10);
  });

describe('the staff page at /', () => {
  it('is served by vanban in Vietnamese, under a CSP that allows no frame or plug-in and nothing from outside', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    // The preview is pdf.js on canvases (web/src/preview): no frame, object or embed is needed any more.
    expect(csp).toContain("frame-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).not.toMatch(/https?:\/\//);
    // A file that is not there is the service's JSON 404, not the page.
    const missing = await fetch(`${base}/assets/nothing.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('lists the catalog of document types; keyboard: skip link, then a type opens with Enter', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 2, name: 'Chọn loại văn bản' }).waitFor();
    // The types one writes and issues; the register book is printed from the register, not offered here.
    const cards = page.locator('.cards a');
    const writable = CATALOG.filter(isIssuable);
    expect(writable.length).toBe(CATALOG.length - 1);
    expect(await cards.count()).toBe(writable.length);
    for (const t of writable) await page.getByRole('link', { name: t.title, exact: true }).waitFor();
    await shot(page, 'catalog-1366x768');
    // The first Tab reaches the skip link; the catalog's links follow the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Bỏ qua');
    await page.locator('.cards a').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: CATALOG[0]!.title }).waitFor({ timeout: WAIT });
    expect(await unlabelled(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
  });

  describe.each(CATALOG.map((t) => [t.id, t.title] as const))('%s', (id, title) => {
    it('fills from the example, previews the PDF in the page and downloads DOCX and PDF', async () => {
      const sample = (await (await fetch(`${base}/v1/templates/${id}/example`)).json()) as Record<string, unknown>;
      // The form starts from the example with its number cleared and its date the current year (issue 17); the
      // register book keeps its example as it is.
      const { number: _number, ...rest } = sample;
      const example = CATALOG.find((t) => t.id === id)!.register ? { ...rest, date: String(new Date().getFullYear()) } : sample;
      // The bytes the page receives for its preview, seen on their way (Chromium keeps no copy of a body read as a Blob).
      const printed: { type: string; head: string }[] = [];
      const pattern = `**/v1/templates/${id}/render?format=pdf&watermark=true`;
      await page.route(pattern, async (route) => {
        const res = await route.fetch();
        const body = await res.body();
        printed.push({ type: res.headers()['content-type'] ?? '', head: body.subarray(0, 5).toString('latin1') });
        await route.fulfill({ response: res, body });
      });
      try {
        await openType(page, title);
        expect(await previewDone(page)).toBe('ready');
      } finally {
        await page.unroute(pattern);
      }
      // The form holds the example as it was: nothing added, nothing lost, so no error.
      expect(await page.locator('.summary-error').count()).toBe(0);
      // The preview: the PDF the service printed, drawn by pdf.js in the page (its first page's canvas and text),
      // and offered in a new tab from a blob: URL.
      expect(printed.length).toBeGreaterThan(0);
      expect(printed[printed.length - 1]!.type).toContain('application/pdf');
      expect(printed[printed.length - 1]!.head).toBe('%PDF-');
      await page.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: WAIT });
      expect((await page.locator('.pdf-page[data-page="1"] .textLayer').innerText()).trim()).not.toBe('');
      expect(await page.locator('.pdf-view').getAttribute('aria-label')).toContain(title);
      expect(await page.getByRole('link', { name: 'Mở bản xem trước trong thẻ mới' }).getAttribute('href')).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);

      // Every field is labelled; the page fits the screen.
      expect(await unlabelled(page)).toEqual([]);
      expect(await overflowing(page)).toEqual([]);
      await shot(page, `${id}-1366x768`);

      // DOCX: a zip whose word/document.xml carries the example's words, under the service's Vietnamese name.
      const docx = await download(page, 'Tải DOCX');
      expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      const text = docxText(docx.bytes);
      const words = strings(example).filter((s) => s.length >= 12 && !s.includes('\n')).sort((a, b) => b.length - a.length);
      expect(words.filter((s) => text.includes(s)).length).toBeGreaterThan(0);
      const name = typeof (example.signer as { name?: unknown } | undefined)?.name === 'string' ? ((example.signer as { name: string }).name) : undefined;
      if (name) expect(text).toContain(name.normalize('NFC'));
      expect(docx.file.suggestedFilename()).toBe(await serviceFilename(id, example, 'docx'));
      expect(docx.file.suggestedFilename()).toMatch(/\.docx$/);

      // PDF: starts with %PDF-.
      const pdf = await download(page, 'Tải PDF');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
      expect(pdf.file.suggestedFilename().replace(/\.pdf$/, '')).toBe(docx.file.suggestedFilename().replace(/\.docx$/, ''));
      await page.locator('.alert-ok').waitFor();
    });
  });

  it('shows the server\'s message beside a wrong field, tied to it for screen readers; the preview says it waits', async () => {
    await openType(page, 'Quyết định');
    // The preview's progress is visible while the service prints (the answer is held back a moment to see it).
    await page.route('**/v1/templates/quyet-dinh/render?format=pdf&watermark=true', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    await page.locator('#root_place').fill('Sơn La ');
    await page.waitForSelector('.preview-status[data-state="rendering"]', { timeout: WAIT });
    expect(await page.locator('.preview-status').innerText()).toBe('Đang kết xuất...');
    expect(await page.locator('progress.preview-progress').isVisible()).toBe(true);
    expect(await previewDone(page)).toBe('ready');
    await page.unroute('**/v1/templates/quyet-dinh/render?format=pdf&watermark=true');

    const field = page.locator('#root_agency_abbreviation');
    await field.fill('U B');
    const error = page.locator('#root_agency_abbreviation__error');
    await error.waitFor({ timeout: WAIT });
    expect(await error.innerText()).toMatch(/^Lỗi: .*Chữ viết tắt/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain('root_agency_abbreviation__error');
    // Beside the field: the message sits right under its input.
    const [f, e] = [await field.boundingBox(), await error.boundingBox()];
    expect(e!.y - (f!.y + f!.height)).toBeLessThan(40);
    expect(Math.abs(e!.x - f!.x)).toBeLessThan(40);
    // The summary names the field in Vietnamese and takes the focus there.
    expect(await previewDone(page)).toBe('invalid');
    expect(await page.locator('.preview-status').innerText()).toContain('còn 1 lỗi');
    const link = page.locator('.summary a', { hasText: 'Chữ viết tắt của cơ quan' });
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('root_agency_abbreviation');
    await page.locator('#root_agency_abbreviation').scrollIntoViewIfNeeded();
    await shot(page, 'error-1366x768');
    // A required field left empty.
    await page.locator('#root_summary').fill('');
    await page.locator('#root_summary__error').waitFor({ timeout: WAIT });
    expect(await page.locator('#root_summary__error').innerText()).toContain('Thiếu trường bắt buộc');
    expect(await page.getByRole('button', { name: 'Ban hành…' }).isDisabled()).toBe(true);
    // A download refused by the service says why, in Vietnamese.
    await page.getByRole('button', { name: 'Tải PDF', exact: true }).click();
    await page.locator('.alert-error[role=alert]').waitFor({ timeout: WAIT });
    expect(await page.locator('.alert-error[role=alert]').innerText()).toMatch(/Không tạo được tệp PDF\. .*sửa các ô được đánh dấu/);
    // Fixed: the messages go.
    await field.fill('UBND');
    await page.locator('#root_summary').fill('Phê duyệt Đề án thử nghiệm');
    await page.locator('#root_agency_abbreviation__error').waitFor({ state: 'detached', timeout: WAIT });
    expect(await previewDone(page)).toBe('ready');
  });

  it('adds, moves and removes rows with buttons that say which row, the focus following the row', async () => {
    await openType(page, 'Quyết định');
    const value = (i: number) => page.locator(`#root_bases_${i}`).inputValue();
    const first = await value(0);
    const second = await value(1);
    const down = page.getByRole('button', { name: 'Chuyển Căn cứ 1 xuống' });
    await down.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'root_bases_1__down');
    expect(await value(0)).toBe(second);
    expect(await value(1)).toBe(first);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // "Chuyển Căn cứ 2 lên": back where it was
    await page.waitForFunction((v) => (document.getElementById('root_bases_0') as HTMLTextAreaElement | null)?.value === v, first);
    const rows = () => page.locator('#root_bases .rows > li').count();
    const n = await rows();
    await page.getByRole('button', { name: 'Thêm căn cứ vào Căn cứ ban hành' }).click();
    expect(await rows()).toBe(n + 1);
    await page.waitForFunction((i) => document.activeElement?.id === `root_bases_${i}`, n);
    await page.keyboard.type('Căn cứ Luật Thử nghiệm ngày 01 tháng 01 năm 2024');
    await page.getByRole('button', { name: `Xóa Căn cứ ${n + 1}` }).click();
    expect(await rows()).toBe(n);
    // Long lists start folded; a folded row opens with its button.
    const folded = page.locator('.row-group.folded .row-toggle').first();
    if (await folded.count()) {
      await folded.click();
      expect(await page.locator('.row-toggle[aria-expanded="true"]').count()).toBeGreaterThan(0);
    }
  });

  it('saves the draft as a JSON file and loads it back', async () => {
    await openType(page, 'Công văn');
    await page.locator('#root_summary').fill('Về việc thử lưu bản nháp');
    await page.waitForTimeout(100);
    const saved = await download(page, 'Tải tệp JSON');
    expect(saved.file.suggestedFilename()).toMatch(/^ban-nhap-cong-van-.*\.json$/);
    const draft = JSON.parse(saved.bytes.toString('utf8')) as { template: string; data: { summary: string } };
    expect(draft.template).toBe('cong-van');
    expect(draft.data.summary).toBe('Về việc thử lưu bản nháp');
    await page.locator('#root_summary').fill('Nội dung khác');
    const file = path.join(dir, 'draft.json');
    writeFileSync(file, saved.bytes);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForFunction(() => (document.getElementById('root_summary') as HTMLTextAreaElement | null)?.value === 'Về việc thử lưu bản nháp');
    expect(await page.locator('.alert-ok').innerText()).toContain('Đã mở bản nháp');
    // A file that is not a draft says what to do.
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, 'không phải JSON');
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.locator('.alert-error').waitFor();
    expect(await page.locator('.alert-error').innerText()).toContain('không phải JSON hợp lệ');
  });

  it('issues a document and finds it in the register', async () => {
    const issueButton = page.getByRole('button', { name: 'Ban hành…' });
    const registerLink = page.getByRole('link', { name: 'Sổ văn bản đi' });
    await openType(page, 'Công văn');
    expect(await registerLink.count()).toBe(1);
    const summary = await page.locator('#root_summary').inputValue();
    const folded = summary.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    await page.locator('#root_number').fill('');
    await previewDone(page);
    await issueButton.click();
    const dialog = page.getByRole('dialog', { name: /Ban hành/ });
    await dialog.waitFor();
    // The dialog says what issuing takes (the register's next number, the date, the agency) before confirming.
    const confirm = dialog.getByRole('button', { name: /^Xác nhận ban hành số \d+\/SNV-CCHC$/ });
    await confirm.waitFor({ timeout: WAIT });
    expect(await dialog.locator('.issue-facts').innerText()).toContain('số tiếp theo của sổ');
    await shot(page, 'issue-1366x768');
    await confirm.click();
    const issued = page.locator('.issued');
    await issued.waitFor({ timeout: WAIT });
    const kyHieu = (await page.locator('.kyhieu').innerText()).replace(/^Số /, '');
    expect(kyHieu).toMatch(/^\d+\/SNV-CCHC$/);
    const archived = await download(page, (await page.getByRole('button', { name: /^Tải bản PDF/ }).innerText()).trim());
    expect(archived.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByRole('link', { name: 'Xem sổ văn bản đi' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sổ văn bản đi' }).waitFor();
    await page.locator('.register-table').waitFor({ timeout: WAIT });
    expect(await page.locator('.register-table tbody').innerText()).toContain(kyHieu);
    await shot(page, 'register-1366x768');
    // Search: a word of the trích yếu without its diacritics; then a word that is nowhere.
    await page.getByLabel('Từ khóa (số, ký hiệu, trích yếu)').fill(folded.split(/\s+/).slice(0, 3).join(' '));
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForFunction((k) => document.querySelector('.register-table tbody')?.textContent?.includes(k), kyHieu, { timeout: WAIT });
    await page.getByLabel('Từ khóa (số, ký hiệu, trích yếu)').fill('khongconhauvanbannay');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Không có văn bản nào khớp điều kiện tìm.').waitFor({ timeout: WAIT });
    await page.getByLabel('Từ khóa (số, ký hiệu, trích yếu)').fill('');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.locator('.register-table').waitFor({ timeout: WAIT });
    const docx = await download(page, `DOCX của văn bản ${kyHieu}`);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.file.suggestedFilename()).toMatch(/\.docx$/);
  });

  it('hides "Ban hành" and "Sổ văn bản đi" when GET /v1/documents answers 404', async () => {
    const ctx = await newContext(DESKTOP);
    await ctx.route('**/v1/documents**', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"Không có","details":[]}}' }),
    );
    const p = await ctx.newPage();
    await openType(p, 'Công văn');
    expect(await p.getByRole('button', { name: 'Ban hành…' }).count()).toBe(0);
    expect(await p.getByRole('link', { name: 'Sổ văn bản đi' }).count()).toBe(0);
    await p.goto(`${base}/#/so-van-ban`);
    await p.getByRole('heading', { level: 2, name: 'Chọn loại văn bản' }).waitFor();
    await ctx.close();
  });

  it('fits a phone (390x844): one pane at a time, nothing wider than the screen', async () => {
    const ctx = await newContext(PHONE);
    const p = await ctx.newPage();
    await p.goto(`${base}/`);
    await p.getByRole('heading', { level: 2, name: 'Chọn loại văn bản' }).waitFor();
    expect(await overflowing(p)).toEqual([]);
    await shot(p, 'catalog-390x844');
    for (const t of CATALOG) {
      await openType(p, t.title, false);
      expect(await overflowing(p)).toEqual([]);
      expect(await p.locator('.pane-preview').isVisible()).toBe(false);
      await shot(p, `${t.id}-390x844`);
    }
    await openType(p, 'Quyết định');
    await p.getByRole('button', { name: 'Xem trước' }).click();
    expect(await p.locator('.pane-form').isVisible()).toBe(false);
    await p.locator('.pdf-page[data-page="1"] canvas').waitFor({ timeout: WAIT });
    await shot(p, 'quyet-dinh-preview-390x844');
    await p.getByRole('button', { name: 'Biểu mẫu' }).click();
    await p.locator('#root_agency_abbreviation').fill('U B');
    await p.locator('#root_agency_abbreviation__error').waitFor({ timeout: WAIT });
    await p.locator('#root_agency_abbreviation').scrollIntoViewIfNeeded();
    expect(await overflowing(p)).toEqual([]);
    await shot(p, 'error-390x844');
    await p.goto(`${base}/#/so-van-ban`);
    await p.getByRole('heading', { level: 2, name: 'Sổ văn bản đi' }).waitFor();
    await p.locator('.register-status').filter({ hasText: 'văn bản' }).waitFor({ timeout: WAIT });
    expect(await overflowing(p)).toEqual([]);
    await shot(p, 'register-390x844');
    await ctx.close();
  });

  it('asked nothing of any other host, and the browser reported no error (CSP violations included)', () => {
    const outside = [...requested].filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:') && !/^chrome(-extension|-untrusted)?:/.test(u));
    expect(outside).toEqual([]);
    // 4xx/5xx answers the tests provoked on purpose are logged by Chromium as "Failed to load resource".
    expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
