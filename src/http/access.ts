/**
 * Access, a plugin over the whole app (fastify-plugin: its hooks are not encapsulated): API keys (stored as
 * SHA-256 hashes, compared in constant time; configured in src/config.ts), a token-bucket rate limit per key,
 * CORS off unless origins are configured, and security headers on every answer. `tenantOf` says which register
 * a request acts for, from its key; the archive applies it (src/archive/tenancy.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { registerOfIdentifier } from '../archive/archive.js';
import type { Register } from '../archive/tenancy.js';
import { checkApiKeys, type ApiKey } from '../config.js';
import { VanbanError } from '../service.js';
import { errorBody } from './errors.js';

/**
 * A request a route makes to another route of the same process (app.inject: a draft issued through
 * POST /v1/documents) carries this header with this process's random token: its key is checked again, but it
 * does not take a second token from the key's rate limit (the person made one request). The token never leaves
 * the process.
 */
export const INTERNAL_CALL = { header: 'x-vanban-internal-call', token: randomBytes(24).toString('hex') } as const;

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

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

/** A signing session's one-time URLs carry their own credential (a signing tool has no API key): src/http/signing.ts. */
const PUBLIC = /^\/(health|ready|index\.html|openapi\.json|docs|assets|favicon\.svg|v1\/signing-sessions)(\/|$|\?)/;
/** /metrics counts every agency's renders: with keys configured it needs an admin key. */
const ADMIN_ONLY = /^\/metrics(\/|$|\?)/;
/** Whether a path (a URL, or a route's path in the OpenAPI document) is answered without a key. */
export const isPublicPath = (path: string): boolean => path === '/' || PUBLIC.test(path);
/** Whether a path needs an admin key. */
export const isAdminPath = (path: string): boolean => ADMIN_ONLY.test(path);

function presented(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const h = req.headers['x-api-key'];
  return typeof h === 'string' ? h : undefined;
}

/** The register a request acts for: its agency key's; undefined (every register) for an admin key or without keys. */
export function tenantOf(req: FastifyRequest): Register {
  const key = req.apiKey;
  if (!key || key.role === 'admin') return undefined;
  // checkApiKeys refuses an agency key without its identifier at start; this is the belt to those braces.
  if (!key.agency) throw new VanbanError(403, 'forbidden_agency', 'Khóa API này không gắn với cơ quan nào');
  return registerOfIdentifier(key.agency);
}

const accessPlugin: FastifyPluginAsync<AccessOptions> = async (app, o) => {
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
    if (hashes.length === 0 || isPublicPath(req.url)) return;
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
    if (isAdminPath(req.url) && found.key.role !== 'admin')
      return reply.status(403).send(errorBody('forbidden', 'Chỉ khóa API quản trị được đọc /metrics'));
    if (o.ratePerMinute > 0 && req.headers[INTERNAL_CALL.header] !== INTERNAL_CALL.token) {
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
};

export const access = fp(accessPlugin, { name: 'vanban-access' });
