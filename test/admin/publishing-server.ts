// The whole server composed as start.ts composes it (createLeeszaal with the real Publisher: ingest as
// a child process), run as its own process by the tests that kill and restart it and by the browser
// test; prints `LISTENING <url>` when ready. Unlike start.ts it publishes no sample.
import { listeningOn, loadConfig } from '../../config.ts';
import { ingestPublisher } from '../../ingest/publishing/publisher.ts';
import { createLeeszaal } from '../../server/leeszaal.ts';
import { listen } from '../../server/listen.ts';
import { createLogger } from '../../server/logger.ts';

const configured = loadConfig(process.env);
const bound = await listen(configured);
const config = listeningOn(configured, bound.port);
const log = createLogger(config);
const leeszaal = createLeeszaal(config, log, { publisher: ingestPublisher(config) });
bound.serve(leeszaal.app, leeszaal);
console.log(`LISTENING ${config.PUBLIC_BASE_URL}`);
