/**
 * Sweeping the conversion directories of killed processes. Every conversion works in a private directory
 * (PDFA_TMP_PREFIX + pid) that its own `finally` removes; a SIGKILLed service runs no `finally`, so the next
 * conversions remove what a process that is gone left behind.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Prefix of the private temporary directories, under os.tmpdir(); the owner's pid follows. */
export const PDFA_TMP_PREFIX = 'vanban-pdfa-';
/** A directory this young is never swept: its owner may be between mkdtemp and its first file. */
const SWEEP_MIN_AGE_MS = 60_000;
/** A directory this old is swept even if a process with its pid exists (the pid was reused). */
const SWEEP_MAX_AGE_MS = 24 * 3600_000;
let lastSweep = 0;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the conversion directories under `tmp` whose owner process is gone (or that are a day old), and
 * returns their names. toPdfA calls it at most once a minute; a SIGKILLed service leaves its directory behind.
 */
export async function sweepPdfATempDirs(tmp = os.tmpdir(), now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(tmp);
  } catch {
    return [];
  }
  const swept: string[] = [];
  const uid = process.getuid?.();
  await Promise.all(
    names
      .filter((n) => n.startsWith(PDFA_TMP_PREFIX))
      .map(async (n) => {
        const full = path.join(tmp, n);
        try {
          const st = await lstat(full);
          if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) return;
          const age = now - st.mtimeMs;
          if (age < SWEEP_MIN_AGE_MS) return;
          const pid = /^(\d+)-/.exec(n.slice(PDFA_TMP_PREFIX.length))?.[1];
          if (pid !== undefined && Number(pid) === process.pid) return; // ours: removed by its own finally
          const ownerGone = pid !== undefined && !pidAlive(Number(pid));
          if (!ownerGone && age < SWEEP_MAX_AGE_MS) return;
          await rm(full, { recursive: true, force: true });
          swept.push(n);
        } catch {
          // Gone already, or not ours to remove.
        }
      }),
  );
  return swept;
}

/** Sweeps os.tmpdir() when the last sweep of this process is more than a minute old (toPdfA calls it). */
export async function sweepIfDue(): Promise<void> {
  if (Date.now() - lastSweep > SWEEP_MIN_AGE_MS) {
    lastSweep = Date.now();
    await sweepPdfATempDirs();
  }
}
