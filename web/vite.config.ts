/**
 * Builds the staff page (web/) into web/dist, served by vanban at / (src/http/web.ts). Every text asset gets a
 * brotli (.br) and a gzip (.gz) copy beside it, made once here at maximum compression: the server sends the one
 * the browser accepts (@fastify/static preCompressed) and compresses nothing per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Text assets worth compressing (the bundle, the CSS, the SVG icon, the page). */
const COMPRESSIBLE = /\.(js|css|svg|html|json)$/;

function precompress(): Plugin {
  return {
    name: 'vanban-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)) : [path.join(dir, f)]));
      for (const file of walk(path.join(root, 'dist')).filter((f) => COMPRESSIBLE.test(f))) {
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [precompress()],
  base: '/',
  publicDir: 'public',
  // JSX through the bundler's own transform: no React plugin needed.
  oxc: { jsx: { runtime: 'automatic' } },
  // pdf.js's worker (web/src/preview/viewer.ts) is an ES module (it reads import.meta.url).
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One bundle (React, react-jsonschema-form, the validator) and, fetched when the preview is first seen, pdf.js
    // and its worker (web/src/preview/): served locally, cached by their hashed names.
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-jsonschema-form marks its hooks 'use client' (for React Server Components): meaningless in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
