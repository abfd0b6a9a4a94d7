/**
 * Reading a PDF's structure through qpdf's JSON (qpdf 11 and later): the catalog, the trailer, the page count,
 * which font has which ToUnicode stream, and the decoded data of chosen streams. Also the one thing written in
 * that JSON by hand: a PDF text string (utf16) for the information dictionary.
 */
import path from 'node:path';
import { PdfAError } from './errors.js';
import { lastLines, run } from './tools.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObj = { [k: string]: Json };
type PdfObjects = Record<string, { value?: Json; stream?: { dict?: JsonObj; data?: string } }>;

const isObj = (v: Json | undefined): v is JsonObj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const refKey = (ref: Json | undefined) => (typeof ref === 'string' && /^\d+ \d+ R$/.test(ref) ? `obj:${ref}` : null);

/** The objects of qpdf --json v2 output (qpdf 11: {"qpdf": [header, objects]}; later: {"qpdf-v2": {objects}}). */
function objectsOf(json: Json): { objects: PdfObjects; maxObjectId: number } {
  if (isObj(json)) {
    const q = json.qpdf;
    if (Array.isArray(q) && isObj(q[0]) && isObj(q[1])) return { objects: q[1] as unknown as PdfObjects, maxObjectId: Number(q[0].maxobjectid) || 0 };
    const v2 = json['qpdf-v2'];
    if (isObj(v2) && isObj(v2.objects)) return { objects: v2.objects as unknown as PdfObjects, maxObjectId: Number(v2.maxobjectid) || 0 };
  }
  throw new PdfAError('qpdf_failed', 'unexpected qpdf JSON layout');
}

export type Structure = {
  objects: PdfObjects;
  maxObjectId: number;
  trailer: JsonObj;
  catalogKey: string;
  catalog: JsonObj;
  pages: number;
  /** Object key of each font's ToUnicode stream, with the font name without its subset tag. */
  toUnicode: { font: string; key: string }[];
};

function dictOf(o: PdfObjects[string] | undefined): JsonObj | null {
  if (!o) return null;
  if (isObj(o.value)) return o.value;
  if (o.stream && isObj(o.stream.dict)) return o.stream.dict;
  return null;
}

export async function structure(qpdf: string, file: string, ctx: { cwd: string; deadline: number; timeoutMs: number }, what: string, allowWarnings: boolean): Promise<Structure> {
  const r = await run(qpdf, ['--json=2', '--json-key=qpdf', '--json-stream-data=none', file], { ...ctx, what: 'qpdf', timeoutMs: ctx.timeoutMs });
  if (!(r.code === 0 || (allowWarnings && r.code === 3)))
    throw new PdfAError(what === 'input' ? 'invalid_input' : 'qpdf_failed', `${what === 'input' ? 'Input is not a readable PDF' : `qpdf cannot read the ${what}`}: ${lastLines(r.stderr)}`, r.stderr);
  let json: Json;
  try {
    json = JSON.parse(r.stdout.toString('utf8')) as Json;
  } catch {
    throw new PdfAError('qpdf_failed', `qpdf printed no JSON for the ${what}`);
  }
  const { objects, maxObjectId } = objectsOf(json);
  const trailer = dictOf(objects.trailer);
  const catalogKey = refKey(trailer?.['/Root']);
  const catalog = catalogKey ? dictOf(objects[catalogKey]) : null;
  if (!trailer || !catalogKey || !catalog) throw new PdfAError(what === 'input' ? 'invalid_input' : 'qpdf_failed', `The ${what} has no document catalog`);
  const pagesKey = refKey(catalog['/Pages']);
  const count = pagesKey ? dictOf(objects[pagesKey])?.['/Count'] : undefined;
  if (typeof count !== 'number' || count < 1) throw new PdfAError(what === 'input' ? 'invalid_input' : 'qpdf_failed', `The ${what} has no pages`);
  const toUnicode: Structure['toUnicode'] = [];
  for (const o of Object.values(objects)) {
    const d = dictOf(o);
    if (!d || d['/Type'] !== '/Font') continue;
    const key = refKey(d['/ToUnicode']);
    if (key) toUnicode.push({ font: String(d['/BaseFont'] ?? '').replace(/^\/([A-Z]{6}\+)?/, ''), key });
  }
  return { objects, maxObjectId, trailer, catalogKey, catalog, pages: count, toUnicode };
}

/** The decoded data of some streams of a file, by object key ("obj:12 0 R"). */
export async function streamData(qpdf: string, file: string, keys: string[], ctx: { cwd: string; deadline: number; timeoutMs: number }): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return out;
  const args = ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', ...wanted.map((k) => `--json-object=${k.slice(4, -2).replace(' ', ',')}`), file];
  const r = await run(qpdf, args, { ...ctx, what: 'qpdf', timeoutMs: ctx.timeoutMs });
  if (r.code !== 0 && r.code !== 3) throw new PdfAError('qpdf_failed', `qpdf cannot read streams of ${path.basename(file)}: ${lastLines(r.stderr)}`, r.stderr);
  const { objects } = objectsOf(JSON.parse(r.stdout.toString('utf8')) as Json);
  for (const k of wanted) {
    const data = objects[k]?.stream?.data;
    if (typeof data === 'string') out.set(k, Buffer.from(data, 'base64'));
  }
  return out;
}

/** A PDF text string as UTF-16BE with a byte order mark, in qpdf JSON ("b:FEFF..."). */
export function utf16(s: string): string {
  const b = Buffer.from(s.normalize('NFC'), 'utf16le');
  b.swap16();
  return `b:FEFF${b.toString('hex').toUpperCase()}`;
}
