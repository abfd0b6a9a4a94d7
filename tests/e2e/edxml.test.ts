/**
 * edXML through HTTP, on one app signing with a test agency certificate: an issued công văn's package (the
 * archival PDF, and the DOCX when asked) read back by POST /v1/edxml/inspect and verified by xmlsec1; the
 * revoked document sent as a revocation, its correction as a replacement; an agency key sees its own packages
 * only; the refusals (unknown document, no
 * identifier code, bad query, DTD bomb, external entity, not XML, wrong content type), each with its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validator, type Schema } from '@cfworker/json-schema';
import { buildApp } from '../../src/app.js';
import { hashKey } from '../../src/http/access.js';
import { makePki, xmlsecVerify, type TestPki } from '../support/edxml.js';

type App = Awaited<ReturnType<typeof buildApp>>;
const SENDER = '000.00.31.H43';
const RECEIVER = '000.00.00.G22';

const congVan = () => {
  const d = JSON.parse(readFileSync('fixtures/cong-van/de-nghi-bao-cao.json', 'utf8')) as Record<string, any>;
  delete d.number;
  return d;
};

let app: App;
let dir: string;
let pki: TestPki;
beforeAll(async () => {
  pki = makePki();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-edxml-'));
  app = await buildApp({
    logger: false,
    dataDir: dir,
    poolSize: 1,
    edxmlSigning: pki.key,
    apiKeys: [
      { id: 'admin', sha256: hashKey('key-admin'), role: 'admin' },
      { id: 'a', sha256: hashKey('key-a'), role: 'agency', agency: SENDER },
      { id: 'b', sha256: hashKey('key-b'), role: 'agency', agency: '000.00.12.H56' },
    ],
  });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  pki?.remove();
});

/** A call with the admin key unless the headers name another (x-api-key ''; no key at all). */
const inject = (o: { method?: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: unknown }) => {
  const { ['x-api-key']: key = 'key-admin', ...headers } = o.headers ?? {};
  return app.inject({ ...o, headers: { ...headers, ...(key ? { 'x-api-key': key } : {}) } } as never);
};
const issue = async (data: unknown, correctionOf?: string) => {
  const res = await inject({ method: 'POST', url: '/v1/documents', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ template: 'cong-van', data, ...(correctionOf ? { correctionOf } : {}) }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; kyHieu: string; issuedDate: string; files: { pdf: { sha256: string }; docx: { sha256: string } } };
};
const inspectRaw = (xml: string | Buffer, type = 'application/xml') => inject({ method: 'POST', url: '/v1/edxml/inspect', headers: { 'content-type': type }, payload: xml });

describe('the package of an issued document', () => {
  let doc: Awaited<ReturnType<typeof issue>>;
  let xml: string;
  beforeAll(async () => {
    const d = congVan();
    d.agency.identifier = SENDER;
    d.recipients.organIds = [{ item: 0, organId: RECEIVER }];
    doc = await issue(d);
    const res = await inject({ url: `/v1/documents/${doc.id}/edxml` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/\.edxml"?;/);
    xml = res.body;
  }, 120_000);

  it('reads back through /v1/edxml/inspect: header from the register, the archival PDF with its stored hash, kind new, signature valid', async () => {
    const res = await inspectRaw(xml);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as any;
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.header.from.organId).toBe(SENDER);
    expect(r.header.to.map((t: any) => t.organId)).toEqual([RECEIVER]);
    expect(r.header.documentId).toBe(`${SENDER},${doc.issuedDate.replace(/-/g, '/')},${doc.kyHieu}`);
    expect(`${r.header.code.codeNumber}/${r.header.code.codeNotation}`).toBe(doc.kyHieu);
    expect(r.header.documentType).toEqual({ type: 18, typeDetail: 0, typeName: 'Công văn' });
    expect(r.header.other.pageAmount).toBeGreaterThan(0);
    expect(r.business.kind).toBe('new');
    expect(r.attachments).toEqual([expect.objectContaining({ contentId: '1', contentType: 'application/pdf', sha256: doc.files.pdf.sha256 })]);
    expect(r.signature).toMatchObject({ present: true, valid: true, certificate: { issuer: 'CN=Test CA vanban' } });
  });

  it('answers as /openapi.json describes: the inspection (200) and a refusal (422)', async () => {
    const spec = (await inject({ url: '/openapi.json' })).json() as any;
    const answers = spec.paths['/v1/edxml/inspect'].post.responses;
    expect(Object.keys(spec.paths['/v1/edxml/inspect'].post.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'application/xml', 'text/xml']));
    for (const [res, status] of [
      [await inspectRaw(xml), '200'],
      [await inspectRaw('<!DOCTYPE x><x/>'), '422'],
    ] as const) {
      expect(String(res.statusCode)).toBe(status);
      const schema = answers[status].content['application/json'].schema;
      const result = new Validator({ ...schema, components: spec.components } as Schema, '2020-12').validate(res.json());
      expect(result.errors, status).toEqual([]);
    }
  });

  it('is verified by xmlsec1 against the CA of the agency certificate', () => {
    const file = path.join(dir, 'new.edxml');
    writeFileSync(file, xml);
    const v = xmlsecVerify(file, pki.caFile);
    expect(v.ok, v.output).toBe(true);
  });

  it('carries the DOCX too when asked; the JSON form of inspect reads it the same', async () => {
    const res = await inject({ url: `/v1/documents/${doc.id}/edxml?docx=true` });
    expect(res.statusCode).toBe(200);
    const r = await inject({ method: 'POST', url: '/v1/edxml/inspect', headers: { 'content-type': 'application/json' }, payload: { package: Buffer.from(res.body).toString('base64') } });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as any).attachments.map((a: any) => a.sha256)).toEqual([doc.files.pdf.sha256, doc.files.docx.sha256]);
    expect((r.json() as any).valid).toBe(true);
  });

  it('a correction is sent as a replacement of the corrected document; the revoked document as a revocation', async () => {
    const d = congVan();
    d.agency.identifier = SENDER;
    const correction = await issue(d, doc.id);
    const rep = (await inspectRaw((await inject({ url: `/v1/documents/${correction.id}/edxml` })).body)).json() as any;
    expect(rep.business).toMatchObject({ kind: 'replace', replaces: [{ documentId: `${SENDER},${doc.issuedDate.replace(/-/g, '/')},${doc.kyHieu}`, organIds: [RECEIVER] }] });
    expect(rep.valid).toBe(true);

    const revoked = await inject({ method: 'POST', url: `/v1/documents/${doc.id}/revoke`, headers: { 'content-type': 'application/json' }, payload: { reason: 'Ban hành nhầm' } });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const rev = (await inspectRaw((await inject({ url: `/v1/documents/${doc.id}/edxml` })).body)).json() as any;
    expect(rev.business).toMatchObject({ kind: 'revoke', reason: 'Ban hành nhầm', documentId: rev.header.documentId });
    expect(rev.valid).toBe(true);
  }, 120_000);

  it("an agency key gets its own agency's package; another agency's key 404, no key 401", async () => {
    const own = await inject({ url: `/v1/documents/${doc.id}/edxml`, headers: { 'x-api-key': 'key-a' } });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.body).toContain(`<edXML:OrganId>${SENDER}</edXML:OrganId>`);
    expect((await inject({ url: `/v1/documents/${doc.id}/edxml`, headers: { 'x-api-key': 'key-b' } })).statusCode).toBe(404);
    expect((await inject({ url: `/v1/documents/${doc.id}/edxml`, headers: { 'x-api-key': '' } })).statusCode).toBe(401);
  });

  it('refuses: an unknown document (404), a bad query (400), a document of an agency without identifier code (422)', async () => {
    expect((await inject({ url: '/v1/documents/00000000-0000-0000-0000-000000000000/edxml' })).statusCode).toBe(404);
    const bad = await inject({ url: `/v1/documents/${doc.id}/edxml?docx=maybe` });
    expect(bad.statusCode).toBe(400);
    const plain = await issue(congVan());
    const noId = await inject({ url: `/v1/documents/${plain.id}/edxml` });
    expect(noId.statusCode).toBe(422);
    expect(noId.json()).toMatchObject({ error: { code: 'edxml_no_organ_id' } });
  }, 120_000);
});

describe('POST /v1/edxml/inspect refusals', () => {
  it('a billion-laughs bomb and an external entity: 422 without expansion', async () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = await inspectRaw(`<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY lol0 "lol">${levels}]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol10;</edXML>`);
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json()).toMatchObject({ error: { code: 'edxml_dtd_forbidden' } });
    const xxe = await inspectRaw(`<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&x;</edXML>`, 'text/xml');
    expect(xxe.statusCode).toBe(422);
    expect(xxe.json()).toMatchObject({ error: { code: 'edxml_dtd_forbidden' } });
    expect(xxe.body).not.toContain('root:');
  });

  it('not XML, another root, no package, another content type: named errors', async () => {
    expect((await inspectRaw('not xml')).json()).toMatchObject({ error: { code: 'edxml_not_xml' } });
    expect((await inspectRaw('<a/>')).json()).toMatchObject({ error: { code: 'edxml_root' } });
    const empty = await inject({ method: 'POST', url: '/v1/edxml/inspect', headers: { 'content-type': 'application/json' }, payload: {} });
    expect(empty.statusCode).toBe(422);
    expect((empty.json() as any).error.details[0].path).toBe('$.package');
    const plain = await inspectRaw('<edXML/>', 'text/plain');
    expect(plain.statusCode).toBe(415);
  });
});
