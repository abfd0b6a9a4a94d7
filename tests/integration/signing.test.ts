/**
 * The signing modules (src/signing/) on a real archival file, without HTTP: a Chromium PDF of a công văn turned
 * into PDF/A-2b, its fields added. Then: the file rewritten with object streams and an xref stream, as other
 * tools write, signed twice (pdfsig and the verifier find both signatures valid); later revisions that only
 * touch the information dictionary are allowed; an annotation added over the text after signing is not; a
 * PKCS#12 file round trip, and a signature by an ECDSA key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Vanban } from '../../src/service.js';
import { FIXTURES_DIR } from '../../src/render/paths.js';
import { toPdfA, type ArchiveMetadata } from '../../src/archive/pdfa/index.js';
import { loadConfig } from '../../src/config.js';
import { issueCertificate, pkcs12Of, readPkcs12, type Issued } from '../../src/signing/certificates.js';
import { ConfiguredCredentials, pemOf } from '../../src/signing/credentials.js';
import { AGENCY_FIELD, SIGNER_FIELD, addSignatureFields } from '../../src/signing/fields.js';
import { signPdf } from '../../src/signing/pades.js';
import { appendUpdate, dictAt, pageNumbers, pdfText, pdfValue, readPdf } from '../../src/signing/pdf.js';
import { verifyPdf } from '../../src/signing/verify.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'vanban-test-signing-'));
let svc: Vanban;
let archival: Buffer;
let ca: Issued;
let signer: Issued;
let nss: string;

const data = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'cong-van', 'de-nghi-bao-cao.json'), 'utf8')) as Record<string, any>;

function meta(): ArchiveMetadata {
  return {
    organId: '000.00.31.H43',
    organName: String(data.agency.name),
    year: 2024,
    ordinal: 7,
    typeName: 'Công văn',
    codeNumber: '07',
    codeNotation: 'SNV-CCHC',
    issuedDate: '2024-05-02',
    subject: 'Đề nghị báo cáo',
    language: 'vi',
    pageCount: 0,
    description: 'Công văn',
    signerPosition: String(data.signer.position ?? ''),
    signerName: String(data.signer.name),
    recipients: [{ name: 'Các sở' }],
    priority: '',
    copies: null,
    dueDate: null,
    title: 'Công văn 07/SNV-CCHC',
    creator: String(data.agency.name),
  };
}

const file = (name: string, b: Buffer) => {
  const f = path.join(work, name);
  writeFileSync(f, b);
  return f;
};
const pdfsig = (b: Buffer) => spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, file('sig.pdf', b)], { encoding: 'utf8' }).stdout;
const sign = (pdf: Buffer, field: string, who: Issued = signer) => signPdf(pdf, { field, key: who.key, certificate: who.certificate.raw, chain: [ca.certificate.raw] });

beforeAll(async () => {
  svc = new Vanban({ poolSize: 1, docxWorkers: 0 });
  await svc.pool.start();
  const p = svc.prepare('cong-van', data);
  const chromium = await svc.renderPrepared(p, 'pdf', { deadline: Date.now() + 60_000 });
  archival = (await addSignatureFields(await toPdfA(chromium.bytes, meta()), String(data.signer.name))).pdf;
  ca = issueCertificate({ subject: { CN: 'CA tích hợp TEST', C: 'VN' }, ca: true });
  signer = issueCertificate({ subject: { CN: 'Người ký TEST', C: 'VN' }, issuer: ca });
  nss = path.join(work, 'nss');
  execFileSync('mkdir', ['-p', nss]);
  execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-n', 'ca', '-t', 'CT,C,C', '-i', file('ca.pem', Buffer.from(ca.certificate.toString())), '-d', `sql:${nss}`]);
}, 120_000);

afterAll(async () => {
  await svc?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('signing a real archival file', () => {
  it('places both fields for a công văn and keeps the file clean', async () => {
    const out = spawnSync('pdfsig', [file('a.pdf', archival)], { encoding: 'utf8' }).stdout;
    expect(out).toContain(`Signature Field Name: ${SIGNER_FIELD}`);
    expect(out).toContain(`Signature Field Name: ${AGENCY_FIELD}`);
    expect(spawnSync('qpdf', ['--check', file('a.pdf', archival)]).status).toBe(0);
  });

  it('signs a file written with an xref stream and object streams, twice, both valid for pdfsig and the verifier', async () => {
    execFileSync('qpdf', ['--object-streams=generate', file('a.pdf', archival), path.join(work, 'streams.pdf')]);
    const streams = readFileSync(path.join(work, 'streams.pdf'));
    expect(streams.toString('latin1')).toContain('/Type /XRef');
    // Two certificates: pdfsig (NSS) reports "Unknown issue with Certificate" for a certificate it has just validated.
    const agency = issueCertificate({ subject: { CN: 'Cơ quan TEST', C: 'VN' }, issuer: ca });
    const both = await sign(await sign(streams, SIGNER_FIELD), AGENCY_FIELD, agency);
    const out = pdfsig(both);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate is Trusted\./g)).toHaveLength(2);
    const report = await verifyPdf(both, [ca.certificate]);
    expect(report.code).toBeUndefined();
    expect(report.signatures.map((s) => [s.field, s.valid])).toEqual([
      [SIGNER_FIELD, true],
      [AGENCY_FIELD, true],
    ]);
  });

  it('allows a later revision that only rewrites the information dictionary, not one that adds an annotation over the text', async () => {
    const signed = await sign(archival, SIGNER_FIELD);
    const s = await readPdf(signed);
    const info = Number(String(s.trailer['/Info']).split(' ')[0]);
    const infoOnly = appendUpdate(signed, s, [{ num: info, body: `<</Title ${pdfText('Đổi tiêu đề')}>>` }]).pdf;
    expect((await verifyPdf(infoOnly, [ca.certificate])).signatures[0]!.valid).toBe(true);

    const pageNum = pageNumbers(s)[0]!;
    const page = dictAt(s, pageNum)!;
    const note = s.maxObjectId + 1;
    const annots = [...((page['/Annots'] as string[]) ?? []), `${note} 0 R`];
    const withNote = appendUpdate(signed, s, [
      { num: note, body: `<</Type /Annot /Subtype /FreeText /Rect [100 400 400 440] /Contents ${pdfText('KHÔNG CÓ GIÁ TRỊ')} /DA (/Helv 20 Tf 1 0 0 rg) /F 4>>` },
      { num: pageNum, body: pdfValue({ ...page, '/Annots': annots }) },
    ]).pdf;
    const r = await verifyPdf(withNote, [ca.certificate]);
    expect(r.code).toBe('content_changed_after_signing');
    expect(r.signatures[0]!.reason).toMatch(/chú thích không phải ô chữ ký/);
  });

  it('reads the key and chain of a PKCS#12 file, and verifies an ECDSA signature', async () => {
    const back = readPkcs12(pkcs12Of(signer, [ca.certificate], 'mật khẩu'), 'mật khẩu');
    expect(back.certificate.fingerprint256).toBe(signer.certificate.fingerprint256);
    expect(back.chain.map((c) => c.fingerprint256)).toEqual([ca.certificate.fingerprint256]);
    expect(() => readPkcs12(pkcs12Of(signer, [], 'a'), 'b')).toThrow();

    // An ECDSA P-256 certificate issued by the RSA CA (forge cannot carry an EC key: openssl signs it).
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    file('ec.pub.pem', Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }).toString()));
    file('ca.key.pem', Buffer.from(ca.key.export({ type: 'pkcs8', format: 'pem' }).toString()));
    file('ec.key.pem', Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
    execFileSync('openssl', ['req', '-new', '-key', path.join(work, 'ec.key.pem'), '-subj', '/CN=ECDSA TEST/C=VN', '-out', path.join(work, 'ec.csr')]);
    execFileSync('openssl', ['x509', '-req', '-in', path.join(work, 'ec.csr'), '-CA', path.join(work, 'ca.pem'), '-CAkey', path.join(work, 'ca.key.pem'), '-days', '30', '-sha256', '-out', path.join(work, 'ec.pem')]);
    const ec = { key: privateKey, certificate: new X509Certificate(readFileSync(path.join(work, 'ec.pem'))) };
    const signed = await sign(archival, SIGNER_FIELD, ec);
    expect((await verifyPdf(signed, [ca.certificate])).signatures[0]).toMatchObject({ valid: true, subject: expect.stringContaining('ECDSA TEST') });
    expect(pdfsig(signed)).toContain('Signature is Valid.');
  });

  it('configures agencies from SIGNING_AGENCIES_FILE with the password from the environment or a file, and refuses test certificates in production', async () => {
    const p12 = file('agency.p12', pkcs12Of(signer, [ca.certificate], 'bí mật'));
    file('password.txt', Buffer.from('bí mật\n'));
    const agencies = file(
      'agencies.json',
      Buffer.from(JSON.stringify({ '000.00.31.H43': { pkcs12: p12, passwordEnv: 'SNV_P12' }, '000.00.32.H43': { pkcs12: p12, passwordFile: path.join(work, 'password.txt') } })),
    );
    const config = loadConfig({ SIGNING_AGENCIES_FILE: agencies, SNV_P12: 'bí mật' });
    const creds = new ConfiguredCredentials(config.signing.agencies);
    for (const id of ['000.00.31.H43', '000.00.32.H43']) expect((await creds.for(id))?.certificate.fingerprint256).toBe(signer.certificate.fingerprint256);
    expect(await creds.for('000.00.99.H43')).toBeUndefined();
    expect(pemOf((await creds.for('000.00.31.H43'))!).key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(() => loadConfig({ SIGNING_AGENCIES_FILE: agencies })).toThrow(/SNV_P12 is not set/);
    const wrong = new ConfiguredCredentials(loadConfig({ SIGNING_AGENCIES_FILE: agencies, SNV_P12: 'sai' }).signing.agencies);
    await expect(wrong.for('000.00.31.H43')).rejects.toThrow(/000\.00\.31\.H43 .*agency\.p12/);
    await expect(wrong.for('000.00.31.H43')).rejects.not.toThrow(/sai/);
    expect(() => loadConfig({ SIGNING_TEST_CERTS: '1', NODE_ENV: 'production' })).toThrow(/refused when NODE_ENV=production/);
  });
});
