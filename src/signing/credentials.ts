/**
 * The agencies' signing credentials, behind one small interface: `AgencyCredentials.for(identifier)` gives an
 * agency's key, certificate, chain and seal image, or undefined when the agency cannot seal. Issue 17 (agency
 * profiles with an uploaded seal) and issue 19 (edXML signed with the agency's certificate, `pemOf`) plug in
 * here.
 *
 *   ConfiguredCredentials  SIGNING_AGENCIES_FILE: per agency identifier a PKCS#12 file, its password (from an
 *                          environment variable or a file, resolved in src/config.ts, never logged) and a seal
 *                          PNG; read once on first use;
 *   TestCredentials        SIGNING_TEST_CERTS=1 (refused in production): a test CA kept in
 *                          <DATA_DIR>/signing-test/ (so that files signed before a restart still verify) and,
 *                          per agency, a TEST certificate and a red test seal made on first use.
 *
 * `anyOf` asks each source in turn (configuration first).
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { issueCertificate, readPkcs12, type Issued } from './certificates.js';

export type AgencyCredential = {
  key: KeyObject;
  certificate: X509Certificate;
  /** The issuers of the certificate, nearest first (may stop short of the root). */
  chain: X509Certificate[];
  /** The seal's image: a transparent PNG at 300 dpi unless `sealDpi` says otherwise (its real size follows). */
  sealPng?: Buffer;
  sealDpi?: number;
};

export interface AgencyCredentials {
  /** The credential of the agency with this identifier code; `agencyName` names a test certificate. */
  for(identifier: string, agencyName?: string): Promise<AgencyCredential | undefined>;
}

/** The key and certificates in PEM (issue 19 signs edXML with them). */
export function pemOf(c: AgencyCredential): { key: string; certificate: string; chain: string[] } {
  return { key: c.key.export({ type: 'pkcs8', format: 'pem' }).toString(), certificate: c.certificate.toString(), chain: c.chain.map((x) => x.toString()) };
}

/** One agency of SIGNING_AGENCIES_FILE, its password resolved. */
export type AgencyKeyConfig = { pkcs12: string; password: string; seal?: string; sealDpi?: number };

export class ConfiguredCredentials implements AgencyCredentials {
  private readonly cache = new Map<string, AgencyCredential>();
  constructor(private readonly agencies: Record<string, AgencyKeyConfig>) {}

  async for(identifier: string): Promise<AgencyCredential | undefined> {
    const c = this.agencies[identifier];
    if (!c) return undefined;
    let cred = this.cache.get(identifier);
    if (!cred) {
      try {
        cred = { ...readPkcs12(readFileSync(c.pkcs12), c.password), ...(c.seal ? { sealPng: readFileSync(c.seal), sealDpi: c.sealDpi ?? 300 } : {}) };
      } catch (e) {
        // The message names the file, never the password.
        throw new Error(`signing credentials of ${identifier} (${c.pkcs12}) cannot be read: ${(e as Error).message}`);
      }
      this.cache.set(identifier, cred);
    }
    return cred;
  }
}

export class TestCredentials implements AgencyCredentials {
  readonly ca: Issued;
  private readonly made = new Map<string, Promise<AgencyCredential>>();

  /** `drawSeal` makes the test seal PNG of an agency (src/signing/seal.ts through the Chromium pool). */
  constructor(
    dataDir: string,
    private readonly drawSeal: (agencyName: string) => Promise<Buffer>,
  ) {
    const dir = path.join(dataDir, 'signing-test');
    const [certFile, keyFile] = [path.join(dir, 'ca.pem'), path.join(dir, 'ca.key.pem')];
    if (existsSync(certFile) && existsSync(keyFile)) this.ca = { certificate: new X509Certificate(readFileSync(certFile)), key: createPrivateKey(readFileSync(keyFile)) };
    else {
      this.ca = issueCertificate({ subject: { CN: 'vanban TEST CA (không dùng thật)', O: 'vanban TEST', C: 'VN' }, ca: true, notAfter: new Date(Date.now() + 10 * 365 * 86_400_000) });
      mkdirSync(dir, { recursive: true });
      writeFileSync(keyFile, this.ca.key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      writeFileSync(certFile, this.ca.certificate.toString());
    }
  }

  for(identifier: string, agencyName?: string): Promise<AgencyCredential> {
    let p = this.made.get(identifier);
    if (!p) {
      const name = (agencyName ?? identifier).normalize('NFC');
      p = (async () => {
        const issued = issueCertificate({ subject: { CN: `${name} TEST`, O: name, OU: `Mã định danh ${identifier}`, C: 'VN' }, issuer: this.ca });
        return { ...issued, chain: [this.ca.certificate], sealPng: await this.drawSeal(name), sealDpi: 300 };
      })();
      p.catch(() => this.made.delete(identifier));
      this.made.set(identifier, p);
    }
    return p;
  }
}

/** The first source that has the agency's credential. */
export function anyOf(sources: AgencyCredentials[]): AgencyCredentials {
  return {
    async for(identifier, agencyName) {
      for (const s of sources) {
        const c = await s.for(identifier, agencyName);
        if (c) return c;
      }
      return undefined;
    },
  };
}
