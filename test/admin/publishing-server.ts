// The whole server composed as start.ts composes it (createLeeszaal with the real Publisher: ingest as
// a child process), run as its own process by the tests that kill and restart it and by the browser
// test; prints `LISTENING <url>` when ready. Its Publisher has only what uploads and jobs use: the
// editor's operations answer that they are not part of this test server.
import { listeningOn, loadConfig } from '../../config.ts';
import { folderPublisher } from '../../ingest/publishing/folder-job.ts';
import { createLeeszaal } from '../../server/leeszaal.ts';
import { listen } from '../../server/listen.ts';
import { createLogger } from '../../server/logger.ts';

const configured = loadConfig(process.env);
const bound = await listen(configured);
const config = listeningOn(configured, bound.port);
const log = createLogger(config);
const notHere = () => Promise.reject(new Error('not part of the publishing test server'));
const leeszaal = createLeeszaal(config, log, {
  publisher: {
    ...folderPublisher({ dataDir: config.DATA_DIR, jobs: config.INGEST_JOBS, env: { ...process.env, PUBLIC_BASE_URL: config.PUBLIC_BASE_URL } }),
    republishRecord: notHere,
    withdraw: notHere,
    restore: notHere,
  },
});
bound.serve(leeszaal.app, leeszaal);
console.log(`LISTENING ${config.PUBLIC_BASE_URL}`);
