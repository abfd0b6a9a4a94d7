/**
 * The archival PDF (src/archive/pdfa/): a real Chromium PDF of Quyết định 152/QĐ-UBND turned into PDF/A-2b,
 * then checked as a file with qpdf and poppler: structure, XMP (PDF/A identification, Dublin Core, the nd30
 * Appendix VI properties and the extension schema describing them), the sRGB OutputIntent, embedded fonts,
 * extractable text, page count, the information dictionary against the XMP; and the failures: broken input,
 * a missing ICC profile, a deadline, a Ghostscript that garbles the text layer. No veraPDF here (docs/pdfa.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import {
  ND30_NS,
  ND30_PREFIX,
  ND30_PROPERTIES,
  ND30_RECIPIENT_NS,
  PDFA_TMP_PREFIX,
  PdfAError,
  sweepPdfATempDirs,
  toPdfA,
  xmpPacket,
  type ArchiveMetadata,
} from '../../src/archive/pdfa/index.js';

const fixture = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'quyet-dinh', 'qd-152-ubnd-son-la.json'), 'utf8')) as {
  agency: { name: string };
  summary: string;
  date: string;
  recipients: { items: string[] };
};
const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const subject = flat(fixture.summary);

/** The Appendix VI metadata of the fixture; the signer's name arrives decomposed (NFD), as from macOS. */
const meta: ArchiveMetadata = {
  organId: '000.00.33.H55',
  organName: fixture.agency.name,
  year: 2014,
  ordinal: 152,
  typeName: 'Quyết định',
  codeNumber: '152',
  codeNotation: 'QĐ-UBND',
  issuedDate: fixture.date,
  subject,
  language: 'vi',
  pageCount: 8,
  description: 'Quyết định kèm theo Đề án <Bộ chỉ số CCHC> & các phụ lục',
  signerPosition: 'Chủ tịch',
  signerName: 'Cầm Ngọc Minh'.normalize('NFD'),
  recipients: [{ id: '000.00.00.G12', name: 'Bộ Nội vụ' }, ...fixture.recipients.items.slice(1).map((name) => ({ name }))],
  priority: '',
  copies: 60,
  dueDate: '2014-02-28',
  title: `Quyết định 152/QĐ-UBND: ${subject}`,
  creator: fixture.agency.name,
};

// Files of this test, and a private temporary directory for the module (os.tmpdir() follows TMPDIR), so that
// other processes converting at the same time cannot disturb the "no temporary files left" checks.
const work = mkdtempSync(path.join(os.tmpdir(), 'vanban-test-pdfa-'));
const privateTmp = path.join(work, 'tmp');
const leftovers = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith(PDFA_TMP_PREFIX));

let input: Buffer;
let archive: Buffer;
let archiveFile: string;
let conversionMs = 0;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

type Obj = { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } };
function objects(file: string): Record<string, Obj> {
  const j = JSON.parse(sh('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=none', file])) as { qpdf: [unknown, Record<string, Obj>] };
  return j.qpdf[1];
}
const dict = (o: Obj | undefined) => (o?.value ?? o?.stream?.dict ?? {}) as Record<string, unknown>;
const id = (ref: unknown) => String(ref).split(' ')[0] ?? '';

/** The information dictionary's text strings as stored (hex UTF-16BE with BOM, as qpdf prints them). */
function rawInfo(file: string, infoRef: unknown): Record<string, { bom: boolean; text: string }> {
  const shown = sh('qpdf', [`--show-object=${id(infoRef)}`, file]);
  const out: Record<string, { bom: boolean; text: string }> = {};
  for (const m of shown.matchAll(/\/(\w+) (?:<([0-9a-fA-F]*)>|\(([^)]*)\))/g)) {
    if (m[2] !== undefined) {
      const b = Buffer.from(m[2], 'hex');
      const bom = b[0] === 0xfe && b[1] === 0xff;
      const le = Buffer.from(b.subarray(bom ? 2 : 0));
      le.swap16();
      out[m[1]!] = { bom, text: le.toString('utf16le') };
    } else out[m[1]!] = { bom: false, text: m[3] ?? '' };
  }
  return out;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'rdf:Description' || name === 'rdf:li',
});
type Node = Record<string, unknown>;
/** Every property of every rdf:Description of an XMP packet, merged. */
function xmpProps(xml: string): Node {
  const doc = parser.parse(xml) as Node;
  const descs = ((doc['x:xmpmeta'] as Node)['rdf:RDF'] as Node)['rdf:Description'] as Node[];
  return Object.assign({}, ...descs) as Node;
}
const lis = (v: unknown, container: string) => ((v as Node)[container] as Node)['rdf:li'] as unknown[];
const text = (v: unknown) => (typeof v === 'string' ? v : String((v as Node)['#text'] ?? ''));

/** PDF date "D:20260124093000+07'00'" and XMP date as epoch ms. */
const pdfDateMs = (d: string) => {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'\d{2}'?)?/.exec(d)!;
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(4, 6)}`;
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${tz}`);
};

beforeAll(async () => {
  const svc = new Vanban({ chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pdfPages: 1 });
  try {
    const r = await svc.render('quyet-dinh', fixture, 'pdf');
    input = r.bytes;
  } finally {
    await svc.close();
  }
  rmSync(privateTmp, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', privateTmp]);
  process.env.TMPDIR = privateTmp;
  const t0 = performance.now();
  archive = await toPdfA(input, meta);
  conversionMs = performance.now() - t0;
  archiveFile = path.join(work, 'archive.pdf');
  writeFileSync(archiveFile, archive);
  writeFileSync(path.join(work, 'input.pdf'), input);
  console.log(`[pdfa] ${input.length} B Chromium PDF -> ${archive.length} B PDF/A-2b in ${conversionMs.toFixed(0)} ms`);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the archival file', () => {
  it('passes qpdf --check with no warning and keeps the page count', () => {
    const r = spawnSync('qpdf', ['--check', archiveFile], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/warning|error:/i);
    const pages = (f: string) => Number(/Pages:\s+(\d+)/.exec(sh('pdfinfo', [f]))?.[1]);
    expect(pages(path.join(work, 'input.pdf'))).toBe(8);
    expect(pages(archiveFile)).toBe(8);
  });

  it('has the file structure PDF/A asks for: binary header comment, trailer /ID, no encryption', () => {
    expect(archive.subarray(0, 10).toString('latin1')).toBe('%PDF-1.7\n%');
    expect([...archive.subarray(10, 14)].every((b) => b >= 0x80)).toBe(true);
    const trailer = dict(objects(archiveFile).trailer);
    expect(trailer['/Encrypt']).toBeUndefined();
    expect(trailer['/ID']).toHaveLength(2);
  });

  it('has an sRGB OutputIntent GTS_PDFA1 with an embedded RGB ICC profile', () => {
    const objs = objects(archiveFile);
    const catalog = dict(objs[`obj:${dict(objs.trailer)['/Root'] as string}`]);
    const intents = catalog['/OutputIntents'] as unknown[];
    expect(intents).toHaveLength(1);
    const intent = dict(objs[`obj:${intents[0] as string}`]);
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(intent['/Type']).toBe('/OutputIntent');
    expect(intent['/OutputConditionIdentifier']).toBe('u:sRGB');
    const profile = dict(objs[`obj:${intent['/DestOutputProfile'] as string}`]);
    expect(profile['/N']).toBe(3);
    const icc = execFileSync('qpdf', [`--show-object=${id(intent['/DestOutputProfile'])}`, '--filtered-stream-data', archiveFile]);
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    expect(icc).toEqual(readFileSync('/usr/share/color/icc/ghostscript/srgb.icc'));
    expect(catalog['/Lang']).toBe('u:vi');
  });

  it('embeds every font, all Liberation Serif', () => {
    const rows = sh('pdffonts', [archiveFile]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      const [name] = cols;
      const [emb] = cols.slice(-5);
      expect(name, row).toMatch(/^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/);
      expect(emb, row).toBe('yes');
    }
  });

  it('keeps the text extractable, Vietnamese included', () => {
    const t = flat(sh('pdftotext', [archiveFile, '-']));
    expect(t).toContain('QUYẾT ĐỊNH');
    expect(t).toContain('Cầm Ngọc Minh');
    expect(t).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(t).toContain('Số: 152/QĐ-UBND');
    // The archive says word for word what Chromium printed.
    expect(t).toBe(flat(sh('pdftotext', [path.join(work, 'input.pdf'), '-'])));
  });
});

describe('the XMP metadata', () => {
  let xml = '';
  let p: Node = {};
  let info: Record<string, { bom: boolean; text: string }> = {};
  beforeAll(() => {
    const objs = objects(archiveFile);
    const trailer = dict(objs.trailer);
    const catalog = dict(objs[`obj:${trailer['/Root'] as string}`]);
    const mdRef = catalog['/Metadata'] as string;
    const md = dict(objs[`obj:${mdRef}`]);
    // PDF/A: the metadata stream is not filtered, so the raw bytes are the packet.
    expect(md['/Filter']).toBeUndefined();
    expect(md['/Type']).toBe('/Metadata');
    expect(md['/Subtype']).toBe('/XML');
    xml = execFileSync('qpdf', [`--show-object=${id(mdRef)}`, '--raw-stream-data', archiveFile]).toString('utf8');
    p = xmpProps(xml);
    info = rawInfo(archiveFile, trailer['/Info']);
  });

  it('is a well-formed XMP packet, UTF-8 without a bytes or encoding attribute', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xml.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);
    expect(xml).not.toMatch(/<\?xpacket[^>]*(bytes|encoding)=/);
  });

  it('identifies PDF/A-2b', () => {
    expect(p['pdfaid:part']).toBe('2');
    expect(p['pdfaid:conformance']).toBe('B');
  });

  it('has the Dublin Core and XMP basic properties', () => {
    expect(text(lis(p['dc:title'], 'rdf:Alt')[0])).toBe(meta.title);
    expect((lis(p['dc:title'], 'rdf:Alt')[0] as Node)['@xml:lang']).toBe('x-default');
    expect(lis(p['dc:creator'], 'rdf:Seq')).toEqual([meta.creator]);
    expect(text(lis(p['dc:description'], 'rdf:Alt')[0])).toBe(subject);
    expect(lis(p['dc:language'], 'rdf:Bag')).toEqual(['vi']);
    expect(p['dc:format']).toBe('application/pdf');
    const created = p['xmp:CreateDate'] as string;
    expect(created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(p['xmp:ModifyDate']).toBe(created);
    expect(p['xmp:MetadataDate']).toBe(created);
    expect(p['pdf:Producer']).toMatch(/Ghostscript/);
  });

  it('carries every Appendix VI field in the nd30 namespace, Vietnamese in NFC', () => {
    expect(xml).toContain(`xmlns:${ND30_PREFIX}="${ND30_NS}"`);
    expect(xml.normalize('NFC')).toBe(xml);
    expect(p['nd30:OrganId']).toBe('000.00.33.H55');
    expect(p['nd30:OrganName']).toBe('Ủy ban nhân dân tỉnh Sơn La');
    expect(p['nd30:Year']).toBe('2014');
    expect(p['nd30:Ordinal']).toBe('152');
    expect(p['nd30:TypeName']).toBe('Quyết định');
    expect(p['nd30:CodeNumber']).toBe('152');
    expect(p['nd30:CodeNotation']).toBe('QĐ-UBND');
    expect(p['nd30:IssuedDate']).toBe('2014-01-22');
    expect(p['nd30:Subject']).toBe(subject);
    expect(p['nd30:Language']).toBe('vi');
    expect(p['nd30:PageCount']).toBe('8');
    expect(p['nd30:Description']).toBe('Quyết định kèm theo Đề án <Bộ chỉ số CCHC> & các phụ lục');
    expect(xml).toContain('&lt;Bộ chỉ số CCHC&gt; &amp; các phụ lục');
    expect(p['nd30:SignerPosition']).toBe('Chủ tịch');
    expect(p['nd30:SignerName']).toBe('Cầm Ngọc Minh'); // NFC, though given in NFD
    expect(p['nd30:Priority']).toBe('');
    expect(p['nd30:Copies']).toBe('60');
    expect(p['nd30:DueDate']).toBe('2014-02-28');
    const recipients = lis(p['nd30:Recipients'], 'rdf:Seq') as Node[];
    expect(recipients.map((r) => r['nd30r:Name'])).toEqual(['Bộ Nội vụ', ...fixture.recipients.items.slice(1)]);
    expect(recipients[0]!['nd30r:Id']).toBe('000.00.00.G12');
    expect(recipients[1]!['nd30r:Id']).toBeUndefined();
    expect(xml).toContain(`xmlns:nd30r="${ND30_RECIPIENT_NS}"`);
  });

  it('describes the nd30 namespace in a PDF/A extension schema, every property used and its value type', () => {
    const schemas = lis(p['pdfaExtension:schemas'], 'rdf:Bag') as Node[];
    const s = schemas.find((x) => x['pdfaSchema:namespaceURI'] === ND30_NS)!;
    expect(s).toBeDefined();
    expect(s['pdfaSchema:prefix']).toBe(ND30_PREFIX);
    expect(String(s['pdfaSchema:schema'])).toMatch(/Phụ lục VI/);
    const props = lis(s['pdfaSchema:property'], 'rdf:Seq') as Node[];
    for (const q of props) {
      expect(q['pdfaProperty:category']).toBe('external');
      expect(String(q['pdfaProperty:description']).length).toBeGreaterThan(0);
      expect(['Text', 'Integer', 'Date', 'Seq Recipient']).toContain(q['pdfaProperty:valueType']);
    }
    const described = props.map((q) => q['pdfaProperty:name']);
    const used = Object.keys(p).filter((k) => k.startsWith(`${ND30_PREFIX}:`)).map((k) => k.slice(ND30_PREFIX.length + 1));
    expect(used.length).toBe(ND30_PROPERTIES.length);
    expect(described.sort()).toEqual([...used].sort());
    const types = lis(s['pdfaSchema:valueType'], 'rdf:Seq') as Node[];
    expect(types).toHaveLength(1);
    expect(types[0]!['pdfaType:type']).toBe('Recipient');
    expect(types[0]!['pdfaType:namespaceURI']).toBe(ND30_RECIPIENT_NS);
    expect(types[0]!['pdfaType:prefix']).toBe('nd30r');
    const fields = lis(types[0]!['pdfaType:field'], 'rdf:Seq') as Node[];
    expect(fields.map((f) => [f['pdfaField:name'], f['pdfaField:valueType']])).toEqual([
      ['Id', 'Text'],
      ['Name', 'Text'],
    ]);
  });

  it('agrees with the information dictionary, whose text strings are UTF-16BE with a BOM', () => {
    expect(info.Title).toEqual({ bom: true, text: meta.title });
    expect(info.Title!.text).toBe(text(lis(p['dc:title'], 'rdf:Alt')[0]));
    expect(info.Author).toEqual({ bom: true, text: lis(p['dc:creator'], 'rdf:Seq')[0] });
    expect(info.Subject).toEqual({ bom: true, text: text(lis(p['dc:description'], 'rdf:Alt')[0]) });
    expect(info.Keywords).toEqual({ bom: true, text: p['pdf:Keywords'] });
    expect(info.Keywords!.text).toBe('Quyết định; 152/QĐ-UBND; Ủy ban nhân dân tỉnh Sơn La');
    expect(info.Creator).toEqual({ bom: true, text: p['xmp:CreatorTool'] });
    expect(info.Producer).toEqual({ bom: true, text: p['pdf:Producer'] });
    expect(pdfDateMs(info.CreationDate!.text)).toBe(Date.parse(p['xmp:CreateDate'] as string));
    expect(pdfDateMs(info.ModDate!.text)).toBe(Date.parse(p['xmp:ModifyDate'] as string));
    expect(pdfDateMs(info.CreationDate!.text)).toBeGreaterThan(Date.now() - 10 * 60_000);
  });
});

describe('xmpPacket', () => {
  const opts = { createDate: '2026-01-24T09:30:00+07:00', producer: 'test' };

  it('leaves out the copies and the due date when there are none, and writes an empty Seq of recipients', () => {
    const p = xmpProps(xmpPacket({ ...meta, copies: null, dueDate: null, recipients: [] }, opts));
    expect(p['nd30:Copies']).toBeUndefined();
    expect(p['nd30:DueDate']).toBeUndefined();
    expect(p['nd30:Recipients']).toEqual({ 'rdf:Seq': '' });
    expect(p['xmp:CreateDate']).toBe('2026-01-24T09:30:00+07:00');
  });

  it('refuses metadata the decree does not allow, listing every problem', () => {
    let err: unknown;
    try {
      xmpPacket({ ...meta, organId: '000.00.33.H5', subject: 'x'.repeat(501), issuedDate: '2014-02-30', ordinal: 0, title: ' ' }, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PdfAError);
    expect((err as PdfAError).code).toBe('invalid_metadata');
    for (const field of ['organId', 'subject', 'issuedDate', 'ordinal', 'title']) expect((err as Error).message).toContain(field);
    expect(() => xmpPacket({ ...meta, signerName: 'A\u0007B' }, opts)).toThrow(/signerName: contains a control character/);
  });
});

describe('failures', () => {
  const expectCode = async (p: Promise<unknown>, code: string, message: RegExp) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err, 'expected a rejection').toBeInstanceOf(PdfAError);
    expect((err as PdfAError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
  };

  it('rejects random bytes with a clear error and leaves no temporary file', async () => {
    expect(leftovers()).toEqual([]);
    await expectCode(toPdfA(randomBytes(64 * 1024), meta), 'invalid_input', /not a PDF/);
    // A PDF header followed by garbage gets as far as qpdf, inside the temporary directory.
    await expectCode(toPdfA(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024)]), meta), 'invalid_input', /not a readable PDF/);
    expect(leftovers()).toEqual([]);
  });

  it('rejects a truncated PDF and leaves no temporary file', async () => {
    await expectCode(toPdfA(input.subarray(0, Math.floor(input.length / 3)), meta), 'invalid_input', /PDF/);
    expect(leftovers()).toEqual([]);
  });

  it('says which ICC profile is missing', async () => {
    await expectCode(toPdfA(input, meta, { iccPath: '/nonexistent/srgb.icc' }), 'icc_profile', /\/nonexistent\/srgb\.icc/);
    await expectCode(toPdfA(input, meta, { iccPath: '/usr/share/color/icc/ghostscript/default_cmyk.icc' }), 'icc_profile', /not an RGB ICC profile/);
    expect(leftovers()).toEqual([]);
  });

  it('says which tool is missing', async () => {
    await expectCode(toPdfA(input, meta, { gsPath: '/nonexistent/gs' }), 'tool_missing', /Ghostscript not found/);
  });

  it('refuses a page count that is not the file\'s', async () => {
    await expectCode(toPdfA(input, { ...meta, pageCount: 7 }), 'page_count_mismatch', /7 .* 8 pages/);
    expect(leftovers()).toEqual([]);
  });

  it('kills Ghostscript at the deadline and cleans up', async () => {
    await expectCode(toPdfA(input, meta, { timeoutMs: 250 }), 'timeout', /250 ms/);
    expect(leftovers()).toEqual([]);
    const ps = sh('ps', ['-eo', 'args']);
    expect(ps.split('\n').filter((l) => l.includes(privateTmp))).toEqual([]);
  });

  it('sweeps the directories of killed processes, and only those', async () => {
    const tmp = path.join(work, 'sweep');
    const old = new Date(Date.now() - 5 * 60_000);
    const make = (name: string, when?: Date) => {
      mkdirSync(path.join(tmp, name), { recursive: true });
      writeFileSync(path.join(tmp, name, 'input.pdf'), 'x');
      if (when) utimesSync(path.join(tmp, name), when, when);
    };
    const deadPid = 2 ** 22 + 1; // above Linux's pid_max: no such process
    make(`${PDFA_TMP_PREFIX}${deadPid}-orphan`, old); // owner gone: swept
    make(`${PDFA_TMP_PREFIX}${deadPid}-young`); // owner gone but just made: kept
    make(`${PDFA_TMP_PREFIX}${process.pid}-live`, old); // this process: kept
    make(`${PDFA_TMP_PREFIX}${process.ppid}-parent`, old); // a live process: kept
    make('other-dir', old);
    expect(await sweepPdfATempDirs(tmp)).toEqual([`${PDFA_TMP_PREFIX}${deadPid}-orphan`]);
    expect(readdirSync(tmp).sort()).toEqual(
      [`${PDFA_TMP_PREFIX}${deadPid}-young`, `${PDFA_TMP_PREFIX}${process.pid}-live`, `${PDFA_TMP_PREFIX}${process.ppid}-parent`, 'other-dir'].sort(),
    );
    // A day later even a directory whose pid is alive (reused) goes; this process's own never does.
    const swept = await sweepPdfATempDirs(tmp, Date.now() + 25 * 3600_000);
    expect(swept.sort()).toEqual([`${PDFA_TMP_PREFIX}${deadPid}-young`, `${PDFA_TMP_PREFIX}${process.ppid}-parent`].sort());
  });

  it('never returns a garbled text layer: with the new interpreter (pdfi) either the text is right or it refuses', async () => {
    const gsVersion = sh('gs', ['--version']).trim();
    const r = await toPdfA(input, meta, { interpreter: 'pdfi' }).then(
      (b) => ({ ok: true as const, b }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    if (r.ok) {
      const f = path.join(work, 'pdfi.pdf');
      writeFileSync(f, r.b);
      expect(flat(sh('pdftotext', [f, '-']))).toContain('QUYẾT ĐỊNH');
    } else {
      expect((r.e as PdfAError).code).toBe('text_layer_damaged');
      expect((r.e as Error).message).toMatch(/"Đ" became/);
    }
    console.log(`[pdfa] Ghostscript ${gsVersion} with pdfi: ${r.ok ? 'text layer intact' : 'refused (text layer damaged)'}`);
    expect(leftovers()).toEqual([]);
  });
});
