/**
 * Values an agency has written before, offered back as suggestions on the staff page (issue 17: autocomplete
 * for agencies and Nơi nhận): the agency and parent-agency names, or the Nơi nhận lines, of its latest drafts
 * and issued documents, the most used first. Tenancy as for the drafts and the register (src/archive/tenancy.ts):
 * a register reads its own rows only; undefined (an admin key) reads every register's.
 */
import type { RegisterDb } from '../archive/db.js';
import type { Register } from '../archive/tenancy.js';

export const SUGGESTION_FIELDS = ['agencies', 'recipients'] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

/** How many of the latest drafts and of the latest documents are read. */
const SCAN = 200;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The values of one document's data for a field. */
const PICK: Record<SuggestionField, (data: Obj) => unknown[]> = {
  agencies: (d) => [obj(d.agency).name, obj(obj(d.agency).parent).name],
  recipients: (d) => (Array.isArray(obj(d.recipients).items) ? (obj(d.recipients).items as unknown[]) : []),
};

export async function pastValues(db: RegisterDb, register: Register, field: SuggestionField, limit: number): Promise<string[]> {
  const where = register === undefined ? '' : 'WHERE agency_key = ?';
  const params = register === undefined ? [] : [register];
  const [drafts, documents] = await Promise.all([
    db.sql.query(`SELECT data FROM drafts ${where} ORDER BY updated_at DESC LIMIT ${SCAN}`, params),
    db.sql.query(`SELECT data FROM documents ${where} ORDER BY created_at DESC LIMIT ${SCAN}`, params),
  ]);
  // Counted once per document; ties keep the order first met (the latest drafts, then the latest documents).
  const counts = new Map<string, number>();
  for (const row of [...drafts, ...documents]) {
    let data: Obj;
    try {
      data = obj(JSON.parse(String(row.data)));
    } catch {
      continue;
    }
    const seen = new Set<string>();
    for (const v of PICK[field](data)) {
      if (typeof v !== 'string') continue;
      const s = v.normalize('NFC').trim();
      if (s && !seen.has(s)) seen.add(s), counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([s]) => s);
}
