/**
 * Files in PostgreSQL (FILE_STORE=postgres): a deployment with DATABASE_URL keeps its register and its files in
 * one place, backed up together. A file is a row of file_blobs (migration 006) keyed by its SHA-256; storing the
 * same content again is a no-op, unless the stored copy no longer has its hash (the row is then repaired).
 * Every read is verified against the key (verified() in store.ts): altered bytes are an IntegrityError.
 *
 * Its own small pool: file traffic never waits behind the register's transactions.
 */
import pg from 'pg';
import { checkHash, sha256, verified, type FileStorage } from './store.js';

export class PostgresFileStorage implements FileStorage {
  private readonly pool: pg.Pool;

  constructor(url: string, connections = 4) {
    this.pool = new pg.Pool({ connectionString: url, max: connections });
  }

  async put(bytes: Buffer): Promise<string> {
    const hash = sha256(bytes);
    // The row is rewritten only when the stored content lost its hash (sha256() is PostgreSQL's, 11 and later).
    await this.pool.query(
      `INSERT INTO file_blobs (sha256, content, bytes, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO UPDATE SET content = EXCLUDED.content, bytes = EXCLUDED.bytes
       WHERE encode(sha256(file_blobs.content), 'hex') <> file_blobs.sha256`,
      [hash, bytes, bytes.length, new Date().toISOString()],
    );
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    const r = await this.pool.query<{ content: Buffer }>('SELECT content FROM file_blobs WHERE sha256 = $1', [checkHash(hash)]);
    return verified(hash, r.rows[0]?.content);
  }

  async has(hash: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM file_blobs WHERE sha256 = $1', [checkHash(hash)])).rowCount === 1;
  }

  async remove(hash: string): Promise<void> {
    await this.pool.query('DELETE FROM file_blobs WHERE sha256 = $1', [checkHash(hash)]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
