/**
 * CMS (RFC 5652) SignedData for PAdES (ETSI EN 319 142-1, baseline B), detached: written and read here with
 * node-forge's ASN.1 codec, signed and verified with node:crypto.
 *
 * Written: one SignerInfo (issuer and serial), SHA-256, the signed attributes PAdES baseline asks for:
 * content-type, message-digest and signing-certificate-v2 (ESS, the SHA-256 of the signer's certificate);
 * no signing-time attribute (PAdES puts the time in the signature dictionary's /M); the certificates of the
 * chain. Read: whatever a signing tool wrote, with what is needed to verify it (the digest of the signed
 * bytes, the signature over the signed attributes, the certificates, the claimed signing time).
 */
import { createHash, sign as cryptoSign, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
const T = asn1.Type;
const C = asn1.Class;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
} as const;

const DIGESTS: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512', [OID.sha1]: 'sha1' };
const SIGNATURE_DIGESTS: Record<string, string | null> = {
  [OID.rsaEncryption]: null,
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
  [OID.ecdsaSha256]: 'sha256',
  [OID.ecdsaSha384]: 'sha384',
};

const bin = (b: Buffer) => b.toString('binary');
const buf = (s: string) => Buffer.from(s, 'binary');
const der = (a: Asn1) => buf(asn1.toDer(a).getBytes());
const seq = (v: Asn1[]) => asn1.create(C.UNIVERSAL, T.SEQUENCE, true, v);
const set = (v: Asn1[]) => asn1.create(C.UNIVERSAL, T.SET, true, v);
const oid = (o: string) => asn1.create(C.UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(C.UNIVERSAL, T.OCTETSTRING, false, bin(b));
const int = (n: number) => asn1.create(C.UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (o: string) => seq([oid(o), asn1.create(C.UNIVERSAL, T.NULL, false, '')]);
// node-forge 1.3+ takes options (its types still say a boolean): trailing bytes (the /Contents padding) allowed.
const fromDer = (b: Buffer) =>
  (asn1.fromDer as unknown as (b: forge.util.ByteStringBuffer, o: object) => Asn1)(forge.util.createBuffer(bin(b)), { parseAllBytes: false, decodeBitStrings: false });

/** The issuer Name and serial INTEGER of a certificate, as they are in it (the SignerIdentifier). */
function issuerAndSerial(cert: Buffer): Asn1 {
  const tbs = (fromDer(cert).value as Asn1[])[0]!.value as Asn1[];
  const i = tbs[0]!.tagClass === C.CONTEXT_SPECIFIC ? 1 : 0;
  return seq([tbs[i + 2]!, tbs[i]!]);
}

/** A set of attributes in DER order (a SET OF is sorted by its encodings). */
function sortedSet(items: Asn1[]): Buffer {
  const body = Buffer.concat(items.map(der).sort(Buffer.compare));
  // forge would re-encode children in their given order: the sorted body goes in as raw content, and the
  // constructed bit is set on the header by hand.
  const header = der(asn1.create(C.UNIVERSAL, T.SET, false, bin(body)));
  return Buffer.concat([Buffer.from([header[0]! | 0x20]), header.subarray(1)]);
}

const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);

/**
 * A detached CMS SignedData (DER) over `content` (the bytes a /ByteRange covers), signed with `key` (RSA or
 * EC) as `certificate` (DER), carrying `chain` (DER, the issuers up to the root, or fewer).
 */
export function signDetached(content: Buffer, key: KeyObject, certificate: Buffer, chain: Buffer[]): Buffer {
  const digest = createHash('sha256').update(content).digest();
  const certHash = createHash('sha256').update(certificate).digest();
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(certHash)])])])),
  ];
  const signedForSignature = sortedSet(attrs);
  const signedInInfo = Buffer.concat([Buffer.from([0xa0]), signedForSignature.subarray(1)]);
  const ec = key.asymmetricKeyType === 'ec';
  const signature = cryptoSign('sha256', signedForSignature, ec ? { key, dsaEncoding: 'der' } : key);
  const signerInfo = seq([
    int(1),
    issuerAndSerial(certificate),
    algorithm(OID.sha256),
    fromDer(signedInInfo),
    ec ? seq([oid(OID.ecdsaSha256)]) : algorithm(OID.sha256WithRSA),
    octets(signature),
  ]);
  const certs = [certificate, ...chain.filter((c) => !c.equals(certificate))].map((c) => fromDer(c));
  const signedData = seq([
    int(1),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(C.CONTEXT_SPECIFIC, 0, true, certs),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(C.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** What a CMS signature says, read without trusting it. */
export type ParsedCms = {
  certificates: X509Certificate[];
  /** The signer's certificate (matched by issuer and serial, or by subject key identifier). */
  signer?: X509Certificate;
  digestAlgorithm: string;
  /** The message-digest attribute (undefined without signed attributes). */
  messageDigest?: Buffer;
  /** The signing-time attribute, when the signing tool wrote one. */
  signingTime?: Date;
  hasSigningCertificateV2: boolean;
  /** Checks the signature over the signed attributes with the signer's public key. */
  signatureValid(): boolean;
};

const oidOf = (a: Asn1 | undefined) => (a && a.type === T.OID ? asn1.derToOid(forge.util.createBuffer(a.value as string)) : '');

/** Parses a CMS ContentInfo holding SignedData; throws on anything else. Trailing zero padding is ignored. */
export function parseCms(bytes: Buffer): ParsedCms {
  const ci = fromDer(bytes).value as Asn1[];
  if (oidOf(ci[0]) !== OID.signedData) throw new Error('not a CMS SignedData');
  const sd = ((ci[1]!.value as Asn1[])[0]!.value as Asn1[]) ?? [];
  const certSet = sd.find((x) => x.tagClass === C.CONTEXT_SPECIFIC && x.type === 0);
  const certificates = ((certSet?.value as Asn1[]) ?? []).flatMap((c) => {
    try {
      return [new X509Certificate(der(c))];
    } catch {
      return [];
    }
  });
  const infos = sd[sd.length - 1]!.value as Asn1[];
  const si = infos[0]?.value as Asn1[] | undefined;
  if (!si) throw new Error('no SignerInfo');
  const sid = si[1]!;
  let signer: X509Certificate | undefined;
  if (sid.tagClass === C.UNIVERSAL) {
    const serial = buf((sid.value as Asn1[])[1]!.value as string).toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
    const issuer = der((sid.value as Asn1[])[0]!);
    signer = certificates.find((c) => c.serialNumber.replace(/^(00)+(?=.)/, '').toUpperCase() === serial && der((((fromDer(c.raw).value as Asn1[])[0]!.value as Asn1[]).filter((x) => x.tagClass === C.UNIVERSAL))[2]!).equals(issuer));
  } else {
    // A subject key identifier: the certificate whose extension holds those bytes.
    const ski = buf(sid.value as string);
    signer = certificates.find((c) => c.raw.includes(ski));
  }
  const digestAlgorithm = DIGESTS[oidOf((si[2]!.value as Asn1[])[0])] ?? 'unknown';
  let k = 3;
  let signedAttrs: Asn1 | undefined;
  if (si[k]?.tagClass === C.CONTEXT_SPECIFIC && si[k]?.type === 0) signedAttrs = si[k++];
  const sigAlg = oidOf((si[k++]!.value as Asn1[])[0]);
  const signature = buf(si[k]!.value as string);
  let messageDigest: Buffer | undefined;
  let signingTime: Date | undefined;
  let hasSigningCertificateV2 = false;
  for (const a of (signedAttrs?.value as Asn1[]) ?? []) {
    const [t, vals] = a.value as Asn1[];
    const v = (vals!.value as Asn1[])[0]!;
    const type = oidOf(t);
    if (type === OID.messageDigest) messageDigest = buf(v.value as string);
    else if (type === OID.signingTime) signingTime = v.type === T.UTCTIME ? asn1.utcTimeToDate(v.value as string) : asn1.generalizedTimeToDate(v.value as string);
    else if (type === OID.signingCertificateV2) hasSigningCertificateV2 = true;
  }
  return {
    certificates,
    signer,
    digestAlgorithm,
    messageDigest,
    signingTime,
    hasSigningCertificateV2,
    signatureValid() {
      if (!signer || !signedAttrs) return false;
      const attrsDer = der(signedAttrs);
      const toVerify = Buffer.concat([Buffer.from([0x31]), attrsDer.subarray(1)]);
      const hash = SIGNATURE_DIGESTS[sigAlg] === undefined ? undefined : (SIGNATURE_DIGESTS[sigAlg] ?? digestAlgorithm);
      if (!hash) return false;
      const ec = signer.publicKey.asymmetricKeyType === 'ec';
      try {
        return cryptoVerify(hash, toVerify, ec ? { key: signer.publicKey, dsaEncoding: 'der' } : signer.publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}
