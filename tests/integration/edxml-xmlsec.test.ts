/**
 * The edXML signature checked by an independent implementation: xmlsec1 (Debian's, on libxml2 and OpenSSL)
 * verifies the packages vanban signs, against the test CA that issued the agency certificate, and refuses them
 * once changed, or when signed by a certificate the CA did not issue. Our own reader agrees on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EdxmlPackage } from '../../src/edxml/model.js';
import { inspectEdxml } from '../../src/edxml/reader.js';
import { signEdxml } from '../../src/edxml/signature.js';
import { writeEdxml } from '../../src/edxml/writer.js';
import { makePki, xmlsecVerify, type TestPki } from '../support/edxml.js';

let pki: TestPki;
beforeAll(() => {
  pki = makePki();
}, 60_000);
afterAll(() => pki?.remove());

const organ = (organId: string, organName: string) => ({ organId, organizationInCharge: organName, organName, organAdd: '', email: '', telephone: '', fax: '', website: '' });

const pkg: EdxmlPackage = {
  header: {
    from: organ('000.00.31.H43', 'Sở Nội vụ tỉnh Sơn La'),
    to: [organ('000.00.00.G22', 'Văn phòng Chính phủ'), organ('000.00.11.H53', 'Sở Tài chính tỉnh Tây Ninh')],
    documentId: '000.00.31.H43,2024/05/06,07/SNV-CCHC',
    code: { codeNumber: '07', codeNotation: 'SNV-CCHC' },
    promulgation: { place: 'Sơn La', date: '2024/05/06' },
    documentType: { type: 18, typeDetail: 0, typeName: 'Công văn' },
    subject: 'V/v báo cáo kết quả cải cách hành chính & "chỉ số" <PAR INDEX>',
    content: 'Công văn về việc báo cáo',
    signer: { competence: 'KT. GIÁM ĐỐC', position: 'Phó Giám đốc', fullName: 'Nguyễn Văn Ánh' },
    dueDate: '2024/05/20',
    steeringType: 0,
    toPlaces: ['Văn phòng Chính phủ', 'Sở Tài chính tỉnh Tây Ninh', 'Lưu: VT, CCHC'],
    other: { priority: 1, sphereOfPromulgation: 'Liên thông văn bản quốc gia', typerNotation: 'NVA', promulgationAmount: 5, pageAmount: 2, appendixes: [] },
  },
  traces: [{ organId: '000.00.31.H43', timestamp: '2024/05/06 10:04:05' }],
  business: { kind: 'new', reason: 'Văn bản điện tử mới', documentId: '', paper: 0, replaces: [] },
  attachments: [
    { contentId: '1', name: 'Công văn 07.pdf', description: 'Bản PDF/A lưu trữ', contentType: 'application/pdf', bytes: randomBytes(20_000) },
    { contentId: '2', name: 'Công văn 07.docx', description: 'Bản DOCX', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: randomBytes(9_000) },
  ],
};

describe('xmlsec1 on the packages vanban signs', () => {
  let signed: string;
  const file = (name: string, text: string) => {
    const f = path.join(pki.dir, name);
    writeFileSync(f, text);
    return f;
  };
  beforeAll(() => {
    signed = signEdxml(writeEdxml(pkg), pkg.attachments, pki.key);
  });

  it('verifies the signature (both references) against the CA', () => {
    const v = xmlsecVerify(file('signed.edxml', signed), pki.caFile);
    expect(v.output).toContain('OK');
    expect(v.output).toContain('SignedInfo References (ok/all): 2/2');
    expect(v.ok).toBe(true);
    expect(inspectEdxml(Buffer.from(signed)).valid).toBe(true);
  });

  it('refuses a package changed after signing: a header field, an attachment, the attachments digest list', () => {
    const changes = {
      header: signed.replace('<edXML:PageAmount>2</edXML:PageAmount>', '<edXML:PageAmount>3</edXML:PageAmount>'),
      attachment: signed.replace(pkg.attachments[1]!.bytes.toString('base64'), randomBytes(9_000).toString('base64')),
      manifest: signed.replace(/(<Reference URI="cid:1">.*?<DigestValue>)[^<]+/, '$1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='),
    };
    for (const [what, text] of Object.entries(changes)) {
      expect(text, what).not.toBe(signed);
      const v = xmlsecVerify(file(`${what}.edxml`, text), pki.caFile);
      expect(v.ok, `${what}: ${v.output}`).toBe(false);
      expect(v.output, what).toContain('FAIL');
      expect(inspectEdxml(Buffer.from(text)).problems.map((p) => p.code), what).toContain('edxml_signature_invalid');
    }
  });

  it('refuses a signature by a certificate the CA did not issue (our reader reports its subject for the caller to judge)', () => {
    const other = signEdxml(writeEdxml(pkg), pkg.attachments, pki.other);
    expect(xmlsecVerify(file('other.edxml', other), pki.caFile).ok).toBe(false);
    const read = inspectEdxml(Buffer.from(other));
    expect(read.signature).toMatchObject({ present: true, valid: true, certificate: { subject: 'CN=Not from the CA', issuer: 'CN=Not from the CA' } });
  });
});
