// The item editor's test server: the whole Leeszaal (IIIF, search with its activity follower, site)
// on its own copy of the published sample, with the admin item editor mounted at /admin in front of
// it and the real record publisher from ingest, as start.ts composes them. `users` sign in through
// the test-only guard until the workspace's real one is merged.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { loadConfig, type Config } from '../../config.ts';
import { recordPublisher } from '../../ingest/publishing/record-publisher.ts';
import type { SignedInUser } from '../../server/admin/contracts.ts';
import { type AuditEntry, createItemEditorRouter } from '../../server/admin/items/router.ts';
import { createLeeszaal } from '../../server/leeszaal.ts';
import { createLogger } from '../../server/logger.ts';
import { DEFAULT_DIST } from '../../server/routes/site.ts';
import { ensureBuilt, listen } from '../browser/support.ts';
import { publishedSample } from '../support/sample.ts';
import { testOnlyGuard } from './test-only-guard.ts';

export const CURATORS: SignedInUser[] = [
  { id: 1, name: 'anna', role: 'curator' },
  { id: 2, name: 'bram', role: 'curator' },
];

export interface EditorServer {
  baseUrl: string;
  dataDir: string;
  config: Config;
  audit: AuditEntry[];
  /** Brings search up to date with the activity log now, rather than at the follower's next tick. */
  syncSearch: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startEditorServer(): Promise<EditorServer> {
  ensureBuilt();
  const { server, baseUrl, setHandler } = await listen();
  const sample = await publishedSample(baseUrl);
  const root = await mkdtemp(path.join(os.tmpdir(), 'leeszaal-editor-'));
  const dataDir = path.join(root, 'data');
  // A copy of its own: the tests edit, withdraw and restore.
  await cp(sample.dataDir, dataDir, { recursive: true, filter: (src) => !src.endsWith('ingest.lock') });
  const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'silent' });
  const leeszaal = createLeeszaal(config, createLogger(config));
  const { guard, signInRouter } = testOnlyGuard(CURATORS);
  const audit: AuditEntry[] = [];
  const app = express();
  // As strict as the workspace's own policy: no inline script or style may be needed by an admin page.
  app.use(
    '/admin',
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use('/admin', signInRouter);
  app.use(
    '/admin',
    createItemEditorRouter({ config, guard, publisher: recordPublisher(config), audit: (e) => audit.push(e), distDir: DEFAULT_DIST }),
  );
  app.use(leeszaal.app);
  setHandler(app);
  await leeszaal.search.follower.sync();
  return {
    baseUrl,
    dataDir,
    config,
    audit,
    syncSearch: async () => {
      await leeszaal.search.follower.sync();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await leeszaal.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
