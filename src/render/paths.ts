import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, whether running from src/ (tsx, vitest) or dist/ (compiled). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATES_DIR = path.join(ROOT, 'templates');
export const FIXTURES_DIR = path.join(ROOT, 'fixtures');
