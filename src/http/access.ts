/**
 * Access: API keys (stored as SHA-256 hashes, compared in constant time), a token-bucket rate limit per key,
 * CORS off unless origins are configured, and security headers on every answer.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBody } from './errors.js';

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

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

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
export function loadApiKeys(env: NodeJS.ProcessEnv = process.env): ApiKey[] {
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

export type AccessOptions = {
  keys: ApiKey[];
  /** Requests per minute per key (0: no limit). */
  ratePerMinute: number;
  corsOrigins: string[];
};

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

const PUBLIC = /^\/(health|ready|index\.html|openapi\.json|docs|assets|favicon\.svg)(\/|$|\?)/;
/** /metrics counts every agency's renders: with keys configured it needs an admin key. */
const ADMIN_ONLY = /^\/metrics(\/|$|\?)/;

function presented(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const h = req.headers['x-api-key'];
  return typeof h === 'string' ? h : undefined;
}

export function installAccess(app: FastifyInstance, o: AccessOptions): void {
  checkApiKeys(o.keys);
  const hashes = o.keys.map((k) => ({ key: k, digest: Buffer.from(k.sha256, 'hex') }));
  const buckets = new Map<string, { tokens: number; at: number }>();

  app.decorateRequest('apiKey', undefined);

  app.addHook('onRequest', async (req, reply) => {
    // CORS: off unless the origin is configured.
    const origin = req.headers.origin;
    if (origin && o.corsOrigins.includes(origin)) {
      void reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        return reply
          .header('Access-Control-Allow-Methods', 'GET, POST')
          .header('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Api-Key, Accept')
          .header('Access-Control-Max-Age', '600')
          .status(204)
          .send();
      }
    }
    if (hashes.length === 0 || PUBLIC.test(req.url) || req.url === '/') return;
    const key = presented(req);
    const digest = key ? createHash('sha256').update(key, 'utf8').digest() : undefined;
    const found = digest ? hashes.find((h) => timingSafeEqual(h.digest, digest)) : undefined;
    if (!found) {
      return reply
        .status(401)
        .header('WWW-Authenticate', 'Bearer realm="vanban"')
        .send(errorBody(key ? 'invalid_api_key' : 'missing_api_key', key ? 'Khóa API không hợp lệ' : 'Thiếu khóa API (Authorization: Bearer <khóa> hoặc X-Api-Key)'));
    }
    req.apiKey = found.key;
    if (ADMIN_ONLY.test(req.url) && found.key.role !== 'admin')
      return reply.status(403).send(errorBody('forbidden', 'Chỉ khóa API quản trị được đọc /metrics'));
    if (o.ratePerMinute > 0) {
      const now = Date.now();
      const b = buckets.get(found.key.id) ?? { tokens: o.ratePerMinute, at: now };
      b.tokens = Math.min(o.ratePerMinute, b.tokens + ((now - b.at) / 60_000) * o.ratePerMinute);
      b.at = now;
      if (b.tokens < 1) {
        buckets.set(found.key.id, b);
        const wait = Math.ceil(((1 - b.tokens) * 60) / o.ratePerMinute);
        return reply
          .status(429)
          .header('Retry-After', String(Math.max(1, wait)))
          .send(errorBody('rate_limited', `Vượt giới hạn ${o.ratePerMinute} yêu cầu mỗi phút của khóa API`));
      }
      b.tokens -= 1;
      buckets.set(found.key.id, b);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    void reply
      .header('X-Request-Id', req.id)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cross-Origin-Resource-Policy', 'same-origin');
    if (req.url.startsWith('/docs') || req.url === '/' || /^\/index\.html(\?|$)/.test(req.url)) {
      void reply.header('X-Frame-Options', 'DENY');
      if (!reply.hasHeader('Content-Security-Policy'))
        void reply.header(
          'Content-Security-Policy',
          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'",
        );
    }
    return payload;
  });
}
