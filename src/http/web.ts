/**
 * The staff page at / (issue 7): the front end built by `npm run build:web` into web/dist, served by vanban
 * itself (no CDN). "/" answers index.html with its own Content-Security-Policy (the PDF preview is a blob: URL
 * in an iframe, which the service-wide policy's default-src 'self' would block); the hashed assets are served
 * by @fastify/static, brotli or gzip when the browser accepts it (copies made at build time). Without web/dist,
 * "/" answers a Vietnamese page saying how to build it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ROOT } from '../render/paths.js';

/** web/dist beside src/ and dist/. */
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

/**
 * The service-wide policy (src/http/access.ts) plus what the page needs: img-src blob:, and worker-src 'self' for
 * pdf.js's worker (the preview is drawn by pdf.js on canvases, web/src/preview): no frame, object or embed at all.
 */
export const WEB_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "object-src 'none'; frame-src 'none'; child-src 'none'; worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const MISSING = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>vanban: trang soạn thảo chưa được dựng</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:0 .25rem}</style>
</head><body><main>
<h1>Trang soạn thảo văn bản chưa được dựng</h1>
<p>Thư mục <code>web/dist</code> không có trên máy chủ. Người quản trị chạy <code>npm run build:web</code>
(hoặc <code>npm run build</code>) trong thư mục của vanban rồi tải lại trang này.</p>
<p>Trong lúc chờ, API vẫn hoạt động: xem <a href="/docs">tài liệu API</a>.</p>
</main></body></html>`;

export type WebOptions = { /** The built front end (web/dist by default). */ root?: string };

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, opts) => {
  const root = opts.root ?? WEB_DIST;
  const index = path.join(root, 'index.html');
  const built = existsSync(index);

  const page = async (_req: unknown, reply: FastifyReply) => {
    void reply.header('Content-Security-Policy', WEB_CSP).header('X-Frame-Options', 'DENY').header('Cache-Control', 'no-cache');
    const html = await readFile(index, 'utf8').catch(() => undefined);
    if (html === undefined) return reply.status(503).type('text/html; charset=utf-8').send(MISSING);
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get('/', { schema: { hide: true } }, page);
  // The same page under its file name, with the same policy and frame options (not the static files' defaults).
  app.get('/index.html', { schema: { hide: true } }, page);

  if (!built) {
    app.log.warn({ root }, 'web/dist is missing: the staff page at / says how to build it (npm run build:web)');
    return;
  }
  // The built files under "/": a file that is not there falls through to the service's JSON 404 (callNotFound),
  // and a rebuilt web/dist is served without a restart.
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: false,
    serve: true,
    decorateReply: false,
    // The .br and .gz copies made by the build (web/vite.config.ts), by the request's Accept-Encoding.
    preCompressed: true,
    setHeaders: (reply, file) => {
      // Vite names assets by content hash: they never change under the same name.
      if (file.includes(`${path.sep}assets${path.sep}`)) void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
};
