/**
 * The register's signing, made from configuration (src/config.ts SigningConfig): the agencies' credentials
 * (PKCS#12 files; with SIGNING_TEST_CERTS a test CA and a TEST certificate per agency, their seals drawn by the
 * Chromium pool) and the trust list. app.ts makes it once and decorates the app with it, beside the archive,
 * so every part of the HTTP layer that needs it (the signing routes, the edXML packages that carry the signed
 * PDF and are signed with the agency's certificate) sees the same one.
 */
import type { X509Certificate } from 'node:crypto';
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
  return new Signing({ archive: o.archive, credentials: anyOf(sources), trust, sessionTtlS: config.sessionTtlS });
}
