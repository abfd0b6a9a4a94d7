/**
 * Environment -> typed configuration, validated once at start. Every knob is documented in the README. This is
 * the one module that reads the environment: the rest of the service receives a Config.
 */
import { readFileSync } from 'node:fs';
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
  RATE_LIMIT_PER_MINUTE: int(600, 0, 1_000_000),
  CORS_ORIGINS: z.string().default(''),
  // edXML packages (docs/edxml.md): the largest package read, and the PEM key and certificate that sign them.
  EDXML_MAX_BYTES: int(32 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  EDXML_SIGNING_KEY_FILE: z.string().optional(),
  EDXML_SIGNING_CERT_FILE: z.string().optional(),
  SIGNING_AGENCIES_FILE: z.string().optional(),
  SIGNING_TRUST: z.string().optional(),
  SIGNING_TEST_CERTS: z.enum(['0', '1']).default('0'),
  SIGNING_SESSION_TTL_S: int(900, 30, 86_400),
  NODE_ENV: z.string().optional(),
  // Issue 18: shared file store, leases, jobs.
  FILE_STORE: z.enum(['local', 'postgres', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_PREFIX: z.string().default('files/'),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  ISSUE_LEASE_MS: int(60_000, 1000, 3_600_000),
  JOB_MAX_ITEMS: int(1000, 1, 100_000),
  JOB_BODY_LIMIT: int(32 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  JOB_SLICE_ITEMS: int(20, 1, 1000),
  JOB_SLICE_TIMEOUT_S: int(300, 5, 86_400),
  JOB_RETENTION_S: int(7 * 86_400, 60, 365 * 86_400),
  JOB_WEBHOOK_SECRET: z.string().min(16).optional(),
  JOB_WEBHOOK_ATTEMPTS: int(8, 1, 50),
  JOB_WEBHOOK_RETRY_S: int(10, 1, 3600),
  JOB_WEBHOOK_HOSTS: z.string().default(''),
});

export type ApiKey = {
  /** A name for logs and metrics, never the key itself. */
  id: string;
  /** Hex SHA-256 of the key. */
  sha256: string;
  /**
   * The identifier code (mã định danh, 13 characters, e.g. "000.00.31.H43") of the one agency the key acts
   * for; absent with role admin. Its register is the only one the key issues into, lists, reads and revokes in.
   */
  agency?: string;
  role: 'agency' | 'admin';
};

const keyFile = z.array(
  z
    .object({
      id: z.string().min(1).max(100),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      agency: z.string().min(1).max(100).optional(),
      role: z.enum(['agency', 'admin']).default('agency'),
    })
    .strict(),
);

/** An agency identifier code, as the documents' agency.identifier (src/documents/common/schema.ts). */
export const AGENCY_IDENTIFIER = /^[A-Z0-9.]{13}$/;

/**
 * Refuses a key configuration that does not bind every agency key to one agency identifier: an older
 * configuration naming an abbreviation ("SNV") matched every agency with that abbreviation, so it is not
 * guessed at but refused, with what to write instead.
 */
export function checkApiKeys(keys: ApiKey[], source = 'API keys'): ApiKey[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const k of keys) {
    if (ids.has(k.id)) problems.push(`"${k.id}" is listed twice`);
    ids.add(k.id);
    if (k.role === 'admin') {
      if (k.agency) problems.push(`"${k.id}" is an admin key and names an agency ("${k.agency}"): an admin key acts for every agency, drop "agency"`);
      continue;
    }
    if (!k.agency) problems.push(`"${k.id}" is an agency key without an agency: bind it to the agency's identifier code (13 characters, e.g. 000.00.31.H43), or make it an admin key`);
    else if (!AGENCY_IDENTIFIER.test(k.agency))
      problems.push(
        `"${k.id}" is bound to "${k.agency}", which is not an agency identifier code (13 characters: capitals, digits, dots, e.g. 000.00.31.H43); an abbreviation or a name can match several agencies, so a key is bound to the identifier (agency.identifier of the documents)`,
      );
  }
  if (problems.length) throw new Error(`${source}: ${problems.join('; ')}`);
  return keys;
}

/**
 * Keys from API_KEYS_FILE (a JSON list of { id, sha256, agency?, role? }) or API_KEYS
 * ("id:sha256[:agency|admin],..."). Plain keys are never read from configuration.
 */
export function loadApiKeys(env: Record<string, string | undefined>): ApiKey[] {
  if (env.API_KEYS_FILE) return checkApiKeys(keyFile.parse(JSON.parse(readFileSync(env.API_KEYS_FILE, 'utf8'))), `API_KEYS_FILE ${env.API_KEYS_FILE}`);
  if (!env.API_KEYS) return [];
  const keys = env.API_KEYS.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, sha256, scope] = entry.split(':');
      if (!id || !sha256 || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`API_KEYS: "${id ?? entry}" needs id:sha256hex[:agency|admin]`);
      return scope === 'admin' ? { id, sha256, role: 'admin' as const } : { id, sha256, role: 'agency' as const, ...(scope ? { agency: scope } : {}) };
    });
  return checkApiKeys(keys, 'API_KEYS');
}

/** One agency of SIGNING_AGENCIES_FILE: its PKCS#12, the password's source, its seal image. */
const signingAgency = z
  .object({
    pkcs12: z.string().min(1),
    passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    passwordFile: z.string().min(1).optional(),
    seal: z.string().min(1).optional(),
    sealDpi: z.number().int().min(72).max(1200).optional(),
  })
  .strict();

export type SigningConfig = {
  /** Per agency identifier: its PKCS#12 file, the password (resolved: never logged), its seal PNG. */
  agencies: Record<string, { pkcs12: string; password: string; seal?: string; sealDpi?: number }>;
  /** A PEM file or a folder of .pem/.crt files: the CAs a signature must chain to. */
  trust?: string;
  /** A test CA and TEST certificates made at start (SIGNING_TEST_CERTS=1; refused in production). */
  testCerts: boolean;
  /** Lifetime of a signing session's one-time URLs (seconds). */
  sessionTtlS: number;
};

/**
 * Issue 16's block: SIGNING_AGENCIES_FILE (JSON: identifier -> { pkcs12, passwordEnv | passwordFile, seal?,
 * sealDpi? }), SIGNING_TRUST, SIGNING_TEST_CERTS, SIGNING_SESSION_TTL_S. A password comes from the environment
 * variable or the file named; error messages name the agency and the source, never the password.
 */
export function loadSigning(e: { SIGNING_AGENCIES_FILE?: string; SIGNING_TRUST?: string; SIGNING_TEST_CERTS: '0' | '1'; SIGNING_SESSION_TTL_S: number; NODE_ENV?: string }, env: Record<string, string | undefined>): SigningConfig {
  const testCerts = e.SIGNING_TEST_CERTS === '1';
  if (testCerts && e.NODE_ENV === 'production') throw new Error('SIGNING_TEST_CERTS=1 is refused when NODE_ENV=production: configure SIGNING_AGENCIES_FILE with real certificates');
  const agencies: SigningConfig['agencies'] = {};
  if (e.SIGNING_AGENCIES_FILE) {
    const parsed = z.record(z.string().regex(AGENCY_IDENTIFIER), signingAgency).safeParse(JSON.parse(readFileSync(e.SIGNING_AGENCIES_FILE, 'utf8')));
    if (!parsed.success) throw new Error(`SIGNING_AGENCIES_FILE ${e.SIGNING_AGENCIES_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const [id, a] of Object.entries(parsed.data)) {
      if (!!a.passwordEnv === !!a.passwordFile) throw new Error(`SIGNING_AGENCIES_FILE: ${id} needs exactly one of passwordEnv, passwordFile`);
      const password = a.passwordEnv ? env[a.passwordEnv] : readFileSync(a.passwordFile!, 'utf8').replace(/\r?\n$/, '');
      if (password === undefined) throw new Error(`SIGNING_AGENCIES_FILE: ${id}: environment variable ${a.passwordEnv} is not set`);
      agencies[id] = { pkcs12: a.pkcs12, password, ...(a.seal ? { seal: a.seal } : {}), ...(a.sealDpi ? { sealDpi: a.sealDpi } : {}) };
    }
  }
  return { agencies, ...(e.SIGNING_TRUST ? { trust: e.SIGNING_TRUST } : {}), testCerts, sessionTtlS: e.SIGNING_SESSION_TTL_S };
}

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
  /** API keys (API_KEYS_FILE or API_KEYS); none: every call is let in. */
  apiKeys: ApiKey[];
  /** Requests per minute per key (0: no limit). */
  ratePerMinute: number;
  /** Origins allowed to call from a browser (CORS off without them). */
  corsOrigins: string[];
  /** edXML: the largest package POST /v1/edxml/inspect reads (EDXML_MAX_BYTES). */
  edxmlMaxBytes: number;
  /** edXML: the key and certificate that sign the packages (EDXML_SIGNING_KEY_FILE, EDXML_SIGNING_CERT_FILE); unset, unsigned. */
  edxmlSigning?: { privateKeyPem: string; certificatePem: string };
  /** Electronic signatures (issue 16). */
  signing: SigningConfig;
  /**
   * Issue 18. Where the files go (FILE_STORE): the local data directory, PostgreSQL (DATABASE_URL), or S3.
   * With several instances: postgres or s3, and DATABASE_URL.
   */
  fileStore: 'local' | 'postgres' | 's3';
  /** S3_BUCKET, S3_REGION, S3_ENDPOINT (not AWS), S3_PREFIX; credentials from AWS_* or the SDK's default chain. */
  s3?: { bucket: string; region: string; endpoint?: string; prefix: string; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } };
  /** How long a row being issued stays an instance's without renewal (ISSUE_LEASE_MS); then another takes it. */
  issueLeaseMs: number;
  /** Items in one job (JOB_MAX_ITEMS), and the size of its body (JOB_BODY_LIMIT). */
  jobMaxItems: number;
  jobBodyLimit: number;
  /** Items rendered by one queue message (JOB_SLICE_ITEMS): the unit another instance takes over. */
  jobSliceItems: number;
  /** A slice not finished in this time is taken over by another instance (JOB_SLICE_TIMEOUT_S). */
  jobSliceTimeoutS: number;
  /** How long a finished job and its result are kept (JOB_RETENTION_S). */
  jobRetentionS: number;
  /** The HMAC-SHA256 key of webhook signatures (JOB_WEBHOOK_SECRET); without it jobs take no webhook. */
  webhookSecret?: string;
  /** Webhook deliveries tried (JOB_WEBHOOK_ATTEMPTS), the first retry after JOB_WEBHOOK_RETRY_S, doubling. */
  webhookAttempts: number;
  webhookRetryS: number;
  /**
   * The only hosts webhooks may go to (JOB_WEBHOOK_HOSTS: names, "*.suffix", addresses; private ones allowed);
   * empty: any host that resolves to public addresses only (src/jobs/webhook.ts).
   */
  webhookHosts: string[];
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
    apiKeys: loadApiKeys(env),
    ratePerMinute: e.RATE_LIMIT_PER_MINUTE,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    edxmlMaxBytes: e.EDXML_MAX_BYTES,
    ...edxmlSigningOf(e.EDXML_SIGNING_KEY_FILE, e.EDXML_SIGNING_CERT_FILE),
    signing: loadSigning(e, env),
    ...storeConfig(e),
    issueLeaseMs: e.ISSUE_LEASE_MS,
    jobMaxItems: e.JOB_MAX_ITEMS,
    jobBodyLimit: e.JOB_BODY_LIMIT,
    jobSliceItems: e.JOB_SLICE_ITEMS,
    jobSliceTimeoutS: e.JOB_SLICE_TIMEOUT_S,
    jobRetentionS: e.JOB_RETENTION_S,
    ...(e.JOB_WEBHOOK_SECRET ? { webhookSecret: e.JOB_WEBHOOK_SECRET } : {}),
    webhookAttempts: e.JOB_WEBHOOK_ATTEMPTS,
    webhookRetryS: e.JOB_WEBHOOK_RETRY_S,
    webhookHosts: e.JOB_WEBHOOK_HOSTS.split(',').map((h) => h.trim()).filter(Boolean),
  };
}

/** FILE_STORE and what it needs: postgres a DATABASE_URL, s3 a bucket. */
function storeConfig(e: z.infer<typeof envSchema>): Pick<Config, 'fileStore' | 's3'> {
  if (e.FILE_STORE === 'postgres' && !e.DATABASE_URL) throw new Error('invalid configuration: FILE_STORE=postgres needs DATABASE_URL');
  if (e.FILE_STORE !== 's3') return { fileStore: e.FILE_STORE };
  if (!e.S3_BUCKET) throw new Error('invalid configuration: FILE_STORE=s3 needs S3_BUCKET');
  if (!e.AWS_ACCESS_KEY_ID !== !e.AWS_SECRET_ACCESS_KEY) throw new Error('invalid configuration: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together');
  return {
    fileStore: 's3',
    s3: {
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      prefix: e.S3_PREFIX,
      ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
      ...(e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? { credentials: { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, ...(e.AWS_SESSION_TOKEN ? { sessionToken: e.AWS_SESSION_TOKEN } : {}) } }
        : {}),
    },
  };
}

/** The edXML signing key and certificate, both files or neither. */
function edxmlSigningOf(keyFile: string | undefined, certFile: string | undefined): Pick<Config, 'edxmlSigning'> {
  if (!keyFile && !certFile) return {};
  if (!keyFile || !certFile) throw new Error('invalid configuration: EDXML_SIGNING_KEY_FILE and EDXML_SIGNING_CERT_FILE go together');
  return { edxmlSigning: { privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certFile, 'utf8') } };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return configFrom(env);
}
