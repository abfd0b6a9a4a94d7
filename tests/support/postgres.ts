/**
 * A private PostgreSQL server for the archive tests: initdb in a temporary directory and pg_ctl start on a
 * free port (as the postgres user when running as root, which initdb refuses). Undefined when Debian's
 * PostgreSQL binaries are not installed.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Pg = { url: string; stop(): void };

function binDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  const dir = v ? path.join(base, v, 'bin') : undefined;
  return dir && existsSync(path.join(dir, 'initdb')) ? dir : undefined;
}

/** Whether Debian's PostgreSQL server binaries are here: the PostgreSQL cases of a test run only then. */
export const pgInstalled = binDir() !== undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startPostgres(): Promise<Pg | undefined> {
  const bin = binDir();
  if (!bin) return undefined;
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-pg-'));
  const data = path.join(dir, 'data');
  let uid = 0;
  let gid = 0;
  if (root) {
    const id = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    uid = Number(id);
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe', cwd: '/' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'vanban', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgres://vanban@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
