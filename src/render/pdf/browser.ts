/**
 * Launching, watching and killing one Chromium browser: its flags, its process group, its scheduling priority,
 * when a call to it counts as unanswered, and its resident memory. The pool (pool.ts) decides when; this file
 * knows how.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import puppeteer, { type Browser } from 'puppeteer-core';

/** How much lower Chromium's scheduling priority is than the service's. */
const CHROMIUM_NICE = 5;
/** The service's own priority where it may raise it: above Chromium's renderers, which set themselves to -8. */
const SERVICE_NICE = -10;

/**
 * Chromium's flags. Its default process model (browser, zygote, a renderer per page, GPU and utility
 * processes), nothing that Chromium documents as unsupported or for debugging only: `--single-process`, which
 * printed 2 to 3 times faster, froze the browser about three minutes after start on every instance (issue 12),
 * and `--no-zygote` made every child process a fork and exec of the whole binary. Chromium starts a print
 * compositor process for every print job; with the zygote that is a fork of a warm process (the two-page
 * decision: 66 ms instead of 98 ms per print on the 2-core machine; figures in docs/pool-and-faults.md).
 * `--no-sandbox`: Chromium's sandbox cannot start as root (CI, this machine) nor, in most containers, as the
 * image's unprivileged user (it needs user namespaces or a setuid helper); what the pages show is the service's
 * own HTML with scripts off by CSP and the network closed.
 */
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
  '--disable-breakpad',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

let raised = false;
function raiseServicePriority(): void {
  if (raised) return;
  raised = true;
  try {
    if (os.getPriority(0) > SERVICE_NICE) os.setPriority(0, SERVICE_NICE);
  } catch {
    // not permitted (not root): Chromium is lowered instead
  }
}

/** Kills a browser's whole process group (puppeteer starts it detached, as a group leader), stopped or not. */
export function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export type Launched = { browser: Browser; pid: number | undefined };

/** Starts one browser talking over a pipe, with the service ahead of it for the CPU. */
export async function launchBrowser(executablePath: string, protocolTimeoutMs: number): Promise<Launched> {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // Talk over a pipe: when the service dies, even by SIGKILL, the pipe closes and Chromium exits with it.
    pipe: true,
    args: CHROMIUM_ARGS,
    protocolTimeout: protocolTimeoutMs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: protocolTimeoutMs,
  });
  const proc = browser.process();
  const pid = proc?.pid;
  // The pipe to a browser that is killed resets: its streams must not throw from nowhere.
  for (const stream of proc?.stdio ?? []) (stream as NodeJS.EventEmitter | null)?.on?.('error', () => undefined);
  // The Node process must stay ahead of Chromium for the CPU, so that answering (a 429, a DOCX, a health
  // check) stays quick while every page prints. Chromium raises its own renderers' priority (to nice -8
  // when it runs as root), so the service raises its own above that where it may; otherwise (not root)
  // Chromium is lowered instead, and, unprivileged, cannot raise itself back.
  raiseServicePriority();
  if (pid) {
    try {
      os.setPriority(pid, Math.min(19, os.getPriority(pid) + CHROMIUM_NICE));
    } catch {
      // not permitted: leave it
    }
  }
  return { browser, pid };
}

/** Chromium did not answer in time (our own limit: `timeout`). */
class ProtocolTimeout extends Error {}

/** Ours, puppeteer's TimeoutError, or a CDP call past puppeteer's protocolTimeout (a ProtocolError "timed out"). */
export const timedOut = (e: unknown) =>
  e instanceof ProtocolTimeout || (e instanceof Error && (e.name === 'TimeoutError' || (e.name === 'ProtocolError' && /timed out/i.test(e.message))));

/** A call to Chromium that fails with ProtocolTimeout when it takes longer than `ms`. */
export function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new ProtocolTimeout(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The resident memory (MB) of a process, read from /proc (microseconds); undefined when it cannot be read. */
export function residentMb(pid: number): number | undefined {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return undefined;
  }
}
