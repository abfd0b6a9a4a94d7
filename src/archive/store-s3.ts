/**
 * Files in S3-compatible object storage (FILE_STORE=s3): AWS S3, MinIO, Ceph RGW, Garage... Objects are named
 * <prefix>ab/abcdef... by their SHA-256 in the bucket S3_BUCKET. A put always writes (S3 has no cheap "is the
 * stored copy still intact?", and a same-content overwrite is harmless), which also repairs an altered copy.
 * Every read is verified against the key (verified() in store.ts): an altered object is an IntegrityError, a
 * missing one too.
 *
 * The SDK's own CRC checksums are asked only where S3 requires them: the SHA-256 of the key is the check that
 * matters, and servers other than AWS do not all accept the SDK's chunked checksum trailers. Credentials come
 * from the configuration (the usual AWS variables, read in src/config.ts) or the SDK's default chain.
 */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { checkHash, sha256, verified, type FileStorage } from './store.js';

export type S3Options = {
  bucket: string;
  region: string;
  /** A non-AWS server (path-style addressing); AWS itself when absent. */
  endpoint?: string;
  /** Key prefix inside the bucket ("files/" by default). */
  prefix?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
};

const notFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
};

export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(o: S3Options) {
    this.bucket = o.bucket;
    this.prefix = o.prefix ?? 'files/';
    this.client = new S3Client({
      region: o.region,
      ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: true } : {}),
      ...(o.credentials ? { credentials: o.credentials } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(hash: string): string {
    return `${this.prefix}${checkHash(hash).slice(0, 2)}/${hash}`;
  }

  async put(bytes: Buffer): Promise<string> {
    const hash = sha256(bytes);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.keyOf(hash), Body: bytes, ContentLength: bytes.length }));
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    let bytes: Buffer | undefined;
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(hash) }));
      bytes = r.Body ? Buffer.from(await r.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (e) {
      if (!notFound(e)) throw e;
    }
    return verified(hash, bytes);
  }

  async has(hash: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(hash) }));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  async remove(hash: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(hash) }));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
