/**
 * The archival PDF of an outgoing document: a Chromium PDF turned into PDF/A-2b that carries the Decree 30
 * Appendix VI metadata (docs/pdfa.md). This is the conversion, the folder's entry point; it re-exports the
 * public API of the modules beside it:
 *
 *   errors.ts      PdfAError and its codes
 *   metadata.ts    ArchiveMetadata, its checks, the Appendix VI fields as nd30 properties
 *   xmp.ts         the XMP packet (and the dates written)
 *   appendix6.ts   the same metadata as Appendix VI XML (GET /v1/documents/:id/metadata.xml)
 *   tools.ts       running Ghostscript and qpdf under a deadline; versions, ICC profile, Ghostscript arguments
 *   structure.ts   a PDF's structure and streams through qpdf's JSON
 *   text-layer.ts  ToUnicode maps, before and after, compared
 *   sweep.ts       temporary directories left by killed processes
 *
 * 1. Ghostscript's pdfwrite (PDFA=2) rewrites the file: fonts re-embedded, colour in DeviceRGB under an sRGB
 *    OutputIntent, PDF/A identification in its own XMP.
 * 2. qpdf replaces Ghostscript's XMP with ours (dc, xmp, pdf, pdfaid, the nd30 namespace and the PDF/A
 *    extension schema that describes it), rewrites the document information dictionary to agree with it and
 *    puts the catalog's /Lang back.
 * 3. The result is checked before it is returned: the page count is unchanged, the OutputIntent and the
 *    metadata are there, every ToUnicode map gives the same text as the input's (Ghostscript 10.00's new PDF
 *    interpreter garbles Vietnamese there, so the legacy one is used with it) and `qpdf --check` is clean.
 *
 * All the work happens in a private temporary directory (PDFA_TMP_PREFIX + pid) that is removed whatever
 * happens; a tool that runs past the deadline is killed. Directories left by a process that was killed
 * (SIGKILL runs no `finally`) are swept by the next conversions (sweep.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PdfAError } from './errors.js';
import { keywordsOf, normalizeArchiveMetadata, type ArchiveMetadata } from './metadata.js';
import { refKey, streamData, structure, utf16, type Json, type JsonObj } from './structure.js';
import { PDFA_TMP_PREFIX, sweepIfDue } from './sweep.js';
import { textLayerProblems, unicodeMaps } from './text-layer.js';
import { DEFAULT_ICC_PROFILE, ghostscriptArgs, lastLines, pdfaDef, readIcc, run, versionAtLeast, versionOf } from './tools.js';
import { CREATOR_TOOL, dates, xmpPacket } from './xmp.js';

export { appendix6Xml } from './appendix6.js';
export { PdfAError, type PdfAErrorCode } from './errors.js';
export {
  ND30_NS,
  ND30_PREFIX,
  ND30_PROPERTIES,
  ND30_RECIPIENT_NS,
  ND30_RECIPIENT_PREFIX,
  normalizeArchiveMetadata,
  type ArchiveMetadata,
} from './metadata.js';
export { PDFA_TMP_PREFIX, sweepPdfATempDirs } from './sweep.js';
export { parseToUnicode } from './text-layer.js';
export { DEFAULT_ICC_PROFILE, ghostscriptArgs } from './tools.js';
export { xmpPacket } from './xmp.js';

export type PdfAOptions = {
  /** Ghostscript executable (default "gs"). */
  gsPath?: string;
  /** qpdf executable (default "qpdf"). */
  qpdfPath?: string;
  /** The sRGB ICC profile of the OutputIntent (default DEFAULT_ICC_PROFILE, shipped by Debian's libgs-common). */
  iccPath?: string;
  /** Deadline of the whole conversion; the running tool is killed when it passes (default 60 s). */
  timeoutMs?: number;
  /**
   * Ghostscript's PDF interpreter. 'auto' (default) uses the legacy one on Ghostscript 9.56 to 10.01, where it
   * still exists and the new one (pdfi) garbles ToUnicode ranges, and pdfi from 10.02 on.
   */
  interpreter?: 'auto' | 'legacy' | 'pdfi';
  /** Creation date written into the file (default now). */
  now?: Date;
};

/**
 * A Chromium PDF as PDF/A-2b carrying `meta` (Appendix VI) in its XMP. Rejects with a PdfAError whose `code`
 * says what went wrong; leaves nothing behind in the temporary directory.
 */
export async function toPdfA(pdf: Buffer, meta: ArchiveMetadata, opts: PdfAOptions = {}): Promise<Buffer> {
  return (await convertToPdfA(pdf, meta, opts)).pdf;
}

/**
 * toPdfA with the page count qpdf read from the document (the archive records it; `meta.pageCount` 0 means
 * "count them", any other value must match).
 */
export async function convertToPdfA(pdf: Buffer, meta: ArchiveMetadata, opts: PdfAOptions = {}): Promise<{ pdf: Buffer; pageCount: number }> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const gs = opts.gsPath ?? 'gs';
  const qpdf = opts.qpdfPath ?? 'qpdf';
  const iccPath = path.resolve(opts.iccPath ?? DEFAULT_ICC_PROFILE);
  const m = normalizeArchiveMetadata(meta);
  if (!Buffer.isBuffer(pdf) || pdf.length === 0 || !pdf.subarray(0, 1024).includes('%PDF-'))
    throw new PdfAError('invalid_input', 'Input is not a PDF (no "%PDF-" header in its first 1024 bytes)');
  const icc = await readIcc(iccPath);
  const [gsVersion, qpdfVersion] = await Promise.all([versionOf(gs, 'Ghostscript', timeoutMs), versionOf(qpdf, 'qpdf', timeoutMs)]);
  const interpreter = opts.interpreter ?? 'auto';
  const legacyInterpreter = interpreter === 'legacy' || (interpreter === 'auto' && versionAtLeast(gsVersion, 9, 56) && !versionAtLeast(gsVersion, 10, 2));

  await sweepIfDue();
  const dir = await mkdtemp(path.join(os.tmpdir(), `${PDFA_TMP_PREFIX}${process.pid}-`));
  try {
    const ctx = { cwd: dir, deadline, timeoutMs };
    const input = path.join(dir, 'input.pdf');
    const converted = path.join(dir, 'converted.pdf');
    const defFile = path.join(dir, 'pdfa-def.ps');
    const updateFile = path.join(dir, 'update.json');
    const output = path.join(dir, 'archive.pdf');
    // The profile checked above, copied in: Ghostscript reads exactly it, and no path needs quoting.
    const iccCopy = path.join(dir, 'output-intent.icc');
    await Promise.all([writeFile(input, pdf), writeFile(iccCopy, icc.bytes), writeFile(defFile, pdfaDef(iccCopy, icc.description))]);

    const src = await structure(qpdf, input, ctx, 'input', true);
    if (m.pageCount !== 0 && m.pageCount !== src.pages)
      throw new PdfAError('page_count_mismatch', `meta.pageCount is ${m.pageCount} but the PDF has ${src.pages} pages`);
    const srcMaps = unicodeMaps(src, await streamData(qpdf, input, src.toUnicode.map((t) => t.key), ctx));

    const r = await run(gs, ghostscriptArgs({ iccPath: iccCopy, defFile, input, output: converted, legacyInterpreter }), { ...ctx, what: 'Ghostscript', timeoutMs });
    const gsLog = `${r.stdout.toString('utf8')}${r.stderr}`;
    if (r.code !== 0) throw new PdfAError('ghostscript_failed', `Ghostscript failed (exit ${r.code}): ${lastLines(gsLog)}`, gsLog);

    const out = await structure(qpdf, converted, ctx, 'Ghostscript output', false);
    if (out.pages !== src.pages) throw new PdfAError('page_count_mismatch', `Ghostscript wrote ${out.pages} pages for ${src.pages}`, gsLog);
    const gsMetadataKey = refKey(out.catalog['/Metadata']);
    const outData = await streamData(qpdf, converted, [...out.toUnicode.map((t) => t.key), ...(gsMetadataKey ? [gsMetadataKey] : [])], ctx);
    // Ghostscript writes pdfaid only when it kept to PDF/A; a file it reverted to plain PDF has none.
    const gsXmp = gsMetadataKey ? (outData.get(gsMetadataKey)?.toString('utf8') ?? '') : '';
    if (!gsMetadataKey || !Array.isArray(out.catalog['/OutputIntents']) || !/pdfaid:part\s*=\s*['"]2['"]|<pdfaid:part>2</.test(gsXmp))
      throw new PdfAError('not_pdfa', `Ghostscript did not write a PDF/A-2 file (no OutputIntent or no PDF/A identification): ${lastLines(gsLog)}`, gsLog);
    const problems = textLayerProblems(srcMaps, unicodeMaps(out, outData));
    if (problems.length)
      throw new PdfAError(
        'text_layer_damaged',
        `Ghostscript ${gsVersion} changed the text layer of ${problems.length} font(s); use interpreter 'legacy' or Ghostscript 10.02 or later: ${problems.join('; ')}`,
        problems.join('\n'),
      );

    // Our metadata in place of Ghostscript's, and an information dictionary that agrees with it.
    const when = dates(opts.now ?? new Date());
    const producer = `vanban (GPL Ghostscript ${gsVersion}, qpdf ${qpdfVersion})`;
    const final: ArchiveMetadata = { ...m, pageCount: src.pages };
    const xmp = xmpPacket(final, { createDate: when.xmp, producer, creatorTool: CREATOR_TOOL, documentId: `uuid:${randomUUID()}`, instanceId: `uuid:${randomUUID()}` });
    let next = out.maxObjectId + 1;
    const metadataKey = gsMetadataKey;
    const infoKey = refKey(out.trailer['/Info']) ?? `obj:${next++} 0 R`;
    const catalog: JsonObj = { ...out.catalog, '/Metadata': metadataKey.slice(4), '/Lang': `u:${m.language}`, '/ViewerPreferences': { '/DisplayDocTitle': true } };
    const info: JsonObj = {
      '/Title': utf16(m.title),
      '/Author': utf16(m.creator),
      '/Subject': utf16(m.subject),
      '/Keywords': utf16(keywordsOf(m)),
      '/Creator': utf16(CREATOR_TOOL),
      '/Producer': utf16(producer),
      '/CreationDate': `u:${when.pdf}`,
      '/ModDate': `u:${when.pdf}`,
    };
    const objects: Record<string, Json> = {
      [out.catalogKey]: { value: catalog },
      [infoKey]: { value: info },
      [metadataKey]: { stream: { dict: { '/Type': '/Metadata', '/Subtype': '/XML' }, data: Buffer.from(xmp, 'utf8').toString('base64') } },
    };
    if (!refKey(out.trailer['/Info'])) objects.trailer = { value: { ...out.trailer, '/Info': infoKey.slice(4) } };
    const update = { qpdf: [{ jsonversion: 2, pushedinheritedpageresources: false, calledgetallpages: false, maxobjectid: next - 1 }, objects] };
    await writeFile(updateFile, JSON.stringify(update));
    const u = await run(qpdf, [converted, `--update-from-json=${updateFile}`, output], { ...ctx, what: 'qpdf', timeoutMs });
    if (u.code !== 0) throw new PdfAError('qpdf_failed', `qpdf could not write the metadata (exit ${u.code}): ${lastLines(u.stderr)}`, u.stderr);
    const check = await run(qpdf, ['--check', output], { ...ctx, what: 'qpdf', timeoutMs });
    if (check.code !== 0) throw new PdfAError('qpdf_failed', `qpdf --check found problems in the archival file: ${lastLines(check.stdout.toString('utf8') + check.stderr)}`);
    return { pdf: await readFile(output), pageCount: src.pages };
  } catch (e) {
    // Tool messages name files by their temporary path; the directory is gone by the time anyone reads them.
    if (e instanceof PdfAError) e.message = e.message.split(`${dir}${path.sep}`).join('');
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
