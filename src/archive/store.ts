/**
 * The content-addressed file store of the archive: a file is kept once under its SHA-256
 * (files/ab/abcdef...), written atomically (temporary file, fsync, rename, fsync of the directory), and
 * checked against its hash on every read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, existsSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class FileStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'files');
    mkdirSync(this.dir, { recursive: true });
  }

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a sha256: ${hash}`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  /**
   * Stores the bytes (once: the same content is the same file) and returns their SHA-256. A file already there
   * is checked: a damaged or truncated copy is replaced by these bytes (the same content issued again repairs it).
   */
  put(bytes: Buffer): string {
    const hash = sha256(bytes);
    const file = this.pathOf(hash);
    if (existsSync(file) && this.intact(file, hash)) return hash;
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx', 0o444);
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, file);
    fsyncDir(dir);
    return hash;
  }

  /** Whether the stored file still has its hash. */
  private intact(file: string, hash: string): boolean {
    try {
      return sha256(readFileSync(file)) === hash;
    } catch {
      return false;
    }
  }

  /** The bytes of a stored file; an IntegrityError when missing or altered. */
  get(hash: string): Buffer {
    const file = this.pathOf(hash);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new IntegrityError(hash, null);
    }
    const actual = sha256(bytes);
    if (actual !== hash) throw new IntegrityError(hash, actual);
    return bytes;
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }
}
