/** Environment -> typed configuration, validated once at start. Every knob is documented in the README. */
import os from 'node:os';
import { z } from 'zod';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  BODY_LIMIT: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  PDF_PAGES: int(Math.max(1, os.availableParallelism()), 1, 64),
  RENDER_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  chromiumPath: string;
  bodyLimit: number;
  pdfPages: number;
  renderTimeoutMs: number;
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${msg}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    chromiumPath: e.CHROMIUM_PATH,
    bodyLimit: e.BODY_LIMIT,
    pdfPages: e.PDF_PAGES,
    renderTimeoutMs: e.RENDER_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  };
}
