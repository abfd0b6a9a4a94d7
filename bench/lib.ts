/** Shared by the benchmark and the chaos run: start the real service, measure processes, count, summarise. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../src/render/paths.js';

export { ROOT };

export type Service = { url: string; port: number; proc: ChildProcess; stop(): Promise<number | null> };

let built = false;
/** Compiles src/ into dist/ (once per run), so what is measured is what `npm start` runs. */
export function buildService(): void {
  if (built) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('tsc -p tsconfig.build.json failed');
  built = true;
}

const handedOut = new Set<number>();
/**
 * A port nothing listens on now, chosen by the kernel, and never one already given to a service of this run: a
 * restarted instance must not land on the port of one still running (a random pick from 90 ports did once, in CI:
 * the new process died with EADDRINUSE while /ready was answered by the old one).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/**
 * Starts the service as `npm start` does (node dist/main.js, compiled from the current src/ first) and waits
 * until /ready answers.
 */
export async function startService(env: Record<string, string>, chosen?: number): Promise<Service> {
  buildService();
  const port = chosen ?? (await freePort());
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`service exited with ${proc.exitCode}`);
    const r = await request('GET', `${url}/ready`).catch(() => undefined);
    if (r?.status === 200) break;
    if (Date.now() > end) throw new Error('service did not become ready in 60 s');
    await sleep(200);
  }
  return {
    url,
    port,
    proc,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill('SIGTERM');
      }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export type Answer = { status: number; ms: number; bytes: number; headers: http.IncomingHttpHeaders; body: string; raw: Buffer };

export function request(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.request(url, { method, agent, headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, bytes: raw.length, headers: res.headers, raw, body: raw.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Processes as { pid, ppid, pgid, rssKb, cmd }. */
export function processes(): { pid: number; ppid: number; pgid: number; rssKb: number; cmd: string; cpuTicks: number[] }[] {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (after[0] === 'Z') continue;
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // utime, stime, cutime, cstime (clock ticks of 1/100 s)
      const cpuTicks = after.slice(11, 15).map(Number);
      out.push({ pid: Number(d), ppid: Number(after[1]), pgid: Number(after[2]), rssKb: rss, cmd, cpuTicks });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The service and every process below it (Chromium runs detached, in its own group, but as a child). */
export function tree(root: number): ReturnType<typeof processes> {
  const all = processes();
  const keep = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) if (!keep.has(p.pid) && keep.has(p.ppid)) (keep.add(p.pid), (grew = true));
  }
  return all.filter((p) => keep.has(p.pid));
}

/**
 * Memory of the service and all its Chromium processes in MB, as the sum of their proportional set sizes
 * (PSS: shared pages divided among the processes sharing them; summing RSS would count Chromium's shared
 * libraries once per process).
 */
export function treeRssMb(root: number): number {
  let kb = 0;
  for (const p of tree(root)) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8'))?.[1] ?? p.rssKb);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

/**
 * CPU seconds used so far by the service's own process and by its children (Chromium, live or reaped), from
 * /proc/<pid>/stat (clock ticks of 1/100 s).
 */
export function cpuSeconds(root: number): { service: number; children: number } {
  let service = 0;
  let children = 0;
  for (const p of tree(root)) {
    const [u = 0, s = 0, cu = 0, cs = 0] = p.cpuTicks;
    if (p.pid === root) (service += u + s), (children += cu + cs);
    else children += u + s;
  }
  return { service: service / 100, children: children / 100 };
}

/**
 * Chromium processes left behind: a live browser is a child of the Node process that launched it, and its
 * helpers are its children; one whose parent died is re-parented to init (ppid 1).
 */
export function orphanChromium(): number[] {
  return processes()
    .filter((p) => p.ppid === 1 && /(^|\/)chrom(e|ium)(\s|$)/.test(p.cmd.split(' --')[0] ?? ''))
    .map((p) => p.pid);
}

/**
 * Samples the memory of the service's tree every `everyMs`; stop() returns the peak in MB. Reading a process's
 * smaps_rollup walks its page tables under its memory lock and stalls it meanwhile: at 10 readings a second
 * it slowed a PDF render by 17 ms (82 -> 99 ms p50). So latency phases run without a sampler, and phases that
 * need one sample once a second.
 */
export function rssSampler(root: number, everyMs = 1000): { stop(): number; peak(): number } {
  let peak = treeRssMb(root);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMb(root));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
    peak: () => peak,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(ms: number[]): { n: number; p50: number; p95: number; p99: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A plain text table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  return [line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.map((r) => line(r.map(String)))].join('\n');
}
