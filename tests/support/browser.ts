/**
 * The staff page's tests in a real headless Chromium (Debian's, driven by playwright-core): the page built once
 * (web/dist), the browser launched the same way, the browser's errors collected (a 4xx the page asked for and
 * handles is not one), and the PDF previews the page receives read as text on their way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { pdfPagesText } from './docs.js';

/** The repository. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the page tests write their screenshots (looked at before a change is called done). */
export const SHOTS = path.join(ROOT, 'out', 'web');

/** web/dist built if it is not there (`npm run build:web` after changing web/src), and the screenshots' folder. */
export function prepareStaffPage(): void {
  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The console errors and uncaught exceptions of every page of the context, into `errors`. */
export function collectErrors(context: BrowserContext, errors: string[], o: { ignore4xx?: boolean } = {}): void {
  const ignore4xx = o.ignore4xx ?? true;
  context.on('console', (m) => {
    if (m.type() === 'error' && !(ignore4xx && /status of 4\d\d/.test(m.text()))) errors.push(m.text());
  });
  context.on('weberror', (e) => errors.push(String(e.error())));
}

/** The text (NFC) of every PDF preview the page receives with a 200, into `previews`. */
export async function collectPreviews(context: BrowserContext, previews: string[]): Promise<void> {
  await context.route('**/render?format=pdf**', async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    if (res.status() === 200) previews.push((await pdfPagesText(body)).join('\n').normalize('NFC'));
    await route.fulfill({ response: res, body });
  });
}

/** The app listening on a free loopback port, and its base URL (the browser's way in). */
export async function serve(app: { listen(o: { port: number; host: string }): Promise<string>; server: { address(): unknown } }): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** The clerk's API key kept in the tab, as the page's key bar keeps it (the page's own frames only). */
export async function keyInTab(context: BrowserContext, key: string): Promise<void> {
  await context.addInitScript((k) => {
    if (location.protocol === 'http:') sessionStorage.setItem('vanban.apiKey', k);
  }, key);
}
