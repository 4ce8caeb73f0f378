// `npm start`: the one composition of ingest and server. Reads the configuration, binds the port,
// publishes the bundled sample under the URL the server is really reached at when the data folder
// needs it (ingest/bundled-sample.ts), then serves the IIIF APIs, search and the site
// (server/leeszaal.ts) with the curators' workspace's Publisher (uploads published by ingest in a
// child process; edits, withdrawals and restores of records) and prints the public URL. Quiet otherwise.
import { ConfigError, listeningOn, loadConfig, type Config } from './config.ts';
import { publishSample, sampleNeeded } from './ingest/bundled-sample.ts';
import { createLogger as createIngestLogger } from './ingest/logger.ts';
import { ingestPublisher } from './ingest/publishing/publisher.ts';
import { formatSummary } from './ingest/summary.ts';
import type { Publisher } from './server/admin/contracts.ts';
import { createLeeszaal } from './server/leeszaal.ts';
import { listen } from './server/listen.ts';
import { createLogger } from './server/logger.ts';

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

const configured = readConfig();
const bound = await listen(configured);
const config = listeningOn(configured, bound.port);
const log = createLogger(config);

const why = await sampleNeeded(config);
if (why !== undefined) {
  console.error(`Leeszaal: publishing the bundled sample collection into ${config.DATA_DIR} …`);
  const summary = await publishSample(config, createIngestLogger(config.LOG_LEVEL));
  if (summary.failed.length > 0) console.error(formatSummary(summary));
  log.info({ why, published: summary.published, failed: summary.failed }, 'sample published');
}

// Typed against the server's contract: ingest spells out the same shapes without importing the server.
const publisher: Publisher = ingestPublisher(config);
const leeszaal = createLeeszaal(config, log, { publisher });
bound.serve(leeszaal.app, leeszaal);
const shown = config.PUBLIC_BASE_URL === bound.localUrl ? config.PUBLIC_BASE_URL : `${config.PUBLIC_BASE_URL} (listening on ${bound.localUrl})`;
console.log(`Leeszaal: ${shown}`);
