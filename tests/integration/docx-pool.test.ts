/**
 * The DOCX worker pool's behaviour with real worker threads: renders on workers, the bounded queue, deadlines
 * in the queue and during a render, cancellation, a worker that dies, and shutdown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { CATALOG } from '../../src/documents/catalog.js';
import type { BaseView } from '../../src/documents/types.js';
import { validate } from '../../src/documents/validate.js';
import { DocxPool } from '../../src/render/docx/workers.js';
import { PoolError } from '../../src/render/queue.js';

const ids = CATALOG.map((t) => t.id);
function viewOf(id: string, file: string): BaseView {
  const type = CATALOG.find((t) => t.id === id)!;
  const v = validate(type, JSON.parse(readFileSync(new URL(`../../fixtures/${id}/${file}`, import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('fixture invalid');
  return type.view(v.data as never) as BaseView;
}
const decision = viewOf('quyet-dinh', 'qd-kt-so-noi-vu.json');
const plan = viewOf('ke-hoach-cchc', 'ke-hoach-cchc-2025-so-noi-vu.json');
/** A letter whose body repeats its blocks `times` times (past the schema's limits: the pool does not care). */
function long(times: number): BaseView {
  const v = viewOf('van-ban', 'thong-bao-ket-luan.json') as BaseView & { main: { blocks: unknown[] } };
  return { ...v, main: { ...v.main, blocks: Array.from({ length: times }, () => v.main.blocks).flat() } } as BaseView;
}
/** About half a second of rendering or more. */
const slow = long(400);

const pools: DocxPool[] = [];
function pool(o: Partial<ConstructorParameters<typeof DocxPool>[0]> = {}): DocxPool {
  const p = new DocxPool({ size: 1, queueSize: 10, ids, ...o });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
const soon = (ms: number) => Date.now() + ms;
const kind = (e: unknown) => (e instanceof PoolError ? e.kind : String(e));
const text = (docx: Buffer) => new PizZip(docx).file('word/document.xml')!.asText();

describe('DocxPool', () => {
  it('renders on its workers, each job on a free worker', async () => {
    const p = pool({ size: 2 });
    expect(await p.ready()).toBe(true);
    const out = await Promise.all([decision, plan, decision, plan].map((v, i) => p.render(i % 2 ? 'ke-hoach-cchc' : 'quyet-dinh', v, { deadline: soon(30_000) })));
    expect(text(out[0]!)).toContain('QUYẾT ĐỊNH');
    expect(text(out[1]!)).toContain('KẾ HOẠCH');
    expect(p.stats).toMatchObject({ size: 2, busy: 0, queued: 0, renders: 4, restarts: 0 });
  });

  it('with no queue (DOCX_QUEUE_SIZE=0) renders on an idle worker, and refuses only a job that would wait', async () => {
    const p = pool({ size: 1, queueSize: 0 });
    await p.ready();
    expect(text(await p.render('quyet-dinh', decision, { deadline: soon(30_000) }))).toContain('QUYẾT ĐỊNH');
    const running = p.render('van-ban', slow, { deadline: soon(60_000) });
    expect(kind(await p.render('quyet-dinh', decision, { deadline: soon(60_000) }).catch((e: unknown) => e))).toBe('queue_full');
    await running;
    expect(p.stats).toMatchObject({ renders: 2, queued: 0 });
  });

  it('refuses at once when the queue is full, and takes the queued ones', async () => {
    const p = pool({ size: 1, queueSize: 2 });
    await p.ready();
    const running = p.render('van-ban', slow, { deadline: soon(60_000) });
    const queued = [1, 2].map(() => p.render('quyet-dinh', decision, { deadline: soon(60_000) }));
    const t = Date.now();
    const refused = await p.render('quyet-dinh', decision, { deadline: soon(60_000) }).catch((e: unknown) => e);
    expect(kind(refused)).toBe('queue_full');
    expect(Date.now() - t).toBeLessThan(50);
    await Promise.all([running, ...queued]);
    expect(p.stats.renders).toBe(3);
  });

  it('fails a job whose deadline passes in the queue', async () => {
    const p = pool({ size: 1 });
    await p.ready();
    const running = p.render('van-ban', slow, { deadline: soon(60_000) });
    const late = await p.render('quyet-dinh', decision, { deadline: soon(20) }).catch((e: unknown) => e);
    expect(kind(late)).toBe('deadline');
    await running;
    expect(p.stats.restarts).toBe(0);
  });

  it('ends a worker still rendering at the deadline and replaces it', async () => {
    const p = pool({ size: 1 });
    await p.ready();
    const r = await p.render('van-ban', slow, { deadline: soon(50) }).catch((e: unknown) => e);
    expect(kind(r)).toBe('deadline');
    expect(p.stats.restarts).toBe(1);
    expect(text(await p.render('quyet-dinh', decision, { deadline: soon(30_000) }))).toContain('QUYẾT ĐỊNH');
  });

  it('drops a queued job whose client went away', async () => {
    const p = pool({ size: 1 });
    await p.ready();
    const running = p.render('van-ban', slow, { deadline: soon(60_000) });
    const ac = new AbortController();
    const gone = p.render('quyet-dinh', decision, { deadline: soon(60_000), signal: ac.signal }).catch((e: unknown) => e);
    expect(p.stats.queued).toBe(1);
    ac.abort();
    expect(kind(await gone)).toBe('cancelled');
    expect(p.stats.queued).toBe(0);
    await running;
    expect(p.stats.renders).toBe(1);
  });

  it('replaces a worker that dies (out of memory) and fails only its job', async () => {
    const p = pool({ size: 1, maxHeapMb: 24 });
    await p.ready();
    // Far more than a 24 MB heap holds while rendering.
    const r = await p.render('van-ban', long(4000), { deadline: soon(60_000) }).catch((e: unknown) => e);
    expect(kind(r)).toBe('crashed');
    expect(p.stats.restarts).toBe(1);
    expect(text(await p.render('quyet-dinh', decision, { deadline: soon(30_000) }))).toContain('QUYẾT ĐỊNH');
  });

  it('lets a running job finish on close, then refuses', async () => {
    const p = pool({ size: 2 });
    await p.ready();
    const inFlight = p.render('quyet-dinh', decision, { deadline: soon(30_000) });
    await p.close();
    expect(text(await inFlight)).toContain('QUYẾT ĐỊNH');
    expect(kind(await p.render('quyet-dinh', decision, { deadline: soon(30_000) }).catch((e: unknown) => e))).toBe('closed');
  });
});
