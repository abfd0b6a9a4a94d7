/**
 * The form of the staff page (issue 17, "editing like they are used to") in a real headless Chromium (Debian's,
 * driven by playwright-core as tests/e2e/workplace-page.test.ts does): dates typed dd/mm/yyyy with a calendar,
 * the server's distinct date messages beside the box and a malformed date kept as typed; reform areas shown by
 * their Vietnamese names; suggestions for the agency and Nơi nhận from the profile and past drafts; task rows
 * that show all their text; sections that fold, opened by the jump list and by their errors; the phone header on
 * one line. Screenshots in out/web/form-*.png, looked at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';
import { collectErrors, keyInTab, launchChromium, prepareStaffPage, serve, SHOTS } from '../support/browser.js';
import { SAMPLE_PROFILE } from '../support/workplace.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const WAIT = 45_000;
const A_ID = '000.00.12.H56';
const KEY_A = 'khoa-chuyen-vien-form';

let app: App;
let dir: string;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const profile = SAMPLE_PROFILE;

const api = (key: string, method: string, url: string, body?: unknown) =>
  fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

beforeAll(async () => {
  prepareStaffPage();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-form-page-'));
  app = await buildApp({
    logger: false,
    dataDir: dir,
    poolSize: 1,
    ratePerMinute: 0,
    apiKeys: [{ id: 'chuyen-vien', sha256: hashKey(KEY_A), role: 'agency', agency: A_ID }],
  });
  base = await serve(app);
  expect((await api(KEY_A, 'PUT', `/v1/agencies/${A_ID}`, profile)).status).toBe(201);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  await keyInTab(context, KEY_A);
  collectErrors(context, consoleErrors);
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `form-${name}.png`) });
const value = (id: string) => page.locator(`#${id}`).inputValue();
const centre = (selector: string) => page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
/** The message under a field, once the server's check has answered. */
const errorOf = (id: string) => page.locator(`#${id}__error`);

/** The composer of a type, from its example (not from a draft an earlier step left in this browser). */
async function open(type: string): Promise<void> {
  if (page.url().startsWith(base)) await page.evaluate(() => localStorage.clear());
  await page.goto(`${base}/#/soan/${type}`);
  await page.locator('.pane-form form').waitFor({ timeout: WAIT });
}

describe('the form in a real browser', () => {
  it('takes dates as dd/mm/yyyy with a calendar, sends ISO, keeps a malformed date as typed beside the server’s message', async () => {
    await open('quyet-dinh');
    const date = page.locator('#root_date');
    // The starting point's date is the current year (a draft may leave day and month blank): shown as it is.
    expect(await date.inputValue()).toBe(String(new Date().getFullYear()));
    await date.fill('20/12/2024');
    await page.waitForFunction(() => !document.getElementById('root_date__error'), undefined, { timeout: WAIT });
    // The calendar: its button is labelled; the browser's date input behind it fills the box.
    await page.getByRole('button', { name: 'Chọn ngày ban hành trên lịch' }).waitFor();
    expect(await page.locator('#root_date__native').inputValue()).toBe('2024-12-20');
    await page.locator('#root_date__native').fill('2025-02-03');
    expect(await date.inputValue()).toBe('03/02/2025');
    // A day that does not exist: its own message.
    await date.fill('30/02/2024');
    await errorOf('root_date').filter({ hasText: 'tháng 2 năm 2024 có 29 ngày' }).waitFor({ timeout: WAIT });
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    // A draft's partial date is fine; a malformed one stays as typed with the form's message.
    await date.fill('12/2024');
    await page.waitForFunction(() => !document.getElementById('root_date__error'), undefined, { timeout: WAIT });
    await date.fill('20.12.20x4');
    await errorOf('root_date').filter({ hasText: 'Ngày không đúng dạng' }).waitFor({ timeout: WAIT });
    expect(await date.inputValue()).toBe('20.12.20x4');
    await centre('#root_date');
    // A check box's description speaks to staff ("Khi chọn:"), not in the API's "true:".
    const boxDescriptions = await page.locator('.checkbox .field-description').allInnerTexts();
    expect(boxDescriptions.length).toBeGreaterThan(0);
    for (const d of boxDescriptions) expect(d).not.toMatch(/\btrue:|\bfalse:/);
    await shot('1-date-malformed');
    await date.fill('20/12/2024');
    await page.waitForFunction(() => !document.getElementById('root_date__error'), undefined, { timeout: WAIT });
  });

  it('shows the reform areas by their Vietnamese names and sends the code', async () => {
    await open('ke-hoach-cchc');
    // Seven areas: the rows start folded, each named by its area's name, not its code.
    expect(await page.locator('#root_areas_1__toggle .row-gist').innerText()).toBe('Cải cách thể chế');
    expect((await page.locator('#root_areas .row-gist').allInnerTexts()).join(' ')).not.toMatch(/the-che|thu-tuc-hanh-chinh/);
    await page.locator('#root_areas_1__toggle').click();
    expect(await page.getByRole('combobox', { name: 'Lĩnh vực' }).first().inputValue()).toBe('Cải cách thể chế');
    // Typing without diacritics finds the area; arrows and Enter take it; the value sent is its code.
    const box = page.locator('#root_areas_1_area');
    await box.fill('thu tuc');
    await page.getByRole('listbox', { name: /Các lựa chọn: Lĩnh vực/ }).first().waitFor();
    const sent = page.waitForRequest((r) => r.url().endsWith('/validate') && JSON.parse(r.postData() ?? '{}').areas?.[1]?.area === 'thu-tuc-hanh-chinh', { timeout: WAIT });
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBeTruthy();
    await centre('#root_areas_1_area');
    await shot('2-area-names');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Cải cách thủ tục hành chính');
    await sent;
    // Escape closes the list; an unknown code stays as typed.
    await box.fill('linh-vuc-rieng');
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.inputValue()).toBe('linh-vuc-rieng');
    // The choices of a drop-down list and their descriptions are names too.
    expect(await page.locator('#root_urgency').innerText()).toContain('Thượng khẩn');
    expect(await page.locator('#root_urgency__description').innerText()).not.toContain('thuong-khan');
  });

  it('suggests agencies and Nơi nhận lines from the profile and the agency’s past drafts', async () => {
    // A colleague's earlier draft, with a Nơi nhận line of its own.
    const example = (await (await api(KEY_A, 'GET', '/v1/templates/quyet-dinh/example')).json()) as Record<string, any>;
    const past = { ...example, recipients: { ...example.recipients, items: ['Sở Tư pháp tỉnh Thanh Hóa', 'Lưu: VT, CCHC'] } };
    const saved = await api(KEY_A, 'POST', '/v1/drafts', { template: 'quyet-dinh', data: past });
    expect(saved.status).toBe(201);
    // Read to its end: an answer left unread holds its connection open, and the app's close would wait for it.
    await saved.arrayBuffer();
    await open('quyet-dinh');
    const line = page.locator('#root_recipients_items_0');
    await line.fill('tu phap');
    const list = page.locator('#root_recipients_items_0__choices');
    await list.getByRole('option', { name: 'Sở Tư pháp tỉnh Thanh Hóa' }).waitFor({ timeout: WAIT });
    await line.press('ArrowDown');
    await centre('#root_recipients_items_0');
    await shot('3-recipient-suggestions');
    await line.press('Enter');
    expect(await line.inputValue()).toBe('Sở Tư pháp tỉnh Thanh Hóa');
    expect(await list.isHidden()).toBe(true);
    // The agency name: the profile's name and its parent's, offered on ArrowDown.
    const name = page.locator('#root_agency_name');
    await name.fill('');
    await name.press('ArrowDown');
    const names = await page.locator('#root_agency_name__choices [role=option]').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining([profile.name, profile.parent.name]));
    await name.press('Escape');
    expect(await name.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows all the text of the task rows of a folded area once it is opened (no box clips its second line)', async () => {
    await open('ke-hoach-cchc');
    await page.locator('#root_areas_0__toggle').click();
    // Text areas and the rich-text editors of the tasks (web/src/richtext: contentEditable boxes).
    const boxes = page.locator('#root_areas_0__body :is(textarea, [contenteditable="true"])');
    await boxes.first().waitFor();
    // Every box with text is as tall as its text (a box drawn folded had no width to measure: it measures when shown).
    const clipped = await boxes.evaluateAll((els) =>
      (els as HTMLElement[])
        .filter((el) => ((el as HTMLTextAreaElement).value ?? el.textContent) && el.offsetParent && el.scrollHeight > el.clientHeight + 1)
        .map((el) => el.id),
    );
    expect(clipped).toEqual([]);
    expect(await boxes.count()).toBeGreaterThan(2);
    await centre('#root_areas_0_tasks_1');
    await shot('4-task-rows');
  });

  it('folds the top-level sections from their legend; the jump list opens the section it jumps to; an error keeps its section open', async () => {
    await open('quyet-dinh');
    const fold = page.locator('#root_agency__title__fold');
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#root_agency_name').isVisible()).toBe(false);
    await page.locator('#root_recipients__title__fold').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('5-sections-folded');
    await page.getByRole('navigation', { name: 'Đến phần của biểu mẫu' }).getByRole('link', { name: 'Cơ quan ban hành' }).click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await page.waitForFunction(() => document.activeElement?.id === 'root_agency_name');
    // A section holding an error is open and stays open until the error is gone (formContext.flagged).
    const signer = page.locator('#root_signer__title__fold');
    const name = page.locator('#root_signer_name');
    const was = await name.inputValue();
    await name.fill('');
    await errorOf('root_signer_name').waitFor({ timeout: WAIT });
    expect(await signer.getAttribute('aria-expanded')).toBe('true');
    expect(await signer.isDisabled()).toBe(true);
    await name.fill(was);
    await page.waitForFunction(() => !document.getElementById('root_signer_name__error'), undefined, { timeout: WAIT });
    await signer.click();
    expect(await signer.getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps the phone header’s links on one line (390x844), and the rows readable there', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('ke-hoach-cchc');
    const tops = await page.locator('.site-nav a:visible').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(tops.length).toBe(3);
    expect(new Set(tops).size).toBe(1);
    const cut = await page.locator('.site-nav a:visible').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).length);
    expect(cut).toBe(0);
    await shot('6-phone-header');
    await page.locator('#root_areas_0__toggle').click();
    await centre('#root_areas_0_tasks_1');
    await shot('6b-phone-task-rows');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('asked nothing the browser reported as an error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
