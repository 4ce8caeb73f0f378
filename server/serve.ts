// `npm start`: reads the configuration, publishes the bundled sample collection when the data folder
// is empty, mounts the search and site parts when they are present, serves on PORT and prints the
// URL. Quiet otherwise; SIGTERM or SIGINT lets in-flight requests finish before exiting.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { dataPaths } from '../manifests/layout.ts';
import { createApp } from './app.ts';
import { createLogger, type Logger } from './logger.ts';
import { loadParts } from './parts.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Longest a shutdown waits for in-flight requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

async function publishSampleIfEmpty(config: Config, log: Logger, hooks: object): Promise<void> {
  if (existsSync(dataPaths(config.DATA_DIR).collection)) return;
  const sample = path.join(repoRoot, 'ingest', 'sample');
  console.error(`Leeszaal: publishing the bundled sample collection into ${config.DATA_DIR} …`);
  const { ingest } = (await import(pathToFileURL(path.join(repoRoot, 'ingest', 'ingest.ts')).href)) as typeof import('../ingest/ingest.ts');
  const summary = await ingest({ source: sample, dataDir: config.DATA_DIR, baseUrl: config.PUBLIC_BASE_URL, config, logger: log, hooks });
  log.info({ summary }, 'sample published');
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config);
  const parts = await loadParts(config, log);
  await publishSampleIfEmpty(config, log, parts.ingestHooks);

  const app = createApp({ config, logger: log, routers: parts.routers, health: parts.health });
  const server = http.createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 60_000 }, app);
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`Leeszaal: cannot listen on ${config.HOST}:${config.PORT}: ${err.code ?? err.message}`);
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
    const host = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(config.HOST) ? 'localhost' : config.HOST;
    console.log(`Leeszaal: http://${host}:${port}`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    server.close(() => {
      void parts.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

await main();
