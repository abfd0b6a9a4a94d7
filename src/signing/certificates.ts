/**
 * Certificates: issuing them (node-forge, with keys made by node:crypto, which is fast), reading PKCS#12
 * files, and the trust list (PEM CAs from a file or a folder).
 *
 * `issueCertificate` serves two callers: SIGNING_TEST_CERTS=1 (a test CA and one TEST certificate per agency,
 * src/signing/credentials.ts) and the tests, which make their own CAs, people, expired and unknown
 * certificates. No certificate is kept in the repository.
 */
import { generateKeyPairSync, createPrivateKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export type Issued = { key: KeyObject; certificate: X509Certificate };

export type CertificateRequest = {
  /** Subject attributes, e.g. { CN: 'Nguyễn Văn A (TEST)', O: 'Sở Nội vụ (TEST)', C: 'VN' }. */
  subject: Record<string, string>;
  /** The issuer; absent: self-signed (a CA). */
  issuer?: Issued;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
};

const pemOf = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/** The attributes of a subject Node prints one per line ("CN=...\nO=..."), in order. */
const subjectOf = (c: X509Certificate): Record<string, string> =>
  Object.fromEntries(c.subject.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

/** A certificate with a fresh 2048-bit RSA key: a CA (self-signed or not) or an end entity for signing. */
export function issueCertificate(r: CertificateRequest): Issued {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = r.notBefore ?? new Date(Date.now() - 3600_000);
  cert.validity.notAfter = r.notAfter ?? new Date(Date.now() + 5 * 365 * 86_400_000);
  const attrsOf = (subject: Record<string, string>) => Object.entries(subject).map(([shortName, value]) => ({ shortName, value: value.normalize('NFC'), valueTagClass: forge.asn1.Type.UTF8 as never }));
  const attrs = attrsOf(r.subject);
  cert.setSubject(attrs);
  // The issuer's name written as its subject was (forge would re-encode a parsed UTF-8 name differently).
  cert.setIssuer(r.issuer ? attrsOf(subjectOf(r.issuer.certificate)) : attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: !!r.ca, critical: true },
    r.ca ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true } : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const signer = r.issuer?.key ?? privateKey;
  cert.sign(forge.pki.privateKeyFromPem(pemOf(signer)) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { key: privateKey, certificate: new X509Certificate(forge.pki.certificateToPem(cert)) };
}

/** A PKCS#12 file (the key, its certificate and the chain) with its password. */
export function pkcs12Of(issued: Issued, chain: X509Certificate[], password: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(pemOf(issued.key)),
    [issued.certificate, ...chain].map((c) => forge.pki.certificateFromPem(c.toString())),
    password,
    { algorithm: '3des' },
  );
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** The key and certificates of a PKCS#12 file; the signer's certificate is the one matching the key. */
export function readPkcs12(bytes: Buffer, password: string): { key: KeyObject; certificate: X509Certificate; chain: X509Certificate[] } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), password);
  const keyBag = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [])][0];
  if (!keyBag?.key) throw new Error('the PKCS#12 file holds no private key');
  const key = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? []).flatMap((b) => (b.cert ? [new X509Certificate(forge.pki.certificateToPem(b.cert))] : []));
  const certificate = certs.find((c) => c.checkPrivateKey(key));
  if (!certificate) throw new Error('the PKCS#12 file holds no certificate for its key');
  return { key, certificate, chain: certs.filter((c) => c !== certificate) };
}

/** Every certificate of a PEM text. */
export function certificatesOfPem(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => new X509Certificate(m[0]));
}

/** The trust list: the CA certificates of a PEM file, or of every .pem/.crt file of a folder. */
export function readTrustList(file: string): X509Certificate[] {
  const files = statSync(file).isDirectory()
    ? readdirSync(file)
        .filter((f) => /\.(pem|crt)$/i.test(f))
        .sort()
        .map((f) => path.join(file, f))
    : [file];
  return files.flatMap((f) => certificatesOfPem(readFileSync(f, 'utf8')));
}

/** Readable one-line subject or issuer ("CN=..., O=..."), NFC. */
export const nameOf = (dn: string) => dn.split('\n').join(', ').normalize('NFC');
