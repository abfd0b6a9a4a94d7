/**
 * The XML signature of an edXML package (XML-Signature 1.0, as the public samples carry it: a Signature in the
 * edXMLHeader after the TraceHeaderList), made and checked with xml-crypto.
 *
 * Why xml-crypto rather than a signer of our own: it is the maintained XML-DSig implementation of the Node
 * ecosystem (exclusive c14n, enveloped-signature transform, ds:Object, SHA-256 and RSA-SHA256), it has had its
 * signature-wrapping and key-info issues found and fixed in public, and a canonicalizer written here for one
 * feature would be the least tested code of the tree. xmlsec1 (Debian) checks what it signs in the tests, as an
 * independent implementation.
 *
 * What is signed: (1) the whole package, URI="" with the enveloped-signature transform, as the samples do: the
 * header, the manifest and the base64 attachments; (2) a ds:Object holding a ds:Manifest with the SHA-256 of
 * each attachment's bytes (URI "cid:<content id>"). XML-DSig leaves the references of a ds:Manifest to the
 * application: the reader (reader.ts) checks each attachment against its digest and names the one that does
 * not match, which the whole-package digest alone cannot do. xmlsec1 checks the signature with
 * --ignore-manifests for that reason.
 *
 * The key and certificate come through one argument, { privateKeyPem, certificatePem }: the agency's
 * certificate of the signing work (src/signing/) is handed here when configured.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { DSIG_NS } from './model.js';
import { cid } from './writer.js';

export type SigningKey = { privateKeyPem: string; certificatePem: string };

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const ATTACHMENTS_OBJECT_ID = 'edxml-attachments';

export const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

/** The certificate's base64 DER, as KeyInfo/X509Data/X509Certificate carries it. */
const certificateBase64 = (pem: string) => new X509Certificate(pem).raw.toString('base64');

/** Signs the package text written by writer.ts; answers the signed text. */
export function signEdxml(xml: string, attachments: { contentId: string; bytes: Buffer }[], key: SigningKey): string {
  const manifest =
    `<Manifest xmlns="${DSIG_NS}">` +
    attachments
      .map((a) => `<Reference URI="${cid(a.contentId)}"><DigestMethod Algorithm="${SHA256}"/><DigestValue>${sha256Base64(a.bytes)}</DigestValue></Reference>`)
      .join('') +
    '</Manifest>';
  const cert = certificateBase64(key.certificatePem);
  const sig = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: RSA_SHA256,
    getKeyInfoContent: () => `<X509Data><X509Certificate>${cert}</X509Certificate></X509Data>`,
    objects: [{ content: manifest, attributes: { Id: ATTACHMENTS_OBJECT_ID } }],
  });
  sig.addReference({ xpath: '/*', isEmptyUri: true, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  sig.addReference({ xpath: `//*[local-name()='Object' and @Id='${ATTACHMENTS_OBJECT_ID}']`, transforms: [EXC_C14N], digestAlgorithm: SHA256 });
  sig.computeSignature(xml, { location: { reference: "//*[local-name()='TraceHeaderList']", action: 'after' } });
  return sig.getSignedXml();
}

export type SignatureCheck = {
  present: boolean;
  valid: boolean;
  /** Why it is not valid (the verifier's words), when it is not. */
  reason?: string;
  certificate?: { subject: string; issuer: string; serialNumber: string; validFrom: string; validTo: string; sha256: string };
  /** The attachments' digests the signature declares, by content id (without "cid:"). */
  declaredDigests: Map<string, string>;
};

const childrenNamed = (parent: Element, ns: string, name: string): Element[] =>
  Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name);

/**
 * Checks the one ds:Signature of the package text against the certificate its KeyInfo carries (whether that
 * certificate is trusted is not said here: it is reported for the caller to judge). The text has been through
 * the reader's refusals (no DOCTYPE, bounded size) before it comes here.
 */
export function checkSignature(xml: string): SignatureCheck {
  const declaredDigests = new Map<string, string>();
  const doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(xml, 'text/xml');
  const sigs = Array.from(doc.getElementsByTagNameNS(DSIG_NS, 'Signature'));
  if (sigs.length === 0) return { present: false, valid: false, declaredDigests };
  if (sigs.length > 1) return { present: true, valid: false, reason: 'more than one ds:Signature', declaredDigests };
  const node = sigs[0]!;
  // What SignedInfo covers: the whole package (URI="" with the enveloped transform) is required, and digests of
  // attachments are taken only from a ds:Object that SignedInfo references (otherwise anyone could add one).
  const refs = childrenNamed(childrenNamed(node, DSIG_NS, 'SignedInfo')[0] ?? node, DSIG_NS, 'Reference');
  const transformsOf = (r: Element) => childrenNamed(childrenNamed(r, DSIG_NS, 'Transforms')[0] ?? r, DSIG_NS, 'Transform').map((t) => t.getAttribute('Algorithm'));
  const wholePackage = refs.some((r) => r.getAttribute('URI') === '' && transformsOf(r).includes(ENVELOPED) && transformsOf(r).every((a) => a === ENVELOPED || a === EXC_C14N || a === C14N));
  const referenced = new Set(refs.map((r) => r.getAttribute('URI') ?? '').filter((u) => u.startsWith('#')).map((u) => u.slice(1)));
  for (const obj of childrenNamed(node, DSIG_NS, 'Object').filter((o) => referenced.has(o.getAttribute('Id') ?? '')))
    for (const m of childrenNamed(obj, DSIG_NS, 'Manifest'))
      for (const ref of childrenNamed(m, DSIG_NS, 'Reference')) {
        const uri = ref.getAttribute('URI') ?? '';
        const value = childrenNamed(ref, DSIG_NS, 'DigestValue')[0]?.textContent?.trim() ?? '';
        if (uri.startsWith('cid:')) declaredDigests.set(uri.slice(4), value);
      }
  const keyInfo = childrenNamed(node, DSIG_NS, 'KeyInfo')[0];
  const x509Data = keyInfo && childrenNamed(keyInfo, DSIG_NS, 'X509Data')[0];
  const certB64 = x509Data && childrenNamed(x509Data, DSIG_NS, 'X509Certificate')[0]?.textContent;
  if (!certB64) return { present: true, valid: false, reason: 'no X509Certificate in KeyInfo', declaredDigests };
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(Buffer.from(certB64.replace(/\s/g, ''), 'base64'));
  } catch {
    return { present: true, valid: false, reason: 'the X509Certificate of KeyInfo is not a certificate', declaredDigests };
  }
  const certificate = {
    subject: x509.subject,
    issuer: x509.issuer,
    serialNumber: x509.serialNumber,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    sha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
  };
  const verifier = new SignedXml({ publicCert: x509.toString() });
  try {
    verifier.loadSignature(node);
    const valid = verifier.checkSignature(xml);
    if (!valid) return { present: true, valid, reason: 'signature or reference digest does not match', certificate, declaredDigests };
    if (!wholePackage) return { present: true, valid: false, reason: 'the signature does not cover the whole package (no URI="" enveloped reference)', certificate, declaredDigests };
    return { present: true, valid, certificate, declaredDigests };
  } catch (e) {
    return { present: true, valid: false, reason: (e as Error).message, certificate, declaredDigests };
  }
}
