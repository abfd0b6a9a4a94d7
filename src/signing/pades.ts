/**
 * The PAdES signer: signs one empty signature field of a PDF as an incremental update (src/signing/pdf.ts),
 * written here rather than through a PDF library (docs/signing.md says why):
 *
 *   - a signature dictionary /Type /Sig, /Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /M (the
 *     signing time in Vietnam's time, +07'00'), /Name, /Reason, a /ByteRange covering the whole file but the
 *     /Contents hex string, and /Contents reserved (SIGNATURE_BYTES) then filled with the CMS (src/signing/cms.ts);
 *   - the field's new version with /V and its appearance: the image given (the seal: a transparent PNG at its
 *     real size, centred in the field) or an empty form; appearances have only /N (PDF/A-2);
 *   - the AcroForm's new version with /SigFlags 3 (signatures exist, append only).
 *
 * Nothing else of the file is rewritten: the XMP, the pages and every earlier revision stay byte for byte.
 */
import type { KeyObject } from 'node:crypto';
import { signDetached } from './cms.js';
import { appendUpdate, dictAt, isDict, pdfDate, pdfText, pdfValue, readPdf, refNumber, resolve, textOf, type JsonObj, type PdfObject, type Structure } from './pdf.js';
import { imageStreams, type Rgba } from './png.js';

/** Room for the CMS: a chain of four 4096-bit certificates fits with room to spare. */
export const SIGNATURE_BYTES = 16_384;

export class SigningError extends Error {
  constructor(
    readonly code: 'no_such_field' | 'field_signed' | 'not_a_pdf',
    message: string,
  ) {
    super(message);
  }
}

export type SignOptions = {
  field: string;
  key: KeyObject;
  /** DER of the signer's certificate, then of its issuers. */
  certificate: Buffer;
  chain: Buffer[];
  /** The appearance: an image drawn in the field at its real size (points), centred. */
  image?: { pixels: Rgba; widthPt: number; heightPt: number };
  name?: string;
  reason?: string;
  location?: string;
  time?: Date;
};

/** The signature fields of a file: name, object number, dictionary, and whether it is signed. */
export function signatureFields(s: Structure): { name: string; num: number; dict: Record<string, unknown>; signed: boolean }[] {
  const form = resolve(s, s.catalog['/AcroForm']);
  if (!isDict(form)) return [];
  const out: { name: string; num: number; dict: Record<string, unknown>; signed: boolean }[] = [];
  const walk = (refs: unknown, prefix: string, depth: number) => {
    if (!Array.isArray(refs) || depth > 20) return;
    for (const ref of refs) {
      const num = refNumber(ref);
      const d = dictAt(s, ref);
      if (num === undefined || !d) continue;
      const name = `${prefix}${textOf(d['/T']) ?? ''}`;
      if (Array.isArray(d['/Kids']) && d['/FT'] === undefined) walk(d['/Kids'], `${name}.`, depth + 1);
      else if (d['/FT'] === '/Sig') out.push({ name, num, dict: d, signed: d['/V'] !== undefined && d['/V'] !== null });
    }
  };
  walk(form['/Fields'], '', 0);
  return out;
}

/** Signs the named empty signature field of `pdf`; the bytes of `pdf` are the new file's first bytes. */
export async function signPdf(pdf: Buffer, o: SignOptions): Promise<Buffer> {
  let s: Structure;
  try {
    s = await readPdf(pdf);
  } catch (e) {
    throw new SigningError('not_a_pdf', `Không đọc được tệp PDF: ${(e as Error).message}`);
  }
  const field = signatureFields(s).find((f) => f.name === o.field);
  if (!field) throw new SigningError('no_such_field', `Tệp PDF không có ô chữ ký "${o.field}"`);
  if (field.signed) throw new SigningError('field_signed', `Ô chữ ký "${o.field}" đã được ký`);
  const rect = (field.dict['/Rect'] as number[] | undefined) ?? [0, 0, 0, 0];
  const [w, h] = [Math.abs(rect[2]! - rect[0]!), Math.abs(rect[3]! - rect[1]!)];
  let next = Math.max(Number(s.trailer['/Size']) || 0, s.maxObjectId + 1);
  const objects: PdfObject[] = [];

  const sigNum = next++;
  const time = o.time ?? new Date();
  const placeholder = '0'.repeat(SIGNATURE_BYTES * 2);
  const byteRangeSlot = `/ByteRange [0 ${' '.repeat(10)} ${' '.repeat(10)} ${' '.repeat(10)}]`;
  objects.push({
    num: sigNum,
    body: [
      '<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
      byteRangeSlot,
      `/Contents <${placeholder}>`,
      `/M ${pdfText(pdfDate(time))}`,
      o.name ? `/Name ${pdfText(o.name)}` : '',
      o.reason ? `/Reason ${pdfText(o.reason)}` : '',
      o.location ? `/Location ${pdfText(o.location)}` : '',
      '>>',
    ]
      .filter(Boolean)
      .join(' '),
  });

  // The appearance: an image centred at its real size, scaled down only if the field is smaller.
  const apNum = next++;
  let content = '';
  let resources = '';
  if (o.image) {
    const imgNum = next++;
    const { image, mask } = imageStreams(o.image.pixels);
    let dict = image.dict;
    if (mask) {
      const maskNum = next++;
      objects.push({ num: maskNum, ...mask });
      dict = dict.replace(/>>$/, ` /SMask ${maskNum} 0 R>>`);
    }
    objects.push({ num: imgNum, dict, data: image.data });
    const k = Math.min(1, w / o.image.widthPt, h / o.image.heightPt);
    const [iw, ih] = [o.image.widthPt * k, o.image.heightPt * k];
    content = `q ${iw.toFixed(3)} 0 0 ${ih.toFixed(3)} ${((w - iw) / 2).toFixed(3)} ${((h - ih) / 2).toFixed(3)} cm /Img0 Do Q`;
    resources = ` /Resources <</XObject <</Img0 ${imgNum} 0 R>>>>`;
  }
  objects.push({ num: apNum, dict: `<</Type /XObject /Subtype /Form /BBox [0 0 ${w.toFixed(3)} ${h.toFixed(3)}]${resources}>>`, data: Buffer.from(content, 'latin1') });

  const fieldDict = { ...(field.dict as Record<string, never>) };
  delete fieldDict['/AP'];
  objects.push({ num: field.num, body: pdfValue({ ...fieldDict, '/V': `${sigNum} 0 R`, '/AP': { '/N': `${apNum} 0 R` } }) });

  const formRef = s.catalog['/AcroForm'];
  const formNum = refNumber(formRef);
  const form = resolve(s, formRef);
  if (isDict(form)) {
    const updated: JsonObj = { ...form, '/SigFlags': 3 };
    delete updated['/NeedAppearances'];
    if (formNum !== undefined) objects.push({ num: formNum, body: pdfValue(updated) });
    else objects.push({ num: Number(s.catalogKey.split(/[: ]/)[1]), body: pdfValue({ ...s.catalog, '/AcroForm': updated }) });
  }

  const { pdf: out, offsets } = appendUpdate(pdf, s, objects);
  // Fill in /ByteRange: everything but the /Contents hex string (its < and > included in the gap).
  const sigAt = offsets.get(sigNum)!;
  const text = out.toString('latin1', sigAt, sigAt + 400 + SIGNATURE_BYTES * 2);
  const contentsAt = sigAt + text.indexOf(`/Contents <`) + '/Contents '.length;
  const contentsEnd = contentsAt + placeholder.length + 2;
  const range = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  const brAt = sigAt + text.indexOf(byteRangeSlot);
  const filled = `/ByteRange [${range.map((n, i) => (i === 0 ? '0' : String(n).padEnd(10, ' '))).join(' ')}]`;
  if (filled.length !== byteRangeSlot.length) throw new Error('byte range does not fit its slot');
  out.write(filled, brAt, 'latin1');
  const signed = Buffer.concat([out.subarray(0, contentsAt), out.subarray(contentsEnd)]);
  const cms = signDetached(signed, o.key, o.certificate, o.chain);
  if (cms.length > SIGNATURE_BYTES) throw new Error(`CMS of ${cms.length} bytes does not fit the ${SIGNATURE_BYTES} reserved`);
  out.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}
