/**
 * Decree 30 electronic signatures through HTTP (issue 16), checked by someone else's code: poppler's pdfsig
 * (with an NSS database trusting the test CAs, made by certutil) and qpdf --check. The test makes its own CAs
 * and certificates (node-forge): a person's CA in the trust list (SIGNING_TRUST), an unknown CA, an expired
 * certificate; the agency seals with SIGNING_TEST_CERTS. One document is issued and signed through the whole
 * flow; a second one serves the "other document" refusal and the signing session.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';
import { DEFAULTS } from '../../src/config.js';
import { issueCertificate, type Issued } from '../../src/signing/certificates.js';
import { SIGNER_FIELD } from '../../src/signing/fields.js';
import { signPdf } from '../../src/signing/pades.js';
import { appendUpdate, pageNumbers, readPdf, dictAt, refNumber } from '../../src/signing/pdf.js';
import { readPng, writePng } from '../../src/signing/png.js';

type App = Awaited<ReturnType<typeof buildApp>>;

let app: App;
let dir: string;
let nss: string;
let personCa: Issued;
let person: Issued;
const ids: string[] = [];
const agency = '000.00.31.H43';

/** A blue stroke on a transparent background: the person's signature image. */
function blueSignature(): ReturnType<typeof readPng> {
  const [w, h] = [300, 120];
  const px = Buffer.alloc(w * h * 4);
  for (let x = 10; x < w - 10; x++) {
    const y0 = Math.round(h / 2 + 35 * Math.sin(x / 18) * Math.cos(x / 70));
    for (let dy = -2; dy <= 2; dy++) px.set([20, 40, 200, 255], ((y0 + dy) * w + x) * 4);
  }
  return readPng(writePng(w, h, px));
}

const signAsPerson = (pdf: Buffer, who: Issued = person, ca: Issued = personCa) =>
  signPdf(pdf, { field: SIGNER_FIELD, key: who.key, certificate: who.certificate.raw, chain: [ca.certificate.raw], image: { pixels: blueSignature(), widthPt: 120, heightPt: 48 }, name: 'Phạm Đức Thắng' });

const put = (id: string, pdf: Buffer) => app.inject({ method: 'PUT', url: `/v1/documents/${id}/signed`, headers: { 'content-type': 'application/pdf' }, payload: pdf });
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const pdfOf = async (id: string) => (await app.inject({ url: `/v1/documents/${id}/pdf` })).rawPayload;

function tool(cmd: string, args: string[], input?: Buffer): { code: number; out: string } {
  const file = path.join(dir, `in-${Math.random().toString(36).slice(2)}.pdf`);
  if (input) writeFileSync(file, input);
  const r = spawnSync(cmd, args.map((a) => (a === '@' ? file : a)), { encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
const pdfsig = (pdf: Buffer) => tool('pdfsig', ['-nssdir', `sql:${nss}`, '@'], pdf).out;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-signing-'));
  personCa = issueCertificate({ subject: { CN: 'CA người ký TEST', O: 'vanban tests', C: 'VN' }, ca: true });
  person = issueCertificate({ subject: { CN: 'Phạm Đức Thắng TEST', C: 'VN' }, issuer: personCa });
  const trust = path.join(dir, 'trust.pem');
  writeFileSync(trust, personCa.certificate.toString());
  app = await buildApp({ logger: false, dataDir: path.join(dir, 'data'), poolSize: 1, signing: { ...DEFAULTS.signing, trust, testCerts: true } });
  await app.ready();
  const data = JSON.parse(readFileSync('fixtures/quyet-dinh/qd-tm-kt.json', 'utf8')) as Record<string, any>;
  delete data.number;
  data.agency.identifier = agency;
  data.recipients.organIds = [{ item: 0, organId: '000.00.00.G22' }];
  for (let i = 0; i < 2; i++) {
    const res = await app.inject({ method: 'POST', url: '/v1/documents', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ template: 'quyet-dinh', data }) });
    expect(res.statusCode, res.body).toBe(201);
    ids.push((res.json() as { id: string }).id);
  }
  // pdfsig's trust: an NSS database holding the person's CA and the service's test CA.
  nss = path.join(dir, 'nss');
  execFileSync('mkdir', ['-p', nss]);
  execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  writeFileSync(path.join(dir, 'person-ca.pem'), personCa.certificate.toString());
  execFileSync('certutil', ['-A', '-n', 'person-ca', '-t', 'CT,C,C', '-i', path.join(dir, 'person-ca.pem'), '-d', `sql:${nss}`]);
  execFileSync('certutil', ['-A', '-n', 'test-ca', '-t', 'CT,C,C', '-i', path.join(dir, 'data', 'signing-test', 'ca.pem'), '-d', `sql:${nss}`]);
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signing the register\'s documents', () => {
  it('issues the archival PDF with two empty signature fields where ô 7 prints, and qpdf finds it clean', async () => {
    const pdf = await pdfOf(ids[0]!);
    const out = pdfsig(pdf);
    expect(out).toMatch(/Signature Field Name: ChuKyNguoiCoThamQuyen\s+The signature form field is not signed/);
    expect(out).toMatch(/Signature Field Name: ChuKyCoQuan\s+The signature form field is not signed/);
    expect(tool('qpdf', ['--check', '@'], pdf).code).toBe(0);
    // The person's field lies between the last title line (PHÓ CHỦ TỊCH) and the name, over the name's centre.
    const s = await readPdf(pdf);
    const field = Object.values(s.objects)
      .map((o) => o.value as Record<string, any> | undefined)
      .find((v) => v?.['/T'] === 'u:ChuKyNguoiCoThamQuyen')!;
    const [x0, y0, x1, y1] = field['/Rect'] as number[];
    const bbox = tool('pdftotext', ['-bbox', '@', '-'], pdf).out;
    const word = (w: string) => [...bbox.matchAll(new RegExp(`yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${w}<`, 'g'))].map((m) => [Number(m[1]), Number(m[2])]);
    const height = Number(/page width="[\d.]+" height="([\d.]+)"/.exec(bbox)![1]);
    const nameTop = word('Thắng').at(-1)![0]!;
    const titleBottom = word('TỊCH').at(-1)![1]!;
    expect(height - y1!).toBeGreaterThanOrEqual(titleBottom);
    expect(height - y0!).toBeLessThanOrEqual(nameTop);
    expect(x0! < 424 && x1! > 424).toBe(true);
  });

  it('refuses to seal before the person with authority has signed', async () => {
    const res = await app.inject({ method: 'POST', url: `/v1/documents/${ids[0]}/seal`, ...json({}) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_signed_yet');
  });

  it('refuses each bad file with its code and Vietnamese reason, and stores nothing', async () => {
    const id = ids[0]!;
    const pdf = await pdfOf(id);
    const unknownCa = issueCertificate({ subject: { CN: 'CA lạ TEST', C: 'VN' }, ca: true });
    const stranger = issueCertificate({ subject: { CN: 'Người lạ TEST', C: 'VN' }, issuer: unknownCa });
    const expired = issueCertificate({ subject: { CN: 'Hết hạn TEST', C: 'VN' }, issuer: personCa, notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const good = await signAsPerson(pdf);
    const changed = Buffer.from(good);
    changed[2000] = changed[2000]! ^ 0x01;
    const other = await signAsPerson(await pdfOf(ids[1]!));
    // A second revision that rewrites page 1's content without its last text object: text disappears.
    const s = await readPdf(good);
    const page = dictAt(s, pageNumbers(s)[0]!)!;
    const contents = refNumber(page['/Contents'] as string) ?? refNumber((page['/Contents'] as string[])[0]);
    writeFileSync(path.join(dir, 'good.pdf'), good);
    const data = execFileSync('qpdf', [`--show-object=${contents}`, '--filtered-stream-data', path.join(dir, 'good.pdf')]);
    const stripped = data.toString('latin1').replace(/BT(?![\s\S]*BT)[\s\S]*ET/, '');
    const { pdf: rewritten } = appendUpdate(good, s, [{ num: contents!, dict: '<<>>', data: Buffer.from(stripped, 'latin1') }]);
    const text = (b: Buffer) => tool('pdftotext', ['@', '-'], b).out;
    expect(text(rewritten)).not.toBe(text(good));
    // The same rewrite appended to the archived PDF before the person signs: the signature covers it, the register does not.
    const rewrittenThenSigned = await signAsPerson(appendUpdate(pdf, await readPdf(pdf), [{ num: contents!, dict: '<<>>', data: Buffer.from(stripped, 'latin1') }]).pdf);

    const cases: [string, Buffer, string, RegExp][] = [
      ['unknown CA', await signAsPerson(pdf, stranger, unknownCa), 'untrusted_certificate', /danh sách tin cậy/],
      ['expired certificate', await signAsPerson(pdf, expired), 'certificate_expired', /hết hạn/],
      ['a byte changed after signing', changed, 'digest_mismatch', /bị sửa sau khi ký/],
      ['another document', other, 'not_this_document', /không phải bản PDF lưu trữ của văn bản/],
      ['a second revision changing the text', rewritten, 'content_changed_after_signing', /thay đổi nội dung/],
      ['a revision changing the text, then signed', rewrittenThenSigned, 'content_changed_after_issue', /sau bản PDF lưu trữ, tệp đã thay đổi nội dung/],
      ['a truncated upload', good.subarray(0, good.length - 700), 'truncated', /cắt cụt/],
    ];
    const refusals: string[] = [];
    for (const [what, file, code, message] of cases) {
      const res = await put(id, file);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(422);
      const e = res.json().error as { code: string; message: string };
      expect(e.code, what).toBe(code);
      expect(e.message, what).toMatch(message);
      expect(e.message.normalize('NFC')).toBe(e.message);
      refusals.push(`${what}: ${code}: ${e.message}`);
    }
    writeFileSync(path.join(os.tmpdir(), 'vanban-signing-refusals.txt'), refusals.join('\n'));
    const status = (await app.inject({ url: `/v1/documents/${id}/signatures` })).json();
    expect(status.status).toBe('cho-ky');
    expect(status.files).toEqual([]);
    expect((await app.inject({ url: `/v1/documents/${id}/signed` })).statusCode).toBe(409);
  }, 120_000);

  it('takes the person\'s signature, seals as the agency, and pdfsig finds both valid and trusted', async () => {
    const id = ids[0]!;
    const pdf = await pdfOf(id);
    const signed = await signAsPerson(pdf);
    const res = await put(id, signed);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'da-ky', label: 'Đã ký', files: [{ seq: 1, stage: 'da-ky', source: 'upload', signers: [{ field: 'ChuKyNguoiCoThamQuyen', role: 'nguoi-co-tham-quyen' }] }] });
    expect(res.json().files[0].signers[0].subject).toContain('Phạm Đức Thắng TEST');
    // The same file again adds nothing.
    expect((await put(id, signed)).json().error.code).toBe('signed_file_diverges');

    // The seal uploaded to the agency's profile is the one printed (177 x 171 px, an odd size no drawn seal has).
    const data = JSON.parse(readFileSync('fixtures/quyet-dinh/qd-tm-kt.json', 'utf8')) as { agency: { name: string } };
    expect((await app.inject({ method: 'PUT', url: `/v1/agencies/${agency}`, ...json({ name: data.agency.name, abbreviation: 'UBND', place: 'Hải Dương' }) })).statusCode).toBe(201);
    const red = Buffer.alloc(177 * 171 * 4);
    for (let i = 0; i < red.length; i += 4) red.set([200, 16, 16, (i / 4) % 177 > 20 ? 255 : 0], i);
    const profileSeal = await app.inject({ method: 'PUT', url: `/v1/agencies/${agency}/seal`, headers: { 'content-type': 'image/png' }, payload: writePng(177, 171, red) });
    expect(profileSeal.statusCode, profileSeal.body).toBeLessThan(300);

    const sealed = await app.inject({ method: 'POST', url: `/v1/documents/${id}/seal`, ...json({}) });
    expect(sealed.statusCode, sealed.body).toBe(201);
    expect(sealed.json()).toMatchObject({ status: 'da-dong-dau', label: 'Đã đóng dấu' });
    expect(sealed.json().files[1].signers.map((s: { role: string }) => s.role)).toEqual(['nguoi-co-tham-quyen', 'co-quan']);
    expect(sealed.json().files[1].signers[1].subject).toMatch(/TEST/);
    expect(sealed.json().files[1].signers[1].signingTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect((await app.inject({ method: 'POST', url: `/v1/documents/${id}/seal`, ...json({}) })).json().error.code).toBe('already_sealed');

    const file = (await app.inject({ url: `/v1/documents/${id}/signed` })).rawPayload;
    // Incremental: the archived PDF and the person's signed file are the first bytes, unchanged.
    expect(file.subarray(0, pdf.length).equals(pdf)).toBe(true);
    expect(file.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(tool('pdfimages', ['-list', '@'], file).out).toMatch(/\s177\s+171\s+rgb/);
    const out = pdfsig(file);
    writeFileSync(path.join(os.tmpdir(), 'vanban-signing-pdfsig.txt'), out);
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Total document signed');
    // Still an archive copy: qpdf clean, appearances with /N only, no odd-length hex string, XMP not rewritten.
    expect(tool('qpdf', ['--check', '@'], file).code).toBe(0);
    const added = file.subarray(pdf.length).toString('latin1');
    expect(added).not.toMatch(/\/AP\s*<<[^>]*\/[DR]\s/);
    for (const m of added.matchAll(/<([0-9a-fA-F\s]*)>/g)) expect(m[1]!.replace(/\s/g, '').length % 2).toBe(0);
    const s = await readPdf(file);
    const xmp = refNumber(s.catalog['/Metadata'] as string)!;
    expect(added).not.toMatch(new RegExp(`(^|\\n)${xmp} 0 obj`));
    const status = await app.inject({ url: `/v1/documents/${id}` });
    expect(status.json().signing).toBe('da-dong-dau');
    const listed = await app.inject({ url: '/v1/documents' });
    expect(listed.json().items.find((d: { id: string }) => d.id === id).signing).toBe('da-dong-dau');

    // POST /v1/verify: any PDF, its signatures and its document.
    const verify = (b: Buffer) => app.inject({ method: 'POST', url: '/v1/verify', headers: { 'content-type': 'application/pdf' }, payload: b });
    const v = (await verify(file)).json();
    expect(v.code).toBeUndefined();
    expect(v.signatures.map((x: { valid: boolean }) => x.valid)).toEqual([true, true]);
    expect(v.document).toMatchObject({ id, match: 'signed-file', signingStatus: 'da-dong-dau' });
    const tampered = Buffer.from(file);
    tampered[3000] = tampered[3000]! ^ 0x01;
    const bad = (await verify(tampered)).json();
    expect(bad.code).toBe('digest_mismatch');
    expect(bad.signatures[0].reason).toMatch(/bị sửa sau khi ký/);
    const unsigned = (await verify(await pdfOf(ids[1]!))).json();
    expect(unsigned).toMatchObject({ code: 'no_signature', document: { id: ids[1], match: 'archived-pdf' } });

    // The edXML package of the sealed document carries the sealed file, and the agency's certificate signs it.
    const edxml = await app.inject({ url: `/v1/documents/${id}/edxml` });
    expect(edxml.statusCode, edxml.body).toBe(200);
    const read = (await app.inject({ method: 'POST', url: '/v1/edxml/inspect', headers: { 'content-type': 'application/xml' }, payload: edxml.rawPayload })).json();
    expect(read.attachments[0].sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(read.attachments[0].description).toBe('Bản PDF/A đã ký số và đóng dấu');
    expect(read.signature).toMatchObject({ present: true, valid: true });
    expect(read.signature.certificate.subject).toContain(sealed.json().files[1].signers[1].subject.split(',').find((p: string) => p.includes('CN='))?.trim().slice(3) ?? 'TEST');
    // Before any signature, the archival PDF travels.
    const other = (await app.inject({ method: 'POST', url: '/v1/edxml/inspect', headers: { 'content-type': 'application/xml' }, payload: (await app.inject({ url: `/v1/documents/${ids[1]}/edxml` })).rawPayload })).json();
    expect(other.attachments[0]).toMatchObject({ description: 'Bản PDF/A lưu trữ', sha256: createHash('sha256').update(await pdfOf(ids[1]!)).digest('hex') });
  }, 120_000);

  it('hands a signing tool one-time URLs that work without an API key, once', async () => {
    const id = ids[1]!;
    const session = await app.inject({ method: 'POST', url: `/v1/documents/${id}/signing-session`, ...json({}) });
    expect(session.statusCode, session.body).toBe(201);
    const { download, upload } = session.json() as { download: string; upload: string };
    const got = await app.inject({ url: new URL(download).pathname });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(await pdfOf(id))).toBe(true);
    expect((await app.inject({ url: new URL(download).pathname })).statusCode).toBe(404);
    const signed = await signAsPerson(got.rawPayload);
    const truncated = await app.inject({ method: 'POST', url: new URL(upload).pathname, headers: { 'content-type': 'application/pdf' }, payload: signed.subarray(0, 5000) });
    expect(truncated.json().error.code).toBe('truncated');
    const sent = await app.inject({ method: 'POST', url: new URL(upload).pathname, headers: { 'content-type': 'application/pdf' }, payload: signed });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'da-ky', files: [{ source: 'session' }] });
    expect((await app.inject({ method: 'POST', url: new URL(upload).pathname, headers: { 'content-type': 'application/pdf' }, payload: signed })).statusCode).toBe(404);
  }, 60_000);
});

describe('signing under API keys', () => {
  let keyed: App;
  let id: string;
  const [A, B] = ['key-of-agency-a', 'key-of-agency-b'];
  const as = (key: string) => ({ 'x-api-key': key });

  beforeAll(async () => {
    keyed = await buildApp({
      logger: false,
      dataDir: path.join(dir, 'keyed'),
      poolSize: 1,
      apiKeys: [
        { id: 'a', sha256: hashKey(A), role: 'agency', agency },
        { id: 'b', sha256: hashKey(B), role: 'agency', agency: '000.00.32.H43' },
      ],
      signing: { ...DEFAULTS.signing, testCerts: true },
    });
    await keyed.ready();
    const data = JSON.parse(readFileSync('fixtures/quyet-dinh/qd-tm-kt.json', 'utf8')) as Record<string, any>;
    delete data.number;
    const res = await keyed.inject({ method: 'POST', url: '/v1/documents', headers: { ...as(A), 'content-type': 'application/json' }, payload: JSON.stringify({ template: 'quyet-dinh', data }) });
    expect(res.statusCode, res.body).toBe(201);
    id = (res.json() as { id: string }).id;
  }, 120_000);
  afterAll(() => keyed?.close());

  it("answers another agency's key as if the document did not exist, and tells it nothing in /v1/verify", async () => {
    const pdf = (await keyed.inject({ url: `/v1/documents/${id}/pdf`, headers: as(A) })).rawPayload;
    for (const r of [
      { method: 'GET' as const, url: `/v1/documents/${id}/signatures` },
      { method: 'GET' as const, url: `/v1/documents/${id}/signed` },
      { method: 'POST' as const, url: `/v1/documents/${id}/seal`, ...json({}) },
      { method: 'POST' as const, url: `/v1/documents/${id}/signing-session`, ...json({}) },
      { method: 'PUT' as const, url: `/v1/documents/${id}/signed`, headers: { 'content-type': 'application/pdf' }, payload: pdf },
    ]) {
      const res = await keyed.inject({ ...r, headers: { ...(r.headers ?? {}), ...as(B) } });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
    const verify = (key: string) => keyed.inject({ method: 'POST', url: '/v1/verify', headers: { ...as(key), 'content-type': 'application/pdf' }, payload: pdf });
    expect((await verify(B)).json().document).toBeUndefined();
    expect((await verify(A)).json().document).toMatchObject({ id, match: 'archived-pdf' });
    // Without a key: the API refuses; a session's URLs need none.
    expect((await keyed.inject({ method: 'POST', url: '/v1/verify', headers: { 'content-type': 'application/pdf' }, payload: pdf })).statusCode).toBe(401);
    const session = (await keyed.inject({ method: 'POST', url: `/v1/documents/${id}/signing-session`, headers: { ...as(A), 'content-type': 'application/json' }, payload: '{}' })).json() as { download: string };
    expect((await keyed.inject({ url: new URL(session.download).pathname })).statusCode).toBe(200);
  });
});

