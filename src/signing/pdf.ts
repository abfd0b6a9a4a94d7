/**
 * The PDF plumbing of signing: reading a file's objects through qpdf's JSON (src/archive/pdfa/structure.ts,
 * whatever the file's xref: tables, streams, object streams), writing objects back in PDF syntax, and appending
 * an incremental update (new object versions, a classic xref section chained to the previous one by /Prev, a
 * trailer): the bytes before it stay as they are, so every earlier signature keeps covering what it covered.
 *
 * Strings are written as hex (even length by construction) or as UTF-16BE with a byte order mark: nothing a
 * PDF/A validator flags. Also here: the revisions of a file (the offsets just after each %%EOF) and which
 * objects a later revision redefined (qpdf --show-xref of the revision against the whole file).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from '../archive/pdfa/tools.js';
import { structure, type Json, type JsonObj, type Structure } from '../archive/pdfa/structure.js';

export type { Json, JsonObj, Structure };

export const isDict = (v: Json | undefined): v is JsonObj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "12 0 R" -> 12 (undefined for anything else). */
export const refNumber = (v: Json | undefined): number | undefined => (typeof v === 'string' && /^\d+ \d+ R$/.test(v) ? Number(v.split(' ')[0]) : undefined);

/** The dictionary of an object (a stream's dictionary for a stream), by reference or object number. */
export function dictAt(s: Structure, ref: Json | number | undefined): JsonObj | undefined {
  const n = typeof ref === 'number' ? ref : refNumber(ref);
  if (n === undefined) return isDict(ref as Json) ? (ref as JsonObj) : undefined;
  const o = s.objects[`obj:${n} 0 R`];
  if (!o) return undefined;
  if (isDict(o.value)) return o.value;
  return isDict(o.stream?.dict) ? o.stream.dict : undefined;
}

/** A value that may be given by reference, resolved once. */
export function resolve(s: Structure, v: Json | undefined): Json | undefined {
  const n = refNumber(v);
  if (n === undefined) return v;
  const o = s.objects[`obj:${n} 0 R`];
  return o?.value ?? (o?.stream?.dict as Json | undefined);
}

/** A text string of qpdf's JSON ("u:..." text, "b:..." bytes as hex) as a JavaScript string. */
export function textOf(v: Json | undefined): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.startsWith('u:')) return v.slice(2);
  if (!v.startsWith('b:')) return undefined;
  const b = Buffer.from(v.slice(2), 'hex');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  return b.toString('latin1');
}

/** A PDF text string, hex-encoded: ASCII as bytes, anything else UTF-16BE with its byte order mark. */
export function pdfText(s: string): string {
  const t = s.normalize('NFC');
  if (/^[\x20-\x7e]*$/.test(t)) return `<${Buffer.from(t, 'latin1').toString('hex')}>`;
  const b = Buffer.from(t, 'utf16le').swap16();
  return `<feff${b.toString('hex')}>`;
}

/** A PDF date in Vietnam's time (UTC+7, no daylight saving): D:YYYYMMDDHHmmSS+07'00'. */
export function pdfDate(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `D:${v.slice(0, 4)}${v.slice(5, 7)}${v.slice(8, 10)}${v.slice(11, 13)}${v.slice(14, 16)}${v.slice(17, 19)}+07'00'`;
}

/** ISO 8601 in Vietnam's time: 2026-12-01T09:30:00+07:00 (Decree 30, Appendix I). */
export function isoVietnam(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** A value of qpdf's JSON (v2) in PDF syntax. */
export function pdfValue(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(6).replace(/\.?0+$/, '');
  if (typeof v === 'string') {
    if (v.startsWith('u:')) return pdfText(v.slice(2));
    if (v.startsWith('b:')) return `<${v.slice(2)}>`;
    return v; // a name ("/Type") or a reference ("12 0 R")
  }
  if (Array.isArray(v)) return `[${v.map(pdfValue).join(' ')}]`;
  return `<<${Object.entries(v)
    .map(([k, x]) => `${k} ${pdfValue(x)}`)
    .join(' ')}>>`;
}

/** A new version of an object: a dictionary or other value written as it is, or a stream with its bytes. */
export type PdfObject = { num: number; body: string } | { num: number; dict: string; data: Buffer };

/** The offset of the last xref section (the last startxref), or undefined when there is none. */
export function lastStartXref(pdf: Buffer): number | undefined {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const all = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const m = all[all.length - 1];
  return m ? Number(m[1]) : undefined;
}

/** Reads a file's objects through qpdf (in a private temporary directory). */
export async function readPdf(pdf: Buffer, timeoutMs = 30_000): Promise<Structure> {
  return withFile(pdf, (file, ctx) => structure('qpdf', file, ctx, 'input', true), timeoutMs);
}

/** Runs fn with the bytes written to a temporary file; the directory is removed whatever happens. */
export async function withFile<T>(pdf: Buffer, fn: (file: string, ctx: { cwd: string; deadline: number; timeoutMs: number }) => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanban-sign-'));
  try {
    const file = path.join(dir, 'in.pdf');
    await writeFile(file, pdf);
    return await fn(file, { cwd: dir, deadline: Date.now() + timeoutMs, timeoutMs });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where each object of a file is (qpdf --show-xref): "12" -> "uncompressed; offset = 345". */
export async function xrefOf(pdf: Buffer): Promise<Map<number, string>> {
  return withFile(pdf, async (file, ctx) => {
    const r = await run('qpdf', ['--show-xref', file], { ...ctx, what: 'qpdf' });
    const out = new Map<number, string>();
    for (const line of r.stdout.toString('latin1').split('\n')) {
      const m = /^(\d+)\/\d+: (.*)$/.exec(line.trim());
      if (m) out.set(Number(m[1]), m[2]!);
    }
    return out;
  });
}

/**
 * Appends an incremental update holding `objects` to `pdf`, with a trailer carrying the previous one's /Root,
 * /Info and /ID. Returns the new file and the offset where each object begins.
 */
export function appendUpdate(pdf: Buffer, s: Structure, objects: PdfObject[]): { pdf: Buffer; offsets: Map<number, number> } {
  const prev = lastStartXref(pdf);
  if (prev === undefined) throw new Error('no startxref at the end of the file');
  const parts: Buffer[] = [pdf];
  let at = pdf.length;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push(Buffer.from('\n'));
  const offsets = new Map<number, number>();
  for (const o of [...objects].sort((a, b) => a.num - b.num)) {
    offsets.set(o.num, at);
    if ('body' in o) push(Buffer.from(`${o.num} 0 obj\n${o.body}\nendobj\n`, 'latin1'));
    else {
      push(Buffer.from(`${o.num} 0 obj\n${o.dict.replace(/>>\s*$/, ` /Length ${o.data.length}>>`)}\nstream\n`, 'latin1'));
      push(o.data);
      push(Buffer.from('\nendstream\nendobj\n'));
    }
  }
  const xrefAt = at;
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (const n of nums) xref += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  const size = Math.max(Number(s.trailer['/Size']) || 0, s.maxObjectId + 1, ...nums.map((n) => n + 1));
  const trailer: JsonObj = { '/Size': size, '/Root': s.trailer['/Root']! };
  if (s.trailer['/Info']) trailer['/Info'] = s.trailer['/Info'];
  if (s.trailer['/ID']) trailer['/ID'] = s.trailer['/ID'];
  xref += `trailer\n${pdfValue(trailer).replace(/>>$/, ` /Prev ${prev}>>`)}\nstartxref\n${xrefAt}\n%%EOF\n`;
  push(Buffer.from(xref, 'latin1'));
  return { pdf: Buffer.concat(parts), offsets };
}

/** The page objects in order (their object numbers), from the catalog's page tree. */
export function pageNumbers(s: Structure): number[] {
  const out: number[] = [];
  const walk = (ref: Json | undefined, depth: number) => {
    const n = refNumber(ref);
    const d = dictAt(s, ref);
    if (!d || n === undefined || depth > 50) return;
    if (d['/Type'] === '/Pages' && Array.isArray(d['/Kids'])) for (const k of d['/Kids']) walk(k, depth + 1);
    else out.push(n);
  };
  walk(s.catalog['/Pages'], 0);
  return out;
}
