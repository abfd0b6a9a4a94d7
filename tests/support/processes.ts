/** Processes as the tests of Chromium's lifecycle see them: alive (not a zombie), and a process group's members. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** Every live process of a process group (a browser, and every helper process it starts). */
export function group(pgid: number): number[] {
  try {
    return execFileSync('pgrep', ['-g', String(pgid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number).filter(alive);
  } catch {
    return [];
  }
}
