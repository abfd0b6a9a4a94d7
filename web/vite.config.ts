/** Builds the staff page (web/) into web/dist, served by vanban at / (src/http/web.ts). */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  // JSX through the bundler's own transform: no React plugin needed.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One bundle (React, react-jsonschema-form, the validator): served locally, cached by its hashed name.
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
