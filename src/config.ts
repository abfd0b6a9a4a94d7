/** Environment -> typed configuration, validated once at start. Every knob is documented in the README. */
import os from 'node:os';
import { z } from 'zod';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const cores = Math.max(1, os.availableParallelism());

const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  BODY_LIMIT: int(1024 * 1024, 1024, 64 * 1024 * 1024),
  PDF_POOL_SIZE: int(cores, 1, 64),
  PDF_QUEUE_SIZE: int(0, 0, 10_000),
  PDF_OVERLOAD_PAGES: z.coerce.number().int().min(1).max(64).optional(),
  DOCX_WORKERS: int(cores, 0, 64),
  DOCX_QUEUE_SIZE: int(64 * cores, 0, 100_000),
  BROWSER_RESTART_AFTER: int(1000, 1, 1_000_000),
  BROWSER_WATCHDOG_MS: int(2_000, 0, 600_000),
  BROWSER_PING_TIMEOUT_MS: int(2_000, 100, 60_000),
  RENDER_DEADLINE_MS: int(30_000, 100, 600_000),
  BATCH_MAX_ITEMS: int(200, 1, 10_000),
  SHUTDOWN_GRACE_MS: int(10_000, 0, 600_000),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  REGISTER_MAX_GAP: int(50, 0, 100_000),
  ISSUE_ATTEMPTS: int(8, 1, 100),
  ISSUE_RETRY_MS: int(1000, 10, 600_000),
  ISSUE_RETRY_WINDOW_S: int(600, 0, 86_400),
  PDFA_CONCURRENCY: int(Math.max(1, Math.min(cores, 4)), 1, 64),
  REGISTER_PRINT_MAX_ENTRIES: int(2000, 1, 1_000_000),
  JSON_MAX_DEPTH: int(64, 8, 1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  chromiumPath: string;
  bodyLimit: number;
  poolSize: number;
  queueSize: number;
  /** Pages printing at once while the pool refuses requests (PDF_OVERLOAD_PAGES); unset, the pool's default. */
  overloadSize?: number;
  restartAfter: number;
  /** Interval of the watchdog's ping of Chromium (BROWSER_WATCHDOG_MS); 0 turns it off. */
  watchdogMs: number;
  /** How long a ping may go unanswered before Chromium counts as hung (BROWSER_PING_TIMEOUT_MS). */
  pingTimeoutMs: number;
  /** Worker threads rendering DOCX; 0 renders on the event loop. */
  docxWorkers: number;
  /** DOCX renders allowed to wait for a worker; beyond it, 429. */
  docxQueueSize: number;
  deadlineMs: number;
  batchMaxItems: number;
  shutdownGraceMs: number;
  /** The archive: SQLite file and content-addressed files live here. */
  dataDir: string;
  /** PostgreSQL instead of SQLite for the register, when set. */
  databaseUrl?: string;
  /** The largest run of numbers a number given in a request may skip in a register (REGISTER_MAX_GAP). */
  registerMaxGap: number;
  /** Attempts at completing a document after its number is taken, before it is marked failed. */
  issueAttempts: number;
  /** First delay between two attempts, doubled each time (at most a minute). */
  issueRetryMs: number;
  /** A request without Idempotency-Key repeating a pending one within this window gets it, not a new number. */
  issueRetryWindowS: number;
  /** Ghostscript conversions (PDF/A) at once. */
  pdfaConcurrency: number;
  /** Entries of a register printed at once; more answer 422 asking for from/to. */
  registerPrintMaxEntries: number;
  /** Nesting depth of a JSON body; deeper answers 400 before anything walks it. */
  jsonMaxDepth: number;
  logLevel: string;
};

export const DEFAULTS: Config = configFrom({});

function configFrom(env: Record<string, string | undefined>): Config {
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
    poolSize: e.PDF_POOL_SIZE,
    queueSize: e.PDF_QUEUE_SIZE,
    ...(e.PDF_OVERLOAD_PAGES ? { overloadSize: e.PDF_OVERLOAD_PAGES } : {}),
    restartAfter: e.BROWSER_RESTART_AFTER,
    watchdogMs: e.BROWSER_WATCHDOG_MS,
    pingTimeoutMs: e.BROWSER_PING_TIMEOUT_MS,
    docxWorkers: e.DOCX_WORKERS,
    docxQueueSize: e.DOCX_QUEUE_SIZE,
    deadlineMs: e.RENDER_DEADLINE_MS,
    batchMaxItems: e.BATCH_MAX_ITEMS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    dataDir: e.DATA_DIR,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    registerMaxGap: e.REGISTER_MAX_GAP,
    issueAttempts: e.ISSUE_ATTEMPTS,
    issueRetryMs: e.ISSUE_RETRY_MS,
    issueRetryWindowS: e.ISSUE_RETRY_WINDOW_S,
    pdfaConcurrency: e.PDFA_CONCURRENCY,
    registerPrintMaxEntries: e.REGISTER_PRINT_MAX_ENTRIES,
    jsonMaxDepth: e.JSON_MAX_DEPTH,
    logLevel: e.LOG_LEVEL,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return configFrom(env);
}
