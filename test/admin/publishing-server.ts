// TEST-ONLY: the publishing part composed into a real server process (as start.ts will once the
// accounts part mounts /admin), with the test-only guard and shell, the real Publisher (ingest as a
// child process) and the public site behind it. Run by tests that kill and restart it and by the
// browser test; prints `LISTENING <url>` when ready. Audit lines go to <state>/admin/audit-test.jsonl.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import express from 'express';
import { listeningOn, loadConfig } from '../../config.ts';
import { folderPublisher } from '../../ingest/publishing/folder-job.ts';
import { dataPaths } from '../../manifests/layout.ts';
import { createPublishingPart } from '../../server/admin/publishing.ts';
import { createLeeszaal } from '../../server/leeszaal.ts';
import { listen } from '../../server/listen.ts';
import { createLogger } from '../../server/logger.ts';
import { testOnlyGuard, testOnlyShell } from '../support/admin-test-only-guard.ts';
import { REPO_ROOT } from '../support/inputs.ts';

const configured = loadConfig(process.env);
const bound = await listen(configured);
const config = listeningOn(configured, bound.port);
const log = createLogger(config);
const adminDir = path.join(dataPaths(config.DATA_DIR).state, 'admin');
mkdirSync(adminDir, { recursive: true });
const db = new DatabaseSync(path.join(adminDir, 'admin.sqlite'));
db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000');

const part = createPublishingPart({
  config,
  db,
  guard: testOnlyGuard,
  shell: testOnlyShell,
  publisher: folderPublisher({
    dataDir: config.DATA_DIR,
    jobs: config.INGEST_JOBS,
    env: { ...process.env, PUBLIC_BASE_URL: config.PUBLIC_BASE_URL },
  }),
  audit: (entry) => appendFileSync(path.join(adminDir, 'audit-test.jsonl'), `${JSON.stringify(entry)}\n`),
  log,
});
await part.start();
const leeszaal = createLeeszaal(config, log);
const app = express();
app.use('/admin/assets', express.static(path.join(REPO_ROOT, 'viewer', 'dist', 'assets'), { index: false }));
app.use('/admin', part.router);
app.use(leeszaal.app);
bound.serve(app, {
  drain: leeszaal.drain,
  close: async () => {
    await part.close();
    await leeszaal.close();
    db.close();
  },
});
console.log(`LISTENING ${config.PUBLIC_BASE_URL}`);
