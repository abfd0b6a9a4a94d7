/**
 * The register's signing, made from configuration (src/config.ts SigningConfig): the agencies' credentials
 * (PKCS#12 files; with SIGNING_TEST_CERTS a test CA and a TEST certificate per agency, their seals drawn by the
 * Chromium pool) and the trust list. app.ts makes it once and decorates the app with it, beside the archive,
 * so every part of the HTTP layer that needs it (the signing routes, the edXML packages that carry the signed
 * PDF and are signed with the agency's certificate) sees the same one.
 *
 * The seal image: the one uploaded to the agency's profile (PUT /v1/agencies/:identifier/seal, read through
 * Agencies.sealOf) when there is one, else the configured file (or the drawn test seal). A profile's seal is
 * taken at 300 dpi, as the configured ones are by default.
 */
import type { X509Certificate } from 'node:crypto';
import { Agencies } from '../agencies/store.js';
import type { Archive } from '../archive/archive.js';
import type { SigningConfig } from '../config.js';
import type { PdfPool } from '../render/pdf/pool.js';
import { readTrustList } from './certificates.js';
import { anyOf, ConfiguredCredentials, TestCredentials, type AgencyCredentials } from './credentials.js';
import { sealDoc, sealPng } from './seal.js';
import { Signing } from './service.js';

export function openSigning(config: SigningConfig & { dataDir: string }, o: { archive: Archive; pool: PdfPool; warn: (message: string) => void }): Signing {
  const sources: AgencyCredentials[] = [new ConfiguredCredentials(config.agencies)];
  let trust: X509Certificate[] = [];
  try {
    if (config.trust) trust = readTrustList(config.trust);
  } catch (e) {
    throw new Error(`SIGNING_TRUST ${config.trust}: ${(e as Error).message}`);
  }
  if (config.testCerts) {
    const test = new TestCredentials(config.dataDir, async (name) => sealPng(await o.pool.print(sealDoc(name), { deadline: Date.now() + 30_000, unbounded: true })));
    sources.push(test);
    trust.push(test.ca.certificate);
    o.warn('SIGNING_TEST_CERTS=1: agencies seal with TEST certificates of a test CA; never use this in production');
  }
  if (trust.length === 0) o.warn('no CA in the signing trust list (SIGNING_TRUST): every signed file will be refused as untrusted');
  const configured = anyOf(sources);
  const agencies = new Agencies(o.archive.db);
  const credentials: AgencyCredentials = {
    async for(identifier, agencyName) {
      const cred = await configured.for(identifier, agencyName);
      if (!cred) return undefined;
      const seal = await agencies.sealOf(identifier);
      return seal ? { ...cred, sealPng: seal, sealDpi: 300 } : cred;
    },
  };
  return new Signing({ archive: o.archive, credentials, trust, sessionTtlS: config.sessionTtlS });
}
