/**
 * The three file stores behind one contract (src/archive/store*.ts): content-addressed puts (the same content
 * once), reads verified against the hash (an altered or missing file is an IntegrityError, never wrong bytes),
 * a put of the same content repairing an altered copy, has and remove. The local folder, PostgreSQL (a private
 * server, tests/support/postgres.ts) and S3 (s3rver, tests/support/s3.ts), each started once for the file.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterDb } from '../../src/archive/db.js';
import { IntegrityError, LocalFileStorage, sha256, type FileStorage } from '../../src/archive/store.js';
import { PostgresFileStorage } from '../../src/archive/store-postgres.js';
import { S3FileStorage } from '../../src/archive/store-s3.js';
import { startPostgres, type Pg } from '../support/postgres.js';
import { startS3, type S3 } from '../support/s3.js';

let pgServer: Pg | undefined;
let s3: S3;
const closers: (() => Promise<void>)[] = [];
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'vanban-fs-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  [pgServer, s3] = await Promise.all([startPostgres(), startS3()]);
  // The migrations create file_blobs.
  if (pgServer) await (await RegisterDb.open({ dataDir: tmp(), databaseUrl: pgServer.url })).close();
}, 120_000);

afterAll(async () => {
  for (const c of closers) await c();
  await s3?.stop();
  pgServer?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Each store, and how a test alters the stored copy of a hash behind the store's back. */
type Case = { name: string; open(): { store: FileStorage; alter(hash: string, bytes: Buffer): Promise<void> } };

const cases: Case[] = [
  {
    name: 'local',
    open() {
      const store = new LocalFileStorage(tmp());
      const alter = async (hash: string, bytes: Buffer) => {
        const file = path.join(store.dir, hash.slice(0, 2), hash);
        chmodSync(file, 0o644);
        writeFileSync(file, bytes);
      };
      return { store, alter };
    },
  },
  {
    name: 'postgres',
    open() {
      const store = new PostgresFileStorage(pgServer!.url);
      closers.push(() => store.close());
      const alter = async (hash: string, bytes: Buffer) => {
        const c = new pg.Client({ connectionString: pgServer!.url });
        await c.connect();
        await c.query('UPDATE file_blobs SET content = $1 WHERE sha256 = $2', [bytes, hash]);
        await c.end();
      };
      return { store, alter };
    },
  },
  {
    name: 's3',
    open() {
      const store = new S3FileStorage({ ...s3, prefix: 'files/' });
      closers.push(() => store.close());
      const alter = async (hash: string, bytes: Buffer) => {
        const c = new S3Client({ endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, credentials: s3.credentials });
        await c.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `files/${hash.slice(0, 2)}/${hash}`, Body: bytes }));
        c.destroy();
      };
      return { store, alter };
    },
  },
];

describe.each(cases)('$name file store', (c) => {
  it('stores by content, verifies every read, repairs on a new put, removes', async (ctx) => {
    if (c.name === 'postgres' && !pgServer) return ctx.skip();
    const { store, alter } = c.open();
    const bytes = Buffer.from(`Quyết định số ${c.name} ${Date.now()}`.normalize('NFC'));
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const hash = await store.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(await store.put(bytes)).toBe(hash);
    expect(await store.get(hash)).toEqual(bytes);
    // Compared with equals: a deep equality over 3 MB element by element takes half a minute.
    expect((await store.get(await store.put(big))).equals(big)).toBe(true);
    expect(await store.has(hash)).toBe(true);

    // A missing file: IntegrityError with actual null.
    const absent = sha256(Buffer.from('absent'));
    expect(await store.has(absent)).toBe(false);
    const missing = await store.get(absent).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(IntegrityError);
    expect((missing as IntegrityError).actual).toBeNull();

    // Altered behind the store's back: a named error with the hash found, never the altered bytes.
    const altered = Buffer.from('altered');
    await alter(hash, altered);
    const e = await store.get(hash).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(IntegrityError);
    expect((e as IntegrityError).actual).toBe(sha256(altered));
    // Storing the same content again repairs it.
    await store.put(bytes);
    expect(await store.get(hash)).toEqual(bytes);

    await store.remove(hash);
    expect(await store.has(hash)).toBe(false);
    await store.remove(hash);
    await expect(store.get('../etc/passwd')).rejects.toThrow(/not a sha256/);
  }, 60_000);
});
