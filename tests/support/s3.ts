/**
 * A private S3 server for the tests of the S3 file store and the multi-instance scenario: s3rver (npm), started
 * in-process on a free port with its objects in a temporary directory. s3rver was chosen as the most faithful
 * S3 server installable here (docs/deploy.md: Debian 12 has no MinIO, Garage or moto; moto is on PyPI, which
 * this machine does not reach); what it does not cover is said there (no signature checking, no conditional
 * writes, no multipart checksums, no versioning).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export type S3 = { endpoint: string; bucket: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; stop(): Promise<void> };

export async function startS3(bucket = 'vanban'): Promise<S3> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's own pair (it accepts any); the S3 client signs with it as it would with real ones.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
