/**
 * The staff page as a workplace (issue 17) in a real headless Chromium (Debian's, driven by playwright-core as
 * tests/e2e/web.test.ts does), with API keys and an agency profile: a blank draft filled from the profile; the
 * example with its number cleared and the agency's own fields; the preview marked "DỰ THẢO"; a save over a
 * colleague's newer version refused with its message and the newest version opened; issuing that shows the
 * register's number, the date and the agency before confirming; an error showing its request id; "Văn bản của
 * tôi" and "Tạo từ văn bản này"; an issued draft read-only, its downloads the register's files; the compressed script. Screenshots in out/web/workplace-*.png, looked at.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';
import { SAMPLE_PROFILE } from '../support/workplace.js';
import { pdfPagesText } from '../support/docs.js';
import { collectErrors, collectPreviews, keyInTab, launchChromium, prepareStaffPage, ROOT, serve, SHOTS } from '../support/browser.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const WAIT = 45_000;
const A_ID = '000.00.12.H56';
const KEY_A = 'khoa-chuyen-vien-so-noi-vu';
const KEY_A2 = 'khoa-truong-phong-so-noi-vu';

let app: App;
let dir: string;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
/** The PDF previews the page received (their text), seen on their way. */
const previews: string[] = [];

const profile = SAMPLE_PROFILE;

const api = (key: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

beforeAll(async () => {
  prepareStaffPage();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-workplace-page-'));
  app = await buildApp({
    logger: false,
    dataDir: dir,
    poolSize: 2,
    ratePerMinute: 0,
    apiKeys: [
      { id: 'chuyen-vien', sha256: hashKey(KEY_A), role: 'agency', agency: A_ID },
      { id: 'truong-phong', sha256: hashKey(KEY_A2), role: 'agency', agency: A_ID },
    ],
  });
  base = await serve(app);
  expect((await api(KEY_A, 'PUT', `/v1/agencies/${A_ID}`, profile)).status).toBe(201);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'vi-VN' });
  await keyInTab(context, KEY_A);
  collectErrors(context, consoleErrors);
  await collectPreviews(context, previews);
  page = await context.newPage();
  // window.confirm: accepted (replacing the form, opening the newest version), and counted.
  page.on('dialog', (d) => void d.accept());
}, 120_000);

// Closing waits for the register's work in progress; once, with four other page tests running, it took over 60 s.
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `workplace-${name}.png`) });
const value = (id: string) => page.locator(`#${id}`).inputValue();
async function previewReady(): Promise<void> {
  await page.waitForSelector('.preview-status[data-state="ready"]', { state: 'attached', timeout: WAIT });
}

describe('the workplace in a real browser', () => {
  let draftId = '';

  it('starts a blank decision filled from the agency profile, as a draft on the server', async () => {
    await page.goto(`${base}/#/`);
    await page.getByRole('heading', { level: 2, name: 'Chọn loại văn bản' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sổ đăng ký văn bản đi', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Văn bản của tôi' }).waitFor();
    await shot('0-catalog');
    await page.getByRole('button', { name: /^Văn bản trống\W*Quyết định$/ }).click();
    await page.waitForURL(/#\/ban-thao\/[0-9a-f-]{36}$/, { timeout: WAIT });
    draftId = /ban-thao\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.locator('.pane-form form').waitFor({ timeout: WAIT });
    expect(await value('root_agency_name')).toBe(profile.name);
    expect(await value('root_agency_abbreviation')).toBe('SNV');
    expect(await value('root_place')).toBe('Thanh Hóa');
    expect(await value('root_signer_name')).toBe('Lê Văn Thắng');
    expect(await page.locator('.draft-state').innerText()).toContain('phiên bản 1 · Dự thảo');
    await shot('1-blank-from-profile');
  });

  it('warns beside the fields that disagree with the profile; choosing the agency fills every field that depends on it', async () => {
    await page.locator('#root_place').fill('Hải Dương');
    await page.locator('#root_agency_name').fill('Sở Nội vụ tỉnh Hải Dương');
    const summary = page.locator('.summary');
    // Both warnings, once the check after the last keystroke has answered.
    await summary.filter({ hasText: 'Địa danh "Hải Dương" khác hồ sơ: "Thanh Hóa"' }).filter({ hasText: 'Tên cơ quan "Sở Nội vụ tỉnh Hải Dương" khác hồ sơ' }).waitFor({ timeout: WAIT });
    await shot('1b-profile-warnings');
    await page.getByLabel('Điền theo hồ sơ cơ quan').selectOption(A_ID);
    await page.waitForFunction(() => (document.getElementById('root_place') as HTMLInputElement | null)?.value === 'Thanh Hóa');
    expect(await value('root_agency_name')).toBe(profile.name);
    await page.waitForFunction(() => !document.querySelector('.summary')?.textContent?.includes('khác hồ sơ'), undefined, { timeout: WAIT });
  });

  it('loads the example with its number cleared and the agency of the profile; the preview says DỰ THẢO', async () => {
    await page.getByRole('button', { name: 'Dữ liệu mẫu', exact: true }).click();
    await page.waitForFunction(() => (document.getElementById('root_summary') as HTMLTextAreaElement | null)?.value.length);
    expect(await value('root_number')).toBe('');
    expect(await value('root_agency_name')).toBe(profile.name);
    await previewReady();
    expect(previews.at(-1)).toContain('DỰ THẢO');
    expect(previews.at(-1)).toContain('SỞ NỘI VỤ');
    await shot('2-example-preview-du-thao');
    await page.getByRole('button', { name: 'Lưu bản thảo' }).click();
    await page.locator('.draft-state').filter({ hasText: 'phiên bản 2' }).waitFor({ timeout: WAIT });
  });

  it('refuses a save over a colleague’s newer version, says so, and opens the newest version', async () => {
    // The head of unit saves version 3 from another browser.
    const current = (await (await api(KEY_A2, 'GET', `/v1/drafts/${draftId}`)).json()) as { data: Record<string, unknown>; version: number };
    expect(current.version).toBe(2);
    const theirs = { ...current.data, summary: 'Thành lập Tổ kiểm tra công tác cải cách hành chính năm 2026 (trưởng phòng sửa)' };
    expect((await api(KEY_A2, 'PUT', `/v1/drafts/${draftId}`, { data: theirs }, { 'if-match': '"2"' })).status).toBe(200);
    await page.locator('#root_summary').fill('Bản của chuyên viên');
    await page.getByRole('button', { name: 'Lưu bản thảo' }).click();
    const alert = page.locator('.alert-error').filter({ hasText: 'truong-phong lưu phiên bản 3' });
    await alert.waitFor({ timeout: WAIT });
    expect(await alert.innerText()).toContain('thay đổi của bạn chưa được lưu');
    expect(await alert.innerText()).toMatch(/mã yêu cầu: [\w-]+/);
    await shot('3-stale-version-412');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Mở phiên bản mới nhất' }).click()]);
    expect(JSON.parse(readFileSync(await saved.path(), 'utf8')).data.summary).toBe('Bản của chuyên viên');
    await page.waitForFunction((s) => (document.getElementById('root_summary') as HTMLTextAreaElement | null)?.value === s, theirs.summary);
    expect(await page.locator('.draft-state').innerText()).toContain('phiên bản 3');
  });

  it('issues after showing the number, date and agency the register will take; the register shows the trích yếu', async () => {
    await previewReady();
    await page.getByRole('button', { name: 'Ban hành…' }).click();
    const dialog = page.getByRole('dialog', { name: /Ban hành/ });
    const confirm = dialog.getByRole('button', { name: 'Xác nhận ban hành số 01/QĐ-SNV' });
    await confirm.waitFor({ timeout: WAIT });
    const facts = await dialog.locator('.issue-facts').innerText();
    expect(facts).toContain('(số tiếp theo của sổ)');
    expect(facts).toContain(`${profile.name} (mã định danh ${A_ID})`);
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    expect(facts).toContain(today);
    await shot('4-issue-confirmation');
    await confirm.click();
    await dialog.locator('.issued').waitFor({ timeout: WAIT });
    expect(await dialog.locator('.issued').innerText()).toContain('Số 01/QĐ-SNV');
    await shot('5-issued');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    // The issued draft is the register's record now: read-only, and its downloads are the register's files.
    const note = page.locator('.issued-note');
    await note.waitFor({ timeout: WAIT });
    expect(await note.innerText()).toContain('không sửa được nữa');
    for (const name of ['Lưu bản thảo', 'Trình ký', 'Ban hành…', 'Văn bản trống', 'Dữ liệu mẫu']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    expect(await page.locator('#root_summary').isDisabled()).toBe(true);
    const [issuedPdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bản lưu PDF' }).click()]);
    const issuedText = (await pdfPagesText(readFileSync(await issuedPdf.path()))).join('\n').normalize('NFC');
    expect(issuedText).toContain('01/QĐ-SNV');
    expect(issuedText).not.toContain('DỰ THẢO');
    // Its preview is the register's PDF too: pdf.js's text layer of page 1 shows the number taken.
    await page.waitForFunction(() => (document.querySelector('.pdf-page[data-page="1"]')?.textContent ?? '').normalize('NFC').includes('01/QĐ-SNV'), undefined, { timeout: WAIT });
    await shot('5b-issued-read-only');
    await page.goto(`${base}/#/so-van-ban`);
    const row = page.locator('.register-table tbody tr').first();
    await row.waitFor({ timeout: WAIT });
    expect(await row.locator('[data-label="Trích yếu"]').innerText()).toContain('trưởng phòng sửa');
    // The register's check of a PDF, with the file just downloaded: found as the register's copy of 01/QĐ-SNV.
    await page.getByRole('button', { name: 'Chọn tệp PDF…' }).waitFor();
    await page.locator('.verify-drop input[type=file]').setInputFiles(await issuedPdf.path());
    await page.locator('.verify-drop [role=status]').filter({ hasText: '01/QĐ-SNV' }).waitFor({ timeout: WAIT });
    expect(await page.locator('.verify-file').innerText()).toContain('Tệp: ');
    // Not signed yet: said as such, not as "Không hợp lệ".
    expect(await page.locator('.verify-drop [role=status]').innerText()).toMatch(/^Chưa ký: Tệp PDF không có chữ ký số nào\. Tệp là bản PDF\/A lưu trữ của văn bản 01\/QĐ-SNV/);
    await shot('6-register');
  });

  it('shows the request id of a failed issue (a number the register has passed)', async () => {
    // "Tạo từ văn bản này" on the register row: a new draft from the archived input, number and date cleared.
    await page.getByRole('button', { name: /^Tạo từ văn bản này\W*01\/QĐ-SNV$/ }).click();
    await page.waitForURL((u) => /#\/ban-thao\//.test(u.hash) && !u.hash.includes(draftId), { timeout: WAIT });
    await page.locator('.pane-form form').waitFor({ timeout: WAIT });
    expect(await value('root_number')).toBe('');
    expect(await value('root_date')).toBe(String(new Date().getFullYear()));
    await previewReady();
    await page.getByRole('button', { name: 'Ban hành…' }).click();
    const dialog = page.getByRole('dialog', { name: /Ban hành/ });
    await dialog.getByRole('button', { name: 'Xác nhận ban hành số 02/QĐ-SNV' }).waitFor({ timeout: WAIT });
    await dialog.getByLabel('Số văn bản (tùy chọn)').fill('1');
    const typed = dialog.getByRole('button', { name: 'Xác nhận ban hành số 01/QĐ-SNV' });
    await typed.waitFor({ timeout: WAIT });
    expect(await dialog.locator('.issue-facts').innerText()).toContain('(số nhập tay)');
    await typed.click();
    const error = dialog.getByRole('alert');
    await error.waitFor({ timeout: WAIT });
    expect(await error.innerText()).toContain('Số 1 sổ đã cấp qua');
    expect(await error.innerText()).toMatch(/mã yêu cầu: [0-9a-f-]{36}/);
    await shot('7-issue-error-request-id');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
  });

  it('lists "Văn bản của tôi" with type, trích yếu, author, last change and status', async () => {
    await page.goto(`${base}/#/van-ban-cua-toi`);
    await page.getByRole('heading', { level: 2, name: 'Văn bản của tôi' }).waitFor();
    // The clerk's own: the second draft (the first was last saved by the head of unit).
    await page.locator('.drafts-table').waitFor({ timeout: WAIT });
    expect(await page.locator('.drafts-table tbody tr').count()).toBe(1);
    await page.getByLabel('Chỉ bản thảo tôi lưu gần nhất').uncheck();
    await page.locator('.drafts-table tbody tr').nth(1).waitFor({ timeout: WAIT });
    const text = await page.locator('.drafts-table tbody').innerText();
    expect(text).toContain('Đã ban hành');
    expect(text).toContain('Dự thảo');
    expect(text).toContain('truong-phong');
    expect(text).toContain('Quyết định');
    await shot('8-van-ban-cua-toi');
  });

  it('sends the script compressed (brotli, else gzip)', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const raw = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'identity' } });
    const plainBytes = (await raw.arrayBuffer()).byteLength;
    for (const enc of ['br', 'gzip']) {
      const r = await fetch(`${base}${script}`, { headers: { 'accept-encoding': enc } });
      expect(r.headers.get('content-encoding')).toBe(enc);
      expect(r.headers.get('vary')?.toLowerCase()).toContain('accept-encoding');
      expect((await r.arrayBuffer()).byteLength).toBe(plainBytes);
    }
    const { statSync } = await import('node:fs');
    const file = path.join(ROOT, 'web', 'dist', script);
    expect(statSync(`${file}.br`).size).toBeLessThan(plainBytes / 3);
  });

  it('asked nothing the browser reported as an error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
