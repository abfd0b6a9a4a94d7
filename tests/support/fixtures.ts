import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../../src/render/paths.js';

export type Fixture = { type: string; name: string; file: string; data: unknown };

export function allFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .sort()
    .flatMap((type) =>
      readdirSync(path.join(FIXTURES_DIR, type))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => {
          const file = path.join(FIXTURES_DIR, type, f);
          return { type, name: f.replace(/\.json$/, ''), file, data: JSON.parse(readFileSync(file, 'utf8')) as unknown };
        }),
    );
}
