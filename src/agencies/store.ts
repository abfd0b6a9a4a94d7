/**
 * Agency profiles in the register's database (table agencies, migration 005): one row per identifier code,
 * the profile as JSON and the seal image (PNG) beside it. Who may read or change which profile is the HTTP
 * layer's rule (src/http/agencies.ts: an agency key its own, an admin key every one); this module only stores.
 *
 * sealOf(identifier) is the one way to the seal image: the signing step (issue 16, src/signing/) reads it there.
 */
import type { RegisterDb } from '../archive/db.js';
import { profileBody, type Profile, type ProfileBody } from './profile.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether the bytes are a PNG (its signature and an IHDR chunk first). */
export const isPng = (b: Buffer) => b.length > 24 && b.subarray(0, 8).equals(PNG_SIGNATURE) && b.subarray(12, 16).toString('latin1') === 'IHDR';

function toProfile(r: Record<string, unknown>): Profile {
  // Stored by putProfile after validation: parsed again so that a default added later applies to old rows.
  const body = profileBody.parse(JSON.parse(String(r.profile)));
  return { identifier: String(r.identifier), ...body, hasSeal: Boolean(Number(r.has_seal)), updatedAt: String(r.updated_at) };
}

const SELECT = 'SELECT identifier, profile, updated_at, CASE WHEN seal IS NULL THEN 0 ELSE 1 END AS has_seal FROM agencies';

export class Agencies {
  constructor(private readonly db: RegisterDb) {}

  async get(identifier: string): Promise<Profile | undefined> {
    const r = await this.db.sql.query(`${SELECT} WHERE identifier = ?`, [identifier]);
    return r[0] ? toProfile(r[0]) : undefined;
  }

  /** Every profile (an admin), or the one of an identifier (an agency key): by name. */
  async list(only?: string): Promise<Profile[]> {
    const r = only === undefined ? await this.db.sql.query(`${SELECT} ORDER BY identifier`) : await this.db.sql.query(`${SELECT} WHERE identifier = ?`, [only]);
    return r.map(toProfile).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Creates or replaces the profile (the seal stays); true when it was created. */
  async put(identifier: string, body: ProfileBody): Promise<{ created: boolean; profile: Profile }> {
    const now = new Date().toISOString();
    const json = JSON.stringify(body);
    const created = await this.db.sql.tx(async (q) => {
      const had = await q('SELECT 1 FROM agencies WHERE identifier = ?', [identifier]);
      if (had.length) await q('UPDATE agencies SET profile = ?, updated_at = ? WHERE identifier = ?', [json, now, identifier]);
      else await q('INSERT INTO agencies (identifier, profile, updated_at) VALUES (?, ?, ?)', [identifier, json, now]);
      return had.length === 0;
    });
    return { created, profile: (await this.get(identifier))! };
  }

  /** Stores the seal image of an existing profile; false when there is no profile. */
  async putSeal(identifier: string, png: Buffer): Promise<boolean> {
    const had = await this.db.sql.query('SELECT 1 FROM agencies WHERE identifier = ?', [identifier]);
    if (!had.length) return false;
    await this.db.sql.query('UPDATE agencies SET seal = ?, updated_at = ? WHERE identifier = ?', [png, new Date().toISOString(), identifier]);
    return true;
  }

  /** The agency's seal image (PNG), or undefined when it has none. */
  async sealOf(identifier: string): Promise<Buffer | undefined> {
    const r = await this.db.sql.query('SELECT seal FROM agencies WHERE identifier = ?', [identifier]);
    const seal = r[0]?.seal;
    return seal ? Buffer.from(seal as Uint8Array) : undefined;
  }
}
