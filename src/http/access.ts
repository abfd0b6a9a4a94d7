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
  /** The agency (its identifier or abbreviation) the key belongs to; absent with role admin. */
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

/**
 * Keys from API_KEYS_FILE (a JSON list of { id, sha256, agency?, role? }) or API_KEYS
 * ("id:sha256[:agency|admin],..."). Plain keys are never read from configuration.
 */
export function loadApiKeys(env: NodeJS.ProcessEnv = process.env): ApiKey[] {
  if (env.API_KEYS_FILE) return keyFile.parse(JSON.parse(readFileSync(env.API_KEYS_FILE, 'utf8')));
  if (!env.API_KEYS) return [];
  return env.API_KEYS.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, sha256, scope] = entry.split(':');
      if (!id || !sha256 || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`API_KEYS: "${id ?? entry}" needs id:sha256hex[:agency|admin]`);
      return scope === 'admin' ? { id, sha256, role: 'admin' as const } : { id, sha256, role: 'agency' as const, ...(scope ? { agency: scope } : {}) };
    });
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

const PUBLIC = /^\/(health|ready|metrics|openapi\.json|docs|assets|favicon\.svg)(\/|$|\?)/;

function presented(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const h = req.headers['x-api-key'];
  return typeof h === 'string' ? h : undefined;
}

export function installAccess(app: FastifyInstance, o: AccessOptions): void {
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
    if (req.url.startsWith('/docs') || req.url === '/') {
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
