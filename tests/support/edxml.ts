/**
 * What the edXML tests share: a test CA and an agency certificate made with openssl (never a key of the repo),
 * and the public sample packages of tests/fixtures/edxml (their sources in SOURCES.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SigningKey } from '../../src/edxml/signature.js';

export type TestPki = { dir: string; caPem: string; caFile: string; key: SigningKey; other: SigningKey; remove(): void };

/** A CA, an agency certificate it issued, and a second self-signed agency certificate (not from the CA). */
export function makePki(): TestPki {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-edxml-pki-'));
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-subj', '/CN=Test CA vanban', '-days', '2');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('agency.key'), '-out', f('agency.csr'), '-subj', '/CN=So Noi vu tinh Son La/O=000.00.31.H43');
  ssl('x509', '-req', '-in', f('agency.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('agency.pem'), '-days', '2');
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('other.key'), '-out', f('other.pem'), '-subj', '/CN=Not from the CA', '-days', '2');
  const read = (n: string) => readFileSync(f(n), 'utf8');
  return {
    dir,
    caPem: read('ca.pem'),
    caFile: f('ca.pem'),
    key: { privateKeyPem: read('agency.key'), certificatePem: read('agency.pem') },
    other: { privateKeyPem: read('other.key'), certificatePem: read('other.pem') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const sample = (name: string) => readFileSync(path.join('tests/fixtures/edxml', name));

/** xmlsec1's verdict on a signed package: the exit status and what it printed (it reports on stderr). */
export function xmlsecVerify(file: string, caFile: string): { ok: boolean; output: string } {
  const r = spawnSync('xmlsec1', ['--verify', '--ignore-manifests', '--trusted-pem', caFile, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
