// The search part of the server: the engine chosen by configuration, its HTTP routers (/api/search
// and IIIF Content Search), its /healthz report, and the follower that keeps the index in step with
// the activity log ingest writes (a data folder published before the index existed is indexed in the
// background at start, so search works without a manual `npm run reindex`). The embedded engine's
// facet snapshot is loaded right after start, not on the first search.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Router } from 'express';
import type { Config } from '../config.ts';
import { dataPaths } from '../manifests/layout.ts';
import type { Logger } from './logger.ts';
import type { HealthContributor } from './routes/health.ts';
import { createContentSearchRouter } from './routes/content-search.ts';
import { createSearchRouter } from './routes/search.ts';
import { ActivityFollower } from './search/activity-follower.ts';
import type { SearchBackend } from './search/backend.ts';
import { openSearchBackend, searchHealth } from './search/open.ts';

export interface SearchPart {
  routers: Router[];
  health: HealthContributor[];
  backend: SearchBackend;
  follower: ActivityFollower;
  close: () => Promise<void>;
}

/** How often the follower looks for new activities: a published item is searchable within this. */
export const FOLLOW_INTERVAL_MS = 1000;

export function createSearchPart(config: Config, log: Logger): SearchPart {
  const backend = openSearchBackend(config);
  const paths = dataPaths(config.DATA_DIR);
  if (backend.kind === 'embedded') {
    // Load the in-memory facet snapshot now rather than on the first reader's search (seconds at 100,000 items).
    setImmediate(() => {
      backend.search({ filters: {}, sort: 'title', page: 1, size: 1 }).catch(() => undefined);
    });
  }
  const follower = new ActivityFollower({
    dataDir: config.DATA_DIR,
    backend,
    log,
    ...(backend.kind === 'embedded' ? { indexExists: () => existsSync(path.join(paths.search, 'current.json')) } : {}),
  });
  follower.start(FOLLOW_INTERVAL_MS);
  return {
    routers: [createSearchRouter(backend), createContentSearchRouter(backend, config)],
    health: [{ name: 'search', check: async () => ({ ...(await searchHealth(backend)) }) }],
    backend,
    follower,
    close: async () => {
      await follower.close();
      await backend.close();
    },
  };
}
