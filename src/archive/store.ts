/**
 * Where the archive keeps the bytes of its files. A FileStorage is content-addressed (a file's key is its
 * SHA-256, so the same content is stored once), asynchronous (a store may be a database or an object store,
 * issue 18), and verified on every read: bytes that no longer have their hash are never returned.
 *
 * LocalFileStorage, the default, keeps a file under <dataDir>/files/ab/abcdef..., written atomically
 * (temporary file, fsync, rename, fsync of the directory) and read-only. The other implementations, for
 * instances that share nothing but their database and file store (FILE_STORE, chosen in src/app.ts):
 * store-postgres.ts (a table beside the register) and store-s3.ts (S3-compatible object storage).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export class IntegrityError extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string | null,
  ) {
    super(actual === null ? `archived file ${sha256} is missing` : `archived file ${sha256} has hash ${actual}`);
  }
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface FileStorage {
  /**
   * Stores the bytes (once: the same content is the same file) and returns their SHA-256. A copy already there
   * that no longer has its hash is replaced by these bytes (storing the same content again repairs it).
   */
  put(bytes: Buffer): Promise<string>;
  /** The bytes of a stored file; IntegrityError when it is missing or altered. */
  get(sha256: string): Promise<Buffer>;
  /** Whether a file is stored under this hash (not verified: `get` verifies). */
  has(sha256: string): Promise<boolean>;
  /**
   * Removes a stored file (nothing when absent). Only for files nothing else refers to: the results of expired
   * jobs (src/jobs/), never an archived document's files.
   */
  remove(sha256: string): Promise<void>;
  /** Releases connections (a database pool, an HTTP agent), when the store holds any. */
  close?(): Promise<void>;
}

/** The hash a key must be (every implementation refuses anything else before touching its store). */
export function checkHash(hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a sha256: ${hash}`);
  return hash;
}

/** The bytes read back, when they still have their hash; IntegrityError otherwise (never wrong bytes). */
export function verified(hash: string, bytes: Buffer | undefined): Buffer {
  if (bytes === undefined) throw new IntegrityError(hash, null);
  const actual = sha256(bytes);
  if (actual !== hash) throw new IntegrityError(hash, actual);
  return bytes;
}

async function fsyncDir(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

export class LocalFileStorage implements FileStorage {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'files');
    mkdirSync(this.dir, { recursive: true });
  }

  private pathOf(hash: string): string {
    return path.join(this.dir, checkHash(hash).slice(0, 2), hash);
  }

  async put(bytes: Buffer): Promise<string> {
    const hash = sha256(bytes);
    const file = this.pathOf(hash);
    if (await this.intact(file, hash)) return hash;
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = await open(tmp, 'wx', 0o444);
    try {
      await fd.writeFile(bytes);
      await fd.sync();
    } catch (e) {
      await fd.close();
      await rm(tmp, { force: true });
      throw e;
    }
    await fd.close();
    await rename(tmp, file);
    await fsyncDir(dir);
    return hash;
  }

  /** Whether the stored file exists and still has its hash. */
  private async intact(file: string, hash: string): Promise<boolean> {
    try {
      return sha256(await readFile(file)) === hash;
    } catch {
      return false;
    }
  }

  async get(hash: string): Promise<Buffer> {
    const file = this.pathOf(hash);
    return verified(hash, await readFile(file).catch(() => undefined));
  }

  async has(hash: string): Promise<boolean> {
    return access(this.pathOf(hash)).then(
      () => true,
      () => false,
    );
  }

  async remove(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }
}
