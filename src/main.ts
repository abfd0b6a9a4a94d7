/** Process entry: configuration, listen, graceful shutdown. */
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/** A configuration the service refuses (a key bound to an abbreviation...): one clear line, exit 1. */
function refuse(e: unknown): never {
  process.stderr.write(`vanban: refusing to start: ${(e as Error).message}\n`);
  process.exit(1);
}
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  refuse(e);
}
const app = await buildApp({ ...config, logger: true });

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish within the grace period, close Chromium, exit 0.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    const force = setTimeout(() => {
      app.log.warn('grace period over: closing Chromium with renders still in flight');
      void app.vanban.close().finally(() => process.exit(0));
    }, config.shutdownGraceMs);
    force.unref();
    app.close().then(
      () => {
        app.log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        void app.vanban.close().finally(() => process.exit(1));
      },
    );
  });
}

await app.listen({ port: config.port, host: config.host });
const base = `http://localhost:${config.port}`;
app.log.info(`vanban ready: API docs ${base}/docs, catalog ${base}/v1/templates`);
