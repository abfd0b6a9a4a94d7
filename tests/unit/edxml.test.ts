/**
 * edXML packages without HTTP: the QĐ 20/2020 identifier check; every issuable catalog type written, signed,
 * read back field for field; the public sample packages (tests/fixtures/edxml/SOURCES.md) read with every field
 * checked; malformed packages answered with named problems; DTD bombs and external entities refused unparsed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocRow } from '../../src/archive/db.js';
import { preparedRow } from '../../src/archive/archive.js';
import { CATALOG } from '../../src/documents/catalog.js';
import { documentTypeCode, packageOfRecord } from '../../src/edxml/from-register.js';
import type { EdxmlPackage } from '../../src/edxml/model.js';
import { organIdProblem } from '../../src/edxml/organ-id.js';
import { EdxmlWorkers } from '../../src/edxml/workers.js';
import { EdxmlRefused, inspectEdxml, summaryOf, type Inspection } from '../../src/edxml/reader.js';
import { SignedXml } from 'xml-crypto';
import { signEdxml } from '../../src/edxml/signature.js';
import { writeEdxml } from '../../src/edxml/writer.js';
import { loadConfig } from '../../src/config.js';
import { Vanban } from '../../src/service.js';
import { makePki, sample, type TestPki } from '../support/edxml.js';

let pki: TestPki;
let svc: Vanban;
beforeAll(() => {
  pki = makePki();
  svc = new Vanban();
}, 60_000);
afterAll(async () => {
  pki?.remove();
  await svc?.close();
});

const NOW = new Date('2024-05-06T03:04:05Z');
const SENDER = '000.00.31.H43';
const RECEIVER = '000.00.00.G22';

/** A register record of a catalog fixture, as the archive would hold it once issued (number 7, 6 May 2024). */
function recordOf(typeId: string, o: { status?: DocRow['status']; correctionOf?: string; revokeReason?: string } = {}): DocRow {
  const type = CATALOG.find((t) => t.id === typeId)!;
  const data = JSON.parse(readFileSync(path.join('fixtures', typeId, type.exampleFixture), 'utf8')) as Record<string, any>;
  data.agency = { ...data.agency, identifier: data.agency.identifier ?? SENDER };
  data.recipients = { ...data.recipients, organIds: [{ item: 0, organId: RECEIVER }] };
  data.date = '2024-05-06';
  delete data.number;
  // Prepared as the archive prepares a row to insert (validated, the register's facts), then issued as number 7.
  const { wanted: _wanted, ...row } = preparedRow(svc, { template: typeId, data });
  return {
    ...row,
    number: 7,
    kyHieu: `07/${row.notation}`,
    pageCount: 3,
    status: o.status ?? 'issued',
    correctionOf: o.correctionOf ?? null,
    revokedAt: o.status === 'revoked' ? NOW.toISOString() : null,
    revokeReason: o.revokeReason ?? null,
    createdAt: NOW.toISOString(),
  };
}

const pdfAttachment = () => ({ contentId: '1', name: 'Quyết định 07.pdf', description: 'Bản PDF/A lưu trữ', contentType: 'application/pdf', bytes: randomBytes(4096) });

/** Written, signed with the test agency certificate, and read back. */
function roundTrip(pkg: EdxmlPackage): { xml: string; read: Inspection } {
  const xml = signEdxml(writeEdxml(pkg), pkg.attachments, pki.key);
  return { xml, read: inspectEdxml(Buffer.from(xml)) };
}

function expectSame(pkg: EdxmlPackage, read: Inspection) {
  expect(read.problems).toEqual([]);
  expect(read.valid).toBe(true);
  expect(read.package.header).toEqual(pkg.header);
  expect(read.package.traces).toEqual(pkg.traces);
  expect(read.package.business).toEqual(pkg.business);
  expect(read.package.attachments.map((a) => ({ contentId: a.contentId, name: a.name, description: a.description, contentType: a.contentType, bytes: a.bytes }))).toEqual(pkg.attachments);
  expect(read.signature.present && read.signature.valid).toBe(true);
}

const codes = (r: Inspection) => r.problems.map((p) => `${p.code} ${p.path}`);
const errorCodes = (r: Inspection) => r.problems.filter((p) => p.severity === 'error').map((p) => p.code);

describe('the QĐ 20/2020 identifier code', () => {
  it('takes the four-level codes and longer ones; names the first problem of a bad one', () => {
    for (const ok of ['000.00.00.G22', '000.00.11.H53', '000.00.31.H43', '000.00.00.A53', '000.00.00.H53.01.001']) expect(organIdProblem(ok), ok).toBeUndefined();
    expect(organIdProblem('')?.code).toBe('organ_id_empty');
    expect(organIdProblem(`${'000.'.repeat(9)}G22`)?.code).toBe('organ_id_too_long');
    expect(organIdProblem('000.00.00.g22')?.code).toBe('organ_id_characters');
    expect(organIdProblem('000 00 00 G22')?.code).toBe('organ_id_characters');
    expect(organIdProblem('000..00.G22')?.code).toBe('organ_id_groups');
    expect(organIdProblem('G22')?.code).toBe('organ_id_groups');
    expect(organIdProblem('000.00.00.222')?.code).toBe('organ_id_level1');
    expect(organIdProblem('000.00.00.GG2')?.code).toBe('organ_id_level1');
  });

  it('is checked in the shared recipient schema: a bad code or a missing recipient is refused with its path', () => {
    const data = JSON.parse(readFileSync('fixtures/cong-van/' + CATALOG.find((t) => t.id === 'cong-van')!.exampleFixture, 'utf8')) as Record<string, any>;
    const bad = { ...data, recipients: { ...data.recipients, organIds: [{ item: 0, organId: '000.00.00.222' }, { item: 99, organId: RECEIVER }] } };
    let problems: { path: string }[] = [];
    try {
      svc.prepare('cong-van', bad);
    } catch (e) {
      problems = (e as { details: { path: string }[] }).details;
    }
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.recipients.organIds[0].organId', '$.recipients.organIds[1].item']));
  });
});

describe.each(CATALOG.filter((t) => t.register).map((t) => [t.id] as const))('%s: the package of an issued record', (typeId) => {
  it('is written, signed and read back field for field, with the fields its record gives', () => {
    const row = recordOf(typeId);
    const pkg = packageOfRecord({ row, attachments: [pdfAttachment()], now: NOW });
    const { read } = roundTrip(pkg);
    expectSame(pkg, read);
    const h = read.package.header;
    expect(h.from.organId).toBe(row.organId);
    expect(h.from.organName).toBe(row.agencyName);
    expect(h.to).toEqual([expect.objectContaining({ organId: RECEIVER, organName: JSON.parse(row.data).recipients.items[0] })]);
    expect(h.documentId).toBe(`${row.organId},2024/05/06,07/${row.notation}`);
    expect(h.code).toEqual({ codeNumber: '07', codeNotation: row.notation });
    expect(h.promulgation.date).toBe('2024/05/06');
    expect(h.documentType).toEqual({ type: documentTypeCode(row.typeName), typeDetail: 0, typeName: row.typeName });
    expect(h.subject).toBe(row.summary.replace(/\s+/g, ' ').trim());
    expect(h.signer.fullName).toBe(row.signerName);
    expect(h.toPlaces).toEqual(JSON.parse(row.data).recipients.items);
    expect(h.other.pageAmount).toBe(3);
    expect(read.package.traces).toEqual([{ organId: row.organId, timestamp: '2024/05/06 10:04:05' }]);
    expect(read.package.business.kind).toBe('new');
  });
});

describe('the signing configuration', () => {
  it('reads the PEM key and certificate, both or neither', () => {
    const key = path.join(pki.dir, 'agency.key');
    const cert = path.join(pki.dir, 'agency.pem');
    expect(loadConfig({}).edxmlSigning).toBeUndefined();
    expect(loadConfig({ EDXML_SIGNING_KEY_FILE: key, EDXML_SIGNING_CERT_FILE: cert }).edxmlSigning).toEqual(pki.key);
    expect(() => loadConfig({ EDXML_SIGNING_KEY_FILE: key })).toThrow(/go together/);
  });
});

describe('business kinds', () => {
  it('a revoked record is a revocation (1) naming itself, with its reason', () => {
    const row = recordOf('quyet-dinh', { status: 'revoked', revokeReason: 'Ban hành sai thẩm quyền' });
    const pkg = packageOfRecord({ row, attachments: [pdfAttachment()], now: NOW });
    const { xml, read } = roundTrip(pkg);
    expect(xml).toContain('<edXML:BussinessDocType>1</edXML:BussinessDocType>');
    expectSame(pkg, read);
    expect(read.package.business).toMatchObject({ kind: 'revoke', reason: 'Ban hành sai thẩm quyền', documentId: read.package.header.documentId });
  });

  it('a correction is a replacement (3) naming the corrected document and who received it', () => {
    const old = recordOf('cong-van');
    const row = { ...recordOf('cong-van', { correctionOf: old.id }), number: 8, kyHieu: `08/${old.notation}` };
    const pkg = packageOfRecord({ row, attachments: [pdfAttachment()], corrected: old, now: NOW });
    const { xml, read } = roundTrip(pkg);
    expect(xml).toContain('<edXML:BussinessDocType>3</edXML:BussinessDocType>');
    expectSame(pkg, read);
    expect(read.package.business.replaces).toEqual([{ documentId: `${old.organId},2024/05/06,07/${old.notation}`, organIds: [RECEIVER] }]);
  });

  it('an update (2) with its receiver list and staff, written and read back', () => {
    const pkg = packageOfRecord({ row: recordOf('van-ban'), attachments: [pdfAttachment(), { ...pdfAttachment(), contentId: '2', name: 'b.docx' }], now: NOW });
    pkg.business = {
      kind: 'update',
      reason: 'Cập nhật văn bản điện tử',
      documentId: pkg.header.documentId,
      paper: 1,
      replaces: [],
      staff: { department: 'Văn thư', staff: 'Nguyễn Thị A', email: 'vt@example.gov.vn', mobile: '0912000000' },
      updateInfo: { documentInfo: '1', documentReceiver: '1', receivers: [{ organId: RECEIVER, receiverType: '0' }] },
    };
    expectSame(pkg, roundTrip(pkg).read);
  });

  it('a record without an identifier code, without a recipient that has one, or not issued, gets no package', () => {
    const row = recordOf('cong-van');
    expect(() => packageOfRecord({ row: { ...row, organId: '' }, attachments: [] })).toThrow(expect.objectContaining({ status: 422, code: 'edxml_no_organ_id' }));
    expect(() => packageOfRecord({ row: { ...row, status: 'issuing' }, attachments: [] })).toThrow(expect.objectContaining({ status: 409, code: 'not_ready' }));
    const data = JSON.parse(row.data) as Record<string, any>;
    delete data.recipients.organIds;
    expect(() => packageOfRecord({ row: { ...row, data: JSON.stringify(data) }, attachments: [] })).toThrow(expect.objectContaining({ status: 422, code: 'edxml_no_recipient' }));
  });
});

describe('the public samples (tests/fixtures/edxml/SOURCES.md)', () => {
  it('edoc_new.edxml: every field read; its quirks named', () => {
    const r = inspectEdxml(sample('edoc_new.edxml'));
    const h = r.package.header;
    expect(h.from).toEqual({
      organId: '000.00.11.H53',
      organizationInCharge: 'Tỉnh Tây Ninh',
      organName: 'Sở Tính',
      organAdd: '',
      email: 'stc@tayninh.gov.vn',
      telephone: '',
      fax: '',
      website: '',
    });
    expect(h.to).toEqual([
      { organId: '000.00.01.A53', organizationInCharge: 'Tỉnh Tây Ninh', organName: 'Văn phòng tỉnh ủy', organAdd: 'Tỉnh Tây Ninh', email: 'vptu@tayninh.gov.vn', telephone: '', fax: '', website: '' },
    ]);
    expect(h.documentId).toBe('000.00.11.H53,2020/10/30,2491/STC-BCTC');
    expect(h.code).toEqual({ codeNumber: '2491', codeNotation: 'STC-BCTC' });
    expect(h.promulgation).toEqual({ place: 'Tây Ninh', date: '30/10/2020' });
    expect(h.documentType).toEqual({ type: 1, typeDetail: 0, typeName: 'Công văn' });
    expect(h.subject).toBe('Báo cáo tài chính tỉnh');
    expect(h.content).toBe('Báo cáo tài chính tỉnh');
    expect(h.signer).toEqual({ competence: '', position: '', fullName: '' });
    expect(h.dueDate).toBe('');
    expect(h.other).toEqual({ priority: 0, sphereOfPromulgation: 'Liên thông văn bản', typerNotation: '', promulgationAmount: 2, pageAmount: 22, direction: 'false', appendixes: [] });
    expect(h.steeringType).toBe(1);
    expect(h.toPlaces).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
    expect(r.package.traces).toEqual([{ organId: '000.00.00.G22', timestamp: '2018/09/28 00:00:00' }]);
    expect(r.package.business).toEqual({
      kind: 'new',
      reason: 'Văn bản điện tử mới',
      documentId: '000.00.00.G22,2014/02/30,7806/VPCP-TTĐT',
      paper: 0,
      replaces: [],
      staff: { department: 'Văn thư văn phòng', staff: 'Nguyễn Thị Ngọc Trâm', email: 'vanthuvanphong@gov.vn', mobile: '84912000001' },
    });
    const text = Buffer.from('Tep dinh kem thay the cho tep goc cua mau (xem SOURCES.md).\n');
    expect(r.package.attachments).toEqual([
      expect.objectContaining({ contentId: '209', name: '1896_QD-TTg_m_294779.doc', description: '1896_QD-TTg_m_294779.doc', contentType: 'application/zip', bytes: text, size: text.length }),
    ]);
    expect(r.package.attachments[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.signature).toEqual({ present: true, valid: false, reason: 'Signature is not in the XML-DSig namespace' });
    expect(codes(r).sort()).toEqual(
      [
        'edxml_date_format /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/PromulgationInfo/PromulgationDate',
        'edxml_bad_date /edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/DocumentId',
        'edxml_signature_invalid /edXML/edXMLEnvelope/edXMLHeader/Signature',
        // The sample's Signature and its children are unprefixed elements of the edXML namespace.
        'edxml_unprefixed /edXML/edXMLEnvelope',
      ].sort(),
    );
    expect(r.valid).toBe(false);
  });

  it('edoc_update.edxml: three recipients, the update kind and its receiver list', () => {
    const r = inspectEdxml(sample('edoc_update.edxml'));
    const h = r.package.header;
    expect(h.from).toEqual({
      organId: '000.00.00.G22',
      organizationInCharge: 'Văn phòng Chính phủ',
      organName: 'Văn phòng Chính phủ',
      organAdd: 'Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội',
      email: 'vpcp@gov.vn',
      telephone: '8043100',
      fax: '048989898789',
      website: 'vpcp.vn',
    });
    expect(h.to.map((t) => [t.organId, t.organName, t.telephone, t.website])).toEqual([
      ['000.00.00.H53', 'UBND Tỉnh Nghệ An', '0383 840418', 'www.nghean.vn'],
      ['000.00.12.H53', 'UBND Tỉnh Cao Bằng', '02063852139', 'www.caobang.gov.vn'],
      ['000.00.00.G17', 'Sở Thông tin truyền thông Hải Phòng', '(84-4) 3821 5137', 'www.haiphong.gov.vn'],
    ]);
    expect(h.to[2]).toEqual({
      organId: '000.00.00.G17',
      organizationInCharge: 'Sở Thông tin truyền thông Hải Phòng',
      organName: 'Sở Thông tin truyền thông Hải Phòng',
      organAdd: 'số 62 - Võ Thị Sáu - Ngô Quyền - Hải Phòng',
      email: 'bxd@moc.gov.vn',
      telephone: '(84-4) 3821 5137',
      fax: '(023)37366617',
      website: 'www.haiphong.gov.vn',
    });
    expect(h.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(h.code).toEqual({ codeNumber: '7816', codeNotation: 'VPCP-TTĐT' });
    expect(h.promulgation).toEqual({ place: 'Hà Nội', date: '2018/09/28' });
    expect(h.documentType).toEqual({ type: 1, typeDetail: 0, typeName: 'Công văn' });
    expect(h.subject).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
    expect(h.content).toBe('V/v kết nối, liên thông phần mềm quản lý văn bản');
    expect(h.signer).toEqual({ competence: 'TL. BO TRUONG', position: 'Cuc truong cuc ung dung cong nghe thong tin', fullName: 'Nguyen Thanh Phuc' });
    expect(h.dueDate).toBe('2018/09/28');
    expect(h.other).toEqual({
      priority: 0,
      sphereOfPromulgation: 'Liên thông văn bản quốc gia',
      typerNotation: 'TVC',
      promulgationAmount: 2,
      pageAmount: 22,
      direction: 'false',
      appendixes: ['Công văn về việc kết nối, liên thông phần mềm quản lý văn bản'],
    });
    expect(h.steeringType).toBe(1);
    expect(h.toPlaces).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
    expect(r.package.traces).toEqual([{ organId: '000.00.00.G22', timestamp: '2018/09/28 00:00:00' }]);
    expect(r.package.business).toEqual({
      kind: 'update',
      reason: 'Cập nhật văn bản điện tử',
      documentId: '000.00.00.G22,2014/02/30,7806/VPCP-TTĐT',
      paper: 0,
      replaces: [],
      staff: { department: 'Văn thư văn phòng', staff: 'Nguyễn Thị Ngọc Trâm', email: 'vanthuvanphong@gov.vn', mobile: '84912000001' },
      updateInfo: {
        documentInfo: '1',
        documentReceiver: '1',
        receivers: [
          { organId: '000.00.00.H41', receiverType: '0' },
          { organId: '000.00.00.H14', receiverType: '1' },
        ],
      },
    });
    expect(r.package.attachments.map((a) => a.contentId)).toEqual(['209']);
    expect(codes(r).sort()).toEqual(
      [
        'edxml_bad_date /edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/DocumentId',
        'edxml_signature_invalid /edXML/edXMLEnvelope/edXMLHeader/Signature',
        'edxml_unprefixed /edXML/edXMLEnvelope',
      ].sort(),
    );
  });
});

describe('malformed packages: every problem named', () => {
  let good: { pkg: EdxmlPackage; xml: string };
  beforeAll(() => {
    const pkg = packageOfRecord({ row: recordOf('cong-van'), attachments: [pdfAttachment()], now: NOW });
    good = { pkg, xml: roundTrip(pkg).xml };
  });
  const inspect = (xml: string) => inspectEdxml(Buffer.from(xml));
  const unsigned = () => writeEdxml(good.pkg);

  it('missing header fields, each with its path', () => {
    const xml = unsigned()
      .replace(/<edXML:Subject>.*?<\/edXML:Subject>/, '')
      .replace(/<edXML:Code>.*?<\/edXML:Code>/, '<edXML:Code><edXML:CodeNumber>07</edXML:CodeNumber></edXML:Code>')
      .replace(/<edXML:To>.*?<\/edXML:To>/, '')
      .replace(/<edXML:OrganName>[^<]*<\/edXML:OrganName>/, '<edXML:OrganName/>')
      .replace(/<edXML:Bussiness>.*?<\/edXML:Bussiness>/, '');
    const r = inspect(xml);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'edxml_missing_field /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Subject',
        'edxml_missing_field /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Code/CodeNotation',
        'edxml_missing_field /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/To',
        'edxml_empty_field /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganName',
        'edxml_missing_field /edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness',
        'edxml_unsigned /edXML/edXMLEnvelope/edXMLHeader/Signature',
      ]),
    );
    expect(r.problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('a package without a header at all names the header', () => {
    const r = inspect(unsigned().replace(/<edXML:edXMLHeader>.*<\/edXML:edXMLHeader>/, ''));
    expect(codes(r)).toContain('edxml_missing_field /edXML/edXMLEnvelope/edXMLHeader');
  });

  it('bad organ ids: sender, recipient, trace and document id', () => {
    const xml = unsigned()
      .replace(`<edXML:OrganId>${SENDER}</edXML:OrganId>`, '<edXML:OrganId>abc.12</edXML:OrganId>')
      .replace(`<edXML:OrganId>${RECEIVER}</edXML:OrganId>`, '<edXML:OrganId>000.00.00.222</edXML:OrganId>')
      .replace(`<edXML:DocumentId>${SENDER},`, '<edXML:DocumentId>000.00.00,');
    const r = inspect(xml);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'edxml_bad_organ_id /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganId',
        'edxml_bad_organ_id /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/To[1]/OrganId',
        'edxml_bad_organ_id /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/DocumentId',
      ]),
    );
    expect(r.problems.find((p) => p.path.endsWith('To[1]/OrganId'))!.message).toContain('000.00.00.222');
  });

  it('an attachment changed after signing: its hash mismatch named, and the signature broken', () => {
    const b64 = good.pkg.attachments[0]!.bytes.toString('base64');
    const other = Buffer.from(good.pkg.attachments[0]!.bytes);
    other[100] = other[100]! ^ 0xff;
    const r = inspect(good.xml.replace(b64, other.toString('base64')));
    expect(errorCodes(r)).toEqual(['edxml_signature_invalid', 'edxml_attachment_hash_mismatch']);
    expect(r.problems.find((p) => p.code === 'edxml_attachment_hash_mismatch')!.path).toBe('/edXML/AttachmentEncoded/Attachment[1]');
    expect(r.package.attachments[0]!.declaredSha256).toBeDefined();
  });

  it('a broken signature: a header field changed, the signature value changed, the certificate swapped', () => {
    const changed = inspect(good.xml.replace('<edXML:PageAmount>3</edXML:PageAmount>', '<edXML:PageAmount>4</edXML:PageAmount>'));
    expect(errorCodes(changed)).toEqual(['edxml_signature_invalid']);
    expect(changed.signature).toMatchObject({ present: true, valid: false });
    const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(good.xml)![1]!;
    const flipped = (value[10] === 'A' ? 'B' : 'A') + value.slice(11);
    expect(errorCodes(inspect(good.xml.replace(value, value.slice(0, 10) + flipped)))).toEqual(['edxml_signature_invalid']);
    const cert = /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(good.xml)![1]!;
    const otherCert = pki.other.certificatePem.replace(/-----[^-]+-----|\s/g, '');
    const swapped = inspect(good.xml.replace(cert, otherCert));
    expect(errorCodes(swapped)).toEqual(['edxml_signature_invalid']);
    expect(swapped.signature.certificate?.subject).toContain('Not from the CA');
    // A signature over the attachments' digest list only (not URI=""): it verifies, and is still refused.
    const partial = new SignedXml({ privateKey: pki.key.privateKeyPem, publicCert: pki.key.certificatePem, canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#', signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' });
    partial.addReference({ xpath: "//*[local-name()='Code']", transforms: ['http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
    partial.computeSignature(writeEdxml(good.pkg), { location: { reference: "//*[local-name()='TraceHeaderList']", action: 'after' } });
    const partly = inspect(partial.getSignedXml());
    expect(partly.signature).toMatchObject({ present: true, valid: false, reason: expect.stringContaining('whole package') });
    // The untouched package: valid, with the agency certificate reported.
    const ok = inspect(good.xml);
    expect(ok.valid).toBe(true);
    expect(ok.signature.certificate).toMatchObject({ subject: expect.stringContaining('So Noi vu'), issuer: 'CN=Test CA vanban' });
  });

  it('an attachment missing from the manifest, a manifest entry without its file, bad base64', () => {
    const xml = unsigned()
      .replace(/<edXML:ContentId>cid:1<\/edXML:ContentId><edXML:ContentType>/, '<edXML:ContentId>cid:9</edXML:ContentId><edXML:ContentType>')
      .replace(/<edXML:ContentTransferEncoded>[^<]+</, '<edXML:ContentTransferEncoded>@@not base64@@<');
    expect(codes(inspect(xml))).toEqual(
      expect.arrayContaining([
        'edxml_attachment_not_in_manifest /edXML/AttachmentEncoded/Attachment[1]',
        'edxml_attachment_missing /edXML/edXMLEnvelope/edXMLBody/edXMLManifest',
        'edxml_attachment_base64 /edXML/AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
      ]),
    );
  });

  it('an unknown business kind and a bad date are named; unprefixed envelope children are a warning', () => {
    const xml = unsigned()
      .replace('<edXML:BussinessDocType>0</edXML:BussinessDocType>', '<edXML:BussinessDocType>7</edXML:BussinessDocType>')
      .replace('<edXML:PromulgationDate>2024/05/06</edXML:PromulgationDate>', '<edXML:PromulgationDate>2024/02/30</edXML:PromulgationDate>')
      .replace('<edXML:Subject>', '<Subject>')
      .replace('</edXML:Subject>', '</Subject>');
    const r = inspect(xml);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'edxml_bad_business_kind /edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/BussinessDocType',
        'edxml_bad_date /edXML/edXMLEnvelope/edXMLHeader/MessageHeader/PromulgationInfo/PromulgationDate',
        'edxml_unprefixed /edXML/edXMLEnvelope',
      ]),
    );
    // The unprefixed Subject is still read (it is in the edXML namespace).
    expect(r.package.header.subject).toBe(good.pkg.header.subject);
  });

  const refused = (text: string) => {
    try {
      inspectEdxml(Buffer.from(text));
    } catch (e) {
      if (e instanceof EdxmlRefused) return e.code;
      throw e;
    }
    return 'read';
  };

  it('a billion-laughs bomb is refused without being expanded', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE edXML [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol10;</edXML>`;
    const heap = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    expect(refused(bomb)).toBe('edxml_dtd_forbidden');
    // Expanded, it would be 10^10 "lol"s: refused in well under a millisecond per kilobyte, memory unchanged.
    expect(performance.now() - t0).toBeLessThan(50);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(20 * 1024 * 1024);
  });

  it('an external entity (XXE) is refused without being read, whatever its spelling', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&x;</edXML>`;
    expect(refused(xxe)).toBe('edxml_dtd_forbidden');
    expect(refused(xxe.replace('<!DOCTYPE', '<!doctype'))).toBe('edxml_dtd_forbidden');
    // A parameter entity pulled from outside, after a comment.
    expect(refused(`<!-- x --><!DOCTYPE edXML SYSTEM "http://127.0.0.1:9/x.dtd"><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>`)).toBe('edxml_dtd_forbidden');
  });

  it('200 mutations of a signed package and of a sample: each read with its problems or refused, never a crash', () => {
    const sources = [good.xml, sample('edoc_update.edxml').toString('utf8')];
    let seed = 19;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 200; i++) {
      let s = sources[i % 2]!;
      const at = rnd(s.length);
      const kind = rnd(4);
      if (kind === 0) s = s.slice(0, at) + s.slice(at + 1 + rnd(40));
      else if (kind === 1) s = s.slice(0, at) + String.fromCharCode(rnd(0x250)) + s.slice(at);
      else if (kind === 2) s = s.slice(0, at);
      else {
        const names = [...s.matchAll(/<([\w:]+)[ >]/g)].map((m) => m[1]!);
        const name = names[rnd(names.length)]!;
        s = s.replace(new RegExp(`<${name}[^>]*>[^<]*</${name}>`), '');
      }
      const r = refused(s);
      outcomes[r === 'read' ? 'read' : 'refused']++;
    }
    expect(outcomes.read).toBeGreaterThan(40);
    expect(outcomes.refused).toBeGreaterThan(40);
  });

  it('not XML, another root, nesting too deep: refused whole with their codes', () => {
    expect(refused('this is not xml')).toBe('edxml_not_xml');
    expect(refused('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><unclosed></edXML>')).toBe('edxml_not_xml');
    expect(refused('<edXML/>')).toBe('edxml_root');
    expect(refused('<a:edXML xmlns:a="urn:other"/>')).toBe('edxml_root');
    expect(refused(`<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">${'<x>'.repeat(100)}${'</x>'.repeat(100)}</edXML>`)).toBe('edxml_too_deep');
  });
});

describe('inspection off the event loop (a worker thread per package)', () => {
  it('answers the same summary as the reader, while the event loop keeps turning; refuses a DTD without a worker', async () => {
    const pkg = packageOfRecord({ row: recordOf('cong-van'), attachments: [{ ...pdfAttachment(), bytes: randomBytes(3 * 1024 * 1024) }], now: NOW });
    const xml = Buffer.from(signEdxml(writeEdxml(pkg), pkg.attachments, pki.key));
    const inspector = new EdxmlWorkers();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const summary = await inspector.inspect(xml);
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    expect(summary).toEqual(summaryOf(inspectEdxml(xml)));
    expect(summary.valid).toBe(true);
    // Blocked, the timer would not have run at all while the package was read.
    expect(ticks).toBeGreaterThan(Math.min(5, elapsed / 40));
    await expect(inspector.inspect(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x/>'))).rejects.toMatchObject({ status: 422, code: 'edxml_dtd_forbidden' });
  });

  it('signs in a worker: the same valid signature as on the main thread, while the event loop keeps turning', async () => {
    const pkg = packageOfRecord({ row: recordOf('quyet-dinh'), attachments: [{ ...pdfAttachment(), bytes: randomBytes(3 * 1024 * 1024) }], now: NOW });
    const workers = new EdxmlWorkers();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const signed = await workers.sign(writeEdxml(pkg), pkg.attachments, pki.key);
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    const read = inspectEdxml(Buffer.from(signed));
    expect(read.problems).toEqual([]);
    expect(read.signature.valid).toBe(true);
    expect(read.package.attachments.map((a) => a.sha256)).toEqual(pkg.attachments.map((a) => createHash('sha256').update(a.bytes).digest('hex')));
    expect(ticks).toBeGreaterThan(Math.min(5, elapsed / 40));
  });

  it('a package that needs more memory than the ceiling is refused (422), and the service goes on', async () => {
    const inspector = new EdxmlWorkers({ maxMemoryMb: 64 });
    const big = packageOfRecord({ row: recordOf('cong-van'), attachments: [{ ...pdfAttachment(), bytes: randomBytes(24 * 1024 * 1024) }], now: NOW });
    await expect(inspector.inspect(Buffer.from(writeEdxml(big)))).rejects.toMatchObject({ status: 422, code: 'edxml_too_costly' });
    // The same ceiling reads a package of ordinary size.
    const small = packageOfRecord({ row: recordOf('cong-van'), attachments: [pdfAttachment()], now: NOW });
    expect((await inspector.inspect(Buffer.from(writeEdxml(small)))).header.documentId).toBe(small.header.documentId);
  });
});
